#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
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

QList<QJsonObject> jsonLines(const QString& text)
{
    QList<QJsonObject> out;
    for (const QString& line : text.split(u'\n', Qt::SkipEmptyParts)) {
        out << QJsonDocument::fromJson(line.toUtf8()).object();
    }
    return out;
}

const QString kRule = u"0f6a9c1e-5d1b-4f43-9a55-3c1d7e2b8a01"_s;

} // namespace

/**
 * The incident-detection commands as a user runs them: alerts and their workflow, rule
 * grouping, merge and split, suppressions. The fixture auth_bruteforce.log gives 13 alerts of
 * the SSH rule: 12 on bastion-1 from 203.0.113.77, one on web-2 from 198.51.100.4.
 */
class TestCliDetection : public QObject {
    Q_OBJECT
private slots:
    void init();
    void usageErrors_data();
    void usageErrors();
    void alertsListAndWorkflow();
    void groupingBySourceAddress();
    void mergeAndSplit();
    void suppressPreviewSaveAndCount();

private:
    void ingest(const QString& log = fixture(u"logs/auth_bruteforce.log"_s));
    std::unique_ptr<QTemporaryDir> m_dir;
    QString db() const { return m_dir->filePath(u"det.sqlite"_s); }
};

void TestCliDetection::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
}

void TestCliDetection::ingest(const QString& log)
{
    const Run r = cli({u"ingest"_s, u"--db"_s, db(), u"--no-starter-rules"_s, u"--reimport"_s,
                       u"--rules"_s, fixture(u"rules/ssh_failed_password.yml"_s), log});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
}

void TestCliDetection::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::addRow("alerts without db") << QStringList{u"alerts"_s} << u"--db FILE is required"_s;
    QTest::addRow("unknown status") << QStringList{u"alerts"_s, u"--db"_s, u"x"_s, u"--status"_s, u"open"_s}
                                    << u"in_triage"_s;
    QTest::addRow("set without status") << QStringList{u"alerts"_s, u"--db"_s, u"x"_s, u"--set"_s, u"1"_s}
                                        << u"needs --status"_s;
    QTest::addRow("bad grouping key") << QStringList{u"rules"_s, u"grouping"_s, u"--db"_s, u"x"_s, u"r"_s, u"--key"_s, u"mac"_s}
                                      << u"host, user, src_ip or field:NAME"_s;
    QTest::addRow("bad window") << QStringList{u"rules"_s, u"grouping"_s, u"--db"_s, u"x"_s, u"r"_s, u"--window"_s, u"30"_s}
                                << u"30m, 2h or 1d"_s;
    QTest::addRow("merge one list, split other") << QStringList{u"incidents"_s, u"--db"_s, u"x"_s, u"--merge"_s, u"1,2"_s, u"--alerts"_s, u"3"_s}
                                                 << u"usage"_s;
    QTest::addRow("merge bad list") << QStringList{u"incidents"_s, u"--db"_s, u"x"_s, u"--merge"_s, u"1,a"_s}
                                    << u"list of ids"_s;
    QTest::addRow("split without alerts") << QStringList{u"incidents"_s, u"--db"_s, u"x"_s, u"--split"_s, u"1"_s}
                                          << u"usage"_s;
    QTest::addRow("suppress without field") << QStringList{u"suppress"_s, u"--db"_s, u"x"_s, u"--rule"_s, u"r"_s, u"--expires"_s, u"7d"_s}
                                            << u"at least one --field"_s;
    QTest::addRow("suppress bad field") << QStringList{u"suppress"_s, u"--db"_s, u"x"_s, u"--rule"_s, u"r"_s, u"--field"_s, u"user"_s, u"--expires"_s, u"7d"_s}
                                        << u"NAME=VALUE"_s;
    QTest::addRow("suppress bad expiry") << QStringList{u"suppress"_s, u"--db"_s, u"x"_s, u"--rule"_s, u"r"_s, u"--field"_s, u"user=a"_s, u"--expires"_s, u"soon"_s}
                                         << u"duration"_s;
    QTest::addRow("suppress unknown option") << QStringList{u"suppress"_s, u"--db"_s, u"x"_s, u"--forever"_s}
                                             << u"unknown option"_s;
}

void TestCliDetection::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Run r = cli(args);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
}

