#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "ingest/importer.h"
#include "sigma/rule_set.h"
#include "storage/database.h"
#include "storage/store.h"
#include "triage/incident_queries.h"
#include "triage/rule_catalog.h"

using namespace vigil;
using namespace Qt::StringLiterals;

class TestImporter : public QObject {
    Q_OBJECT
private slots:
    void init();
    void rejectsAreKeptWithLineAndReason();
    void importRunsRecordFormatAndCounts();
    void plainLinesInSyslogFileBecomeText();
    void binaryAndMissingFilesAreReported();
    void cancelKeepsWhatWasRead();
    void rulesRunDuringImport();
    void expandPathsSortsAndSkipsHidden();
    void sameContentIsNotImportedTwice();
    void oversizedRecordsAndBadTimes();
    void journaldExportsMeetLinuxRules();
    void fileTruncatedWhileReadingIsReported();

private:
    QString fixture(const QString& name) const { return QStringLiteral(VIGIL_TEST_DATA) + u'/' + name; }
    QString write(const QString& name, const QByteArray& content);
    qint64 scalar(const QString& sql);

    std::unique_ptr<QTemporaryDir> m_dir;
    Database m_db;
};

void TestImporter::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    auto db = Store::openWriter(m_dir->filePath(u"i.sqlite"_s));
    QVERIFY(db.has_value());
    m_db = std::move(*db);
}

QString TestImporter::write(const QString& name, const QByteArray& content)
{
    const QString path = m_dir->filePath(name);
    QFile f(path);
    if (f.open(QIODevice::WriteOnly)) {
        f.write(content);
    }
    return path;
}

qint64 TestImporter::scalar(const QString& sql)
{
    auto s = m_db.prepare(sql);
    return s && *s->step() ? s->int64(0) : -1;
}

void TestImporter::rejectsAreKeptWithLineAndReason()
{
    auto summary = importFiles(m_db, nullptr, {fixture(u"logs/mixed.jsonl"_s)}, IngestOptions());
    QVERIFY(summary.has_value());
    QCOMPARE(summary->read, 4);
    QCOMPARE(summary->stored, 3);
    QCOMPARE(summary->rejected, 1);
    QCOMPARE(summary->rejectSamples.size(), 1u);
    QCOMPARE(summary->rejectSamples[0].line, 3);
    QVERIFY(summary->rejectSamples[0].reason.contains(u"not terminated"));
    auto s = m_db.prepare(u"SELECT source, line, reason, raw, format FROM rejects");
    QVERIFY(*s->step());
    QCOMPARE(s->text(0), fixture(u"logs/mixed.jsonl"_s));
    QCOMPARE(s->int64(1), 3);
    const QByteArray expectedRaw = "{\"ts\":\"2024-05-01T10:06:00Z\",\"host\":\"ws-1\","
                                   "\"EventID\":4625,\"TargetUserName\":\"user1\",\"msg\":"
                                   "\"truncated here";
    QCOMPARE(s->blob(3), expectedRaw);
    QCOMPARE(s->text(4), u"json"_s);
    // Hostile values are stored as text, nothing interprets them.
    QCOMPARE(scalar(u"SELECT count(*) FROM events WHERE fields LIKE '%<script>alert(1)</script>%'"_s), 1);
}

void TestImporter::importRunsRecordFormatAndCounts()
{
    auto summary = importFiles(m_db, nullptr,
                               {fixture(u"logs/mixed.jsonl"_s), fixture(u"logs/auth_bruteforce.log"_s)},
                               IngestOptions());
    QVERIFY(summary.has_value());
    auto s = m_db.prepare(u"SELECT format, records_read, events_stored, rejected, status FROM "
                          u"import_runs ORDER BY id");
    QVERIFY(*s->step());
    QCOMPARE(s->text(0), u"json"_s);
    QCOMPARE(s->int64(1), 4);
    QCOMPARE(s->int64(2), 3);
    QCOMPARE(s->int64(3), 1);
    QCOMPARE(s->text(4), u"done"_s);
    QVERIFY(*s->step());
    QCOMPARE(s->text(0), u"syslog"_s);
    QCOMPARE(s->int64(2), 15);
}

