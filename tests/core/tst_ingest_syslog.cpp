#include <QBuffer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTest>
#include <QTimeZone>

#include "ingest/parser.h"
#include "ingest/record_reader.h"
#include "ingest/syslog_parser.h"
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

QString timeOf(const Event& e)
{
    return formatUtc(e.timeNs, e.timeDigits);
}

QTimeZone zoneFor(const QString& id)
{
    return id.isEmpty() ? QTimeZone::utc() : QTimeZone(id.toLatin1());
}

// A field's text, or a null QString when the field is absent (the cases write absent as null).
QString fieldOrNull(const Event& e, QStringView name)
{
    const FieldValue* v = e.fields.find(name);
    return v ? v->text() : QString();
}

QStringList sdFields(const Event& e)
{
    QStringList out;
    for (const auto& [name, value] : e.fields.entries()) {
        if (!name.startsWith(u"sd.")) {
            continue;
        }
        QString text = value.text();
        if (value.isList()) {
            QStringList items;
            for (const FieldValue& item : value.items()) {
                items << item.text();
            }
            text = u'[' + items.join(u',') + u']';
        }
        out << name + u'=' + text;
    }
    return out;
}

QString corpusDir(const QString& sub)
{
    return QStringLiteral(VIGIL_SHARED_CORPUS) + u"/logs/"_s + sub;
}

} // namespace

class TestIngestSyslog : public QObject {
    Q_OBJECT
private slots:
    void header_data() const;
    void header() const;
    void yearRollover_data() const;
    void yearRollover() const;
    void structuredData_data() const;
    void structuredData() const;
    void forcedDialect_data() const;
    void forcedDialect() const;
    void hostile_data() const;
    void hostile() const;
    void randomInputNeverCrashes() const;
    void corpusFilesParse_data() const;
    void corpusFilesParse() const;
    void corpusValues_data() const;
    void corpusValues() const;
    void throughput() const;
};

