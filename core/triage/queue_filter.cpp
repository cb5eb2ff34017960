#include "triage/queue_filter.h"

#include <algorithm>

#include "model/event.h"
#include "storage/database.h"
#include "triage/incident_queries.h"
#include "util/json.h"
#include "util/timestamp.h"

namespace vigil {

namespace {

bool contains(const QString& haystack, const QString& needle)
{
    return haystack.contains(needle, Qt::CaseInsensitive);
}

QStringList splitCodes(const QString& text)
{
    QStringList out;
    for (const QString& part : text.split(u',', Qt::SkipEmptyParts)) {
        out << part.trimmed();
    }
    return out;
}

} // namespace

bool QueueFilter::matches(const IncidentRecord& r, const QString& me) const
{
    const bool closedAsked = std::find(statuses.begin(), statuses.end(), IncidentStatus::Closed)
                             != statuses.end();
    if (r.status == IncidentStatus::Closed && !showClosed && !closedAsked) {
        return false;
    }
    if (!statuses.empty() && std::find(statuses.begin(), statuses.end(), r.status) == statuses.end()) {
        return false;
    }
    if (!priorities.isEmpty()
        && !priorities.contains(r.priority.isEmpty() ? QStringLiteral("none") : r.priority,
                                Qt::CaseInsensitive)) {
        return false;
    }
    if (assignee == kUnassigned) {
        if (!r.assignee.isEmpty()) {
            return false;
        }
    } else if (assignee == kMe) {
        if (r.assignee.isEmpty() || r.assignee.compare(me, Qt::CaseInsensitive) != 0) {
            return false;
        }
    } else if (!assignee.isEmpty() && r.assignee.compare(assignee, Qt::CaseInsensitive) != 0) {
        return false;
    }
    if (!rule.isEmpty() && !contains(r.title, rule) && !contains(r.ruleUid, rule)) {
        return false;
    }
    if (!host.isEmpty() && !contains(r.host, host)) {
        return false;
    }
    if (text.isEmpty()) {
        return true;
    }
    return contains(r.title, text) || contains(r.host, text) || contains(r.ruleUid, text)
           || contains(r.assignee, text) || contains(displayName(r.status), text)
           || contains(r.priority, text) || contains(severityCode(r.severity), text)
           || contains(r.disposition, text) || (u'#' + QString::number(r.id)) == text;
}

QByteArray QueueFilter::toJson() const
{
    QStringList codes;
    for (IncidentStatus s : statuses) {
        codes << codeOf(s);
    }
    return JsonObjectWriter()
        .add(u"statuses", codes.join(u','))
        .add(u"priorities", priorities.join(u','))
        .add(u"assignee", assignee)
        .add(u"rule", rule)
        .add(u"host", host)
        .add(u"text", text)
        .add(u"show_closed", showClosed)
        .finish();
}

Result<QueueFilter> QueueFilter::fromJson(const QByteArray& json)
{
    Fields f;
    JsonError error;
    if (!parseJsonObjectFlat(json, f, &error)) {
        return makeError(ErrorCode::Parse, QStringLiteral("a saved queue view is not valid JSON"));
    }
    QueueFilter q;
    for (const QString& code : splitCodes(f.text(u"statuses"))) {
        const auto s = incidentStatusFromCode(code);
        if (!s) {
            return makeError(ErrorCode::Parse,
                             QStringLiteral("a saved queue view names an unknown status \"%1\"")
                                 .arg(code));
        }
        q.statuses.push_back(*s);
    }
    for (const QString& p : splitCodes(f.text(u"priorities"))) {
        static const QStringList known{QStringLiteral("P1"), QStringLiteral("P2"),
                                       QStringLiteral("P3"), QStringLiteral("P4"),
                                       QStringLiteral("none")};
        if (!known.contains(p)) {
            return makeError(ErrorCode::Parse,
                             QStringLiteral("a saved queue view names an unknown priority \"%1\"")
                                 .arg(p));
        }
        q.priorities << p;
    }
    q.assignee = f.text(u"assignee");
    q.rule = f.text(u"rule");
    q.host = f.text(u"host");
    q.text = f.text(u"text");
    q.showClosed = f.text(u"show_closed") == u"true";
    return q;
}

Result<std::vector<SavedQueueView>> QueueViews::list(Database& db)
{
    auto s = db.prepare(u"SELECT name, filter FROM queue_views ORDER BY name COLLATE NOCASE");
    if (!s) {
        return s.error();
    }
    std::vector<SavedQueueView> out;
    while (true) {
        auto row = s->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            break;
        }
        auto filter = QueueFilter::fromJson(s->text(1).toUtf8());
        if (!filter) {
            Error e = filter.error();
            e.message = QStringLiteral("view \"%1\": %2").arg(s->text(0), e.message);
            return e;
        }
        out.push_back({s->text(0), *filter});
    }
    return out;
}

Result<void> QueueViews::save(Database& db, const QString& name, const QueueFilter& filter)
{
    const QString n = name.trimmed();
    if (n.isEmpty() || n.size() > 80 || n.contains(u'\n')) {
        return makeError(ErrorCode::Usage,
                         QStringLiteral("a view name is one line of 1 to 80 characters"));
    }
    auto s = db.prepare(u"INSERT INTO queue_views (name, filter, updated_ns) VALUES (?1, ?2, ?3) "
                        u"ON CONFLICT(name) DO UPDATE SET name = ?1, filter = ?2, updated_ns = ?3");
    if (!s) {
        return s.error();
    }
    s->bind(1, n);
    s->bindUtf8(2, filter.toJson());
    s->bind(3, nowNs());
    return s->run();
}

Result<void> QueueViews::remove(Database& db, const QString& name)
{
    auto s = db.prepare(u"DELETE FROM queue_views WHERE name = ?1");
    if (!s) {
        return s.error();
    }
    s->bind(1, name.trimmed());
    if (auto r = s->run(); !r) {
        return r;
    }
    if (db.changes() == 0) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no saved view \"%1\"").arg(name));
    }
    return {};
}

Result<QueueFilter> QueueViews::find(Database& db, const QString& name)
{
    auto s = db.prepare(u"SELECT filter FROM queue_views WHERE name = ?1");
    if (!s) {
        return s.error();
    }
    s->bind(1, name.trimmed());
    auto row = s->step();
    if (!row) {
        return row.error();
    }
    if (!*row) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no saved view \"%1\"").arg(name));
    }
    return QueueFilter::fromJson(s->text(0).toUtf8());
}

bool queueOrder(const IncidentRecord& a, const IncidentRecord& b)
{
    const auto rank = [](const IncidentRecord& r) {
        return r.priority.size() == 2 ? r.priority.mid(1).toInt() : 9;
    };
    if (isOpen(a.status) != isOpen(b.status)) {
        return isOpen(a.status);
    }
    if (rank(a) != rank(b)) {
        return rank(a) < rank(b);
    }
    if (a.severity != b.severity) {
        return a.severity > b.severity;
    }
    return a.lastSeenNs > b.lastSeenNs;
}

} // namespace vigil