void TestImporter::plainLinesInSyslogFileBecomeText()
{
    QByteArray content;
    for (int i = 0; i < 6; ++i) {
        content += "Mar  4 10:15:0" + QByteArray::number(i) + " host-a sshd[1]: Failed password\n";
    }
    content += "just a line a program printed without any header\n"
               "<999>Mar  4 10:15:09 host-a app: bad PRI\n";
    const QString path = write(u"mixed.log"_s, content);
    auto detected = importFiles(m_db, nullptr, {path}, IngestOptions());
    QVERIFY(detected.has_value());
    QCOMPARE(detected->files[0].format, u"syslog"_s);
    QCOMPARE(detected->stored, 7);   // the plain line is kept as a text event
    QCOMPARE(detected->rejected, 1); // the record that claims syslog and breaks it is rejected
    QVERIFY(detected->rejectSamples[0].reason.contains(u"PRI"));
    QCOMPARE(detected->rejectSamples[0].line, 8);
    QCOMPARE(scalar(u"SELECT count(*) FROM events WHERE format = 'text'"_s), 1);
    IngestOptions forced;
    forced.format = u"syslog"_s;
    forced.reimport = true;
    auto strict = importFiles(m_db, nullptr, {path}, forced);
    QCOMPARE(strict->stored, 6); // forced: the plain line is a reject too
    QCOMPARE(strict->rejected, 2);
}

void TestImporter::binaryAndMissingFilesAreReported()
{
    const QString evtx = write(u"x.evtx"_s, QByteArray("ElfFile\0\0\0\0", 11));
    QByteArray binary;
    for (int i = 0; i < 512; ++i) {
        binary += char(i * 7 % 32);
    }
    const QString bin = write(u"x.bin"_s, binary);
    const QString utf16 = write(u"x16.log"_s, QByteArray("l\0i\0n\0e\0 \0o\0n\0e\0\n\0t\0w\0o\0\n\0", 26));
    const QString gz = write(u"x.log.gz"_s, QByteArray("\x1f\x8b\x08\x00\x00\x00", 6));
    auto summary = importFiles(m_db, nullptr, {evtx, bin, utf16, gz}, IngestOptions());
    QVERIFY(summary.has_value());
    QCOMPARE(summary->failedFiles(), 4);
    QVERIFY(summary->files[0].error.contains(u"EVTX"));
    QVERIFY(summary->files[1].error.contains(u"binary"));
    QVERIFY(summary->files[2].error.contains(u"UTF-16"));
    QVERIFY(summary->files[3].error.contains(u"unpack"));
    QCOMPARE(scalar(u"SELECT count(*) FROM events"_s), 0);
    QCOMPARE(scalar(u"SELECT count(*) FROM import_runs WHERE status = 'failed'"_s), 4);
    // A run of NUL bytes (a log written through a crash) does not make the file binary.
    const QString crashed = write(u"crashed.log"_s, QByteArray("Mar  4 10:15:00 host-a app: before\n")
                                                        + QByteArray(16, '\0')
                                                        + QByteArray("Mar  4 10:16:00 host-a app: after\n"));
    auto kept = importFiles(m_db, nullptr, {crashed}, IngestOptions());
    QCOMPARE(kept->failedFiles(), 0);
    QCOMPARE(kept->stored + kept->rejected, 2);
    std::vector<PathNote> notes;
    QCOMPARE(expandPaths({m_dir->filePath(u"nope.log"_s)}, &notes).size(), 0);
    QCOMPARE(notes.size(), 1u);
    QVERIFY(notes[0].unreadable);
}

void TestImporter::cancelKeepsWhatWasRead()
{
    QByteArray content;
    for (int i = 0; i < 20000; ++i) {
        content += "{\"n\":" + QByteArray::number(i) + ",\"ts\":\"2024-01-01T00:00:00Z\"}\n";
    }
    const QString path = write(u"big.jsonl"_s, content);
    CancelFlag cancel{false};
    IngestOptions options;
    options.batchSize = 500;
    auto summary = importFiles(m_db, nullptr, {path}, options, &cancel,
                               [&cancel](qint64, qint64) { cancel.store(true); });
    QVERIFY(summary.has_value());
    QVERIFY(summary->cancelled);
    QVERIFY(summary->read > 0);
    QVERIFY(summary->read < 20000);
    QCOMPARE(summary->stored, summary->read); // every record read before stopping is stored
    QCOMPARE(scalar(u"SELECT count(*) FROM events"_s), summary->stored);
    QCOMPARE(scalar(u"SELECT count(*) FROM import_runs WHERE status = 'cancelled'"_s), 1);
    // A stopped import does not count as done: the file can be imported (again) in full.
    auto again = importFiles(m_db, nullptr, {path}, IngestOptions());
    QCOMPARE(again->duplicateFiles(), 0);
    QCOMPARE(again->stored, 20000);
}