void TestIngestSyslog::header_data() const
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("reference");
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QString>("time");
    QTest::addColumn<bool>("received");
    QTest::addColumn<QString>("format");
    QTest::addColumn<int>("pri");
    QTest::addColumn<QString>("hostname");
    QTest::addColumn<QString>("appName");
    QTest::addColumn<QString>("procid");
    QTest::addColumn<QString>("msgid");
    QTest::addColumn<QString>("message");
    const QString k3164 = u"syslog-rfc3164"_s;
    const QString k5424 = u"syslog-rfc5424"_s;
    const QString null;

    // Case B01: day below 10 padded with a space, year from the reference time.
    QTest::addRow("B01 space-padded day")
        << "<30>Aug  4 07:08:09 host-a nginx: client 192.0.2.10 GET /index.php 200"_ba
        << u"2020-08-05T00:00:00Z"_s << u""_s << u"2020-08-04T07:08:09Z"_s << false << k3164
        << 30 << u"host-a"_s << u"nginx"_s << null << null
        << u"client 192.0.2.10 GET /index.php 200"_s;
    // Case B04: ISO time with a colon-less offset, then two spaces.
    QTest::addRow("B04 +0200 offset")
        << "2022-12-13 01:19:30.429319+0200  localhost sshd[2211]: "
           "Failed password for invalid user user1 from 192.0.2.56 port 50111 ssh2"_ba
        << u"2022-12-13T00:00:00Z"_s << u""_s << u"2022-12-12T23:19:30.429319Z"_s << false
        << k3164 << -1 << u"localhost"_s << u"sshd"_s << u"2211"_s << null
        << u"Failed password for invalid user user1 from 192.0.2.56 port 50111 ssh2"_s;
    QTest::addRow("B04 -0200 offset")
        << "2022-12-13 01:19:30.429319-0200  localhost sshd[2211]: "
           "Failed password for invalid user user1 from 192.0.2.56 port 50111 ssh2"_ba
        << u"2022-12-13T00:00:00Z"_s << u""_s << u"2022-12-13T03:19:30.429319Z"_s << false
        << k3164 << -1 << u"localhost"_s << u"sshd"_s << u"2211"_s << null
        << u"Failed password for invalid user user1 from 192.0.2.56 port 50111 ssh2"_s;
    // Case B05: NILVALUE timestamp means the time received; NILVALUEs are absent, not "-".
    QTest::addRow("B05 nil timestamp")
        << "<14>1 - host-a app-x - - - device has no clock"_ba << u"2025-08-10T06:07:08Z"_s
        << u""_s << u"2025-08-10T06:07:08Z"_s << true << k5424 << 14 << u"host-a"_s
        << u"app-x"_s << null << null << u"device has no clock"_s;
    QTest::addRow("5424 every part nil")
        << "<14>1 - - - - - -"_ba << u"2025-08-10T06:07:08Z"_s << u""_s
        << u"2025-08-10T06:07:08Z"_s << true << k5424 << 14 << null << null << null << null
        << null;
    QTest::addRow("5424 header ends after app")
        << "<14>1 2025-01-02T03:04:05Z host-a app-x"_ba << u""_s << u""_s
        << u"2025-01-02T03:04:05Z"_s << false << k5424 << 14 << u"host-a"_s << u"app-x"_s
        << null << null << null;
    QTest::addRow("5424 nine fraction digits, offset")
        << "<13>1 2025-01-02T03:04:05.123456789+01:00 host-a app 42 ID7 - msg"_ba << u""_s
        << u""_s << u"2025-01-02T02:04:05.123456789Z"_s << false << k5424 << 13 << u"host-a"_s
        << u"app"_s << u"42"_s << u"ID7"_s << u"msg"_s;
    QTest::addRow("5424 BOM before MSG removed")
        << "<13>1 2025-01-02T03:04:05Z host-a app - - - \xEF\xBB\xBFhello"_ba << u""_s << u""_s
        << u"2025-01-02T03:04:05Z"_s << false << k5424 << 13 << u"host-a"_s << u"app"_s << null
        << null << u"hello"_s;
    QTest::addRow("5424 zone-less time in the source zone")
        << "<13>1 2025-01-02T03:04:05 host-a app - - - m"_ba << u""_s << u"UTC+02:00"_s
        << u"2025-01-02T01:04:05Z"_s << false << k5424 << 13 << u"host-a"_s << u"app"_s << null
        << null << u"m"_s;
    QTest::addRow("5424 without PRI (relay file layout)")
        << "2022-08-27T14:22:01.613Z host-a NSX 3106 - [abc@6876 comp=\"edge\"] keep-alive"_ba
        << u""_s << u""_s << u"2022-08-27T14:22:01.613Z"_s << false << k5424 << -1
        << u"host-a"_s << u"NSX"_s << u"3106"_s << null << u"keep-alive"_s;
    QTest::addRow("3164 BSD time in the source zone")
        << "<13>Jan  2 03:04:05 host-a app: m"_ba << u"2025-01-05T00:00:00Z"_s
        << u"UTC+01:00"_s << u"2025-01-02T02:04:05Z"_s << false << k3164 << 13 << u"host-a"_s
        << u"app"_s << null << null << u"m"_s;
    QTest::addRow("3164 BSD time in a named zone (summer time)")
        << "<13>Jul  2 03:04:05 host-a app: m"_ba << u"2025-07-05T00:00:00Z"_s
        << u"Europe/Berlin"_s << u"2025-07-02T01:04:05Z"_s << false << k3164 << 13
        << u"host-a"_s << u"app"_s << null << null << u"m"_s;
    QTest::addRow("3164 PRI without timestamp (4.3.3)")
        << "<0>x"_ba << u"2025-08-10T06:07:08Z"_s << u""_s << u"2025-08-10T06:07:08Z"_s << true
        << k3164 << 0 << null << null << null << null << u"x"_s;
    QTest::addRow("3164 without PRI")
        << "Oct 11 22:14:15 host-a app[123]: legacy message"_ba << u"2025-10-20T00:00:00Z"_s
        << u""_s << u"2025-10-11T22:14:15Z"_s << false << k3164 << -1 << u"host-a"_s
        << u"app"_s << u"123"_s << null << u"legacy message"_s;
    QTest::addRow("3164 RFC 3339 timestamp")
        << "<13>2026-07-23T09:30:45.123+02:00 host-a daemon: timestamp variant"_ba << u""_s
        << u""_s << u"2026-07-23T07:30:45.123Z"_s << false << k3164 << 13 << u"host-a"_s
        << u"daemon"_s << null << null << u"timestamp variant"_s;
    QTest::addRow("3164 tag without host (pfSense)")
        << "<134>Jul  3 19:10:30 filterlog[72237]: 146,,,igb1"_ba << u"2025-07-04T00:00:00Z"_s
        << u""_s << u"2025-07-03T19:10:30Z"_s << false << k3164 << 134 << null
        << u"filterlog"_s << u"72237"_s << null << u"146,,,igb1"_s;
    QTest::addRow("3164 no tag: the rest is the message")
        << "Nov  3 09:23:38 host-a lookup for opt failed"_ba << u"2025-11-04T00:00:00Z"_s
        << u""_s << u"2025-11-03T09:23:38Z"_s << false << k3164 << -1 << u"host-a"_s << null
        << null << null << u"lookup for opt failed"_s;
    QTest::addRow("3164 colon later in the message")
        << "Nov  3 09:47:02 host-a sudo: user1 : TTY=pts/6 ; USER=root"_ba
        << u"2025-11-04T00:00:00Z"_s << u""_s << u"2025-11-03T09:47:02Z"_s << false << k3164
        << -1 << u"host-a"_s << u"sudo"_s << null << null << u"user1 : TTY=pts/6 ; USER=root"_s;
    QTest::addRow("3164 IPv6 host name")
        << "<13>Mar  1 10:00:00 2001:db8::5 sshd[7]: hello"_ba << u"2025-03-02T00:00:00Z"_s
        << u""_s << u"2025-03-01T10:00:00Z"_s << false << k3164 << 13 << u"2001:db8::5"_s
        << u"sshd"_s << u"7"_s << null << u"hello"_s;
    QTest::addRow("3164 macOS tag without colon")
        << "Jul  1 09:29:02 host-a sandboxd[129] ([31211]): deny network-outbound"_ba
        << u"2025-07-02T00:00:00Z"_s << u""_s << u"2025-07-01T09:29:02Z"_s << false << k3164
        << -1 << u"host-a"_s << u"sandboxd"_s << u"129"_s << null
        << u"([31211]): deny network-outbound"_s;
    QTest::addRow("3164 year between day and clock")
        << "<189>Mar  1 2024 10:00:00 host-a app: m"_ba << u"2020-01-01T00:00:00Z"_s << u""_s
        << u"2024-03-01T10:00:00Z"_s << false << k3164 << 189 << u"host-a"_s << u"app"_s << null
        << null << u"m"_s;
    QTest::addRow("3164 fraction of a second")
        << "Mar  1 10:00:00.250 host-a app: m"_ba << u"2025-03-02T00:00:00Z"_s << u""_s
        << u"2025-03-01T10:00:00.250Z"_s << false << k3164 << -1 << u"host-a"_s << u"app"_s
        << null << null << u"m"_s;
    QTest::addRow("3164 French month name")
        << "ao\xc3\xbbt 19 11:08:37 host-a app[4961]: test"_ba << u"2025-09-01T00:00:00Z"_s
        << u""_s << u"2025-08-19T11:08:37Z"_s << false << k3164 << -1 << u"host-a"_s
        << u"app"_s << u"4961"_s << null << u"test"_s;
    QTest::addRow("3164 joined continuation lines")
        << "Aug 16 00:32:15 host-a syslogd[314]: Configuration Notice:\n\tline one\n\tline two"_ba
        << u"2025-08-20T00:00:00Z"_s << u""_s << u"2025-08-16T00:32:15Z"_s << false << k3164
        << -1 << u"host-a"_s << u"syslogd"_s << u"314"_s << null
        << u"Configuration Notice:\n\tline one\n\tline two"_s;
    QTest::addRow("3164 tag with nothing after it")
        << "<13>Jan  2 03:04:05 host-a app:"_ba << u"2025-01-05T00:00:00Z"_s << u""_s
        << u"2025-01-02T03:04:05Z"_s << false << k3164 << 13 << u"host-a"_s << u"app"_s << null
        << null << null;
}

