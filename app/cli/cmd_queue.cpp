// "queue": the incident queue with the app's filters and saved views; "triage": the queue's
// actions (acknowledge, assign, status, note, add an event) on one or more incidents.
#include "cli_common.h"
#include "commands.h"
#include "detection_args.h"

#include "storage/journal.h"
#include "storage/store.h"
#include "triage/bulk_triage.h"
#include "triage/incident_queries.h"
#include "triage/incident_service.h"
#include "triage/queue_filter.h"
#include "util/json.h"
#include "util/text.h"
#include "util/timestamp.h"

namespace vigil::cli {

using namespace Qt::StringLiterals;

namespace {

const char16_t kQueueUsage[] =
    u"usage: vigil-cli queue --db FILE [--view NAME] [--status S,..] [--priority P1,..|none]\n"
    u"           [--assignee NAME|@me|@unassigned] [--rule TEXT] [--host TEXT] [--text TEXT]\n"
    u"           [--closed] [--json] [--save-view NAME]\n"
    u"       vigil-cli queue --db FILE --views | --delete-view NAME\n"
    u"  Lists the incidents the queue filter lets through in the queue's order (open first, then\n"
    u"  by priority, severity and latest activity); the options narrow a\n"
    u"  saved --view further. --save-view stores the filter under NAME for the app and the CLI.\n";

const char16_t kTriageUsage[] =
    u"usage: vigil-cli triage --db FILE --incident N [--incident M ..] ACTION\n"
    u"  ACTION: --ack | --assign NAME (\"\" unassigns) | --status S [--disposition D\n"
    u"          --resolution TEXT --lessons TEXT] | --note TEXT | --add-event EVENT_ID\n"
    u"  Applies the action to each incident in its own transaction (journalled as the local\n"
    u"  analyst); refused incidents are listed with the reason, the others are done (exit 3 when\n"
    u"  any was refused).\n";

constexpr int kExitRefused = 3;

// "On hold", "on-hold" and "on_hold" all name the code on_hold: refusals print display names.
QString statusCode(const QString& text)
{
    QString code = text.trimmed().toLower();
    code.replace(u' ', u'_').replace(u'-', u'_');
    return code;
}

QString statusCodes()
{
    QStringList codes;
    for (int i = 0; i <= int(IncidentStatus::OnHold); ++i) {
        codes << codeOf(IncidentStatus(i));
    }
    return codes.join(u", "_s);
}

QString dispositionCodes()
{
    QStringList codes;
    for (const Disposition d : allDispositions()) {
        codes << codeOf(d);
    }
    return codes.join(u", "_s);
}

Result<QueueFilter> filterFrom(Database& db, const DetectionArgs& a)
{
    QueueFilter f;
    if (a.has(u"--view"_s)) {
        auto view = QueueViews::find(db, a.value(u"--view"_s));
        if (!view) {
            return view.error();
        }
        f = *view;
    }
    if (a.has(u"--status"_s)) {
        f.statuses.clear();
        for (const QString& code : a.value(u"--status"_s).split(u',', Qt::SkipEmptyParts)) {
            const auto s = incidentStatusFromCode(statusCode(code));
            if (!s) {
                return makeError(ErrorCode::Usage,
                                 QStringLiteral("--status: unknown status \"%1\" (use %2)")
                                     .arg(code, statusCodes()));
            }
            f.statuses.push_back(*s);
        }
    }
    if (a.has(u"--priority"_s)) {
        f.priorities = a.value(u"--priority"_s).split(u',', Qt::SkipEmptyParts);
        for (const QString& p : f.priorities) {
            if (!QStringList{u"P1"_s, u"P2"_s, u"P3"_s, u"P4"_s, u"none"_s}.contains(p)) {
                return makeError(ErrorCode::Usage,
                                 QStringLiteral("--priority: use P1..P4 or none, not \"%1\"").arg(p));
            }
        }
    }
    for (const auto& [name, field] : {std::pair{u"--assignee"_s, &QueueFilter::assignee},
                                      std::pair{u"--rule"_s, &QueueFilter::rule},
                                      std::pair{u"--host"_s, &QueueFilter::host},
                                      std::pair{u"--text"_s, &QueueFilter::text}}) {
        if (a.has(name)) {
            f.*field = a.value(name).trimmed();
        }
    }
    f.showClosed = f.showClosed || a.has(u"--closed"_s);
    return f;
}

void printIncident(const IncidentRecord& r, bool json)
{
    if (json) {
        outBytes(JsonObjectWriter()
                     .add(u"id", r.id)
                     .add(u"title", r.title)
                     .add(u"status", codeOf(r.status))
                     .addOptional(u"priority", r.priority)
                     .addOptional(u"assignee", r.assignee)
                     .add(u"acknowledged", r.acknowledgedNs != 0)
                     .addOptional(u"host", r.host)
                     .add(u"rule_id", r.ruleUid)
                     .add(u"alerts", r.alertCount)
                     .add(u"last_seen", formatUtcTrimmed(r.lastSeenNs))
                     .finish()
                 + '\n');
        return;
    }
    out(QStringLiteral("%1  %2  %3  %4  %5  %6\n")
            .arg(r.id, 5)
            .arg((r.priority.isEmpty() ? u"-"_s : r.priority), -4)
            .arg(displayName(r.status) + (r.acknowledgedNs == 0 && isOpen(r.status) ? u" *"_s : QString()), -15)
            .arg(printable(r.assignee.isEmpty() ? u"-"_s : r.assignee), -14)
            .arg(printable(r.host.isEmpty() ? u"-"_s : r.host), -20)
            .arg(printable(r.title)));
}

int listViews(Database& db)
{
    auto views = QueueViews::list(db);
    if (!views) {
        err(QStringLiteral("vigil-cli queue: %1\n").arg(views.error().message));
        return ExitInput;
    }
    for (const SavedQueueView& v : *views) {
        out(printable(v.name) + u"  " + QString::fromUtf8(v.filter.toJson()) + u'\n');
    }
    return ExitOk;
}

} // namespace

int runQueue(const QStringList& args)
{
    bool help = false;
    const auto a = readDetectionArgs(
        u"queue"_s, QString::fromUtf16(kQueueUsage), args,
        {u"--db"_s, u"--view"_s, u"--status"_s, u"--priority"_s, u"--assignee"_s, u"--rule"_s, u"--host"_s,
         u"--text"_s, u"--save-view"_s, u"--delete-view"_s},
        {u"--closed"_s, u"--json"_s, u"--views"_s}, {}, false, help);
    if (!a) {
        return help ? ExitOk : ExitUsage;
    }
    if (a->value(u"--db"_s).isEmpty()) {
        err(u"vigil-cli queue: --db FILE is required\n"_s);
        return ExitUsage;
    }
    const bool writes = a->has(u"--save-view"_s) || a->has(u"--delete-view"_s);
    auto db = writes ? Store::openWriter(a->value(u"--db"_s)) : Store::openReader(a->value(u"--db"_s));
    if (!db) {
        err(QStringLiteral("vigil-cli: cannot open database: %1\n").arg(db.error().toString()));
        return ExitInput;
    }
    if (a->has(u"--views"_s)) {
        return listViews(*db);
    }
    if (a->has(u"--delete-view"_s)) {
        if (auto r = QueueViews::remove(*db, a->value(u"--delete-view"_s)); !r) {
            err(QStringLiteral("vigil-cli queue: %1\n").arg(r.error().message));
            return ExitUsage;
        }
        return ExitOk;
    }
    auto filter = filterFrom(*db, *a);
    if (!filter) {
        err(QStringLiteral("vigil-cli queue: %1\n").arg(filter.error().message));
        return filter.error().code == ErrorCode::Database ? ExitInput : ExitUsage;
    }
    if (a->has(u"--save-view"_s)) {
        if (auto r = QueueViews::save(*db, a->value(u"--save-view"_s), *filter); !r) {
            err(QStringLiteral("vigil-cli queue: %1\n").arg(r.error().message));
            return ExitUsage;
        }
    }
    auto list = IncidentQueries::list(*db);
    if (!list) {
        err(QStringLiteral("vigil-cli: %1\n").arg(list.error().toString()));
        return ExitInput;
    }
    std::stable_sort(list->begin(), list->end(), queueOrder); // as the app's queue
    const bool json = a->has(u"--json"_s);
    if (!json) {
        out(u"   ID  PRIO  STATUS           ASSIGNEE        HOST                  TITLE   (* not acknowledged)\n"_s);
    }
    const QString me = localActor();
    for (const IncidentRecord& r : *list) {
        if (filter->matches(r, me)) {
            printIncident(r, json);
        }
    }
    return ExitOk;
}

int runTriage(const QStringList& args)
{
    bool help = false;
    const auto a = readDetectionArgs(
        u"triage"_s, QString::fromUtf16(kTriageUsage), args,
        {u"--db"_s, u"--incident"_s, u"--assign"_s, u"--status"_s, u"--disposition"_s, u"--resolution"_s,
         u"--lessons"_s, u"--note"_s, u"--add-event"_s},
        {u"--ack"_s}, {u"--incident"_s}, false, help);
    if (!a) {
        return help ? ExitOk : ExitUsage;
    }
    const int actions = int(a->has(u"--ack"_s)) + int(a->has(u"--assign"_s)) + int(a->has(u"--status"_s))
                        + int(a->has(u"--note"_s)) + int(a->has(u"--add-event"_s));
    std::vector<qint64> ids;
    for (const QString& text : a->values.count(u"--incident"_s) ? a->values.at(u"--incident"_s) : QStringList()) {
        bool ok = false;
        const qint64 id = text.toLongLong(&ok);
        if (!ok || id <= 0) {
            err(QStringLiteral("vigil-cli triage: --incident: \"%1\" is not an incident number\n").arg(printable(text)));
            return ExitUsage;
        }
        ids.push_back(id);
    }
    if (a->value(u"--db"_s).isEmpty() || ids.empty() || actions != 1) {
        err(u"vigil-cli triage: --db, at least one --incident and exactly one action are required\n"_s
            + QString::fromUtf16(kTriageUsage));
        return ExitUsage;
    }
    std::function<Result<void>(qint64)> action;
    auto db = Store::openWriter(a->value(u"--db"_s));
    if (!db) {
        err(QStringLiteral("vigil-cli: cannot open database: %1\n").arg(db.error().toString()));
        return ExitInput;
    }
    IncidentService service(*db, localActor());
    if (a->has(u"--ack"_s)) {
        action = [&](qint64 id) { return service.acknowledge(id); };
    } else if (a->has(u"--assign"_s)) {
        // As in queue --assignee: @me is whoever runs this, @unassigned takes the assignee off.
        QString who = a->value(u"--assign"_s).trimmed();
        if (who == u"@me") {
            who = localActor();
        } else if (who == u"@unassigned") {
            who.clear();
        } else if (who.startsWith(u'@')) {
            err(QStringLiteral("vigil-cli triage: --assign: use a name, @me or @unassigned, not \"%1\"\n")
                    .arg(printable(who)));
            return ExitUsage;
        }
        action = [&service, who](qint64 id) { return service.assign(id, who); };
    } else if (a->has(u"--note"_s)) {
        action = [&](qint64 id) {
            auto r = service.addNote(id, a->value(u"--note"_s));
            return r ? Result<void>() : Result<void>(r.error());
        };
    } else if (a->has(u"--add-event"_s)) {
        bool ok = false;
        const qint64 eventId = a->value(u"--add-event"_s).toLongLong(&ok);
        if (!ok) {
            err(u"vigil-cli triage: --add-event takes an event id\n"_s);
            return ExitUsage;
        }
        action = [&service, eventId](qint64 id) { return service.addEvent(id, eventId); };
    } else {
        const auto to = incidentStatusFromCode(statusCode(a->value(u"--status"_s)));
        if (!to) {
            err(QStringLiteral("vigil-cli triage: --status: unknown status \"%1\" (use %2)\n")
                    .arg(printable(a->value(u"--status"_s)), statusCodes()));
            return ExitUsage;
        }
        StatusChange change = StatusChange::move(*to);
        if (a->has(u"--disposition"_s)) {
            change.disposition = dispositionFromCode(a->value(u"--disposition"_s));
            if (!change.disposition) {
                err(QStringLiteral("vigil-cli triage: --disposition: unknown code \"%1\" (use %2)\n")
                        .arg(printable(a->value(u"--disposition"_s)), dispositionCodes()));
                return ExitUsage;
            }
        }
        change.resolution = a->value(u"--resolution"_s);
        change.lessons = a->value(u"--lessons"_s);
        action = [&service, change](qint64 id) { return service.changeStatus(id, change); };
    }
    const BulkOutcome outcome = applyToEach(ids, action);
    for (const qint64 id : outcome.done) {
        out(QStringLiteral("incident %1: done\n").arg(id));
    }
    for (const auto& [id, error] : outcome.refused) {
        err(QStringLiteral("incident %1: refused: %2\n").arg(QString::number(id), printable(error.message)));
    }
    return outcome.refused.empty() ? ExitOk : kExitRefused;
}

} // namespace vigil::cli