void TestCliDetection::alertsListAndWorkflow()
{
    ingest();
    Run r = cli({u"alerts"_s, u"--db"_s, db(), u"--json"_s});
    QCOMPARE(r.exitCode, 0);
    QList<QJsonObject> alerts = jsonLines(r.out);
    QCOMPARE(alerts.size(), 13);
    for (const QJsonObject& a : alerts) {
        QCOMPARE(a.value(u"status").toString(), u"new"_s);
        QVERIFY(a.value(u"incident_id").toInt() > 0);
        QCOMPARE(a.value(u"rule_id").toString(), kRule);
        QVERIFY(a.value(u"status_by").isNull());
    }
    QVERIFY2(r.err.contains(u"13 new"), qPrintable(r.err));
    const QString id = QString::number(alerts.front().value(u"id").toInt());
    r = cli({u"alerts"_s, u"--db"_s, db(), u"--set"_s, id, u"--status"_s, u"acknowledged"_s});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(u"is now Acknowledged"), qPrintable(r.out));
    // A move the workflow does not allow is refused, naming the allowed ones.
    r = cli({u"alerts"_s, u"--db"_s, db(), u"--set"_s, id, u"--status"_s, u"new"_s});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(u"allowed: In triage, Escalated, Closed, Suppressed, Merged"),
             qPrintable(r.err));
    r = cli({u"alerts"_s, u"--db"_s, db(), u"--set"_s, id, u"--status"_s, u"closed"_s,
             u"--comment"_s, u"scanner noise"_s});
    QCOMPARE(r.exitCode, 0);
    r = cli({u"alerts"_s, u"--db"_s, db(), u"--status"_s, u"closed"_s, u"--json"_s});
    alerts = jsonLines(r.out);
    QCOMPARE(alerts.size(), 1);
    QCOMPARE(QString::number(alerts.front().value(u"id").toInt()), id);
    QVERIFY(!alerts.front().value(u"status_by").toString().isEmpty());
    QVERIFY(r.err.contains(u"12 new"));
    QVERIFY(r.err.contains(u"1 closed"));
    r = cli({u"alerts"_s, u"--db"_s, db(), u"--set"_s, u"9999"_s, u"--status"_s, u"closed"_s});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains(u"no alert 9999"));
    // The journal verifies with the alert's changes in it; an edit behind Vigil's back does not.
    r = cli({u"verify"_s, u"--db"_s, db()});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(u"alerts: every status agrees with its journal"), qPrintable(r.out));
    {
        auto store = vigil::Store::openWriter(db());
        QVERIFY(store.has_value());
        QVERIFY(store->exec(QString(u"UPDATE alerts SET status = 'new' WHERE id = "_s + id)).has_value());
    }
    r = cli({u"verify"_s, u"--db"_s, db()});
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.out.contains(u"alert "_s + id + u" is new, its journal says closed: ALTERED"_s),
             qPrintable(r.out));
}

void TestCliDetection::groupingBySourceAddress()
{
    ingest(fixture(u"logs/mixed.jsonl"_s)); // puts the rule into the store's library
    Run r = cli({u"rules"_s, u"grouping"_s, u"--db"_s, db(), u"Test rule - SSH failed password"_s});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(u"key host  window 1h  (default)"), qPrintable(r.out));
    r = cli({u"rules"_s, u"grouping"_s, u"--db"_s, db(), kRule, u"--key"_s, u"src_ip"_s,
             u"--window"_s, u"30m"_s});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(u"key src_ip  window 30m"), qPrintable(r.out));
    r = cli({u"rules"_s, u"grouping"_s, u"--db"_s, db(), u"nonesuch"_s, u"--key"_s, u"user"_s});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains(u"no rule \"nonesuch\""));
    // One address guessing on two hosts, another on the first: grouped by address, the two
    // hosts' alerts share an incident (by host they would not).
    QFile log(m_dir->filePath(u"spray.log"_s));
    QVERIFY(log.open(QIODevice::WriteOnly));
    log.write("Mar  4 10:15:00 host-a sshd[1]: Failed password for root from 192.0.2.9 port 1 ssh2\n"
              "Mar  4 10:16:00 host-b sshd[2]: Failed password for root from 192.0.2.9 port 2 ssh2\n"
              "Mar  4 10:17:00 host-a sshd[3]: Failed password for root from 192.0.2.10 port 3 ssh2\n");
    log.close();
    ingest(log.fileName());
    r = cli({u"alerts"_s, u"--db"_s, db(), u"--json"_s});
    QMap<QString, int> incidentOf;
    for (const QJsonObject& a : jsonLines(r.out)) {
        incidentOf[a.value(u"host").toString() + u' ' + a.value(u"time").toString().mid(11, 5)] =
            a.value(u"incident_id").toInt();
    }
    QCOMPARE(incidentOf.size(), 3);
    QCOMPARE(incidentOf[u"host-a 10:15"_s], incidentOf[u"host-b 10:16"_s]);
    QVERIFY(incidentOf[u"host-a 10:17"_s] != incidentOf[u"host-a 10:15"_s]);
    r = cli({u"incidents"_s, u"--db"_s, db(), u"--json"_s});
    QCOMPARE(jsonLines(r.out).size(), 2);
    // With the user as key, every guessed name opens its own incident.
    cli({u"rules"_s, u"grouping"_s, u"--db"_s, db(), kRule, u"--key"_s, u"user"_s});
    r = cli({u"rules"_s, u"grouping"_s, u"--db"_s, db(), u"--list"_s});
    QVERIFY2(r.out.contains(u"key user  window 30m"), qPrintable(r.out));
}

