#include "triage/alert_service.h"

#include <algorithm>
#include <functional>

#include <QStringList>

#include "storage/database.h"
#include "storage/journal.h"
#include "triage/alert_subject.h"
#include "triage/incident_grouper.h"
#include "triage/incident_priority.h"
#include "triage/incident_service.h"
#include "util/json.h"
#include "util/timestamp.h"

namespace vigil {

namespace {

constexpr char16_t kAlertColumns[] =
    u"a.id, a.rule_uid, a.rule_title, a.level, a.event_id, a.time_ns, a.time_digits, a.host, "
    u"a.status, a.created_ns, a.incident_id, e.summary, a.correlation, a.status_by, "
    u"a.status_ns, a.suppression_id";

AlertListing readAlert(const Statement& st)
{
    AlertListing l;
    AlertRecord& a = l.alert;
    a.id = st.int64(0);
    a.ruleUid = st.text(1);
    a.ruleTitle = st.text(2);
    a.level = int(st.int64(3));
    a.eventId = st.int64(4);
    a.timeNs = st.int64(5);
    a.timeDigits = int(st.int64(6));
    a.host = st.text(7);
    a.status = st.text(8);
    a.createdNs = st.int64(9);
    a.incidentId = st.isNull(10) ? 0 : st.int64(10);
    a.eventSummary = st.text(11);
    a.correlation = st.isNull(12) ? QString() : st.text(12);
    l.statusBy = st.isNull(13) ? QString() : st.text(13);
    l.statusNs = st.isNull(14) ? 0 : st.int64(14);
    l.suppressionId = st.isNull(15) ? 0 : st.int64(15);
    return l;
}

Result<std::vector<AlertListing>> selectAlerts(Database& db, const QString& where,
                                               const std::function<void(Statement&)>& bind)
{
    auto s = db.prepare(QStringLiteral("SELECT %1 FROM alerts a LEFT JOIN events e ON "
                                       "e.id = a.event_id %2")
                            .arg(QStringView(kAlertColumns), where));
    if (!s) {
        return s.error();
    }
    bind(*s);
    return collectRows<AlertListing>(*s, readAlert);
}

Result<void> runSql(Database& db, QStringView sql, const std::vector<qint64>& args)
{
    auto s = db.prepare(sql);
    if (!s) {
        return s.error();
    }
    for (std::size_t i = 0; i < args.size(); ++i) {
        s->bind(int(i + 1), args[i]);
    }
    return s->run();
}

} // namespace

AlertService::AlertService(Database& db, QString actor)
    : m_db(db)
    , m_actor(std::move(actor))
{
}

Result<void> AlertService::changeStatus(qint64 alertId, AlertStatus to, const QString& comment)
{
    Transaction tx(m_db);
    if (!tx.begun()) {
        return tx.begun().error();
    }
    auto current = AlertQueries::load(m_db, alertId);
    if (!current) {
        return current.error();
    }
    const auto from = alertStatusFromCode(current->alert.status);
    if (!from) {
        return makeError(ErrorCode::InvalidState,
                         QStringLiteral("alert %1 has an unknown status \"%2\"")
                             .arg(alertId)
                             .arg(current->alert.status));
    }
    const auto allowed = allowedTransitions(*from);
    if (std::find(allowed.begin(), allowed.end(), to) == allowed.end()) {
        QStringList names;
        for (AlertStatus s : allowed) {
            names << displayName(s);
        }
        return makeError(ErrorCode::InvalidState,
                         QStringLiteral("an alert cannot move from %1 to %2; allowed: %3")
                             .arg(displayName(*from), displayName(to),
                                  names.isEmpty() ? QStringLiteral("none (%1 is final)")
                                                        .arg(displayName(*from))
                                                  : names.join(QStringLiteral(", "))));
    }
    const qint64 now = nowNs();
    qint64 incidentId = current->alert.incidentId;
    bool formedIncident = false;
    if (to == AlertStatus::Escalated && incidentId == 0) {
        auto placed = escalate(*current, now);
        if (!placed) {
            return placed.error();
        }
        incidentId = *placed;
        formedIncident = true;
    }
    auto update = m_db.prepare(u"UPDATE alerts SET status = ?2, status_by = ?3, status_ns = ?4 "
                               u"WHERE id = ?1");
    if (!update) {
        return update.error();
    }
    update->bind(1, alertId);
    update->bind(2, codeOf(to));
    update->bind(3, m_actor);
    update->bind(4, now);
    if (auto r = update->run(); !r) {
        return r;
    }
    JsonObjectWriter details;
    details.add(u"from", codeOf(*from)).add(u"to", codeOf(to));
    if (incidentId != 0) {
        details.add(u"incident_id", incidentId);
    }
    if (formedIncident) {
        details.add(u"grouped", true);
    }
    if (!comment.isEmpty()) {
        details.add(u"comment", comment);
    }
    JournalEntry e;
    e.actor = m_actor;
    e.objectType = QStringLiteral("alert");
    e.objectId = alertId;
    e.action = QStringLiteral("status");
    e.details = details.finish();
    e.writtenNs = now;
    if (auto r = Journal::append(m_db, e); !r) {
        return r;
    }
    return tx.commit();
}

// An alert without an incident (it was suppressed) joins or opens one as a new alert would.
Result<qint64> AlertService::escalate(const AlertListing& l, qint64 now)
{
    const AlertRecord& a = l.alert;
    IncidentGrouper grouper(m_db, kDefaultIncidentWindowNs);
    if (auto r = grouper.prepare(); !r) {
        return r.error();
    }
    AlertSubjectLoader subjects(m_db);
    auto subject = subjects.load(a.eventId);
    if (!subject) {
        return subject.error();
    }
    const Hit hit{a.ruleUid, a.ruleTitle, a.level, a.eventId, a.timeNs, a.timeDigits, a.host};
    auto placed = grouper.place(hit, a.id, &*subject, now);
    if (!placed) {
        return placed.error();
    }
    const qint64 incidentId = placed->incidentId;
    if (auto r = runSql(m_db, u"UPDATE alerts SET incident_id = ?2 WHERE id = ?1",
                        {a.id, incidentId});
        !r) {
        return r.error();
    }
    // The alert's own event and, for a correlation alert, every event that made it.
    if (auto r = runSql(m_db,
                        u"INSERT OR IGNORE INTO incident_events (incident_id, event_id, "
                        u"added_ns, reason) SELECT ?2, event_id, ?3, 'alert' FROM (SELECT "
                        u"event_id FROM alerts WHERE id = ?1 UNION SELECT event_id FROM "
                        u"alert_events WHERE alert_id = ?1)",
                        {a.id, incidentId, now});
        !r) {
        return r.error();
    }
    IncidentPrioritiser prioritiser(m_db, m_actor);
    if (auto r = prioritiser.update(incidentId, now); !r) {
        return r.error();
    }
    if (!placed->created) {
        JournalEntry e;
        e.actor = m_actor;
        e.objectType = QStringLiteral("incident");
        e.objectId = incidentId;
        e.action = QStringLiteral("alerts_added");
        e.details = JsonObjectWriter()
                        .add(u"count", qint64(1))
                        .add(u"first_alert_id", a.id)
                        .add(u"last_alert_id", a.id)
                        .add(u"escalated", true)
                        .finish();
        e.writtenNs = now;
        if (auto r = Journal::append(m_db, e); !r) {
            return r.error();
        }
    }
    return incidentId;
}

Result<std::vector<AlertListing>> AlertQueries::list(Database& db,
                                                     std::optional<AlertStatus> status,
                                                     qint64 limit)
{
    return selectAlerts(db,
                        status ? QStringLiteral("WHERE a.status = ?1 ORDER BY a.time_ns DESC, "
                                                "a.id DESC LIMIT ?2")
                               : QStringLiteral("ORDER BY a.time_ns DESC, a.id DESC LIMIT ?2"),
                        [&](Statement& s) {
                            if (status) {
                                s.bind(1, codeOf(*status));
                            }
                            s.bind(2, limit);
                        });
}

Result<std::vector<AlertListing>> AlertQueries::forIncident(Database& db, qint64 incidentId)
{
    return selectAlerts(db, QStringLiteral("WHERE a.incident_id = ?1 ORDER BY a.time_ns, a.id"),
                        [&](Statement& s) { s.bind(1, incidentId); });
}

Result<AlertListing> AlertQueries::load(Database& db, qint64 alertId)
{
    auto rows = selectAlerts(db, QStringLiteral("WHERE a.id = ?1"),
                             [&](Statement& s) { s.bind(1, alertId); });
    if (!rows) {
        return rows.error();
    }
    if (rows->empty()) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no alert %1").arg(alertId));
    }
    return std::move(rows->front());
}

