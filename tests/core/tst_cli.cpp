#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "storage/store.h"

using namespace Qt::StringLiterals;

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run cli(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(VIGIL_BINARY_DIR) + u"/app/vigil-cli"_s, args);
    p.waitForFinished(60000);
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

QString fixture(const QString& name)
{
    return QStringLiteral(VIGIL_TEST_DATA) + u'/' + name;
}

} // namespace

/** The command line as a user runs it: outputs, JSON fields and exit codes. */
class TestCli : public QObject {
    Q_OBJECT
private slots:
    void init();
    void usageErrorsExitOne_data();
    void usageErrorsExitOne();
    void unreadableInputsExitTwo();
    void ingestPrintsCounts();
    void ingestTwiceAddsNoAlertsOnHunt();
    void huntJsonKeepsExactValues();
    void huntTextIsTabSeparatedAndSafe();
    void incidentsJson();
    void rulesCheck();
    void newStoreGetsStarterRules();
    void huntWithoutUsableRulesFails();
    void interruptKeepsWhatWasStored();
    void verifyNamesWhatWasAltered();
    void metricsJson();
    void assetsImportReprioritises();
    void slaSetsDueTimes();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString db() const { return m_dir->filePath(u"cli.sqlite"_s); }
};

void TestCli::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
}

void TestCli::usageErrorsExitOne_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addRow("no command") << QStringList{};
    QTest::addRow("unknown command") << QStringList{u"frobnicate"_s};
    QTest::addRow("ingest without db") << QStringList{u"ingest"_s, u"x.log"_s};
    QTest::addRow("ingest without paths") << QStringList{u"ingest"_s, u"--db"_s, u"x.sqlite"_s};
    QTest::addRow("hunt without rules") << QStringList{u"hunt"_s, u"x.log"_s};
    QTest::addRow("option without value") << QStringList{u"ingest"_s, u"--db"_s};
    QTest::addRow("unknown option") << QStringList{u"incidents"_s, u"--db"_s, u"x"_s, u"--frob"_s};
    QTest::addRow("unknown format") << QStringList{u"ingest"_s, u"--db"_s, u"x"_s, u"--format"_s, u"nonsense"_s, u"y"_s};
    QTest::addRow("unknown zone") << QStringList{u"ingest"_s, u"--db"_s, u"x"_s, u"--tz"_s, u"Mars/Base"_s, u"y"_s};
    QTest::addRow("zero window") << QStringList{u"ingest"_s, u"--db"_s, u"x"_s, u"--window"_s, u"0"_s, u"y"_s};
    QTest::addRow("option as a value") << QStringList{u"ingest"_s, u"--db"_s, u"--rules"_s, u"r"_s, u"y"_s};
    QTest::addRow("db twice") << QStringList{u"ingest"_s, u"--db"_s, u"a"_s, u"--db"_s, u"b"_s, u"y"_s};
}

void TestCli::usageErrorsExitOne()
{
    QFETCH(QStringList, args);
    const Run r = cli(args);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(u"usage") || r.err.contains(u"vigil-cli"), qPrintable(r.err));
}

void TestCli::unreadableInputsExitTwo()
{
    Run r = cli({u"ingest"_s, u"--db"_s, db(), u"/nonexistent/auth.log"_s});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains(u"/nonexistent/auth.log"));
    r = cli({u"hunt"_s, u"--rules"_s, u"/nonexistent/rules"_s, fixture(u"logs/b16.jsonl"_s)});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains(u"/nonexistent/rules"));
    // --db pointing at a text file: refused, and the file is left as it was.
    QFile text(m_dir->filePath(u"notes.txt"_s));
    QVERIFY(text.open(QIODevice::WriteOnly));
    text.write("my notes\n");
    text.close();
    r = cli({u"incidents"_s, u"--db"_s, text.fileName()});
    QCOMPARE(r.exitCode, 2);
    r = cli({u"ingest"_s, u"--db"_s, text.fileName(), fixture(u"logs/b16.jsonl"_s)});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains(text.fileName()));
    QVERIFY(text.open(QIODevice::ReadOnly));
    QCOMPARE(text.readAll(), QByteArray("my notes\n"));
}

