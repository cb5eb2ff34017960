#pragma once

#include <memory>
#include <vector>

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

namespace vigil {
struct Event;
}

namespace vigil::sigma {

class CorrelationRule;
class Rule;
class RuleSet;
namespace detail {
struct NodeSpec;
struct Lane;
struct Pending;
} // namespace detail

/** @brief One event as a correlation remembers it: enough to store, list and print it. */
struct CorrelatedEvent {
    qint64 eventId = 0; ///< the stored event's id; 0 when the event is not stored (file hunts)
    qint64 order = 0;   ///< tie-break among equal times: the event id, else the arrival number
    qint64 timeNs = 0;
    int timeDigits = 0;
    QString host;
    QString source;
    qint64 sourcePos = 0;
    bool sourceIsRecord = false;

    /** @brief "file:line" or "file#record", as Event::sourceRef(). */
    QString sourceRef() const;
};

/** @brief A correlation rule's condition was met: one alert, with every event that made it. */
struct CorrelationAlert {
    const CorrelationRule* rule = nullptr;
    QStringList groupValues;             ///< one per rule->groupBy() field
    qint64 count = 0;                    ///< events, distinct values or distinct rules counted
    std::vector<CorrelatedEvent> events; ///< contributing events by (time, order), no repeats

    /** @brief The event that completed the condition (the last one). */
    const CorrelatedEvent& completing() const { return events.back(); }
};

/** @brief What the engine holds and has done (memory is bounded by the live state). */
struct CorrelationStats {
    qint64 eventsIn = 0;         ///< events that matched a rule some correlation references
    qint64 missingGroup = 0;     ///< hits left out: a group-by field was missing or null
    qint64 missingValue = 0;     ///< value_count hits left out: the counted field was missing
    qint64 extraLanes = 0;       ///< times events came later than the lateness allowance
    qint64 alerts = 0;           ///< alerts raised (including those feeding other correlations)
    std::size_t liveGroups = 0;  ///< groups holding window state now
    std::size_t buffered = 0;    ///< events waiting in the reordering buffer
    std::size_t liveItems = 0;   ///< hits held in windows now
};

/**
 * @brief Runs the correlation rules of a RuleSet over a stream of events and the base rules
 * each one matched (RuleSet::match). Holds all correlation state; the RuleSet stays stateless.
 *
 * Semantics (shared/docs/sigma-semantics.md §7), with Vigil's decisions:
 * - Time is the event's own time (Event::timeNs; for records without one, the time received).
 *   Ties are broken by the event id (stored events) or the arrival number, so the store and the
 *   import order equal times the same way.
 * - Windows are inclusive: events at most `timespan` apart (last - first <= timespan) share one.
 * - Conditions with only gt/gte are judged on a sliding window as each event arrives: the alert
 *   is raised by the event that makes the condition hold (B33). Any other term (lt, lte, eq,
 *   neq) can only be judged once the window has passed, so such a window opens at a group's
 *   first event, closes `timespan` later, and is judged then (or when the input ends).
 * - One alert per window: an alert consumes the events it lists; the group starts afresh after
 *   it, so a burst of 9 events under `gte: 3` raises 3 alerts, each listing 3 different events.
 * - An event matched by several referenced rules counts once for event_count and value_count;
 *   for temporal it counts for each rule it matched; for temporal_ordered each step of the
 *   sequence needs its own, strictly later event (by time, then order).
 * - Events missing a group-by field (or with a null value) are left out (counted in stats());
 *   value_count leaves out events without the counted field (like SQL COUNT(DISTINCT)).
 *   Group-by and counted values compare as exact, case-sensitive text.
 * - temporal_ordered counts the longest sequence of events whose rules follow the order of
 *   `rules` (skipping rules allowed), so the default `gte: <number of rules>` means all of them
 *   in order; B, A, B satisfies [A, B] with A then the second B.
 * - Chained correlations: an inner correlation's alert is one hit of the outer one, at the time
 *   of its completing event, carrying the inner group-by values and events.
 *
 * Streaming: events may arrive out of time order by up to the lateness allowance (default: the
 * longest timespan); they are buffered and processed in time order, so a stream and a sorted
 * replay of the same events give the same alerts. An event later than that starts a separate
 * lane (at most Options::maxLanes; the least recently used one is then finished): a file read
 * after a newer one is still correlated within itself, but not with the other file's events.
 * Memory: a group is dropped once its window has passed, and the buffer holds at most the
 * allowance's worth of hits.
 *
 * Threading: not thread-safe; use one engine per import or hunt. It keeps pointers into the
 * RuleSet, which must outlive it and not change while it is used.
 */
class CorrelationEngine {
public:
    struct Options {
        qint64 latenessNs = -1; ///< out-of-order allowance; -1 = the longest timespan
        int maxLanes = 8;
    };

    explicit CorrelationEngine(const RuleSet& rules);
    CorrelationEngine(const RuleSet& rules, Options options);
    ~CorrelationEngine();
    CorrelationEngine(const CorrelationEngine&) = delete;
    CorrelationEngine& operator=(const CorrelationEngine&) = delete;

    /** @brief False when the rule set has no usable correlation (add() does nothing then). */
    bool isActive() const { return !m_specs.empty(); }

    /**
     * @brief False for a base rule that only feeds correlations with `generate: false`: its
     * hits must not become alerts of their own.
     */
    bool alertsOnItsOwn(const Rule& rule) const { return !m_silent.contains(&rule); }

    /**
     * @brief Feeds one event with the rules it matched. Alerts that are certain by now are
     * appended to @p out (usually later than the event that completed them, after the lateness
     * allowance has passed).
     */
    void add(const Event& event, const std::vector<const Rule*>& matched,
             std::vector<CorrelationAlert>& out);

    /** @brief End of input: processes everything buffered, judges open windows, resets. */
    void finish(std::vector<CorrelationAlert>& out);

    CorrelationStats stats() const;

private:
    detail::Lane& route(qint64 timeNs, std::vector<CorrelationAlert>& out);
    void release(detail::Lane& lane, bool all, std::vector<CorrelationAlert>& out);
    void process(detail::Lane& lane, detail::Pending& p, std::vector<CorrelationAlert>& out);
    void finishLane(detail::Lane& lane, std::vector<CorrelationAlert>& out);
    std::unique_ptr<detail::Lane> newLane() const;

    std::vector<std::unique_ptr<detail::NodeSpec>> m_specs; // topological: inner before outer
    QHash<const Rule*, std::vector<std::pair<int, int>>> m_refsOf; // rule -> (node, position)
    QSet<const Rule*> m_silent;
    std::vector<std::unique_ptr<detail::Lane>> m_lanes;
    Options m_options;
    qint64 m_arrival = 0;
    quint64 m_use = 0;
    CorrelationStats m_stats;
};

} // namespace vigil::sigma