void TestImporter::rulesRunDuringImport()
{
    sigma::RuleSet rules;
    rules.addPath(fixture(u"rules/ssh_failed_password.yml"_s));
    auto first = importFiles(m_db, &rules, {fixture(u"logs/auth_bruteforce.log"_s)}, IngestOptions());
    QCOMPARE(first->hits, 13);
    QCOMPARE(first->triage.alertsNew, 13);
    QCOMPARE(first->triage.incidentsOpened, 2);
    auto incidents = IncidentQueries::list(m_db);
    QCOMPARE(incidents->size(), 2u);
}

void TestImporter::expandPathsSortsAndSkipsHidden()
{
    QTemporaryDir outside;
    QFile secret(outside.filePath(u"secret"_s));
    QVERIFY(secret.open(QIODevice::WriteOnly));
    secret.write("not evidence\n");
    secret.close();
    QDir dir(m_dir->path());
    QVERIFY(dir.mkpath(u"case/sub"_s));
    QVERIFY(dir.mkpath(u"case/.git"_s));
    write(u"case/b.log"_s, "x\n");
    write(u"case/a.log"_s, "x\n");
    write(u"case/.hidden.log"_s, "x\n");
    write(u"case/.git/config"_s, "x\n");
    write(u"case/sub/c.log"_s, "x\n");
    QVERIFY(QFile::link(m_dir->filePath(u"case/a.log"_s), m_dir->filePath(u"case/sub/link-inside.log"_s)));
    QVERIFY(QFile::link(secret.fileName(), m_dir->filePath(u"case/sub/auth.log.1"_s)));
    QVERIFY(QFile::link(m_dir->filePath(u"case/gone"_s), m_dir->filePath(u"case/dangling.log"_s)));
    std::vector<PathNote> notes;
    const QString root = m_dir->filePath(u"case"_s);
    const QStringList files = expandPaths({root}, &notes);
    QCOMPARE(files, (QStringList{root + u"/a.log"_s, root + u"/b.log"_s, root + u"/sub/c.log"_s,
                                 root + u"/sub/link-inside.log"_s}));
    QStringList reasons;
    for (const PathNote& n : notes) {
        reasons << n.path.mid(root.size() + 1) + u": "_s + n.reason + (n.unreadable ? u" !"_s : u""_s);
    }
    reasons.sort();
    QCOMPARE(reasons.size(), 3);
    QVERIFY2(reasons[0].startsWith(u".hidden.log: hidden file"), qPrintable(reasons.join(u'\n')));
    QVERIFY(reasons[1].startsWith(u"dangling.log: broken symbolic link") && reasons[1].endsWith(u'!'));
    QVERIFY(reasons[2].startsWith(u"sub/auth.log.1: symbolic link to") && reasons[2].contains(u"outside"));
}

void TestImporter::sameContentIsNotImportedTwice()
{
    const QString log = fixture(u"logs/auth_bruteforce.log"_s);
    const QString copy = write(u"copy-of-auth.log"_s, [&log] {
        QFile f(log);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }());
    auto first = importFiles(m_db, nullptr, {log}, IngestOptions());
    QCOMPARE(first->stored, 15);
    // The same bytes under another name are recognised too.
    auto again = importFiles(m_db, nullptr, {log, copy}, IngestOptions());
    QCOMPARE(again->stored, 0);
    QCOMPARE(again->duplicateFiles(), 2);
    QCOMPARE(again->files[1].duplicateOfRun, first.value().files.empty() ? 0 : 1);
    QCOMPARE(scalar(u"SELECT count(*) FROM events"_s), 15);
    IngestOptions force;
    force.reimport = true;
    auto forced = importFiles(m_db, nullptr, {copy}, force);
    QCOMPARE(forced->stored, 15);
    QCOMPARE(scalar(u"SELECT count(*) FROM events"_s), 30);
    // Stopping before a file starts imports nothing from it.
    CancelFlag cancel{true};
    const QString other = write(u"other.jsonl"_s, "{\"a\":1}\n");
    auto stopped = importFiles(m_db, nullptr, {other}, IngestOptions(), &cancel);
    QVERIFY(stopped->cancelled);
    QCOMPARE(stopped->stored, 0);
}

