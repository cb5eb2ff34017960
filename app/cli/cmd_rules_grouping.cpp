#include "cli_common.h"
#include "commands.h"
#include "detection_args.h"

#include "storage/journal.h"
#include "storage/store.h"
#include "triage/grouping.h"
#include "triage/incident_service.h"
#include "util/text.h"

namespace vigil::cli {

using namespace Qt::StringLiterals;

namespace {

const char16_t kUsage[] =
    u"usage: vigil-cli rules grouping --db FILE RULE [--key host|user|src_ip|field:NAME]\n"
    u"                                [--window DURATION]\n"
    u"       vigil-cli rules grouping --db FILE --list\n"
    u"  How alerts of RULE (its id or title) form incidents: alerts with the same key value\n"
    u"  (host, user, source address or a chosen event field) less than the window apart\n"
    u"  (30m, 2h, 1d) join one incident and raise its count. Without --key and --window, shows\n"
    u"  the rule's setting; the default is host and 60m. Applies to alerts recorded from now on.\n";

void printSetting(const GroupingSetting& g)
{
    out(QStringLiteral("%1  key %2  window %3%4\n")
            .arg(printable(g.ruleUid), printable(g.key.code()), durationText(g.windowNs),
                 g.stored ? QString() : QStringLiteral("  (default)")));
}

} // namespace

int runRulesGrouping(const QStringList& args)
{
    bool help = false;
    const auto o = readDetectionArgs(u"rules grouping"_s, QString::fromUtf16(kUsage), args,
                                     {u"--db"_s, u"--key"_s, u"--window"_s}, {u"--list"_s}, {},
                                     true, help);
    if (!o) {
        return help ? ExitOk : ExitUsage;
    }
    const QString dbPath = o->value(u"--db"_s);
    const bool listAll = o->flags.contains(u"--list"_s);
    if (dbPath.isEmpty() || (listAll ? !o->positional.isEmpty() : o->positional.size() != 1)) {
        err(QString::fromUtf16(kUsage));
        return ExitUsage;
    }
    QString why;
    std::optional<GroupingKey> key;
    if (o->has(u"--key"_s) && !(key = GroupingKey::parse(o->value(u"--key"_s), &why))) {
        err(QStringLiteral("vigil-cli rules grouping: %1\n").arg(printable(why)));
        return ExitUsage;
    }
    std::optional<qint64> window;
    if (o->has(u"--window"_s) && !(window = parseDurationNs(o->value(u"--window"_s)))) {
        err(QStringLiteral("vigil-cli rules grouping: --window takes a duration such as 30m, 2h "
                           "or 1d, not \"%1\"\n")
                .arg(printable(o->value(u"--window"_s))));
        return ExitUsage;
    }
    const bool change = key || window;
    auto db = change ? Store::openWriter(dbPath) : Store::openReader(dbPath);
    if (!db) {
        err(QStringLiteral("vigil-cli: cannot open database: %1\n").arg(db.error().toString()));
        return ExitInput;
    }
    if (listAll) {
        auto all = RuleGrouping::loadAll(*db);
        if (!all) {
            err(QStringLiteral("vigil-cli: %1\n").arg(all.error().toString()));
            return ExitInput;
        }
        for (const auto& [uid, g] : *all) {
            printSetting(g);
        }
        err(QStringLiteral("%1 rules with their own grouping; all others: key host, window 1h\n")
                .arg(grouped(qint64(all->size()))));
        return ExitOk;
    }
    auto rule = RuleGrouping::resolveRule(*db, o->positional.first());
    if (!rule) {
        err(QStringLiteral("vigil-cli rules grouping: %1\n").arg(printable(rule.error().message)));
        return rule.error().code == ErrorCode::Database ? ExitInput : ExitUsage;
    }
    auto current = RuleGrouping::load(*db, *rule, kDefaultIncidentWindowNs);
    if (!current) {
        err(QStringLiteral("vigil-cli: %1\n").arg(current.error().toString()));
        return ExitInput;
    }
    if (change) {
        GroupingSetting g = *current;
        g.key = key.value_or(g.key);
        g.windowNs = window.value_or(g.windowNs);
        if (auto r = RuleGrouping::save(*db, g, localActor()); !r) {
            err(QStringLiteral("vigil-cli rules grouping: %1\n").arg(r.error().message));
            return r.error().code == ErrorCode::Usage ? ExitUsage : ExitInput;
        }
        g.stored = true;
        current = g;
    }
    printSetting(*current);
    return ExitOk;
}

} // namespace vigil::cli