Result<QStringList> AlertQueries::journalDisagreements(Database& db)
{
    auto entries = db.prepare(u"SELECT object_id, details FROM journal WHERE object_type = "
                              u"'alert' AND action = 'status' ORDER BY seq");
    if (!entries) {
        return entries.error();
    }
    std::map<qint64, QString> journalled; // alert id -> the status its last entry set
    while (true) {
        auto row = entries->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            break;
        }
        Fields details;
        if (parseJsonObjectFlat(entries->blob(1), details, nullptr)) {
            journalled[entries->int64(0)] = details.text(u"to");
        }
    }
    auto alerts = db.prepare(u"SELECT id, status, suppression_id FROM alerts WHERE status <> "
                             u"'new' OR id IN (SELECT object_id FROM journal WHERE object_type = "
                             u"'alert') ORDER BY id");
    if (!alerts) {
        return alerts.error();
    }
    QStringList problems;
    while (true) {
        auto row = alerts->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            return problems;
        }
        const qint64 id = alerts->int64(0);
        const QString stored = alerts->text(1);
        const auto it = journalled.find(id);
        const QString expected = it != journalled.end() ? it->second
                                 : alerts->isNull(2) ? codeOf(AlertStatus::New)
                                                     : codeOf(AlertStatus::Suppressed);
        if (stored != expected) {
            problems << QStringLiteral("alert %1 is %2, its journal says %3")
                            .arg(id)
                            .arg(stored, expected);
        }
    }
}

Result<std::map<AlertStatus, qint64>> AlertQueries::countByStatus(Database& db)
{
    auto s = db.prepare(u"SELECT status, count(*) FROM alerts GROUP BY status");
    if (!s) {
        return s.error();
    }
    std::map<AlertStatus, qint64> out;
    while (true) {
        auto row = s->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            return out;
        }
        if (const auto status = alertStatusFromCode(s->text(0))) {
            out[*status] += s->int64(1);
        }
    }
}

} // namespace vigil
