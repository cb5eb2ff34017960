#include "triage/incident_merge.h"

#include <algorithm>
#include <map>

#include <QStringList>

#include "response/playbook_library.h"
#include "response/task_service.h"
#include "storage/database.h"
#include "storage/journal.h"
#include "triage/incident_priority.h"
#include "triage/incident_status.h"
#include "util/json.h"
#include "util/timestamp.h"

namespace vigil {

namespace {

Result<Statement> bound(Database& db, QStringView sql, const std::vector<qint64>& args)
{
    auto s = db.prepare(sql);
    if (!s) {
        return s.error();
    }
    for (std::size_t i = 0; i < args.size(); ++i) {
        s->bind(int(i + 1), args[i]);
    }
    return std::move(*s);
}

Result<void> exec(Database& db, QStringView sql, const std::vector<qint64>& args)
{
    auto s = bound(db, sql, args);
    if (!s) {
        return s.error();
    }
    return s->run();
}

Result<std::vector<qint64>> ids(Database& db, QStringView sql, const std::vector<qint64>& args)
{
    auto s = bound(db, sql, args);
    if (!s) {
        return s.error();
    }
    return collectRows<qint64>(*s, [](const Statement& st) { return st.int64(0); });
}

QByteArray idsJson(const std::vector<qint64>& list)
{
    QByteArray out = "[";
    for (std::size_t i = 0; i < list.size(); ++i) {
        out += (i == 0 ? "" : ",") + QByteArray::number(list[i]);
    }
    return out + ']';
}

struct IncidentState {
    QString status;
    QString disposition;
    qint64 mergedInto = 0;
};

Result<IncidentState> loadState(Database& db, qint64 id)
{
    auto s = bound(db, u"SELECT status, disposition, merged_into FROM incidents WHERE id = ?1",
                   {id});
    if (!s) {
        return s.error();
    }
    auto row = s->step();
    if (!row) {
        return row.error();
    }
    if (!*row) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no incident %1").arg(id));
    }
    return IncidentState{s->text(0), s->isNull(1) ? QString() : s->text(1),
                         s->isNull(2) ? 0 : s->int64(2)};
}

// The span, count and severity of an incident follow the alerts it holds.
Result<void> recomputeFromAlerts(Database& db, qint64 id, qint64 now)
{
    return exec(db,
                u"UPDATE incidents SET first_seen_ns = (SELECT min(time_ns) FROM alerts WHERE "
                u"incident_id = ?1), last_seen_ns = (SELECT max(time_ns) FROM alerts WHERE "
                u"incident_id = ?1), alert_count = (SELECT count(*) FROM alerts WHERE "
                u"incident_id = ?1), severity = (SELECT max(level) FROM alerts WHERE "
                u"incident_id = ?1), updated_ns = ?2 WHERE id = ?1",
                {id, now});
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

/** Moves the observables of @p from into @p into; returns how many both held. */
Result<qint64> moveObservables(Database& db, qint64 from, qint64 into)
{
    constexpr char16_t kSame[] = u"SELECT t.id FROM observables t WHERE t.incident_id = ?2 AND "
                                 u"t.type = s.type AND t.value_key = s.value_key";
    auto shared = ids(db, QStringLiteral("SELECT s.id FROM observables s WHERE s.incident_id = "
                                         "?1 AND EXISTS (%1)")
                              .arg(QStringView(kSame)),
                      {from, into});
    if (!shared) {
        return shared.error();
    }
    const std::vector<std::pair<const char16_t*, bool>> steps = {
        {u"INSERT OR IGNORE INTO observable_events (observable_id, event_id) SELECT t.id, "
         u"oe.event_id FROM observables s JOIN observables t ON t.incident_id = ?2 AND t.type = "
         u"s.type AND t.value_key = s.value_key JOIN observable_events oe ON oe.observable_id = "
         u"s.id WHERE s.incident_id = ?1",
         false},
        {u"UPDATE observables AS t SET first_seen_ns = min(t.first_seen_ns, s.first_seen_ns), "
         u"last_seen_ns = max(t.last_seen_ns, s.last_seen_ns) FROM observables AS s WHERE "
         u"t.incident_id = ?2 AND s.incident_id = ?1 AND t.type = s.type AND t.value_key = "
         u"s.value_key",
         false},
        {u"DELETE FROM observable_events WHERE observable_id IN (SELECT s.id FROM observables s "
         u"WHERE s.incident_id = ?1 AND EXISTS (%1))",
         true},
        {u"DELETE FROM observables AS s WHERE s.incident_id = ?1 AND EXISTS (%1)", true},
        {u"UPDATE observables SET incident_id = ?2 WHERE incident_id = ?1", false},
    };
    for (const auto& [sql, withSame] : steps) {
        const QString text = withSame ? QString::fromUtf16(sql).arg(QStringView(kSame))
                                      : QString::fromUtf16(sql);
        if (auto r = exec(db, text, {from, into}); !r) {
            return r.error();
        }
    }
    return qint64(shared->size());
}

} // namespace

std::optional<std::vector<qint64>> parseIdList(const QString& text, QString* why)
{
    std::vector<qint64> out;
    for (const QString& part : text.split(u',')) {
        bool ok = false;
        const qint64 id = part.trimmed().toLongLong(&ok);
        if (!ok || id <= 0) {
            if (why) {
                *why = QStringLiteral("\"%1\" is not a list of ids such as 3,4,7").arg(text);
            }
            return std::nullopt;
        }
        if (std::find(out.begin(), out.end(), id) != out.end()) {
            if (why) {
                *why = QStringLiteral("%1 is named twice in \"%2\"").arg(id).arg(text);
            }
            return std::nullopt;
        }
        out.push_back(id);
    }
    return out;
}

IncidentMerger::IncidentMerger(Database& db, QString actor)
    : m_db(db)
    , m_actor(std::move(actor))
{
}

Result<MergeOutcome> IncidentMerger::merge(std::vector<qint64> incidentIds, qint64 into)
{
    std::sort(incidentIds.begin(), incidentIds.end());
    incidentIds.erase(std::unique(incidentIds.begin(), incidentIds.end()), incidentIds.end());
    if (incidentIds.size() < 2) {
        return makeError(ErrorCode::Usage, QStringLiteral("merging needs at least two different "
                                                          "incidents"));
    }
    if (into == 0) {
        into = incidentIds.front();
    } else if (std::find(incidentIds.begin(), incidentIds.end(), into) == incidentIds.end()) {
        return makeError(ErrorCode::Usage,
                         QStringLiteral("the target %1 must be one of the incidents merged")
                             .arg(into));
    }
    Transaction tx(m_db);
    if (!tx.begun()) {
        return tx.begun().error();
    }
    std::map<qint64, IncidentState> states;
    for (const qint64 id : incidentIds) {
        auto state = loadState(m_db, id);
        if (!state) {
            return state.error();
        }
        if (state->mergedInto != 0) {
            return makeError(ErrorCode::InvalidState,
                             QStringLiteral("incident %1 was already merged into incident %2")
                                 .arg(id)
                                 .arg(state->mergedInto));
        }
        states[id] = *state;
    }
    const auto targetStatus = incidentStatusFromCode(states[into].status);
    if (!targetStatus || !isOpen(*targetStatus)) {
        return makeError(ErrorCode::InvalidState,
                         QStringLiteral("incident %1 is %2; reopen it before merging into it, or "
                                        "merge into an open one")
                             .arg(into)
                             .arg(states[into].status));
    }
    const qint64 now = nowNs();
    MergeOutcome outcome;
    outcome.into = into;
    for (const qint64 from : incidentIds) {
        if (from == into) {
            continue;
        }
        auto moved = ids(m_db, u"SELECT id FROM alerts WHERE incident_id = ?1 ORDER BY id", {from});
        if (!moved) {
            return moved.error();
        }
        const std::vector<std::pair<const char16_t*, std::vector<qint64>>> steps = {
            {u"UPDATE alerts SET incident_id = ?2 WHERE incident_id = ?1", {from, into}},
            {u"INSERT OR IGNORE INTO incident_events (incident_id, event_id, added_ns, reason) "
             u"SELECT ?2, event_id, added_ns, reason FROM incident_events WHERE incident_id = ?1",
             {from, into}},
            {u"DELETE FROM incident_events WHERE incident_id = ?1", {from}},
        };
        for (const auto& [sql, args] : steps) {
            if (auto r = exec(m_db, QStringView(sql), args); !r) {
                return r.error();
            }
        }
        auto joined = moveObservables(m_db, from, into);
        if (!joined) {
            return joined.error();
        }
        const QString resolution = QStringLiteral("Merged into incident #%1").arg(into);
        auto close = bound(m_db,
                           u"UPDATE incidents SET status = 'closed', held_from = NULL, "
                           u"disposition = 'duplicate', resolution = ?3, closed_ns = ?4, "
                           u"updated_ns = ?4, merged_into = ?2, alert_count = 0 WHERE id = ?1",
                           {from, into});
        if (!close) {
            return close.error();
        }
        close->bind(3, resolution);
        close->bind(4, now);
        if (auto r = close->run(); !r) {
            return r.error();
        }
        // A "status" entry, so the journal tells the state the incident is in (closed,
        // duplicate) like any other closing, and says where its alerts went.
        JsonObjectWriter details;
        details.add(u"from", states[from].status)
            .add(u"to", u"closed")
            .add(u"reopen", false)
            .add(u"disposition", u"duplicate")
            .add(u"resolution", resolution)
            .add(u"merged_into", into)
            .addRaw(u"alerts", idsJson(*moved));
        if (!states[from].disposition.isEmpty()) {
            details.add(u"previous_disposition", states[from].disposition);
        }
        if (auto r = journal(m_db, m_actor, from, QStringLiteral("status"), details.finish(), now);
            !r) {
            return r.error();
        }
        outcome.merged.push_back(from);
        outcome.alertsMoved += qint64(moved->size());
        outcome.observablesJoined += *joined;
    }
    if (auto r = recomputeFromAlerts(m_db, into, now); !r) {
        return r.error();
    }
    IncidentPrioritiser prioritiser(m_db, m_actor);
    if (auto r = prioritiser.update(into, now); !r) {
        return r.error();
    }
    // The target now holds alerts of other rules: the playbooks that fit them join its tasks
    // (the merged-away incidents keep their own tasks, closed with them).
    if (auto r = TaskService(m_db, QStringLiteral("vigil"))
                     .attachMatching(into, PlaybookLibrary::loadStandard());
        !r) {
        return r.error();
    }
    if (auto r = journal(m_db, m_actor, into, QStringLiteral("merged"),
                         JsonObjectWriter()
                             .addRaw(u"incidents", idsJson(outcome.merged))
                             .add(u"alerts_moved", outcome.alertsMoved)
                             .add(u"observables_joined", outcome.observablesJoined)
                             .finish(),
                         now);
        !r) {
        return r.error();
    }
    if (auto r = tx.commit(); !r) {
        return r.error();
    }
    return outcome;
}

Result<qint64> IncidentMerger::split(qint64 incidentId, std::vector<qint64> alertIds)
{
    std::sort(alertIds.begin(), alertIds.end());
    alertIds.erase(std::unique(alertIds.begin(), alertIds.end()), alertIds.end());
    if (alertIds.empty()) {
        return makeError(ErrorCode::Usage, QStringLiteral("name the alerts to split off"));
    }
    Transaction tx(m_db);
    if (!tx.begun()) {
        return tx.begun().error();
    }
    auto state = loadState(m_db, incidentId);
    if (!state) {
        return state.error();
    }
    if (state->mergedInto != 0) {
        return makeError(ErrorCode::InvalidState,
                         QStringLiteral("incident %1 was merged into incident %2; split its "
                                        "alerts off there")
                             .arg(incidentId)
                             .arg(state->mergedInto));
    }
    auto held = ids(m_db, u"SELECT id FROM alerts WHERE incident_id = ?1 ORDER BY id", {incidentId});
    if (!held) {
        return held.error();
    }
    for (const qint64 id : alertIds) {
        if (!std::binary_search(held->begin(), held->end(), id)) {
            return makeError(ErrorCode::Usage,
                             QStringLiteral("alert %1 is not in incident %2").arg(id).arg(incidentId));
        }
    }
    if (alertIds.size() == held->size()) {
        return makeError(ErrorCode::Usage,
                         QStringLiteral("splitting off every alert of incident %1 would leave it "
                                        "empty; keep at least one")
                             .arg(incidentId));
    }
    const qint64 now = nowNs();
    // The new incident takes its title, rule and host from its earliest alert and the grouping
    // of the incident it came from.
    if (auto r = m_db.exec(u"CREATE TEMP TABLE IF NOT EXISTS split_alerts (id INTEGER PRIMARY "
                           u"KEY); DELETE FROM temp.split_alerts");
        !r) {
        return r.error();
    }
    for (const qint64 id : alertIds) {
        if (auto r = exec(m_db, u"INSERT INTO temp.split_alerts (id) VALUES (?1)", {id}); !r) {
            return r.error();
        }
    }
    if (auto r = exec(m_db,
                      u"INSERT INTO incidents (title, rule_uid, host, status, severity, "
                      u"first_seen_ns, last_seen_ns, alert_count, created_ns, updated_ns, "
                      u"group_key, group_value) SELECT a.rule_title, a.rule_uid, a.host, 'new', "
                      u"0, 0, 0, 0, ?2, ?2, i.group_key, i.group_value FROM alerts a JOIN "
                      u"incidents i ON i.id = ?1 WHERE a.id IN (SELECT id FROM temp.split_alerts) "
                      u"ORDER BY a.time_ns, a.id LIMIT 1",
                      {incidentId, now});
        !r) {
        return r.error();
    }
    const qint64 created = m_db.lastInsertId();
    constexpr char16_t kKept[] =
        u"(SELECT event_id FROM alerts WHERE incident_id = ?1 UNION SELECT ae.event_id FROM "
        u"alert_events ae JOIN alerts a ON a.id = ae.alert_id WHERE a.incident_id = ?1)";
    const std::vector<const char16_t*> steps = {
        u"UPDATE alerts SET incident_id = ?2 WHERE id IN (SELECT id FROM temp.split_alerts)",
        u"INSERT OR IGNORE INTO incident_events (incident_id, event_id, added_ns, reason) "
        u"SELECT ?2, event_id, ?3, 'alert' FROM (SELECT event_id FROM alerts WHERE incident_id = "
        u"?2 UNION SELECT ae.event_id FROM alert_events ae JOIN alerts a ON a.id = ae.alert_id "
        u"WHERE a.incident_id = ?2)",
        // Events only the moved alerts held leave the old incident; events an analyst added
        // by hand stay.
        u"DELETE FROM incident_events WHERE incident_id = ?1 AND reason = 'alert' AND event_id "
        u"IN (SELECT event_id FROM incident_events WHERE incident_id = ?2) AND event_id NOT IN "
        u"%1",
        u"INSERT INTO observables (incident_id, type, value, value_key, tlp, pap, first_field, "
        u"first_seen_ns, last_seen_ns, added_ns) SELECT ?2, o.type, o.value, o.value_key, o.tlp, "
        u"o.pap, o.first_field, min(e.time_ns), max(e.time_ns), ?3 FROM observables o JOIN "
        u"observable_events oe ON oe.observable_id = o.id JOIN events e ON e.id = oe.event_id "
        u"WHERE o.incident_id = ?1 AND oe.event_id IN (SELECT event_id FROM incident_events "
        u"WHERE incident_id = ?2) GROUP BY o.id",
        u"INSERT OR IGNORE INTO observable_events (observable_id, event_id) SELECT n.id, "
        u"oe.event_id FROM observables o JOIN observables n ON n.incident_id = ?2 AND n.type = "
        u"o.type AND n.value_key = o.value_key JOIN observable_events oe ON oe.observable_id = "
        u"o.id WHERE o.incident_id = ?1 AND oe.event_id IN (SELECT event_id FROM "
        u"incident_events WHERE incident_id = ?2)",
        u"DELETE FROM observable_events WHERE observable_id IN (SELECT id FROM observables "
        u"WHERE incident_id = ?1) AND event_id NOT IN (SELECT event_id FROM incident_events "
        u"WHERE incident_id = ?1)",
        u"DELETE FROM observables WHERE incident_id = ?1 AND id NOT IN (SELECT observable_id "
        u"FROM observable_events)",
    };
    for (const char16_t* sql : steps) {
        QString text = QString::fromUtf16(sql);
        if (text.contains(u"%1")) {
            text = text.arg(QStringView(kKept));
        }
        if (auto r = exec(m_db, text, {incidentId, created, now}); !r) {
            return r.error();
        }
    }
    for (const qint64 id : {incidentId, created}) {
        if (auto r = recomputeFromAlerts(m_db, id, now); !r) {
            return r.error();
        }
    }
    const QByteArray moved = idsJson(alertIds);
    if (auto r = journal(m_db, m_actor, created, QStringLiteral("created"),
                         JsonObjectWriter()
                             .add(u"split_from", incidentId)
                             .addRaw(u"alerts", moved)
                             .finish(),
                         now);
        !r) {
        return r.error();
    }
    if (auto r = journal(m_db, m_actor, incidentId, QStringLiteral("split"),
                         JsonObjectWriter().add(u"into", created).addRaw(u"alerts", moved).finish(),
                         now);
        !r) {
        return r.error();
    }
    IncidentPrioritiser prioritiser(m_db, m_actor);
    for (const qint64 id : {incidentId, created}) {
        if (auto r = prioritiser.update(id, now); !r) {
            return r.error();
        }
    }
    if (auto r = tx.commit(); !r) {
        return r.error();
    }
    return created;
}

} // namespace vigil
