#pragma once

#include <memory>
#include <vector>

namespace vigil::sigma {
class CorrelationRule;
class Rule;
struct LoadIssue;
} // namespace vigil::sigma

namespace vigil::sigma::detail {

/**
 * @brief Resolves the `rules` references and `aliases` of correlation rules against the rules
 * and correlations of one RuleSet, by `id` or by `name`, and checks chains of correlations.
 *
 * Runs again whenever the set grows (a reference may name a rule loaded later, from another file
 * or from the library), so it resets what a previous run resolved. A correlation that cannot be
 * used gets issues and is left out of the result; every correlation that references it is left
 * out too.
 */
class CorrelationLinker {
public:
    /** @brief The usable correlations of @p defs, in load order; problems go to @p issues. */
    static std::vector<std::shared_ptr<const CorrelationRule>>
    link(const std::vector<std::shared_ptr<const Rule>>& rules,
         const std::vector<std::shared_ptr<CorrelationRule>>& defs,
         std::vector<LoadIssue>& issues);
};

} // namespace vigil::sigma::detail