void TestCli::ingestPrintsCounts()
{
    const Run r = cli({u"ingest"_s, u"--db"_s, db(), u"--no-starter-rules"_s, u"--rules"_s,
                       fixture(u"rules/ssh_failed_password.yml"_s), fixture(u"logs/mixed.jsonl"_s),
                       fixture(u"logs/auth_bruteforce.log"_s)});
    QCOMPARE(r.exitCode, 0); // a rejected record is reported, not fatal
    QVERIFY2(r.out.contains(u"read:      19 records"), qPrintable(r.out));
    QVERIFY(r.out.contains(u"stored:    18 events"));
    QVERIFY(r.out.contains(u"rejected:  1"));
    QVERIFY(r.out.contains(u"mixed.jsonl:3: JSON string is not terminated"));
    QVERIFY(r.out.contains(u"alerts:    13 new"));
    QVERIFY(r.out.contains(u"incidents: 2 opened"));
    // The same files again: recognised by content and skipped, with a way to force it.
    const Run again = cli({u"ingest"_s, u"--db"_s, db(), fixture(u"logs/auth_bruteforce.log"_s)});
    QCOMPARE(again.exitCode, 0);
    QVERIFY2(again.out.contains(u"stored:    0 events"), qPrintable(again.out));
    QVERIFY(again.out.contains(u"skipped:   "_s + fixture(u"logs/auth_bruteforce.log"_s)));
    QVERIFY(again.out.contains(u"--reimport"));
    const Run forced = cli({u"ingest"_s, u"--db"_s, db(), u"--reimport"_s,
                            fixture(u"logs/auth_bruteforce.log"_s)});
    QVERIFY(forced.out.contains(u"stored:    15 events"));
}

void TestCli::ingestTwiceAddsNoAlertsOnHunt()
{
    QCOMPARE(cli({u"ingest"_s, u"--db"_s, db(), u"--no-starter-rules"_s,
                  fixture(u"logs/auth_bruteforce.log"_s)})
                 .exitCode,
             0);
    const QStringList hunt{u"hunt"_s, u"--db"_s, db(), u"--rules"_s,
                           fixture(u"rules/ssh_failed_password.yml"_s)};
    Run r = cli(hunt);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out.count(u'\n'), 13);
    QVERIFY2(r.err.contains(u"alerts 13 new (0 already recorded)"), qPrintable(r.err));
    r = cli(hunt);
    QVERIFY2(r.err.contains(u"alerts 0 new (13 already recorded)"), qPrintable(r.err));
    QVERIFY(r.err.contains(u"incidents 0 opened"));
}

// Case B16 end to end: the 64-bit id is matched exactly and printed exactly.
void TestCli::huntJsonKeepsExactValues()
{
    const Run r = cli({u"hunt"_s, u"--json"_s, u"--rules"_s, fixture(u"rules/b16_big_id.yml"_s),
                       u"--rules"_s, fixture(u"rules/b16_big_id_off_by_one.yml"_s),
                       fixture(u"logs/b16.jsonl"_s)});
    QCOMPARE(r.exitCode, 0);
    const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1);
    QVERIFY2(lines[0].contains(u"\"event_id\":9007199254740993"), qPrintable(lines[0]));
    QVERIFY(lines[0].contains(u"\"bytes\":1500"));
    const QJsonObject o = QJsonDocument::fromJson(lines[0].toUtf8()).object();
    QCOMPARE(o.value(u"rule_title").toString(), u"big id"_s);
    for (const char* key : {"rule_id", "rule_title", "level", "time", "host", "source", "fields"}) {
        QVERIFY2(o.contains(QLatin1String(key)), key);
    }
    QCOMPARE(o.value(u"source").toString(), fixture(u"logs/b16.jsonl"_s) + u":1"_s);
    QCOMPARE(o.value(u"time_source").toString(), u"received"_s);
}

