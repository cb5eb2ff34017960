#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QTest>
#include <QTimeZone>

#include "ingest/json_lines_parser.h"
#include "ingest/record_reader.h"
#include "model/event.h"
#include "util/timestamp.h"

using namespace vigil;
using namespace Qt::StringLiterals;

namespace {

qint64 utc(const QString& iso)
{
    const auto t = parseIso8601(iso);
    return t ? t->ns : 0;
}

const QString kReceived = u"2030-01-01T00:00:00Z"_s;

ParseContext context(const QString& zone = QString())
{
    ParseContext ctx;
    ctx.receivedNs = ctx.referenceNs = utc(kReceived);
    if (!zone.isEmpty()) {
        ctx.zone = QTimeZone(zone.toLatin1());
    }
    return ctx;
}

QString describe(const FieldValue& v)
{
    if (!v.isList()) {
        return v.text();
    }
    QStringList items;
    for (const FieldValue& item : v.items()) {
        items << item.text();
    }
    return u'[' + items.join(u',') + u']';
}

// A field's text or an event property: "#time", "#host", "#severity", "#summary", "#source".
QString eventProperty(const Event& e, const QString& name)
{
    if (name == u"#time") {
        return formatUtc(e.timeNs, e.timeDigits);
    }
    if (name == u"#host") {
        return e.host;
    }
    if (name == u"#severity") {
        return QString::number(e.severity);
    }
    if (name == u"#summary") {
        return e.summary;
    }
    if (name == u"#source") {
        return e.timeSource == TimeSource::Event ? u"event"_s : u"received"_s;
    }
    const FieldValue* v = e.fields.find(name);
    return v ? describe(*v) : QString();
}

QString corpus(const QString& sub)
{
    return QStringLiteral(VIGIL_SHARED_CORPUS) + u'/' + sub;
}

} // namespace

class TestIngestJson : public QObject {
    Q_OBJECT
private slots:
    void b16ExactIntegers() const;
    void time_data() const;
    void time() const;
    void host_data() const;
    void host() const;
    void severity_data() const;
    void severity() const;
    void rejects_data() const;
    void rejects() const;
    void lnavCorpus_data() const;
    void lnavCorpus() const;
    void sigmaRegression_data() const;
    void sigmaRegression() const;
    void throughput() const;
};

// Case B16: integers above 2^53 keep their exact text; 1.5e3 is the integer 1500.
void TestIngestJson::b16ExactIntegers() const
{
    Event e;
    const ParseResult r = JsonLinesParser().parse(
        R"({"event_id":9007199254740993,"user":"user1","bytes":1.5e3})", context(), e);
    QVERIFY2(r.ok, qPrintable(r.reason));
    QCOMPARE(e.format, u"json"_s);
    QCOMPARE(e.fields.find(u"event_id")->type(), FieldValue::Type::Int);
    QCOMPARE(e.fields.text(u"event_id"), u"9007199254740993"_s);
    QCOMPARE(e.fields.find(u"event_id")->toInt(), Q_INT64_C(9007199254740993));
    QCOMPARE(e.fields.find(u"bytes")->type(), FieldValue::Type::Int);
    QCOMPARE(e.fields.find(u"bytes")->toInt(), 1500);
    QCOMPARE(e.fields.text(u"user"), u"user1"_s);
    QCOMPARE(e.timeSource, TimeSource::Received);
    QCOMPARE(e.timeNs, utc(kReceived));
    QCOMPARE(e.summary, u"event_id=9007199254740993 user=user1 bytes=1500"_s);
}

