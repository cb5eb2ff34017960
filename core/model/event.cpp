#include "model/event.h"

namespace vigil {

void Fields::set(const QString& name, FieldValue value)
{
    for (auto& entry : m_entries) {
        if (entry.first == name) {
            entry.second = std::move(value);
            return;
        }
    }
    if (m_entries.capacity() == 0) {
        m_entries.reserve(8); // the common fields: one allocation instead of four as they grow
    }
    m_entries.emplace_back(name, std::move(value));
}

const FieldValue* Fields::find(QStringView name) const
{
    for (const auto& entry : m_entries) {
        if (entry.first == name) {
            return &entry.second;
        }
    }
    return nullptr;
}

const FieldValue* Fields::findCaseInsensitive(QStringView name) const
{
    for (const auto& entry : m_entries) {
        if (entry.first.compare(name, Qt::CaseInsensitive) == 0) {
            return &entry.second;
        }
    }
    return nullptr;
}

QString Fields::text(QStringView name) const
{
    const FieldValue* v = find(name);
    return v ? v->text() : QString();
}

QString Event::sourceRef() const
{
    return source + (sourceIsRecord ? QStringLiteral("#") : QStringLiteral(":"))
        + QString::number(sourcePos);
}

QString severityName(int severity)
{
    static const char* const kNames[] = {"emergency", "alert",  "critical", "error",
                                         "warning",   "notice", "info",     "debug"};
    if (severity < 0 || severity > 7) {
        return {};
    }
    return QString::fromLatin1(kNames[severity]);
}

} // namespace vigil
