#include "triage/grouping.h"

#include <QRegularExpression>

#include "storage/database.h"
#include "storage/journal.h"
#include "triage/alert_subject.h"
#include "util/json.h"
#include "util/timestamp.h"

namespace vigil {

namespace {

constexpr qint64 kMaxWindowNs = 30LL * 86400 * kNsPerSecond;

} // namespace

std::optional<GroupingKey> GroupingKey::parse(QStringView text, QString* why)
{
    const QStringView t = text.trimmed();
    GroupingKey key;
    if (t == u"host") {
        key.kind = Kind::Host;
    } else if (t == u"user") {
        key.kind = Kind::User;
    } else if (t == u"src_ip") {
        key.kind = Kind::SrcIp;
    } else if (t.startsWith(u"field:")) {
        key.kind = Kind::Field;
        key.field = t.mid(6).trimmed().toString();
        if (key.field.isEmpty()) {
            if (why) {
                *why = QStringLiteral("\"field:\" needs a field name (field:TargetUserName)");
            }
            return std::nullopt;
        }
    } else {
        if (why) {
            *why = QStringLiteral("\"%1\" is not a grouping key; use host, user, src_ip or "
                                  "field:NAME")
                       .arg(t.toString());
        }
        return std::nullopt;
    }
    return key;
}

QString GroupingKey::code() const
{
    switch (kind) {
    case Kind::Host:
        return QStringLiteral("host");
    case Kind::User:
        return QStringLiteral("user");
    case Kind::SrcIp:
        return QStringLiteral("src_ip");
    case Kind::Field:
        return QStringLiteral("field:") + field;
    }
    return {};
}

QString GroupingKey::valueIn(const AlertSubject& subject) const
{
    switch (kind) {
    case Kind::Host:
        return subject.host;
    case Kind::User:
        return subject.common.text(u"user");
    case Kind::SrcIp:
        return subject.common.text(u"src_ip");
    case Kind::Field:
        return subject.value(field);
    }
    return {};
}

Result<std::map<QString, GroupingSetting>> RuleGrouping::loadAll(Database& db)
{
    auto s = db.prepare(u"SELECT rule_uid, key, window_ns FROM rule_grouping");
    if (!s) {
        return s.error();
    }
    std::map<QString, GroupingSetting> out;
    while (true) {
        auto row = s->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            return out;
        }
        GroupingSetting g;
        g.ruleUid = s->text(0);
        QString why;
        auto key = GroupingKey::parse(s->text(1), &why);
        if (!key) {
            // Only Vigil writes this table; a bad row is damage, and silently grouping by host
            // instead would hide it.
            return makeError(ErrorCode::Schema, QStringLiteral("grouping of rule %1: %2")
                                                    .arg(g.ruleUid, why));
        }
        g.key = *key;
        g.windowNs = s->int64(2);
        g.stored = true;
        out.emplace(g.ruleUid, g);
    }
}

Result<GroupingSetting> RuleGrouping::load(Database& db, const QString& ruleUid,
                                           qint64 defaultWindowNs)
{
    auto all = loadAll(db);
    if (!all) {
        return all.error();
    }
    const auto it = all->find(ruleUid);
    if (it != all->end()) {
        return it->second;
    }
    GroupingSetting g;
    g.ruleUid = ruleUid;
    g.windowNs = defaultWindowNs;
    return g;
}

Result<void> RuleGrouping::save(Database& db, const GroupingSetting& setting,
                                const QString& actor)
{
    if (setting.windowNs < kNsPerSecond || setting.windowNs > kMaxWindowNs) {
        return makeError(ErrorCode::Usage,
                         QStringLiteral("a grouping window runs from 1s to 30d, not %1")
                             .arg(durationText(setting.windowNs)));
    }
    Transaction tx(db);
    if (!tx.begun()) {
        return tx.begun().error();
    }
    auto before = load(db, setting.ruleUid, 0);
    if (!before) {
        return before.error();
    }
    auto s = db.prepare(u"INSERT INTO rule_grouping (rule_uid, key, window_ns, updated_ns, "
                        u"updated_by) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (rule_uid) DO "
                        u"UPDATE SET key = ?2, window_ns = ?3, updated_ns = ?4, updated_by = ?5");
    if (!s) {
        return s.error();
    }
    const qint64 now = nowNs();
    s->bind(1, setting.ruleUid);
    s->bind(2, setting.key.code());
    s->bind(3, setting.windowNs);
    s->bind(4, now);
    s->bind(5, actor);
    if (auto r = s->run(); !r) {
        return r;
    }
    JsonObjectWriter details;
    details.add(u"rule_uid", setting.ruleUid);
    if (before->stored) {
        details.add(u"from_key", before->key.code())
            .add(u"from_window", durationText(before->windowNs));
    }
    details.add(u"key", setting.key.code()).add(u"window", durationText(setting.windowNs));
    JournalEntry e;
    e.actor = actor;
    e.objectType = QStringLiteral("rule");
    e.objectId = 0;
    e.action = QStringLiteral("grouping");
    e.details = details.finish();
    e.writtenNs = now;
    if (auto r = Journal::append(db, e); !r) {
        return r;
    }
    return tx.commit();
}