void TestIngestJson::time_data() const
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QString>("time"); // kReceived when the record has no usable time
    QTest::addRow("@timestamp") << R"({"@timestamp":"2025-01-13T09:58:13.631Z"})"_ba << QString()
                                << u"2025-01-13T09:58:13.631Z"_s;
    QTest::addRow("TimeCreated_SystemTime keeps 9 digits")
        << R"({"TimeCreated_SystemTime":"2026-04-17T05:24:53.088849100Z"})"_ba << QString()
        << u"2026-04-17T05:24:53.088849100Z"_s;
    QTest::addRow("nested Event.System.TimeCreated.SystemTime")
        << R"({"Event":{"System":{"TimeCreated":)"
           R"({"SystemTime":"2024-01-02T03:04:05.1234567Z"}}}})"_ba
        << QString() << u"2024-01-02T03:04:05.1234567Z"_s;
    QTest::addRow("@timestamp wins over time")
        << R"({"time":"2020-01-01T00:00:00Z","@timestamp":"2021-01-01T00:00:00Z"})"_ba << QString()
        << u"2021-01-01T00:00:00Z"_s;
    QTest::addRow("unusable key falls through to the next")
        << R"({"ts":"xxx","date":"2022-02-02T02:02:02Z"})"_ba << QString()
        << u"2022-02-02T02:02:02Z"_s;
    QTest::addRow("unusable only key: received") << R"({"ts":"xxx"})"_ba << QString() << kReceived;
    QTest::addRow("no time key: received") << R"({"a":1})"_ba << QString() << kReceived;
    QTest::addRow("epoch seconds") << R"({"ts":1534860261})"_ba << QString()
                                   << u"2018-08-21T14:04:21Z"_s;
    QTest::addRow("epoch seconds with fraction") << R"({"ts":1534860261.221373})"_ba << QString()
                                                 << u"2018-08-21T14:04:21.221373Z"_s;
    QTest::addRow("epoch milliseconds") << R"({"timestamp":1534860261221})"_ba << QString()
                                        << u"2018-08-21T14:04:21.221Z"_s;
    QTest::addRow("epoch microseconds as text (journald)")
        << R"({"__REALTIME_TIMESTAMP":"1534860261221373"})"_ba << QString()
        << u"2018-08-21T14:04:21.221373Z"_s;
    QTest::addRow("epoch nanoseconds") << R"({"time":1534860261221373000})"_ba << QString()
                                       << u"2018-08-21T14:04:21.221373000Z"_s;
    QTest::addRow("small number is not a time") << R"({"time":42})"_ba << QString() << kReceived;
    QTest::addRow("boolean is not a time") << R"({"time":true})"_ba << QString() << kReceived;
    QTest::addRow("zone-less text in the source zone")
        << R"({"timestamp":"2025-01-02 03:04:05"})"_ba << u"UTC+02:00"_s
        << u"2025-01-02T01:04:05Z"_s;
    QTest::addRow("Sysmon UtcTime is UTC whatever the zone")
        << R"({"UtcTime":"2026-04-17 05:24:53.079"})"_ba << u"UTC+02:00"_s
        << u"2026-04-17T05:24:53.079Z"_s;
    QTest::addRow("offset without colon")
        << R"({"timestamp":"2018-07-05T15:01:09.820360-0400"})"_ba << QString()
        << u"2018-07-05T19:01:09.820360Z"_s;
    QTest::addRow("text with trailing junk is not a time")
        << R"({"time":"2018-07-05T15:01:09Z and more"})"_ba << QString() << kReceived;
}

void TestIngestJson::time() const
{
    QFETCH(QByteArray, line);
    QFETCH(QString, zone);
    QFETCH(QString, time);
    Event e;
    const ParseResult r = JsonLinesParser().parse(line, context(zone), e);
    QVERIFY2(r.ok, qPrintable(r.reason));
    QCOMPARE(formatUtc(e.timeNs, e.timeDigits), time);
    QCOMPARE(e.timeSource, time == kReceived ? TimeSource::Received : TimeSource::Event);
}

void TestIngestJson::host_data() const
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("host");
    QTest::addRow("host") << R"({"host":"h1"})"_ba << u"h1"_s;
    QTest::addRow("ECS host.name") << R"({"host":{"name":"h2"}})"_ba << u"h2"_s;
    QTest::addRow("Windows Computer") << R"({"Computer":"WS1"})"_ba << u"WS1"_s;
    QTest::addRow("empty value skipped") << R"({"hostname":"","_HOSTNAME":"h3"})"_ba << u"h3"_s;
    QTest::addRow("agent.hostname") << R"({"agent":{"hostname":"a1"}})"_ba << u"a1"_s;
    QTest::addRow("computer_name") << R"({"computer_name":"c1"})"_ba << u"c1"_s;
    QTest::addRow("host before Computer") << R"({"Computer":"c","host":"h"})"_ba << u"h"_s;
    QTest::addRow("number is not a host") << R"({"host":5})"_ba << QString();
    QTest::addRow("none") << R"({"src":"192.0.2.1"})"_ba << QString();
}

