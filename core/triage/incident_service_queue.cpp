// The analyst's queue actions on incidents: acknowledge, assign, annotate a timeline item and
// add an event by hand. Part of IncidentService (incident_service.h).
#include "triage/incident_service.h"

#include "investigation/case_timeline.h"
#include "storage/database.h"
#include "storage/journal.h"
#include "util/json.h"
#include "util/timestamp.h"

namespace vigil {

namespace {

struct IncidentState {
    IncidentStatus status = IncidentStatus::New;
    QString assignee;
    qint64 acknowledgedNs = 0;
    QString acknowledgedBy;
};

Result<IncidentState> loadState(Database& db, qint64 incidentId)
{
    auto s = db.prepare(u"SELECT status, assignee, acknowledged_ns, acknowledged_by "
                        u"FROM incidents WHERE id = ?1");
    if (!s) {
        return s.error();
    }
    s->bind(1, incidentId);
    auto row = s->step();
    if (!row) {
        return row.error();
    }
    if (!*row) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no incident %1").arg(incidentId));
    }
    IncidentState st;
    const auto status = incidentStatusFromCode(s->text(0));
    if (!status) {
        return makeError(ErrorCode::InvalidState,
                         QStringLiteral("incident %1 has an unknown status").arg(incidentId));
    }
    st.status = *status;
    st.assignee = s->isNull(1) ? QString() : s->text(1);
    st.acknowledgedNs = s->isNull(2) ? 0 : s->int64(2);
    st.acknowledgedBy = s->isNull(3) ? QString() : s->text(3);
    return st;
}

Result<void> journal(Database& db, const QString& actor, qint64 incidentId, const QString& action,
                     QByteArray details, qint64 now)
{
    JournalEntry e;
    e.actor = actor;
    e.objectType = QStringLiteral("incident");
    e.objectId = incidentId;
    e.action = action;
    e.details = std::move(details);
    e.writtenNs = now;
    return Journal::append(db, e);
}

/** Whether the timeline item @p refType/@p refId belongs to the incident. */
Result<bool> belongsTo(Database& db, qint64 incidentId, const QString& refType, qint64 refId)
{
    QStringView sql;
    if (refType == u"event") {
        sql = u"SELECT 1 FROM incident_events WHERE incident_id = ?1 AND event_id = ?2";
    } else if (refType == u"alert") {
        sql = u"SELECT 1 FROM alerts WHERE incident_id = ?1 AND id = ?2";
    } else if (refType == u"journal") {
        // Any entry the timeline shows: the incident's own and its alerts'.
        static const QString journalSql =
            QStringLiteral("SELECT 1 FROM journal WHERE seq = ?2 AND (%1)")
                .arg(CaseTimeline::journalCondition());
        sql = journalSql;
    } else {
        return makeError(ErrorCode::Usage,
                         QStringLiteral("an annotation refers to an event, an alert or a journal "
                                        "entry, not to \"%1\"")
                             .arg(refType));
    }
    auto s = db.prepare(sql);
    if (!s) {
        return s.error();
    }
    s->bind(1, incidentId);
    s->bind(2, refId);
    return s->step();
}

} // namespace

Result<void> IncidentService::acknowledge(qint64 incidentId)
{
    Transaction tx(m_db);
    if (!tx.begun()) {
        return tx.begun().error();
    }
    auto state = loadState(m_db, incidentId);
    if (!state) {
        return state.error();
    }
    if (state->acknowledgedNs != 0) {
        return makeError(ErrorCode::InvalidState,
                         QStringLiteral("incident %1 was already acknowledged by %2 at %3")
                             .arg(QString::number(incidentId), state->acknowledgedBy,
                                  formatUtc(state->acknowledgedNs, 0)));
    }
    if (!isOpen(state->status)) {
        return makeError(ErrorCode::InvalidState,
                         QStringLiteral("incident %1 is %2: only open incidents are acknowledged")
                             .arg(QString::number(incidentId), displayName(state->status)));
    }
    const qint64 now = nowNs();
    auto update = m_db.prepare(u"UPDATE incidents SET acknowledged_ns = ?2, acknowledged_by = ?3, "
                               u"updated_ns = ?2 WHERE id = ?1");
    if (!update) {
        return update.error();
    }
    update->bind(1, incidentId);
    update->bind(2, now);
    update->bind(3, m_actor);
    if (auto r = update->run(); !r) {
        return r;
    }
    if (auto r = journal(m_db, m_actor, incidentId, QStringLiteral("acknowledged"),
                         JsonObjectWriter().add(u"status", codeOf(state->status)).finish(), now);
        !r) {
        return r;
    }
    return tx.commit();
}

