#pragma once

#include <unordered_map>
#include <vector>

#include <QHash>
#include <QString>

namespace vigil::sigma::detail {

struct CompiledDetection;
class LogSourceFilter;
class MatchContext;
class MatchIndex;

/**
 * @brief Which rules an event can concern, and the literal prefilter of those rules.
 *
 * Rules are dispatched on the two fields Windows log sources are defined by: the `Channel`
 * (case-folded) and the `EventID`. A rule sits in the bucket of every (channel, event id) one
 * of its log-source alternatives names, in the channel's "any event id" bucket when an
 * alternative names the channel only, and in every bucket when an alternative names no channel
 * (Linux and custom sources, unrestricted rules). An event looks up its bucket with two hash
 * probes; a process-creation rule is never looked at for a registry event. The buckets are a
 * necessary condition only: the rule's LogSourceFilter still decides, so matching stays exact.
 *
 * Inside a bucket, the rules whose detection needs one of a set of literals (see
 * CompiledDetection::requirement) are found through posting lists: each field the bucket's
 * rules need is scanned once (MatchIndex automaton), and only rules with a literal hit are
 * evaluated, besides the bucket's rules without such a requirement. Field aliases of the log
 * source (Image read from NewProcessName in Security 4688) are applied to the scan, so aliased
 * rules are prefiltered too.
 *
 * Built once after loading; read-only and thread-safe while matching.
 */
class RuleIndex {
public:
    /** @brief One rule as the index sees it. */
    struct RuleInput {
        const LogSourceFilter* filter = nullptr;
        const CompiledDetection* detection = nullptr;
    };
    /** @brief Size figures (for benchmarks and reports). */
    struct Stats {
        int buckets = 0;
        int rulesWithoutRequirement = 0; ///< evaluated whenever their log source matches
        qint64 postings = 0;
    };

    /** @brief Per-thread scratch space of candidates(). */
    struct Scratch {
        std::vector<quint32> marks;
        quint32 generation = 0;
        std::vector<int> marked;
    };

    /** @brief Rebuilds the index over @p rules (index = load order), interning into @p names. */
    void build(const std::vector<RuleInput>& rules, MatchIndex& names);

    /**
     * @brief Appends to @p out, in load order, the rules that may match the event of @p ctx
     * (whose index must be set): the bucket's rules with a literal hit or without a literal
     * requirement.
     */
    void candidates(MatchContext& ctx, std::vector<int>& out, Scratch& scratch) const;

    Stats stats() const { return m_stats; }

private:
    /** Where a bucket scans: the automaton of fieldId over the event field alias (or fieldId). */
    struct ScanUnit {
        int fieldId = -1;
        QString alias;
        bool keyword = false;
        // literal -> (rule, flag mask) postings
        std::vector<std::vector<std::pair<int, quint8>>> postings;
        std::vector<int> allRules; // every rule with postings here (list-valued fields)
    };
    struct Bucket {
        std::vector<int> always; // rules evaluated without a literal hit, load order
        std::vector<ScanUnit> units;
        int ruleCount = 0;
    };
    struct Channel {
        std::unordered_map<qint64, int> byId; // event id -> bucket
        int anyId = -1;                        // bucket for other or missing event ids
    };

    const Bucket& bucketFor(MatchContext& ctx) const;
    /** Fills @p bucket with @p members; @p alternatives: the filter alternatives of each
     *  member that can hold for the bucket's events. */
    void fillBucket(Bucket& bucket, const std::vector<int>& members,
                    const std::vector<std::vector<int>>& alternatives,
                    const std::vector<RuleInput>& rules, const MatchIndex& names);

    std::vector<Bucket> m_buckets;
    QHash<QString, Channel> m_channels; // folded channel name
    int m_global = -1;                  // events without a known channel
    int m_channelField = -1;
    int m_eventIdField = -1;
    std::size_t m_ruleCount = 0;
    Stats m_stats;
};

} // namespace vigil::sigma::detail
