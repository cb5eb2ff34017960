#include <pwd.h>
#include <unistd.h>

#include <QCryptographicHash>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include "model/event.h"
#include "storage/event_store.h"
#include "storage/journal.h"
#include "storage/rule_library.h"
#include "storage/schema.h"
#include "storage/store.h"
#include "util/json.h"

using namespace vigil;
using namespace Qt::StringLiterals;

class TestStore : public QObject {
    Q_OBJECT
private slots:
    void init();
    void freshStoreIsWalAndCurrent();
    void eventsRoundTripExactly();
    void insertManyKeepsEachRowsTexts();
    void rejectsKeepBytes();
    void migratesOlderSchema();
    void refusesNewerSchema();
    void refusesForeignDatabase();
    void refusesNonDatabaseFile();
    void journalChainVerifies();
    void journalTriggersRefuseEdits();
    void journalTamper_data();
    void journalTamper();
    void ruleLibraryKeepsEnabledFlag();
    void removedGuardsAreReportedAndRestored();
    void recomputedChainWithoutKeyIsDetected();
    void tailCutWithGuardsRecreatedIsDetected();
    void storeFromAnotherInstallation();
    void actorFallsBackToTheAccount();

private:
    QString dbPath() const { return m_dir->filePath(u"test.sqlite"_s); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestStore::freshStoreIsWalAndCurrent()
{
    auto db = Store::openWriter(dbPath());
    QVERIFY2(db.has_value(), qPrintable(db ? QString() : db.error().toString()));
    auto mode = db->prepare(u"PRAGMA journal_mode");
    QVERIFY(mode.has_value());
    QVERIFY(*mode->step());
    QCOMPARE(mode->text(0), u"wal"_s);
    QCOMPARE(*schemaVersion(*db), currentSchemaVersion());
    // Reopening does not migrate twice.
    auto again = Store::openWriter(dbPath());
    QVERIFY(again.has_value());
    auto reader = Store::openReader(dbPath());
    QVERIFY(reader.has_value());
    QVERIFY(!reader->exec(u"INSERT INTO meta VALUES ('a','b')").has_value());
}

void TestStore::eventsRoundTripExactly()
{
    auto db = Store::openWriter(dbPath());
    QVERIFY(db.has_value());
    auto writer = EventWriter::create(*db);
    QVERIFY(writer.has_value());
    Event e;
    e.timeNs = 1'729'812'874'649'129'600;
    e.timeDigits = 7;
    e.receivedNs = 42;
    e.host = u"host-a"_s;
    e.source = u"/tmp/x.jsonl"_s;
    e.sourcePos = 3;
    e.format = u"json"_s;
    e.severity = 4;
    e.summary = u"summary"_s;
    QVERIFY(parseJsonObjectFlat(R"({"event_id":9007199254740993,"cmd":"a\u001bb","l":[1,"x"]})",
                                e.fields, nullptr));
    e.raw = u"{raw}"_s;
    e.common.append(u"src_ip"_s, FieldValue::fromString(u"192.0.2.7"_s));
    e.common.append(u"dst_port"_s, FieldValue::fromInt(22));
    QVERIFY(writer->insert(e, 0).has_value());
    QVERIFY(e.id > 0);
    auto back = loadEvent(*db, e.id);
    QVERIFY(back.has_value());
    QCOMPARE(back->timeNs, e.timeNs);
    QCOMPARE(back->timeDigits, 7);
    QCOMPARE(back->host, e.host);
    QCOMPARE(back->sourceRef(), u"/tmp/x.jsonl:3"_s);
    QCOMPARE(back->severity, 4);
    QCOMPARE(back->fields.find(u"event_id")->toInt(), Q_INT64_C(9007199254740993));
    QCOMPARE(back->fields.text(u"cmd"), u"a\x1b" "b"_s);
    QCOMPARE(back->fields.find(u"l")->items().size(), 2u);
    QCOMPARE(back->raw, e.raw);
    QCOMPARE(back->common.text(u"src_ip"), u"192.0.2.7"_s);
    QCOMPARE(back->common.find(u"dst_port")->toInt(), 22);
}

// 70 events (two full 32-row statements and single rows) whose source, format and host change
// from row to row: each row keeps its own texts, ids follow the rows in order.
void TestStore::insertManyKeepsEachRowsTexts()
{
    auto db = Store::openWriter(dbPath());
    QVERIFY(db.has_value());
    auto writer = EventWriter::create(*db);
    QVERIFY(writer.has_value());
    std::vector<Event> events(70);
    for (std::size_t i = 0; i < events.size(); ++i) {
        Event& e = events[i];
        e.timeNs = qint64(i) * 1000;
        e.source = QStringLiteral("/logs/%1.log").arg(i % 3);
        e.sourcePos = qint64(i) + 1;
        e.format = i % 2 ? u"syslog-rfc5424"_s : u"syslog-rfc3164"_s;
        e.host = i % 5 == 0 ? QString() : QStringLiteral("h%1").arg(i);
        e.raw = QStringLiteral("record %1 é").arg(i);
        e.fields.append(u"n"_s, FieldValue::fromInt(qint64(i)));
    }
    QVERIFY(writer->insertMany(events, 0).has_value());
    for (std::size_t i = 0; i < events.size(); ++i) {
        QVERIFY(i == 0 || events[i].id == events[i - 1].id + 1);
        auto back = loadEvent(*db, events[i].id);
        QVERIFY(back.has_value());
        QCOMPARE(back->source, events[i].source);
        QCOMPARE(back->format, events[i].format);
        QCOMPARE(back->host, events[i].host);
        QCOMPARE(back->raw, events[i].raw);
        QCOMPARE(back->sourcePos, qint64(i) + 1);
        QCOMPARE(back->fields.find(u"n")->toInt(), qint64(i));
    }
    auto nullHosts = db->prepare(u"SELECT count(*) FROM events WHERE host IS NULL");
    QVERIFY(nullHosts.has_value() && *nullHosts->step());
    QCOMPARE(nullHosts->int64(0), 14);
}

void TestStore::rejectsKeepBytes()
{
    auto db = Store::openWriter(dbPath());
    QVERIFY(db.has_value());
    auto writer = EventWriter::create(*db);
    Reject r;
    r.source = u"f.log"_s;
    r.line = 7;
    r.reason = u"JSON object is truncated"_s;
    r.raw = QByteArray("{\"a\":\xff\x00", 7);
    QVERIFY(writer->insertReject(r, 0).has_value());
    auto s = db->prepare(u"SELECT raw, line, reason FROM rejects");
    QVERIFY(*s->step());
    QCOMPARE(s->blob(0), r.raw);
    QCOMPARE(s->int64(1), 7);
}

void TestStore::migratesOlderSchema()
{
    {
        // Turn a fresh store back into schema 1 (before import runs had a content hash).
        auto db = Store::openWriter(dbPath());
        QVERIFY(db->exec(u"INSERT INTO import_runs (started_ns, source, status) VALUES (1, 'old', 'done');"
                         u"DROP INDEX import_runs_by_content;"
                         u"ALTER TABLE import_runs DROP COLUMN content_sha256;"
                         u"ALTER TABLE rules DROP COLUMN notes;"
                         u"ALTER TABLE rules DROP COLUMN can_match;"
                         u"ALTER TABLE events DROP COLUMN common;"
                         u"DROP TABLE alert_events;"
                         u"ALTER TABLE alerts DROP COLUMN correlation;"
                         u"DROP TABLE assets;"
                         u"ALTER TABLE incidents DROP COLUMN priority_score;"
                         u"ALTER TABLE incidents DROP COLUMN priority_parts;"
                         u"ALTER TABLE incidents DROP COLUMN due_ns;"
                         u"DROP TABLE observable_events;"
                         u"DROP TABLE observables;"
                         u"DROP TABLE evidence;"
                         u"DROP TABLE tasks;"
                         u"ALTER TABLE incidents DROP COLUMN assignee;"
                         u"ALTER TABLE incidents DROP COLUMN acknowledged_ns;"
                         u"ALTER TABLE incidents DROP COLUMN acknowledged_by;"
                         u"ALTER TABLE notes DROP COLUMN ref_type;"
                         u"ALTER TABLE notes DROP COLUMN ref_id;"
                         u"DROP TABLE queue_views;"
                         u"DROP INDEX alerts_by_status;"
                         u"DROP INDEX alerts_by_rule;"
                         u"DROP INDEX incidents_open_by_group;"
                         u"ALTER TABLE alerts DROP COLUMN status_by;"
                         u"ALTER TABLE alerts DROP COLUMN status_ns;"
                         u"ALTER TABLE alerts DROP COLUMN suppression_id;"
                         u"ALTER TABLE incidents DROP COLUMN group_key;"
                         u"ALTER TABLE incidents DROP COLUMN group_value;"
                         u"ALTER TABLE incidents DROP COLUMN merged_into;"
                         u"DROP TABLE rule_grouping;"
                         u"DROP TABLE suppressions;"
                         u"PRAGMA user_version = 1")
                    .has_value());
    }
    auto db = Store::openWriter(dbPath());
    QVERIFY2(db.has_value(), qPrintable(db ? QString() : db.error().toString()));
    QCOMPARE(*schemaVersion(*db), currentSchemaVersion());
    auto s = db->prepare(u"SELECT source, content_sha256 FROM import_runs");
    QVERIFY(s.has_value());
    QVERIFY(*s->step());
    QCOMPARE(s->text(0), u"old"_s); // data kept
    QVERIFY(s->isNull(1));
}

void TestStore::refusesNewerSchema()
{
    {
        auto db = Store::openWriter(dbPath());
        QVERIFY(db->exec(u"PRAGMA user_version = 999").has_value());
    }
    auto db = Store::openWriter(dbPath());
    QVERIFY(!db.has_value());
    QCOMPARE(db.error().code, ErrorCode::Schema);
    QVERIFY(db.error().message.contains(u"999"));
}

void TestStore::refusesForeignDatabase()
{
    {
        auto db = Database::open(dbPath());
        QVERIFY(db->exec(u"CREATE TABLE precious (x); INSERT INTO precious VALUES (1)").has_value());
    }
    auto db = Store::openWriter(dbPath());
    QVERIFY(!db.has_value());
    QVERIFY(db.error().message.contains(u"not a Vigil database"));
    auto raw = Database::open(dbPath());
    auto s = raw->prepare(u"SELECT count(*) FROM sqlite_master");
    QVERIFY(*s->step());
    QCOMPARE(s->int64(0), 1); // untouched
}

void TestStore::refusesNonDatabaseFile()
{
    QFile f(dbPath());
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("this is a text file that someone passed as --db\n");
    f.close();
    auto db = Store::openWriter(dbPath());
    QVERIFY(!db.has_value());
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("this is a text file that someone passed as --db\n"));
}

static void appendEntries(Database& db, int n)
{
    for (int i = 0; i < n; ++i) {
        JournalEntry e;
        e.actor = u"analyst"_s;
        e.objectType = u"incident"_s;
        e.objectId = 1;
        e.action = u"note"_s;
        e.details = JsonObjectWriter().add(u"i", i).finish();
        QVERIFY(Journal::append(db, e).has_value());
    }
}

void TestStore::journalChainVerifies()
{
    auto db = Store::openWriter(dbPath());
    appendEntries(*db, 5);
    auto check = Journal::verify(*db);
    QVERIFY(check.has_value());
    QVERIFY(check->ok());
    QCOMPARE(check->entries, 5);
    QCOMPARE(check->headHash.size(), 64);
}

void TestStore::journalTriggersRefuseEdits()
{
    auto db = Store::openWriter(dbPath());
    appendEntries(*db, 2);
    QVERIFY(!db->exec(u"UPDATE journal SET actor = 'x' WHERE seq = 1").has_value());
    QVERIFY(!db->exec(u"DELETE FROM journal WHERE seq = 2").has_value());
}

void TestStore::journalTamper_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<qint64>("firstBroken");
    QTest::addRow("edit details") << u"UPDATE journal SET details = '{\"i\":9}' WHERE seq = 3"_s << qint64(3);
    QTest::addRow("edit time") << u"UPDATE journal SET effective_ns = 1 WHERE seq = 2"_s << qint64(2);
    QTest::addRow("delete middle") << u"DELETE FROM journal WHERE seq = 2"_s << qint64(2);
    QTest::addRow("swap two entries")
        << u"UPDATE journal SET seq = -1 WHERE seq = 2; UPDATE journal SET seq = 2 WHERE seq = 3;"
           " UPDATE journal SET seq = 3 WHERE seq = -1"_s
        << qint64(2);
    QTest::addRow("insert forged")
        << u"UPDATE journal SET seq = seq + 100 WHERE seq >= 4; UPDATE journal SET seq = seq - 99 "
           "WHERE seq >= 100; INSERT INTO journal VALUES (4, 1, 1, 'x', 'incident', 1, 'note', "
           "'{}', 'abc', 'def')"_s
        << qint64(4);
}

