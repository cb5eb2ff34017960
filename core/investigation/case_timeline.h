#pragma once

#include <vector>

#include <QString>

#include "util/result.h"

namespace vigil {

class Database;

/** @brief What a timeline item is. The order is the tie-break for items at the same time. */
enum class TimelineKind : quint8 { Event, Alert, Action };

/** @brief The stored name of a kind, as annotations refer to it: "event", "alert", "journal". */
QString timelineRefType(TimelineKind kind);

/** @brief A note attached to one timeline item. */
struct TimelineAnnotation {
    qint64 noteId = 0;
    QString author;
    qint64 createdNs = 0;
    QString body;
};

/**
 * @brief One line of an incident's timeline: an event linked to it, one of its alerts, or an
 * analyst or system action from its journal or its alerts' (at the action's effective time).
 */
struct TimelineItem {
    TimelineKind kind = TimelineKind::Event;
    qint64 refId = 0;   ///< event id, alert id or journal entry seq
    qint64 timeNs = 0;
    int timeDigits = 0; ///< sub-second digits the time was recorded with
    QString who;        ///< host (events, alerts) or actor (actions)
    QString what;       ///< event summary, alert rule title, or journal action
    QString detail;     ///< event format, alert level, or the action's details (flat JSON)
    QString object;     ///< actions on one of the incident's alerts: "alert N"; empty otherwise
    std::vector<TimelineAnnotation> annotations;
};

/** @brief The timeline and whether events were left out because of the limit. */
struct CaseTimelineResult {
    std::vector<TimelineItem> items;
    qint64 eventsTotal = 0; ///< events linked to the incident
    qint64 eventsShown = 0;
};

/**
 * @brief One ordered view of an incident: its events, alerts and journal entries by time
 * (events and alerts at their recorded time, actions at their effective time; ties: events,
 * then alerts, then actions, each by id), with the annotations attached to each item.
 * Read-only; use on the thread that owns @p db.
 */
class CaseTimeline {
public:
    static Result<CaseTimelineResult> load(Database& db, qint64 incidentId, int eventLimit = 5000);
    /**
     * @brief SQL condition (incident id bound as ?1) selecting the journal entries the timeline
     * shows: the incident's own and those of its alerts.
     */
    static QString journalCondition();
};

} // namespace vigil
