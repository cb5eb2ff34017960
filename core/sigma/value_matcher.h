#pragma once

#include <memory>

#include <QByteArray>
#include <QHostAddress>
#include <QString>

#include "sigma/regex_matcher.h"
#include "sigma/string_matcher.h"

namespace vigil {
class FieldValue;
}

namespace vigil::sigma::detail {

class MatchContext;
class RuleEval;

/**
 * @brief One scalar being compared: a top-level field (cached folded/UTF-8 forms in the
 * MatchContext), the raw event text, or an element of a list value (converted on demand).
 */
class Subject {
public:
    Subject(MatchContext& ctx, int index);
    explicit Subject(const FieldValue& item);

    /** @brief The field value; nullptr for the raw event text. */
    const FieldValue* value() const { return m_value; }
    /** @brief The field's index in the context; -1 for list elements and raw text. */
    int fieldIndex() const { return m_ctx && m_index >= 0 ? m_index : -1; }
    const QString& text() const;
    const QString& folded() const;
    const QByteArray& utf8() const;

private:
    MatchContext* m_ctx = nullptr;
    int m_index = -1;
    const FieldValue* m_value = nullptr;
    mutable QString m_folded;
    mutable QByteArray m_utf8;
    mutable bool m_haveFolded = false;
    mutable bool m_haveUtf8 = false;
};

/**
 * @brief A compiled predicate on one field value. test() sees the whole value (nullptr when
 * the field is absent) and by default applies matchScalar() to each element of a list.
 */
class ValueMatcher {
public:
    virtual ~ValueMatcher() = default;
    /** @brief @p index is the field's index in the MatchContext, or kRawIndex; -1 if absent. */
    virtual bool test(RuleEval& ev, int index) const;
    virtual bool matchScalar(RuleEval& ev, const Subject& s) const = 0;
    virtual bool matchAbsentOrNull() const { return false; }
};

class StringValueMatcher final : public ValueMatcher {
public:
    explicit StringValueMatcher(StringMatcher m)
        : m_matcher(std::move(m))
    {
    }
    /** @brief Answers from the MatchIndex literal scan when matching within a RuleSet. */
    void setIndexed(int fieldId, int literal, bool keyword)
    {
        m_fieldId = fieldId;
        m_literal = literal;
        m_keyword = keyword;
    }
    const StringMatcher& matcher() const { return m_matcher; }
    int indexFieldId() const { return m_fieldId; }
    int indexLiteral() const { return m_literal; }
    /** @brief The MatchIndex flag that decides this matcher (0 when not indexed). */
    quint8 indexMask() const;
    bool matchScalar(RuleEval& ev, const Subject& s) const override;

private:
    StringMatcher m_matcher;
    int m_fieldId = -1;
    int m_literal = -1;
    bool m_keyword = false; // keyword flags cover all values at once: no per-value shortcut
};

/** @brief A YAML integer: equal as integers when the event value is one, else as text. */
class IntValueMatcher final : public ValueMatcher {
public:
    IntValueMatcher(qint64 value, const QString& text);
    bool matchScalar(RuleEval& ev, const Subject& s) const override;

private:
    qint64 m_value;
    QString m_text;
};

/** @brief `null`: the field is absent or explicitly null. */
class NullValueMatcher final : public ValueMatcher {
public:
    bool matchScalar(RuleEval&, const Subject&) const override { return false; }
    bool matchAbsentOrNull() const override { return true; }
};

class RegexValueMatcher final : public ValueMatcher {
public:
    explicit RegexValueMatcher(std::unique_ptr<RegexMatcher> re)
        : m_re(std::move(re))
    {
    }
    bool matchScalar(RuleEval& ev, const Subject& s) const override;

private:
    std::unique_ptr<RegexMatcher> m_re;
};

class CidrValueMatcher final : public ValueMatcher {
public:
    CidrValueMatcher(QHostAddress network, int prefix)
        : m_network(network)
        , m_prefix(prefix)
    {
    }
    bool matchScalar(RuleEval& ev, const Subject& s) const override;

private:
    QHostAddress m_network;
    int m_prefix;
};

/** @brief gt/gte/lt/lte against a YAML number; the event value must parse as a number. */
class NumericValueMatcher final : public ValueMatcher {
public:
    enum class Op : quint8 { Gt, Gte, Lt, Lte };
    NumericValueMatcher(Op op, bool isInt, qint64 i, double d);
    bool matchScalar(RuleEval& ev, const Subject& s) const override;

private:
    Op m_op;
    bool m_isInt;
    qint64 m_int;
    double m_double;
};

/** @brief `exists: true/false`: presence only, whatever the value (null counts as present). */
class ExistsValueMatcher final : public ValueMatcher {
public:
    explicit ExistsValueMatcher(bool wanted)
        : m_wanted(wanted)
    {
    }
    bool test(RuleEval& ev, int index) const override;
    bool matchScalar(RuleEval&, const Subject&) const override { return false; }

private:
    bool m_wanted;
};

/** @brief `fieldref`: compare with another field of the same event (case-insensitive). */
class FieldRefValueMatcher final : public ValueMatcher {
public:
    enum class Mode : quint8 { Equal, Prefix, Suffix, Contains };
    FieldRefValueMatcher(int refSlot, Mode mode, bool caseSensitive);
    bool matchScalar(RuleEval& ev, const Subject& s) const override;

private:
    int m_refSlot;
    Mode m_mode;
    bool m_caseSensitive;
};

/** @brief Parses decimal integers, floats and (extension) `0x` hex; false when not a number. */
bool parseNumber(QStringView text, bool* isInt, qint64* i, double* d);

} // namespace vigil::sigma::detail
