// vigil-cli queue and triage: the queue's filters, saved views and actions without the app.
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "storage/store.h"
#include "triage/incident_queries.h"
#include "triage/queue_filter.h"

using namespace vigil;
using namespace Qt::StringLiterals;

namespace {

struct Run {
    int code = -1;
    QString out;
    QString err;
};

Run cli(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(VIGIL_BINARY_DIR) + u"/app/vigil-cli"_s, args);
    Run r;
    if (!p.waitForFinished(60000)) {
        return r;
    }
    r.code = p.exitCode();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace

class TestCliQueue : public QObject {
    Q_OBJECT
private slots:
    void triageAndQueue();
};

void TestCliQueue::triageAndQueue()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(u"q.sqlite"_s);
    const QString data = QStringLiteral(VIGIL_TEST_DATA);
    Run r = cli({u"ingest"_s, u"--db"_s, db, u"--rules"_s, data + u"/rules/ssh_failed_password.yml"_s,
                 data + u"/logs/auth_bruteforce.log"_s});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    qint64 bastion = 0;
    qint64 web = 0;
    {
        auto reader = Store::openReader(db);
        QVERIFY(reader.has_value());
        const auto list = IncidentQueries::list(*reader);
        QVERIFY(list.has_value());
        for (const IncidentRecord& i : *list) {
            if (i.ruleUid == u"0f6a9c1e-5d1b-4f43-9a55-3c1d7e2b8a01"_s) {
                (i.host == u"bastion-1"_s ? bastion : web) = i.id;
            }
        }
    }
    QVERIFY(bastion != 0 && web != 0);
    const QString b = QString::number(bastion);
    const QString w = QString::number(web);

    r = cli({u"triage"_s, u"--db"_s, db, u"--incident"_s, b, u"--incident"_s, w, u"--ack"_s});
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out, u"incident %1: done\nincident %2: done\n"_s.arg(b, w));
    r = cli({u"triage"_s, u"--db"_s, db, u"--incident"_s, b, u"--assign"_s, u"bob"_s});
    QCOMPARE(r.code, 0);
    r = cli({u"triage"_s, u"--db"_s, db, u"--incident"_s, w, u"--status"_s, u"investigating"_s});
    QCOMPARE(r.code, 0);
    // Contained: allowed for web-2, refused for bastion-1 with the reason; exit 3.
    r = cli({u"triage"_s, u"--db"_s, db, u"--incident"_s, b, u"--incident"_s, w, u"--status"_s,
             u"contained"_s});
    QCOMPARE(r.code, 3);
    QCOMPARE(r.out, u"incident %1: done\n"_s.arg(w));
    QCOMPARE(r.err, u"incident %1: refused: an incident cannot move from New to Contained; "
                    "allowed: Investigating, On hold, Closed\n"_s.arg(b));
    r = cli({u"triage"_s, u"--db"_s, db, u"--incident"_s, b, u"--status"_s, u"closed"_s});
    QCOMPARE(r.code, 3);
    QVERIFY(r.err.contains(u"requires a disposition"_s));
    r = cli({u"triage"_s, u"--db"_s, db, u"--incident"_s, b, u"--ack"_s, u"--note"_s, u"x"_s});
    QCOMPARE(r.code, 1); // one action at a time

    // Filters and a saved view.
    r = cli({u"queue"_s, u"--db"_s, db, u"--assignee"_s, u"bob"_s, u"--json"_s,
             u"--save-view"_s, u"Bob"_s});
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out.count(u'\n'), 1);
    QVERIFY(r.out.startsWith(u"{\"id\":%1,"_s.arg(b)));
    QVERIFY(r.out.contains(u"\"assignee\":\"bob\",\"acknowledged\":true"_s));
    r = cli({u"queue"_s, u"--db"_s, db, u"--view"_s, u"bob"_s, u"--json"_s});
    QCOMPARE(r.out.count(u'\n'), 1);
    r = cli({u"queue"_s, u"--db"_s, db, u"--status"_s, u"contained"_s, u"--json"_s});
    QCOMPARE(r.out.count(u'\n'), 1);
    QVERIFY(r.out.startsWith(u"{\"id\":%1,"_s.arg(w)));
    r = cli({u"queue"_s, u"--db"_s, db, u"--status"_s, u"pending"_s});
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains(u"unknown status \"pending\""_s));
    QVERIFY(r.err.contains(u"(use new, investigating, contained"_s)); // the codes are named

    // Found by a first-time user: @me was stored literally, and the display name a refusal
    // prints ("On hold") was not accepted back.
    r = cli({u"triage"_s, u"--db"_s, db, u"--incident"_s, w, u"--assign"_s, u"@me"_s});
    QCOMPARE(r.code, 0);
    r = cli({u"queue"_s, u"--db"_s, db, u"--assignee"_s, u"@me"_s, u"--json"_s});
    QCOMPARE(r.out.count(u'\n'), 1);
    QVERIFY2(r.out.startsWith(u"{\"id\":%1,"_s.arg(w)), qPrintable(r.out));
    QVERIFY(!r.out.contains(u"\"assignee\":\"@me\""_s));
    r = cli({u"triage"_s, u"--db"_s, db, u"--incident"_s, w, u"--assign"_s, u"@unassigned"_s});
    QCOMPARE(r.code, 0);
    r = cli({u"queue"_s, u"--db"_s, db, u"--assignee"_s, u"@unassigned"_s, u"--json"_s});
    QVERIFY(r.out.contains(u"{\"id\":%1,"_s.arg(w)));
    r = cli({u"triage"_s, u"--db"_s, db, u"--incident"_s, w, u"--assign"_s, u"@team"_s});
    QCOMPARE(r.code, 1);
    r = cli({u"triage"_s, u"--db"_s, db, u"--incident"_s, w, u"--status"_s, u"On hold"_s});
    QCOMPARE(r.code, 0);
    r = cli({u"triage"_s, u"--db"_s, db, u"--incident"_s, w, u"--status"_s, u"closed"_s,
             u"--disposition"_s, u"true_positive"_s});
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains(u"(use undetermined, tp_malicious_impact"_s));

    r = cli({u"queue"_s, u"--db"_s, db, u"--views"_s});
    QVERIFY(r.out.startsWith(u"Bob  {"_s));
    auto reader = Store::openReader(db);
    QCOMPARE(QueueViews::find(*reader, u"Bob"_s)->assignee, u"bob"_s);
    r = cli({u"verify"_s, u"--db"_s, db});
    QCOMPARE(r.code, 0);
}

QTEST_GUILESS_MAIN(TestCliQueue)
#include "tst_cli_queue.moc"
