#include "cli_common.h"
#include "commands.h"
#include "options.h"

#include "storage/store.h"
#include "triage/metrics.h"
#include "util/json.h"
#include "util/text.h"

namespace vigil::cli {

namespace {

const char16_t kSynopsis[] =
    u"--db FILE [--json]\n"
    u"  SOC metrics from the journal (effective times, reopened spans left out): MTTD, dwell\n"
    u"  time, MTTA, time to verdict, MTTC, MTTR (respond and resolve), each with its count,\n"
    u"  mean, median and 90th percentile, and the longest incidents.\n";

QString duration(double seconds) {
    if (seconds < 120) {
        return QStringLiteral("%1 s").arg(seconds, 0, 'f', 0);
    }
    if (seconds < 7200) {
        return QStringLiteral("%1 min").arg(seconds / 60, 0, 'f', 1);
    }
    if (seconds < 3 * 86400) {
        return QStringLiteral("%1 h").arg(seconds / 3600, 0, 'f', 1);
    }
    return QStringLiteral("%1 d").arg(seconds / 86400, 0, 'f', 1);
}

struct Row {
    const char16_t* key;
    const char16_t* label;
    const char16_t* population;
    const DurationStats* stats;
};

QByteArray statsJson(const DurationStats& s) {
    QByteArray longest = "[";
    for (const auto& [id, seconds] : s.longest) {
        if (longest.size() > 1) {
            longest += ',';
        }
        longest += JsonObjectWriter()
                       .add(u"incident", id)
                       .addRaw(u"seconds", QByteArray::number(seconds, 'f', 3))
                       .finish();
    }
    longest += ']';
    return JsonObjectWriter()
        .add(u"count", s.count)
        .addRaw(u"mean_s", QByteArray::number(s.mean, 'f', 3))
        .addRaw(u"median_s", QByteArray::number(s.median, 'f', 3))
        .addRaw(u"p90_s", QByteArray::number(s.p90, 'f', 3))
        .addRaw(u"longest", longest)
        .finish();
}

} // namespace

int runMetrics(const QStringList& args) {
    Accepts accepts;
    accepts.db = accepts.json = true;
    bool help = false;
    const auto o =
        parseOptions(QStringLiteral("metrics"), QString::fromUtf16(kSynopsis), args, accepts, help);
    if (!o) {
        return help ? ExitOk : ExitUsage;
    }
    if (o->db.isEmpty()) {
        err(QStringLiteral("vigil-cli metrics: --db FILE is required\n"));
        return ExitUsage;
    }
    auto db = Store::openReader(o->db);
    if (!db) {
        err(QStringLiteral("vigil-cli: cannot open database: %1\n").arg(db.error().toString()));
        return ExitInput;
    }
    auto report = Metrics::compute(*db);
    if (!report) {
        err(QStringLiteral("vigil-cli: %1\n").arg(report.error().toString()));
        return ExitInput;
    }
    const MetricsReport& r = *report;
    const Row rows[] = {
        {u"mttd", u"MTTD (detect)", u"true positives: alert - earliest evidence", &r.mttd},
        {u"dwell", u"dwell time", u"true positives: alert - earliest evidence", &r.dwell},
        {u"mtta", u"MTTA (acknowledge)", u"incidents acknowledged: first human action - alert",
         &r.mtta},
        {u"time_to_verdict", u"time to verdict", u"closed incidents: closing - alert",
         &r.timeToVerdict},
        {u"mttc", u"MTTC (contain)", u"contained true positives: contained - declared", &r.mttc},
        {u"mttr_respond", u"MTTR (respond)", u"contained incidents: contained - alert",
         &r.mttrRespond},
        {u"mttr_resolve", u"MTTR (resolve)", u"resolved incidents: time open until resolved",
         &r.mttrResolve},
    };
    if (o->json) {
        JsonObjectWriter w;
        w.add(u"incidents", r.incidents)
            .add(u"closed", r.closed)
            .add(u"true_positives", r.truePositives);
        for (const Row& row : rows) {
            w.addRaw(QStringView(row.key), statsJson(*row.stats));
        }
        outBytes(w.finish() + '\n');
        return ExitOk;
    }
    out(QStringLiteral("incidents: %1 (%2 closed, %3 true positives); times are effective times "
                       "from the journal\n\n")
            .arg(grouped(r.incidents), grouped(r.closed), grouped(r.truePositives)));
    out(QStringLiteral("%1 %2 %3 %4 %5  %6\n")
            .arg(u"metric", -20)
            .arg(u"n", 6)
            .arg(u"mean", 10)
            .arg(u"median", 10)
            .arg(u"p90", 10)
            .arg(u"population"));
    for (const Row& row : rows) {
        const DurationStats& s = *row.stats;
        const bool days = QStringView(row.key) == u"dwell";
        auto show = [&](double v) {
            return s.count == 0 ? QStringLiteral("-")
                   : days       ? QStringLiteral("%1 d").arg(v / 86400, 0, 'f', 2)
                                : duration(v);
        };
        out(fill(u"%1 %2 %3 %4 %5  %6\n",
                 {QString::fromUtf16(row.label).leftJustified(20),
                  QString::number(s.count).rightJustified(6), show(s.mean).rightJustified(10),
                  show(s.median).rightJustified(10), show(s.p90).rightJustified(10),
                  QString::fromUtf16(row.population)}));
    }
    QString longest;
    for (const Row& row : rows) {
        QStringList parts;
        for (const auto& [id, seconds] : row.stats->longest) {
            parts << QStringLiteral("#%1 %2").arg(QString::number(id), duration(seconds));
        }
        if (!parts.isEmpty() && QStringView(row.key) != u"dwell") {
            longest += fill(u"  %1: %2\n",
                            {QString::fromUtf16(row.label), parts.join(QStringLiteral(", "))});
        }
    }
    if (!longest.isEmpty()) { // no heading over nothing
        out(QStringLiteral("\nlongest (outliers the mean hides):\n") + longest);
    }
    return ExitOk;
}

} // namespace vigil::cli
