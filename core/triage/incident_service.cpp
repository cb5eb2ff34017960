#include "triage/incident_service.h"

#include <algorithm>
#include <map>

#include "sigma/correlation_engine.h"
#include "sigma/correlation_rule.h"
#include "storage/database.h"
#include "storage/journal.h"
#include "triage/incident_priority.h"
#include "util/json.h"
#include "util/timestamp.h"

namespace vigil {

TriageCounts& TriageCounts::operator+=(const TriageCounts& o)
{
    alertsNew += o.alertsNew;
    alertsExisting += o.alertsExisting;
    incidentsOpened += o.incidentsOpened;
    incidentsUpdated += o.incidentsUpdated;
    return *this;
}

StatusChange StatusChange::move(IncidentStatus status)
{
    StatusChange c;
    c.to = status;
    return c;
}

StatusChange StatusChange::close(Disposition disposition, QString resolution, QString lessons)
{
    StatusChange c;
    c.to = IncidentStatus::Closed;
    c.disposition = disposition;
    c.resolution = std::move(resolution);
    c.lessons = std::move(lessons);
    return c;
}

namespace {

struct Statements {
    Statement insertAlert;
    Statement findOpen;
    Statement updateIncident;
    Statement insertIncident;
    Statement linkAlert;
    Statement linkEvent;
    Statement findAlert;
    Statement insertAlertEvent;
};

Result<Statements> prepareAll(Database& db)
{
    Statements s;
    const std::pair<Statement*, const char16_t*> sql[] = {
        {&s.insertAlert,
         u"INSERT OR IGNORE INTO alerts (rule_uid, rule_title, level, event_id, time_ns, "
         u"time_digits, host, created_ns, correlation) "
         u"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"},
        // The open incident whose alerts lie within the window of this alert's time: not simply
        // the latest one, because files are often imported out of order (auth.log before
        // auth.log.1), and an older alert must still find the incident of its own hour.
        {&s.findOpen,
         u"SELECT id FROM incidents WHERE rule_uid = ?1 AND host IS ?2 "
         u"AND status NOT IN ('resolved', 'closed') "
         u"AND first_seen_ns - ?4 < ?3 AND last_seen_ns + ?4 > ?3 "
         u"ORDER BY abs(last_seen_ns - ?3) LIMIT 1"},
        {&s.updateIncident,
         u"UPDATE incidents SET first_seen_ns = min(first_seen_ns, ?2), "
         u"last_seen_ns = max(last_seen_ns, ?2), alert_count = alert_count + 1, "
         u"severity = max(severity, ?3), updated_ns = ?4 WHERE id = ?1"},
        {&s.insertIncident,
         u"INSERT INTO incidents (title, rule_uid, host, status, severity, first_seen_ns, "
         u"last_seen_ns, alert_count, created_ns, updated_ns) "
         u"VALUES (?1, ?2, ?3, 'new', ?4, ?5, ?5, 1, ?6, ?6)"},
        {&s.linkAlert, u"UPDATE alerts SET incident_id = ?2 WHERE id = ?1"},
        {&s.linkEvent,
         u"INSERT OR IGNORE INTO incident_events (incident_id, event_id, added_ns, reason) "
         u"VALUES (?1, ?2, ?3, 'alert')"},
        {&s.findAlert, u"SELECT id, incident_id FROM alerts WHERE rule_uid = ?1 AND event_id = ?2"},
        {&s.insertAlertEvent,
         u"INSERT OR IGNORE INTO alert_events (alert_id, event_id) VALUES (?1, ?2)"},
    };
    for (const auto& [stmt, text] : sql) {
        auto p = db.prepare(QStringView(text));
        if (!p) {
            return p.error();
        }
        *stmt = std::move(*p);
    }
    return s;
}

struct Touched {
    qint64 added = 0;
    qint64 firstAlert = 0;
    qint64 lastAlert = 0;
};

/** Lists a correlation alert's events and links them to its incident (0: none yet). */
Result<void> linkContributors(Statements& st, qint64 alertId, qint64 incidentId,
                              const std::vector<qint64>& eventIds, qint64 now)
{
    for (const qint64 eventId : eventIds) {
        st.insertAlertEvent.bind(1, alertId);
        st.insertAlertEvent.bind(2, eventId);
        if (auto r = st.insertAlertEvent.run(); !r) {
            return r;
        }
        if (incidentId == 0) {
            continue;
        }
        st.linkEvent.bind(1, incidentId);
        st.linkEvent.bind(2, eventId);
        st.linkEvent.bind(3, now);
        if (auto r = st.linkEvent.run(); !r) {
            return r;
        }
    }
    return {};
}

} // namespace

struct IncidentService::Entry {
    const Hit* hit = nullptr;
    const CorrelationHit* correlation = nullptr; ///< set for correlation alerts
};

IncidentService::IncidentService(Database& db, QString actor)
    : m_db(db)
    , m_actor(std::move(actor))
{
}

Result<TriageCounts> IncidentService::recordHits(std::vector<Hit> hits)
{
    std::vector<Entry> entries;
    entries.reserve(hits.size());
    for (const Hit& h : hits) {
        entries.push_back({&h, nullptr});
    }
    return record(entries);
}

Result<TriageCounts> IncidentService::recordCorrelationHits(std::vector<CorrelationHit> hits)
{
    std::vector<Entry> entries;
    entries.reserve(hits.size());
    for (const CorrelationHit& h : hits) {
        entries.push_back({&h.hit, &h});
    }
    return record(entries);
}

Result<TriageCounts> IncidentService::record(std::vector<Entry>& entries)
{
    TriageCounts counts;
    if (entries.empty()) {
        return counts;
    }
    auto prepared = prepareAll(m_db);
    if (!prepared) {
        return prepared.error();
    }
    Statements& st = *prepared;
    // Group in time order so an incident's span grows the way the activity happened.
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        return a.hit->timeNs != b.hit->timeNs ? a.hit->timeNs < b.hit->timeNs
                                              : a.hit->eventId < b.hit->eventId;
    });
    const qint64 now = nowNs();
    std::map<qint64, Touched> joined;
    std::vector<qint64> created;
    for (const Entry& entry : entries) {
        const Hit& h = *entry.hit;
        st.insertAlert.bind(1, h.ruleUid);
        st.insertAlert.bind(2, h.ruleTitle);
        st.insertAlert.bind(3, h.level);
        st.insertAlert.bind(4, h.eventId);
        st.insertAlert.bind(5, h.timeNs);
        st.insertAlert.bind(6, h.timeDigits);
        st.insertAlert.bindOptional(7, h.host.isEmpty() ? QString() : h.host);
        st.insertAlert.bind(8, now);
        if (entry.correlation) {
            st.insertAlert.bindUtf8(9, entry.correlation->details);
        } else {
            st.insertAlert.bindNull(9);
        }
        if (auto r = st.insertAlert.run(); !r) {
            return r.error();
        }
        if (m_db.changes() == 0) {
            ++counts.alertsExisting;
            if (entry.correlation) {
                // The same correlation completed by the same event again (a second hunt, or a
                // second group through aliases): the alert gains the events it lacked.
                st.findAlert.bind(1, h.ruleUid);
                st.findAlert.bind(2, h.eventId);
                auto row = st.findAlert.step();
                if (!row) {
                    return row.error();
                }
                const qint64 alertId = *row ? st.findAlert.int64(0) : 0;
                const qint64 incident = *row && !st.findAlert.isNull(1) ? st.findAlert.int64(1)
                                                                        : 0;
                st.findAlert.reset();
                if (alertId != 0) {
                    if (auto r = linkContributors(st, alertId, incident,
                                                  entry.correlation->eventIds, now);
                        !r) {
                        return r.error();
                    }
                }
            }
            continue;
        }
        const qint64 alertId = m_db.lastInsertId();
        ++counts.alertsNew;

        st.findOpen.bind(1, h.ruleUid);
        st.findOpen.bindOptional(2, h.host.isEmpty() ? QString() : h.host);
        st.findOpen.bind(3, h.timeNs);
        st.findOpen.bind(4, m_windowNs);
        auto row = st.findOpen.step();
        if (!row) {
            return row.error();
        }
        qint64 incidentId = *row ? st.findOpen.int64(0) : 0;
        st.findOpen.reset();

        if (incidentId != 0) {
            st.updateIncident.bind(1, incidentId);
            st.updateIncident.bind(2, h.timeNs);
            st.updateIncident.bind(3, h.level);
            st.updateIncident.bind(4, now);
            if (auto r = st.updateIncident.run(); !r) {
                return r.error();
            }
            Touched& t = joined[incidentId];
            t.firstAlert = t.added == 0 ? alertId : t.firstAlert;
            t.lastAlert = alertId;
            ++t.added;
        } else {
            st.insertIncident.bind(1, h.ruleTitle);
            st.insertIncident.bind(2, h.ruleUid);
            st.insertIncident.bindOptional(3, h.host.isEmpty() ? QString() : h.host);
            st.insertIncident.bind(4, h.level);
            st.insertIncident.bind(5, h.timeNs);
            st.insertIncident.bind(6, now);
            if (auto r = st.insertIncident.run(); !r) {
                return r.error();
            }
            incidentId = m_db.lastInsertId();
            ++counts.incidentsOpened;
            created.push_back(incidentId);
            JournalEntry e;
            e.actor = QStringLiteral("vigil");
            e.objectType = QStringLiteral("incident");
            e.objectId = incidentId;
            e.action = QStringLiteral("created");
            e.details = JsonObjectWriter()
                            .add(u"rule_uid", h.ruleUid)
                            .add(u"rule_title", h.ruleTitle)
                            .addOptional(u"host", h.host.isEmpty() ? QString() : h.host)
                            .add(u"severity", severityCode(h.level))
                            .add(u"first_alert_id", alertId)
                            .add(u"first_seen", formatUtc(h.timeNs, h.timeDigits))
                            .finish();
            e.writtenNs = now;
            if (auto r = Journal::append(m_db, e); !r) {
                return r.error();
            }
        }
        st.linkAlert.bind(1, alertId);
        st.linkAlert.bind(2, incidentId);
        if (auto r = st.linkAlert.run(); !r) {
            return r.error();
        }
        st.linkEvent.bind(1, incidentId);
        st.linkEvent.bind(2, h.eventId);
        st.linkEvent.bind(3, now);
        if (auto r = st.linkEvent.run(); !r) {
            return r.error();
        }
        if (entry.correlation) {
            if (auto r = linkContributors(st, alertId, incidentId, entry.correlation->eventIds,
                                          now);
                !r) {
                return r.error();
            }
        }
    }
    IncidentPrioritiser prioritiser(m_db, QStringLiteral("vigil"));
    for (const qint64 incidentId : created) {
        if (auto r = prioritiser.update(incidentId, now); !r) {
            return r.error();
        }
        if (auto r = attachPlaybooks(incidentId); !r) {
            return r.error();
        }
    }
    for (const auto& [incidentId, t] : joined) {
        if (auto r = prioritiser.update(incidentId, now); !r) {
            return r.error();
        }
        ++counts.incidentsUpdated;
        JournalEntry e;
        e.actor = QStringLiteral("vigil");
        e.objectType = QStringLiteral("incident");
        e.objectId = incidentId;
        e.action = QStringLiteral("alerts_added");
        e.details = JsonObjectWriter()
                        .add(u"count", t.added)
                        .add(u"first_alert_id", t.firstAlert)
                        .add(u"last_alert_id", t.lastAlert)
                        .finish();
        e.writtenNs = now;
        if (auto r = Journal::append(m_db, e); !r) {
            return r.error();
        }
    }
    return counts;
}