void TestIngestJson::host() const
{
    QFETCH(QByteArray, line);
    QFETCH(QString, host);
    Event e;
    QVERIFY(JsonLinesParser().parse(line, context(), e).ok);
    QCOMPARE(e.host, host);
}

void TestIngestJson::severity_data() const
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<int>("severity");
    QTest::addRow("level error") << R"({"level":"error"})"_ba << 3;
    QTest::addRow("level WARN") << R"({"level":"WARN"})"_ba << 4;
    QTest::addRow("lvl INFO") << R"({"lvl":"INFO"})"_ba << 6;
    QTest::addRow("lvl TRACE is debug") << R"({"lvl":"TRACE"})"_ba << 7;
    QTest::addRow("lvl DEBUG5 is debug") << R"({"lvl":"DEBUG5"})"_ba << 7;
    QTest::addRow("lvl STATS does not map") << R"({"lvl":"STATS"})"_ba << -1;
    QTest::addRow("log.level critical") << R"({"log":{"level":"critical"}})"_ba << 2;
    QTest::addRow("severity notice") << R"({"severity":"notice"})"_ba << 5;
    QTest::addRow("journald PRIORITY") << R"({"PRIORITY":"1"})"_ba << 1;
    QTest::addRow("Windows Level 1 critical") << R"({"Level":1})"_ba << 2;
    QTest::addRow("Windows Level 2 error") << R"({"Level":2})"_ba << 3;
    QTest::addRow("Windows Level 3 warning") << R"({"Level":3})"_ba << 4;
    QTest::addRow("Windows Level 4 info") << R"({"Level":4})"_ba << 6;
    QTest::addRow("Windows Level 0 info") << R"({"Level":0})"_ba << 6;
    QTest::addRow("Windows Level 5 verbose") << R"({"Level":5})"_ba << 7;
    QTest::addRow("Windows Level as text") << R"({"Level":"4"})"_ba << 6;
    QTest::addRow("Windows Level 9 does not map") << R"({"Level":9})"_ba << -1;
    QTest::addRow("pino 30 info") << R"({"level":30})"_ba << 6;
    QTest::addRow("pino 50 error") << R"({"level":50})"_ba << 3;
    QTest::addRow("35 does not map") << R"({"level":35})"_ba << -1;
    QTest::addRow("unmapped key falls through")
        << R"({"level":"STATS","Level":4})"_ba << 6;
    QTest::addRow("boolean does not map") << R"({"level":true})"_ba << -1;
    QTest::addRow("key names are exact") << R"({"LEVEL":"error"})"_ba << -1;
}

void TestIngestJson::severity() const
{
    QFETCH(QByteArray, line);
    QFETCH(int, severity);
    Event e;
    QVERIFY(JsonLinesParser().parse(line, context(), e).ok);
    QCOMPARE(e.severity, severity);
}

void TestIngestJson::rejects_data() const
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("reason");
    QTest::addRow("object truncated") << R"({"user":"user1","bytes":15)"_ba
                                      << u"JSON object is truncated at byte 26"_s;
    QTest::addRow("string truncated")
        << R"({"msg":"abc)"_ba << u"JSON string is not terminated (truncated input?) at byte 11"_s;
    QTest::addRow("array truncated") << R"({"a":[1,2)"_ba << u"JSON array is truncated at byte 9"_s;
    QTest::addRow("not an object") << "[1,2]"_ba
                                   << u"expected '{' at the start of a JSON object at byte 0"_s;
    QTest::addRow("plain text") << "### comment"_ba
                                << u"expected '{' at the start of a JSON object at byte 0"_s;
    QTest::addRow("empty") << QByteArray()
                           << u"expected '{' at the start of a JSON object at byte 0"_s;
    QTest::addRow("text after the object") << R"({"a":1} x)"_ba
                                           << u"unexpected text after the JSON object at byte 8"_s;
    QTest::addRow("two objects on a line") << R"({"a":1}{"b":2})"_ba
                                           << u"unexpected text after the JSON object at byte 7"_s;
    QTest::addRow("bad literal") << R"({"a":tru})"_ba << u"invalid JSON value at byte 5"_s;
    QTest::addRow("placeholder number") << R"({"t":XXXXXXXXXX.XXXXXX})"_ba
                                        << u"invalid JSON value at byte 5"_s;
    QTest::addRow("raw control character") << QByteArray("{\"a\":\"x\0y\"}", 11)
                                           << u"control character inside a JSON string at byte 7"_s;
    QTest::addRow("nested too deeply")
        << R"({"a":)"_ba.repeated(100) << u"JSON nested too deeply"_s;
    QTest::addRow("huge unterminated string") << "{\"a\":\""_ba + QByteArray(4 << 20, 'v')
                                              << u"JSON string is not terminated"_s;
}

