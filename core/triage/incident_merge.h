#pragma once

#include <optional>
#include <vector>

#include <QString>

#include "util/result.h"

namespace vigil {

class Database;

/** @brief What IncidentMerger::merge() did. */
struct MergeOutcome {
    qint64 into = 0;
    std::vector<qint64> merged;   ///< the incidents merged away (now closed as duplicates)
    qint64 alertsMoved = 0;
    qint64 observablesJoined = 0; ///< observables both sides held, now one
};

/**
 * @brief Merges incidents into one and splits alerts off into a new incident, each in one
 * transaction and journalled on every incident it touches.
 *
 * Merging moves the alerts (each keeps its own times and status), the linked events and the
 * observables into the target; an observable both hold (same type and value) becomes one, so
 * hosts and observables are not duplicated. The target's span, count and severity follow its
 * alerts; its priority is computed again. Each merged-away incident is closed with disposition
 * "duplicate", the resolution "Merged into incident #N" and merged_into = N; its journal gets a
 * "status" entry saying so and the target's a "merged" entry naming them. Notes, evidence and
 * tasks stay where they were written.
 *
 * Threading: use on the thread that owns @p db (a writer connection).
 */
class IncidentMerger {
public:
    IncidentMerger(Database& db, QString actor);

    /**
     * @brief Merges @p ids into @p into (0: the oldest of them). Refused when fewer than two
     * distinct incidents are named, one does not exist or was merged already, or the target is
     * Resolved or Closed (reopen it first).
     */
    Result<MergeOutcome> merge(std::vector<qint64> ids, qint64 into = 0);

    /**
     * @brief Moves @p alertIds of incident @p incidentId into a new incident (status New, same
     * rule and grouping) and returns its id. The events of those alerts move with them (an
     * event another remaining alert also holds stays in both), and so do the observables found
     * in them. Refused when an alert is not in the incident or no alert would stay.
     */
    Result<qint64> split(qint64 incidentId, std::vector<qint64> alertIds);

private:
    Database& m_db;
    QString m_actor;
};

/** @brief Parses "3,4,7" (ids > 0, no repeats); sets @p why and returns nothing on failure. */
std::optional<std::vector<qint64>> parseIdList(const QString& text, QString* why);

} // namespace vigil
