#pragma once

#include <vector>

#include <QByteArray>
#include <QString>
#include <QStringList>

#include "triage/incident_status.h"
#include "util/result.h"

namespace vigil {

class Database;
struct IncidentRecord;

/**
 * @brief Which incidents the queue shows: any combination of statuses, priorities, an assignee,
 * a rule, a host and free text. Empty parts match everything. Closed incidents are hidden
 * unless showClosed is set or Closed is one of the statuses asked for.
 */
struct QueueFilter {
    std::vector<IncidentStatus> statuses; ///< any of these; empty: any
    QStringList priorities;               ///< any of "P1".."P4" or "none"; empty: any
    /// exact name (ignoring case), kMe for the analyst, kUnassigned; empty: anyone
    QString assignee;
    QString rule; ///< contained in the rule's title or id (ignoring case)
    QString host; ///< contained in the host name (ignoring case)
    QString text; ///< contained in title, host, rule, assignee, status or "#id"
    bool showClosed = false;

    static constexpr QStringView kMe = u"@me";
    static constexpr QStringView kUnassigned = u"@unassigned";

    /** @brief Whether @p r passes; @p me is the analyst's name (the kMe assignee). */
    bool matches(const IncidentRecord& r, const QString& me) const;
    bool operator==(const QueueFilter& other) const = default;

    /** @brief A flat JSON object (lists as comma-separated codes). */
    QByteArray toJson() const;
    /** @brief Reads toJson() output; unknown status or priority codes are errors. */
    static Result<QueueFilter> fromJson(const QByteArray& json);
};

/**
 * @brief The queue's order, in the app and `vigil-cli queue`: open incidents first, then by
 * priority (P1 first; none after P4), severity (highest first) and latest activity.
 */
bool queueOrder(const IncidentRecord& a, const IncidentRecord& b);

/** @brief A named queue filter the analyst saved. */
struct SavedQueueView {
    QString name;
    QueueFilter filter;
};

/**
 * @brief Saved queue views in the store (table queue_views), so they travel with the case
 * files and the CLI can use them. Names are unique ignoring case. Use on the owning thread.
 */
class QueueViews {
public:
    static Result<std::vector<SavedQueueView>> list(Database& db);
    /** @brief Saves @p filter as @p name (trimmed, 1–80 characters), replacing a view so named. */
    static Result<void> save(Database& db, const QString& name, const QueueFilter& filter);
    static Result<void> remove(Database& db, const QString& name);
    static Result<QueueFilter> find(Database& db, const QString& name);
};

} // namespace vigil
