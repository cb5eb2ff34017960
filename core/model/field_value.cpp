#include "model/field_value.h"

#include <QLocale>

namespace vigil {

FieldValue FieldValue::fromBool(bool v)
{
    FieldValue f;
    f.m_type = Type::Bool;
    f.m_int = v ? 1 : 0;
    f.m_text = v ? QStringLiteral("true") : QStringLiteral("false");
    return f;
}

FieldValue FieldValue::fromInt(qint64 v)
{
    FieldValue f;
    f.m_type = Type::Int;
    f.m_int = v;
    f.m_text = QString::number(v);
    return f;
}

FieldValue FieldValue::fromFloat(double v)
{
    FieldValue f;
    f.m_type = Type::Float;
    f.m_float = v;
    f.m_text = QString::number(v, 'g', QLocale::FloatingPointShortest);
    return f;
}

FieldValue FieldValue::fromNumberText(double approx, QString exactText)
{
    FieldValue f;
    f.m_type = Type::Float;
    f.m_float = approx;
    f.m_text = std::move(exactText);
    return f;
}

FieldValue FieldValue::fromString(QString v)
{
    FieldValue f;
    f.m_type = Type::String;
    f.m_text = std::move(v);
    return f;
}

FieldValue FieldValue::fromList(std::vector<FieldValue> items)
{
    FieldValue f;
    f.m_type = Type::List;
    f.m_items = std::make_shared<const std::vector<FieldValue>>(std::move(items));
    return f;
}

const std::vector<FieldValue>& FieldValue::items() const
{
    static const std::vector<FieldValue> kEmpty;
    return m_items ? *m_items : kEmpty;
}

bool FieldValue::operator==(const FieldValue& other) const
{
    if (m_type != other.m_type) {
        return false;
    }
    switch (m_type) {
    case Type::Null:
        return true;
    case Type::List:
        return items() == other.items();
    default:
        return m_text == other.m_text;
    }
}

} // namespace vigil
