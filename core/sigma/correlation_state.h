#pragma once

#include <memory>
#include <unordered_map>
#include <vector>

#include <QHash>
#include <QString>
#include <QStringList>

#include "sigma/correlation_engine.h"
#include "sigma/correlation_rule.h"

namespace vigil::sigma::detail {

using EventList = std::shared_ptr<const std::vector<CorrelatedEvent>>;

/** @brief One hit of a correlation's referenced rules, as its window holds it. */
struct Item {
    qint64 timeNs = 0;
    qint64 order = 0;
    quint64 mask = 0;      ///< positions in `rules` this hit stands for
    bool hasValue = false; ///< value_count: the counted field(s) were present
    QString value;         ///< value_count: the value (tuple) counted
    EventList events;      ///< the event, or an inner correlation's events
};

/** @brief One string for a tuple of values; each part carries its length so none collide. */
QString tupleKey(const QStringList& values);
/** @brief The @p count values tupleKey() joined into @p key. */
QStringList splitTupleKey(const QString& key, int count);

/**
 * @brief How often each distinct value occurs among a window's hits: a short list while there
 * are few values (most groups), a hash table beyond that, so many values stay linear.
 */
class ValueTally {
public:
    /** @brief Counts one more @p value. */
    void add(const QString& value);
    /** @brief Counts one less @p value (which must have been added). */
    void remove(const QString& value);
    qint64 distinct() const { return m_hash ? m_hash->size() : qint64(m_few.size()); }
    void clear();

private:
    static constexpr std::size_t kFew = 16;
    std::vector<std::pair<QString, int>> m_few;
    std::unique_ptr<QHash<QString, int>> m_hash;
};

/** @brief What a correlation reads, compiled once for the engine. */
struct NodeSpec {
    const CorrelationRule* rule = nullptr;
    CorrelationType type = CorrelationType::EventCount;
    qint64 spanNs = 0;
    bool monotone = true;
    qint64 threshold = 1; ///< monotone: the smallest count that satisfies the condition
    int refCount = 0;
    bool alertsOnItsOwn = true;
    std::vector<std::pair<int, int>> outers; ///< (node, position) of correlations using this one
    /// [ref][group-by field]: the event field names to try (base rules)
    std::vector<std::vector<QStringList>> groupNames;
    /// [ref][value field]: the event field names to try (value_count, base rules)
    std::vector<std::vector<QStringList>> valueNames;
    /// [ref][group-by field]: index into the inner correlation's group values (chaining)
    std::vector<std::vector<int>> groupIndex;
    /// [ref][value field]: index into the inner correlation's group values (chaining)
    std::vector<std::vector<int>> valueIndex;
};

/**
 * @brief The windows of one correlation: per group, the hits of the current window and the
 * counters over them. Groups are dropped when their window has passed (advance()); an alert
 * empties its group's window at once. Items must be added in (time, order) order.
 */
class NodeState {
public:
    explicit NodeState(const NodeSpec& spec);

    /** @brief Judges windows that closed before @p clockNs and drops expired groups. */
    void advance(qint64 clockNs, std::vector<CorrelationAlert>& out);
    /**
     * @brief Adds a hit to group @p key (a tupleKey() of the group-by values); appends an alert
     * when it completes the condition.
     */
    void add(const QString& key, Item item, std::vector<CorrelationAlert>& out);
    /** @brief Input ended: judges every open window and drops all state. */
    void closeAll(std::vector<CorrelationAlert>& out);

    std::size_t groupCount() const { return m_groups.size(); }
    std::size_t itemCount() const;

private:
    struct ChainNode {
        qint64 timeNs = 0;
        qint64 order = 0;
        EventList events;
        std::shared_ptr<const ChainNode> prev;
    };
    /** The sequence of `len` hits ending with rule position `pos` whose start is latest. */
    struct Chain {
        int pos = 0;
        int len = 0;
        qint64 startNs = 0;
        qint64 startOrder = 0;
        std::shared_ptr<const ChainNode> last;
    };
    struct Group {
        const QString* key = nullptr; // the map's own key
        std::vector<Item> items;
        std::size_t head = 0; // items before head have left the window
        ValueTally values;    // value_count, sliding windows
        std::vector<int> refCounts; // temporal, sliding windows: hits per rule position
        int distinctRefs = 0;
        std::vector<Chain> chains; // temporal_ordered, sliding windows: the live sequences
        qint64 deadlineNs = 0;     // the window has passed once the clock is beyond this
        quint64 seq = 0;           // creation order, for a stable closing order
    };
    /** A group's place in the deadline heap; each group has exactly one, so it stays valid. */
    struct Expiry {
        qint64 deadlineNs = 0;
        quint64 seq = 0;
        Group* group = nullptr;

        bool operator>(const Expiry& o) const;
    };
    struct KeyHash {
        // Not noexcept, so the table caches hash codes and rarely compares strings.
        std::size_t operator()(const QString& s) const { return qHash(s); }
    };

    void addSliding(Group& g, Item item, std::vector<CorrelationAlert>& out, bool& fired);
    bool addOrdered(Group& g, const Item& item, std::vector<CorrelationAlert>& out);
    void evict(Group& g, qint64 cutoffNs);
    qint64 judgeCount(const Group& g) const;
    void raise(const Group& g, qint64 count, std::vector<EventList> parts,
              std::vector<CorrelationAlert>& out) const;
    std::vector<EventList> windowEvents(const Group& g) const;
    void reset(Group& g) const;
    void judge(const Group& g, std::vector<CorrelationAlert>& out) const;
    void pushExpiry(Group& g);
    void popExpiry();

    const NodeSpec& m_spec;
    std::unordered_map<QString, Group, KeyHash> m_groups;
    std::vector<Expiry> m_expiry; // min-heap on (deadline, seq)
    quint64 m_seq = 0;
};

/** @brief Length of the longest run of @p items whose positions follow `rules` in order. */
qint64 longestOrderedRun(const std::vector<Item>& items, std::size_t from, int refCount);

} // namespace vigil::sigma::detail
