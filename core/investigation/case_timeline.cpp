#include "investigation/case_timeline.h"

#include <algorithm>
#include <map>

#include "storage/database.h"
#include "triage/incident_queries.h"
#include "triage/incident_status.h"

namespace vigil {

QString timelineRefType(TimelineKind kind)
{
    switch (kind) {
    case TimelineKind::Event:
        return QStringLiteral("event");
    case TimelineKind::Alert:
        return QStringLiteral("alert");
    case TimelineKind::Action:
        return QStringLiteral("journal");
    }
    return {};
}

namespace {

Result<qint64> countEvents(Database& db, qint64 incidentId)
{
    auto s = db.prepare(u"SELECT count(*) FROM incident_events WHERE incident_id = ?1");
    if (!s) {
        return s.error();
    }
    s->bind(1, incidentId);
    auto row = s->step();
    if (!row) {
        return row.error();
    }
    return s->int64(0);
}

Result<void> addEvents(Database& db, qint64 incidentId, int limit, std::vector<TimelineItem>& out)
{
    auto s = db.prepare(u"SELECT e.id, e.time_ns, e.time_digits, e.host, e.summary, e.format "
                        u"FROM incident_events ie JOIN events e ON e.id = ie.event_id "
                        u"WHERE ie.incident_id = ?1 ORDER BY e.time_ns, e.id LIMIT ?2");
    if (!s) {
        return s.error();
    }
    s->bind(1, incidentId);
    s->bind(2, limit);
    auto rows = collectRows<TimelineItem>(*s, [](const Statement& st) {
        TimelineItem i;
        i.kind = TimelineKind::Event;
        i.refId = st.int64(0);
        i.timeNs = st.int64(1);
        i.timeDigits = int(st.int64(2));
        i.who = st.text(3);
        i.what = st.text(4);
        i.detail = st.text(5);
        return i;
    });
    if (!rows) {
        return rows.error();
    }
    out.insert(out.end(), rows->begin(), rows->end());
    return {};
}

Result<void> addAlerts(Database& db, qint64 incidentId, std::vector<TimelineItem>& out)
{
    auto alerts = IncidentQueries::alerts(db, incidentId);
    if (!alerts) {
        return alerts.error();
    }
    for (const AlertRecord& a : *alerts) {
        TimelineItem i;
        i.kind = TimelineKind::Alert;
        i.refId = a.id;
        i.timeNs = a.timeNs;
        i.timeDigits = a.timeDigits;
        i.who = a.host;
        i.what = a.ruleTitle;
        i.detail = severityCode(a.level);
        out.push_back(std::move(i));
    }
    return {};
}

// The incident's own journal entries and those of its alerts (their status workflow), so the
// analyst's actions on either show up; both are annotatable by seq.
constexpr char16_t kActionsWhere[] =
    u"(object_type = 'incident' AND object_id = ?1) OR (object_type = 'alert' AND object_id IN "
    u"(SELECT id FROM alerts WHERE incident_id = ?1))";

Result<void> addActions(Database& db, qint64 incidentId, std::vector<TimelineItem>& out)
{
    auto s = db.prepare(QStringLiteral("SELECT seq, effective_ns, actor, object_type, object_id, "
                                       "action, details FROM journal WHERE %1 ORDER BY seq")
                            .arg(QStringView(kActionsWhere)));
    if (!s) {
        return s.error();
    }
    s->bind(1, incidentId);
    auto rows = collectRows<TimelineItem>(*s, [](const Statement& st) {
        TimelineItem i;
        i.kind = TimelineKind::Action;
        i.refId = st.int64(0);
        i.timeNs = st.int64(1);
        i.timeDigits = 3;
        i.who = st.text(2);
        if (st.text(3) == u"alert") {
            i.object = QStringLiteral("alert %1").arg(st.int64(4));
        }
        i.what = st.text(5);
        i.detail = st.text(6);
        return i;
    });
    if (!rows) {
        return rows.error();
    }
    out.insert(out.end(), rows->begin(), rows->end());
    return {};
}

} // namespace

QString CaseTimeline::journalCondition()
{
    return QString::fromUtf16(kActionsWhere);
}

Result<CaseTimelineResult> CaseTimeline::load(Database& db, qint64 incidentId, int eventLimit)
{
    CaseTimelineResult result;
    auto total = countEvents(db, incidentId);
    if (!total) {
        return total.error();
    }
    result.eventsTotal = *total;
    std::vector<TimelineItem>& items = result.items;
    if (auto r = addEvents(db, incidentId, eventLimit, items); !r) {
        return r.error();
    }
    result.eventsShown = qint64(items.size());
    if (auto r = addAlerts(db, incidentId, items); !r) {
        return r.error();
    }
    if (auto r = addActions(db, incidentId, items); !r) {
        return r.error();
    }
    std::stable_sort(items.begin(), items.end(), [](const TimelineItem& a, const TimelineItem& b) {
        if (a.timeNs != b.timeNs) {
            return a.timeNs < b.timeNs;
        }
        if (a.kind != b.kind) {
            return a.kind < b.kind;
        }
        return a.refId < b.refId;
    });
    auto notes = IncidentQueries::notes(db, incidentId);
    if (!notes) {
        return notes.error();
    }
    std::map<std::pair<QString, qint64>, size_t> index;
    for (size_t i = 0; i < items.size(); ++i) {
        index[{timelineRefType(items[i].kind), items[i].refId}] = i;
    }
    for (const NoteRecord& n : *notes) {
        if (n.refType.isEmpty()) {
            continue; // a note on the whole incident: it shows as its journal action
        }
        const auto it = index.find({n.refType, n.refId});
        if (it != index.end()) {
            items[it->second].annotations.push_back({n.id, n.author, n.createdNs, n.body});
        }
    }
    return result;
}

} // namespace vigil