void TestIngestSyslog::header() const
{
    QFETCH(QByteArray, line);
    QFETCH(QString, reference);
    QFETCH(QString, zone);
    QFETCH(QString, time);
    QFETCH(bool, received);
    QFETCH(QString, format);
    QFETCH(int, pri);
    QFETCH(QString, hostname);
    QFETCH(QString, appName);
    QFETCH(QString, procid);
    QFETCH(QString, msgid);
    QFETCH(QString, message);

    ParseContext ctx;
    ctx.zone = zoneFor(zone);
    if (!ctx.zone.isValid()) {
        QSKIP("time zone data for this row is not installed");
    }
    ctx.referenceNs = utc(reference);
    ctx.receivedNs = reference.isEmpty() ? utc(u"2030-01-01T00:00:00Z"_s) : ctx.referenceNs;
    Event e;
    const ParseResult r = SyslogParser().parse(line, ctx, e);
    QVERIFY2(r.ok, qPrintable(r.reason));
    QCOMPARE(timeOf(e), time);
    QCOMPARE(e.timeSource, received ? TimeSource::Received : TimeSource::Event);
    QCOMPARE(e.format, format);
    if (pri < 0) {
        QVERIFY(!e.fields.contains(u"pri"));
        QVERIFY(!e.fields.contains(u"facility"));
        QVERIFY(!e.fields.contains(u"severity"));
        QCOMPARE(e.severity, -1);
    } else {
        QCOMPARE(e.fields.find(u"pri")->type(), FieldValue::Type::Int);
        QCOMPARE(e.fields.find(u"pri")->toInt(), pri);
        QCOMPARE(e.fields.find(u"facility")->toInt(), pri / 8);
        QCOMPARE(e.fields.find(u"severity")->toInt(), pri % 8);
        QCOMPARE(e.severity, pri % 8);
    }
    QCOMPARE(fieldOrNull(e, u"hostname"), hostname);
    QCOMPARE(e.host, hostname.isNull() ? QString() : hostname);
    QCOMPARE(fieldOrNull(e, u"app_name"), appName);
    QCOMPARE(fieldOrNull(e, u"procid"), procid);
    QCOMPARE(fieldOrNull(e, u"msgid"), msgid);
    QCOMPARE(fieldOrNull(e, u"message"), message);
    for (const auto& [name, value] : e.fields.entries()) {
        QVERIFY2(value.text() != u"-", qPrintable(name + u" holds a NILVALUE"_s));
    }
    if (format == u"syslog-rfc5424" && pri == 14) {
        QCOMPARE(sdFields(e), QStringList()); // B05: structured_data {}
    }
    QVERIFY(!e.summary.contains(u'\n'));
}

