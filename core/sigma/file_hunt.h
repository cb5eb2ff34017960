#pragma once

#include <functional>
#include <vector>

#include <QStringList>

#include "ingest/importer.h"
#include "util/result.h"

namespace vigil {
struct Event;
} // namespace vigil

namespace vigil::sigma {

class Rule;
class RuleSet;

/** @brief Called with an event and the rules it matched (load order); see huntFiles(). */
using HuntHitFn = std::function<void(Event& event, const std::vector<const Rule*>& rules)>;

/**
 * @brief Runs @p rules over the events of @p files without storing anything (`vigil-cli hunt`
 * with paths), using every core: parsing and matching run on worker threads.
 *
 * The calling thread reads each file into batches of records; workers parse the records of a
 * batch (stateless parsers; header-driven formats and Windows event logs are parsed on the
 * calling thread, in file order) and match every event with RuleSet::match(). Results come back
 * in file order: @p onHit is called on the calling thread for every event that matched at least
 * one rule, in the order of the files, exactly as a one-thread scan would. Rejects, counts and
 * per-file reports are those scanFiles() gives for the same files and options.
 *
 * @p threads: worker threads, 0 = one per core. @p cancel is checked every batch; a cancelled
 * run returns the summary so far with @c cancelled set. @p rules must not change meanwhile.
 */
Result<IngestSummary> huntFiles(const QStringList& files, const IngestOptions& options,
                                const RuleSet& rules, const HuntHitFn& onHit,
                                const CancelFlag* cancel = nullptr, int threads = 0);

} // namespace vigil::sigma