void TestStore::journalTamper()
{
    QFETCH(QString, sql);
    QFETCH(qint64, firstBroken);
    auto db = Store::openWriter(dbPath());
    appendEntries(*db, 5);
    // Someone with the sqlite3 shell drops the guards first.
    QVERIFY(db->exec(u"DROP TRIGGER journal_no_update; DROP TRIGGER journal_no_delete").has_value());
    QVERIFY2(db->exec(sql).has_value(), qPrintable(sql));
    auto check = Journal::verify(*db);
    QVERIFY(check.has_value());
    QVERIFY(!check->ok());
    QCOMPARE(check->firstBrokenSeq, firstBroken);
}

void TestStore::ruleLibraryKeepsEnabledFlag()
{
    auto db = Store::openWriter(dbPath());
    RuleRecord r;
    r.uid = u"id-1"_s;
    r.title = u"Title"_s;
    r.level = u"high"_s;
    r.status = u"test"_s;
    r.path = u"a.yml"_s;
    r.yaml = u"yaml: 1"_s;
    QCOMPARE(*RuleLibrary::upsert(*db, {r}), 1);
    QVERIFY(RuleLibrary::setEnabled(*db, u"id-1"_s, false).has_value());
    r.yaml = u"yaml: 2"_s;
    QCOMPARE(*RuleLibrary::upsert(*db, {r}), 0);
    auto all = RuleLibrary::list(*db);
    QCOMPARE(all->size(), 1u);
    QCOMPARE(all->front().yaml, u"yaml: 2"_s);
    QVERIFY(!all->front().enabled);
    QVERIFY(RuleLibrary::list(*db, true)->empty());
    auto journal = Journal::forObject(*db, u"rule"_s, 0);
    QCOMPARE(journal->size(), 1u);
    QCOMPARE(journal->front().action, u"disabled"_s);
}