void TestIngestSyslog::yearRollover_data() const
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("reference");
    QTest::addColumn<QString>("time");
    QTest::addRow("Dec 31 read on Jan 1: previous year")
        << "Dec 31 23:59:59 host-a app: m"_ba << u"2025-01-01T00:00:10Z"_s
        << u"2024-12-31T23:59:59Z"_s;
    QTest::addRow("Jan 1 read on Dec 31: next year")
        << "Jan  1 00:00:05 host-a app: m"_ba << u"2024-12-31T23:59:00Z"_s
        << u"2025-01-01T00:00:05Z"_s;
    QTest::addRow("Feb 29 takes the leap year")
        << "Feb 29 12:00:00 host-a app: m"_ba << u"2021-03-01T00:00:00Z"_s
        << u"2020-02-29T12:00:00Z"_s;
    // A record cannot be written after the file changed last (or after it was received):
    // more than a day ahead of the reference means the previous year, even when that is farther.
    QTest::addRow("five months ahead: last year, not the future")
        << "Jun 15 08:00:00 host-a app: m"_ba << u"2025-01-10T00:00:00Z"_s
        << u"2024-06-15T08:00:00Z"_s;
    QTest::addRow("a week ahead: last year")
        << "Dec 10 06:55:46 LabSZ sshd[24200]: m"_ba << u"2026-12-03T16:32:00Z"_s
        << u"2025-12-10T06:55:46Z"_s;
    QTest::addRow("hours ahead (clock skew): same day")
        << "Dec  3 20:00:00 host-a app: m"_ba << u"2026-12-03T16:32:00Z"_s
        << u"2026-12-03T20:00:00Z"_s;
    QTest::addRow("seven months ahead: last year")
        << "Aug  1 08:00:00 host-a app: m"_ba << u"2025-01-10T00:00:00Z"_s
        << u"2024-08-01T08:00:00Z"_s;
}

void TestIngestSyslog::yearRollover() const
{
    QFETCH(QByteArray, line);
    QFETCH(QString, reference);
    QFETCH(QString, time);
    ParseContext ctx;
    ctx.referenceNs = utc(reference);
    ctx.receivedNs = utc(u"2030-06-01T00:00:00Z"_s); // must not be used for the year
    Event e;
    QVERIFY(SyslogParser().parse(line, ctx, e).ok);
    QCOMPARE(timeOf(e), time);

    // Without a reference the time received stands in.
    ctx.receivedNs = ctx.referenceNs;
    ctx.referenceNs = 0;
    QVERIFY(SyslogParser().parse(line, ctx, e).ok);
    QCOMPARE(timeOf(e), time);
}

