#include "triage/alert_subject.h"

#include "util/json.h"

namespace vigil {

QString AlertSubject::value(QStringView name) const
{
    if (name.compare(u"host", Qt::CaseInsensitive) == 0) {
        return host;
    }
    const FieldValue* v = fields.find(name);
    if (!v) {
        v = fields.findCaseInsensitive(name);
    }
    if (!v) {
        v = common.find(name);
    }
    return v ? v->text() : QString();
}

Result<AlertSubject> AlertSubjectLoader::load(qint64 eventId)
{
    if (!m_select.isValid()) {
        auto s = m_db.prepare(u"SELECT host, fields, common FROM events WHERE id = ?1");
        if (!s) {
            return s.error();
        }
        m_select = std::move(*s);
    }
    m_select.bind(1, eventId);
    auto row = m_select.step();
    if (!row) {
        m_select.reset();
        return row.error();
    }
    if (!*row) {
        m_select.reset();
        return makeError(ErrorCode::NotFound, QStringLiteral("no event %1").arg(eventId));
    }
    AlertSubject subject;
    subject.host = m_select.isNull(0) ? QString() : m_select.text(0);
    // Stored by Vigil itself; an unreadable object leaves the fields empty (the values then
    // match nothing) rather than failing the whole batch.
    parseJsonObjectFlat(m_select.blob(1), subject.fields, nullptr);
    parseJsonObjectFlat(m_select.blob(2), subject.common, nullptr);
    m_select.reset();
    return subject;
}

} // namespace vigil