CorrelationHit CorrelationHit::from(const sigma::CorrelationAlert& alert)
{
    CorrelationHit c;
    const sigma::CorrelationRule& rule = *alert.rule;
    const sigma::CorrelatedEvent& last = alert.completing();
    QString host = last.host;
    for (const sigma::CorrelatedEvent& e : alert.events) {
        c.eventIds.push_back(e.eventId);
        if (e.host != host) {
            host.clear();
        }
    }
    c.hit = {rule.uid(), rule.meta().title, int(rule.meta().level), last.eventId, last.timeNs,
             last.timeDigits, host};
    JsonObjectWriter group;
    for (qsizetype i = 0; i < rule.groupBy().size(); ++i) {
        group.add(rule.groupBy()[i], alert.groupValues.value(i));
    }
    const sigma::CorrelatedEvent& first = alert.events.front();
    c.details = JsonObjectWriter()
                    .add(u"type", sigma::correlationTypeName(rule.type()))
                    .addRaw(u"group", group.finish())
                    .add(u"count", alert.count)
                    .add(u"events", qint64(alert.events.size()))
                    .add(u"first", formatUtc(first.timeNs, first.timeDigits))
                    .add(u"last", formatUtc(last.timeNs, last.timeDigits))
                    .finish();
    return c;
}