void TestIngestSyslog::structuredData_data() const
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QStringList>("expected");
    const QByteArray head = "<165>1 2003-10-11T22:14:15.003Z host-a app - ID47 "_ba;
    QTest::addRow("two params")
        << head + R"([origin@32473 iut="3" eventSource="App"] entry)"_ba
        << QStringList{u"sd.origin@32473.iut=3"_s, u"sd.origin@32473.eventSource=App"_s};
    QTest::addRow("escapes undone, other backslashes kept")
        << head
               + R"([meta@32473 value="escaped\]bracket" quote="\"")"
                 R"( path="C:\\dir" other="a\b"] m)"_ba
        << QStringList{u"sd.meta@32473.value=escaped]bracket"_s, u"sd.meta@32473.quote=\""_s,
                       u"sd.meta@32473.path=C:\\dir"_s, u"sd.meta@32473.other=a\\b"_s};
    QTest::addRow("several elements")
        << head + R"([a@1 x="1"][b@2 y="2"] m)"_ba
        << QStringList{u"sd.a@1.x=1"_s, u"sd.b@2.y=2"_s};
    QTest::addRow("element without params") << head + "[a@1] m"_ba << QStringList();
    QTest::addRow("repeated name becomes a list")
        << head + R"([a@1 ip="192.0.2.1" ip="192.0.2.2"])"_ba
        << QStringList{u"sd.a@1.ip=[192.0.2.1,192.0.2.2]"_s};
    QTest::addRow("spaces, '=' and UTF-8 inside a value")
        << head + "[a@1 msg=\"x = y \xc3\xbc\"] m"_ba << QStringList{u"sd.a@1.msg=x = y \u00fc"_s};
    QTest::addRow("NILVALUE") << head + "- m"_ba << QStringList();
}

void TestIngestSyslog::structuredData() const
{
    QFETCH(QByteArray, line);
    QFETCH(QStringList, expected);
    Event e;
    const ParseResult r = SyslogParser().parse(line, ParseContext(), e);
    QVERIFY2(r.ok, qPrintable(r.reason));
    QCOMPARE(sdFields(e), expected);
    QCOMPARE(e.fields.text(u"msgid"), u"ID47"_s);
}

void TestIngestSyslog::forcedDialect_data() const
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("eventFormat");
    QTest::addColumn<QString>("message");
    QTest::addRow("5424 forced on a 3164 line")
        << u"syslog-rfc5424"_s << "<13>Jan  2 03:04:05 host-a app: m"_ba << false << QString()
        << QString();
    QTest::addRow("3164 forced on a 5424 line: no BSD timestamp, all message")
        << u"syslog-rfc3164"_s << "<13>1 2025-01-02T03:04:05Z host-a app - - - m"_ba << true
        << u"syslog-rfc3164"_s << u"1 2025-01-02T03:04:05Z host-a app - - - m"_s;
    QTest::addRow("5424 forced, no PRI")
        << u"syslog-rfc5424"_s << "2025-01-02T03:04:05Z host-a app - - - m"_ba << true
        << u"syslog-rfc5424"_s << u"m"_s;
    QTest::addRow("auto picks 5424") << u"syslog"_s << "<13>1 - host-a app - - - m"_ba << true
                                     << u"syslog-rfc5424"_s << u"m"_s;
}

void TestIngestSyslog::forcedDialect() const
{
    QFETCH(QString, format);
    QFETCH(QByteArray, line);
    QFETCH(bool, ok);
    QFETCH(QString, eventFormat);
    QFETCH(QString, message);
    const auto parser = makeParser(format);
    QVERIFY(parser);
    QCOMPARE(parser->format(), format);
    Event e;
    const ParseResult r = parser->parse(line, ParseContext(), e);
    QCOMPARE(r.ok, ok);
    if (!ok) {
        QVERIFY(r.reason.contains(u"VERSION"));
        return;
    }
    QCOMPARE(e.format, eventFormat);
    QCOMPARE(e.fields.text(u"message"), message);
}

