#pragma once

#include <functional>

#include "ingest/importer.h"
#include "triage/incident_service.h"
#include "util/result.h"

namespace vigil {

class Database;
struct Event;
namespace sigma {
class Rule;
class RuleSet;
struct CorrelationAlert;
} // namespace sigma

/** @brief What a hunt over the stored events found. */
struct StoreHuntSummary {
    qint64 scanned = 0;
    qint64 hits = 0; ///< rule hits that alert, correlation alerts included
    TriageCounts triage;
    bool cancelled = false;
    qint64 elapsedNs = 0;
    qint64 correlationHits = 0; ///< of @c hits, alerts of correlation rules
};

/** @brief Called for every hit, e.g. to print it. */
using StoreHitFn = std::function<void(const sigma::Rule&, const Event&)>;
/** @brief Called for every correlation alert (its events carry their stored ids). */
using StoreCorrelationFn = std::function<void(const sigma::CorrelationAlert&)>;

/**
 * @brief Runs @p rules over every stored event, in time order, and records the hits as alerts
 * and incidents, correlation rules included (one CorrelationEngine over the whole store).
 *
 * Works in chunks of events, one transaction per chunk; a cancelled hunt keeps what it recorded
 * and judges the correlation windows of the events hunted so far. Hits that already are alerts
 * add nothing. Hits of rules that only feed correlations (`generate: false`) are neither
 * recorded nor passed to @p onHit. @p db must be a writer connection.
 */
Result<StoreHuntSummary> huntStore(Database& db, const sigma::RuleSet& rules,
                                   const QString& actor, const StoreHitFn& onHit = {},
                                   const CancelFlag* cancel = nullptr,
                                   const ProgressFn& progress = {},
                                   const StoreCorrelationFn& onCorrelation = {});

} // namespace vigil