void TestCliDetection::mergeAndSplit()
{
    ingest();
    Run r = cli({u"incidents"_s, u"--db"_s, db(), u"--merge"_s, u"1,2"_s, u"--into"_s, u"2"_s});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(u"merged incidents 1 into 2: 12 alerts moved"), qPrintable(r.out));
    r = cli({u"incidents"_s, u"--db"_s, db(), u"--json"_s});
    QMap<int, QJsonObject> byId;
    for (const QJsonObject& o : jsonLines(r.out)) {
        byId[o.value(u"id").toInt()] = o;
    }
    QCOMPARE(byId[2].value(u"alert_count").toInt(), 13);
    // The target spans every alert's own time: bastion-1's first to web-2's last.
    QVERIFY(byId[2].value(u"first_seen").toString().endsWith(u"-03-04T10:15:00Z"));
    QVERIFY(byId[2].value(u"last_seen").toString().endsWith(u"-03-04T10:19:00Z"));
    QCOMPARE(byId[1].value(u"status").toString(), u"closed"_s);
    QCOMPARE(byId[1].value(u"disposition").toString(), u"duplicate"_s);
    QCOMPARE(byId[1].value(u"alert_count").toInt(), 0);
    QCOMPARE(byId[1].value(u"merged_into").toInt(), 2);
    QVERIFY(byId[2].value(u"merged_into").isNull());
    // Merging again, or into something that is not open, is refused with the reason.
    r = cli({u"incidents"_s, u"--db"_s, db(), u"--merge"_s, u"1,2"_s});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(u"already merged into incident 2"), qPrintable(r.err));
    // Split the web-2 alert (the last one) off again.
    r = cli({u"alerts"_s, u"--db"_s, db(), u"--json"_s, u"--limit"_s, u"1"_s});
    const QString last = QString::number(jsonLines(r.out).front().value(u"id").toInt());
    r = cli({u"incidents"_s, u"--db"_s, db(), u"--split"_s, u"2"_s, u"--alerts"_s, last});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(u"into new incident 3"), qPrintable(r.out));
    r = cli({u"incidents"_s, u"--db"_s, db(), u"--json"_s});
    byId.clear();
    for (const QJsonObject& o : jsonLines(r.out)) {
        byId[o.value(u"id").toInt()] = o;
    }
    QCOMPARE(byId[2].value(u"alert_count").toInt(), 12);
    QCOMPARE(byId[3].value(u"alert_count").toInt(), 1);
    QCOMPARE(byId[3].value(u"host").toString(), u"web-2"_s);
    QCOMPARE(byId[3].value(u"status").toString(), u"new"_s);
    r = cli({u"incidents"_s, u"--db"_s, db(), u"--split"_s, u"3"_s, u"--alerts"_s, last});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains(u"keep at least one"));
    QCOMPARE(cli({u"verify"_s, u"--db"_s, db()}).exitCode, 0);
}

