#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "tst_evtx_builder.h"

using namespace Qt::StringLiterals;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QString err;
};

Run cli(const QStringList& args, const QByteArray& input = {})
{
    QProcess p;
    p.start(QStringLiteral(VIGIL_BINARY_DIR) + u"/app/vigil-cli"_s, args);
    if (!input.isNull()) {
        p.write(input);
    }
    p.closeWriteChannel();
    p.waitForFinished(60000);
    return {p.exitCode(), p.readAllStandardOutput(), QString::fromUtf8(p.readAllStandardError())};
}

QString fixture(const QString& name)
{
    return QStringLiteral(VIGIL_TEST_DATA) + u"/formats/"_s + name;
}

QList<QJsonObject> objects(const QByteArray& out)
{
    QList<QJsonObject> list;
    for (const QByteArray& line : out.split('\n')) {
        if (!line.isEmpty()) {
            list << QJsonDocument::fromJson(line).object();
        }
    }
    return list;
}

} // namespace

/** `vigil-cli parse` and `vigil-cli formats` as a user runs them; ingest's per-file lines. */
class TestCliParse : public QObject {
    Q_OBJECT
private slots:
    void formatsListsEveryName();
    void parsePrintsOneObjectPerRecord();
    void parseKeepsExactValuesAndKeys();
    void invalidUtf8GetsBase64();
    void rejectedRecordsPrintTheError();
    void standardInputAndForcedFormat();
    void zoneOption();
    void usageAndInputErrors_data();
    void usageAndInputErrors();
    void ingestPrintsPerFileLines();
    void evtxPrintsSigmaNamesAndCommonFields();
};

void TestCliParse::formatsListsEveryName()
{
    const Run r = cli({u"formats"_s});
    QCOMPARE(r.exitCode, 0);
    const QString out = QString::fromUtf8(r.out);
    for (const QString& name :
         {u"json"_s, u"syslog"_s, u"text"_s, u"cef"_s, u"leef"_s, u"csv"_s, u"w3c"_s, u"zeek-tsv"_s,
          u"zeek-json"_s, u"suricata-eve"_s, u"fast-log"_s, u"apache-access"_s, u"apache-error"_s,
          u"iptables"_s, u"pfsense"_s, u"snare"_s, u"evtx"_s, u"winxml"_s}) {
        QVERIFY2(out.contains(u'\n' + name + u'\t') || out.startsWith(name + u'\t'),
                 qPrintable(name));
    }
}

void TestCliParse::parsePrintsOneObjectPerRecord()
{
    const Run r = cli({u"parse"_s, fixture(u"zeek_conn.log"_s)});
    QCOMPARE(r.exitCode, 0);
    const QList<QJsonObject> list = objects(r.out);
    QCOMPARE(list.size(), 2); // header lines print nothing
    const QJsonObject& a = list[0];
    QCOMPARE(a.keys(), (QStringList{u"common"_s, u"fields"_s, u"format"_s, u"host"_s, u"raw"_s,
                                    u"source"_s, u"time"_s, u"time_source"_s}));
    QCOMPARE(a[u"time"_s].toString(), u"2024-05-01T10:00:00.123456Z"_s);
    QCOMPARE(a[u"time_source"_s].toString(), u"event"_s);
    QVERIFY(a[u"host"_s].isNull());
    QCOMPARE(a[u"format"_s].toString(), u"zeek-tsv"_s);
    QCOMPARE(a[u"source"_s].toString(), fixture(u"zeek_conn.log"_s) + u":9"_s);
    QCOMPARE(a[u"fields"_s].toObject()[u"uid"_s].toString(), u"Ca1b2c3"_s);
    QCOMPARE(a[u"fields"_s].toObject()[u"tunnel_parents"_s].toArray().size(), 2);
    QCOMPARE(a[u"common"_s].toObject()[u"dst_port"_s].toInt(), 443);
    QVERIFY(a[u"raw"_s].toString().startsWith(u"1714557600.123456\tCa1b2c3"_s));
    QVERIFY(r.err.contains(u"zeek_conn.log: zeek-tsv, 2 records, 0 rejected"_s));
}