Result<void> IncidentService::assign(qint64 incidentId, const QString& assignee)
{
    const QString to = assignee.trimmed();
    if (to.contains(u'\n') || to.size() > 200) {
        return makeError(ErrorCode::Usage,
                         QStringLiteral("an assignee is a name on one line, at most 200 characters"));
    }
    Transaction tx(m_db);
    if (!tx.begun()) {
        return tx.begun().error();
    }
    auto state = loadState(m_db, incidentId);
    if (!state) {
        return state.error();
    }
    if (state->status == IncidentStatus::Closed) {
        return makeError(ErrorCode::InvalidState,
                         QStringLiteral("incident %1 is closed: reopen it before assigning it")
                             .arg(incidentId));
    }
    if (state->assignee == to) {
        return makeError(ErrorCode::InvalidState,
                         to.isEmpty() ? QStringLiteral("incident %1 is not assigned").arg(incidentId)
                                      : QStringLiteral("incident %1 is already assigned to %2")
                                            .arg(QString::number(incidentId), to));
    }
    const qint64 now = nowNs();
    auto update = m_db.prepare(u"UPDATE incidents SET assignee = ?2, updated_ns = ?3 WHERE id = ?1");
    if (!update) {
        return update.error();
    }
    update->bind(1, incidentId);
    update->bindOptional(2, to);
    update->bind(3, now);
    if (auto r = update->run(); !r) {
        return r;
    }
    if (auto r = journal(m_db, m_actor, incidentId, QStringLiteral("assigned"),
                         JsonObjectWriter().add(u"from", state->assignee).add(u"to", to).finish(),
                         now);
        !r) {
        return r;
    }
    return tx.commit();
}

Result<qint64> IncidentService::annotate(qint64 incidentId, const QString& refType, qint64 refId,
                                         const QString& body)
{
    if (body.trimmed().isEmpty()) {
        return makeError(ErrorCode::Usage, QStringLiteral("an annotation needs some text"));
    }
    Transaction tx(m_db);
    if (!tx.begun()) {
        return tx.begun().error();
    }
    if (auto state = loadState(m_db, incidentId); !state) {
        return state.error();
    }
    auto belongs = belongsTo(m_db, incidentId, refType, refId);
    if (!belongs) {
        return belongs.error();
    }
    if (!*belongs) {
        return makeError(ErrorCode::NotFound, QStringLiteral("%1 %2 is not part of incident %3")
                                                  .arg(refType, QString::number(refId),
                                                       QString::number(incidentId)));
    }
    const qint64 now = nowNs();
    auto ins = m_db.prepare(u"INSERT INTO notes (incident_id, author, created_ns, body, ref_type, "
                            u"ref_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!ins) {
        return ins.error();
    }
    ins->bind(1, incidentId);
    ins->bind(2, m_actor);
    ins->bind(3, now);
    ins->bind(4, body);
    ins->bind(5, refType);
    ins->bind(6, refId);
    if (auto r = ins->run(); !r) {
        return r.error();
    }
    const qint64 noteId = m_db.lastInsertId();
    if (auto r = journal(m_db, m_actor, incidentId, QStringLiteral("note"),
                         JsonObjectWriter()
                             .add(u"note_id", noteId)
                             .add(u"ref_type", refType)
                             .add(u"ref_id", refId)
                             .add(u"body", body)
                             .finish(),
                         now);
        !r) {
        return r.error();
    }
    if (auto r = tx.commit(); !r) {
        return r.error();
    }
    return noteId;
}

Result<void> IncidentService::addEvent(qint64 incidentId, qint64 eventId)
{
    Transaction tx(m_db);
    if (!tx.begun()) {
        return tx.begun().error();
    }
    if (auto state = loadState(m_db, incidentId); !state) {
        return state.error();
    }
    auto event = m_db.prepare(u"SELECT time_ns, host, summary FROM events WHERE id = ?1");
    if (!event) {
        return event.error();
    }
    event->bind(1, eventId);
    auto row = event->step();
    if (!row) {
        return row.error();
    }
    if (!*row) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no event %1").arg(eventId));
    }
    const qint64 eventNs = event->int64(0);
    const QString host = event->text(1);
    const QString summary = event->text(2);
    event->reset();
    const qint64 now = nowNs();
    auto link = m_db.prepare(u"INSERT OR IGNORE INTO incident_events (incident_id, event_id, "
                             u"added_ns, reason) VALUES (?1, ?2, ?3, 'analyst')");
    if (!link) {
        return link.error();
    }
    link->bind(1, incidentId);
    link->bind(2, eventId);
    link->bind(3, now);
    if (auto r = link->run(); !r) {
        return r;
    }
    if (m_db.changes() == 0) {
        return makeError(ErrorCode::InvalidState,
                         QStringLiteral("event %1 is already part of incident %2")
                             .arg(QString::number(eventId), QString::number(incidentId)));
    }
    if (auto r = journal(m_db, m_actor, incidentId, QStringLiteral("event_added"),
                         JsonObjectWriter()
                             .add(u"event_id", eventId)
                             .add(u"event_time", formatUtc(eventNs, 0))
                             .add(u"host", host)
                             .add(u"summary", summary.left(200))
                             .finish(),
                         now);
        !r) {
        return r;
    }
    return tx.commit();
}

} // namespace vigil
