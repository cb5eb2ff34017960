// vigil-bench-formats: parse rate per log format on generated files.
//
// Writes one file per format with N records (default 1,000,000) of varied, realistic content —
// JSON lines (ECS-style and Windows-style objects), syslog (sshd, sudo, cron, kernel iptables),
// CEF (in syslog and bare, with escapes), LEEF, CSV, Zeek TSV, Suricata EVE and Apache access
// — then times reading and parsing each file the way an import does (RecordReader + the
// format's parser, records in order), without storing. Prints records/s and MB/s, the median of
// --runs K runs (default 3). Options: --records N, --runs K, --keep DIR, --only FORMAT.

#include <algorithm>
#include <functional>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include "format_lines.h"
#include "ingest/parser.h"
#include "ingest/record_reader.h"
#include "model/event.h"

using namespace vigil;

namespace {

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// Reads and parses @p path as an import does, without storing; returns events + rejects.
qint64 parseFile(const QString& path, const QString& format, qint64& rejects)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("cannot read %s", qPrintable(path));
    }
    std::unique_ptr<LineParser> parser = makeParser(format);
    ParseContext ctx;
    ctx.receivedNs = 1'712'000'000'000'000'000;
    ctx.referenceNs = ctx.receivedNs;
    RecordReader reader(&file, parser->joinsContinuationLines());
    Record rec;
    qint64 events = 0;
    rejects = 0;
    while (reader.next(rec)) {
        Event e;
        const ParseResult r = parser->parseNext(rec.bytes, ctx, e);
        events += (r.ok && !r.header) ? 1 : 0;
        rejects += r.ok ? 0 : 1;
    }
    return events;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    qint64 records = 1'000'000;
    int runs = 3;
    QString keep;
    QString only;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == u"--records") {
            records = args[i + 1].toLongLong();
        } else if (args[i] == u"--runs") {
            runs = std::max(1, args[i + 1].toInt());
        } else if (args[i] == u"--keep") {
            keep = args[i + 1];
        } else if (args[i] == u"--only") {
            only = args[i + 1];
        }
    }
    QTemporaryDir tmp;
    const QString dir = keep.isEmpty() ? tmp.path() : keep;
    std::printf("%-14s %12s %9s %10s  (median of %d runs, %lld records per file)\n", "format",
                "records/s", "MB/s", "rejects", runs, static_cast<long long>(records));
    for (const bench::FormatLines& f : bench::formatLines()) {
        const QString name = QString::fromLatin1(f.name);
        if (!only.isEmpty() && only != name) {
            continue;
        }
        const QString path = dir + u'/' + name + QStringLiteral(".log");
        bench::writeFormatFile(f, path, records);
        const double megabytes = double(QFileInfo(path).size()) / 1e6;
        std::vector<double> rates;
        qint64 events = 0;
        qint64 rejects = 0;
        for (int run = 0; run < runs; ++run) {
            QElapsedTimer timer;
            timer.start();
            events = parseFile(path, name, rejects);
            rates.push_back(double(events + rejects) / (double(timer.nsecsElapsed()) / 1e9));
        }
        const double rate = median(rates);
        std::printf("%-14s %12.0f %9.1f %10lld\n", f.name, rate, rate / double(records) * megabytes,
                    static_cast<long long>(rejects));
        std::fflush(stdout);
        if (keep.isEmpty()) {
            QFile::remove(path);
        }
    }
    return 0;
}
