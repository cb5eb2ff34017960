#pragma once

#include <memory>
#include <vector>

#include <QString>

namespace vigil::sigma::detail {

class MatchContext;
class ValueMatcher;
class RuleEval;

/**
 * @brief One `field|modifiers: values` entry (or a keyword entry when slot < 0).
 *
 * Each group is one rule value with its expansions (OR-ed, e.g. windash alternatives); the
 * groups are OR-ed, or AND-ed with `all`. `neq` negates the whole item.
 */
struct FieldItem {
    int slot = -1;
    bool all = false;
    bool negate = false;
    std::vector<std::vector<std::unique_ptr<ValueMatcher>>> groups;
    // Fast path when every value is a MatchIndex literal of one field: (literal, flag mask)
    // pairs, each group ending at fastGroupEnd[g]. fastFieldId < 0: not available.
    int fastFieldId = -1;
    std::vector<std::pair<int, quint8>> fastLiterals;
    std::vector<int> fastGroupEnd;

    FieldItem();
    ~FieldItem();
    FieldItem(FieldItem&&) noexcept;
    FieldItem& operator=(FieldItem&&) noexcept;

    bool eval(RuleEval& ev) const;

private:
    bool evalField(RuleEval& ev) const;
    bool evalFast(const quint8* flags) const;
    bool evalKeywords(RuleEval& ev) const;
};

/** @brief A search identifier's value: a map (AND), a list (OR) or a single item. */
struct DetectionNode {
    enum class Type : quint8 { And, Or, Item };
    Type type = Type::And;
    std::vector<DetectionNode> children;
    std::unique_ptr<FieldItem> item;

    bool eval(RuleEval& ev) const;
};

/** @brief The parsed condition. */
struct CondNode {
    enum class Type : quint8 { Ident, Not, And, Or, AnyOf, AllOf, AtLeast };
    Type type = Type::Ident;
    int ident = -1;          // Ident
    int count = 0;           // AtLeast
    std::vector<int> idents; // AnyOf / AllOf / AtLeast
    std::vector<CondNode> children;
};

/** @brief A MatchIndex literal hit (flags & mask) on an interned field. */
struct LiteralRequirement {
    int fieldId = -1;
    int literal = -1;
    quint8 mask = 0;
};

/** @brief A rule's detection, ready to evaluate. Immutable once built. */
struct CompiledDetection {
    std::vector<QString> slotNames;                // distinct field names the rule reads
    std::vector<int> slotIds;                      // their MatchIndex ids (empty: none)
    std::vector<std::vector<QString>> slotAliases; // per log-source alternative: alias or ""
    std::vector<QString> identNames;
    std::vector<DetectionNode> identNodes;
    CondNode condition;
    // When set, the condition can only hold if one of these literals hits (a necessary
    // condition derived from the tree; used to skip rules before evaluating them).
    bool hasRequirement = false;
    std::vector<LiteralRequirement> requirement;

    /** @brief Derives hasRequirement/requirement from the compiled tree. */
    void computeRequirement();

    /** @brief Evaluates the condition; @p alternative selects the field aliases (-1 none). */
    bool eval(MatchContext& ctx, int alternative) const;
};

/**
 * @brief Evaluation state of one rule against one event: resolved field slots and
 * memoised identifier results. Lives on the stack of the evaluating thread.
 */
class RuleEval {
public:
    RuleEval(MatchContext& ctx, const CompiledDetection& det, int alternative);
    ~RuleEval();

    MatchContext& ctx() { return m_ctx; }
    /** @brief Field index for @p slot in the context, or -1 when the event lacks it. */
    int fieldIndex(int slot);
    bool ident(int index);

private:
    static constexpr std::size_t kInline = 64;
    MatchContext& m_ctx;
    const CompiledDetection& m_det;
    const std::vector<QString>* m_aliases = nullptr;
    // Slots first, then identifier memos; -2 = not computed yet. Inline for typical rules.
    int m_inline[kInline];
    std::vector<int> m_heap;
    int* m_slots;
    int* m_memo;
};

bool evalCondition(const CondNode& node, RuleEval& ev);

} // namespace vigil::sigma::detail
