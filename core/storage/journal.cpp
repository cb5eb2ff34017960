#include "storage/journal.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>

#ifdef Q_OS_UNIX
#include <pwd.h>
#include <unistd.h>
#endif

#include "storage/database.h"
#include "storage/journal_anchor.h"
#include "util/timestamp.h"

namespace vigil {

namespace {

const QString kGenesis(64, QLatin1Char('0'));

constexpr char16_t kSelectColumns[] =
    u"seq, written_ns, effective_ns, actor, object_type, object_id, action, details, prev_hash, hash";

JournalEntry readEntry(const Statement& s)
{
    JournalEntry e;
    e.seq = s.int64(0);
    e.writtenNs = s.int64(1);
    e.effectiveNs = s.int64(2);
    e.actor = s.text(3);
    e.objectType = s.text(4);
    e.objectId = s.int64(5);
    e.action = s.text(6);
    e.details = s.blob(7);
    e.prevHash = s.text(8);
    e.hash = s.text(9);
    return e;
}

} // namespace

QString Journal::computeHash(const JournalEntry& e, const QByteArray& key)
{
    // Unit separators keep field boundaries unambiguous whatever the text holds.
    QByteArray data;
    const char sep = '\x1f';
    data += e.prevHash.toLatin1() + sep + QByteArray::number(e.seq) + sep
        + QByteArray::number(e.writtenNs) + sep + QByteArray::number(e.effectiveNs) + sep
        + e.actor.toUtf8() + sep + e.objectType.toUtf8() + sep + QByteArray::number(e.objectId)
        + sep + e.action.toUtf8() + sep + e.details;
    return QString::fromLatin1(
        QMessageAuthenticationCode::hash(data, key, QCryptographicHash::Sha256).toHex());
}

namespace {

Result<QString> storedKeyId(Database& db)
{
    auto s = db.prepare(u"SELECT value FROM meta WHERE key = 'journal_key_id'");
    if (!s) {
        return s.error();
    }
    auto row = s->step();
    if (!row) {
        return row.error();
    }
    return *row ? s->text(0) : QString();
}

} // namespace

Result<void> Journal::append(Database& db, JournalEntry& e)
{
    auto key = JournalAnchor::installationKey();
    if (!key) {
        return key.error();
    }
    // The store remembers which installation keys its chain; entries keyed by another
    // installation's key could not be verified, so refuse to mix them.
    auto known = storedKeyId(db);
    if (!known) {
        return known.error();
    }
    const QString mine = JournalAnchor::keyId(*key);
    if (known->isEmpty()) {
        auto set = db.prepare(u"INSERT INTO meta (key, value) VALUES ('journal_key_id', ?1)");
        if (!set) {
            return set.error();
        }
        set->bind(1, mine);
        if (auto r = set->run(); !r) {
            return r.error();
        }
    } else if (*known != mine) {
        return makeError(ErrorCode::InvalidState,
                         QStringLiteral("this store's journal is keyed by another installation "
                                        "(key %1, this one is %2); its entries could not be "
                                        "verified together, so Vigil does not add to it")
                             .arg(*known, mine));
    }
    auto last = db.prepare(u"SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1");
    if (!last) {
        return last.error();
    }
    auto row = last->step();
    if (!row) {
        return row.error();
    }
    e.seq = *row ? last->int64(0) + 1 : 1;
    e.prevHash = *row ? last->text(1) : kGenesis;
    if (e.writtenNs == 0) {
        e.writtenNs = nowNs();
    }
    if (e.effectiveNs == 0) {
        e.effectiveNs = e.writtenNs;
    }
    if (e.details.isEmpty()) {
        e.details = "{}";
    }
    e.hash = computeHash(e, *key);
    auto ins = db.prepare(u"INSERT INTO journal (seq, written_ns, effective_ns, actor, object_type, "
                          u"object_id, action, details, prev_hash, hash) "
                          u"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    if (!ins) {
        return ins.error();
    }
    ins->bind(1, e.seq);
    ins->bind(2, e.writtenNs);
    ins->bind(3, e.effectiveNs);
    ins->bind(4, e.actor);
    ins->bind(5, e.objectType);
    ins->bind(6, e.objectId);
    ins->bind(7, e.action);
    ins->bindUtf8(8, e.details);
    ins->bind(9, e.prevHash);
    ins->bind(10, e.hash);
    return ins->run();
}

Result<std::vector<JournalEntry>> Journal::forObject(Database& db, const QString& objectType,
                                                     qint64 objectId)
{
    auto s = db.prepare(QStringLiteral("SELECT %1 FROM journal WHERE object_type = ?1 AND "
                                       "object_id = ?2 ORDER BY seq")
                            .arg(QStringView(kSelectColumns)));
    if (!s) {
        return s.error();
    }
    s->bind(1, objectType);
    s->bind(2, objectId);
    return collectRows<JournalEntry>(*s, readEntry);
}

namespace {

constexpr char16_t kGuards[] =
    u"CREATE TRIGGER IF NOT EXISTS journal_no_update BEFORE UPDATE ON journal "
    u"BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;"
    u"CREATE TRIGGER IF NOT EXISTS journal_no_delete BEFORE DELETE ON journal "
    u"BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;";

Result<int> guardCount(Database& db)
{
    auto s = db.prepare(u"SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND "
                        u"tbl_name = 'journal' AND name IN ('journal_no_update', 'journal_no_delete')");
    if (!s) {
        return s.error();
    }
    auto row = s->step();
    if (!row) {
        return row.error();
    }
    return int(s->int64(0));
}

} // namespace

Result<bool> Journal::restoreGuards(Database& db)
{
    auto count = guardCount(db);
    if (!count) {
        return count.error();
    }
    if (*count == 2) {
        return false;
    }
    Transaction tx(db);
    if (!tx.begun()) {
        return tx.begun().error();
    }
    if (auto r = db.exec(QStringView(kGuards)); !r) {
        return r.error();
    }
    JournalEntry e;
    e.actor = QStringLiteral("vigil");
    e.objectType = QStringLiteral("journal");
    e.action = QStringLiteral("guards_restored");
    e.details = "{\"reason\":\"the triggers protecting the journal had been removed outside Vigil\"}";
    if (auto r = append(db, e); !r) {
        return r.error();
    }
    if (auto r = tx.commit(); !r) {
        return r.error();
    }
    return true;
}

Result<JournalCheck> Journal::verify(Database& db)
{
    auto s = db.prepare(QStringLiteral("SELECT %1 FROM journal ORDER BY seq")
                            .arg(QStringView(kSelectColumns)));
    if (!s) {
        return s.error();
    }
    JournalCheck check;
    auto guards = guardCount(db);
    if (!guards) {
        return guards.error();
    }
    if (*guards != 2) {
        check.guardsIntact = false;
        check.problem = QStringLiteral("the triggers that keep the journal append-only were removed");
    }
    auto key = JournalAnchor::installationKey();
    if (!key) {
        return key.error();
    }
    auto known = storedKeyId(db);
    if (!known) {
        return known.error();
    }
    check.keyMatches = known->isEmpty() || *known == JournalAnchor::keyId(*key);
    QString prev = kGenesis;
    qint64 expectedSeq = 1;
    while (true) {
        auto row = s->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            break;
        }
        const JournalEntry e = readEntry(*s);
        ++check.entries;
        QString problem;
        if (e.seq != expectedSeq) {
            problem = QStringLiteral("entry %1 is missing (found %2 next)").arg(expectedSeq).arg(e.seq);
        } else if (e.prevHash != prev) {
            problem = QStringLiteral("entry does not follow the previous entry's hash "
                                     "(inserted, removed or reordered entries)");
        } else if (check.keyMatches && computeHash(e, *key) != e.hash) {
            problem = QStringLiteral("entry content does not match its hash (edited)");
        }
        if (!problem.isEmpty()) {
            check.firstBrokenSeq = e.seq != expectedSeq ? expectedSeq : e.seq;
            check.problem = problem;
            return check;
        }
        prev = e.hash;
        ++expectedSeq;
    }
    check.headHash = prev;
    if (!check.keyMatches) {
        check.problem = QStringLiteral("the journal was written on another installation (key %1): "
                                       "its order is intact, but its content can only be verified "
                                       "there")
                            .arg(*known);
        return check;
    }
    checkAnchor(db, check);
    return check;
}

