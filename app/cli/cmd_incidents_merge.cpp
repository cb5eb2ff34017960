#include "cli_common.h"
#include "commands.h"
#include "detection_args.h"

#include "storage/journal.h"
#include "storage/store.h"
#include "triage/incident_merge.h"
#include "util/text.h"

namespace vigil::cli {

using namespace Qt::StringLiterals;

namespace {

const char16_t kUsage[] =
    u"usage: vigil-cli incidents --db FILE --merge A,B[,C...] [--into A]\n"
    u"       vigil-cli incidents --db FILE --split N --alerts ID,ID...\n"
    u"  --merge moves every alert, event and observable of the named incidents into one (--into,\n"
    u"  default the oldest); the others are closed as duplicates \"merged into #A\". Each alert\n"
    u"  keeps its own times. --split moves the given alerts of incident N into a new incident.\n";

int fail(const Error& e)
{
    err(QStringLiteral("vigil-cli incidents: %1\n").arg(printable(e.message)));
    return e.code == ErrorCode::Database || e.code == ErrorCode::Io ? ExitInput : ExitUsage;
}

} // namespace

bool isIncidentMergeCommand(const QStringList& args)
{
    for (const QString& a : args) {
        const QString name = a.section(u'=', 0, 0);
        if (name == u"--merge" || name == u"--split") {
            return true;
        }
    }
    return false;
}

int runIncidentMerge(const QStringList& args)
{
    bool help = false;
    const auto o = readDetectionArgs(u"incidents"_s, QString::fromUtf16(kUsage), args,
                                     {u"--db"_s, u"--merge"_s, u"--into"_s, u"--split"_s,
                                      u"--alerts"_s},
                                     {}, {}, false, help);
    if (!o) {
        return help ? ExitOk : ExitUsage;
    }
    const QString dbPath = o->value(u"--db"_s);
    const bool merge = o->has(u"--merge"_s);
    const bool valid = !dbPath.isEmpty() && merge != o->has(u"--split"_s)
        && (merge ? !o->has(u"--alerts"_s) : o->has(u"--alerts"_s) && !o->has(u"--into"_s));
    if (!valid) {
        err(QString::fromUtf16(kUsage));
        return ExitUsage;
    }
    QString why;
    const auto list = parseIdList(o->value(merge ? u"--merge"_s : u"--alerts"_s), &why);
    if (!list) {
        err(QStringLiteral("vigil-cli incidents: %1\n").arg(printable(why)));
        return ExitUsage;
    }
    const QString single = o->value(merge ? u"--into"_s : u"--split"_s);
    bool ok = single.isEmpty() && merge;
    const qint64 id = single.isEmpty() ? 0 : single.toLongLong(&ok);
    if (!ok || id < 0) {
        err(QStringLiteral("vigil-cli incidents: \"%1\" is not an incident id\n")
                .arg(printable(single)));
        return ExitUsage;
    }
    auto db = Store::openWriter(dbPath);
    if (!db) {
        err(QStringLiteral("vigil-cli: cannot open database: %1\n").arg(db.error().toString()));
        return ExitInput;
    }
    IncidentMerger merger(*db, localActor());
    if (merge) {
        auto outcome = merger.merge(*list, id);
        if (!outcome) {
            return fail(outcome.error());
        }
        QStringList merged;
        for (const qint64 m : outcome->merged) {
            merged << QString::number(m);
        }
        out(QStringLiteral("merged incidents %1 into %2: %3 alerts moved, %4 observables both "
                           "held kept once\n")
                .arg(merged.join(u", "))
                .arg(outcome->into)
                .arg(outcome->alertsMoved)
                .arg(outcome->observablesJoined));
        return ExitOk;
    }
    auto created = merger.split(id, *list);
    if (!created) {
        return fail(created.error());
    }
    out(QStringLiteral("split %1 alerts off incident %2 into new incident %3\n")
            .arg(list->size())
            .arg(id)
            .arg(*created));
    return ExitOk;
}

} // namespace vigil::cli
