#include "triage/incident_queries.h"

#include <optional>

#include <QStringList>

#include "model/event.h"
#include "response/task.h"
#include "storage/database.h"
#include "storage/event_store.h"
#include "storage/journal.h"
#include "util/json.h"
#include "util/timestamp.h"

namespace vigil {

namespace {

constexpr char16_t kIncidentColumns[] =
    u"id, title, rule_uid, host, status, held_from, severity, priority, disposition, resolution, "
    u"lessons, first_seen_ns, last_seen_ns, alert_count, created_ns, updated_ns, closed_ns, "
    u"priority_score, priority_parts, due_ns, assignee, acknowledged_ns, acknowledged_by";

IncidentRecord readIncident(const Statement& s)
{
    IncidentRecord r;
    r.id = s.int64(0);
    r.title = s.text(1);
    r.ruleUid = s.text(2);
    r.host = s.text(3);
    r.status = incidentStatusFromCode(s.text(4)).value_or(IncidentStatus::New);
    r.heldFrom = incidentStatusFromCode(s.text(5));
    r.severity = int(s.int64(6));
    r.priority = s.isNull(7) ? QString() : s.text(7);
    r.disposition = s.isNull(8) ? QString() : s.text(8);
    r.resolution = s.text(9);
    r.lessons = s.text(10);
    r.firstSeenNs = s.int64(11);
    r.lastSeenNs = s.int64(12);
    r.alertCount = s.int64(13);
    r.createdNs = s.int64(14);
    r.updatedNs = s.int64(15);
    r.closedNs = s.isNull(16) ? 0 : s.int64(16);
    r.priorityScore = s.isNull(17) ? -1 : int(s.int64(17));
    r.priorityParts = s.isNull(18) ? QByteArray() : s.text(18).toUtf8();
    r.dueNs = s.isNull(19) ? 0 : s.int64(19);
    r.assignee = s.isNull(20) ? QString() : s.text(20);
    r.acknowledgedNs = s.isNull(21) ? 0 : s.int64(21);
    r.acknowledgedBy = s.isNull(22) ? QString() : s.text(22);
    return r;
}

} // namespace

Result<std::vector<IncidentRecord>> IncidentQueries::list(Database& db)
{
    auto s = db.prepare(
        QStringLiteral("SELECT %1 FROM incidents ORDER BY id").arg(QStringView(kIncidentColumns)));
    if (!s) {
        return s.error();
    }
    return collectRows<IncidentRecord>(*s, readIncident);
}

Result<IncidentRecord> IncidentQueries::load(Database& db, qint64 id)
{
    auto s = db.prepare(QStringLiteral("SELECT %1 FROM incidents WHERE id = ?1")
                            .arg(QStringView(kIncidentColumns)));
    if (!s) {
        return s.error();
    }
    s->bind(1, id);
    auto row = s->step();
    if (!row) {
        return row.error();
    }
    if (!*row) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no incident %1").arg(id));
    }
    return readIncident(*s);
}

Result<std::vector<AlertRecord>> IncidentQueries::alerts(Database& db, qint64 incidentId)
{
    auto s = db.prepare(u"SELECT a.id, a.rule_uid, a.rule_title, a.level, a.event_id, a.time_ns, "
                        u"a.time_digits, a.host, a.status, a.created_ns, a.incident_id, e.summary, "
                        u"a.correlation FROM alerts a LEFT JOIN events e ON e.id = a.event_id "
                        u"WHERE a.incident_id = ?1 ORDER BY a.time_ns, a.id");
    if (!s) {
        return s.error();
    }
    s->bind(1, incidentId);
    return collectRows<AlertRecord>(*s, [](const Statement& st) {
        AlertRecord a;
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
        a.incidentId = st.int64(10);
        a.eventSummary = st.text(11);
        a.correlation = st.isNull(12) ? QString() : st.text(12);
        return a;
    });
}

Result<std::vector<qint64>> IncidentQueries::alertEvents(Database& db, qint64 alertId)
{
    auto s = db.prepare(u"SELECT id FROM events WHERE id IN (SELECT event_id FROM alert_events "
                        u"WHERE alert_id = ?1 UNION SELECT event_id FROM alerts WHERE id = ?1) "
                        u"ORDER BY time_ns, id");
    if (!s) {
        return s.error();
    }
    s->bind(1, alertId);
    return collectRows<qint64>(*s, [](const Statement& st) { return st.int64(0); });
}

