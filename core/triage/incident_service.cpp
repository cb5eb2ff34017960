#include "triage/incident_service.h"

#include <algorithm>
#include <map>

#include "sigma/correlation_engine.h"
#include "sigma/correlation_rule.h"
#include "storage/database.h"
#include "storage/journal.h"
#include "triage/alert_subject.h"
#include "triage/incident_grouper.h"
#include "triage/incident_priority.h"
#include "triage/suppression.h"
#include "util/json.h"
#include "util/timestamp.h"

namespace vigil {

TriageCounts& TriageCounts::operator+=(const TriageCounts& o)
{
    alertsNew += o.alertsNew;
    alertsExisting += o.alertsExisting;
    incidentsOpened += o.incidentsOpened;
    incidentsUpdated += o.incidentsUpdated;
    alertsSuppressed += o.alertsSuppressed;
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
    Database* db = nullptr;
    Statement insertAlert;
    Statement suppressAlert;
    Statement linkAlert;
    Statement linkEvent;
    Statement findAlert;
    Statement insertAlertEvent;
};

Result<Statements> prepareAll(Database& db)
{
    Statements s;
    s.db = &db;
    const std::pair<Statement*, const char16_t*> sql[] = {
        {&s.insertAlert,
         u"INSERT OR IGNORE INTO alerts (rule_uid, rule_title, level, event_id, time_ns, "
         u"time_digits, host, created_ns, correlation) "
         u"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"},
        {&s.suppressAlert,
         u"UPDATE alerts SET status = 'suppressed', suppression_id = ?2, status_by = 'vigil', "
         u"status_ns = ?3 WHERE id = ?1"},
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

    void add(qint64 alertId)
    {
        firstAlert = added == 0 ? alertId : firstAlert;
        lastAlert = alertId;
        ++added;
    }
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

/**
 * Inserts the alert of @p h; returns its id, or 0 when the rule already alerted on that event
 * (a correlation alert then gains the contributing events it lacked).
 */
Result<qint64> insertAlert(Statements& st, const Hit& h, const CorrelationHit* correlation,
                           qint64 now)
{
    st.insertAlert.bind(1, h.ruleUid);
    st.insertAlert.bind(2, h.ruleTitle);
    st.insertAlert.bind(3, h.level);
    st.insertAlert.bind(4, h.eventId);
    st.insertAlert.bind(5, h.timeNs);
    st.insertAlert.bind(6, h.timeDigits);
    st.insertAlert.bindOptional(7, h.host.isEmpty() ? QString() : h.host);
    st.insertAlert.bind(8, now);
    if (correlation) {
        st.insertAlert.bindUtf8(9, correlation->details);
    } else {
        st.insertAlert.bindNull(9);
    }
    if (auto r = st.insertAlert.run(); !r) {
        return r.error();
    }
    if (st.db->changes() != 0) {
        return st.db->lastInsertId();
    }
    if (correlation) {
        // The same correlation completed by the same event again (a second hunt, or a second
        // group through aliases): the alert gains the events it lacked.
        st.findAlert.bind(1, h.ruleUid);
        st.findAlert.bind(2, h.eventId);
        auto row = st.findAlert.step();
        if (!row) {
            st.findAlert.reset();
            return row.error();
        }
        const qint64 alertId = *row ? st.findAlert.int64(0) : 0;
        const qint64 incident = *row && !st.findAlert.isNull(1) ? st.findAlert.int64(1) : 0;
        st.findAlert.reset();
        if (alertId != 0) {
            if (auto r = linkContributors(st, alertId, incident, correlation->eventIds, now); !r) {
                return r.error();
            }
        }
    }
    return qint64(0);
}

/** Links a new alert and its event(s) to the incident it was placed in. */
Result<void> linkToIncident(Statements& st, const Hit& h, const CorrelationHit* correlation,
                            qint64 alertId, qint64 incidentId, qint64 now)
{
    st.linkAlert.bind(1, alertId);
    st.linkAlert.bind(2, incidentId);
    if (auto r = st.linkAlert.run(); !r) {
        return r;
    }
    st.linkEvent.bind(1, incidentId);
    st.linkEvent.bind(2, h.eventId);
    st.linkEvent.bind(3, now);
    if (auto r = st.linkEvent.run(); !r) {
        return r;
    }
    if (correlation) {
        return linkContributors(st, alertId, incidentId, correlation->eventIds, now);
    }
    return {};
}

/** The first active suppression of the alert's rule that its event matches, or 0. */
Result<qint64> matchingSuppression(const std::map<QString, std::vector<Suppression>>& active,
                                   const Hit& h, AlertSubjectLoader& subjects,
                                   std::optional<AlertSubject>& subject)
{
    const auto it = active.find(h.ruleUid);
    if (it == active.end()) {
        return qint64(0);
    }
    if (!subject) {
        auto loaded = subjects.load(h.eventId);
        if (!loaded) {
            return loaded.error();
        }
        subject = std::move(*loaded);
    }
    for (const Suppression& s : it->second) {
        if (s.matches(*subject)) {
            return s.id;
        }
    }
    return qint64(0);
}

Result<void> journalSummary(Database& db, const QString& objectType, const QString& action,
                            const std::map<qint64, Touched>& touched, qint64 now)
{
    for (const auto& [id, t] : touched) {
        JournalEntry e;
        e.actor = QStringLiteral("vigil");
        e.objectType = objectType;
        e.objectId = id;
        e.action = action;
        e.details = JsonObjectWriter()
                        .add(u"count", t.added)
                        .add(u"first_alert_id", t.firstAlert)
                        .add(u"last_alert_id", t.lastAlert)
                        .finish();
        e.writtenNs = now;
        if (auto r = Journal::append(db, e); !r) {
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
    IncidentGrouper grouper(m_db, m_windowNs);
    if (auto r = grouper.prepare(); !r) {
        return r.error();
    }
    const qint64 now = nowNs();
    auto suppressions = Suppressions::active(m_db, now);
    if (!suppressions) {
        return suppressions.error();
    }
    AlertSubjectLoader subjects(m_db);
    // Group in time order so an incident's span grows the way the activity happened.
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        return a.hit->timeNs != b.hit->timeNs ? a.hit->timeNs < b.hit->timeNs
                                              : a.hit->eventId < b.hit->eventId;
    });
    std::map<qint64, Touched> joined;
    std::map<qint64, std::vector<qint64>> addedAlerts; // per incident joined, for its priority
    std::map<qint64, Touched> suppressedBy;
    std::vector<qint64> created;
    for (const Entry& entry : entries) {
        const Hit& h = *entry.hit;
        auto alertId = insertAlert(st, h, entry.correlation, now);
        if (!alertId) {
            return alertId.error();
        }
        if (*alertId == 0) {
            ++counts.alertsExisting;
            continue;
        }
        ++counts.alertsNew;
        std::optional<AlertSubject> subject;
        auto suppression = matchingSuppression(*suppressions, h, subjects, subject);
        if (!suppression) {
            return suppression.error();
        }
        if (*suppression != 0) {
            st.suppressAlert.bind(1, *alertId);
            st.suppressAlert.bind(2, *suppression);
            st.suppressAlert.bind(3, now);
            if (auto r = st.suppressAlert.run(); !r) {
                return r.error();
            }
            ++counts.alertsSuppressed;
            suppressedBy[*suppression].add(*alertId);
            if (entry.correlation) {
                if (auto r = linkContributors(st, *alertId, 0, entry.correlation->eventIds, now);
                    !r) {
                    return r.error();
                }
            }
            continue;
        }
        if (!subject && grouper.needsSubject(h.ruleUid)) {
            auto loaded = subjects.load(h.eventId);
            if (!loaded) {
                return loaded.error();
            }
            subject = std::move(*loaded);
        }
        auto placed = grouper.place(h, *alertId, subject ? &*subject : nullptr, now);
        if (!placed) {
            return placed.error();
        }
        if (placed->created) {
            ++counts.incidentsOpened;
            created.push_back(placed->incidentId);
        } else {
            joined[placed->incidentId].add(*alertId);
            addedAlerts[placed->incidentId].push_back(*alertId);
        }
        if (auto r = linkToIncident(st, h, entry.correlation, *alertId, placed->incidentId, now);
            !r) {
            return r.error();
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
        // Only the alerts just added are read: incidents that grow by thousands of alerts
        // would otherwise be read whole again for every batch.
        if (auto r = prioritiser.update(incidentId, now, &addedAlerts[incidentId]); !r) {
            return r.error();
        }
        ++counts.incidentsUpdated;
    }
    if (auto r = journalSummary(m_db, QStringLiteral("incident"), QStringLiteral("alerts_added"),
                                joined, now);
        !r) {
        return r.error();
    }
    if (auto r = journalSummary(m_db, QStringLiteral("suppression"),
                                QStringLiteral("alerts_suppressed"), suppressedBy, now);
        !r) {
        return r.error();
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
    auto load = m_db.prepare(
        u"SELECT status, held_from, disposition, merged_into FROM incidents WHERE id = ?1");
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
    const qint64 mergedInto = load->isNull(3) ? 0 : load->int64(3);
    load->reset();
    if (mergedInto != 0) {
        return makeError(ErrorCode::InvalidState,
                         QStringLiteral("incident %1 was merged into incident %2; work on %2 "
                                        "(or split its alerts off again)")
                             .arg(incidentId)
                             .arg(mergedInto));
    }
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