void TestIngestSyslog::hostile_data() const
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("expectOk"); // 1 parses, 0 rejected
    QTest::addColumn<QString>("reasonContains");
    const QByteArray bsd = "<13>Jan  2 03:04:05 host-a app: "_ba;
    const QByteArray v1 = "<13>1 - host-a app - - "_ba;
    QTest::addRow("empty") << QByteArray() << 0 << u"empty record"_s;
    QTest::addRow("only spaces") << "   "_ba << 0 << u"not a syslog line"_s;
    QTest::addRow("only PRI") << "<13>"_ba << 1 << QString();
    QTest::addRow("empty PRI") << "<>x"_ba << 0 << u"PRI is malformed"_s;
    QTest::addRow("PRI out of range") << "<999>Jan  2 03:04:05 host-a app: m"_ba << 0
                                      << u"PRI <999> is out of range 0..191 at byte 1"_s;
    QTest::addRow("PRI 192") << "<192>x"_ba << 0 << u"out of range"_s;
    QTest::addRow("PRI not closed") << "<13"_ba << 0 << u"PRI is malformed"_s;
    QTest::addRow("PRI too long") << "<00013>x"_ba << 0 << u"PRI is malformed"_s;
    QTest::addRow("not syslog") << "hello world"_ba << 0 << u"not a syslog line"_s;
    QTest::addRow("NUL bytes") << bsd + QByteArray("a\0b", 3) << 1 << QString();
    QTest::addRow("invalid UTF-8 in message") << bsd + "\xff\xfe bad"_ba << 1 << QString();
    QTest::addRow("invalid UTF-8 in header")
        << "<13>1 2025-01-02T03:04:05Z \xff\xfe app - - - m"_ba << 1 << QString();
    QTest::addRow("version only") << "<13>1"_ba << 1 << QString();
    QTest::addRow("version, no timestamp") << "<13>1 "_ba << 0 << u"TIMESTAMP is missing"_s;
    QTest::addRow("5424 bad timestamp") << "<13>1 2025-13-02T03:04:05Z host app - - - m"_ba << 0
                                        << u"is not an RFC 3339 time at byte 6"_s;
    QTest::addRow("5424 value not terminated") << v1 + "[a@1 x=\"1"_ba << 0
                                               << u"SD-PARAM value is not terminated"_s;
    QTest::addRow("5424 element not closed") << v1 + "[a@1 x=\"1\""_ba << 0
                                             << u"STRUCTURED-DATA is truncated"_s;
    QTest::addRow("5424 unquoted value") << v1 + "[a@1 x=1]"_ba << 0 << u"expected =\""_s;
    QTest::addRow("5424 junk for SD") << v1 + "x"_ba << 0 << u"must be \"-\" or start with '['"_s;
    QTest::addRow("5424 empty SD-ID") << v1 + "[]"_ba << 0 << u"SD-ID is empty at byte 24"_s;
    QTest::addRow("5424 many brackets") << v1 + QByteArray(100000, '[') << 0 << u"truncated"_s;
    QTest::addRow("huge message") << bsd + QByteArray(4 << 20, 'a') << 1 << QString();
    QTest::addRow("huge garbage") << QByteArray(4 << 20, 'x') << 0 << u"not a syslog line"_s;
    QTest::addRow("huge SD value") << v1 + "[a@1 x=\""_ba + QByteArray(1 << 20, 'v') << 0
                                   << u"not terminated"_s;
    QTest::addRow("CR left at the end") << bsd + "m\r"_ba << 1 << QString();
    QTest::addRow("tag bracket never closed") << bsd.chopped(5) + "app["_ba + QByteArray(100, 'x')
                                              << 1 << QString();
}

void TestIngestSyslog::hostile() const
{
    QFETCH(QByteArray, input);
    QFETCH(int, expectOk);
    QFETCH(QString, reasonContains);
    Event e;
    QElapsedTimer timer;
    timer.start();
    const ParseResult r = SyslogParser().parse(input, ParseContext(), e);
    QCOMPARE_LT(timer.elapsed(), 2000);
    QCOMPARE(r.ok, expectOk == 1);
    if (!r.ok) {
        QVERIFY2(r.reason.contains(reasonContains), qPrintable(r.reason));
    } else {
        QVERIFY(!e.summary.contains(u'\n'));
        QCOMPARE_LE(e.summary.size(), 300);
    }
}

void TestIngestSyslog::randomInputNeverCrashes() const
{
    // Mutations of valid lines plus random bytes: every result is a parse or a reason.
    const QList<QByteArray> seeds = {
        "<30>Aug  4 07:08:09 host-a nginx[12]: client 192.0.2.10"_ba,
        "<165>1 2003-10-11T22:14:15.003Z host-a app - ID47 [a@1 x=\"1\" y=\"\\]\"] msg"_ba,
        "2022-12-13 01:19:30.429319+0200  localhost sshd[2211]: m"_ba,
    };
    QRandomGenerator rng(20240601);
    const SyslogParser parser;
    Event e;
    for (int i = 0; i < 20000; ++i) {
        QByteArray line = seeds[i % seeds.size()];
        const int edits = 1 + int(rng.bounded(4));
        for (int k = 0; k < edits; ++k) {
            const auto pos = qsizetype(rng.bounded(int(line.size())));
            switch (rng.bounded(3)) {
            case 0: line[pos] = char(rng.bounded(256)); break;
            case 1: line.remove(pos, 1 + qsizetype(rng.bounded(5))); break;
            default: line.truncate(pos); break;
            }
            if (line.isEmpty()) {
                line = "<"_ba;
            }
        }
        const ParseResult r = parser.parse(line, ParseContext(), e);
        QVERIFY2(r.ok || !r.reason.isEmpty(), line.toHex().constData());
    }
}

