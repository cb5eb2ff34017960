#pragma once

#include <map>

#include <QString>

#include "storage/database.h"
#include "triage/grouping.h"
#include "util/result.h"

namespace vigil {

struct AlertSubject;
struct Hit;

/** @brief Where IncidentGrouper::place() put an alert. */
struct Placement {
    qint64 incidentId = 0;
    bool created = false; ///< a new incident was opened for it
};

/**
 * @brief Forms incidents: an alert joins the open incident (not Resolved/Closed) of the same
 * rule and grouping value (see RuleGrouping; by default the host) when its time lies within the
 * rule's window of that incident's alerts (less than the window after the last or before the
 * first), raising that incident's count; otherwise it opens a new incident, journalled
 * ("created", with the grouping key and value).
 *
 * Threading: use on the thread that owns @p db, inside the caller's write transaction.
 */
class IncidentGrouper {
public:
    IncidentGrouper(Database& db, qint64 defaultWindowNs);

    /** @brief Prepares the statements and reads the rules' grouping settings. */
    Result<void> prepare();

    /** @brief The grouping of @p ruleUid (the default when none is stored). */
    GroupingSetting settingFor(const QString& ruleUid) const;
    /** @brief Whether place() needs the alert's event (its key is not the alert's host). */
    bool needsSubject(const QString& ruleUid) const;

    /**
     * @brief Puts alert @p alertId (of @p hit) into an incident and returns which; @p subject is
     * the alert's event, required when needsSubject().
     */
    Result<Placement> place(const Hit& hit, qint64 alertId, const AlertSubject* subject,
                            qint64 now);

private:
    Database& m_db;
    qint64 m_defaultWindowNs;
    std::map<QString, GroupingSetting> m_settings;
    Statement m_findOpen;
    Statement m_update;
    Statement m_insert;
};

} // namespace vigil
