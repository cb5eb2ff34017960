// vigil-bench-store: import rate into a fresh store, the way `vigil-cli ingest` does it.
//
// Writes one file per format (JSON lines, syslog, CEF by default; 1,000,000 records each) with
// the generators of vigil-bench-formats, then for each file runs `vigil-cli ingest` into a new
// store (no rules unless --rules: parse, normalise, store, and the store left indexed and
// searchable) and prints events/s, the wall and CPU time (both threads; on a busy machine the
// CPU time is the steadier figure) and the peak resident memory of the import.
// After each run the store is opened read-only and checked: every record stored, the time
// index in place, and a search by time served from that index.
// Options: --records N, --runs K (median shown), --keep DIR, --only FORMAT, --rules (the
// starter rules too), --cli PATH (default: vigil-cli built beside this program).

#include <algorithm>

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include "format_lines.h"
#include "storage/database.h"
#include "storage/store.h"

extern char** environ;

using namespace vigil;

namespace {

struct RunResult {
    double seconds = 0;
    double cpuSeconds = 0; ///< user + system time of the import, both threads
    long peakRssKb = 0;
};

// Runs the command and returns its wall time and peak RSS (from wait4's rusage of that child).
RunResult runChild(const QStringList& command)
{
    std::vector<QByteArray> args;
    for (const QString& a : command) {
        args.push_back(a.toLocal8Bit());
    }
    std::vector<char*> argv;
    for (QByteArray& a : args) {
        argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    QElapsedTimer timer;
    timer.start();
    pid_t pid = 0;
    if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) {
        qFatal("cannot run %s", argv[0]);
    }
    posix_spawn_file_actions_destroy(&actions);
    int status = 0;
    rusage usage{};
    if (wait4(pid, &status, 0, &usage) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        qFatal("%s failed (status %d)", argv[0], status);
    }
    auto secs = [](const timeval& t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
    return {double(timer.nsecsElapsed()) / 1e9, secs(usage.ru_utime) + secs(usage.ru_stime),
            usage.ru_maxrss};
}

void removeStore(const QString& path)
{
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        QFile::remove(path + QLatin1String(suffix));
    }
}

qint64 scalar(Database& db, QStringView sql)
{
    auto s = db.prepare(sql);
    if (!s) {
        qFatal("%s", qPrintable(s.error().toString()));
    }
    auto row = s->step();
    if (!row || !*row) {
        qFatal("no row for %s", qPrintable(sql.toString()));
    }
    return s->int64(0);
}

// The store as the app finds it: all events there, the time index present and used.
void checkStore(const QString& path, qint64 records)
{
    auto db = Store::openReader(path);
    if (!db) {
        qFatal("%s", qPrintable(db.error().toString()));
    }
    const qint64 stored = scalar(*db, u"SELECT count(*) FROM events");
    const qint64 indexes =
        scalar(*db, u"SELECT count(*) FROM sqlite_master WHERE type = 'index' "
                    u"AND name = 'events_by_time'");
    if (stored != records || indexes != 1) {
        qFatal("store %s: %lld events of %lld, time index %s", qPrintable(path),
               static_cast<long long>(stored), static_cast<long long>(records),
               indexes == 1 ? "present" : "missing");
    }
    auto plan = db->prepare(u"EXPLAIN QUERY PLAN SELECT id FROM events ORDER BY time_ns, id");
    if (!plan) {
        qFatal("%s", qPrintable(plan.error().toString()));
    }
    QString detail;
    for (auto row = plan->step(); row && *row; row = plan->step()) {
        detail += plan->text(3);
    }
    if (!detail.contains(u"events_by_time")) {
        qFatal("the search by time does not use the index: %s", qPrintable(detail));
    }
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    qint64 records = 1'000'000;
    int runs = 1;
    QString keep;
    QString only;
    bool withRules = false;
    QString cli = QCoreApplication::applicationDirPath() + QStringLiteral("/../app/vigil-cli");
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i < args.size(); ++i) {
        const bool hasValue = i + 1 < args.size();
        if (args[i] == u"--records" && hasValue) {
            records = args[++i].toLongLong();
        } else if (args[i] == u"--runs" && hasValue) {
            runs = std::max(1, args[++i].toInt());
        } else if (args[i] == u"--keep" && hasValue) {
            keep = args[++i];
        } else if (args[i] == u"--only" && hasValue) {
            only = args[++i];
        } else if (args[i] == u"--cli" && hasValue) {
            cli = args[++i];
        } else if (args[i] == u"--rules") {
            withRules = true;
        } else {
            std::fprintf(stderr, "usage: vigil-bench-store [--records N] [--runs K] [--keep DIR] "
                                 "[--only FORMAT] [--rules] [--cli PATH]\n");
            return 1;
        }
    }
    cli = QFileInfo(cli).absoluteFilePath();
    QTemporaryDir tmp;
    const QString dir = keep.isEmpty() ? tmp.path() : keep;
    QDir().mkpath(dir);
    std::printf("%-8s %12s %9s %9s %10s %12s  (%s; median of %d runs, %lld records per file)\n",
                "format", "events/s", "seconds", "CPU s", "MB/s", "peak RSS MB",
                withRules ? "with the starter rules" : "no rules", runs,
                static_cast<long long>(records));
    for (const bench::FormatLines& f : bench::formatLines()) {
        const QString name = QString::fromLatin1(f.name);
        if (only.isEmpty() ? !(name == u"json" || name == u"syslog" || name == u"cef")
                           : only != name) {
            continue;
        }
        const QString file = dir + u'/' + name + QStringLiteral(".log");
        if (!QFileInfo::exists(file)) {
            bench::writeFormatFile(f, file, records);
        }
        const double megabytes = double(QFileInfo(file).size()) / 1e6;
        std::vector<RunResult> results;
        for (int run = 0; run < runs; ++run) {
            const QString store = dir + QStringLiteral("/store-%1.sqlite").arg(name);
            removeStore(store);
            QStringList command{cli, QStringLiteral("ingest"), QStringLiteral("--db"), store};
            if (!withRules) {
                command << QStringLiteral("--no-starter-rules");
            }
            command << file;
            results.push_back(runChild(command));
            checkStore(store, records);
        }
        std::sort(results.begin(), results.end(),
                  [](const RunResult& a, const RunResult& b) { return a.seconds < b.seconds; });
        const RunResult& r = results[results.size() / 2];
        std::printf("%-8s %12.0f %9.2f %9.2f %10.1f %12.1f\n", f.name,
                    double(records) / r.seconds, r.seconds, r.cpuSeconds, megabytes / r.seconds,
                    double(r.peakRssKb) / 1024.0);
        std::fflush(stdout);
    }
    return 0;
}
