#include "sigma/value_matcher.h"

#include "model/field_value.h"
#include "sigma/detection.h"
#include "sigma/match_context.h"
#include "sigma/match_index.h"

namespace vigil::sigma::detail {

Subject::Subject(MatchContext& ctx, int index)
    : m_ctx(&ctx)
    , m_index(index)
    , m_value(index >= 0 ? &ctx.value(index) : nullptr)
{
}

Subject::Subject(const FieldValue& item)
    : m_value(&item)
{
}

const QString& Subject::text() const
{
    return m_ctx ? m_ctx->text(m_index) : m_value->text();
}

const QString& Subject::folded() const
{
    if (m_ctx) {
        return m_ctx->folded(m_index);
    }
    if (!m_haveFolded) {
        m_folded = foldCase(m_value->text());
        m_haveFolded = true;
    }
    return m_folded;
}

const QByteArray& Subject::utf8() const
{
    if (m_ctx) {
        return m_ctx->utf8(m_index);
    }
    if (!m_haveUtf8) {
        m_utf8 = m_value->text().toUtf8();
        m_haveUtf8 = true;
    }
    return m_utf8;
}

bool ValueMatcher::test(RuleEval& ev, int index) const
{
    if (index == -1) {
        return matchAbsentOrNull();
    }
    MatchContext& ctx = ev.ctx();
    if (index == MatchContext::kRawIndex) {
        return matchScalar(ev, Subject(ctx, index));
    }
    const FieldValue& v = ctx.value(index);
    if (v.isNull()) {
        return matchAbsentOrNull();
    }
    if (v.isList()) {
        // A multi-valued field matches when any of its elements does.
        for (const FieldValue& item : v.items()) {
            if (!item.isNull() && !item.isList() && matchScalar(ev, Subject(item))) {
                return true;
            }
        }
        return false;
    }
    return matchScalar(ev, Subject(ctx, index));
}

quint8 StringValueMatcher::indexMask() const
{
    if (m_literal < 0) {
        return 0;
    }
    switch (m_matcher.kind()) {
    case StringMatcher::Kind::Exact:
        return MatchIndex::Whole;
    case StringMatcher::Kind::Prefix:
        return MatchIndex::AtStart;
    case StringMatcher::Kind::Suffix:
        return MatchIndex::AtEnd;
    case StringMatcher::Kind::Contains:
        return MatchIndex::Found;
    default:
        return 0;
    }
}

bool StringValueMatcher::matchScalar(RuleEval& ev, const Subject& s) const
{
    const quint8 mask = indexMask();
    if (mask && !m_keyword && s.fieldIndex() >= 0 && ev.ctx().index()) {
        return ev.ctx().literalFlags(m_fieldId, s.fieldIndex(), m_literal) & mask;
    }
    return m_matcher.matches(m_matcher.caseSensitive() ? s.text() : s.folded());
}

IntValueMatcher::IntValueMatcher(qint64 value, const QString& text)
    : m_value(value)
    , m_text(text)
{
}

bool IntValueMatcher::matchScalar(RuleEval&, const Subject& s) const
{
    const FieldValue* v = s.value();
    if (v && v->type() == FieldValue::Type::Int) {
        return v->toInt() == m_value;
    }
    if (v && v->type() == FieldValue::Type::Bool) {
        return false;
    }
    const QString& t = s.text();
    bool ok = false;
    const qint64 parsed = QStringView(t).toLongLong(&ok, 10);
    if (ok) {
        return parsed == m_value;
    }
    return t == m_text;
}

bool RegexValueMatcher::matchScalar(RuleEval&, const Subject& s) const
{
    return m_re->usesRe2() ? m_re->searchUtf8(s.utf8()) : m_re->searchUtf16(s.text());
}

bool CidrValueMatcher::matchScalar(RuleEval&, const Subject& s) const
{
    QHostAddress addr;
    if (!addr.setAddress(s.text().trimmed())) {
        return false;
    }
    return addr.protocol() == m_network.protocol() && addr.isInSubnet(m_network, m_prefix);
}

NumericValueMatcher::NumericValueMatcher(Op op, bool isInt, qint64 i, double d)
    : m_op(op)
    , m_isInt(isInt)
    , m_int(i)
    , m_double(d)
{
}

namespace {

template <typename T> bool compare(NumericValueMatcher::Op op, T a, T b)
{
    switch (op) {
    case NumericValueMatcher::Op::Gt:
        return a > b;
    case NumericValueMatcher::Op::Gte:
        return a >= b;
    case NumericValueMatcher::Op::Lt:
        return a < b;
    case NumericValueMatcher::Op::Lte:
        return a <= b;
    }
    return false;
}

} // namespace

bool NumericValueMatcher::matchScalar(RuleEval&, const Subject& s) const
{
    const FieldValue* v = s.value();
    bool isInt = false;
    qint64 i = 0;
    double d = 0;
    if (v && v->type() == FieldValue::Type::Int) {
        isInt = true;
        i = v->toInt();
        d = double(i);
    } else if (v && v->type() == FieldValue::Type::Bool) {
        return false;
    } else if (!parseNumber(s.text(), &isInt, &i, &d)) {
        return false;
    }
    if (isInt && m_isInt) {
        return compare(m_op, i, m_int);
    }
    return compare(m_op, isInt ? double(i) : d, m_isInt ? double(m_int) : m_double);
}

bool ExistsValueMatcher::test(RuleEval&, int index) const
{
    return (index != -1) == m_wanted;
}

FieldRefValueMatcher::FieldRefValueMatcher(int refSlot, Mode mode, bool caseSensitive)
    : m_refSlot(refSlot)
    , m_mode(mode)
    , m_caseSensitive(caseSensitive)
{
}

bool FieldRefValueMatcher::matchScalar(RuleEval& ev, const Subject& s) const
{
    const int ref = ev.fieldIndex(m_refSlot);
    if (ref < 0) {
        return false;
    }
    MatchContext& ctx = ev.ctx();
    const FieldValue& rv = ctx.value(ref);
    if (rv.isNull() || rv.isList()) {
        return false;
    }
    const QString& a = m_caseSensitive ? s.text() : s.folded();
    const QString& b = m_caseSensitive ? ctx.text(ref) : ctx.folded(ref);
    switch (m_mode) {
    case Mode::Equal:
        return a == b;
    case Mode::Prefix:
        return a.startsWith(b);
    case Mode::Suffix:
        return a.endsWith(b);
    case Mode::Contains:
        return a.contains(b);
    }
    return false;
}

bool parseNumber(QStringView text, bool* isInt, qint64* i, double* d)
{
    const QStringView t = text.trimmed();
    if (t.isEmpty()) {
        return false;
    }
    bool ok = false;
    if (t.size() > 2 && t[0] == u'0' && (t[1] == u'x' || t[1] == u'X')) {
        const qint64 v = t.mid(2).toLongLong(&ok, 16);
        if (ok) {
            *isInt = true;
            *i = v;
            *d = double(v);
        }
        return ok;
    }
    const qint64 v = t.toLongLong(&ok, 10);
    if (ok) {
        *isInt = true;
        *i = v;
        *d = double(v);
        return true;
    }
    // Only plain decimal notation: no "inf"/"nan" words.
    const QChar c0 = t[0];
    if (!(c0.isDigit() || c0 == u'-' || c0 == u'+' || c0 == u'.')) {
        return false;
    }
    const double dv = t.toDouble(&ok);
    if (!ok || qIsInf(dv) || qIsNaN(dv)) {
        return false;
    }
    *isInt = false;
    *d = dv;
    return true;
}

} // namespace vigil::sigma::detail