void TestStore::removedGuardsAreReportedAndRestored()
{
    {
        auto db = Store::openWriter(dbPath());
        appendEntries(*db, 3);
        // Someone removes the guards and cuts the last entry off: the chain alone cannot see it.
        QVERIFY(db->exec(u"DROP TRIGGER journal_no_update; DROP TRIGGER journal_no_delete; "
                         u"DELETE FROM journal WHERE seq = 3")
                    .has_value());
        auto check = Journal::verify(*db);
        QVERIFY(!check->ok());
        QVERIFY(!check->guardsIntact);
        // The chain alone would look whole; the head recorded outside the database does not.
        QVERIFY(check->anchored);
        QCOMPARE(check->firstBrokenSeq, 3);
        QVERIFY2(check->problem.contains(u"removed"), qPrintable(check->problem));
    }
    // Opening the store puts the guards back and records that they had been removed.
    auto db = Store::openWriter(dbPath());
    auto entries = Journal::forObject(*db, u"journal"_s, 0);
    QCOMPARE(entries->size(), 1u);
    QCOMPARE(entries->front().action, u"guards_restored"_s);
    QVERIFY(!db->exec(u"DELETE FROM journal WHERE seq = 1").has_value());
    // The cut stays visible: the new entry #3 is not the #3 this installation recorded.
    auto check = Journal::verify(*db);
    QVERIFY(check->guardsIntact);
    QVERIFY(!check->ok());
    QCOMPARE(check->firstBrokenSeq, 3);
    QVERIFY2(check->problem.contains(u"rewritten"), qPrintable(check->problem));
}