void TestCliParse::parseKeepsExactValuesAndKeys()
{
    // Text checks on the output itself: Qt's JSON reader rounds 64-bit integers.
    const Run r = cli({u"parse"_s, fixture(u"zeek_conn.log"_s)});
    QVERIFY(r.out.contains("\"orig_bytes\":18446744073709551615"));
    QVERIFY(r.out.contains("\"ts\":1714557600.123456"));
    QVERIFY(r.out.contains("\"duration\":1.500000"));
    QVERIFY(r.out.contains("\"service\":null"));
}

void TestCliParse::invalidUtf8GetsBase64()
{
    const Run r = cli({u"parse"_s, fixture(u"invalid_utf8.log"_s)});
    QCOMPARE(r.exitCode, 0);
    const QList<QJsonObject> list = objects(r.out);
    QCOMPARE(list.size(), 2);
    QCOMPARE(list[0][u"raw"_s].toString(), u"Jan  1 00:00:00 host-x app: caf\uFFFD ok"_s);
    QCOMPARE(list[0][u"raw_base64"_s].toString(),
             u"SmFuICAxIDAwOjAwOjAwIGhvc3QteCBhcHA6IGNhZukgb2s="_s);
    QCOMPARE(list[0][u"host"_s].toString(), u"host-x"_s);
    QVERIFY(!list[1].contains(u"raw_base64"_s));
}

void TestCliParse::rejectedRecordsPrintTheError()
{
    const QByteArray input = "CEF:0|V|P|1|100|ok|3|src=192.0.2.1\nCEF:0|V|P\n";
    const Run r = cli({u"parse"_s, u"--format"_s, u"cef"_s, u"-"_s}, input);
    QCOMPARE(r.exitCode, 0);
    const QList<QJsonObject> list = objects(r.out);
    QCOMPARE(list.size(), 2);
    QCOMPARE(list[1].keys(), (QStringList{u"error"_s, u"raw"_s, u"source"_s}));
    QCOMPARE(list[1][u"error"_s].toString(),
             u"CEF header has 2 of its 7 parts (CEF:Version|Device Vendor|Device Product|Device "
             u"Version|Signature ID|Name|Severity|Extension)"_s);
    QCOMPARE(list[1][u"source"_s].toString(), u"-:2"_s);
    QCOMPARE(list[1][u"raw"_s].toString(), u"CEF:0|V|P"_s);
    QVERIFY(list[0][u"time"_s].isNull());
    QCOMPARE(list[0][u"time_source"_s].toString(), u"received"_s);
    QVERIFY(r.err.contains(u"-: cef, 2 records, 1 rejected"_s));
}

void TestCliParse::standardInputAndForcedFormat()
{
    const QByteArray line = "192.0.2.4 - - [07/Mar/2017:11:12:13 +0100] \"GET /health HTTP/1.1\" "
                            "304 - \"-\" \"curl/7.47.0\"\n";
    const Run detected = cli({u"parse"_s, u"-"_s}, line);
    QCOMPARE(objects(detected.out).front()[u"format"_s].toString(), u"apache-access"_s);
    QCOMPARE(objects(detected.out).front()[u"fields"_s].toObject()[u"bytes"_s].toInt(), 0);
    const Run forced = cli({u"parse"_s, u"--format"_s, u"text"_s, u"-"_s}, line);
    QCOMPARE(objects(forced.out).front()[u"format"_s].toString(), u"text"_s);
    QCOMPARE(objects(forced.out).front()[u"time"_s].toString(), u"2017-03-07T10:12:13Z"_s);
}

