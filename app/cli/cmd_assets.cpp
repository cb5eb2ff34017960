#include "cli_common.h"
#include "commands.h"
#include "options.h"

#include "storage/journal.h"
#include "storage/store.h"
#include "triage/asset_inventory.h"
#include "triage/incident_priority.h"
#include "util/json.h"
#include "util/text.h"

namespace vigil::cli {

namespace {

const char16_t kSynopsis[] =
    u"list --db FILE [--json]\n"
    u"       vigil-cli assets import --db FILE INVENTORY.csv|.yml...\n"
    u"  The asset and identity inventory that incident priorities are computed from.\n"
    u"  CSV: a header naming kind (host or user), name, criticality (low, medium, high,\n"
    u"  critical) and optionally owner and tags (separated by ;). YAML: hosts: and users:,\n"
    u"  lists of {name, criticality, owner, tags}. Rows with problems are named with\n"
    u"  file:line and left out; the others are imported, journalled, and every open incident's\n"
    u"  priority is computed again.\n";

int list(const Options& o)
{
    auto db = Store::openReader(o.db);
    if (!db) {
        err(QStringLiteral("vigil-cli: cannot open database: %1\n").arg(db.error().toString()));
        return ExitInput;
    }
    auto assets = AssetInventory::list(*db);
    if (!assets) {
        err(QStringLiteral("vigil-cli: %1\n").arg(assets.error().toString()));
        return ExitInput;
    }
    for (const Asset& a : *assets) {
        if (o.json) {
            outBytes(JsonObjectWriter()
                         .add(u"kind", a.kind)
                         .add(u"name", a.name)
                         .add(u"criticality", criticalityCode(a.criticality))
                         .add(u"owner", a.owner)
                         .add(u"tags", a.tags.join(u';'))
                         .finish()
                     + '\n');
        } else {
            out(fill(u"%1  %2  %3  %4\n",
                     {a.kind.leftJustified(4), criticalityCode(a.criticality).leftJustified(8),
                      printable(a.name), printable(a.owner)}));
        }
    }
    if (!o.json) {
        err(QStringLiteral("%1 assets and identities\n").arg(grouped(qint64(assets->size()))));
    }
    return ExitOk;
}

int import(const Options& o)
{
    if (o.paths.isEmpty()) {
        err(QStringLiteral("vigil-cli assets import: an inventory file is required\n"));
        return ExitUsage;
    }
    auto db = Store::openWriter(o.db);
    if (!db) {
        err(QStringLiteral("vigil-cli: cannot open database: %1\n").arg(db.error().toString()));
        return ExitInput;
    }
    bool failed = false;
    for (const QString& path : o.paths) {
        auto report = AssetInventory::importFile(*db, path, localActor());
        if (!report) {
            err(QStringLiteral("vigil-cli: %1\n").arg(printable(report.error().toString())));
            failed = true;
            continue;
        }
        out(fill(u"%1: %2 added, %3 updated, %4 unchanged, %5 left out\n",
                 {printable(path), QString::number(report->added),
                  QString::number(report->updated), QString::number(report->unchanged),
                  QString::number(report->problems.size())}));
        for (const Error& e : report->problems) {
            err(QStringLiteral("  %1\n").arg(printable(e.toString())));
        }
    }
    IncidentPrioritiser prioritiser(*db, localActor());
    auto changed = prioritiser.updateOpen();
    if (!changed) {
        err(QStringLiteral("vigil-cli: %1\n").arg(changed.error().toString()));
        return ExitInput;
    }
    // Counts any change of the computed parts: a score that moved within P4 counts too.
    out(QStringLiteral("open incidents whose priority, score or due time changed: %1\n").arg(*changed));
    return failed ? ExitInput : ExitOk;
}

} // namespace

int runAssets(const QStringList& args)
{
    const QString sub = args.value(0);
    if (sub != u"list" && sub != u"import") {
        err(QStringLiteral("usage: vigil-cli assets %1").arg(QString::fromUtf16(kSynopsis)));
        return sub == u"--help" || sub == u"-h" ? ExitOk : ExitUsage;
    }
    Accepts accepts;
    accepts.db = true;
    accepts.json = sub == u"list";
    accepts.paths = sub == u"import";
    bool help = false;
    const auto o = parseOptions(QStringLiteral("assets ") + sub, QString::fromUtf16(kSynopsis), args.mid(1),
                                accepts, help);
    if (!o) {
        return help ? ExitOk : ExitUsage;
    }
    if (o->db.isEmpty()) {
        err(QStringLiteral("vigil-cli assets %1: --db FILE is required\n").arg(sub));
        return ExitUsage;
    }
    return sub == u"list" ? list(*o) : import(*o);
}

} // namespace vigil::cli
