#include "triage/store_hunt.h"

#include <QElapsedTimer>

#include "model/event.h"
#include "sigma/rule.h"
#include "sigma/rule_set.h"
#include "storage/database.h"
#include "storage/event_queries.h"
#include "storage/event_store.h"

namespace vigil {

namespace {

constexpr int kChunk = 2000;

} // namespace

Result<StoreHuntSummary> huntStore(Database& db, const sigma::RuleSet& rules,
                                   const QString& actor, const StoreHitFn& onHit,
                                   const CancelFlag* cancel, const ProgressFn& progress)
{
    QElapsedTimer timer;
    timer.start();
    StoreHuntSummary summary;
    auto total = EventQueries::countAll(db);
    if (!total) {
        return total.error();
    }
    auto select = db.prepare(
        QStringLiteral("SELECT %1 FROM events WHERE id > ?1 ORDER BY id LIMIT %2")
            .arg(QStringView(kEventColumns))
            .arg(kChunk));
    if (!select) {
        return select.error();
    }
    IncidentService incidents(db, actor);
    qint64 lastId = 0;
    std::vector<const sigma::Rule*> matched;
    std::vector<Event> chunk;
    while (true) {
        chunk.clear();
        select->bind(1, lastId);
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
        lastId = chunk.back().id;
        summary.scanned += qint64(chunk.size());
        std::vector<Hit> hits;
        for (const Event& e : chunk) {
            matched.clear();
            rules.match(e, matched);
            for (const sigma::Rule* rule : matched) {
                if (onHit) {
                    onHit(*rule, e);
                }
                hits.push_back({rule->uid(), rule->meta().title, int(rule->meta().level), e.id,
                                e.timeNs, e.timeDigits, e.host});
            }
        }
        summary.hits += qint64(hits.size());
        Transaction tx(db);
        if (!tx.begun()) {
            return tx.begun().error();
        }
        auto recorded = incidents.recordHits(std::move(hits));
        if (!recorded) {
            return recorded.error();
        }
        if (auto r = tx.commit(); !r) {
            return r.error();
        }
        summary.triage += *recorded;
        if (progress) {
            progress(summary.scanned, *total);
        }
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            summary.cancelled = true;
            break;
        }
    }
    summary.elapsedNs = timer.nsecsElapsed();
    return summary;
}

} // namespace vigil
