#pragma once

#include <vector>

#include <QString>
#include <QStringList>

#include "util/result.h"

namespace vigil {

class Database;

/** @brief A Sigma rule kept in the database's rule library. */
struct RuleRecord {
    QString uid;
    QString title;
    QString level;
    QString status;
    QString path;
    QString yaml;
    bool enabled = true;
    qint64 addedNs = 0;
    qint64 updatedNs = 0;
    QString notes;         ///< the engine's remarks, one per line
    bool canMatch = true;  ///< false: its log source is not collected, it matches nothing
};

/** @brief A rule file problem remembered for the Rules view. */
struct RuleIssueRecord {
    QString file;
    int line = 0;
    int column = 0;
    QString ruleId;
    QString title;
    QString message;
    bool unsupported = false;
};

/**
 * @brief The rules a database knows: added by imports, hunts and the Rules view.
 *
 * A rule is identified by its uid; adding it again updates its text and keeps the enabled flag.
 */
class RuleLibrary {
public:
    /** @brief Adds or updates rules in one transaction; returns how many were new. */
    static Result<int> upsert(Database& db, const std::vector<RuleRecord>& rules);
    static Result<std::vector<RuleRecord>> list(Database& db, bool enabledOnly = false);
    static Result<void> setEnabled(Database& db, const QString& uid, bool enabled);
    /**
     * @brief Replaces the recorded load issues of the given files (and of files under the given
     * folders) with @p issues.
     */
    static Result<void> recordIssues(Database& db, const QStringList& files,
                                     const std::vector<RuleIssueRecord>& issues);
    static Result<std::vector<RuleIssueRecord>> issues(Database& db);
};

} // namespace vigil
