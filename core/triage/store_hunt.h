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
}

/** @brief What a hunt over the stored events found. */
struct StoreHuntSummary {
    qint64 scanned = 0;
    qint64 hits = 0;
    TriageCounts triage;
    bool cancelled = false;
    qint64 elapsedNs = 0;
};

/** @brief Called for every hit, e.g. to print it. */
using StoreHitFn = std::function<void(const sigma::Rule&, const Event&)>;

/**
 * @brief Runs @p rules over every stored event and records the hits as alerts and incidents.
 *
 * Works in chunks of events, one transaction per chunk; a cancelled hunt keeps what it recorded.
 * Hits that already are alerts add nothing. @p db must be a writer connection.
 */
Result<StoreHuntSummary> huntStore(Database& db, const sigma::RuleSet& rules,
                                   const QString& actor, const StoreHitFn& onHit = {},
                                   const CancelFlag* cancel = nullptr,
                                   const ProgressFn& progress = {});

} // namespace vigil
