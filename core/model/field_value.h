#pragma once

#include <memory>
#include <vector>

#include <QString>

namespace vigil {

/**
 * @brief One value of an event field: null, boolean, 64-bit integer, float, string or a list.
 *
 * Every non-null scalar also carries its text form, which is what Sigma string matching sees
 * (integers in decimal, booleans as true/false). Integers too large for 64 bits are kept as a
 * Float whose text holds the exact digits, so nothing is rounded on the way out.
 */
class FieldValue {
public:
    enum class Type : quint8 { Null, Bool, Int, Float, String, List };

    FieldValue() = default;

    static FieldValue fromBool(bool v);
    static FieldValue fromInt(qint64 v);
    static FieldValue fromFloat(double v);
    /** @brief A number whose exact decimal text must survive (e.g. beyond 64 bits). */
    static FieldValue fromNumberText(double approx, QString exactText);
    static FieldValue fromString(QString v);
    static FieldValue fromList(std::vector<FieldValue> items);

    Type type() const { return m_type; }
    bool isNull() const { return m_type == Type::Null; }
    bool isNumber() const { return m_type == Type::Int || m_type == Type::Float; }
    bool isList() const { return m_type == Type::List; }

    bool toBool() const { return m_int != 0; }
    qint64 toInt() const { return m_int; }
    double toFloat() const { return m_type == Type::Int ? double(m_int) : m_float; }
    /** @brief The text form; empty for null and lists. */
    const QString& text() const { return m_text; }
    /** @brief The elements of a list; empty for scalars. */
    const std::vector<FieldValue>& items() const;

    bool operator==(const FieldValue& other) const;

private:
    Type m_type = Type::Null;
    qint64 m_int = 0;
    double m_float = 0;
    QString m_text;
    std::shared_ptr<const std::vector<FieldValue>> m_items;
};

} // namespace vigil
