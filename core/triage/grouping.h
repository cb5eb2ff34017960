#pragma once

#include <map>
#include <optional>

#include <QString>
#include <QStringView>

#include "util/result.h"

namespace vigil {

class Database;
struct AlertSubject;

/** @brief What alerts of one rule are grouped by, besides the rule. */
struct GroupingKey {
    enum class Kind : quint8 { Host, User, SrcIp, Field };
    Kind kind = Kind::Host;
    QString field; ///< the field's name for Kind::Field

    /**
     * @brief Reads "host", "user", "src_ip" or "field:NAME"; on failure returns nothing and
     * sets @p why.
     */
    static std::optional<GroupingKey> parse(QStringView text, QString* why);
    /** @brief The stored and printed form ("host", "field:TargetUserName"). */
    QString code() const;
    /** @brief The key's value in an alert's event (empty: the event has none). */
    QString valueIn(const AlertSubject& subject) const;
    bool operator==(const GroupingKey&) const = default;
};

/** @brief How incidents of one rule are formed: by the rule plus a key, within a window. */
struct GroupingSetting {
    QString ruleUid;
    GroupingKey key;
    qint64 windowNs = 0;
    bool stored = false; ///< false: the default (rule + host, the importer's window)
};

/**
 * @brief Per-rule grouping settings (table rule_grouping). A rule without one groups by host
 * with the caller's default window, as Vigil always did.
 */
class RuleGrouping {
public:
    /** @brief Every stored setting, by rule uid. */
    static Result<std::map<QString, GroupingSetting>> loadAll(Database& db);
    /** @brief The setting of @p ruleUid, or the default with @p defaultWindowNs. */
    static Result<GroupingSetting> load(Database& db, const QString& ruleUid,
                                        qint64 defaultWindowNs);
    /**
     * @brief Stores @p setting (own transaction), journalled as a "grouping" entry of object
     * type "rule" naming the rule and the setting before and after. Windows run from one
     * second to 30 days.
     */
    static Result<void> save(Database& db, const GroupingSetting& setting, const QString& actor);
    /**
     * @brief The uid of the rule @p text names: a rule id, or a title (any case) that only one
     * rule has; rules of the library and rules that raised alerts count.
     */
    static Result<QString> resolveRule(Database& db, const QString& text);
};

/** @brief "90s", "30m", "4h", "7d", "2w" in nanoseconds; nothing for any other text. */
std::optional<qint64> parseDurationNs(QStringView text);
/** @brief The shortest exact form of @p ns in the units parseDurationNs() reads ("90m"). */
QString durationText(qint64 ns);

} // namespace vigil
