// vigil-bench-ingest: measures import throughput (parse, store, detect) on generated logs.
//
// Writes a workload of N records made by Vigil's own generator (Windows events as JSON lines,
// Linux syslog and firewall lines as a syslog file), then times, each in a fresh store:
//   parse   reading and parsing only (hunt path, nothing stored)
//   store   parse + store in batched transactions, no rules
//   detect  parse + store + the starter rules + incident grouping (what `vigil-cli ingest` does)
// Prints records/s per stage. Options: --events N (default 200000), --keep DIR (keep the files
// and stores there), --rules PATH (extra rules, repeatable), --runs K (default 3; the median is shown).

#include <algorithm>

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include "demo/demo_generator.h"
#include "ingest/importer.h"
#include "model/event.h"
#include "sigma/rule_set.h"
#include "storage/store.h"
#include "triage/rule_catalog.h"
#include "util/timestamp.h"

using namespace vigil;

namespace {

struct Workload {
    QStringList files;
    qint64 records = 0;
};

Workload writeWorkload(const QString& dir, qint64 wanted)
{
    QFile windows(dir + QStringLiteral("/windows.jsonl"));
    QFile linux(dir + QStringLiteral("/linux.log"));
    if (!windows.open(QIODevice::WriteOnly) || !linux.open(QIODevice::WriteOnly)) {
        qFatal("cannot write the workload to %s", qPrintable(dir));
    }
    Workload w;
    // Year-less syslog times are read relative to the file's date, so the workload lies in the
    // past: each seed is one earlier day of the same organisation.
    const qint64 end = nowNs() - 30LL * 86400LL * kNsPerSecond;
    for (quint64 seed = 1; w.records < wanted; ++seed) {
        const qint64 dayEnd = end - qint64(seed) * 86400LL * kNsPerSecond;
        for (const Event& e : generateDemoEvents(seed, dayEnd)) {
            QFile& out = e.format == u"json" ? windows : linux;
            out.write(e.raw.toUtf8());
            out.write("\n");
            if (++w.records >= wanted) {
                break;
            }
        }
    }
    w.files << windows.fileName() << linux.fileName();
    return w;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

void report(const char* stage, const std::vector<double>& rates, qint64 records)
{
    std::printf("%-7s %12.0f records/s  (median of %zu runs, %lld records; min %.0f, max %.0f)\n",
                stage, median(rates), rates.size(), static_cast<long long>(records),
                *std::min_element(rates.begin(), rates.end()),
                *std::max_element(rates.begin(), rates.end()));
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    qint64 events = 200'000;
    int runs = 3;
    QString keep;
    QStringList extraRules;
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == u"--events" && i + 1 < args.size()) {
            events = args[++i].toLongLong();
        } else if (args[i] == u"--runs" && i + 1 < args.size()) {
            runs = std::max(1, args[++i].toInt());
        } else if (args[i] == u"--keep" && i + 1 < args.size()) {
            keep = args[++i];
        } else if (args[i] == u"--rules" && i + 1 < args.size()) {
            extraRules << args[++i];
        } else {
            std::fprintf(stderr, "usage: vigil-bench-ingest [--events N] [--runs K] [--keep DIR] "
                                 "[--rules PATH]...\n");
            return 1;
        }
    }
    QTemporaryDir tmp;
    const QString dir = keep.isEmpty() ? tmp.path() : keep;
    QDir().mkpath(dir);
    const Workload w = writeWorkload(dir, events);

    sigma::RuleSet rules;
    RuleCatalog::addStarterRules(rules);
    for (const QString& r : extraRules) {
        rules.addPath(r);
    }
    std::printf("workload: %lld records in %s; %zu rules\n", static_cast<long long>(w.records),
                qPrintable(dir), rules.rules().size());

    std::vector<double> parse, store, detect;
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer t;
        t.start();
        qint64 seen = 0;
        auto scanned = scanFiles(w.files, IngestOptions(), [&seen](Event&) { ++seen; });
        if (!scanned) {
            qFatal("%s", qPrintable(scanned.error().toString()));
        }
        parse.push_back(double(seen) / (double(t.nsecsElapsed()) / 1e9));

        for (const bool withRules : {false, true}) {
            const QString path = dir + QStringLiteral("/bench-%1-%2.sqlite").arg(run).arg(withRules);
            QFile::remove(path);
            QFile::remove(path + QStringLiteral("-wal"));
            QFile::remove(path + QStringLiteral("-shm"));
            auto db = Store::openWriter(path);
            if (!db) {
                qFatal("%s", qPrintable(db.error().toString()));
            }
            t.restart();
            auto summary = importFiles(*db, withRules ? &rules : nullptr, w.files, IngestOptions());
            if (!summary) {
                qFatal("%s", qPrintable(summary.error().toString()));
            }
            const double rate = double(summary->stored) / (double(t.nsecsElapsed()) / 1e9);
            (withRules ? detect : store).push_back(rate);
            if (withRules && run == 0) {
                std::printf("detect run: %lld stored, %lld rejected, %lld alerts, %lld incidents\n",
                            static_cast<long long>(summary->stored),
                            static_cast<long long>(summary->rejected),
                            static_cast<long long>(summary->triage.alertsNew),
                            static_cast<long long>(summary->triage.incidentsOpened));
            }
        }
    }
    report("parse", parse, w.records);
    report("store", store, w.records);
    report("detect", detect, w.records);
    return 0;
}
