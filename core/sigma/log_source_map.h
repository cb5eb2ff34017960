#pragma once

#include <memory>
#include <vector>

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

#include "util/result.h"

namespace vigil::sigma {

namespace detail {

class MatchContext;

/** @brief `field ∈ values` on an event (strings case-insensitive, integers numerically). */
struct SourceCondition {
    QString field;
    std::vector<QString> folded;  // string values, case-folded
    std::vector<qint64> integers; // integer values

    bool test(MatchContext& ctx) const;
};

/** @brief One way an event can belong to a log source: all conditions hold. */
struct SourceAlternative {
    std::vector<SourceCondition> where;
    QHash<QString, QString> aliases; // rule field -> field name in these events
};

/**
 * @brief The compiled log-source filter of a rule: a product predicate and alternatives
 * (category × service). Immutable; shared by all rules with the same log source.
 */
class LogSourceFilter {
public:
    QString key;
    QStringList requiredFields; // product: all must be present
    QStringList formatPrefixes; // product: Event::format starts with one of them
    bool restricted = false;    // false: no alternative to check
    bool inert = false;         // a source Vigil does not collect: the rule matches nothing
    std::vector<SourceAlternative> alternatives;

    /** @brief -1 when the event is not of this source, else the alternative that holds. */
    int test(MatchContext& ctx) const;
    /** @brief True when any alternative carries field aliases. */
    bool hasAliases() const;
};

} // namespace detail

/**
 * @brief Maps Sigma log sources (product, category, service) to event predicates.
 *
 * Read from YAML (the built-in one is `:/sigma/logsources.yml`, which documents the format).
 * Immutable once parsed and safe to share between threads.
 */
class LogSourceMap {
public:
    /** @brief Parses a mapping; errors carry @p origin and the 1-based line and column. */
    static Result<std::shared_ptr<const LogSourceMap>> parse(const QString& yaml,
                                                             const QString& origin);
    /** @brief The built-in mapping, read once from the Qt resource. */
    static Result<std::shared_ptr<const LogSourceMap>> builtin();

    /**
     * @brief The filter for a rule's log source.
     *
     * A term the mapping knows restricts the rule to its events. A term listed under
     * `not_collected` — or a category or service without a mapping under a product Vigil knows —
     * makes the rule inert: it loads, but matches nothing until such events can be collected
     * (a Zeek or AWS rule would otherwise fire on unrelated syslog lines). A term Vigil does not
     * know at all (a custom product) does not restrict the rule. Both add a sentence to
     * @p warnings.
     */
    std::shared_ptr<detail::LogSourceFilter> filterFor(const QString& product,
                                                       const QString& category,
                                                       const QString& service,
                                                       QStringList* warnings) const;

private:
    struct Product {
        QStringList requiredFields;
        QStringList formatPrefixes;
    };
    struct Entry {
        QStringList names; // lower case
        QString product;   // lower case; empty = any product
        std::vector<detail::SourceAlternative> sources;
    };
    friend class LogSourceMapParser;

    /** @brief Appends the sources of every entry for @p name; false when there is none. */
    static bool lookup(const std::vector<Entry>& entries, const QString& name,
                       const QString& product, std::vector<detail::SourceAlternative>& out);

    QHash<QString, Product> m_products;
    QSet<QString> m_notCollectedProducts;
    QSet<QString> m_notCollectedCategories;
    QSet<QString> m_notCollectedServices;
    std::vector<Entry> m_categories;
    std::vector<Entry> m_services;
};

} // namespace vigil::sigma
