// vigil-bench-correlation: speed and memory of the correlation stage.
//
// Usage: vigil-bench-correlation [--events N] [--groups G]
// Feeds a generated stream straight into a CorrelationEngine (the base rules' hits are given,
// so only the correlation stage is timed) with four correlations (event_count, value_count,
// temporal, temporal_ordered) grouped by user, and reports events per second. Then holds G
// groups live at once (one event each, all inside one window) and reports the resident memory
// they take (heap bytes in use before and after, from glibc's mallinfo2).

#include <algorithm>
#include <cstdio>
#include <malloc.h>
#include <random>

#include <QCoreApplication>
#include <QElapsedTimer>

#include "model/event.h"
#include "sigma/correlation_engine.h"
#include "sigma/rule.h"
#include "sigma/rule_set.h"

using namespace vigil;
using namespace Qt::StringLiterals;

namespace {

const QString kRules =
    u"title: A\nname: a\ndetection: {sel: {Tag: a}, condition: sel}\n---\n"
    u"title: B\nname: b\ndetection: {sel: {Tag: b}, condition: sel}\n---\n"
    u"title: C\nname: c\ndetection: {sel: {Tag: c}, condition: sel}\n---\n"
    u"title: count\ncorrelation: {type: event_count, rules: [a], group-by: [User], "
    u"timespan: 5m, condition: {gte: 20}}\n---\n"
    u"title: hosts\ncorrelation: {type: value_count, rules: [a, b], group-by: [User], "
    u"timespan: 5m, condition: {field: Host, gte: 8}}\n---\n"
    u"title: seen\ncorrelation: {type: temporal, rules: [a, b, c], group-by: [User], "
    u"timespan: 1m}\n---\n"
    u"title: order\ncorrelation: {type: temporal_ordered, rules: [a, b, c], group-by: [User], "
    u"timespan: 1m}\n"_s;

/** Bytes the heap has handed out and not taken back (glibc). */
qint64 heapInUse()
{
    const struct mallinfo2 m = mallinfo2();
    return qint64(m.uordblks + m.hblkhd);
}

Event makeEvent(qint64 id, qint64 timeNs, const QString& user, const QString& host)
{
    Event e;
    e.id = id;
    e.timeNs = timeNs;
    e.source = u"bench.log"_s;
    e.sourcePos = id;
    e.host = host;
    e.fields.set(u"User"_s, FieldValue::fromString(user));
    e.fields.set(u"Host"_s, FieldValue::fromString(host));
    return e;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    qint64 events = 2'000'000;
    int groups = 100'000;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == u"--events") {
            events = std::max(1LL, args[++i].toLongLong());
        } else if (args[i] == u"--groups") {
            groups = std::max(1, args[++i].toInt());
        }
    }
    sigma::RuleSet set;
    set.addText(kRules, u"bench"_s);
    if (!set.issues().empty() || set.correlations().size() != 4) {
        std::fprintf(stderr, "rules did not load: %s\n",
                     set.issues().empty() ? "?" : qPrintable(set.issues().front().toString()));
        return 2;
    }
    const std::vector<const sigma::Rule*> byTag[] = {
        {set.rules()[0].get()}, {set.rules()[1].get()}, {set.rules()[2].get()}};

    // 1. Throughput: 5,000 users, 20 hosts, an event every 10 ms, tags a/b/c at random.
    std::mt19937 rng(7);
    std::vector<Event> stream;
    std::vector<int> tags;
    stream.reserve(std::size_t(std::min<qint64>(events, 4'000'000)));
    const qint64 start = 1'714'557'600LL * 1'000'000'000LL;
    for (qint64 i = 0; i < events; ++i) {
        stream.push_back(makeEvent(i + 1, start + i * 10'000'000LL,
                                   u"user%1"_s.arg(rng() % 5000), u"host%1"_s.arg(rng() % 20)));
        tags.push_back(int(rng() % 3));
    }
    sigma::CorrelationEngine engine(set); // lateness allowance: the longest timespan (5 min)
    std::vector<sigma::CorrelationAlert> alerts;
    qint64 alertCount = 0;
    QElapsedTimer t;
    t.start();
    for (std::size_t i = 0; i < stream.size(); ++i) {
        engine.add(stream[i], byTag[tags[i]], alerts);
        alertCount += qint64(alerts.size());
        alerts.clear();
    }
    engine.finish(alerts);
    alertCount += qint64(alerts.size());
    const double secs = double(t.nsecsElapsed()) / 1e9;
    std::printf("correlation stage: %lld events in %.2f s = %.0f events/s, %lld alerts\n",
                static_cast<long long>(stream.size()), secs, double(stream.size()) / secs,
                static_cast<long long>(alertCount));
    stream.clear();
    stream.shrink_to_fit();

    // 2. Memory: `groups` users, one event each within one window, so every group is live.
    alerts.clear();
    // In time order, so no reordering allowance is needed: every event is in a window at once.
    sigma::CorrelationEngine::Options inOrder;
    inOrder.latenessNs = 0;
    sigma::CorrelationEngine wide(set, inOrder);
    const qint64 before = heapInUse();
    for (int i = 0; i < groups; ++i) {
        const Event e = makeEvent(i + 1, start + qint64(i) * 1000, u"user%1"_s.arg(i), u"h"_s);
        wide.add(e, byTag[0], alerts);
    }
    const sigma::CorrelationStats s = wide.stats();
    const qint64 after = heapInUse();
    std::printf("memory: %d users, each a live group in 4 correlations (%zu groups, %zu hits "
                "held): %.1f MiB of heap = %.0f bytes per group\n",
                groups, s.liveGroups, s.liveItems, double(after - before) / 1048576.0,
                double(after - before) / double(std::max<std::size_t>(1, s.liveGroups)));
    wide.finish(alerts);
    std::printf("after finish: %zu live groups, %zu buffered\n", wide.stats().liveGroups,
                wide.stats().buffered);
    return 0;
}
