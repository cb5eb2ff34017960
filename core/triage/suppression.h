#pragma once

#include <atomic>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include <QString>
#include <QStringList>

#include "util/result.h"

namespace vigil {

class Database;
struct AlertSubject;

/**
 * @brief An exception: alerts of one rule whose event holds all the given field values are
 * suppressed until the expiry. Suppressed alerts are stored and counted (status Suppressed,
 * with the suppression's id) but form no incident.
 */
struct Suppression {
    qint64 id = 0;
    QString ruleUid;
    std::vector<std::pair<QString, QString>> fields; ///< name = value, all must match
    qint64 expiresNs = 0;
    QString reason;
    qint64 previewCount = 0; ///< past alerts it would have hidden when it was saved
    qint64 createdNs = 0;
    QString createdBy;
    qint64 suppressedCount = 0; ///< alerts it has suppressed since (listings only)
    QString ruleTitle;          ///< the rule's title when the store knows it (listings only)
    qint64 endedNs = 0;         ///< when it was ended before its expiry; 0 if it was not
    QString endedBy;
    QString endReason;

    /** @brief Whether it hides new alerts at @p nowNs: not expired and not ended early. */
    bool isActive(qint64 nowNs) const { return endedNs == 0 && expiresNs > nowNs; }
    /** @brief "active", "expired" or "ended" (ended before its expiry). */
    QString stateCode(qint64 nowNs) const;
    /**
     * @brief Whether every field value matches the event (AlertSubject::value; values compare
     * whole, ignoring case, as Sigma compares strings).
     */
    bool matches(const AlertSubject& subject) const;
    /** @brief "name=value, name=value" for listings. */
    QString fieldsText() const;
    /**
     * @brief Names given an empty value: they match events without the field too, which is
     * wider than it looks (an unset shell variable, say), so front ends point it out.
     */
    QStringList emptyValueNames() const;

    /**
     * @brief Reads "name=value" pairs; the name is trimmed, the value kept as written (it may
     * be empty, matching an absent or empty field). Sets @p why on failure.
     */
    static std::optional<std::vector<std::pair<QString, QString>>>
    parseFields(const QStringList& pairs, QString* why);
};

/** @brief What a suppression would have hidden among the stored alerts of its rule. */
struct SuppressionPreview {
    qint64 matched = 0;    ///< alerts of the rule whose event matches
    qint64 ruleAlerts = 0; ///< all stored alerts of the rule
    bool cancelled = false;
};

/** @brief Stores, lists and previews suppressions (table suppressions). */
class Suppressions {
public:
    /**
     * @brief Counts the stored alerts of @p s's rule that it would have hidden. Reads only;
     * safe on a reader connection off the GUI thread; stops early when @p cancel is set.
     */
    static Result<SuppressionPreview> preview(Database& db, const Suppression& s,
                                              const std::atomic<bool>* cancel = nullptr);
    /**
     * @brief Saves @p s (own transaction) after checking it (a rule, at least one field, an
     * expiry in the future) with its preview count, journalled ("created", object type
     * "suppression"); returns its id. Alerts already stored keep their status. @p counted is
     * the preview the analyst saw (counted off the GUI thread); without it the preview is
     * counted here.
     */
    static Result<qint64> add(Database& db, Suppression s, const QString& actor,
                              const SuppressionPreview* counted = nullptr);
    /**
     * @brief Ends active suppression @p id now, before its expiry (own transaction): it keeps
     * its expiry and records when, by whom and why it was ended, and hides no alert from now
     * on; journalled ("ended"). Alerts it already suppressed keep their status. Fails with
     * NotFound for an unknown id and Usage for one already expired or ended.
     */
    static Result<void> end(Database& db, qint64 id, const QString& actor,
                            const QString& reason);
    /** @brief Every suppression, newest first, with how many alerts each has suppressed. */
    static Result<std::vector<Suppression>> list(Database& db);
    /** @brief The suppressions active at @p nowNs, by rule uid. */
    static Result<std::map<QString, std::vector<Suppression>>> active(Database& db, qint64 nowNs);
};

} // namespace vigil