void Journal::checkAnchor(Database& db, JournalCheck& check)
{
    auto id = JournalAnchor::storeId(db);
    const auto head = id ? JournalAnchor::load(*id) : std::nullopt;
    if (!head) {
        check.anchored = false; // a store from elsewhere, or one this installation never wrote
        return;
    }
    check.anchored = true;
    const qint64 last = check.entries;
    if (head->seq > last) {
        check.firstBrokenSeq = last + 1;
        check.problem = QStringLiteral("entries after #%1 were removed: this installation recorded "
                                       "entry #%2 as the latest")
                            .arg(QString::number(last), QString::number(head->seq));
        return;
    }
    auto s = db.prepare(u"SELECT hash FROM journal WHERE seq = ?1");
    if (!s) {
        return;
    }
    s->bind(1, head->seq);
    auto row = s->step();
    if (row && *row && s->text(0) != head->hash) {
        check.firstBrokenSeq = head->seq;
        check.problem = QStringLiteral("entry differs from the head this installation recorded "
                                       "(the chain was rewritten)");
    }
}

QString localActor()
{
    QString user = qEnvironmentVariable("VIGIL_ACTOR");
    if (user.isEmpty()) {
        user = qEnvironmentVariable("USER");
    }
    if (user.isEmpty()) {
        user = qEnvironmentVariable("USERNAME");
    }
#ifdef Q_OS_UNIX
    if (user.isEmpty()) {
        // No login environment (a service, a container, sudo -i): the account itself.
        if (const passwd* pw = getpwuid(geteuid()); pw && pw->pw_name) {
            user = QString::fromLocal8Bit(pw->pw_name);
        }
    }
#endif
    return user.isEmpty() ? QStringLiteral("analyst") : user;
}

} // namespace vigil
