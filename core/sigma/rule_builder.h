#pragma once

#include <memory>

#include <QHash>
#include <QString>
#include <QStringList>

#include "sigma/detection.h"

namespace YAML {
class Node;
class Mark;
} // namespace YAML

namespace vigil::sigma {
class LogSourceMap;
class Rule;
struct RuleMeta;
} // namespace vigil::sigma

namespace vigil::sigma::detail {

class MatchIndex;

/** @brief A rule that cannot be used; positions are 1-based (0 = unknown). */
struct BuildError {
    QString message;
    int line = 0;
    int column = 0;
    bool unsupported = false;
};

/** @brief Where one YAML document sits in its file, for positions and Rule::text(). */
struct DocumentSource {
    QString text;       // the document's YAML text
    QString path;       // file path (empty for text)
    int lineOffset = 0; // 0-based line of the document's first line in the file
};

/**
 * @brief Compiles one Sigma rule document into a Rule. Throws BuildError; never lets a
 * yaml-cpp exception out. Not thread-safe; one builder per document.
 */
class RuleBuilder {
public:
    /** @brief @p index (optional) receives the rule's field names and plain literals. */
    RuleBuilder(const DocumentSource& source, const LogSourceMap& map, MatchIndex* index = nullptr);

    /** @brief Builds the rule from the parsed document @p root. */
    std::shared_ptr<Rule> build(const YAML::Node& root);

    /**
     * @brief Reads id, title and the descriptive fields of a document that is not a detection
     * rule (a correlation); throws BuildError like build().
     */
    RuleMeta readMetaOnly(const YAML::Node& root);

    /** @brief The id and title as far as they were read (for issues). */
    const QString& ruleId() const { return m_id; }
    const QString& title() const { return m_title; }

    [[noreturn]] void fail(const YAML::Node& node, const QString& message,
                           bool unsupported = false) const;
    [[noreturn]] void failAt(const YAML::Mark& mark, const QString& message,
                             bool unsupported = false) const;

    MatchIndex* index() const { return m_index; }
    /** @brief The document being built (text, path, line offset). */
    const DocumentSource& source() const { return m_source; }

    /** @brief The slot for field @p name in the rule being built. */
    int slotFor(const QString& name);

    /** @brief Compiles the value of a search identifier (map, list or keyword). */
    DetectionNode compileIdentifier(const YAML::Node& node);

private:
    void readMeta(const YAML::Node& root, Rule& rule);
    void readMeta(const YAML::Node& root, RuleMeta& meta);
    void compileDetection(const YAML::Node& detection, Rule& rule);
    CondNode compileCondition(const YAML::Node& cond, QStringList& warnings);
    DetectionNode compileMap(const YAML::Node& node);
    FieldItem compileItem(const YAML::Node& key, const YAML::Node& value);
    /** @brief Line and column (1-based) of @p offset inside scalar @p node's text. */
    std::pair<int, int> scalarPosition(const YAML::Node& node, qsizetype offset) const;

    const DocumentSource& m_source;
    const LogSourceMap& m_map;
    MatchIndex* m_index = nullptr;
    QString m_id;
    QString m_title;
    CompiledDetection* m_det = nullptr;
    QHash<QString, int> m_slots;
    QStringList m_itemWarnings; ///< remarks found while compiling values
};

} // namespace vigil::sigma::detail
