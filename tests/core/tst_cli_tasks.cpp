#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

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

QList<QJsonObject> jsonLines(const QString& text)
{
    QList<QJsonObject> out;
    for (const QString& line : text.split(u'\n', Qt::SkipEmptyParts)) {
        out << QJsonDocument::fromJson(line.toUtf8()).object();
    }
    return out;
}

} // namespace

/** `vigil-cli tasks` and `vigil-cli playbooks` as a user runs them. */
class TestCliTasks : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void ingestAttachesBruteForcePlaybook();
    void setStatusOwnerAndNote();
    void attachAndAddMidCase();
    void refusals_data();
    void refusals();
    void playbooksListsAndNamesBrokenFiles();

private:
    QString db() const { return m_dir.filePath(u"tasks.sqlite"_s); }
    QString incident() const { return QString::number(m_incident); }
    QList<QJsonObject> tasks();

    QTemporaryDir m_dir;
    qint64 m_incident = 0;
};

void TestCliTasks::initTestCase()
{
    const Run r = cli({u"ingest"_s, u"--db"_s, db(),
                       QStringLiteral(VIGIL_TEST_DATA) + u"/logs/auth_bruteforce.log"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    // The incident of the starter rule for sshd failures (attack.t1110.*) on bastion-1.
    const Run list = cli({u"incidents"_s, u"--db"_s, db(), u"--json"_s});
    for (const QJsonObject& o : jsonLines(list.out)) {
        if (o[u"host"_s].toString() == u"bastion-1"_s && o[u"alert_count"_s].toInt() > 5) {
            m_incident = o[u"id"_s].toInteger();
        }
    }
    QVERIFY(m_incident > 0);
}

QList<QJsonObject> TestCliTasks::tasks()
{
    return jsonLines(cli({u"tasks"_s, u"--db"_s, db(), u"--incident"_s, incident(), u"--json"_s}).out);
}

void TestCliTasks::ingestAttachesBruteForcePlaybook()
{
    const QList<QJsonObject> t = tasks();
    QCOMPARE(t.size(), 10);
    for (const QJsonObject& o : t) {
        QCOMPARE(o[u"playbook"_s].toString(), u"brute-force"_s);
        QCOMPARE(o[u"status"_s].toString(), u"open"_s);
        QVERIFY(o[u"done"_s].isNull());
    }
    QCOMPARE(t.front()[u"phase"_s].toString(), u"containment"_s);
    QCOMPARE(t.back()[u"phase"_s].toString(), u"recovery"_s);
    const Run text = cli({u"tasks"_s, u"--db"_s, db(), u"--incident"_s, incident()});
    QCOMPARE(text.exitCode, 0);
    QVERIFY(text.out.startsWith(u"   ID  PHASE        STATUS       OWNER         DONE (UTC)"_s));
    QVERIFY(text.err.contains(u"10 tasks, 0 done or skipped"_s));
}

void TestCliTasks::setStatusOwnerAndNote()
{
    const QString id = QString::number(tasks()[1][u"id"_s].toInteger());
    Run r = cli({u"tasks"_s, u"--db"_s, db(), u"--incident"_s, incident(), u"--set"_s, id,
                 u"--status"_s, u"done"_s, u"--owner"_s, u"alice"_s, u"--note"_s,
                 u"Blocked 203.0.113.45 on fw-edge"_s, u"--json"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    r = cli({u"tasks"_s, u"--db"_s, db(), u"--incident"_s, incident(), u"--set"_s, id,
             u"--note"_s, u"CHG-1234"_s});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject t = tasks()[1];
    QCOMPARE(t[u"status"_s].toString(), u"done"_s);
    QCOMPARE(t[u"owner"_s].toString(), u"alice"_s);
    QCOMPARE(t[u"notes"_s].toString(), u"Blocked 203.0.113.45 on fw-edge\nCHG-1234"_s);
    QVERIFY(t[u"done"_s].toString().startsWith(u"20"_s));
    // Every change is in the journal, which still verifies and agrees with the tasks.
    const Run verify = cli({u"verify"_s, u"--db"_s, db()});
    QVERIFY2(verify.exitCode == 0, qPrintable(verify.out + verify.err));
}

void TestCliTasks::attachAndAddMidCase()
{
    Run r = cli({u"tasks"_s, u"--db"_s, db(), u"--incident"_s, incident(), u"--attach"_s,
                 u"unauthorised-access"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(r.out.contains(u"playbook unauthorised-access attached"_s));
    r = cli({u"tasks"_s, u"--db"_s, db(), u"--incident"_s, incident(), u"--add"_s,
             u"Ask the ISP's abuse desk about 203.0.113.45"_s, u"--phase"_s, u"eradication"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QList<QJsonObject> t = tasks();
    QCOMPARE(t.size(), 10 + 10 + 1);
    bool found = false;
    for (const QJsonObject& o : t) {
        found = found || (o[u"title"_s].toString().startsWith(u"Ask the ISP"_s)
                          && o[u"playbook"_s].isNull() && o[u"phase"_s] == u"eradication"_s);
    }
    QVERIFY(found);
    r = cli({u"tasks"_s, u"--db"_s, db(), u"--incident"_s, incident(), u"--attach"_s,
             u"brute-force"_s});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains(u"already attached"_s));
}

void TestCliTasks::refusals_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::addRow("no incident") << QStringList{u"--db"_s, u"x.sqlite"_s} << u"--incident are required"_s;
    QTest::addRow("add without phase") << QStringList{u"--add"_s, u"x"_s} << u"go together"_s;
    QTest::addRow("unknown phase") << QStringList{u"--add"_s, u"x"_s, u"--phase"_s, u"detection"_s}
                                   << u"unknown phase \"detection\""_s;
    QTest::addRow("unknown status") << QStringList{u"--set"_s, u"1"_s, u"--status"_s, u"finished"_s}
                                    << u"unknown status \"finished\""_s;
    QTest::addRow("status without set") << QStringList{u"--status"_s, u"done"_s} << u"named by --set"_s;
    QTest::addRow("two actions") << QStringList{u"--attach"_s, u"malware"_s, u"--set"_s, u"1"_s,
                                                u"--status"_s, u"done"_s}
                                 << u"one of --attach"_s;
    QTest::addRow("unknown playbook") << QStringList{u"--attach"_s, u"nope"_s} << u"no playbook \"nope\""_s;
    QTest::addRow("task of another incident") << QStringList{u"--set"_s, u"999999"_s, u"--owner"_s, u"x"_s}
                                              << u"no task 999999"_s;
}

void TestCliTasks::refusals()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    QStringList full{u"tasks"_s, u"--db"_s, db(), u"--incident"_s, incident()};
    if (args.first() == u"--db") {
        full = QStringList{u"tasks"_s};
    }
    const Run r = cli(full + args);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
}

void TestCliTasks::playbooksListsAndNamesBrokenFiles()
{
    Run r = cli({u"playbooks"_s});
    QCOMPARE(r.exitCode, 0);
    for (const QString& id : {u"malware"_s, u"unauthorised-access"_s, u"brute-force"_s,
                              u"data-exfiltration"_s, u"phishing"_s, u"web-attack"_s}) {
        QVERIFY2(r.out.contains(u'\n' + id + u' '), qPrintable(id));
    }
    QVERIFY(r.err.contains(u"6 playbooks loaded, 0 not loaded"_s));
    QTemporaryDir own;
    QFile good(own.filePath(u"dc.yml"_s));
    QVERIFY(good.open(QIODevice::WriteOnly));
    good.write("id: dc-recon\ntitle: DC recon\ntasks:\n  containment:\n    - title: Find the user\n");
    good.close();
    QFile bad(own.filePath(u"broken.yml"_s));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("id: broken\ntitle: Broken\ntasks:\n  containment:\n    - title: a\n  cleanup:\n");
    bad.close();
    r = cli({u"playbooks"_s, u"--dir"_s, own.path(), u"--json"_s});
    QCOMPARE(r.exitCode, 2);
    QCOMPARE(jsonLines(r.out).size(), 7);
    QVERIFY2(r.err.contains(own.filePath(u"broken.yml"_s) + u":6:3: not loaded: unknown phase \"cleanup\""_s),
             qPrintable(r.err));
}

QTEST_GUILESS_MAIN(TestCliTasks)
#include "tst_cli_tasks.moc"
