#include "cli_common.h"
#include "commands.h"
#include "detection_args.h"

#include "storage/journal.h"
#include "storage/store.h"
#include "triage/alert_service.h"
#include "triage/incident_status.h"
#include "util/json.h"
#include "util/text.h"
#include "util/timestamp.h"

namespace vigil::cli {

using namespace Qt::StringLiterals;

namespace {

const char16_t kUsage[] =
    u"usage: vigil-cli alerts --db FILE [--status S] [--limit N] [--json]\n"
    u"       vigil-cli alerts --db FILE --set ID --status S [--comment TEXT]\n"
    u"  Lists alerts, newest first (all statuses unless --status; at most --limit, default\n"
    u"  1000), or moves alert ID to status S. An alert's own workflow: new -> acknowledged ->\n"
    u"  in_triage -> escalated (into an incident) or closed; plus suppressed and merged.\n"
    u"  Escalating an alert that belongs to no incident groups it into one.\n";

void printAlert(const AlertListing& l, bool json)
{
    const AlertRecord& a = l.alert;
    if (json) {
        JsonObjectWriter w;
        w.add(u"id", a.id)
            .add(u"status", a.status)
            .addOptional(u"status_by", l.statusBy.isEmpty() ? QString() : l.statusBy)
            .addOptional(u"status_time", l.statusNs == 0 ? QString() : formatUtcTrimmed(l.statusNs))
            .add(u"rule_id", a.ruleUid)
            .add(u"rule_title", a.ruleTitle)
            .add(u"level", severityCode(a.level))
            .add(u"time", formatUtc(a.timeNs, a.timeDigits))
            .addOptional(u"host", a.host.isEmpty() ? QString() : a.host)
            .add(u"event_id", a.eventId)
            .add(u"summary", a.eventSummary);
        if (a.incidentId != 0) {
            w.add(u"incident_id", a.incidentId);
        } else {
            w.addNull(u"incident_id");
        }
        if (l.suppressionId != 0) {
            w.add(u"suppression_id", l.suppressionId);
        } else {
            w.addNull(u"suppression_id");
        }
        outBytes(w.finish() + '\n');
        return;
    }
    const auto status = alertStatusFromCode(a.status);
    out(fill(u"%1  %2  %3  %4  %5  %6  %7\n",
             {QStringLiteral("%1").arg(a.id, 6),
              (status ? displayName(*status) : printable(a.status)).leftJustified(12),
              severityCode(a.level).leftJustified(13), formatUtc(a.timeNs, 0).leftJustified(20),
              (a.incidentId == 0 ? QStringLiteral("-") : QString::number(a.incidentId))
                  .rightJustified(8),
              printable(a.host.isEmpty() ? QStringLiteral("-") : a.host).leftJustified(16),
              printable(a.ruleTitle)}));
}

int listAlerts(const QString& dbPath, const DetectionArgs& o)
{
    std::optional<AlertStatus> status;
    if (o.has(u"--status"_s)) {
        status = alertStatusFromCode(o.value(u"--status"_s));
        if (!status) {
            err(QStringLiteral("vigil-cli alerts: \"%1\" is not an alert status; use one of: %2\n")
                    .arg(printable(o.value(u"--status"_s)), alertStatusCodes()));
            return ExitUsage;
        }
    }
    qint64 limit = 1000;
    if (o.has(u"--limit"_s)) {
        bool ok = false;
        limit = o.value(u"--limit"_s).toLongLong(&ok);
        if (!ok || limit <= 0) {
            err(QStringLiteral("vigil-cli alerts: --limit takes a positive number\n"));
            return ExitUsage;
        }
    }
    auto db = Store::openReader(dbPath);
    if (!db) {
        err(QStringLiteral("vigil-cli: cannot open database: %1\n").arg(db.error().toString()));
        return ExitInput;
    }
    auto alerts = AlertQueries::list(*db, status, limit);
    auto counts = AlertQueries::countByStatus(*db);
    if (!alerts || !counts) {
        err(QStringLiteral("vigil-cli: %1\n")
                .arg((alerts ? counts.error() : alerts.error()).toString()));
        return ExitInput;
    }
    const bool json = o.flags.contains(u"--json"_s);
    if (!json) {
        out(QStringLiteral("%1  %2  %3  %4  %5  %6  %7\n")
                .arg(u"ID", 6)
                .arg(u"STATUS", -12)
                .arg(u"LEVEL", -13)
                .arg(u"TIME (UTC)", -20)
                .arg(u"INCIDENT", 8)
                .arg(u"HOST", -16)
                .arg(u"RULE"));
    }
    for (const AlertListing& l : *alerts) {
        printAlert(l, json);
    }
    QStringList parts;
    qint64 total = 0;
    for (const auto& [s, n] : *counts) {
        parts << QStringLiteral("%1 %2").arg(grouped(n), codeOf(s));
        total += n;
    }
    err(QStringLiteral("%1 %2 listed; the store holds %3 (%4)\n")
            .arg(grouped(qint64(alerts->size())),
                 alerts->size() == 1 ? QStringLiteral("alert") : QStringLiteral("alerts"),
                 grouped(total),
                 parts.isEmpty() ? QStringLiteral("none") : parts.join(QStringLiteral(", "))));
    return ExitOk;
}

int setStatus(const QString& dbPath, const DetectionArgs& o)
{
    bool ok = false;
    const qint64 id = o.value(u"--set"_s).toLongLong(&ok);
    if (!ok || id <= 0) {
        err(QStringLiteral("vigil-cli alerts: --set takes an alert id\n"));
        return ExitUsage;
    }
    const auto to = alertStatusFromCode(o.value(u"--status"_s));
    if (!to) {
        err(QStringLiteral("vigil-cli alerts: --set needs --status, one of: %1\n")
                .arg(alertStatusCodes()));
        return ExitUsage;
    }
    auto db = Store::openWriter(dbPath);
    if (!db) {
        err(QStringLiteral("vigil-cli: cannot open database: %1\n").arg(db.error().toString()));
        return ExitInput;
    }
    AlertService service(*db, localActor());
    if (auto r = service.changeStatus(id, *to, o.value(u"--comment"_s)); !r) {
        err(QStringLiteral("vigil-cli alerts: %1\n").arg(r.error().message));
        return r.error().code == ErrorCode::Database ? ExitInput : ExitUsage;
    }
    auto now = AlertQueries::load(*db, id);
    if (!now) {
        err(QStringLiteral("vigil-cli: %1\n").arg(now.error().toString()));
        return ExitInput;
    }
    out(QStringLiteral("alert %1 is now %2%3\n")
            .arg(id)
            .arg(displayName(*to),
                 now->alert.incidentId == 0
                     ? QString()
                     : QStringLiteral(" (incident %1)").arg(now->alert.incidentId)));
    return ExitOk;
}

} // namespace

int runAlerts(const QStringList& args)
{
    bool help = false;
    const auto o = readDetectionArgs(
        QStringLiteral("alerts"), QString::fromUtf16(kUsage), args,
        {u"--db"_s, u"--status"_s, u"--limit"_s, u"--set"_s, u"--comment"_s},
        {u"--json"_s}, {}, false, help);
    if (!o) {
        return help ? ExitOk : ExitUsage;
    }
    const QString dbPath = o->value(u"--db"_s);
    if (dbPath.isEmpty()) {
        err(QStringLiteral("vigil-cli alerts: --db FILE is required\n"));
        return ExitUsage;
    }
    if (o->has(u"--set"_s)) {
        return setStatus(dbPath, *o);
    }
    if (o->has(u"--comment"_s)) {
        err(QStringLiteral("vigil-cli alerts: --comment goes with --set\n"));
        return ExitUsage;
    }
    return listAlerts(dbPath, *o);
}

} // namespace vigil::cli
