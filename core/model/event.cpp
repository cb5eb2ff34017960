#include "model/event.h"

#include <cstring>

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
    // Parsers look up a handful of names in every record: the size and the last character
    // settle nearly every comparison inline, the rest is one memcmp.
    const qsizetype n = name.size();
    const char16_t* want = name.utf16();
    for (const auto& entry : m_entries) {
        const QString& have = entry.first;
        if (have.size() != n) {
            continue;
        }
        const auto* chars = reinterpret_cast<const char16_t*>(have.constData());
        if (n == 0
            || (chars[n - 1] == want[n - 1]
                && std::memcmp(chars, want, std::size_t(n) * sizeof(char16_t)) == 0)) {
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
