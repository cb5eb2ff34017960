// vigil-bench-hunt: measures Sigma hunting and proves the fast path exact.
//
//   vigil-bench-hunt stats --rules R...
//       loads the rules; prints load time, memory taken by the compiled rules and index sizes.
//   vigil-bench-hunt compare --rules R... [--limit N] FILE...
//       parses the files once and runs every event through RuleSet::match() (indexed,
//       prefiltered) and RuleSet::matchNaive() (every rule, one at a time); prints the time of
//       each stage per event and the number of events whose hit lists differ (must be 0).
//   vigil-bench-hunt cli --cli PATH --rules R... [--runs K] FILE...
//       runs `vigil-cli hunt --rules R... FILE...` K times (default 5) as a whole process with
//       its output to /dev/null; prints the median wall time, events/s, CPU time and peak RSS,
//       and the fixed cost (a run over the first event only: start-up and rule loading).
//
// R is a rule file or folder (repeatable). Workloads come from vigil-bench-hunt-gen.

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <numeric>
#include <vector>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryFile>
#include <QtConcurrent>

#include "ingest/importer.h"
#include "model/event.h"
#include "sigma/rule.h"
#include "sigma/rule_set.h"

using namespace vigil;

namespace {

struct Args {
    QString mode;
    QStringList rules;
    QStringList files;
    QString cli;
    qint64 limit = -1;
    int runs = 5;
};

qint64 rssKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return 0;
    }
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:")) {
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
        }
    }
    return 0;
}

double seconds(qint64 ns)
{
    return double(ns) / 1e9;
}

int stats(const Args& a)
{
    const qint64 before = rssKb();
    QElapsedTimer t;
    t.start();
    sigma::RuleSet rules;
    for (const QString& r : a.rules) {
        rules.addPath(r);
    }
    const qint64 loadNs = t.nsecsElapsed();
    const qint64 after = rssKb();
    const sigma::RuleSet::IndexStats s = rules.indexStats();
    std::printf("rules loaded        %d (%d for log sources not collected), %zu issues\n", s.rules,
                s.inertRules, rules.issues().size());
    std::printf("load time           %.2f s\n", seconds(loadNs));
    std::printf("memory (RSS growth) %.1f MB\n", double(after - before) / 1024.0);
    std::printf("dispatch buckets    %d\n", s.buckets);
    std::printf("rules w/o literal   %d (evaluated whenever their log source fits)\n",
                s.rulesWithoutRequirement);
    std::printf("literals            %lld in automata of %lld states, %.1f MB\n",
                static_cast<long long>(s.literals), static_cast<long long>(s.automatonStates),
                double(s.automatonBytes) / 1e6);
    std::printf("postings            %lld\n", static_cast<long long>(s.postings));
    return 0;
}

using Hits = std::vector<const sigma::Rule*>;

int compare(const Args& a)
{
    sigma::RuleSet rules;
    for (const QString& r : a.rules) {
        rules.addPath(r);
    }
    constexpr std::size_t kBatch = 4096;
    std::vector<Event> batch;
    std::vector<Hits> fast(kBatch);
    std::vector<Hits> naive(kBatch);
    qint64 events = 0, hits = 0, diffs = 0, parseNs = 0, fastNs = 0, naiveNs = 0;
    QElapsedTimer parse;
    auto flush = [&]() {
        QElapsedTimer t;
        t.start();
        for (std::size_t i = 0; i < batch.size(); ++i) {
            fast[i].clear();
            rules.match(batch[i], fast[i]);
        }
        fastNs += t.nsecsElapsed();
        t.restart();
        // Everything but matching is parsing (the callback only moves the event).
        // The naive path is slow: run it on every core, each event on its own.
        std::vector<std::size_t> order(batch.size());
        std::iota(order.begin(), order.end(), 0);
        QtConcurrent::blockingMap(order, [&](std::size_t i) {
            naive[i].clear();
            rules.matchNaive(batch[i], naive[i]);
        });
        naiveNs += t.nsecsElapsed();
        for (std::size_t i = 0; i < batch.size(); ++i) {
            hits += qint64(fast[i].size());
            if (fast[i] != naive[i]) {
                if (++diffs <= 10) {
                    std::printf("DIFF %s: fast %zu hits, naive %zu hits\n",
                                qPrintable(batch[i].sourceRef()), fast[i].size(),
                                naive[i].size());
                }
            }
        }
        events += qint64(batch.size());
        batch.clear();
    };
    // Parsing stops at the limit (a cancelled scan), so parse times are per parsed event.
    std::atomic<bool> enough{false};
    parse.start();
    auto summary = scanFiles(
        a.files, IngestOptions(),
        [&](Event& e) {
            if (a.limit >= 0 && events + qint64(batch.size()) >= a.limit) {
                enough = true;
                return;
            }
            batch.push_back(std::move(e));
            if (batch.size() == kBatch) {
                flush();
            }
        },
        &enough);
    flush();
    parseNs = parse.nsecsElapsed() - fastNs - naiveNs;
    if (!summary) {
        std::fprintf(stderr, "%s\n", qPrintable(summary.error().toString()));
        return 1;
    }
    const double n = double(std::max<qint64>(events, 1));
    std::printf("events %lld, rules %zu, hits %lld\n", static_cast<long long>(events),
                rules.rules().size(), static_cast<long long>(hits));
    std::printf("parse  %8.2f us/event (%.0f events/s, one thread)\n", double(parseNs) / n / 1e3,
                n / seconds(parseNs));
    std::printf("match  %8.2f us/event (%.0f events/s, one thread)\n", double(fastNs) / n / 1e3,
                n / seconds(fastNs));
    std::printf("naive  %8.2f us/event of wall time on %d threads\n", double(naiveNs) / n / 1e3,
                QThread::idealThreadCount());
    std::printf("naive-vs-fast diff: %lld events\n", static_cast<long long>(diffs));
    return diffs == 0 ? 0 : 3;
}