// Someone with the sqlite3 shell edits an entry and recomputes every hash with plain SHA-256.
void TestStore::recomputedChainWithoutKeyIsDetected()
{
    auto db = Store::openWriter(dbPath());
    appendEntries(*db, 3);
    QVERIFY(db->exec(u"DROP TRIGGER journal_no_update; DROP TRIGGER journal_no_delete").has_value());
    QVERIFY(db->exec(u"UPDATE journal SET details = '{\"i\":42}' WHERE seq = 2").has_value());
    auto all = db->prepare(u"SELECT seq, written_ns, effective_ns, actor, object_type, object_id, "
                           u"action, details FROM journal ORDER BY seq");
    QString prev(64, u'0');
    while (*all->step()) {
        QByteArray data = prev.toLatin1() + '\x1f' + QByteArray::number(all->int64(0)) + '\x1f'
            + QByteArray::number(all->int64(1)) + '\x1f' + QByteArray::number(all->int64(2)) + '\x1f'
            + all->text(3).toUtf8() + '\x1f' + all->text(4).toUtf8() + '\x1f'
            + QByteArray::number(all->int64(5)) + '\x1f' + all->text(6).toUtf8() + '\x1f' + all->blob(7);
        const QString forged = QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
        QVERIFY(db->exec(QStringLiteral("UPDATE journal SET prev_hash = '%1', hash = '%2' WHERE seq = %3")
                             .arg(prev, forged, QString::number(all->int64(0))))
                    .has_value());
        prev = forged;
    }
    auto check = Journal::verify(*db);
    QVERIFY(!check->ok());
    QCOMPARE(check->firstBrokenSeq, 1); // without the key no entry's hash is right
}

