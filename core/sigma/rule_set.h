#pragma once

#include <memory>
#include <vector>

#include <QHash>
#include <QString>

namespace YAML {
class Node;
}

namespace vigil {
struct Event;
}

namespace vigil::sigma {

class CorrelationRule;
class LogSourceMap;
class Rule;
namespace detail {
class LogSourceFilter;
class MatchIndex;
class RuleBuilder;
struct ParsedDocument;
class RuleIndex;
} // namespace detail

/** @brief Why one rule document could not be used. Lines and columns are 1-based, 0 = unknown. */
struct LoadIssue {
    QString file;
    int line = 0;
    int column = 0;
    QString ruleId;
    QString title;
    QString message;
    bool unsupported = false; ///< valid Sigma that this build cannot run yet

    /** @brief "file:line:column: message". */
    QString toString() const;
};

/**
 * @brief A collection of Sigma rules loaded from files or text, with the issues met on the way.
 *
 * Threading: loading (addPath/addText/setLogSourceMapText) is not thread-safe and must not
 * overlap matching. After loading, match() is const and may run on many threads at once; the
 * rules it returns live as long as the RuleSet (or a copy of their shared_ptr).
 *
 * Rules that cannot be used become LoadIssues (never exceptions): YAML errors, unknown
 * modifiers or identifiers, forbidden modifier combinations, bad value types, duplicate ids,
 * and, flagged `unsupported`, valid Sigma this build cannot run (global filters, Sigma 1.x
 * aggregations/`near`/`timeframe`, `expand` placeholders, time modifiers, the value_sum/avg/
 * percentile/median correlation types).
 *
 * Correlation documents become correlations(). Their `rules` are resolved by `id` or `name`
 * against everything the set holds, after each addPath()/addText()/addTexts() call, so a
 * reference may name a rule from another file of the folder, a later document of the same file,
 * or a rule added later; an unresolved reference is an issue until it resolves. match() runs
 * base rules only: correlation state lives in a CorrelationEngine fed with match()'s hits.
 *
 * match() gives the same answers as matchNaive() (Rule::matches() on every rule), faster:
 * rules are dispatched by the event's channel and event id (detail::RuleIndex), each distinct
 * log source is tested once per event, field names are resolved once per event, and the plain
 * literals of the rules are searched per field in one Aho-Corasick pass, so rules whose
 * required literals are absent are skipped without being evaluated.
 */
class RuleSet {
public:
    RuleSet();
    ~RuleSet();
    RuleSet(RuleSet&&) noexcept;
    RuleSet& operator=(RuleSet&&) noexcept;

    /** @brief Loads a .yml/.yaml file, or every such file below a folder (sorted, recursive). */
    void addPath(const QString& fileOrDir);
    /**
     * @brief Loads rules from YAML text; @p origin (a file name, ":/rules/x.yml", "library:…")
     * becomes the rules' path() and the `file` of issues.
     */
    void addText(const QString& yaml, const QString& origin);
    /** @brief Loads many texts (yaml, origin) at once; much faster than addText() in a loop. */
    void addTexts(const std::vector<std::pair<QString, QString>>& texts);

    const std::vector<std::shared_ptr<const Rule>>& rules() const { return m_rules; }
    /** @brief The correlation rules whose references all resolved, in load order. */
    const std::vector<std::shared_ptr<const CorrelationRule>>& correlations() const
    {
        return m_correlations;
    }
    const std::vector<LoadIssue>& issues() const { return m_issues; }
    /** @brief Rule documents seen (loaded or not). */
    int documentCount() const { return m_documents; }

    /** @brief Appends the rules matching @p e to @p hits, in load order. Thread-safe. */
    void match(const Event& e, std::vector<const Rule*>& hits) const;
    /**
     * @brief Same answers as match(), the plain way: Rule::matches() on every rule, one at a
     * time, without any index. The reference for tests and benchmarks; much slower.
     */
    void matchNaive(const Event& e, std::vector<const Rule*>& hits) const;

    /** @brief Size figures of the matching structures (benchmarks, reports). */
    struct IndexStats {
        int rules = 0;
        int inertRules = 0;               ///< log sources Vigil does not collect
        int buckets = 0;                  ///< (channel, event id) dispatch buckets
        int rulesWithoutRequirement = 0;  ///< no literal prefilter: run whenever the source fits
        qint64 postings = 0;
        qint64 literals = 0;
        qint64 automatonStates = 0;
        qint64 automatonBytes = 0;
    };
    IndexStats indexStats() const;

    /**
     * @brief Uses @p yaml as the log-source mapping for rules loaded from now on instead of the
     * built-in `:/sigma/logsources.yml`. A broken mapping becomes an issue and stops loading.
     */
    void setLogSourceMapText(const QString& yaml, const QString& origin);

private:
    void ensureMap();
    void addFile(const QString& path);
    void addDocuments(const QString& text, const QString& file, const QString& path);
    void addDocument(const detail::ParsedDocument& doc, const QString& file, const QString& path);
    void addIssue(LoadIssue issue);
    /** Rebuilds the literal automata and the rule index; links correlations. */
    void finishLoading();
    /** Records @p id as loaded from here; false (and an issue) when it was loaded before. */
    bool claimId(const QString& id, const YAML::Node& root, const QString& file, int lineOffset,
                 const QString& title);
    void addCorrelation(const YAML::Node& root, detail::RuleBuilder& builder, const QString& file,
                        int lineOffset);
    void linkCorrelations();

    std::vector<std::shared_ptr<const Rule>> m_rules;
    std::vector<LoadIssue> m_issues;
    int m_documents = 0;
    QHash<QString, QString> m_idOrigin; // rule id -> where it was first loaded
    std::shared_ptr<const LogSourceMap> m_map;
    bool m_mapBroken = false;
    QHash<QString, int> m_filterIndex; // log-source key -> index in m_filterList
    std::vector<const detail::LogSourceFilter*> m_filterList; // owned by the first rule using it
    std::vector<int> m_ruleFilter;                            // rule index -> index in m_filterList
    std::unique_ptr<detail::MatchIndex> m_index;
    std::unique_ptr<detail::RuleIndex> m_ruleIndex;
    std::vector<std::shared_ptr<CorrelationRule>> m_correlationDefs; // every correlation read
    std::vector<std::shared_ptr<const CorrelationRule>> m_correlations; // the usable ones
    std::size_t m_linkIssuesBegin = 0; // m_issues[begin, begin + count) come from linking
    std::size_t m_linkIssuesCount = 0;
};

} // namespace vigil::sigma