void TestImporter::oversizedRecordsAndBadTimes()
{
    QByteArray content = R"({"ts":"2024-05-01T10:00:00Z","n":1})" "\n";
    content += R"({"ts":"2024-05-01T10:00:01Z","blob":")" + QByteArray(9 * 1024 * 1024, 'x') + "\"}\n";
    content += R"({"ts":"9999-12-31T23:59:59Z","n":3})" "\n";  // beyond what fits in 64-bit ns
    content += R"({"ts":"2023-02-30T10:00:00Z","n":4})" "\n";  // no such day
    content += R"({"ts":"2024-05-01T10:00:02Z","n":5})" "\n";
    const QString path = write(u"odd.jsonl"_s, content);
    auto summary = importFiles(m_db, nullptr, {path}, IngestOptions());
    QVERIFY(summary.has_value());
    QCOMPARE(summary->read, 5);
    QCOMPARE(summary->stored, 4);
    QCOMPARE(summary->rejected, 1);
    QCOMPARE(summary->rejectSamples[0].line, 2);
    QVERIFY2(summary->rejectSamples[0].reason.contains(u"longer than 8 MiB"),
             qPrintable(summary->rejectSamples[0].reason));
    QCOMPARE(scalar(u"SELECT length(raw) FROM rejects"_s), 8 * 1024 * 1024);
    QCOMPARE(summary->timeFromReceipt, 2);
    QCOMPARE(scalar(u"SELECT count(*) FROM events WHERE time_source = 1"_s), 2);
    QCOMPARE(scalar(u"SELECT count(*) FROM events WHERE time_ns < 0"_s), 0);
}

// `journalctl -o json` is how a Debian 12 machine without /var/log/auth.log exports its logs.
void TestImporter::journaldExportsMeetLinuxRules()
{
    sigma::RuleSet rules;
    RuleCatalog::addStarterRules(rules);
    auto summary = importFiles(m_db, &rules, {fixture(u"logs/journal_export.jsonl"_s)}, IngestOptions());
    QVERIFY(summary.has_value());
    QCOMPARE(summary->stored, 4);
    QCOMPARE(summary->files[0].format, u"json"_s);
    QCOMPARE(scalar(u"SELECT count(*) FROM events WHERE format = 'journald' AND host = 'deb12-lab'"_s), 4);
    // Two password failures (sshd rule) and sudo to a root shell.
    QCOMPARE(summary->hits, 3);
    auto e = m_db.prepare(u"SELECT summary, time_digits FROM events ORDER BY id LIMIT 1");
    QVERIFY(*e->step());
    QCOMPARE(e->text(0), u"sshd[812]: Failed password for invalid user oracle from 198.51.100.23 port 51122 ssh2"_s);
    QCOMPARE(e->int64(1), 6); // journald writes microseconds
}

void TestImporter::fileTruncatedWhileReadingIsReported()
{
    QByteArray content;
    for (int i = 0; i < 50000; ++i) {
        content += "{\"ts\":\"2024-01-01T00:00:00Z\",\"n\":" + QByteArray::number(i) + "}\n";
    }
    const QString path = write(u"rotating.jsonl"_s, content);
    bool cut = false;
    auto summary = importFiles(m_db, nullptr, {path}, IngestOptions(), nullptr,
                               [&](qint64, qint64) {
                                   if (!cut) {
                                       cut = true;
                                       QFile::resize(path, 64 * 1024); // logrotate's copytruncate
                                   }
                               });
    QVERIFY(summary.has_value());
    QVERIFY(cut);
    QCOMPARE(summary->failedFiles(), 1);
    QVERIFY2(summary->files[0].error.contains(u"shrank"), qPrintable(summary->files[0].error));
    QVERIFY(summary->stored > 0); // what was read is kept
    auto s = m_db.prepare(u"SELECT status, message FROM import_runs");
    QVERIFY(*s->step());
    QCOMPARE(s->text(0), u"failed"_s);
    QVERIFY(s->text(1).contains(u"shrank"));
}

QTEST_GUILESS_MAIN(TestImporter)
#include "tst_importer.moc"
