#pragma once

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

    /** @brief What the priority of @p incidentId would be now, without storing it. */
    Result<Priority> evaluate(qint64 incidentId);

    /**
     * @brief Recomputes and stores the priority of @p incidentId; must run inside the caller's
     * transaction. Returns whether it changed.
     */
    Result<bool> update(qint64 incidentId, qint64 nowNs);

    /**
     * @brief Recomputes every open incident (after the inventory or the SLA policy changed), in
     * its own transaction; returns how many changed.
     */
    Result<int> updateOpen();

private:
    Result<Criticality> criticalityOf(const QString& kind, const QString& name);

    Database& m_db;
    QString m_actor;
    std::optional<SlaPolicy> m_sla;
};

} // namespace vigil