namespace {

// "; titles containing it: A (id), B (id)" for rules whose title holds @p text, or nothing.
QString similarTitles(Database& db, const QString& text)
{
    constexpr int kShown = 5;
    auto s = db.prepare(u"SELECT uid, title FROM rules WHERE instr(lower(title), lower(?1)) > 0 "
                        u"ORDER BY title LIMIT ?2");
    if (!s || text.trimmed().isEmpty()) {
        return {};
    }
    s->bind(1, text.trimmed());
    s->bind(2, kShown + 1);
    QStringList found;
    while (true) {
        auto row = s->step();
        if (!row || !*row) {
            break;
        }
        found << QStringLiteral("\"%1\" (%2)").arg(s->text(1), s->text(0));
    }
    if (found.isEmpty()) {
        return {};
    }
    const bool more = found.size() > kShown;
    if (more) {
        found.removeLast();
    }
    return QStringLiteral("; titles containing it: ") + found.join(QStringLiteral(", "))
           + (more ? QStringLiteral(", …") : QString());
}

} // namespace

Result<QString> RuleGrouping::resolveRule(Database& db, const QString& text)
{
    auto s = db.prepare(u"SELECT uid FROM (SELECT uid, title FROM rules UNION "
                        u"SELECT DISTINCT rule_uid, rule_title FROM alerts) "
                        u"WHERE uid = ?1 OR lower(title) = lower(?1) "
                        u"GROUP BY uid ORDER BY uid = ?1 DESC");
    if (!s) {
        return s.error();
    }
    s->bind(1, text.trimmed());
    QStringList uids;
    while (true) {
        auto row = s->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            break;
        }
        uids << s->text(0);
    }
    if (uids.isEmpty()) {
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("no rule \"%1\" in this store (give its id or whole "
                                        "title)%2")
                             .arg(text, similarTitles(db, text)));
    }
    if (uids.size() > 1 && uids.first() != text.trimmed()) {
        return makeError(ErrorCode::Usage,
                         QStringLiteral("%1 rules are titled \"%2\"; give the id of one: %3")
                             .arg(uids.size())
                             .arg(text, uids.join(QStringLiteral(", "))));
    }
    return uids.first();
}

std::optional<qint64> parseDurationNs(QStringView text)
{
    static const QRegularExpression re(QStringLiteral("^(\\d{1,7})\\s*([smhdw])$"),
                                       QRegularExpression::CaseInsensitiveOption);
    const auto m = re.match(text.trimmed().toString());
    if (!m.hasMatch()) {
        return std::nullopt;
    }
    const qint64 n = m.capturedView(1).toLongLong();
    const QChar unit = m.capturedView(2).at(0).toLower();
    const qint64 seconds = unit == u's' ? 1
                           : unit == u'm' ? 60
                           : unit == u'h' ? 3600
                           : unit == u'd' ? 86400
                                          : 7 * 86400;
    return n * seconds * kNsPerSecond;
}

QString durationText(qint64 ns)
{
    const qint64 seconds = ns / kNsPerSecond;
    if (seconds > 0 && ns % kNsPerSecond == 0) {
        for (const auto& [unit, size] :
             {std::pair{u'w', 7 * 86400LL}, std::pair{u'd', 86400LL}, std::pair{u'h', 3600LL},
              std::pair{u'm', 60LL}}) {
            if (seconds % size == 0) {
                return QString::number(seconds / size) + QChar(unit);
            }
        }
    }
    return QString::number(seconds) + u's';
}

} // namespace vigil