struct Run {
    double wall = 0;
    double cpu = 0;
    long maxRssKb = 0;
    QByteArray summary;
};

Run runOnce(const Args& a)
{
    QTemporaryFile errors;
    if (!errors.open()) {
        qFatal("cannot create a temporary file");
    }
    std::vector<QByteArray> storage{a.cli.toLocal8Bit(), QByteArray("hunt")};
    for (const QString& r : a.rules) {
        storage.push_back("--rules");
        storage.push_back(r.toLocal8Bit());
    }
    for (const QString& f : a.files) {
        storage.push_back(f.toLocal8Bit());
    }
    std::vector<char*> argv;
    for (QByteArray& s : storage) {
        argv.push_back(s.data());
    }
    argv.push_back(nullptr);
    QElapsedTimer t;
    t.start();
    const pid_t pid = fork();
    if (pid == 0) {
        const int devNull = ::open("/dev/null", O_WRONLY);
        dup2(devNull, 1);
        dup2(errors.handle(), 2);
        execv(argv[0], argv.data());
        _exit(127);
    }
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    Run r;
    r.wall = seconds(t.nsecsElapsed());
    r.cpu = double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    r.maxRssKb = usage.ru_maxrss;
    errors.seek(0);
    for (const QByteArray& line : errors.readAll().split('\n')) {
        if (line.startsWith("hunted") || line.startsWith("rules:")) {
            r.summary += line + '\n';
        }
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::fprintf(stderr, "vigil-cli failed (status %d)\n", status);
    }
    return r;
}

int cli(const Args& a)
{
    qint64 events = 0;
    for (const QString& f : a.files) {
        QFile file(f);
        if (file.open(QIODevice::ReadOnly)) {
            while (!file.atEnd()) {
                const QByteArray chunk = file.read(1 << 22);
                events += chunk.count('\n');
            }
        }
    }
    // The fixed cost (start-up and loading the rules) from a run over a one-event file, so the
    // hunting rate itself can be told apart from it.
    QTemporaryFile one;
    double fixedWall = 0;
    if (one.open()) {
        QFile first(a.files.value(0));
        if (first.open(QIODevice::ReadOnly)) {
            one.write(first.readLine());
            one.flush();
            Args single = a;
            single.files = QStringList{one.fileName()};
            fixedWall = runOnce(single).wall;
            std::printf("fixed cost (start-up, rule loading): %.2f s wall\n", fixedWall);
        }
    }
    std::vector<Run> runs;
    for (int i = 0; i < a.runs; ++i) {
        runs.push_back(runOnce(a));
        std::printf("run %d: %.2f s wall, %.2f s CPU, %.0f events/s, peak RSS %.1f MB\n", i + 1,
                    runs.back().wall, runs.back().cpu, double(events) / runs.back().wall,
                    double(runs.back().maxRssKb) / 1024.0);
        std::fflush(stdout);
    }
    std::sort(runs.begin(), runs.end(), [](const Run& x, const Run& y) { return x.wall < y.wall; });
    const Run& median = runs[runs.size() / 2];
    std::printf("%s", median.summary.constData());
    std::printf("median of %d runs: %.2f s wall, %.0f events/s (%lld lines), %.2f s CPU, peak RSS "
                "%.1f MB\n",
                a.runs, median.wall, double(events) / median.wall,
                static_cast<long long>(events), median.cpu, double(median.maxRssKb) / 1024.0);
    if (fixedWall > 0 && median.wall > fixedWall) {
        std::printf("without the fixed cost: %.2f s, %.0f events/s\n", median.wall - fixedWall,
                    double(events) / (median.wall - fixedWall));
    }
    return 0;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    Args a;
    const QStringList args = app.arguments();
    a.mode = args.value(1);
    bool bad = false;
    for (int i = 2; i < args.size(); ++i) {
        const QString& s = args[i];
        const bool hasValue = i + 1 < args.size();
        if (s == u"--rules" && hasValue) {
            a.rules << args[++i];
        } else if (s == u"--limit" && hasValue) {
            a.limit = args[++i].toLongLong();
        } else if (s == u"--runs" && hasValue) {
            a.runs = std::max(1, args[++i].toInt());
        } else if (s == u"--cli" && hasValue) {
            a.cli = args[++i];
        } else if (!s.startsWith(u'-')) {
            a.files << s;
        } else {
            bad = true;
        }
    }
    const bool needFiles = a.mode != u"stats";
    if (bad || a.rules.isEmpty() || (needFiles && a.files.isEmpty())
        || (a.mode == u"cli" && a.cli.isEmpty())) {
        std::fprintf(stderr, "usage: vigil-bench-hunt stats --rules R...\n"
                             "       vigil-bench-hunt compare --rules R... [--limit N] FILE...\n"
                             "       vigil-bench-hunt cli --cli PATH --rules R... [--runs K] "
                             "FILE...\n");
        return 2;
    }
    if (a.mode == u"stats") {
        return stats(a);
    }
    if (a.mode == u"compare") {
        return compare(a);
    }
    if (a.mode == u"cli") {
        return cli(a);
    }
    std::fprintf(stderr, "unknown mode %s\n", qPrintable(a.mode));
    return 2;
}
