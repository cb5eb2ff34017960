#include "storage/rule_library.h"

#include "storage/database.h"
#include "storage/journal.h"
#include "util/json.h"
#include "util/timestamp.h"

namespace vigil {

Result<int> RuleLibrary::upsert(Database& db, const std::vector<RuleRecord>& rules)
{
    Transaction tx(db);
    if (!tx.begun()) {
        return tx.begun().error();
    }
    auto exists = db.prepare(u"SELECT yaml FROM rules WHERE uid = ?1");
    auto insert = db.prepare(u"INSERT INTO rules (uid, title, level, status, path, yaml, enabled, "
                             u"added_ns, updated_ns, notes, can_match) "
                             u"VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7, ?7, ?8, ?9)");
    auto update = db.prepare(u"UPDATE rules SET title = ?2, level = ?3, status = ?4, path = ?5, "
                             u"yaml = ?6, updated_ns = ?7, notes = ?8, can_match = ?9 WHERE uid = ?1");
    auto refresh = db.prepare(u"UPDATE rules SET notes = ?2, can_match = ?3 WHERE uid = ?1");
    if (!exists || !insert || !update || !refresh) {
        return (!exists   ? exists.error()
                : !insert ? insert.error()
                : !update ? update.error()
                          : refresh.error());
    }
    const qint64 now = nowNs();
    int added = 0;
    for (const RuleRecord& r : rules) {
        exists->bind(1, r.uid);
        auto row = exists->step();
        if (!row) {
            return row.error();
        }
        const bool known = *row;
        const bool changed = known && exists->text(0) != r.yaml;
        exists->reset();
        if (known && !changed) {
            // Same text; what the engine says about it may still have changed.
            refresh->bind(1, r.uid);
            refresh->bind(2, r.notes);
            refresh->bind(3, r.canMatch ? 1 : 0);
            if (auto res = refresh->run(); !res) {
                return res.error();
            }
            continue;
        }
        Statement& s = known ? *update : *insert;
        s.bind(1, r.uid);
        s.bind(2, r.title);
        s.bind(3, r.level);
        s.bindOptional(4, r.status);
        s.bindOptional(5, r.path);
        s.bind(6, r.yaml);
        s.bind(7, now);
        s.bind(8, r.notes);
        s.bind(9, r.canMatch ? 1 : 0);
        if (auto res = s.run(); !res) {
            return res.error();
        }
        added += known ? 0 : 1;
    }
    if (auto r = tx.commit(); !r) {
        return r.error();
    }
    return added;
}

Result<std::vector<RuleRecord>> RuleLibrary::list(Database& db, bool enabledOnly)
{
    auto s = db.prepare(enabledOnly
                            ? QStringView(u"SELECT uid, title, level, status, path, yaml, enabled, "
                                          u"added_ns, updated_ns, notes, can_match FROM rules "
                                          u"WHERE enabled = 1 ORDER BY path, uid")
                            : QStringView(u"SELECT uid, title, level, status, path, yaml, enabled, "
                                          u"added_ns, updated_ns, notes, can_match FROM rules "
                                          u"ORDER BY path, uid"));
    if (!s) {
        return s.error();
    }
    return collectRows<RuleRecord>(*s, [](const Statement& st) {
        RuleRecord r;
        r.uid = st.text(0);
        r.title = st.text(1);
        r.level = st.text(2);
        r.status = st.text(3);
        r.path = st.text(4);
        r.yaml = st.text(5);
        r.enabled = st.int64(6) != 0;
        r.addedNs = st.int64(7);
        r.updatedNs = st.int64(8);
        r.notes = st.text(9);
        r.canMatch = st.int64(10) != 0;
        return r;
    });
}

Result<void> RuleLibrary::setEnabled(Database& db, const QString& uid, bool enabled)
{
    Transaction tx(db);
    if (!tx.begun()) {
        return tx.begun().error();
    }
    auto s = db.prepare(u"UPDATE rules SET enabled = ?2 WHERE uid = ?1 AND enabled != ?2");
    if (!s) {
        return s.error();
    }
    s->bind(1, uid);
    s->bind(2, enabled ? 1 : 0);
    if (auto r = s->run(); !r) {
        return r.error();
    }
    if (db.changes() > 0) {
        // Rule changes alter what gets detected; they belong in the audit trail too.
        JournalEntry e;
        e.actor = localActor();
        e.objectType = QStringLiteral("rule");
        e.action = enabled ? QStringLiteral("enabled") : QStringLiteral("disabled");
        e.details = JsonObjectWriter().add(u"uid", uid).finish();
        if (auto r = Journal::append(db, e); !r) {
            return r.error();
        }
    }
    return tx.commit();
}

Result<void> RuleLibrary::recordIssues(Database& db, const QStringList& files,
                                       const std::vector<RuleIssueRecord>& issues)
{
    Transaction tx(db);
    if (!tx.begun()) {
        return tx.begun().error();
    }
    auto del = db.prepare(u"DELETE FROM rule_load_issues WHERE file = ?1 OR "
                           u"substr(file, 1, length(?1) + 1) = ?1 || '/'");
    auto ins = db.prepare(u"INSERT INTO rule_load_issues (file, line, col, rule_id, title, message, "
                          u"unsupported, seen_ns) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (!del || !ins) {
        return !del ? del.error() : ins.error();
    }
    for (const QString& f : files) {
        del->bind(1, f);
        if (auto r = del->run(); !r) {
            return r.error();
        }
    }
    const qint64 now = nowNs();
    for (const RuleIssueRecord& i : issues) {
        ins->bind(1, i.file);
        ins->bind(2, i.line);
        ins->bind(3, i.column);
        ins->bindOptional(4, i.ruleId);
        ins->bindOptional(5, i.title);
        ins->bind(6, i.message);
        ins->bind(7, i.unsupported ? 1 : 0);
        ins->bind(8, now);
        if (auto r = ins->run(); !r) {
            return r.error();
        }
    }
    return tx.commit();
}

Result<std::vector<RuleIssueRecord>> RuleLibrary::issues(Database& db)
{
    auto s = db.prepare(u"SELECT file, line, col, rule_id, title, message, unsupported "
                        u"FROM rule_load_issues ORDER BY file, line");
    if (!s) {
        return s.error();
    }
    return collectRows<RuleIssueRecord>(*s, [](const Statement& st) {
        RuleIssueRecord i;
        i.file = st.text(0);
        i.line = int(st.int64(1));
        i.column = int(st.int64(2));
        i.ruleId = st.text(3);
        i.title = st.text(4);
        i.message = st.text(5);
        i.unsupported = st.int64(6) != 0;
        return i;
    });
}

} // namespace vigil
