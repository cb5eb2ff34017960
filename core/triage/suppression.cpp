#include "triage/suppression.h"

#include "model/event.h"
#include "storage/database.h"
#include "storage/journal.h"
#include "triage/alert_subject.h"
#include "util/json.h"
#include "util/text.h"
#include "util/timestamp.h"

namespace vigil {

namespace {

QByteArray fieldsJson(const std::vector<std::pair<QString, QString>>& fields)
{
    JsonObjectWriter w;
    for (const auto& [name, value] : fields) {
        w.add(name, value);
    }
    return w.finish();
}

std::vector<std::pair<QString, QString>> fieldsFromJson(const QByteArray& json)
{
    Fields parsed;
    parseJsonObjectFlat(json, parsed, nullptr);
    std::vector<std::pair<QString, QString>> out;
    for (const auto& [name, value] : parsed.entries()) {
        out.emplace_back(name, value.text());
    }
    return out;
}

constexpr char16_t kColumns[] =
    u"s.id, s.rule_uid, s.fields, s.expires_ns, s.reason, s.preview_count, s.created_ns, "
    u"s.created_by, (SELECT count(*) FROM alerts a WHERE a.suppression_id = s.id), "
    u"(SELECT r.title FROM rules r WHERE r.uid = s.rule_uid), s.ended_ns, s.ended_by, "
    u"s.end_reason";

Suppression readSuppression(const Statement& st)
{
    Suppression s;
    s.id = st.int64(0);
    s.ruleUid = st.text(1);
    s.fields = fieldsFromJson(st.blob(2));
    s.expiresNs = st.int64(3);
    s.reason = st.text(4);
    s.previewCount = st.int64(5);
    s.createdNs = st.int64(6);
    s.createdBy = st.text(7);
    s.suppressedCount = st.int64(8);
    s.ruleTitle = st.text(9);
    s.endedNs = st.isNull(10) ? 0 : st.int64(10);
    s.endedBy = st.text(11);
    s.endReason = st.text(12);
    return s;
}

} // namespace

bool Suppression::matches(const AlertSubject& subject) const
{
    for (const auto& [name, value] : fields) {
        if (subject.value(name).compare(value, Qt::CaseInsensitive) != 0) {
            return false;
        }
    }
    return !fields.empty();
}

QString Suppression::fieldsText() const
{
    QStringList parts;
    for (const auto& [name, value] : fields) {
        parts << name + u'=' + value;
    }
    return parts.join(QStringLiteral(", "));
}

std::optional<std::vector<std::pair<QString, QString>>>
Suppression::parseFields(const QStringList& pairs, QString* why)
{
    std::vector<std::pair<QString, QString>> out;
    for (const QString& p : pairs) {
        const qsizetype eq = p.indexOf(u'=');
        const QString name = eq < 0 ? QString() : p.left(eq).trimmed();
        if (name.isEmpty()) {
            if (why) {
                *why = QStringLiteral("\"%1\" is not NAME=VALUE (e.g. user=svc-backup)").arg(p);
            }
            return std::nullopt;
        }
        for (const auto& existing : out) {
            if (existing.first == name) {
                if (why) {
                    *why = QStringLiteral("the field \"%1\" is given twice; an alert's field "
                                          "has one value")
                               .arg(name);
                }
                return std::nullopt;
            }
        }
        out.emplace_back(name, p.mid(eq + 1));
    }
    return out;
}

Result<SuppressionPreview> Suppressions::preview(Database& db, const Suppression& s,
                                                 const std::atomic<bool>* cancel)
{
    auto st = db.prepare(u"SELECT e.host, e.fields, e.common FROM alerts a "
                         u"JOIN events e ON e.id = a.event_id WHERE a.rule_uid = ?1");
    if (!st) {
        return st.error();
    }
    st->bind(1, s.ruleUid);
    SuppressionPreview p;
    while (true) {
        auto row = st->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            return p;
        }
        if (cancel && (p.ruleAlerts & 1023) == 0 && cancel->load(std::memory_order_relaxed)) {
            p.cancelled = true;
            return p;
        }
        ++p.ruleAlerts;
        AlertSubject subject;
        subject.host = st->isNull(0) ? QString() : st->text(0);
        parseJsonObjectFlat(st->blob(1), subject.fields, nullptr);
        parseJsonObjectFlat(st->blob(2), subject.common, nullptr);
        p.matched += s.matches(subject) ? 1 : 0;
    }
}

QStringList Suppression::emptyValueNames() const
{
    QStringList names;
    for (const auto& [name, value] : fields) {
        if (value.isEmpty()) {
            names << name;
        }
    }
    return names;
}

QString Suppression::stateCode(qint64 nowNs) const
{
    if (endedNs != 0) {
        return QStringLiteral("ended");
    }
    return expiresNs > nowNs ? QStringLiteral("active") : QStringLiteral("expired");
}

