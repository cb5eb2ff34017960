#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include "storage/store.h"

using namespace Qt::StringLiterals;

namespace {

QString cliPath()
{
    return QStringLiteral(VIGIL_BINARY_DIR) + u"/app/vigil-cli"_s;
}

bool append(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Append) && f.write(bytes) == bytes.size();
}

QString scalarText(const QString& db, QStringView sql)
{
    auto store = vigil::Store::openReader(db);
    if (!store) {
        return {};
    }
    auto s = store->prepare(sql);
    if (!s) {
        return {};
    }
    auto row = s->step();
    return row && *row ? s->text(0) : QString();
}

} // namespace

/** `vigil-cli listen` as a user runs it: a timed run, usage errors, Ctrl-C drains. */
class TestCliListen : public QObject {
    Q_OBJECT
private slots:
    void init();
    void usageErrors_data();
    void usageErrors();
    void durationRunStoresFollowedFile();
    void interruptStoresWhatWasReceived();

private:
    QString db() const { return m_dir->filePath(u"listen.sqlite"_s); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCliListen::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestCliListen::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::addRow("nothing to collect") << QStringList{u"--db"_s, u"x.sqlite"_s} << 1
                                        << u"nothing to collect"_s;
    QTest::addRow("no db") << QStringList{u"--udp"_s, u"5514"_s} << 1 << u"--db FILE is required"_s;
    QTest::addRow("bad port") << QStringList{u"--db"_s, u"x"_s, u"--tcp"_s, u"70000"_s} << 1
                              << u"--tcp takes a port number 0..65535"_s;
    QTest::addRow("bad address") << QStringList{u"--db"_s, u"x"_s, u"--udp"_s, u"0"_s,
                                                u"--bind"_s, u"localhost.example"_s}
                                 << 1 << u"--bind takes an IP address"_s;
    QTest::addRow("bad duration") << QStringList{u"--db"_s, u"x"_s, u"--udp"_s, u"0"_s,
                                                 u"--duration"_s, u"-3"_s}
                                  << 1 << u"--duration takes a positive number"_s;
    QTest::addRow("missing followed file") << QStringList{u"--follow"_s, u"/nonexistent/x.log"_s}
                                           << 2 << u"cannot follow /nonexistent/x.log: no such file"_s;
    QTest::addRow("help") << QStringList{u"--help"_s} << 0 << u"usage: vigil-cli listen"_s;
}

void TestCliListen::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    QStringList full{u"listen"_s};
    full << args;
    if (exitCode == 2) {
        full << u"--db"_s << db() << u"--duration"_s << u"1"_s;
    }
    QProcess p;
    p.start(cliPath(), full);
    QVERIFY(p.waitForFinished(30000));
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QCOMPARE(p.exitCode(), exitCode);
    QVERIFY2(err.contains(message), qPrintable(err));
}

void TestCliListen::durationRunStoresFollowedFile()
{
    const QString log = m_dir->filePath(u"auth.log"_s);
    QVERIFY(append(log, "Mar  1 12:00:00 gw sshd[1]: Failed password for root from 198.51.100.7 "
                        "port 4711 ssh2\n"
                        "Mar  1 12:00:01 gw sshd[1]: Failed password for root from 198.51.100.7 "
                        "port 4712 ssh2\n"));
    QProcess p;
    p.start(cliPath(), {u"listen"_s, u"--db"_s, db(), u"--follow"_s, log, u"--duration"_s,
                        u"3"_s});
    QVERIFY(p.waitForStarted());
    QByteArray err;
    QTRY_VERIFY_WITH_TIMEOUT((err += p.readAllStandardError()).contains("listening: file"), 10000);
    QVERIFY(append(log, "Mar  1 12:00:02 gw sshd[1]: Accepted password for root from "
                        "198.51.100.7 port 4713 ssh2\nMar  1 12:00:03 gw app: half a li"));
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 0);
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    QVERIFY2(out.contains(u"received:  4 messages"), qPrintable(out)); // the half line at the stop
    QVERIFY2(out.contains(u"stored:    4 events"), qPrintable(out));
    QVERIFY2(out.contains(u"dropped:   0\n"), qPrintable(out));
    // Starter rules: two failed passwords and one login from an outside address.
    QVERIFY2(out.contains(u"alerts:    3 new"), qPrintable(out));
    QVERIFY2(out.contains(u"  file " + log + u": 4 received, 4 stored, 0 rejected, 0 dropped"),
             qPrintable(out));
    QCOMPARE(scalarText(db(), u"SELECT status || ' ' || format || ' ' || events_stored || ' ' || "
                              u"source FROM import_runs"),
             u"done live 4 vigil-cli listen"_s);
    QCOMPARE(scalarText(db(), u"SELECT group_concat(source_pos, ',') FROM events"),
             u"1,2,3,4"_s);
}

void TestCliListen::interruptStoresWhatWasReceived()
{
    QProcess p;
    p.start(cliPath(), {u"listen"_s, u"--db"_s, db(), u"--tcp"_s, u"0"_s, u"--no-starter-rules"_s});
    QVERIFY(p.waitForStarted());
    QString err;
    const QRegularExpression listening(u"listening: tcp 127\\.0\\.0\\.1:(\\d+)"_s);
    QRegularExpressionMatch m;
    QTRY_VERIFY_WITH_TIMEOUT((err += QString::fromUtf8(p.readAllStandardError()),
                              (m = listening.match(err)).hasMatch()),
                             10000);
    QTcpSocket sender;
    sender.connectToHost(u"127.0.0.1"_s, quint16(m.captured(1).toUInt()));
    QVERIFY(sender.waitForConnected(5000));
    QByteArray payload;
    for (int i = 0; i < 3000; ++i) {
        payload += "<14>1 2024-01-02T03:04:05Z h a - - - message " + QByteArray::number(i) + '\n';
    }
    sender.write(payload);
    while (sender.bytesToWrite() > 0) {
        QVERIFY(sender.waitForBytesWritten(10000));
    }
    QTRY_VERIFY_WITH_TIMEOUT((err += QString::fromUtf8(p.readAllStandardError()))
                                 .contains(u"3,000 received"),
                             15000);
    p.terminate(); // SIGTERM, handled like Ctrl-C: drain, then exit 130
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 130);
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    QVERIFY2(out.contains(u"stored:    3,000 events"), qPrintable(out));
    QVERIFY2(out.contains(u"stopped:   by a signal"), qPrintable(out));
    QCOMPARE(scalarText(db(), u"SELECT count(*) FROM events"), u"3000"_s);
}

QTEST_GUILESS_MAIN(TestCliListen)
#include "tst_cli_listen.moc"