Result<std::vector<Event>> IncidentQueries::events(Database& db, qint64 incidentId, int limit)
{
    QString columns;
    for (const QString& c : QString::fromUtf16(kEventColumns).split(u',')) {
        columns += (columns.isEmpty() ? QString() : QStringLiteral(", ")) + QStringLiteral("e.")
            + c.trimmed();
    }
    auto s = db.prepare(QStringLiteral("SELECT %1 FROM incident_events ie JOIN events e ON "
                                       "e.id = ie.event_id WHERE ie.incident_id = ?1 "
                                       "ORDER BY e.time_ns, e.id LIMIT ?2")
                            .arg(columns));
    if (!s) {
        return s.error();
    }
    s->bind(1, incidentId);
    s->bind(2, limit);
    return collectRows<Event>(*s, [](const Statement& st) {
        Event e;
        readEventRow(st, 0, e);
        return e;
    });
}

Result<std::vector<NoteRecord>> IncidentQueries::notes(Database& db, qint64 incidentId)
{
    auto s = db.prepare(u"SELECT id, incident_id, author, created_ns, body, ref_type, ref_id FROM notes "
                        u"WHERE incident_id = ?1 ORDER BY created_ns, id");
    if (!s) {
        return s.error();
    }
    s->bind(1, incidentId);
    return collectRows<NoteRecord>(*s, [](const Statement& st) {
        NoteRecord n;
        n.id = st.int64(0);
        n.incidentId = st.int64(1);
        n.author = st.text(2);
        n.createdNs = st.int64(3);
        n.body = st.text(4);
        n.refType = st.isNull(5) ? QString() : st.text(5);
        n.refId = st.isNull(6) ? 0 : st.int64(6);
        return n;
    });
}

Result<qint64> IncidentQueries::count(Database& db, bool openOnly)
{
    auto s = db.prepare(openOnly ? QStringView(u"SELECT count(*) FROM incidents WHERE status NOT "
                                               u"IN ('resolved', 'closed')")
                                 : QStringView(u"SELECT count(*) FROM incidents"));
    if (!s) {
        return s.error();
    }
    auto row = s->step();
    if (!row) {
        return row.error();
    }
    return s->int64(0);
}

namespace {

// The state an incident's journal describes, entry by entry: what the incident row must say.
struct JournalReplay {
    QString status = codeOf(IncidentStatus::New);
    QString disposition;
    QString assignee;
    std::optional<QString> title, host, priority;
    std::optional<qint64> score;
    QString resolution, lessons;
    std::optional<qint64> closedNs;

    void apply(const JournalEntry& e, const Fields& d)
    {
        if (e.action == u"created") {
            if (d.contains(u"rule_title")) {
                title = d.text(u"rule_title");
            }
            if (d.contains(u"host")) {
                host = d.text(u"host");
            }
        } else if (e.action == u"priority") {
            priority = d.text(u"to");
            if (const FieldValue* v = d.find(u"parts.score")) {
                score = v->text().toLongLong();
            }
        } else if (e.action == u"assigned") {
            assignee = d.text(u"to");
        } else if (e.action == u"status") {
            status = d.text(u"to");
            if (status == u"closed") {
                disposition = d.text(u"disposition");
                resolution = d.text(u"resolution");
                if (d.contains(u"lessons")) { // a merge closes without lessons of its own
                    lessons = d.text(u"lessons");
                }
                closedNs = e.effectiveNs;
            } else if (d.text(u"reopen") == u"true") {
                disposition.clear();
                closedNs.reset();
            }
        }
    }