void TestIngestSyslog::corpusFilesParse_data() const
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("records"); // -1: not counted by hand
    // Record counts after continuation lines are joined (syslog.3: 17 lines, 7 records).
    const QHash<QString, int> counted = {
        {u"lnav-logfile_bad_syslog.0"_s, 4},  {u"lnav-logfile_syslog.0"_s, 4},
        {u"lnav-logfile_syslog.3"_s, 7},      {u"lnav-logfile_syslog_fr.0"_s, 1},
        {u"lnav-logfile_syslog_with_mixed_times.0"_s, 13},
        {u"rsyslog-rfc3164-basic.txt"_s, 1},  {u"rsyslog-rfc3164-no-pri.txt"_s, 1},
        {u"rsyslog-rfc3164-rfc3339.txt"_s, 1}, {u"rsyslog-rfc3164-short.txt"_s, 1},
        {u"rsyslog-rfc5424-basic.txt"_s, 1},  {u"rsyslog-rfc5424-escaped-sd.txt"_s, 1},
    };
    int rows = 0;
    for (const QString& folder : {u"syslog-rfc3164"_s, u"syslog-rfc5424"_s}) {
        const QDir dir(corpusDir(folder));
        for (const QString& name : dir.entryList(QDir::Files, QDir::Name)) {
            if (name != u"MANIFEST.md") {
                QTest::addRow("%s", qPrintable(folder + u'/' + name))
                    << dir.filePath(name) << counted.value(name, -1);
                ++rows;
            }
        }
    }
    if (rows == 0) {
        QTest::addRow("corpus missing") << QString() << 0;
    }
}

void TestIngestSyslog::corpusFilesParse() const
{
    QFETCH(QString, path);
    QFETCH(int, records);
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly)) {
        QSKIP("the shared corpus (VIGIL_SHARED_CORPUS) is not available");
    }
    const SyslogParser parser;
    RecordReader reader(&file, parser.joinsContinuationLines());
    ParseContext ctx;
    ctx.receivedNs = ctx.referenceNs = utc(u"2025-09-01T00:00:00Z"_s);
    Record rec;
    Event e;
    int count = 0;
    while (reader.next(rec)) {
        ++count;
        const ParseResult r = parser.parse(rec.bytes, ctx, e);
        QVERIFY2(r.ok, qPrintable(u"line %1: %2"_s.arg(rec.line).arg(r.reason)));
        QVERIFY(e.format.startsWith(u"syslog-rfc"));
        QVERIFY(!e.summary.isEmpty());
    }
    QVERIFY(reader.errorString().isEmpty());
    QCOMPARE_GT(count, 0);
    if (records >= 0) {
        QCOMPARE(count, records);
    }
}