Result<void> IncidentService::changeStatus(qint64 incidentId, const StatusChange& change)
{
    Transaction tx(m_db);
    if (!tx.begun()) {
        return tx.begun().error();
    }
    auto load = m_db.prepare(u"SELECT status, held_from, disposition FROM incidents WHERE id = ?1");
    if (!load) {
        return load.error();
    }
    load->bind(1, incidentId);
    auto row = load->step();
    if (!row) {
        return row.error();
    }
    if (!*row) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no incident %1").arg(incidentId));
    }
    const auto from = incidentStatusFromCode(load->text(0));
    const auto heldFrom = incidentStatusFromCode(load->text(1));
    const QString previousDisposition = load->isNull(2) ? QString() : load->text(2);
    load->reset();
    if (!from) {
        return makeError(ErrorCode::InvalidState,
                         QStringLiteral("incident %1 has an unknown status").arg(incidentId));
    }
    const auto allowed = allowedTransitions(*from, heldFrom);
    if (std::find(allowed.begin(), allowed.end(), change.to) == allowed.end()) {
        QStringList names;
        for (IncidentStatus s : allowed) {
            names << displayName(s);
        }
        return makeError(ErrorCode::InvalidState,
                         QStringLiteral("an incident cannot move from %1 to %2; allowed: %3")
                             .arg(displayName(*from), displayName(change.to),
                                  names.join(QStringLiteral(", "))));
    }
    const bool closing = change.to == IncidentStatus::Closed;
    if (closing && !change.disposition) {
        return makeError(ErrorCode::InvalidState,
                         QStringLiteral("closing an incident requires a disposition"));
    }
    if (closing && *change.disposition == Disposition::Other
        && change.resolution.trimmed().isEmpty()) {
        return makeError(ErrorCode::InvalidState,
                         QStringLiteral("the disposition \"other\" requires a resolution summary"));
    }
    const bool reopen = isReopen(*from, change.to);
    const qint64 now = nowNs();
    const qint64 effective = change.effectiveNs != 0 ? change.effectiveNs : now;
    auto update = m_db.prepare(
        u"UPDATE incidents SET status = ?2, held_from = ?3, updated_ns = ?4, "
        u"disposition = CASE WHEN ?5 THEN ?6 WHEN ?7 THEN NULL ELSE disposition END, "
        u"resolution = CASE WHEN ?5 THEN ?8 ELSE resolution END, "
        u"lessons = CASE WHEN ?5 THEN ?9 ELSE lessons END, "
        u"closed_ns = CASE WHEN ?5 THEN ?10 WHEN ?7 THEN NULL ELSE closed_ns END WHERE id = ?1");
    if (!update) {
        return update.error();
    }
    update->bind(1, incidentId);
    update->bind(2, codeOf(change.to));
    update->bindOptional(3, change.to == IncidentStatus::OnHold ? codeOf(*from) : QString());
    update->bind(4, now);
    update->bind(5, closing ? 1 : 0);
    update->bindOptional(6, closing ? codeOf(*change.disposition) : QString());
    update->bind(7, reopen ? 1 : 0);
    update->bind(8, change.resolution);
    update->bind(9, change.lessons);
    update->bind(10, effective);
    if (auto r = update->run(); !r) {
        return r.error();
    }
    JsonObjectWriter details;
    details.add(u"from", codeOf(*from)).add(u"to", codeOf(change.to)).add(u"reopen", reopen);
    if (closing) {
        details.add(u"disposition", codeOf(*change.disposition))
            .add(u"resolution", change.resolution)
            .add(u"lessons", change.lessons);
    }
    if (reopen && !previousDisposition.isNull()) {
        details.add(u"previous_disposition", previousDisposition);
    }
    if (!change.comment.isEmpty()) {
        details.add(u"comment", change.comment);
    }
    JournalEntry e;
    e.actor = m_actor;
    e.objectType = QStringLiteral("incident");
    e.objectId = incidentId;
    e.action = QStringLiteral("status");
    e.details = details.finish();
    e.writtenNs = now;
    e.effectiveNs = effective;
    if (auto r = Journal::append(m_db, e); !r) {
        return r.error();
    }
    return tx.commit();
}

