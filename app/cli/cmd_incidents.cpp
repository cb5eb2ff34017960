#include "cli_common.h"

#include <map>
#include "commands.h"
#include "options.h"

#include "storage/store.h"
#include "triage/incident_queries.h"
#include "util/json.h"
#include "util/text.h"
#include "util/timestamp.h"

namespace vigil::cli {

namespace {

const char16_t kSynopsis[] =
    u"--db FILE [--json]\n"
    u"  Lists the incidents of a store, newest activity first, with priority (P1 most urgent;\n"
    u"  ! marks an open incident past its due time); --json gives one object per line.\n";

QString isoOrNull(qint64 ns)
{
    return ns == 0 ? QString() : formatUtcTrimmed(ns);
}

// Incidents merged away, and where to (incident_merge.h).
Result<std::map<qint64, qint64>> mergedInto(Database& db)
{
    auto s = db.prepare(u"SELECT id, merged_into FROM incidents WHERE merged_into IS NOT NULL");
    if (!s) {
        return s.error();
    }
    std::map<qint64, qint64> out;
    while (true) {
        auto row = s->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            return out;
        }
        out[s->int64(0)] = s->int64(1);
    }
}

} // namespace

int runIncidents(const QStringList& args)
{
    if (isIncidentMergeCommand(args)) {
        return runIncidentMerge(args);
    }
    Accepts accepts;
    accepts.db = accepts.json = true;
    bool help = false;
    const auto o = parseOptions(QStringLiteral("incidents"), QString::fromUtf16(kSynopsis), args,
                                accepts, help);
    if (!o) {
        return help ? ExitOk : ExitUsage;
    }
    if (o->db.isEmpty()) {
        err(QStringLiteral("vigil-cli incidents: --db FILE is required\n"));
        return ExitUsage;
    }
    auto db = Store::openReader(o->db);
    if (!db) {
        err(QStringLiteral("vigil-cli: cannot open database: %1\n").arg(db.error().toString()));
        return ExitInput;
    }
    auto list = IncidentQueries::list(*db);
    if (!list) {
        err(QStringLiteral("vigil-cli: %1\n").arg(list.error().toString()));
        return ExitInput;
    }
    std::vector<IncidentRecord>& incidents = *list;
    std::stable_sort(incidents.begin(), incidents.end(),
                     [](const IncidentRecord& a, const IncidentRecord& b) {
                         return a.lastSeenNs > b.lastSeenNs;
                     });
    if (!o->json) {
        out(QStringLiteral("%1  %2  %3  %4  %5  %6  %7  %8\n")
                .arg(u"ID", 5)
                .arg(u"PRIO", -4)
                .arg(u"STATUS", -13)
                .arg(u"SEVERITY", -13)
                .arg(u"ALERTS", 6)
                .arg(u"LAST SEEN (UTC)", -20)
                .arg(u"HOST", -20)
                .arg(u"TITLE"));
    }
    const qint64 now = nowNs();
    auto merged = mergedInto(*db);
    if (!merged) {
        err(QStringLiteral("vigil-cli: %1\n").arg(merged.error().toString()));
        return ExitInput;
    }
    for (const IncidentRecord& r : incidents) {
        const bool overdue = r.dueNs != 0 && isOpen(r.status) && r.dueNs < now;
        if (o->json) {
            JsonObjectWriter w;
            w.add(u"id", r.id)
                .add(u"title", r.title)
                .add(u"status", codeOf(r.status))
                .add(u"severity", severityCode(r.severity))
                .addOptional(u"priority", r.priority);
            if (r.priorityScore >= 0) {
                w.add(u"priority_score", qint64(r.priorityScore))
                    .addRaw(u"priority_parts", r.priorityParts);
            }
            if (r.dueNs != 0) {
                w.add(u"due", isoOrNull(r.dueNs)).add(u"overdue", overdue);
            }
            w
                .addOptional(u"host", r.host.isEmpty() ? QString() : r.host)
                .add(u"rule_id", r.ruleUid)
                .add(u"alert_count", r.alertCount)
                .add(u"first_seen", isoOrNull(r.firstSeenNs))
                .add(u"last_seen", isoOrNull(r.lastSeenNs))
                .addOptional(u"disposition", r.disposition)
                .add(u"created", isoOrNull(r.createdNs))
                .add(u"updated", isoOrNull(r.updatedNs));
            if (const auto m = merged->find(r.id); m != merged->end()) {
                w.add(u"merged_into", m->second);
            } else {
                w.addNull(u"merged_into");
            }
            outBytes(w.finish() + '\n');
        } else {
            QString host = printable(r.host.isEmpty() ? QStringLiteral("-") : r.host);
            if (host.size() > 20) {
                host = host.left(19) + u'…'; // keep the columns aligned; --json has the full name
            }
            const QString prio = (r.priority.isEmpty() ? QStringLiteral("-") : r.priority)
                                 + (overdue ? QStringLiteral("!") : QString());
            out(fill(u"%1  %2  %3  %4  %5  %6  %7  %8\n",
                     {QStringLiteral("%1").arg(r.id, 5), prio.leftJustified(4),
                      displayName(r.status).leftJustified(13),
                      severityCode(r.severity).leftJustified(13),
                      QStringLiteral("%1").arg(r.alertCount, 6),
                      formatUtc(r.lastSeenNs, 0).leftJustified(20), host.leftJustified(20),
                      printable(r.title)}));
        }
    }
    if (!o->json) {
        err(QStringLiteral("%1 incidents (PRIO ending in ! : open past its due time)\n")
                .arg(grouped(qint64(incidents.size()))));
    }
    return ExitOk;
}

} // namespace vigil::cli