void TestCli::huntTextIsTabSeparatedAndSafe()
{
    QFile log(m_dir->filePath(u"evil.jsonl"_s));
    QVERIFY(log.open(QIODevice::WriteOnly));
    log.write(R"({"ts":"2024-05-01T10:04:00.123456789Z","host":"evil\u001b[31mred","EventID":4625})" "\n");
    log.close();
    QFile rule(m_dir->filePath(u"r.yml"_s));
    QVERIFY(rule.open(QIODevice::WriteOnly));
    rule.write("title: failed logon\nid: 6b1f2c3d-0000-4000-8000-000000000001\nlevel: low\n"
               "logsource: {product: test}\ndetection:\n  sel:\n    EventID: 4625\n  condition: sel\n");
    rule.close();
    const Run r = cli({u"hunt"_s, u"--rules"_s, rule.fileName(), log.fileName()});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, u"6b1f2c3d-0000-4000-8000-000000000001\tfailed logon\tlow\t"
                    "2024-05-01T10:04:00.123456789Z\tevil\\x1b[31mred\n"_s);
}

void TestCli::incidentsJson()
{
    cli({u"ingest"_s, u"--db"_s, db(), u"--no-starter-rules"_s, u"--rules"_s,
         fixture(u"rules/ssh_failed_password.yml"_s), fixture(u"logs/auth_bruteforce.log"_s)});
    const Run r = cli({u"incidents"_s, u"--db"_s, db(), u"--json"_s});
    QCOMPARE(r.exitCode, 0);
    const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    for (const QString& line : lines) {
        const QJsonObject o = QJsonDocument::fromJson(line.toUtf8()).object();
        for (const char* key : {"id", "title", "status", "severity", "priority", "host",
                                "alert_count", "first_seen", "last_seen", "disposition"}) {
            QVERIFY2(o.contains(QLatin1String(key)), key);
        }
        QCOMPARE(o.value(u"status").toString(), u"new"_s);
        QCOMPARE(o.value(u"severity").toString(), u"high"_s);
        // high rule (75), no inventory, rule status "test" (0.9): 67.5 → 68, P2
        QCOMPARE(o.value(u"priority").toString(), u"P2"_s);
        QCOMPARE(o.value(u"priority_score").toInt(), 68);
        QCOMPARE(o.value(u"priority_parts").toObject().value(u"formula").toString(), u"v1"_s);
        QCOMPARE(o.value(u"overdue").toBool(true), false);
        QVERIFY(o.value(u"disposition").isNull());
        QVERIFY(o.value(u"first_seen").toString().endsWith(u'Z'));
    }
}

void TestCli::rulesCheck()
{
    QFile bad(m_dir->filePath(u"bad.yml"_s));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("title: broken\ndetection:\n  sel:\n    Image|endswithh: 'x'\n  condition: sel\n");
    bad.close();
    const Run r = cli({u"rules"_s, u"check"_s, fixture(u"rules"_s), bad.fileName()});
    QCOMPARE(r.exitCode, 2); // an invalid rule fails the check
    QCOMPARE(cli({u"rules"_s, u"check"_s, fixture(u"rules"_s)}).exitCode, 0);
    QVERIFY2(r.out.contains(bad.fileName() + u":4:"_s), qPrintable(r.out));
    QVERIFY(r.out.contains(u"endswithh"));
    QVERIFY(r.out.contains(u"4 rule documents: 3 loaded, 1 invalid, 0 unsupported"));

    // hunt and ingest point to `rules check --inert` for the rules that cannot match yet: it
    // names each file (a first-time user found only counts per log source).
    QFile auditd(m_dir->filePath(u"auditd.yml"_s));
    QVERIFY(auditd.open(QIODevice::WriteOnly));
    auditd.write("title: auditd rule\nlogsource:\n  product: linux\n  service: auditd\n"
                 "detection:\n  sel:\n    type: EXECVE\n  condition: sel\n");
    auditd.close();
    const Run inert = cli({u"rules"_s, u"check"_s, u"--inert"_s, auditd.fileName()});
    QCOMPARE(inert.exitCode, 0);
    QVERIFY2(inert.out.startsWith(auditd.fileName() + u": cannot match yet: "_s), qPrintable(inert.out));
    QVERIFY(!cli({u"rules"_s, u"check"_s, auditd.fileName()}).out.contains(auditd.fileName()));
    const Run help = cli({u"rules"_s, u"check"_s, u"--help"_s});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.startsWith(u"usage: vigil-cli rules check [--inert] PATH..."_s));
}

