#include "cli_common.h"
#include "commands.h"
#include "options.h"

#include "storage/journal.h"
#include "storage/store.h"
#include "triage/alert_service.h"
#include "triage/incident_queries.h"
#include "util/text.h"

namespace vigil::cli {

namespace {

const char16_t kSynopsis[] =
    u"--db FILE\n"
    u"  Verifies the store's journal: the keyed hash chain, its guards, the head this\n"
    u"  installation recorded outside the database, and every incident against its history.\n"
    u"  Exit 0 when all holds, 3 when something was altered outside Vigil (named on stdout).\n";

constexpr int ExitTampered = 3;

} // namespace

int runVerify(const QStringList& args)
{
    Accepts accepts;
    accepts.db = true;
    bool help = false;
    const auto o = parseOptions(QStringLiteral("verify"), QString::fromUtf16(kSynopsis), args,
                                accepts, help);
    if (!o) {
        return help ? ExitOk : ExitUsage;
    }
    if (o->db.isEmpty()) {
        err(QStringLiteral("vigil-cli verify: --db FILE is required\n"));
        return ExitUsage;
    }
    auto db = Store::openReader(o->db);
    if (!db) {
        err(QStringLiteral("vigil-cli: cannot open database: %1\n").arg(db.error().toString()));
        return ExitInput;
    }
    auto check = Journal::verify(*db);
    if (!check) {
        err(QStringLiteral("vigil-cli: %1\n").arg(check.error().toString()));
        return ExitInput;
    }
    bool intact = check->ok();
    if (check->ok()) {
        out(fill(u"journal: %1 entries, hash chain intact, head %2\n",
                 {grouped(check->entries), check->headHash}));
        out(check->anchored ? QStringLiteral("head: matches the one this installation recorded\n")
                            : QStringLiteral("head: this installation has no record of this store "
                                             "(written elsewhere?); cut-off entries cannot be ruled out\n"));
    } else if (check->firstBrokenSeq != 0) {
        out(fill(u"journal: ALTERED at entry %1: %2\n",
                 {QString::number(check->firstBrokenSeq), printable(check->problem)}));
    } else {
        out(QStringLiteral("journal: ALTERED: %1\n").arg(printable(check->problem)));
    }
    auto incidents = IncidentQueries::list(*db);
    if (!incidents) {
        err(QStringLiteral("vigil-cli: %1\n").arg(incidents.error().toString()));
        return ExitInput;
    }
    int disagreeing = 0;
    for (const IncidentRecord& r : *incidents) {
        auto problems = IncidentQueries::journalDisagreements(*db, r.id);
        if (problems && !problems->isEmpty()) {
            ++disagreeing;
            out(fill(u"incident %1: ALTERED: %2\n",
                     {QString::number(r.id), printable(problems->join(QStringLiteral("; ")))}));
        }
    }
    if (disagreeing == 0) {
        out(QStringLiteral("incidents: %1 checked against their journal, all agree\n")
                .arg(grouped(qint64(incidents->size()))));
    }
    auto alerts = AlertQueries::journalDisagreements(*db);
    if (!alerts) {
        err(QStringLiteral("vigil-cli: %1\n").arg(alerts.error().toString()));
        return ExitInput;
    }
    for (const QString& problem : *alerts) {
        out(fill(u"%1: ALTERED\n", {printable(problem)}));
    }
    if (alerts->isEmpty()) {
        out(QStringLiteral("alerts: every status agrees with its journal\n"));
    }
    disagreeing += int(alerts->size());
    intact = intact && disagreeing == 0;
    return intact ? ExitOk : ExitTampered;
}

} // namespace vigil::cli
