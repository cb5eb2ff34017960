#pragma once

#include <memory>
#include <optional>
#include <vector>

#include <QByteArray>
#include <QString>
#include <QStringList>

#include "triage/incident_status.h"
#include "util/result.h"

namespace vigil {

class Database;
class PlaybookLibrary;
namespace sigma {
struct CorrelationAlert;
}

/** @brief One rule hit on one stored event, as the detection stage reports it. */
struct Hit {
    QString ruleUid;
    QString ruleTitle;
    int level = 2; ///< 0 informational .. 4 critical
    qint64 eventId = 0;
    qint64 timeNs = 0;
    int timeDigits = 0;
    QString host;
};

/**
 * @brief A correlation rule's alert: one hit of the correlation rule on the event that completed
 * its condition, with every event that contributed.
 */
struct CorrelationHit {
    Hit hit;                      ///< rule, level, completing event and its time
    std::vector<qint64> eventIds; ///< every contributing event, the completing one included
    QByteArray details;           ///< JSON: type, group, count, events, first, last

    /**
     * @brief The hit for a correlation alert over stored events. Its host is the host all
     * contributing events share, or none when they differ.
     */
    static CorrelationHit from(const sigma::CorrelationAlert& alert);
};

/** @brief What recordHits() did. */
struct TriageCounts {
    qint64 alertsNew = 0;
    qint64 alertsExisting = 0; ///< hits that were already alerts (same rule and event)
    qint64 incidentsOpened = 0;
    qint64 incidentsUpdated = 0;
    qint64 alertsSuppressed = 0; ///< new alerts an active suppression hid (no incident)

    TriageCounts& operator+=(const TriageCounts& o);
};

/** @brief A requested status change with what closing needs. */
struct StatusChange {
    IncidentStatus to = IncidentStatus::Investigating;
    std::optional<Disposition> disposition; ///< required when closing
    QString resolution;                     ///< resolution summary (required for "other")
    QString lessons;                        ///< lessons learned
    QString comment;
    qint64 effectiveNs = 0;                 ///< when it happened, if not now (back-filling)

    /** @brief A move to @p status without closure details. */
    static StatusChange move(IncidentStatus status);
    /** @brief Closing with a disposition and the closure texts. */
    static StatusChange close(Disposition disposition, QString resolution = {},
                              QString lessons = {});
};

/** @brief Default grouping window: an alert joins an incident whose last alert is < 1 h older. */
inline constexpr qint64 kDefaultIncidentWindowNs = 3600LL * 1'000'000'000LL;

/**
 * @brief Turns hits into alerts and incidents and applies analyst actions, journalling each change.
 *
 * Grouping (IncidentGrouper): an alert joins the open incident (not Resolved/Closed) of the
 * same rule and grouping value (the host unless the rule's grouping says user, source address or
 * a field) when its time lies within the rule's window of that incident's alerts; otherwise it
 * opens a new incident. A new alert that an active suppression matches is stored with status
 * Suppressed and joins no incident. An alert is unique per rule and event, so recording the same
 * hits again adds nothing.
 *
 * Threading: use on the thread that owns @p db (the writer connection).
 */
class IncidentService {
public:
    IncidentService(Database& db, QString actor);

    /** @brief The grouping window of rules without a grouping setting of their own. */
    void setWindowNs(qint64 windowNs) { m_windowNs = windowNs; }

    /**
     * @brief The playbooks whose tasks are attached to each incident this service opens (by its
     * rule's tags and log source, see TaskService::attachMatching). Without a call, the standard
     * playbooks (PlaybookLibrary::loadStandard) are read when the first incident opens.
     */
    void setPlaybooks(std::shared_ptr<const PlaybookLibrary> playbooks)
    {
        m_playbooks = std::move(playbooks);
    }

    /** @brief Records @p hits; must run inside the caller's write transaction. */
    Result<TriageCounts> recordHits(std::vector<Hit> hits);

    /**
     * @brief Records correlation alerts like recordHits(), and lists each one's contributing
     * events (alert_events) and links all of them to its incident. A correlation alert that
     * already exists (same rule, same completing event) gains the events it lacked. Must run
     * inside the caller's write transaction.
     */
    Result<TriageCounts> recordCorrelationHits(std::vector<CorrelationHit> hits);

    /** @brief Moves an incident to another state (own transaction); refuses disallowed moves. */
    Result<void> changeStatus(qint64 incidentId, const StatusChange& change);

    /** @brief Adds a plain-text note (own transaction); returns the note id. */
    Result<qint64> addNote(qint64 incidentId, const QString& body);

    // Queue actions (incident_service_queue.cpp); each runs in its own transaction.

    /**
     * @brief Acknowledges an open incident: the first human look, journalled as "acknowledged"
     * (the t_ack of MTTA). Refused when already acknowledged or no longer open.
     */
    Result<void> acknowledge(qint64 incidentId);
    /**
     * @brief Assigns the incident to @p assignee (trimmed; empty unassigns), journalled as
     * "assigned" with from and to. Refused for closed incidents and when nothing changes.
     */
    Result<void> assign(qint64 incidentId, const QString& assignee);
    /**
     * @brief Adds a note annotating one item of the incident's timeline: @p refType "event",
     * "alert" or "journal" (entry seq) and its id, which must belong to the incident. Journalled
     * as a "note" that names the item. Returns the note id.
     */
    Result<qint64> annotate(qint64 incidentId, const QString& refType, qint64 refId,
                            const QString& body);
    /**
     * @brief Links a stored event to the incident by hand (reason "analyst"), journalled as
     * "event_added". Refused when the event does not exist or is linked already.
     */
    Result<void> addEvent(qint64 incidentId, qint64 eventId);

private:
    struct Entry;
    Result<TriageCounts> record(std::vector<Entry>& entries);
    Result<void> attachPlaybooks(qint64 incidentId); // core/response/incident_playbooks.cpp

    Database& m_db;
    QString m_actor;
    qint64 m_windowNs = kDefaultIncidentWindowNs;
    std::shared_ptr<const PlaybookLibrary> m_playbooks;
};

} // namespace vigil
