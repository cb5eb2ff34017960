#include "sigma/correlation_engine.h"

#include <algorithm>
#include <limits>

#include "model/event.h"
#include "sigma/correlation_rule.h"
#include "sigma/correlation_state.h"
#include "sigma/log_source_map.h"
#include "sigma/rule.h"
#include "sigma/rule_set.h"

namespace vigil::sigma {

namespace detail {

/** One correlation hit before it is processed: which group of which correlation. */
struct NodeInput {
    int node = 0;
    QString key; ///< tupleKey() of the group-by values
    quint64 mask = 0;
    bool hasValue = false;
    QString value;
};

/** An event waiting in a lane's reordering buffer, with the hits it brings. */
struct Pending {
    qint64 timeNs = 0;
    qint64 order = 0;
    EventList events;
    std::vector<NodeInput> inputs; // by node, in topological order
};

/** Events in time order with their own correlation state (see CorrelationEngine: lanes). */
struct Lane {
    std::vector<NodeState> nodes;
    std::vector<Pending> heap; // min-heap on (time, order)
    qint64 maxSeenNs = std::numeric_limits<qint64>::min();
    bool seen = false;
    quint64 lastUse = 0;
};

} // namespace detail

using namespace detail;

namespace {

constexpr qint64 kMin = std::numeric_limits<qint64>::min();

bool pendingAfter(const Pending& a, const Pending& b)
{
    return a.timeNs != b.timeNs ? a.timeNs > b.timeNs : a.order > b.order;
}

/** Text of one event field, trying each name in turn; false when missing or null. */
bool readOne(const Event& e, const QStringList& names, QString& out)
{
    for (const QString& name : names) {
        const FieldValue* v = e.fields.find(name);
        if (!v) {
            v = e.fields.findCaseInsensitive(name);
        }
        if (!v || v->isNull()) {
            continue;
        }
        if (v->isList()) {
            QStringList parts;
            for (const FieldValue& item : v->items()) {
                parts << item.text();
            }
            out = u'[' + parts.join(QStringLiteral(", ")) + u']';
        } else {
            out = v->text();
        }
        return true;
    }
    return false;
}

QStringList candidateNames(const Rule& rule, const QString& name)
{
    // The rule's log source may read the field under another name (4688: Image is
    // NewProcessName); group-by follows the same mapping as the rule's own matching.
    QStringList names{name};
    for (const SourceAlternative& alt : rule.logSourceFilter().alternatives) {
        const QString other = alt.aliases.value(name);
        if (!other.isEmpty() && !names.contains(other)) {
            names << other;
        }
    }
    return names;
}

} // namespace

QString CorrelatedEvent::sourceRef() const
{
    return source + (sourceIsRecord ? QStringLiteral("#") : QStringLiteral(":"))
        + QString::number(sourcePos);
}

CorrelationEngine::CorrelationEngine(const RuleSet& rules)
    : CorrelationEngine(rules, Options())
{
}

CorrelationEngine::CorrelationEngine(const RuleSet& rules, Options options)
    : m_options(options)
{
    QHash<const CorrelationRule*, int> index;
    auto compile = [&](const CorrelationRule& c, auto& self) -> void {
        if (index.contains(&c)) {
            return;
        }
        for (const CorrelationRef& ref : c.references()) {
            if (ref.correlation) {
                self(*ref.correlation, self);
            }
        }
        const int node = int(m_specs.size());
        index.insert(&c, node);
        auto spec = std::make_unique<NodeSpec>();
        spec->rule = &c;
        spec->type = c.type();
        spec->spanNs = c.timespanNs();
        spec->monotone = c.condition().isMonotone();
        spec->refCount = int(c.references().size());
        const bool temporal = c.type() == CorrelationType::Temporal
            || c.type() == CorrelationType::TemporalOrdered;
        spec->threshold = c.condition().smallestSatisfying(
            temporal ? spec->refCount : std::numeric_limits<qint64>::max() - 1);
        spec->groupNames.resize(c.references().size());
        spec->valueNames.resize(c.references().size());
        spec->groupIndex.resize(c.references().size());
        spec->valueIndex.resize(c.references().size());
        for (std::size_t i = 0; i < c.references().size(); ++i) {
            const CorrelationRef& ref = c.references()[i];
            for (const QString& f : c.groupBy()) {
                if (ref.rule) {
                    spec->groupNames[i].push_back(candidateNames(*ref.rule, c.fieldFor(f, i)));
                } else {
                    spec->groupIndex[i].push_back(
                        int(ref.correlation->groupBy().indexOf(c.fieldFor(f, i))));
                }
            }
            for (const QString& f : c.valueFields()) {
                if (ref.rule) {
                    spec->valueNames[i].push_back(candidateNames(*ref.rule, c.fieldFor(f, i)));
                } else {
                    spec->valueIndex[i].push_back(
                        int(ref.correlation->groupBy().indexOf(c.fieldFor(f, i))));
                }
            }
            if (ref.rule) {
                m_refsOf[ref.rule].push_back({node, int(i)});
            } else {
                m_specs[std::size_t(index.value(ref.correlation))]->outers.push_back(
                    {node, int(i)});
            }
        }
        m_specs.push_back(std::move(spec));
    };
    for (const auto& c : rules.correlations()) {
        compile(*c, compile);
    }
    // `generate: false` (the default) silences a referenced rule unless some correlation
    // using it asks for its alerts.
    for (auto it = m_refsOf.cbegin(); it != m_refsOf.cend(); ++it) {
        const bool generated = std::any_of(it->begin(), it->end(), [this](const auto& np) {
            return m_specs[std::size_t(np.first)]->rule->generate();
        });
        if (!generated) {
            m_silent.insert(it.key());
        }
    }
    qint64 longest = 0;
    for (const auto& spec : m_specs) {
        if (!spec->outers.empty()) {
            spec->alertsOnItsOwn =
                std::any_of(spec->outers.begin(), spec->outers.end(), [this](const auto& np) {
                    return m_specs[std::size_t(np.first)]->rule->generate();
                });
        }
        longest = std::max(longest, spec->spanNs);
    }
    if (m_options.latenessNs < 0) {
        m_options.latenessNs = longest;
    }
    m_options.maxLanes = std::max(1, m_options.maxLanes);
    m_lanes.push_back(newLane());
}

CorrelationEngine::~CorrelationEngine() = default;

std::unique_ptr<Lane> CorrelationEngine::newLane() const
{
    auto lane = std::make_unique<Lane>();
    lane->nodes.reserve(m_specs.size());
    for (const auto& spec : m_specs) {
        lane->nodes.emplace_back(*spec);
    }
    return lane;
}

void CorrelationEngine::add(const Event& event, const std::vector<const Rule*>& matched,
                            std::vector<CorrelationAlert>& out)
{
    if (m_specs.empty() || matched.empty()) {
        return;
    }
    std::vector<NodeInput> inputs;
    for (const Rule* rule : matched) {
        const auto refs = m_refsOf.constFind(rule);
        if (refs == m_refsOf.cend()) {
            continue;
        }
        for (const auto& [node, pos] : *refs) {
            const NodeSpec& spec = *m_specs[std::size_t(node)];
            NodeInput in;
            in.node = node;
            in.mask = quint64(1) << pos;
            bool ok = true;
            QStringList values;
            for (const QStringList& names : spec.groupNames[std::size_t(pos)]) {
                QString v;
                ok = ok && readOne(event, names, v);
                values << v;
            }
            if (!ok) {
                ++m_stats.missingGroup;
                continue;
            }
            in.key = tupleKey(values);
            if (spec.type == CorrelationType::ValueCount) {
                QStringList vs;
                for (const QStringList& names : spec.valueNames[std::size_t(pos)]) {
                    QString v;
                    in.hasValue = readOne(event, names, v);
                    if (!in.hasValue) {
                        break;
                    }
                    vs << v;
                }
                if (!in.hasValue) {
                    ++m_stats.missingValue;
                    continue;
                }
                in.value = tupleKey(vs);
            }
            auto same = std::find_if(inputs.begin(), inputs.end(), [&in](const NodeInput& x) {
                return x.node == in.node && x.key == in.key;
            });
            if (same != inputs.end()) {
                same->mask |= in.mask;
            } else {
                inputs.push_back(std::move(in));
            }
        }
    }
    if (inputs.empty()) {
        return;
    }
    ++m_stats.eventsIn;
    std::stable_sort(inputs.begin(), inputs.end(),
                     [](const NodeInput& a, const NodeInput& b) { return a.node < b.node; });
    CorrelatedEvent ce;
    ce.eventId = event.id;
    ce.order = event.id > 0 ? event.id : ++m_arrival;
    ce.timeNs = event.timeNs;
    ce.timeDigits = event.timeDigits;
    ce.host = event.host;
    ce.source = event.source;
    ce.sourcePos = event.sourcePos;
    ce.sourceIsRecord = event.sourceIsRecord;
    Pending p;
    p.timeNs = event.timeNs;
    p.order = ce.order;
    p.events = std::make_shared<const std::vector<CorrelatedEvent>>(1, std::move(ce));
    p.inputs = std::move(inputs);
    Lane& lane = route(p.timeNs, out);
    lane.heap.push_back(std::move(p));
    std::push_heap(lane.heap.begin(), lane.heap.end(), pendingAfter);
    lane.maxSeenNs = std::max(lane.maxSeenNs, event.timeNs);
    lane.seen = true;
    lane.lastUse = ++m_use;
    release(lane, false, out);
}

namespace {

qint64 watermark(const Lane& lane, qint64 lateness)
{
    if (!lane.seen) {
        return kMin;
    }
    return lane.maxSeenNs < kMin + lateness ? kMin : lane.maxSeenNs - lateness;
}

} // namespace

Lane& CorrelationEngine::route(qint64 timeNs, std::vector<CorrelationAlert>& out)
{
    Lane* best = nullptr;
    for (const auto& lane : m_lanes) {
        const qint64 w = watermark(*lane, m_options.latenessNs);
        if (timeNs >= w && (!best || w > watermark(*best, m_options.latenessNs))) {
            best = lane.get();
        }
    }
    if (best) {
        return *best;
    }
    // Later than the allowance for every lane: correlate it in a lane of its own.
    ++m_stats.extraLanes;
    if (int(m_lanes.size()) < m_options.maxLanes) {
        m_lanes.push_back(newLane());
        return *m_lanes.back();
    }
    auto lru = std::min_element(m_lanes.begin(), m_lanes.end(), [](const auto& a, const auto& b) {
        return a->lastUse < b->lastUse;
    });
    finishLane(**lru, out);
    return **lru;
}

void CorrelationEngine::release(Lane& lane, bool all, std::vector<CorrelationAlert>& out)
{
    const qint64 w = watermark(lane, m_options.latenessNs);
    while (!lane.heap.empty() && (all || lane.heap.front().timeNs < w)) {
        std::pop_heap(lane.heap.begin(), lane.heap.end(), pendingAfter);
        Pending p = std::move(lane.heap.back());
        lane.heap.pop_back();
        process(lane, p, out);
    }
}

void CorrelationEngine::process(Lane& lane, Pending& p, std::vector<CorrelationAlert>& out)
{
    struct Chained {
        int node;
        QString key;
        Item item;
    };
    std::vector<Chained> chained;
    std::vector<CorrelationAlert> produced;
    auto dispatch = [&](int node) {
        const NodeSpec& spec = *m_specs[std::size_t(node)];
        for (CorrelationAlert& a : produced) {
            ++m_stats.alerts;
            if (!spec.outers.empty()) {
                auto events = std::make_shared<const std::vector<CorrelatedEvent>>(a.events);
                for (const auto& [outer, pos] : spec.outers) {
                    const NodeSpec& o = *m_specs[std::size_t(outer)];
                    QStringList values;
                    for (const int gi : o.groupIndex[std::size_t(pos)]) {
                        values << a.groupValues.value(gi);
                    }
                    QStringList vs;
                    for (const int vi : o.valueIndex[std::size_t(pos)]) {
                        vs << a.groupValues.value(vi);
                    }
                    Chained c{outer, tupleKey(values), {}};
                    c.item = {a.completing().timeNs, a.completing().order, quint64(1) << pos,
                              !vs.isEmpty(), tupleKey(vs), events};
                    chained.push_back(std::move(c));
                }
            }
            if (spec.alertsOnItsOwn) {
                out.push_back(std::move(a));
            }
        }
        produced.clear();
    };
    auto input = p.inputs.begin();
    for (int node = 0; node < int(m_specs.size()); ++node) {
        NodeState& state = lane.nodes[std::size_t(node)];
        state.advance(p.timeNs, produced);
        dispatch(node);
        for (; input != p.inputs.end() && input->node == node; ++input) {
            Item item{p.timeNs, p.order, input->mask, input->hasValue, input->value, p.events};
            state.add(input->key, std::move(item), produced);
            dispatch(node);
        }
        for (std::size_t i = 0; i < chained.size(); ++i) {
            if (chained[i].node == node) {
                Chained c = std::move(chained[i]);
                state.add(c.key, std::move(c.item), produced);
                dispatch(node);
            }
        }
    }
}

void CorrelationEngine::finishLane(Lane& lane, std::vector<CorrelationAlert>& out)
{
    release(lane, true, out);
    for (std::size_t node = 0; node < lane.nodes.size(); ++node) {
        std::vector<CorrelationAlert> produced;
        lane.nodes[node].closeAll(produced);
        // Only gt/gte correlations feed others, and those raise nothing when closing.
        for (CorrelationAlert& a : produced) {
            ++m_stats.alerts;
            if (m_specs[node]->alertsOnItsOwn) {
                out.push_back(std::move(a));
            }
        }
    }
    lane.heap.clear();
    lane.maxSeenNs = kMin;
    lane.seen = false;
}

void CorrelationEngine::finish(std::vector<CorrelationAlert>& out)
{
    std::vector<Lane*> order;
    for (const auto& lane : m_lanes) {
        order.push_back(lane.get());
    }
    std::sort(order.begin(), order.end(), [this](const Lane* a, const Lane* b) {
        return watermark(*a, m_options.latenessNs) < watermark(*b, m_options.latenessNs);
    });
    for (Lane* lane : order) {
        finishLane(*lane, out);
    }
    m_lanes.clear();
    m_lanes.push_back(newLane());
}

CorrelationStats CorrelationEngine::stats() const
{
    CorrelationStats s = m_stats;
    s.liveGroups = 0;
    s.buffered = 0;
    s.liveItems = 0;
    for (const auto& lane : m_lanes) {
        s.buffered += lane->heap.size();
        for (const NodeState& n : lane->nodes) {
            s.liveGroups += n.groupCount();
            s.liveItems += n.itemCount();
        }
    }
    return s;
}

} // namespace vigil::sigma
