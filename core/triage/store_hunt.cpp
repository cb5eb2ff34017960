#include "triage/store_hunt.h"

#include <limits>

#include <QElapsedTimer>

#include "model/event.h"
#include "sigma/correlation_engine.h"
#include "sigma/rule.h"
#include "sigma/rule_set.h"
#include "storage/database.h"
#include "storage/event_queries.h"
#include "storage/event_store.h"

namespace vigil {

namespace {

constexpr int kChunk = 2000;

/** Records one chunk's hits and the correlation alerts released so far, in one transaction. */
Result<void> recordChunk(Database& db, IncidentService& incidents, std::vector<Hit> hits,
                         std::vector<sigma::CorrelationAlert>& alerts,
                         const StoreCorrelationFn& onCorrelation, StoreHuntSummary& summary)
{
    std::vector<CorrelationHit> correlated;
    for (const sigma::CorrelationAlert& a : alerts) {
        if (onCorrelation) {
            onCorrelation(a);
        }
        correlated.push_back(CorrelationHit::from(a));
    }
    alerts.clear();
    summary.hits += qint64(hits.size() + correlated.size());
    summary.correlationHits += qint64(correlated.size());
    Transaction tx(db);
    if (!tx.begun()) {
        return tx.begun().error();
    }
    auto recorded = incidents.recordHits(std::move(hits));
    if (!recorded) {
        return recorded.error();
    }
    summary.triage += *recorded;
    auto correlations = incidents.recordCorrelationHits(std::move(correlated));
    if (!correlations) {
        return correlations.error();
    }
    summary.triage += *correlations;
    return tx.commit();
}

} // namespace

Result<StoreHuntSummary> huntStore(Database& db, const sigma::RuleSet& rules,
                                   const QString& actor, const StoreHitFn& onHit,
                                   const CancelFlag* cancel, const ProgressFn& progress,
                                   const StoreCorrelationFn& onCorrelation)
{
    QElapsedTimer timer;
    timer.start();
    StoreHuntSummary summary;
    auto total = EventQueries::countAll(db);
    if (!total) {
        return total.error();
    }
    // Time order (then id, as the importer breaks ties), so correlation windows see the events
    // the way they happened; events_by_time serves the keyset pagination.
    auto select = db.prepare(QStringLiteral("SELECT %1 FROM events WHERE (time_ns, id) > (?1, ?2) "
                                            "ORDER BY time_ns, id LIMIT %2")
                                 .arg(QStringView(kEventColumns))
                                 .arg(kChunk));
    if (!select) {
        return select.error();
    }
    IncidentService incidents(db, actor);
    sigma::CorrelationEngine correlation(rules);
    std::vector<sigma::CorrelationAlert> alerts;
    qint64 lastTime = std::numeric_limits<qint64>::min();
    qint64 lastId = 0;
    std::vector<const sigma::Rule*> matched;
    std::vector<Event> chunk;
    while (true) {
        chunk.clear();
        select->bind(1, lastTime);
        select->bind(2, lastId);
        while (true) {
            auto row = select->step();
            if (!row) {
                return row.error();
            }
            if (!*row) {
                break;
            }
            chunk.emplace_back();
            readEventRow(*select, 0, chunk.back());
        }
        select->reset();
        if (chunk.empty()) {
            break;
        }
        lastTime = chunk.back().timeNs;
        lastId = chunk.back().id;
        summary.scanned += qint64(chunk.size());
        std::vector<Hit> hits;
        for (const Event& e : chunk) {
            matched.clear();
            rules.match(e, matched);
            for (const sigma::Rule* rule : matched) {
                if (!correlation.alertsOnItsOwn(*rule)) {
                    continue; // only feeds correlations (generate: false)
                }
                if (onHit) {
                    onHit(*rule, e);
                }
                hits.push_back({rule->uid(), rule->meta().title, int(rule->meta().level), e.id,
                                e.timeNs, e.timeDigits, e.host});
            }
            correlation.add(e, matched, alerts);
        }
        if (auto r = recordChunk(db, incidents, std::move(hits), alerts, onCorrelation, summary);
            !r) {
            return r.error();
        }
        if (progress) {
            progress(summary.scanned, *total);
        }
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            summary.cancelled = true;
            break;
        }
    }
    correlation.finish(alerts);
    if (auto r = recordChunk(db, incidents, {}, alerts, onCorrelation, summary); !r) {
        return r.error();
    }
    summary.elapsedNs = timer.nsecsElapsed();
    return summary;
}

} // namespace vigil