Result<qint64> Suppressions::add(Database& db, Suppression s, const QString& actor,
                                 const SuppressionPreview* counted)
{
    if (s.ruleUid.trimmed().isEmpty()) {
        return makeError(ErrorCode::Usage, QStringLiteral("a suppression needs a rule"));
    }
    if (s.fields.empty()) {
        return makeError(ErrorCode::Usage,
                         QStringLiteral("a suppression needs at least one field value; "
                                        "to silence a whole rule, disable the rule"));
    }
    const qint64 now = nowNs();
    if (s.expiresNs <= now) {
        return makeError(ErrorCode::Usage, QStringLiteral("a suppression needs an expiry in the "
                                                          "future"));
    }
    Transaction tx(db);
    if (!tx.begun()) {
        return tx.begun().error();
    }
    Result<SuppressionPreview> previewed = counted ? Result<SuppressionPreview>(*counted)
                                                   : preview(db, s);
    if (!previewed) {
        return previewed.error();
    }
    auto ins = db.prepare(u"INSERT INTO suppressions (rule_uid, fields, expires_ns, reason, "
                          u"preview_count, created_ns, created_by) "
                          u"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!ins) {
        return ins.error();
    }
    ins->bind(1, s.ruleUid);
    ins->bindUtf8(2, fieldsJson(s.fields));
    ins->bind(3, s.expiresNs);
    ins->bind(4, s.reason);
    ins->bind(5, previewed->matched);
    ins->bind(6, now);
    ins->bind(7, actor);
    if (auto r = ins->run(); !r) {
        return r.error();
    }
    const qint64 id = db.lastInsertId();
    JournalEntry e;
    e.actor = actor;
    e.objectType = QStringLiteral("suppression");
    e.objectId = id;
    e.action = QStringLiteral("created");
    e.details = JsonObjectWriter()
                    .add(u"rule_uid", s.ruleUid)
                    .addRaw(u"fields", fieldsJson(s.fields))
                    .add(u"expires", formatUtcTrimmed(s.expiresNs))
                    .add(u"reason", s.reason)
                    .add(u"preview_count", previewed->matched)
                    .finish();
    e.writtenNs = now;
    if (auto r = Journal::append(db, e); !r) {
        return r.error();
    }
    if (auto r = tx.commit(); !r) {
        return r.error();
    }
    return id;
}

Result<void> Suppressions::end(Database& db, qint64 id, const QString& actor,
                               const QString& reason)
{
    Transaction tx(db);
    if (!tx.begun()) {
        return tx.begun().error();
    }
    auto st = db.prepare(u"SELECT expires_ns, ended_ns, ended_by FROM suppressions WHERE id = ?1");
    if (!st) {
        return st.error();
    }
    st->bind(1, id);
    auto row = st->step();
    if (!row) {
        return row.error();
    }
    if (!*row) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no suppression %1").arg(id));
    }
    const qint64 expires = st->int64(0);
    const qint64 now = nowNs();
    if (!st->isNull(1)) {
        return makeError(ErrorCode::Usage,
                         fill(u"suppression %1 is no longer active: %2 ended it %3",
                              {QString::number(id), st->text(2), formatUtc(st->int64(1), 0)}));
    }
    if (expires <= now) {
        return makeError(ErrorCode::Usage,
                         QStringLiteral("suppression %1 is no longer active: it expired %2")
                             .arg(id)
                             .arg(formatUtc(expires, 0)));
    }
    auto upd = db.prepare(
        u"UPDATE suppressions SET ended_ns = ?2, ended_by = ?3, end_reason = ?4 WHERE id = ?1");
    if (!upd) {
        return upd.error();
    }
    upd->bind(1, id);
    upd->bind(2, now);
    upd->bind(3, actor);
    upd->bind(4, reason);
    if (auto r = upd->run(); !r) {
        return r.error();
    }
    JournalEntry e;
    e.actor = actor;
    e.objectType = QStringLiteral("suppression");
    e.objectId = id;
    e.action = QStringLiteral("ended");
    e.details = JsonObjectWriter()
                    .add(u"expires", formatUtcTrimmed(expires))
                    .add(u"ended", formatUtcTrimmed(now))
                    .add(u"reason", reason)
                    .finish();
    e.writtenNs = now;
    if (auto r = Journal::append(db, e); !r) {
        return r.error();
    }
    return tx.commit();
}

Result<std::vector<Suppression>> Suppressions::list(Database& db)
{
    auto st = db.prepare(QStringLiteral("SELECT %1 FROM suppressions s ORDER BY s.id DESC")
                             .arg(QStringView(kColumns)));
    if (!st) {
        return st.error();
    }
    return collectRows<Suppression>(*st, readSuppression);
}

Result<std::map<QString, std::vector<Suppression>>> Suppressions::active(Database& db,
                                                                         qint64 nowNs)
{
    auto st = db.prepare(u"SELECT id, rule_uid, fields, expires_ns FROM suppressions "
                         u"WHERE expires_ns > ?1 AND ended_ns IS NULL ORDER BY id");
    if (!st) {
        return st.error();
    }
    st->bind(1, nowNs);
    std::map<QString, std::vector<Suppression>> out;
    while (true) {
        auto row = st->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            return out;
        }
        Suppression s;
        s.id = st->int64(0);
        s.ruleUid = st->text(1);
        s.fields = fieldsFromJson(st->blob(2));
        s.expiresNs = st->int64(3);
        out[s.ruleUid].push_back(std::move(s));
    }
}

} // namespace vigil