void TestIngestSyslog::corpusValues_data() const
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("record");
    QTest::addColumn<QString>("field"); // "time" checks the normalised time
    QTest::addColumn<QString>("expected");
    const QString k3 = u"syslog-rfc3164/lnav-logfile_syslog.3"_s;
    const QString bad = u"syslog-rfc3164/lnav-logfile_bad_syslog.0"_s;
    const QString fr = u"syslog-rfc3164/lnav-logfile_syslog_fr.0"_s;
    const QString shortFile = u"syslog-rfc3164/rsyslog-rfc3164-short.txt"_s;
    const QString basic = u"syslog-rfc5424/rsyslog-rfc5424-basic.txt"_s;
    const QString esc = u"syslog-rfc5424/rsyslog-rfc5424-escaped-sd.txt"_s;
    QTest::addRow("syslog.3 joined record: time")
        << k3 << 3 << u"time"_s << u"2025-08-16T00:32:15Z"_s;
    QTest::addRow("syslog.3 joined record: host") << k3 << 3 << u"hostname"_s << u"Tims-Air"_s;
    QTest::addRow("syslog.3 joined record: app") << k3 << 3 << u"app_name"_s << u"syslogd"_s;
    QTest::addRow("syslog.3 joined record: procid") << k3 << 3 << u"procid"_s << u"314"_s;
    QTest::addRow("syslog.3 joined record: lines") << k3 << 3 << u"#lines"_s << u"3"_s;
    QTest::addRow("syslog.3 last record: lines") << k3 << 7 << u"#lines"_s << u"3"_s;
    QTest::addRow("bad_syslog no tag: app") << bad << 3 << u"app_name"_s << QString();
    QTest::addRow("bad_syslog no tag: host") << bad << 3 << u"hostname"_s << u"veridian"_s;
    QTest::addRow("French month: time") << fr << 1 << u"time"_s << u"2025-08-19T11:08:37Z"_s;
    QTest::addRow("French month: procid") << fr << 1 << u"procid"_s << u"4961"_s;
    QTest::addRow("<0>x: message") << shortFile << 1 << u"message"_s << u"x"_s;
    QTest::addRow("<0>x: time received")
        << shortFile << 1 << u"time"_s << u"2025-09-01T00:00:00Z"_s;
    QTest::addRow("5424 basic: time") << basic << 1 << u"time"_s << u"2003-10-11T22:14:15.003Z"_s;
    QTest::addRow("5424 basic: facility") << basic << 1 << u"facility"_s << u"20"_s;
    QTest::addRow("5424 basic: severity") << basic << 1 << u"severity"_s << u"5"_s;
    QTest::addRow("5424 basic: procid nil") << basic << 1 << u"procid"_s << QString();
    QTest::addRow("5424 basic: msgid") << basic << 1 << u"msgid"_s << u"ID47"_s;
    QTest::addRow("5424 basic: sd") << basic << 1 << u"sd.exampleSDID@32473.iut"_s << u"3"_s;
    QTest::addRow("escaped SD: bracket") << esc << 1 << u"sd.meta@32473.value"_s
                                         << u"escaped]bracket"_s;
    QTest::addRow("escaped SD: quote") << esc << 1 << u"sd.meta@32473.quote"_s << u"\""_s;
    QTest::addRow("escaped SD: time") << esc << 1 << u"time"_s << u"2026-07-23T07:30:45Z"_s;
    QTest::addRow("escaped SD: message") << esc << 1 << u"message"_s << u"payload"_s;
}

void TestIngestSyslog::corpusValues() const
{
    QFETCH(QString, file);
    QFETCH(int, record);
    QFETCH(QString, field);
    QFETCH(QString, expected);
    QFile f(corpusDir(file));
    if (!f.open(QIODevice::ReadOnly)) {
        QSKIP("the shared corpus (VIGIL_SHARED_CORPUS) is not available");
    }
    RecordReader reader(&f, true);
    Record rec;
    for (int i = 0; i < record; ++i) {
        QVERIFY(reader.next(rec));
    }
    ParseContext ctx;
    ctx.receivedNs = ctx.referenceNs = utc(u"2025-09-01T00:00:00Z"_s);
    Event e;
    const ParseResult r = SyslogParser().parse(rec.bytes, ctx, e);
    QVERIFY2(r.ok, qPrintable(r.reason));
    if (field == u"time") {
        QCOMPARE(timeOf(e), expected);
    } else if (field == u"#lines") {
        QCOMPARE(QString::number(e.fields.text(u"message").count(u'\n') + 1), expected);
    } else {
        QCOMPARE(fieldOrNull(e, field), expected);
    }
}

void TestIngestSyslog::throughput() const
{
    QList<QByteArray> lines;
    for (int i = 0; i < 100000; ++i) {
        if (i % 2 == 0) {
            lines << "<30>Aug  4 07:08:" + QByteArray::number(10 + i % 50)
                    + " host-a nginx[" + QByteArray::number(i) + "]: client 192.0.2.10 GET /x 200";
        } else {
            lines << "<165>1 2003-10-11T22:14:15.003Z host-a app 42 ID47 [o@1 a=\"b\"] request "
                    + QByteArray::number(i);
        }
    }
    const SyslogParser parser;
    ParseContext ctx;
    ctx.receivedNs = ctx.referenceNs = utc(u"2020-08-05T00:00:00Z"_s);
    Event e;
    QElapsedTimer timer;
    timer.start();
    for (const QByteArray& line : std::as_const(lines)) {
        QVERIFY(parser.parse(line, ctx, e).ok);
    }
    const double seconds = std::max<qint64>(timer.nsecsElapsed(), 1) / 1e9;
    const double rate = lines.size() / seconds;
    qInfo("syslog: %.0f lines/s", rate);
    QVERIFY2(rate > 20000, qPrintable(u"only %1 lines/s"_s.arg(rate)));
}

QTEST_APPLESS_MAIN(TestIngestSyslog)
#include "tst_ingest_syslog.moc"
