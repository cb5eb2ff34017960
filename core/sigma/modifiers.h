#pragma once

#include <memory>
#include <optional>
#include <vector>

#include <QString>

namespace YAML {
class Node;
}

namespace vigil::sigma::detail {

class RuleBuilder;
class ValueMatcher;

/** @brief Sigma value modifiers (sigma-semantics.md §4); Time stands for minute..year. */
enum class Mod {
    Contains,
    StartsWith,
    EndsWith,
    All,
    Re,
    ReI,
    ReM,
    ReS,
    Cased,
    Base64,
    Base64Offset,
    Utf16Le,
    Utf16Be,
    Utf16,
    Windash,
    Cidr,
    Exists,
    Gt,
    Gte,
    Lt,
    Lte,
    Neq,
    FieldRef,
    Expand,
    Time
};

/** @brief The modifier named @p name, or nullopt for an unknown one. */
std::optional<Mod> modFromName(const QString& name);

/**
 * @brief The string pipeline of one value: escapes and wildcards, then the modifiers in
 * order (contains/startswith/endswith, windash, utf16*, base64, base64offset, expand), giving
 * one StringValueMatcher per alternative in @p group. @p field is empty for keywords.
 * Plain literals are registered with the builder's MatchIndex. Throws BuildError.
 */
void compileStringValue(const RuleBuilder& b, const YAML::Node& vn, QString text,
                        const std::vector<Mod>& mods, const std::vector<QString>& names,
                        const QString& field, bool cased,
                        std::vector<std::unique_ptr<ValueMatcher>>& group);

} // namespace vigil::sigma::detail
