#include "sigma/detection.h"

#include <algorithm>
#include <cstdint>
#include <optional>

#include "model/event.h"
#include "sigma/match_context.h"
#include "sigma/value_matcher.h"

namespace vigil::sigma::detail {

FieldItem::FieldItem() = default;
FieldItem::~FieldItem() = default;
FieldItem::FieldItem(FieldItem&&) noexcept = default;
FieldItem& FieldItem::operator=(FieldItem&&) noexcept = default;

bool FieldItem::eval(RuleEval& ev) const
{
    const bool result = slot < 0 ? evalKeywords(ev) : evalField(ev);
    return negate ? !result : result;
}

bool FieldItem::evalField(RuleEval& ev) const
{
    const int index = ev.fieldIndex(slot);
    if (fastFieldId >= 0 && index >= 0 && ev.ctx().index()) {
        const FieldValue& v = ev.ctx().value(index);
        if (!v.isNull() && !v.isList()) {
            return evalFast(ev.ctx().literalScan(fastFieldId, index));
        }
    }
    for (const auto& group : groups) {
        bool groupHit = false;
        for (const auto& m : group) {
            if (m->test(ev, index)) {
                groupHit = true;
                break;
            }
        }
        if (all && !groupHit) {
            return false;
        }
        if (!all && groupHit) {
            return true;
        }
    }
    return all;
}

bool FieldItem::evalFast(const quint8* flags) const
{
    std::size_t i = 0;
    for (const int end : fastGroupEnd) {
        bool groupHit = false;
        for (; i < std::size_t(end); ++i) {
            if (flags[fastLiterals[i].first] & fastLiterals[i].second) {
                groupHit = true;
                i = std::size_t(end);
                break;
            }
        }
        if (all && !groupHit) {
            return false;
        }
        if (!all && groupHit) {
            return true;
        }
    }
    return all;
}

bool FieldItem::evalKeywords(RuleEval& ev) const
{
    MatchContext& ctx = ev.ctx();
    if (fastFieldId >= 0 && ctx.index()) {
        return evalFast(ctx.keywordScan(fastFieldId));
    }
    const int n = ctx.fieldCount();
    for (const auto& group : groups) {
        bool groupHit = false;
        // A keyword is searched in one value at a time: it never spans two fields.
        for (int i = 0; i < n && !groupHit; ++i) {
            if (ctx.value(i).isNull()) {
                continue;
            }
            for (const auto& m : group) {
                if (m->test(ev, i)) {
                    groupHit = true;
                    break;
                }
            }
        }
        if (!groupHit && ctx.searchRaw()) {
            for (const auto& m : group) {
                if (m->test(ev, MatchContext::kRawIndex)) {
                    groupHit = true;
                    break;
                }
            }
        }
        if (all && !groupHit) {
            return false;
        }
        if (!all && groupHit) {
            return true;
        }
    }
    return all;
}

bool DetectionNode::eval(RuleEval& ev) const
{
    switch (type) {
    case Type::Item:
        return item->eval(ev);
    case Type::And:
        for (const DetectionNode& c : children) {
            if (!c.eval(ev)) {
                return false;
            }
        }
        return true;
    case Type::Or:
        for (const DetectionNode& c : children) {
            if (c.eval(ev)) {
                return true;
            }
        }
        return false;
    }
    return false;
}

bool evalCondition(const CondNode& node, RuleEval& ev)
{
    switch (node.type) {
    case CondNode::Type::Ident:
        return ev.ident(node.ident);
    case CondNode::Type::Not:
        return !evalCondition(node.children.front(), ev);
    case CondNode::Type::And:
        for (const CondNode& c : node.children) {
            if (!evalCondition(c, ev)) {
                return false;
            }
        }
        return true;
    case CondNode::Type::Or:
        for (const CondNode& c : node.children) {
            if (evalCondition(c, ev)) {
                return true;
            }
        }
        return false;
    case CondNode::Type::AnyOf:
        return std::any_of(node.idents.begin(), node.idents.end(),
                           [&ev](int i) { return ev.ident(i); });
    case CondNode::Type::AllOf:
        return std::all_of(node.idents.begin(), node.idents.end(),
                           [&ev](int i) { return ev.ident(i); });
    case CondNode::Type::AtLeast: {
        int hits = 0;
        for (int i : node.idents) {
            if (ev.ident(i) && ++hits >= node.count) {
                return true;
            }
        }
        return false;
    }
    }
    return false;
}

namespace {

using Requirement = std::optional<std::vector<LiteralRequirement>>;

Requirement itemRequirement(const FieldItem& item)
{
    if (item.negate || item.fastFieldId < 0 || item.fastGroupEnd.empty()) {
        return std::nullopt;
    }
    std::vector<LiteralRequirement> out;
    auto addRange = [&](std::size_t from, std::size_t to) {
        for (std::size_t i = from; i < to; ++i) {
            out.push_back(
                {item.fastFieldId, item.fastLiterals[i].first, item.fastLiterals[i].second});
        }
    };
    if (!item.all) {
        addRange(0, item.fastLiterals.size());
        return out;
    }
    // AND of groups: any one group is necessary; take the smallest.
    std::size_t best = 0;
    std::size_t bestSize = SIZE_MAX;
    std::size_t start = 0;
    for (std::size_t g = 0; g < item.fastGroupEnd.size(); ++g) {
        const std::size_t end = std::size_t(item.fastGroupEnd[g]);
        if (end - start < bestSize) {
            bestSize = end - start;
            best = g;
        }
        start = end;
    }
    addRange(best == 0 ? 0 : std::size_t(item.fastGroupEnd[best - 1]),
             std::size_t(item.fastGroupEnd[best]));
    return out;
}

/** AND: the smallest known child requirement; OR: the union, unknown if any child is. */
Requirement combine(std::vector<Requirement> parts, bool isAnd)
{
    Requirement result;
    for (Requirement& r : parts) {
        if (isAnd) {
            if (r && (!result || r->size() < result->size())) {
                result = std::move(r);
            }
        } else {
            if (!r) {
                return std::nullopt;
            }
            if (!result) {
                result.emplace();
            }
            result->insert(result->end(), r->begin(), r->end());
        }
    }
    return result;
}

Requirement nodeRequirement(const DetectionNode& node)
{
    if (node.type == DetectionNode::Type::Item) {
        return itemRequirement(*node.item);
    }
    std::vector<Requirement> parts;
    for (const DetectionNode& c : node.children) {
        parts.push_back(nodeRequirement(c));
    }
    return combine(std::move(parts), node.type == DetectionNode::Type::And);
}

Requirement condRequirement(const CondNode& node, const std::vector<Requirement>& idents)
{
    std::vector<Requirement> parts;
    switch (node.type) {
    case CondNode::Type::Ident:
        return idents[std::size_t(node.ident)];
    case CondNode::Type::Not:
        return std::nullopt;
    case CondNode::Type::And:
    case CondNode::Type::Or:
        for (const CondNode& c : node.children) {
            parts.push_back(condRequirement(c, idents));
        }
        return combine(std::move(parts), node.type == CondNode::Type::And);
    case CondNode::Type::AllOf:
    case CondNode::Type::AnyOf:
    case CondNode::Type::AtLeast:
        for (int i : node.idents) {
            parts.push_back(idents[std::size_t(i)]);
        }
        return combine(std::move(parts), node.type == CondNode::Type::AllOf);
    }
    return std::nullopt;
}

} // namespace

void CompiledDetection::computeRequirement()
{
    std::vector<Requirement> idents;
    for (const DetectionNode& n : identNodes) {
        idents.push_back(nodeRequirement(n));
    }
    Requirement r = condRequirement(condition, idents);
    hasRequirement = r.has_value() && !r->empty();
    requirement = hasRequirement ? std::move(*r) : std::vector<LiteralRequirement>();
}

bool CompiledDetection::eval(MatchContext& ctx, int alternative) const
{
    RuleEval ev(ctx, *this, alternative);
    return evalCondition(condition, ev);
}

RuleEval::RuleEval(MatchContext& ctx, const CompiledDetection& det, int alternative)
    : m_ctx(ctx)
    , m_det(det)
{
    if (alternative >= 0 && std::size_t(alternative) < det.slotAliases.size()
        && !det.slotAliases[std::size_t(alternative)].empty()) {
        m_aliases = &det.slotAliases[std::size_t(alternative)];
    }
    const std::size_t slotCount = det.slotNames.size();
    const std::size_t total = slotCount + det.identNames.size();
    if (total <= kInline) {
        m_slots = m_inline;
    } else {
        m_heap.resize(total);
        m_slots = m_heap.data();
    }
    std::fill(m_slots, m_slots + total, -2);
    m_memo = m_slots + slotCount;
}

RuleEval::~RuleEval() = default;

int RuleEval::fieldIndex(int slot)
{
    int& cached = m_slots[slot];
    if (cached == -2) {
        int index = -1;
        // A log-source field alias (e.g. Image -> NewProcessName for Security 4688) names
        // the field this kind of event really uses, so it is looked up first.
        if (m_aliases && !(*m_aliases)[std::size_t(slot)].isEmpty()) {
            index = m_ctx.resolve((*m_aliases)[std::size_t(slot)]);
        }
        if (index < 0) {
            const QString& name = m_det.slotNames[std::size_t(slot)];
            index = m_ctx.index() && !m_det.slotIds.empty()
                ? m_ctx.resolveId(m_det.slotIds[std::size_t(slot)])
                : m_ctx.resolve(name);
        }
        cached = index;
    }
    return cached;
}

bool RuleEval::ident(int index)
{
    int& memo = m_memo[index];
    if (memo == -2) {
        memo = m_det.identNodes[std::size_t(index)].eval(*this) ? 1 : 0;
    }
    return memo == 1;
}

} // namespace vigil::sigma::detail
