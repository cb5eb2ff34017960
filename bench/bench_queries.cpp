// vigil-bench-queries: how fast the Events workspace can show a large store.
//
// Usage: vigil-bench-queries --db FILE [--pages N]
// Measures what the virtual event table does: counting, reading the ordered ids of all events
// (oldest and newest first), a text filter, and fetching random pages of 200 rows, reporting the
// median and 99th percentile page latency. Fill a store first, e.g. with vigil-bench-ingest --keep.

#include <algorithm>
#include <random>

#include <QCoreApplication>
#include <QElapsedTimer>

#include "storage/event_queries.h"
#include "storage/store.h"

using namespace vigil;

namespace {

double ms(const QElapsedTimer& t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QString path;
    int pages = 500;
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == u"--db" && i + 1 < args.size()) {
            path = args[++i];
        } else if (args[i] == u"--pages" && i + 1 < args.size()) {
            pages = std::max(1, args[++i].toInt());
        }
    }
    if (path.isEmpty()) {
        std::fprintf(stderr, "usage: vigil-bench-queries --db FILE [--pages N]\n");
        return 1;
    }
    auto db = Store::openReader(path);
    if (!db) {
        std::fprintf(stderr, "%s\n", qPrintable(db.error().toString()));
        return 2;
    }
    QElapsedTimer t;
    t.start();
    const qint64 total = *EventQueries::countAll(*db);
    std::printf("count            %10.1f ms  (%lld events)\n", ms(t), static_cast<long long>(total));

    t.restart();
    const auto ids = *EventQueries::orderedIds(*db, EventFilter());
    std::printf("ids, oldest 1st  %10.1f ms\n", ms(t));
    t.restart();
    EventFilter newest;
    newest.newestFirst = true;
    (void)*EventQueries::orderedIds(*db, newest);
    std::printf("ids, newest 1st  %10.1f ms\n", ms(t));
    t.restart();
    EventFilter text;
    text.text = QStringLiteral("lsass");
    const auto matched = *EventQueries::orderedIds(*db, text);
    std::printf("filter 'lsass'   %10.1f ms  (%zu matches)\n", ms(t), matched.size());

    std::mt19937_64 rng(42);
    std::vector<double> latencies;
    constexpr std::size_t kPage = 200;
    for (int p = 0; p < pages && ids.size() >= kPage; ++p) {
        const std::size_t start = std::size_t(rng() % (ids.size() - kPage + 1));
        t.restart();
        const auto rows = *EventQueries::rows(*db, std::span(ids).subspan(start, kPage));
        latencies.push_back(ms(t));
        if (rows.size() != kPage) {
            std::fprintf(stderr, "page at %zu returned %zu rows\n", start, rows.size());
            return 1;
        }
    }
    if (!latencies.empty()) {
        std::sort(latencies.begin(), latencies.end());
        std::printf("page of 200 rows %10.2f ms median, %.2f ms p99, %.2f ms max (%zu random pages)\n",
                    latencies[latencies.size() / 2], latencies[latencies.size() * 99 / 100],
                    latencies.back(), latencies.size());
    }
    return 0;
}
