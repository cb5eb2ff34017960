#include "cli_common.h"
#include "commands.h"
#include "detection_args.h"

#include "storage/journal.h"
#include "storage/store.h"
#include "triage/grouping.h"
#include "triage/suppression.h"
#include "util/json.h"
#include "util/text.h"
#include "util/timestamp.h"

namespace vigil::cli {

using namespace Qt::StringLiterals;

namespace {

const char16_t kUsage[] =
    u"usage: vigil-cli suppress --db FILE --rule RULE --field NAME=VALUE [--field ...]\n"
    u"                          --expires DURATION [--reason TEXT] [--preview]\n"
    u"       vigil-cli suppress --db FILE --list [--json]\n"
    u"       vigil-cli suppress --db FILE --end ID [--reason TEXT]\n"
    u"  Suppresses new alerts of RULE (its id or title) whose event holds every NAME=VALUE\n"
    u"  (host, user, src_ip or any event field; whole values, any case) until DURATION from\n"
    u"  now (30m, 12h, 7d, 2w). Suppressed alerts are stored with status suppressed and counted,\n"
    u"  but form no incident. Before saving, prints how many stored alerts of the rule it would\n"
    u"  have hidden; --preview only prints that. --list shows every suppression; --end ends an\n"
    u"  active one now, before its expiry (alerts it already suppressed stay suppressed).\n";

constexpr qint64 kMaxExpiryNs = 366LL * 86400 * kNsPerSecond;

void printJson(const Suppression& s, qint64 now)
{
    JsonObjectWriter fields;
    for (const auto& [name, value] : s.fields) {
        fields.add(name, value);
    }
    JsonObjectWriter w;
    w.add(u"id", s.id)
        .add(u"rule_id", s.ruleUid)
        .add(u"rule_title", s.ruleTitle)
        .addRaw(u"fields", fields.finish())
        .add(u"state", s.stateCode(now))
        .add(u"active", s.isActive(now))
        .add(u"expires", formatUtcTrimmed(s.expiresNs))
        .add(u"suppressed", s.suppressedCount)
        .add(u"preview_count", s.previewCount)
        .add(u"reason", s.reason)
        .add(u"created", formatUtcTrimmed(s.createdNs))
        .add(u"created_by", s.createdBy);
    if (s.endedNs != 0) {
        w.add(u"ended", formatUtcTrimmed(s.endedNs))
            .add(u"ended_by", s.endedBy)
            .add(u"end_reason", s.endReason);
    }
    outBytes(w.finish() + '\n');
}

int list(const QString& dbPath, bool json)
{
    auto db = Store::openReader(dbPath);
    if (!db) {
        err(QStringLiteral("vigil-cli: cannot open database: %1\n").arg(db.error().toString()));
        return ExitInput;
    }
    auto all = Suppressions::list(*db);
    if (!all) {
        err(QStringLiteral("vigil-cli: %1\n").arg(all.error().toString()));
        return ExitInput;
    }
    const qint64 now = nowNs();
    if (!json) {
        out(QStringLiteral("%1  %2  %3  %4  %5  %6\n")
                .arg(u"ID", 4)
                .arg(u"STATE", -8)
                .arg(u"EXPIRES (UTC)", -20)
                .arg(u"HIDDEN", 7)
                .arg(u"RULE", -36)
                .arg(u"FIELDS"));
    }
    for (const Suppression& s : *all) {
        if (json) {
            printJson(s, now);
            continue;
        }
        QString rule = printable(s.ruleTitle.isEmpty() ? s.ruleUid : s.ruleTitle);
        if (rule.size() > 36) {
            rule = rule.left(35) + u'…'; // keep the columns aligned; --json has the whole title
        }
        out(fill(u"%1  %2  %3  %4  %5  %6\n",
                 {QStringLiteral("%1").arg(s.id, 4), s.stateCode(now).leftJustified(8),
                  formatUtc(s.expiresNs, 0).leftJustified(20),
                  QStringLiteral("%1").arg(s.suppressedCount, 7),
                  rule.leftJustified(36), printable(s.fieldsText())}));
        // Who and why, under the row: the reason it was made, and how it ended early.
        out(fill(u"      made %1 by %2%3\n",
                 {formatUtc(s.createdNs, 0), printable(s.createdBy),
                  s.reason.isEmpty() ? QString() : u": "_s + printable(s.reason)}));
        if (s.endedNs != 0) {
            out(fill(u"      ended %1 by %2%3\n",
                     {formatUtc(s.endedNs, 0), printable(s.endedBy),
                      s.endReason.isEmpty() ? QString() : u": "_s + printable(s.endReason)}));
        }
    }
    if (!json) {
        err(QStringLiteral("%1 %2 (HIDDEN: alerts each has suppressed so far)\n")
                .arg(grouped(qint64(all->size())), all->size() == 1 ? QStringLiteral("suppression")
                                                                   : QStringLiteral("suppressions")));
    }
    return ExitOk;
}

int endSuppression(const QString& dbPath, const QString& idText, const QString& reason)
{
    bool ok = false;
    const qint64 id = idText.toLongLong(&ok);
    if (!ok || id <= 0) {
        err(QStringLiteral("vigil-cli suppress: --end takes a suppression id (see --list), not "
                           "\"%1\"\n")
                .arg(printable(idText)));
        return ExitUsage;
    }
    auto db = Store::openWriter(dbPath);
    if (!db) {
        err(QStringLiteral("vigil-cli: cannot open database: %1\n").arg(db.error().toString()));
        return ExitInput;
    }
    if (auto r = Suppressions::end(*db, id, localActor(), reason); !r) {
        err(QStringLiteral("vigil-cli suppress: %1\n").arg(printable(r.error().message)));
        const ErrorCode code = r.error().code;
        return code == ErrorCode::Usage || code == ErrorCode::NotFound ? ExitUsage : ExitInput;
    }
    out(QStringLiteral("suppression %1 ended: new alerts are no longer suppressed by it\n")
            .arg(id));
    return ExitOk;
}

} // namespace

int runSuppress(const QStringList& args)
{
    bool help = false;
    const auto o = readDetectionArgs(
        u"suppress"_s, QString::fromUtf16(kUsage), args,
        {u"--db"_s, u"--rule"_s, u"--field"_s, u"--expires"_s, u"--reason"_s, u"--end"_s},
        {u"--preview"_s, u"--list"_s, u"--json"_s}, {u"--field"_s}, false, help);
    if (!o) {
        return help ? ExitOk : ExitUsage;
    }
    const QString dbPath = o->value(u"--db"_s);
    if (dbPath.isEmpty()) {
        err(QStringLiteral("vigil-cli suppress: --db FILE is required\n"));
        return ExitUsage;
    }
    if (o->flags.contains(u"--list"_s)) {
        return list(dbPath, o->flags.contains(u"--json"_s));
    }
    if (o->has(u"--end"_s)) {
        return endSuppression(dbPath, o->value(u"--end"_s), o->value(u"--reason"_s));
    }
    QString why;
    const auto fields = Suppression::parseFields(o->values.count(u"--field"_s)
                                                     ? o->values.at(u"--field"_s)
                                                     : QStringList(),
                                                 &why);
    if (!o->has(u"--rule"_s) || !fields || fields->empty() || !o->has(u"--expires"_s)) {
        err(QStringLiteral("vigil-cli suppress: %1\n%2")
                .arg(!fields ? why
                             : QStringLiteral("--rule, at least one --field NAME=VALUE and "
                                              "--expires are required"),
                     QString::fromUtf16(kUsage)));
        return ExitUsage;
    }
    const auto expires = parseDurationNs(o->value(u"--expires"_s));
    if (!expires || *expires <= 0 || *expires > kMaxExpiryNs) {
        err(QStringLiteral("vigil-cli suppress: --expires takes a duration of at most 366 days "
                           "such as 30m, 12h, 7d, 2w or 52w, not \"%1\"\n")
                .arg(printable(o->value(u"--expires"_s))));
        return ExitUsage;
    }
    const bool previewOnly = o->flags.contains(u"--preview"_s);
    auto db = previewOnly ? Store::openReader(dbPath) : Store::openWriter(dbPath);
    if (!db) {
        err(QStringLiteral("vigil-cli: cannot open database: %1\n").arg(db.error().toString()));
        return ExitInput;
    }
    auto rule = RuleGrouping::resolveRule(*db, o->value(u"--rule"_s));
    if (!rule) {
        err(QStringLiteral("vigil-cli suppress: %1\n").arg(printable(rule.error().message)));
        return rule.error().code == ErrorCode::Database ? ExitInput : ExitUsage;
    }
    Suppression s;
    s.ruleUid = *rule;
    s.fields = *fields;
    s.expiresNs = nowNs() + *expires;
    s.reason = o->value(u"--reason"_s);
    auto preview = Suppressions::preview(*db, s);
    if (!preview) {
        err(QStringLiteral("vigil-cli: %1\n").arg(preview.error().toString()));
        return ExitInput;
    }
    out(QStringLiteral("would have hidden %1 of the %2 stored alerts of rule %3 (%4)\n")
            .arg(grouped(preview->matched), grouped(preview->ruleAlerts), printable(s.ruleUid),
                 printable(s.fieldsText())));
    if (const QStringList empty = s.emptyValueNames(); !empty.isEmpty()) {
        err(QStringLiteral("vigil-cli suppress: note: an empty value also matches events that "
                           "have no such field at all (%1)\n")
                .arg(printable(empty.join(u", "_s))));
    }
    if (previewOnly) {
        return ExitOk;
    }
    auto id = Suppressions::add(*db, s, localActor());
    if (!id) {
        err(QStringLiteral("vigil-cli suppress: %1\n").arg(id.error().message));
        return id.error().code == ErrorCode::Usage ? ExitUsage : ExitInput;
    }
    out(QStringLiteral("suppression %1 saved: new matching alerts are suppressed until %2\n")
            .arg(*id)
            .arg(formatUtc(s.expiresNs, 0)));
    return ExitOk;
}

} // namespace vigil::cli
