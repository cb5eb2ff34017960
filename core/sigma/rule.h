#pragma once

#include <memory>
#include <optional>

#include <QString>
#include <QStringList>
#include <QStringView>

namespace vigil {
struct Event;
}

namespace vigil::sigma {

namespace detail {
struct CompiledDetection;
class LogSourceFilter;
class MatchContext;
class RuleBuilder;
} // namespace detail

/** @brief Sigma rule level, ordered from least to most severe. */
enum class Level : quint8 { Informational = 0, Low, Medium, High, Critical };

/** @brief "informational", "low", "medium", "high" or "critical". */
QString levelName(Level level);
/** @brief The level for a Sigma level name (case-insensitive); nullopt when unknown. */
std::optional<Level> levelFromName(QStringView name);

/** @brief A rule's descriptive fields as written in its YAML. */
struct RuleMeta {
    QString id, name, title, status, description, author, date, modified;
    Level level = Level::Medium; // when the rule has no level
    QStringList tags, references, falsePositives;
    QString product, category, service; // logsource
};

/**
 * @brief One compiled Sigma detection rule (created by RuleSet).
 *
 * Immutable after load; matches() may be called from many threads at once.
 *
 * Matching follows shared/docs/sigma-semantics.md §1–§6. Choices where Sigma is silent:
 * - keywords are substring matches against one field value at a time (values only, never
 *   names); Event::raw is searched too for syslog formats and for events without fields;
 * - field names are looked up exactly, then ignoring case;
 * - `?` matches one UTF-16 code unit;
 * - log sources come from the mapping `:/sigma/logsources.yml`. A log source Vigil knows but
 *   does not collect (Zeek, cloud, macOS, Linux process creation …) makes the rule inert:
 *   it loads but canMatch() is false. A product Vigil does not know at all (a custom source)
 *   does not restrict the rule. warnings() says which case applies.
 */
class Rule {
public:
    ~Rule();
    Rule(const Rule&) = delete;
    Rule& operator=(const Rule&) = delete;

    const RuleMeta& meta() const { return m_meta; }
    /** @brief The Sigma id, or "sha1:" + hex SHA-1 of the YAML document text without one. */
    const QString& uid() const { return m_uid; }
    /** @brief The file the rule came from, or the origin given to RuleSet::addText(). */
    const QString& path() const { return m_path; }
    /** @brief The YAML text of this rule's document. */
    const QString& text() const { return m_text; }
    /** @brief Non-fatal remarks: unmapped log-source terms, extensions used. */
    QStringList warnings() const { return m_warnings; }
    /** @brief False when the rule's log source is one Vigil does not collect yet. */
    bool canMatch() const;

    /** @brief The log-source filter only. */
    bool appliesTo(const Event& e) const;
    /** @brief appliesTo() and the detection condition. */
    bool matches(const Event& e) const;

    /** @brief Internal: evaluates the detection with log-source alternative @p alternative. */
    bool matchesDetection(detail::MatchContext& ctx, int alternative) const;
    /** @brief Internal: the compiled detection. */
    const detail::CompiledDetection& detection() const { return *m_detection; }
    /** @brief Internal: the log-source filter (shared by rules with the same log source). */
    const detail::LogSourceFilter& logSourceFilter() const { return *m_logSource; }

private:
    friend class detail::RuleBuilder;
    Rule();

    RuleMeta m_meta;
    QString m_uid;
    QString m_path;
    QString m_text;
    QStringList m_warnings;
    std::unique_ptr<const detail::CompiledDetection> m_detection;
    std::shared_ptr<const detail::LogSourceFilter> m_logSource;
};

} // namespace vigil::sigma