void TestIngestJson::rejects() const
{
    QFETCH(QByteArray, line);
    QFETCH(QString, reason);
    Event e;
    e.fields.append(u"stale"_s, FieldValue::fromInt(1));
    const ParseResult r = JsonLinesParser().parse(line, context(), e);
    QVERIFY(!r.ok);
    QVERIFY2(r.reason.startsWith(reason), qPrintable(r.reason));
    QVERIFY(r.reason.contains(u" at byte "));
    QVERIFY(e.fields.isEmpty());
}

void TestIngestJson::lnavCorpus_data() const
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("record");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("expected");
    const QString json = u"lnav-logfile_json.json"_s;
    const QString nested = u"lnav-logfile_nested_json.json"_s;
    const QString ecs = u"lnav-logfile_ecs_log.json"_s;
    const QString journald = u"lnav-logfile_journald.json"_s;
    QTest::addRow("object member flattened") << json << 14 << u"obj.field1"_s << u"hi"_s;
    QTest::addRow("object number member") << json << 14 << u"obj.field2"_s << u"2"_s;
    QTest::addRow("array scalars become a list") << json << 14 << u"arr"_s << u"[hi]"_s;
    QTest::addRow("object inside an array") << json << 14 << u"arr.1.sub1"_s << u"true"_s;
    QTest::addRow("ts with space separator") << json << 9 << u"#time"_s
                                             << u"2013-09-06T22:01:00Z"_s;
    QTest::addRow("bad ts: received") << json << 6 << u"#source"_s << u"received"_s;
    QTest::addRow("ANSI colours left out of the summary")
        << json << 2 << u"#summary"_s << u"Starting up service"_s;
    QTest::addRow("FATAL is critical") << json << 14 << u"#severity"_s << u"2"_s;
    QTest::addRow("nested object") << nested << 1 << u"@fields.msg"_s << u"trace test"_s;
    QTest::addRow("nested array") << nested << 13 << u"@fields.trace"_s << u"[line:1,line:2]"_s;
    QTest::addRow("ECS deep member") << ecs << 1 << u"log.origin.file.line"_s << u"42"_s;
    QTest::addRow("ECS big integer") << ecs << 1 << u"process.thread.id"_s
                                     << u"140631176265728"_s;
    QTest::addRow("ECS log.level") << ecs << 1 << u"#severity"_s << u"7"_s;
    QTest::addRow("ECS time") << ecs << 1 << u"#time"_s << u"2025-01-13T09:58:13.631Z"_s;
    QTest::addRow("journald time") << journald << 1 << u"#time"_s
                                   << u"2018-08-21T14:04:21.221373Z"_s;
    QTest::addRow("journald host") << journald << 1 << u"#host"_s << u"imx6ul-medusa"_s;
    QTest::addRow("journald PRIORITY") << journald << 1 << u"#severity"_s << u"1"_s;
    // journald exports read like syslog: identifier[pid]: message, with the syslog names.
    QTest::addRow("journald summary") << journald << 2 << u"#summary"_s
                                      << u"python[184]: GPS Reference latitude: 46.908706667"_s;
    QTest::addRow("journald app_name") << journald << 2 << u"app_name"_s << u"python"_s;
    QTest::addRow("journald message") << journald << 2 << u"message"_s
                                      << u"GPS Reference latitude: 46.908706667"_s;
}

