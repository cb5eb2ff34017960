#pragma once

#include <vector>

#include <QHash>
#include <QString>
#include <QStringList>

#include "sigma/rule.h"

namespace vigil::sigma {

class CorrelationRule;
namespace detail {
class CorrelationBuilder;
class LinkRun;
} // namespace detail

/** @brief The four correlation types of Sigma 2.1 that Vigil runs. */
enum class CorrelationType : quint8 { EventCount, ValueCount, Temporal, TemporalOrdered };

/** @brief "event_count", "value_count", "temporal" or "temporal_ordered". */
QString correlationTypeName(CorrelationType type);

/**
 * @brief A correlation condition: comparisons of the counted quantity, all of which must hold
 * (several keys are AND-ed, so `gt: 100, lte: 200` is a range; pySigma accepts one key only).
 */
class CountCondition {
public:
    enum class Op : quint8 { Gt, Gte, Lt, Lte, Eq, Neq };
    struct Term {
        Op op = Op::Gte;
        qint64 value = 0;
    };

    void add(Op op, qint64 value) { m_terms.push_back({op, value}); }
    const std::vector<Term>& terms() const { return m_terms; }
    bool isEmpty() const { return m_terms.empty(); }

    /** @brief True when @p n satisfies every term. */
    bool test(qint64 n) const;
    /**
     * @brief True when the condition only has gt/gte terms: once it holds, more events keep it
     * holding, so it is decided as soon as it is met. Any other term (lt, lte, eq, neq) can only
     * be judged when the window has closed.
     */
    bool isMonotone() const;
    /** @brief The smallest n in [1, @p maxCount] that satisfies it, or 0 when there is none. */
    qint64 smallestSatisfying(qint64 maxCount) const;
    /** @brief "gte 3", "gt 100 and lte 200". */
    QString toString() const;

private:
    std::vector<Term> m_terms;
};

/** @brief One entry of a correlation's `rules` list and what it names. */
struct CorrelationRef {
    QString name;   ///< as written: a rule's `name` or its `id`
    int line = 0;   ///< 1-based position of the entry in its file (0 = unknown)
    int column = 0;
    const Rule* rule = nullptr;                   ///< the base rule it names, or
    const CorrelationRule* correlation = nullptr; ///< the correlation it names (chaining)
};

/**
 * @brief One Sigma correlation rule (a YAML document with a `correlation:` block), created by
 * RuleSet. Immutable once the RuleSet has finished loading; holds no matching state (see
 * CorrelationEngine).
 *
 * Semantics and the choices Vigil makes where Sigma is silent are described on
 * CorrelationEngine.
 */
class CorrelationRule {
public:
    ~CorrelationRule();
    CorrelationRule(const CorrelationRule&) = delete;
    CorrelationRule& operator=(const CorrelationRule&) = delete;

    const RuleMeta& meta() const { return m_meta; }
    /** @brief The Sigma id, or "sha1:" + hex SHA-1 of the document text without one. */
    const QString& uid() const { return m_uid; }
    const QString& path() const { return m_path; }
    const QString& text() const { return m_text; }
    QStringList warnings() const { return m_warnings; }
    /** @brief False when a referenced rule can never match (its log source is not collected). */
    bool canMatch() const { return m_canMatch; }

    CorrelationType type() const { return m_type; }
    /** @brief The referenced rules, in the order of `rules` (resolved by the RuleSet). */
    const std::vector<CorrelationRef>& references() const { return m_refs; }
    /** @brief `group-by` fields (aliases included); empty = one group for all events. */
    const QStringList& groupBy() const { return m_groupBy; }
    qint64 timespanNs() const { return m_timespanNs; }
    const CountCondition& condition() const { return m_condition; }
    /** @brief value_count: the fields whose distinct values (tuples) are counted. */
    const QStringList& valueFields() const { return m_valueFields; }
    /** @brief `generate`: whether the referenced rules still alert on their own. */
    bool generate() const { return m_generate; }

    /**
     * @brief The field the events of reference @p ref carry for correlation field @p field:
     * the alias target when @p field is an alias, else @p field itself.
     */
    QString fieldFor(const QString& field, std::size_t ref) const;

private:
    friend class detail::CorrelationBuilder;
    friend class detail::LinkRun;
    CorrelationRule();

    RuleMeta m_meta;
    QString m_uid;
    QString m_path;
    QString m_text;
    QStringList m_warnings;
    int m_line = 0;   ///< 1-based line of the `correlation` block in its file
    int m_column = 0;
    bool m_canMatch = true;
    CorrelationType m_type = CorrelationType::EventCount;
    std::vector<CorrelationRef> m_refs;
    QStringList m_groupBy;
    qint64 m_timespanNs = 0;
    CountCondition m_condition;
    QStringList m_valueFields;
    bool m_generate = false;
    /// alias -> (reference as written in `aliases`, field), as read
    QHash<QString, std::vector<std::pair<QString, QString>>> m_aliasSpec;
    /// alias -> field per reference index (resolved by the RuleSet)
    QHash<QString, std::vector<QString>> m_aliases;
};

} // namespace vigil::sigma