    // Title, host, priority and the closing texts; status, disposition and assignee are compared
    // by the caller.
    QStringList compare(const IncidentRecord& r) const
    {
        QStringList problems;
        const auto differs = [&](const char16_t* what, const QString& stored, const QString& journal) {
            if (stored != journal) {
                problems << QStringLiteral("the %1 is \"%2\", its journal says \"%3\"")
                                .arg(QString::fromUtf16(what), stored, journal);
            }
        };
        if (title) {
            differs(u"title", r.title, *title);
        }
        if (host) {
            differs(u"host", r.host, *host);
        }
        if (priority) {
            differs(u"priority", r.priority, *priority);
        }
        if (score && r.priorityScore != *score) {
            problems << QStringLiteral("the priority score is %1, its journal says %2")
                            .arg(QString::number(r.priorityScore), QString::number(*score));
        }
        if (r.status == IncidentStatus::Closed) {
            differs(u"resolution", r.resolution, resolution);
            differs(u"lessons learned", r.lessons, lessons);
            if (closedNs && r.closedNs != *closedNs) {
                problems << QStringLiteral("the closing time is %1, its journal says %2")
                                .arg(formatUtc(r.closedNs, 9), formatUtc(*closedNs, 9));
            }
        }
        return problems;
    }
};

struct AlertTotals {
    qint64 count = 0;
    int maxLevel = 0;
};

Result<AlertTotals> alertTotals(Database& db, qint64 incidentId)
{
    auto s = db.prepare(u"SELECT count(*), coalesce(max(level), 0) FROM alerts "
                        u"WHERE incident_id = ?1");
    if (!s) {
        return s.error();
    }
    s->bind(1, incidentId);
    if (auto row = s->step(); !row) {
        return row.error();
    }
    return AlertTotals{s->int64(0), int(s->int64(1))};
}

} // namespace

Result<QStringList> IncidentQueries::journalDisagreements(Database& db, qint64 incidentId)
{
    auto record = load(db, incidentId);
    if (!record) {
        return record.error();
    }
    auto entries = Journal::forObject(db, QStringLiteral("incident"), incidentId);
    if (!entries) {
        return entries.error();
    }
    auto noteRows = notes(db, incidentId);
    if (!noteRows) {
        return noteRows.error();
    }
    // Replay the journal: the state it describes is the state the incident must be in.
    JournalReplay j;
    qint64 noteEntries = 0;
    for (const JournalEntry& e : *entries) {
        if (e.action == u"note") {
            ++noteEntries;
            continue;
        }
        Fields details;
        if (!parseJsonObjectFlat(e.details, details, nullptr)) {
            continue; // the chain check reports unreadable entries
        }
        j.apply(e, details);
    }
    const QString status = j.status;
    const QString disposition = j.disposition;
    const QString assignee = j.assignee;
    QStringList problems = j.compare(*record);
    auto held = alertTotals(db, incidentId);
    if (!held) {
        return held.error();
    }
    if (record->alertCount != held->count) {
        problems << QStringLiteral("the incident counts %1 alerts, %2 are stored for it")
                        .arg(QString::number(record->alertCount), QString::number(held->count));
    }
    if (held->count > 0 && record->severity != held->maxLevel) {
        problems << QStringLiteral("the severity is %1, its alerts' highest level is %2")
                        .arg(QString::number(record->severity), QString::number(held->maxLevel));
    }
    if (codeOf(record->status) != status) {
        problems << QStringLiteral("the incident says %1, its journal says %2")
                        .arg(codeOf(record->status), status);
    }
    if (record->status == IncidentStatus::Closed && record->disposition != disposition) {
        problems << (disposition.isEmpty()
                         ? QStringLiteral("the disposition is %1, its journal has none")
                               .arg(record->disposition)
                         : QStringLiteral("the disposition is %1, its journal says %2")
                               .arg(record->disposition, disposition));
    }
    if (record->assignee != assignee) {
        problems << QStringLiteral("the incident is assigned to \"%1\", its journal says \"%2\"")
                        .arg(record->assignee, assignee);
    }
    if (qint64(noteRows->size()) != noteEntries) {
        problems << QStringLiteral("%1 notes are stored, the journal records %2")
                        .arg(QString::number(noteRows->size()), QString::number(noteEntries));
    }
    auto taskProblems = TaskQueries::journalDisagreements(db, incidentId);
    if (!taskProblems) {
        return taskProblems.error();
    }
    problems << *taskProblems;
    return problems;
}

} // namespace vigil
