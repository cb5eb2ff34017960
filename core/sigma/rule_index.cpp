#include "sigma/rule_index.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <set>

#include "model/field_value.h"
#include "sigma/detection.h"
#include "sigma/log_source_map.h"
#include "sigma/match_context.h"
#include "sigma/match_index.h"

using namespace Qt::StringLiterals;

namespace vigil::sigma::detail {

namespace {

const QString kChannel = u"Channel"_s;
const QString kEventId = u"EventID"_s;

/** Which buckets one log-source alternative can hold in. */
struct AltKey {
    bool global = false; // no channel condition: any event
    std::vector<QString> channels;
    bool anyId = false; // the channel with any event id
    std::vector<qint64> ids;
};

AltKey keyOf(const SourceAlternative& alt)
{
    AltKey key;
    const SourceCondition* channel = nullptr;
    const SourceCondition* eventId = nullptr;
    for (const SourceCondition& c : alt.where) {
        // With several conditions on one field all must hold; the first one is necessary.
        if (!channel && c.field == kChannel) {
            channel = &c;
        } else if (!eventId && c.field == kEventId) {
            eventId = &c;
        }
    }
    // A channel written as a YAML integer would also match numerically: not worth a key.
    if (!channel || !channel->integers.empty() || channel->folded.empty()) {
        key.global = true;
        return key;
    }
    key.channels = channel->folded;
    if (!eventId) {
        key.anyId = true;
        return key;
    }
    key.ids = eventId->integers;
    for (const QString& text : eventId->folded) {
        // Text equal to the event's folded value: the event's value then reads as this number
        // too (folding leaves digits, signs and spaces alone), so the numeric key is exact.
        bool ok = false;
        const qint64 n = QStringView(text).toLongLong(&ok, 10);
        if (!ok) {
            key.ids.clear();
            key.anyId = true;
            return key;
        }
        key.ids.push_back(n);
    }
    return key;
}

bool covers(const AltKey& key, const QString* channel, qint64 id, bool haveId)
{
    if (key.global) {
        return true;
    }
    if (!channel || std::find(key.channels.begin(), key.channels.end(), *channel)
                         == key.channels.end()) {
        return false;
    }
    return key.anyId || (haveId && std::find(key.ids.begin(), key.ids.end(), id) != key.ids.end());
}

} // namespace

void RuleIndex::build(const std::vector<RuleInput>& rules, MatchIndex& names)
{
    m_buckets.clear();
    m_channels.clear();
    m_stats = {};
    m_ruleCount = rules.size();
    m_channelField = names.fieldId(kChannel);
    m_eventIdField = names.fieldId(kEventId);

    std::vector<std::vector<AltKey>> keys(rules.size());
    std::vector<int> live; // rules that can match at all
    std::map<QString, std::set<qint64>> channelIds;
    for (std::size_t r = 0; r < rules.size(); ++r) {
        const LogSourceFilter& f = *rules[r].filter;
        if (f.inert) {
            continue;
        }
        live.push_back(int(r));
        if (!rules[r].detection->hasRequirement) {
            ++m_stats.rulesWithoutRequirement;
        }
        if (!f.restricted || f.alternatives.empty()) {
            keys[r].push_back(AltKey{true, {}, false, {}});
            continue;
        }
        for (const SourceAlternative& alt : f.alternatives) {
            AltKey key = keyOf(alt);
            for (const QString& c : key.channels) {
                auto& ids = channelIds[c];
                ids.insert(key.ids.begin(), key.ids.end());
            }
            keys[r].push_back(std::move(key));
        }
    }

    auto makeBucket = [&](const QString* channel, qint64 id, bool haveId) {
        std::vector<int> members;
        std::vector<std::vector<int>> alternatives;
        for (const int r : live) {
            std::vector<int> alts;
            for (std::size_t a = 0; a < keys[std::size_t(r)].size(); ++a) {
                if (covers(keys[std::size_t(r)][a], channel, id, haveId)) {
                    alts.push_back(int(a));
                }
            }
            if (!alts.empty()) {
                members.push_back(r);
                alternatives.push_back(std::move(alts));
            }
        }
        m_buckets.emplace_back();
        fillBucket(m_buckets.back(), members, alternatives, rules, names);
        return int(m_buckets.size() - 1);
    };
    m_global = makeBucket(nullptr, 0, false);
    for (const auto& [channel, ids] : channelIds) {
        Channel entry;
        entry.anyId = makeBucket(&channel, 0, false);
        for (const qint64 id : ids) {
            entry.byId.emplace(id, makeBucket(&channel, id, true));
        }
        m_channels.insert(channel, std::move(entry));
    }
    m_stats.buckets = int(m_buckets.size());
}

void RuleIndex::fillBucket(Bucket& bucket, const std::vector<int>& members,
                           const std::vector<std::vector<int>>& alternatives,
                           const std::vector<RuleInput>& rules, const MatchIndex& names)
{
    bucket.ruleCount = int(members.size());
    const int keywordId = names.keywordFieldIdIfAny();
    for (std::size_t m = 0; m < members.size(); ++m) {
        const int r = members[m];
        const RuleInput& in = rules[std::size_t(r)];
        // The aliases the rule reads with in this bucket: only usable when every alternative
        // that can hold here renames the same way.
        static const QHash<QString, QString> kNone;
        const QHash<QString, QString>* aliases = nullptr;
        bool ambiguous = false;
        for (const int a : alternatives[m]) {
            const auto& alts = in.filter->alternatives;
            const QHash<QString, QString>* these = in.filter->restricted
                    && std::size_t(a) < alts.size()
                ? &alts[std::size_t(a)].aliases
                : &kNone;
            if (aliases && *aliases != *these) {
                ambiguous = true;
            }
            aliases = these;
        }
        if (ambiguous || !in.detection->hasRequirement) {
            bucket.always.push_back(r);
            continue;
        }
        for (const LiteralRequirement& req : in.detection->requirement) {
            const bool keyword = req.fieldId == keywordId;
            const QString alias = keyword || !aliases
                ? QString()
                : aliases->value(names.fieldName(req.fieldId));
            auto unit = std::find_if(bucket.units.begin(), bucket.units.end(),
                                     [&](const ScanUnit& u) {
                                         return u.fieldId == req.fieldId && u.alias == alias;
                                     });
            if (unit == bucket.units.end()) {
                bucket.units.emplace_back();
                unit = bucket.units.end() - 1;
                unit->fieldId = req.fieldId;
                unit->alias = alias;
                unit->keyword = keyword;
            }
            if (unit->postings.size() <= std::size_t(req.literal)) {
                unit->postings.resize(std::size_t(req.literal) + 1);
            }
            unit->postings[std::size_t(req.literal)].emplace_back(r, req.mask);
            if (unit->allRules.empty() || unit->allRules.back() != r) {
                unit->allRules.push_back(r);
            }
            ++m_stats.postings;
        }
    }
}

const RuleIndex::Bucket& RuleIndex::bucketFor(MatchContext& ctx) const
{
    const Bucket& global = m_buckets[std::size_t(m_global)];
    const int channel = ctx.resolveId(m_channelField);
    if (channel < 0 || m_channels.isEmpty()) {
        return global;
    }
    const FieldValue& cv = ctx.value(channel);
    if (cv.isNull() || cv.isList()) {
        return global;
    }
    const auto entry = m_channels.constFind(ctx.folded(channel));
    if (entry == m_channels.cend()) {
        return global;
    }
    // The same reading of the event id as SourceCondition::test().
    const int idIndex = ctx.resolveId(m_eventIdField);
    if (idIndex >= 0) {
        const FieldValue& v = ctx.value(idIndex);
        bool ok = v.type() == FieldValue::Type::Int;
        qint64 n = v.toInt();
        if (v.type() == FieldValue::Type::String) {
            n = QStringView(v.text()).toLongLong(&ok, 10);
        }
        if (ok) {
            const auto it = entry->byId.find(n);
            if (it != entry->byId.end()) {
                return m_buckets[std::size_t(it->second)];
            }
        }
    }
    return m_buckets[std::size_t(entry->anyId)];
}

void RuleIndex::candidates(MatchContext& ctx, std::vector<int>& out, Scratch& scratch) const
{
    const Bucket& bucket = bucketFor(ctx);
    out.clear();
    std::vector<int>& marked = scratch.marked;
    marked.clear();
    if (scratch.marks.size() < m_ruleCount) {
        scratch.marks.assign(m_ruleCount, 0);
        scratch.generation = 0;
    }
    if (++scratch.generation == 0) {
        std::fill(scratch.marks.begin(), scratch.marks.end(), 0);
        scratch.generation = 1;
    }
    auto mark = [&](int rule) {
        if (scratch.marks[std::size_t(rule)] != scratch.generation) {
            scratch.marks[std::size_t(rule)] = scratch.generation;
            marked.push_back(rule);
        }
    };
    for (const ScanUnit& unit : bucket.units) {
        const quint8* flags = nullptr;
        if (unit.keyword) {
            flags = ctx.keywordScan(unit.fieldId);
        } else {
            int index = unit.alias.isEmpty() ? -1 : ctx.resolveCached(unit.alias);
            if (index < 0) {
                index = ctx.resolveId(unit.fieldId);
            }
            if (index < 0) {
                continue;
            }
            const FieldValue& v = ctx.value(index);
            if (v.isNull()) {
                continue;
            }
            if (v.isList()) {
                // Elements are matched one by one later; every rule on this field stays in.
                for (const int rule : unit.allRules) {
                    mark(rule);
                }
                continue;
            }
            flags = ctx.literalScan(unit.fieldId, index);
        }
        for (const int lit : ctx.literalHits(unit.fieldId)) {
            if (std::size_t(lit) >= unit.postings.size()) {
                continue;
            }
            for (const auto& [rule, mask] : unit.postings[std::size_t(lit)]) {
                if (flags[lit] & mask) {
                    mark(rule);
                }
            }
        }
    }
    std::sort(marked.begin(), marked.end());
    out.reserve(bucket.always.size() + marked.size());
    std::merge(bucket.always.begin(), bucket.always.end(), marked.begin(), marked.end(),
               std::back_inserter(out));
}

} // namespace vigil::sigma::detail
