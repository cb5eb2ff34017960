#include "sigma/correlation_state.h"

#include <algorithm>
#include <bit>
#include <limits>

#include <QSet>

namespace vigil::sigma::detail {

namespace {

constexpr qint64 kMax = std::numeric_limits<qint64>::max();
constexpr qint64 kMin = std::numeric_limits<qint64>::min();

qint64 plusSpan(qint64 t, qint64 span)
{
    return t > kMax - span ? kMax : t + span;
}

qint64 minusSpan(qint64 t, qint64 span)
{
    return t < kMin + span ? kMin : t - span;
}

bool keyLess(qint64 t1, qint64 o1, qint64 t2, qint64 o2)
{
    return t1 != t2 ? t1 < t2 : o1 < o2;
}

} // namespace

QString tupleKey(const QStringList& values)
{
    if (values.size() == 1) {
        return values.front();
    }
    QString key;
    for (const QString& v : values) {
        key += QString::number(v.size()) + u':' + v;
    }
    return key;
}

QStringList splitTupleKey(const QString& key, int count)
{
    if (count == 1) {
        return {key};
    }
    QStringList out;
    qsizetype at = 0;
    for (int i = 0; i < count; ++i) {
        const qsizetype colon = key.indexOf(u':', at);
        const qsizetype size = colon < 0 ? 0 : QStringView(key).mid(at, colon - at).toLongLong();
        out << key.mid(colon + 1, size);
        at = colon + 1 + size;
    }
    return out;
}

void ValueTally::add(const QString& value)
{
    if (m_hash) {
        ++(*m_hash)[value];
        return;
    }
    for (auto& [v, n] : m_few) {
        if (v == value) {
            ++n;
            return;
        }
    }
    m_few.emplace_back(value, 1);
    if (m_few.size() > kFew) {
        m_hash = std::make_unique<QHash<QString, int>>();
        for (const auto& [v, n] : m_few) {
            m_hash->insert(v, n);
        }
        m_few = {};
    }
}

void ValueTally::remove(const QString& value)
{
    if (m_hash) {
        const auto it = m_hash->find(value);
        if (it != m_hash->end() && --it.value() == 0) {
            m_hash->erase(it);
        }
        return;
    }
    for (auto it = m_few.begin(); it != m_few.end(); ++it) {
        if (it->first == value) {
            if (--it->second == 0) {
                m_few.erase(it);
            }
            return;
        }
    }
}

void ValueTally::clear()
{
    m_few.clear();
    m_hash.reset();
}

qint64 longestOrderedRun(const std::vector<Item>& items, std::size_t from, int refCount)
{
    // best[p]: the longest run ending with rule position p among the items before the current
    // time; items with equal keys cannot follow each other, so they update together.
    std::vector<qint64> best(std::size_t(refCount), 0);
    std::vector<qint64> next;
    std::size_t i = from;
    while (i < items.size()) {
        std::size_t j = i;
        while (j < items.size() && items[j].timeNs == items[i].timeNs
               && items[j].order == items[i].order) {
            ++j;
        }
        next = best;
        for (std::size_t k = i; k < j; ++k) {
            qint64 prefix = 0;
            for (int p = 0; p < refCount; ++p) {
                if (items[k].mask & (quint64(1) << p)) {
                    next[std::size_t(p)] = std::max(next[std::size_t(p)], prefix + 1);
                }
                prefix = std::max(prefix, best[std::size_t(p)]);
            }
        }
        best.swap(next);
        i = j;
    }
    return best.empty() ? 0 : *std::max_element(best.begin(), best.end());
}

NodeState::NodeState(const NodeSpec& spec)
    : m_spec(spec)
{
}

std::size_t NodeState::itemCount() const
{
    std::size_t n = 0;
    for (const auto& [key, g] : m_groups) {
        n += g.items.size() - g.head;
        n += g.chains.size();
    }
    return n;
}

bool NodeState::Expiry::operator>(const Expiry& o) const
{
    return deadlineNs != o.deadlineNs ? deadlineNs > o.deadlineNs : seq > o.seq;
}

void NodeState::pushExpiry(Group& g)
{
    m_expiry.push_back({g.deadlineNs, g.seq, &g});
    std::push_heap(m_expiry.begin(), m_expiry.end(), std::greater<>());
}

void NodeState::popExpiry()
{
    std::pop_heap(m_expiry.begin(), m_expiry.end(), std::greater<>());
    m_expiry.pop_back();
}

void NodeState::add(const QString& key, Item item, std::vector<CorrelationAlert>& out)
{
    const auto [it, created] = m_groups.try_emplace(key);
    Group& g = it->second;
    if (created) {
        g.key = &it->first;
        g.seq = ++m_seq;
        reset(g);
        // The window of a non-monotone condition opens at the group's first event; a sliding
        // one moves with each event (the deadline is updated below and re-read when it pops).
        g.deadlineNs = plusSpan(item.timeNs, m_spec.spanNs);
        pushExpiry(g);
    }
    if (!m_spec.monotone) {
        g.items.push_back(std::move(item));
        return;
    }
    g.deadlineNs = plusSpan(item.timeNs, m_spec.spanNs);
    bool fired = false;
    if (m_spec.type == CorrelationType::TemporalOrdered) {
        fired = addOrdered(g, item, out);
    } else {
        addSliding(g, std::move(item), out, fired);
    }
    if (fired) {
        // The alert consumed the window; later events start a new one.
        reset(g);
    }
}

void NodeState::reset(Group& g) const
{
    g.items.clear();
    g.head = 0;
    g.values.clear();
    g.distinctRefs = 0;
    g.chains.clear();
    if (m_spec.type == CorrelationType::Temporal && m_spec.monotone) {
        g.refCounts.assign(std::size_t(m_spec.refCount), 0);
    }
}

void NodeState::evict(Group& g, qint64 cutoffNs)
{
    while (g.head < g.items.size() && g.items[g.head].timeNs < cutoffNs) {
        Item& old = g.items[g.head];
        if (m_spec.type == CorrelationType::ValueCount) {
            g.values.remove(old.value);
        } else if (m_spec.type == CorrelationType::Temporal) {
            for (int p = 0; p < m_spec.refCount; ++p) {
                if ((old.mask & (quint64(1) << p)) && --g.refCounts[std::size_t(p)] == 0) {
                    --g.distinctRefs;
                }
            }
        }
        old = Item();
        ++g.head;
    }
    if (g.head > 32 && g.head * 2 > g.items.size()) {
        g.items.erase(g.items.begin(), g.items.begin() + std::ptrdiff_t(g.head));
        g.head = 0;
    }
}

void NodeState::addSliding(Group& g, Item item, std::vector<CorrelationAlert>& out, bool& fired)
{
    evict(g, minusSpan(item.timeNs, m_spec.spanNs));
    qint64 count = 0;
    switch (m_spec.type) {
    case CorrelationType::EventCount:
        g.items.push_back(std::move(item));
        count = qint64(g.items.size() - g.head);
        break;
    case CorrelationType::ValueCount:
        g.values.add(item.value);
        g.items.push_back(std::move(item));
        count = g.values.distinct();
        break;
    case CorrelationType::Temporal:
        for (int p = 0; p < m_spec.refCount; ++p) {
            if ((item.mask & (quint64(1) << p)) && g.refCounts[std::size_t(p)]++ == 0) {
                ++g.distinctRefs;
            }
        }
        g.items.push_back(std::move(item));
        count = g.distinctRefs;
        break;
    case CorrelationType::TemporalOrdered:
        return;
    }
    if (m_spec.rule->condition().test(count)) {
        raise(g, count, windowEvents(g), out);
        fired = true;
    }
}

bool NodeState::addOrdered(Group& g, const Item& item, std::vector<CorrelationAlert>& out)
{
    // g.chains holds, per (position, length), the sequence whose start is latest (the one that
    // stays in the window longest). Positions are visited from the last one down, so an
    // extension only reads sequences this hit has not changed.
    const qint64 cutoff = minusSpan(item.timeNs, m_spec.spanNs);
    std::erase_if(g.chains, [cutoff](const Chain& c) { return c.startNs < cutoff; });
    const int k = int(m_spec.threshold);
    auto later = [](const Chain& a, const Chain& b) {
        return keyLess(b.startNs, b.startOrder, a.startNs, a.startOrder);
    };
    Chain best;
    for (int p = m_spec.refCount - 1; p >= 0; --p) {
        if (!(item.mask & (quint64(1) << p))) {
            continue;
        }
        for (int len = k; len >= 1; --len) {
            Chain cand{p, len, item.timeNs, item.order, nullptr};
            if (len > 1) {
                const Chain* from = nullptr;
                for (const Chain& c : g.chains) {
                    if (c.pos < p && c.len == len - 1
                        && keyLess(c.last->timeNs, c.last->order, item.timeNs, item.order)
                        && (!from || later(c, *from))) {
                        from = &c;
                    }
                }
                if (!from) {
                    continue;
                }
                cand.startNs = from->startNs;
                cand.startOrder = from->startOrder;
                cand.last = from->last;
            }
            cand.last = std::make_shared<const ChainNode>(
                ChainNode{item.timeNs, item.order, item.events, cand.last});
            auto slot = std::find_if(g.chains.begin(), g.chains.end(), [&](const Chain& c) {
                return c.pos == p && c.len == len;
            });
            if (len == k && (best.len == 0 || later(cand, best))) {
                best = cand;
            }
            if (slot == g.chains.end()) {
                g.chains.push_back(std::move(cand));
            } else if (!later(*slot, cand)) {
                *slot = std::move(cand);
            }
        }
    }
    if (best.len == 0 || !m_spec.rule->condition().test(best.len)) {
        return false;
    }
    std::vector<EventList> parts;
    for (const ChainNode* n = best.last.get(); n; n = n->prev.get()) {
        parts.push_back(n->events);
    }
    raise(g, best.len, std::move(parts), out);
    return true;
}

qint64 NodeState::judgeCount(const Group& g) const
{
    switch (m_spec.type) {
    case CorrelationType::EventCount:
        return qint64(g.items.size() - g.head);
    case CorrelationType::ValueCount: {
        QSet<QString> distinct;
        for (std::size_t i = g.head; i < g.items.size(); ++i) {
            distinct.insert(g.items[i].value);
        }
        return distinct.size();
    }
    case CorrelationType::Temporal: {
        quint64 seen = 0;
        for (std::size_t i = g.head; i < g.items.size(); ++i) {
            seen |= g.items[i].mask;
        }
        return std::popcount(seen);
    }
    case CorrelationType::TemporalOrdered:
        return longestOrderedRun(g.items, g.head, m_spec.refCount);
    }
    return 0;
}

std::vector<EventList> NodeState::windowEvents(const Group& g) const
{
    std::vector<EventList> parts;
    parts.reserve(g.items.size() - g.head);
    for (std::size_t i = g.head; i < g.items.size(); ++i) {
        parts.push_back(g.items[i].events);
    }
    return parts;
}

void NodeState::raise(const Group& g, qint64 count, std::vector<EventList> parts,
                     std::vector<CorrelationAlert>& out) const
{
    CorrelationAlert a;
    a.rule = m_spec.rule;
    a.groupValues = splitTupleKey(*g.key, int(m_spec.rule->groupBy().size()));
    a.count = count;
    for (const EventList& part : parts) {
        if (part) {
            a.events.insert(a.events.end(), part->begin(), part->end());
        }
    }
    std::sort(a.events.begin(), a.events.end(), [](const auto& x, const auto& y) {
        return keyLess(x.timeNs, x.order, y.timeNs, y.order);
    });
    // Chained alerts may share events; an event is listed once.
    a.events.erase(std::unique(a.events.begin(), a.events.end(),
                               [](const auto& x, const auto& y) { return x.order == y.order; }),
                   a.events.end());
    if (!a.events.empty()) {
        out.push_back(std::move(a));
    }
}

void NodeState::judge(const Group& g, std::vector<CorrelationAlert>& out) const
{
    if (m_spec.monotone || g.head == g.items.size()) {
        return; // sliding windows were judged as events came
    }
    const qint64 count = judgeCount(g);
    if (m_spec.rule->condition().test(count)) {
        raise(g, count, windowEvents(g), out);
    }
}

void NodeState::advance(qint64 clockNs, std::vector<CorrelationAlert>& out)
{
    while (!m_expiry.empty() && m_expiry.front().deadlineNs < clockNs) {
        const Expiry e = m_expiry.front();
        popExpiry();
        Group& g = *e.group;
        if (g.deadlineNs > e.deadlineNs) {
            pushExpiry(g); // a later event moved the window on
            continue;
        }
        judge(g, out);
        const QString key = *g.key; // erase() must not read the key of the node it frees
        m_groups.erase(key);
    }
}

void NodeState::closeAll(std::vector<CorrelationAlert>& out)
{
    while (!m_expiry.empty()) {
        const Expiry e = m_expiry.front();
        popExpiry();
        if (e.group->deadlineNs > e.deadlineNs) {
            pushExpiry(*e.group);
            continue;
        }
        judge(*e.group, out);
    }
    m_groups.clear();
}

} // namespace vigil::sigma::detail
