#include "sigma/correlation_rule.h"

#include <algorithm>
#include <array>
#include <limits>

using namespace Qt::StringLiterals;

namespace vigil::sigma {

namespace {

constexpr std::array<const char16_t*, 4> kTypeNames = {u"event_count", u"value_count",
                                                       u"temporal", u"temporal_ordered"};
constexpr std::array<const char16_t*, 6> kOpNames = {u"gt", u"gte", u"lt", u"lte", u"eq", u"neq"};

} // namespace

QString correlationTypeName(CorrelationType type)
{
    return QString::fromUtf16(kTypeNames[std::size_t(type)]);
}

bool CountCondition::test(qint64 n) const
{
    for (const Term& t : m_terms) {
        bool ok = false;
        switch (t.op) {
        case Op::Gt:
            ok = n > t.value;
            break;
        case Op::Gte:
            ok = n >= t.value;
            break;
        case Op::Lt:
            ok = n < t.value;
            break;
        case Op::Lte:
            ok = n <= t.value;
            break;
        case Op::Eq:
            ok = n == t.value;
            break;
        case Op::Neq:
            ok = n != t.value;
            break;
        }
        if (!ok) {
            return false;
        }
    }
    return true;
}

bool CountCondition::isMonotone() const
{
    return std::all_of(m_terms.begin(), m_terms.end(),
                       [](const Term& t) { return t.op == Op::Gt || t.op == Op::Gte; });
}

qint64 CountCondition::smallestSatisfying(qint64 maxCount) const
{
    // The satisfying set is an interval minus single values (neq), so the smallest member is
    // the interval's start, stepped past excluded values.
    qint64 lo = 1;
    qint64 hi = maxCount;
    std::vector<qint64> excluded;
    for (const Term& t : m_terms) {
        switch (t.op) {
        case Op::Gt:
            if (t.value == std::numeric_limits<qint64>::max()) {
                return 0;
            }
            lo = std::max(lo, t.value + 1);
            break;
        case Op::Gte:
            lo = std::max(lo, t.value);
            break;
        case Op::Lt:
            hi = std::min(hi, t.value - 1);
            break;
        case Op::Lte:
            hi = std::min(hi, t.value);
            break;
        case Op::Eq:
            lo = std::max(lo, t.value);
            hi = std::min(hi, t.value);
            break;
        case Op::Neq:
            excluded.push_back(t.value);
            break;
        }
    }
    std::sort(excluded.begin(), excluded.end());
    for (const qint64 x : excluded) {
        if (x == lo) {
            ++lo;
        }
    }
    return lo <= hi ? lo : 0;
}

QString CountCondition::toString() const
{
    QStringList parts;
    for (const Term& t : m_terms) {
        parts << QString::fromUtf16(kOpNames[std::size_t(t.op)]) + u' ' + QString::number(t.value);
    }
    return parts.join(u" and "_s);
}

CorrelationRule::CorrelationRule() = default;
CorrelationRule::~CorrelationRule() = default;

QString CorrelationRule::fieldFor(const QString& field, std::size_t ref) const
{
    const auto it = m_aliases.constFind(field);
    if (it != m_aliases.cend() && ref < it->size() && !(*it)[ref].isEmpty()) {
        return (*it)[ref];
    }
    return field;
}

} // namespace vigil::sigma