void TestIngestJson::lnavCorpus() const
{
    QFETCH(QString, file);
    QFETCH(int, record);
    QFETCH(QString, field);
    QFETCH(QString, expected);
    QFile f(corpus(u"logs/json-lines/"_s + file));
    if (!f.open(QIODevice::ReadOnly)) {
        QSKIP("the shared corpus (VIGIL_SHARED_CORPUS) is not available");
    }
    // Every record of the file parses; the one asked for is checked.
    RecordReader reader(&f, false);
    Record rec;
    Event e;
    Event wanted;
    const JsonLinesParser parser;
    int count = 0;
    while (reader.next(rec)) {
        const ParseResult r = parser.parse(rec.bytes, context(), e);
        QVERIFY2(r.ok, qPrintable(u"line %1: %2"_s.arg(rec.line).arg(r.reason)));
        if (++count == record) {
            wanted = e;
        }
    }
    QCOMPARE_GE(count, record);
    QCOMPARE(eventProperty(wanted, field), expected);
}

void TestIngestJson::sigmaRegression_data() const
{
    QTest::addColumn<QString>("path");
    QDirIterator it(corpus(u"sigma-regression/regression_data"_s), {u"*.jsonl"_s}, QDir::Files,
                    QDirIterator::Subdirectories);
    QStringList files;
    while (it.hasNext()) {
        files << it.next();
    }
    files.sort();
    for (const QString& path : std::as_const(files)) {
        QTest::addRow("%s", qPrintable(QFileInfo(path).fileName())) << path;
    }
    if (files.isEmpty()) {
        QTest::addRow("corpus missing") << QString();
    }
}

void TestIngestJson::sigmaRegression() const
{
    QFETCH(QString, path);
    QFile f(path);
    if (path.isEmpty() || !f.open(QIODevice::ReadOnly)) {
        QSKIP("the shared corpus (VIGIL_SHARED_CORPUS) is not available");
    }
    RecordReader reader(&f, false);
    Record rec;
    Event e;
    int count = 0;
    while (reader.next(rec)) {
        ++count;
        const ParseResult r = JsonLinesParser().parse(rec.bytes, context(), e);
        QVERIFY2(r.ok, qPrintable(u"line %1: %2"_s.arg(rec.line).arg(r.reason)));
        QCOMPARE(e.timeSource, TimeSource::Event);
        // All nine digits of the Windows time survive.
        QCOMPARE(formatUtc(e.timeNs, e.timeDigits), e.fields.text(u"TimeCreated_SystemTime"));
        QVERIFY(!e.host.isEmpty());
        QCOMPARE(e.host, e.fields.text(u"Computer"));
        QVERIFY2(e.summary.startsWith(u"EventID "_s + e.fields.text(u"EventID") + u" \u00B7 "_s),
                 qPrintable(e.summary));
        QVERIFY(e.severity >= 0);
    }
    QCOMPARE_GT(count, 0);
}

void TestIngestJson::throughput() const
{
    QList<QByteArray> lines;
    for (int i = 0; i < 50000; ++i) {
        lines << R"({"Provider_Name":"Microsoft-Windows-Sysmon","EventID":1,"Level":4,)"
                 R"("TimeCreated_SystemTime":"2026-04-17T05:24:53.088849100Z","EventRecordID":)"
                + QByteArray::number(i)
                + R"(,"Channel":"Microsoft-Windows-Sysmon/Operational","Computer":"ws-1",)"
                  R"("Image":"C:\\Windows\\System32\\cmd.exe","CommandLine":"cmd.exe /c whoami",)"
                  R"("User":"DOMAIN\\user1","ProcessId":"4242","Hashes":"SHA256=ABCDEF"})";
    }
    const JsonLinesParser parser;
    const ParseContext ctx = context();
    Event e;
    QElapsedTimer timer;
    timer.start();
    for (const QByteArray& line : std::as_const(lines)) {
        QVERIFY(parser.parse(line, ctx, e).ok);
    }
    const double rate = lines.size() / (std::max<qint64>(timer.nsecsElapsed(), 1) / 1e9);
    qInfo("json: %.0f lines/s (15-field Sysmon events)", rate);
    QVERIFY2(rate > 20000, qPrintable(u"only %1 lines/s"_s.arg(rate)));
}

QTEST_APPLESS_MAIN(TestIngestJson)
#include "tst_ingest_json.moc"
