#pragma once

#include <memory>

#include "sigma/rule_builder.h"

namespace YAML {
class Node;
}

namespace vigil::sigma {
class CorrelationRule;
}

namespace vigil::sigma::detail {

/**
 * @brief Reads one correlation document into a CorrelationRule whose references are not yet
 * resolved (CorrelationLinker does that once every document of the set is loaded).
 *
 * Throws BuildError with the 1-based position of the offending YAML node; valid Sigma that Vigil
 * does not run (value_sum/value_avg/value_percentile/value_median, string conditions of the
 * extended temporal form, calendar timespans) is flagged `unsupported`.
 */
class CorrelationBuilder {
public:
    explicit CorrelationBuilder(RuleBuilder& base);

    /** @brief Builds from the parsed document @p root (a map with a `correlation` key). */
    std::shared_ptr<CorrelationRule> build(const YAML::Node& root);

    /** @brief Largest number of referenced rules (64; 16 for temporal_ordered). */
    static constexpr int kMaxRefs = 64;
    static constexpr int kMaxOrderedRefs = 16;

private:
    void readType(const YAML::Node& node, CorrelationRule& rule);
    void readRules(const YAML::Node& node, CorrelationRule& rule);
    void readGroupBy(const YAML::Node& node, CorrelationRule& rule);
    void readTimespan(const YAML::Node& node, CorrelationRule& rule);
    void readCondition(const YAML::Node& node, const YAML::Node& block, CorrelationRule& rule);
    void readAliases(const YAML::Node& node, CorrelationRule& rule);
    void readGenerate(const YAML::Node& node, CorrelationRule& rule);
    QStringList textList(const YAML::Node& node, const QString& what);

    RuleBuilder& m_base;
    const YAML::Node* m_block = nullptr; ///< the `correlation` map, for errors about missing keys
};

} // namespace vigil::sigma::detail