void TestCliParse::zoneOption()
{
    const Run r = cli({u"parse"_s, u"--tz"_s, u"Asia/Tokyo"_s, u"-"_s},
                      "2024-06-15 12:00:00 host app: x\n"_ba);
    const QJsonObject o = objects(r.out).front();
    QCOMPARE(o[u"time"_s].toString(), u"2024-06-15T03:00:00Z"_s);
    QCOMPARE(o[u"common"_s].toObject()[u"time_zone_assumed"_s].toString(), u"Asia/Tokyo"_s);
}

void TestCliParse::usageAndInputErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addRow("no file") << QStringList{u"parse"_s} << 1;
    QTest::addRow("unknown format")
        << QStringList{u"parse"_s, u"--format"_s, u"nope"_s, u"x"_s} << 1;
    QTest::addRow("unknown option") << QStringList{u"parse"_s, u"--db"_s, u"x"_s, u"y"_s} << 1;
    QTest::addRow("formats with an argument") << QStringList{u"formats"_s, u"x"_s} << 1;
    QTest::addRow("missing file") << QStringList{u"parse"_s, u"/nonexistent/x.log"_s} << 2;
}

void TestCliParse::usageAndInputErrors()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    const Run r = cli(args);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY(!r.err.isEmpty());
    QVERIFY(r.out.isEmpty());
}

void TestCliParse::ingestPrintsPerFileLines()
{
    QTemporaryDir dir;
    const Run r = cli({u"ingest"_s, u"--db"_s, dir.filePath(u"x.sqlite"_s), u"--no-starter-rules"_s,
                       fixture(u"zeek_conn.log"_s), fixture(u"proxy.csv"_s)});
    QCOMPARE(r.exitCode, 0);
    const QString out = QString::fromUtf8(r.out);
    QVERIFY2(out.contains(u"  "_s + fixture(u"zeek_conn.log"_s)
                          + u": zeek-tsv, 2 read, 2 stored, 0 rejected, 9 header lines, "_s),
             qPrintable(out));
    QVERIFY2(out.contains(u"  "_s + fixture(u"proxy.csv"_s)
                          + u": csv, 3 read, 3 stored, 0 rejected, 2 header lines, "_s),
             qPrintable(out));
    QVERIFY(out.contains(u" records/s\n"_s));
    QVERIFY(out.contains(u"read:      5 records"_s));
}

void TestCliParse::evtxPrintsSigmaNamesAndCommonFields()
{
    using namespace evtxtest;
    ChunkWriter w;
    quint32 definition = 0;
    securityRecord(w, 7, definition, 4625);
    securityRecord(w, 8, definition, 4624);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"Security.evtx"_s);
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(evtxFile({w.finish()}));
    f.close();

    const Run r = cli({u"parse"_s, path});
    QCOMPARE(r.exitCode, 0);
    const QList<QJsonObject> list = objects(r.out);
    QCOMPARE(list.size(), 2);
    const QJsonObject& failed = list[0];
    QCOMPARE(failed[u"format"_s].toString(), u"evtx"_s);
    QCOMPARE(failed[u"source"_s].toString(), path + u":7"_s);
    QCOMPARE(failed[u"time"_s].toString(), u"2019-03-04T05:06:07.1234567Z"_s);
    QCOMPARE(failed[u"host"_s].toString(), u"host-a"_s);
    QCOMPARE(failed[u"fields"_s].toObject()[u"EventID"_s].toInt(), 4625);
    QCOMPARE(failed[u"fields"_s].toObject()[u"Channel"_s].toString(), u"Security"_s);
    const QJsonObject common = failed[u"common"_s].toObject();
    QCOMPARE(common[u"category"_s].toString(), u"authentication"_s);
    QCOMPARE(common[u"outcome"_s].toString(), u"failure"_s);
    QCOMPARE(list[1][u"common"_s].toObject()[u"outcome"_s].toString(), u"success"_s);
    QVERIFY(failed[u"raw"_s].toString().startsWith(u"<Event"_s));
    QVERIFY(r.err.contains(u"Security.evtx: evtx, 2 records, 0 rejected"_s));
}

QTEST_GUILESS_MAIN(TestCliParse)
#include "tst_cli_parse.moc"