void TestCli::newStoreGetsStarterRules()
{
    const Run r = cli({u"ingest"_s, u"--db"_s, db(), fixture(u"logs/auth_bruteforce.log"_s)});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.contains(u"starter rules: 16 added"), qPrintable(r.err));
    // Starter rules: password failures (13, on two hosts), the accepted login from an external
    // address, and sudo to a root shell.
    QVERIFY2(r.out.contains(u"alerts:    15 new"), qPrintable(r.out));
    QVERIFY(r.out.contains(u"incidents: 4 opened"));
    // Only once per store.
    const Run again = cli({u"ingest"_s, u"--db"_s, db(), u"--reimport"_s, fixture(u"logs/b16.jsonl"_s)});
    QVERIFY(!again.err.contains(u"starter rules"));
}

void TestCli::huntWithoutUsableRulesFails()
{
    QFile bad(m_dir->filePath(u"bad.yml"_s));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("title: [unclosed\n");
    bad.close();
    const Run r = cli({u"hunt"_s, u"--rules"_s, bad.fileName(), fixture(u"logs/b16.jsonl"_s)});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains(u"none of the given rules can be used"));
}

void TestCli::interruptKeepsWhatWasStored()
{
    QFile big(m_dir->filePath(u"big.jsonl"_s));
    QVERIFY(big.open(QIODevice::WriteOnly));
    for (int i = 0; i < 1'000'000; ++i) {
        big.write("{\"ts\":\"2024-01-01T00:00:00Z\",\"n\":" + QByteArray::number(i) + "}\n");
    }
    big.close();
    QProcess p;
    p.start(QStringLiteral(VIGIL_BINARY_DIR) + u"/app/vigil-cli"_s,
            {u"ingest"_s, u"--db"_s, db(), u"--no-starter-rules"_s, big.fileName()});
    QVERIFY(p.waitForStarted());
    QTest::qWait(1500);
    p.terminate(); // SIGTERM, handled like Ctrl-C
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 130);
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    QVERIFY2(out.contains(u"cancelled"), qPrintable(out));
    const Run list = cli({u"incidents"_s, u"--db"_s, db()});
    QCOMPARE(list.exitCode, 0); // the store is consistent and readable
    auto store = vigil::Store::openReader(db());
    QVERIFY(store.has_value());
    auto s = store->prepare(u"SELECT status, records_read, events_stored, "
                            u"(SELECT count(*) FROM events) FROM import_runs");
    QVERIFY(*s->step());
    QCOMPARE(s->text(0), u"cancelled"_s);
    QVERIFY(s->int64(1) > 0 && s->int64(1) < 1'000'000);
    QCOMPARE(s->int64(2), s->int64(1));
    QCOMPARE(s->int64(3), s->int64(1));
}

void TestCli::verifyNamesWhatWasAltered()
{
    QCOMPARE(cli({u"ingest"_s, u"--db"_s, db(), fixture(u"logs/auth_bruteforce.log"_s)}).exitCode, 0);
    Run r = cli({u"verify"_s, u"--db"_s, db()});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(u"hash chain intact"), qPrintable(r.out));
    QVERIFY(r.out.contains(u"all agree"));
    {
        auto store = vigil::Database::open(db());
        QVERIFY(store->exec(u"DROP TRIGGER journal_no_update; "
                            u"UPDATE journal SET actor = 'mallory' WHERE seq = 2; "
                            u"UPDATE incidents SET status = 'closed', disposition = 'fp_logic' WHERE id = 1")
                    .has_value());
    }
    r = cli({u"verify"_s, u"--db"_s, db()});
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.out.contains(u"ALTERED at entry 2"), qPrintable(r.out));
    QVERIFY(r.out.contains(u"incident 1: ALTERED: the incident says closed, its journal says new"));
}

void TestCli::metricsJson()
{
    cli({u"ingest"_s, u"--db"_s, db(), u"--no-starter-rules"_s, u"--rules"_s,
         fixture(u"rules/ssh_failed_password.yml"_s), fixture(u"logs/auth_bruteforce.log"_s)});
    const Run r = cli({u"metrics"_s, u"--db"_s, db(), u"--json"_s});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(o.value(u"incidents").toInt(), 2);
    QCOMPARE(o.value(u"closed").toInt(), 0);
    for (const char* key :
         {"mttd", "dwell", "mtta", "time_to_verdict", "mttc", "mttr_respond", "mttr_resolve"}) {
        QVERIFY2(o.value(QLatin1String(key)).toObject().contains(u"median_s"), key);
    }
    const Run text = cli({u"metrics"_s, u"--db"_s, db()});
    QVERIFY(text.out.contains(u"MTTR (resolve)"));
}

