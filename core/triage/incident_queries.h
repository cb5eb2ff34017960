#pragma once

#include <optional>
#include <vector>

#include <QString>

#include "model/event.h"
#include "triage/incident_status.h"
#include "util/result.h"

namespace vigil {

class Database;

/** @brief An incident as stored. */
struct IncidentRecord {
    qint64 id = 0;
    QString title;
    QString ruleUid;
    QString host;
    IncidentStatus status = IncidentStatus::New;
    std::optional<IncidentStatus> heldFrom;
    int severity = 0;
    QString priority;    ///< "P1".."P4", empty for incidents of stores before prioritisation
    int priorityScore = -1;   ///< 0..100, -1 when not computed
    QByteArray priorityParts; ///< JSON: the formula version and each factor (Priority::partsJson)
    qint64 dueNs = 0;         ///< when it should be resolved (SLA of its priority); 0: none
    QString disposition; ///< code, null while open
    QString resolution;
    QString lessons;
    qint64 firstSeenNs = 0;
    qint64 lastSeenNs = 0;
    qint64 alertCount = 0;
    qint64 createdNs = 0;
    qint64 updatedNs = 0;
    qint64 closedNs = 0;
    QString assignee;        ///< who works it; empty: unassigned
    qint64 acknowledgedNs = 0; ///< when an analyst acknowledged it; 0: not yet
    QString acknowledgedBy;
};

/** @brief An alert as stored. */
struct AlertRecord {
    qint64 id = 0;
    QString ruleUid;
    QString ruleTitle;
    int level = 0;
    qint64 eventId = 0;
    qint64 timeNs = 0;
    int timeDigits = 0;
    QString host;
    QString status;
    qint64 createdNs = 0;
    qint64 incidentId = 0;
    QString eventSummary; ///< the summary of the event that raised it
    /// correlation alerts: JSON with type, group, count, events, first, last; empty otherwise
    QString correlation;
};

/** @brief An analyst note. */
struct NoteRecord {
    qint64 id = 0;
    qint64 incidentId = 0;
    QString author;
    qint64 createdNs = 0;
    QString body;
    QString refType; ///< annotations: "event", "alert" or "journal"; empty for plain notes
    qint64 refId = 0;
};

/** @brief Read-only queries over incidents for the queue, the detail view and the CLI. */
class IncidentQueries {
public:
    static Result<std::vector<IncidentRecord>> list(Database& db);
    static Result<IncidentRecord> load(Database& db, qint64 id);
    static Result<std::vector<AlertRecord>> alerts(Database& db, qint64 incidentId);
    /**
     * @brief The events that made a correlation alert, in time order (ids); for an alert of a
     * detection rule, just its own event.
     */
    static Result<std::vector<qint64>> alertEvents(Database& db, qint64 alertId);
    /** @brief Events linked to the incident in time order, at most @p limit. */
    static Result<std::vector<Event>> events(Database& db, qint64 incidentId, int limit);
    static Result<std::vector<NoteRecord>> notes(Database& db, qint64 incidentId);
    /** @brief Counts for status bars and empty states. */
    static Result<qint64> count(Database& db, bool openOnly);

    /**
     * @brief Where the incident's stored state disagrees with its journal (status, disposition,
     * note count): edits behind Vigil's back to the incidents or notes tables. Empty when both
     * tell the same story.
     */
    static Result<QStringList> journalDisagreements(Database& db, qint64 incidentId);
};

} // namespace vigil
