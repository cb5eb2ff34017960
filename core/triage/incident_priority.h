#pragma once

#include <vector>

#include <optional>

#include <QString>

#include "triage/priority.h"
#include "util/result.h"

namespace vigil {

class Database;

/**
 * @brief Computes and stores incidents' priorities (formula v1, see priority.h) from their rule
 * level and status, the criticality of their host and of the most critical user named by their
 * events (Event::common "user"), and the store's SLA policy (due = declared + SLA of the
 * priority). A changed priority is journalled with its parts ("priority" entry).
 */
class IncidentPrioritiser {
public:
    IncidentPrioritiser(Database& db, QString actor);

    /**
     * @brief What the priority of @p incidentId would be now, without storing it.
     *
     * With @p addedAlerts (alerts just joined to an incident that was prioritised before), only
     * their events are read for users, starting from the user the stored parts name: an
     * incident that keeps growing costs the size of each batch, not of all its alerts.
     */
    Result<Priority> evaluate(qint64 incidentId, const std::vector<qint64>* addedAlerts = nullptr);

    /**
     * @brief Recomputes and stores the priority of @p incidentId; must run inside the caller's
     * transaction. Returns whether it changed. @p addedAlerts as for evaluate().
     */
    Result<bool> update(qint64 incidentId, qint64 nowNs,
                        const std::vector<qint64>* addedAlerts = nullptr);

    /**
     * @brief Recomputes every open incident (after the inventory or the SLA policy changed), in
     * its own transaction; returns how many changed.
     */
    Result<int> updateOpen();

private:
    Result<Criticality> criticalityOf(const QString& kind, const QString& name);
    /** @brief Keeps the most critical of the users in @p names (first one wins a tie). */
    Result<void> pickUser(PriorityInput& in, const QStringList& names);
    Result<QStringList> usersOfIncident(qint64 incidentId);
    Result<QStringList> usersOfAlerts(const std::vector<qint64>& alertIds);

    Database& m_db;
    QString m_actor;
    std::optional<SlaPolicy> m_sla;
};

} // namespace vigil