void TestCli::assetsImportReprioritises()
{
    cli({u"ingest"_s, u"--db"_s, db(), u"--no-starter-rules"_s, u"--rules"_s,
         fixture(u"rules/ssh_failed_password.yml"_s), fixture(u"logs/auth_bruteforce.log"_s)});
    const auto priorities = [this] {
        QStringList list;
        const Run r = cli({u"incidents"_s, u"--db"_s, db(), u"--json"_s});
        for (const QString& line : r.out.split(u'\n', Qt::SkipEmptyParts)) {
            const QJsonObject o = QJsonDocument::fromJson(line.toUtf8()).object();
            list << o.value(u"host").toString() + u'=' + o.value(u"priority").toString();
        }
        list.sort();
        return list;
    };
    const QStringList before = priorities();
    QCOMPARE(before.size(), 2);
    const QString host = before.first().section(u'=', 0, 0);
    const QString inventory = m_dir->filePath(u"inventory.csv"_s);
    QFile f(inventory);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(u"kind,name,criticality\nhost,%1,critical\nhost,x,urgent\n"_s.arg(host).toUtf8());
    f.close();
    const Run r = cli({u"assets"_s, u"import"_s, u"--db"_s, db(), inventory});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains(u"1 added, 0 updated, 0 unchanged, 1 left out"_s));
    QVERIFY(r.err.contains(u"inventory.csv:3: criticality must be low, medium, high or critical"_s));
    QVERIFY(r.out.contains(u"open incidents whose priority, score or due time changed: 1"_s));
    QVERIFY(priorities() != before);
    const Run list = cli({u"assets"_s, u"list"_s, u"--db"_s, db(), u"--json"_s});
    QVERIFY(list.out.contains(u"\"criticality\":\"critical\""_s));
    QCOMPARE(cli({u"assets"_s, u"frobnicate"_s}).exitCode, 1);
}

void TestCli::slaSetsDueTimes()
{
    cli({u"ingest"_s, u"--db"_s, db(), u"--no-starter-rules"_s, u"--rules"_s,
         fixture(u"rules/ssh_failed_password.yml"_s), fixture(u"logs/auth_bruteforce.log"_s)});
    const Run shown = cli({u"sla"_s, u"--db"_s, db()});
    QCOMPARE(shown.exitCode, 0);
    QVERIFY(shown.out.contains(u"P1  due 4h after"_s));
    QVERIFY(shown.out.contains(u"P4  due 1w after"_s));
    const Run set = cli({u"sla"_s, u"--db"_s, db(), u"P1=30m"_s, u"p2=2h"_s, u"P3=1d"_s,
                         u"P4=2d"_s});
    QCOMPARE(set.exitCode, 0);
    QVERIFY(set.out.contains(u"open incidents with a new due time: 2"_s));
    QVERIFY(set.out.contains(u"P3  due 1d after"_s));
    const Run list = cli({u"incidents"_s, u"--db"_s, db(), u"--json"_s});
    for (const QString& line : list.out.split(u'\n', Qt::SkipEmptyParts)) {
        const QJsonObject o = QJsonDocument::fromJson(line.toUtf8()).object();
        const QDateTime created = QDateTime::fromString(o.value(u"created").toString(), Qt::ISODate);
        const QDateTime due = QDateTime::fromString(o.value(u"due").toString(), Qt::ISODate);
        const QMap<QString, qint64> sla{{u"P1"_s, 1800}, {u"P2"_s, 7200}, {u"P3"_s, 86400},
                                        {u"P4"_s, 2 * 86400}};
        const qint64 expected = sla.value(o.value(u"priority").toString(), -1);
        QCOMPARE(created.secsTo(due), expected);
    }
    QCOMPARE(cli({u"sla"_s, u"--db"_s, db(), u"P5=1h"_s}).exitCode, 1);
    QCOMPARE(cli({u"sla"_s, u"--db"_s, db(), u"P1=soon"_s}).exitCode, 1);
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