void TestCliDetection::suppressPreviewSaveAndCount()
{
    ingest();
    const QStringList base{u"suppress"_s, u"--db"_s, db(), u"--rule"_s,
                           u"Test rule - SSH failed password"_s, u"--expires"_s, u"7d"_s};
    Run r = cli(base + QStringList{u"--field"_s, u"src_ip=203.0.113.77"_s, u"--preview"_s});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(u"would have hidden 12 of the 13 stored alerts"), qPrintable(r.out));
    r = cli(base + QStringList{u"--field"_s, u"src_ip=203.0.113.77"_s, u"--field"_s,
                               u"host=web-2"_s, u"--preview"_s});
    QVERIFY2(r.out.contains(u"would have hidden 0 of the 13"), qPrintable(r.out));
    // An empty value matches events without the field as well: said, not hidden.
    r = cli(base + QStringList{u"--field"_s, u"user="_s, u"--preview"_s});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.contains(u"an empty value also matches events that have no such field at "
                            u"all (user)"),
             qPrintable(r.err));
    r = cli(base + QStringList{u"--field"_s, u"host=WEB-2"_s, u"--reason"_s, u"lab box"_s});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(u"would have hidden 1 of the 13"), qPrintable(r.out));
    QVERIFY(r.out.contains(u"suppression 1 saved"));
    r = cli({u"suppress"_s, u"--db"_s, db(), u"--list"_s, u"--json"_s});
    QList<QJsonObject> list = jsonLines(r.out);
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.front().value(u"preview_count").toInt(), 1);
    QCOMPARE(list.front().value(u"suppressed").toInt(), 0);
    QCOMPARE(list.front().value(u"active").toBool(), true);
    QCOMPARE(list.front().value(u"fields").toObject().value(u"host").toString(), u"WEB-2"_s);
    QCOMPARE(list.front().value(u"rule_title").toString(), u"Test rule - SSH failed password"_s);
    // The same log again: the web-2 alert is stored, suppressed and counted, not an incident.
    const QString copy = m_dir->filePath(u"again.log"_s);
    QVERIFY(QFile::copy(fixture(u"logs/auth_bruteforce.log"_s), copy));
    r = cli({u"ingest"_s, u"--db"_s, db(), u"--reimport"_s, copy});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(u"1 of them suppressed"), qPrintable(r.out));
    r = cli({u"alerts"_s, u"--db"_s, db(), u"--status"_s, u"suppressed"_s, u"--json"_s});
    list = jsonLines(r.out);
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.front().value(u"host").toString(), u"web-2"_s);
    QVERIFY(list.front().value(u"incident_id").isNull());
    QCOMPARE(list.front().value(u"suppression_id").toInt(), 1);
    r = cli({u"suppress"_s, u"--db"_s, db(), u"--list"_s});
    QVERIFY2(r.out.contains(u"active"), qPrintable(r.out));
    QCOMPARE(jsonLines(cli({u"suppress"_s, u"--db"_s, db(), u"--list"_s, u"--json"_s}).out)
                 .front()
                 .value(u"suppressed")
                 .toInt(),
             1);
    r = cli({u"suppress"_s, u"--db"_s, db(), u"--rule"_s, u"nonesuch"_s, u"--field"_s, u"a=b"_s,
             u"--expires"_s, u"1d"_s});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains(u"no rule"));
    // Part of a title is not taken as the rule, but the rules it could mean are named.
    r = cli({u"suppress"_s, u"--db"_s, db(), u"--rule"_s, u"ssh FAILED"_s, u"--field"_s,
             u"a=b"_s, u"--expires"_s, u"1d"_s});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(u"titles containing it: \"Test rule - SSH failed password\" "
                            u"(0f6a9c1e-5d1b-4f43-9a55-3c1d7e2b8a01)"),
             qPrintable(r.err));
    // Ended early: listed as no longer active; ending it twice, or a bad id, is refused.
    r = cli({u"suppress"_s, u"--db"_s, db(), u"--end"_s, u"1"_s, u"--reason"_s, u"box fixed"_s});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(u"suppression 1 ended"), qPrintable(r.out));
    const QJsonObject ended =
        jsonLines(cli({u"suppress"_s, u"--db"_s, db(), u"--list"_s, u"--json"_s}).out).front();
    QCOMPARE(ended.value(u"active").toBool(), false);
    QCOMPARE(ended.value(u"state").toString(), u"ended"_s);
    QCOMPARE(ended.value(u"end_reason").toString(), u"box fixed"_s);
    QVERIFY(ended.value(u"expires").toString() > ended.value(u"ended").toString());
    r = cli({u"suppress"_s, u"--db"_s, db(), u"--list"_s});
    QVERIFY2(r.out.contains(u"ended") && r.out.contains(u": box fixed"), qPrintable(r.out));
    QVERIFY2(r.out.contains(u"Test rule - SSH failed password"), qPrintable(r.out));
    r = cli({u"suppress"_s, u"--db"_s, db(), u"--end"_s, u"1"_s});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(u"no longer active"), qPrintable(r.err));
    r = cli({u"suppress"_s, u"--db"_s, db(), u"--end"_s, u"42"_s});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(u"no suppression 42"), qPrintable(r.err));
    r = cli({u"suppress"_s, u"--db"_s, db(), u"--end"_s, u"one"_s});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(u"--end takes a suppression id"), qPrintable(r.err));
    QCOMPARE(cli({u"verify"_s, u"--db"_s, db()}).exitCode, 0);
}

QTEST_GUILESS_MAIN(TestCliDetection)
#include "tst_cli_detection.moc"