void TestStore::tailCutWithGuardsRecreatedIsDetected()
{
    auto db = Store::openWriter(dbPath());
    appendEntries(*db, 4);
    QVERIFY(db->exec(u"DROP TRIGGER journal_no_delete; DELETE FROM journal WHERE seq >= 3; "
                     u"CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal "
                     u"BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;")
                .has_value());
    auto check = Journal::verify(*db);
    QVERIFY(check->guardsIntact);
    QVERIFY(!check->ok());
    QCOMPARE(check->firstBrokenSeq, 3);
    QVERIFY(check->problem.contains(u"#4"));
}

void TestStore::storeFromAnotherInstallation()
{
    {
        auto db = Store::openWriter(dbPath());
        appendEntries(*db, 2);
        QVERIFY(Journal::verify(*db)->ok());
    }
    const QByteArray own = qgetenv("VIGIL_CONFIG_DIR");
    QTemporaryDir elsewhere;
    qputenv("VIGIL_CONFIG_DIR", elsewhere.path().toUtf8());
    auto db = Store::openWriter(dbPath());
    auto check = Journal::verify(*db);
    QVERIFY(!check->keyMatches);
    QVERIFY(!check->ok());
    QCOMPARE(check->firstBrokenSeq, 0);
    QVERIFY(check->problem.contains(u"another installation"));
    JournalEntry e;
    e.actor = u"x"_s;
    e.objectType = u"incident"_s;
    e.action = u"note"_s;
    auto appended = Journal::append(*db, e);
    QVERIFY(!appended.has_value());
    QVERIFY(appended.error().message.contains(u"another installation"));
    qputenv("VIGIL_CONFIG_DIR", own);
    QVERIFY(Journal::verify(*db)->ok());
}

void TestStore::actorFallsBackToTheAccount()
{
    const QByteArray names[] = {"VIGIL_ACTOR", "USER", "USERNAME"};
    QByteArray saved[3];
    for (int i = 0; i < 3; ++i) {
        saved[i] = qgetenv(names[i].constData());
    }
    auto restore = qScopeGuard([&] {
        for (int i = 0; i < 3; ++i) {
            if (saved[i].isNull()) {
                qunsetenv(names[i].constData());
            } else {
                qputenv(names[i].constData(), saved[i]);
            }
        }
    });
    qputenv("VIGIL_ACTOR", "lead-7");
    QCOMPARE(localActor(), u"lead-7"_s);
    // No login environment (a container, a service): the account's own name, not "analyst".
    for (const QByteArray& name : names) {
        qunsetenv(name.constData());
    }
    const passwd* pw = getpwuid(geteuid());
    QVERIFY(pw && pw->pw_name);
    QCOMPARE(localActor(), QString::fromLocal8Bit(pw->pw_name));
}

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