Result<qint64> IncidentService::addNote(qint64 incidentId, const QString& body)
{
    if (body.trimmed().isEmpty()) {
        return makeError(ErrorCode::Usage, QStringLiteral("a note needs some text"));
    }
    Transaction tx(m_db);
    if (!tx.begun()) {
        return tx.begun().error();
    }
    auto exists = m_db.prepare(u"SELECT 1 FROM incidents WHERE id = ?1");
    if (!exists) {
        return exists.error();
    }
    exists->bind(1, incidentId);
    auto row = exists->step();
    if (!row) {
        return row.error();
    }
    if (!*row) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no incident %1").arg(incidentId));
    }
    const qint64 now = nowNs();
    auto ins = m_db.prepare(
        u"INSERT INTO notes (incident_id, author, created_ns, body) VALUES (?1, ?2, ?3, ?4)");
    if (!ins) {
        return ins.error();
    }
    ins->bind(1, incidentId);
    ins->bind(2, m_actor);
    ins->bind(3, now);
    ins->bind(4, body);
    if (auto r = ins->run(); !r) {
        return r.error();
    }
    const qint64 noteId = m_db.lastInsertId();
    JournalEntry e;
    e.actor = m_actor;
    e.objectType = QStringLiteral("incident");
    e.objectId = incidentId;
    e.action = QStringLiteral("note");
    e.details = JsonObjectWriter().add(u"note_id", noteId).add(u"body", body).finish();
    e.writtenNs = now;
    if (auto r = Journal::append(m_db, e); !r) {
        return r.error();
    }
    if (auto r = tx.commit(); !r) {
        return r.error();
    }
    return noteId;
}

} // namespace vigil
