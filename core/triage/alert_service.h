#pragma once

#include <map>
#include <optional>
#include <vector>

#include <QString>
#include <QStringList>

#include "triage/alert_status.h"
#include "triage/incident_queries.h"
#include "util/result.h"

namespace vigil {

class Database;

/** @brief An alert with its own workflow state: who set the status and when. */
struct AlertListing {
    AlertRecord alert;
    QString statusBy;         ///< empty while New
    qint64 statusNs = 0;      ///< when the status was last set; 0 while New
    qint64 suppressionId = 0; ///< the suppression that hid it, 0 if none
};

/**
 * @brief Moves alerts through their own workflow (alert_status.h), journalling every change
 * (object type "alert", action "status", with from, to and the comment).
 *
 * Escalating an alert that belongs to no incident (a suppressed alert an analyst took back into
 * triage) puts it into one the way new alerts are grouped (IncidentGrouper). Threading: use on
 * the thread that owns @p db (a writer connection).
 */
class AlertService {
public:
    AlertService(Database& db, QString actor);

    /**
     * @brief Sets the status of alert @p alertId (own transaction). A move the workflow does
     * not allow is refused with a message naming the allowed ones.
     */
    Result<void> changeStatus(qint64 alertId, AlertStatus to, const QString& comment = {});

private:
    Result<qint64> escalate(const AlertListing& a, qint64 now);

    Database& m_db;
    QString m_actor;
};

/** @brief Read-only alert queries for the CLI and the dialogs. */
class AlertQueries {
public:
    /** @brief Alerts, newest first, optionally of one status only, at most @p limit. */
    static Result<std::vector<AlertListing>> list(Database& db, std::optional<AlertStatus> status,
                                                  qint64 limit);
    /** @brief The alerts of one incident in time order. */
    static Result<std::vector<AlertListing>> forIncident(Database& db, qint64 incidentId);
    static Result<AlertListing> load(Database& db, qint64 alertId);
    /** @brief How many alerts are in each status (statuses without alerts are left out). */
    static Result<std::map<AlertStatus, qint64>> countByStatus(Database& db);
    /**
     * @brief Alerts whose stored status disagrees with their journal (the last "status" entry;
     * without one: New, or Suppressed for an alert a suppression hid): edits to the alerts table
     * behind Vigil's back. One line per alert, empty when all agree.
     */
    static Result<QStringList> journalDisagreements(Database& db);
};

} // namespace vigil
