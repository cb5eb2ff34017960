#include <QTest>

#include "tst_format_support.h"

using namespace fmttest;

/** ArcSight CEF: header escapes, extension values, time, common fields, syslog wrapping. */
class TestFormatCef : public QObject {
    Q_OBJECT
private slots:
    void header_data() const;
    void header() const;
    void extension_data() const;
    void extension() const;
    void commonFields() const;
    void deviceTime_data() const;
    void deviceTime() const;
    void severityMapping_data() const;
    void severityMapping() const;
    void inSyslog_data() const;
    void inSyslog() const;
    void rejects_data() const;
    void rejects() const;
    void corpusValues() const;
};

void TestFormatCef::header_data() const
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QStringList>("header"); // version vendor product devversion sigid name sev
    // Case B09: an escaped pipe inside a header part is text, not a separator.
    QTest::addRow("B09 escaped pipe in signature id")
        << "CEF:0|VendorA|ProductB|1.0|op1\\|op2|Login attempt|5|suser=user1 msg=hello world"_ba
        << QStringList{u"0"_s,       u"VendorA"_s,       u"ProductB"_s, u"1.0"_s,
                       u"op1|op2"_s, u"Login attempt"_s, u"5"_s};
    QTest::addRow("escaped backslash in vendor")
        << "CEF:1|Ven\\\\dor|P|2.5|id-9|Name with spaces|High|"_ba
        << QStringList{u"1"_s,    u"Ven\\dor"_s,         u"P"_s,   u"2.5"_s,
                       u"id-9"_s, u"Name with spaces"_s, u"High"_s};
    QTest::addRow("no extension and no trailing pipe")
        << "CEF:0|V|P|1|100|Ping|3"_ba
        << QStringList{u"0"_s, u"V"_s, u"P"_s, u"1"_s, u"100"_s, u"Ping"_s, u"3"_s};
    QTest::addRow("empty header parts")
        << "CEF:0||P||100||3|src=1.2.3.4"_ba
        << QStringList{u"0"_s, u""_s, u"P"_s, u""_s, u"100"_s, u""_s, u"3"_s};
}

void TestFormatCef::header() const
{
    QFETCH(QByteArray, line);
    QFETCH(QStringList, header);
    const Parsed p = parseLine(line, u"cef"_s);
    QCOMPARE(p.rejects, QStringList());
    QCOMPARE(p.events.size(), std::size_t(1));
    const Event& e = p.events.front();
    QCOMPARE(e.format, u"cef"_s);
    static const QStringView kNames[] = {u"cef_version",    u"device_vendor", u"device_product",
                                         u"device_version", u"signature_id",  u"name",
                                         u"severity"};
    for (int k = 0; k < 7; ++k) {
        QCOMPARE(field(e, kNames[k]), header[k]);
    }
}

void TestFormatCef::extension_data() const
{
    QTest::addColumn<QByteArray>("ext");
    QTest::addColumn<QStringList>("pairs"); // name=value of every field after the header
    // Case B12: empty values in the middle and at the very end.
    QTest::addRow("B12 empty values")
        << "act=allow cs1= cs1Label=Virus Name dpt="_ba
        << QStringList{u"act=allow"_s, u"cs1="_s, u"cs1Label=Virus Name"_s, u"dpt="_s};
    QTest::addRow("B09 value with spaces")
        << "suser=user1 msg=hello world"_ba << QStringList{u"suser=user1"_s, u"msg=hello world"_s};
    QTest::addRow("escapes undone")
        << "msg=a\\=b c\\\\d\\nnext\\rx\\|y"_ba << QStringList{u"msg=a=b c\\d\nnext\rx|y"_s};
    QTest::addRow("unknown escape kept")
        << "msg=C:\\temp\\x"_ba << QStringList{u"msg=C:\\temp\\x"_s};
    QTest::addRow("unescaped = in base64 values")
        << "cs1=aGVsbG8= cs2=d29ybGQ== fname=x.bin"_ba
        << QStringList{u"cs1=aGVsbG8="_s, u"cs2=d29ybGQ=="_s, u"fname=x.bin"_s};
    QTest::addRow("equals sign after a space")
        << "msg=a = b src=10.0.0.1"_ba << QStringList{u"msg=a = b"_s, u"src=10.0.0.1"_s};
    QTest::addRow("trailing spaces dropped")
        << "dst=192.168.1.2 src=192.168.3.4     "_ba
        << QStringList{u"dst=192.168.1.2"_s, u"src=192.168.3.4"_s};
    QTest::addRow("several spaces between pairs")
        << "a=1   b=2"_ba << QStringList{u"a=1"_s, u"b=2"_s};
    QTest::addRow("repeated key becomes a list") << "cs1=a cs1=b"_ba << QStringList{u"cs1=[a,b]"_s};
    QTest::addRow("text before the first key kept")
        << "junk here src=1.2.3.4"_ba << QStringList{u"unparsed=junk here"_s, u"src=1.2.3.4"_s};
    QTest::addRow("unicode value")
        << "msg=Zürich – 東京 suser=ü"_ba << QStringList{u"msg=Zürich – "
           "東京"_s, u"suser=ü"_s};
    QTest::addRow("empty extension") << ""_ba << QStringList{};
}

void TestFormatCef::extension() const
{
    QFETCH(QByteArray, ext);
    QFETCH(QStringList, pairs);
    const Parsed p = parseLine("CEF:0|V|P|1|100|n|3|" + ext, u"cef"_s);
    QCOMPARE(p.rejects, QStringList());
    QCOMPARE(p.events.size(), std::size_t(1));
    QStringList got;
    const auto& entries = p.events.front().fields.entries();
    for (std::size_t k = 7; k < entries.size(); ++k) {
        got << entries[k].first + u'=' + field(p.events.front(), entries[k].first);
    }
    QCOMPARE(got, pairs);
}

void TestFormatCef::commonFields() const
{
    const Parsed p =
        parseLine("CEF:0|Security|threatmanager|1.0|100|worm successfully stopped|10|src=10.0.0.1 "
                  "dst=2.1.2.2 spt=1232 dpt=80 suser=alice proto=TCP act=blocked outcome=failure "
                  "request=http://example.com/a?b=c sproc=svchost.exe"_ba,
                  u"cef"_s);
    QCOMPARE(p.events.size(), std::size_t(1));
    const Event& e = p.events.front();
    QCOMPARE(common(e, u"src_ip"), u"10.0.0.1"_s);
    QCOMPARE(common(e, u"src_port"), u"1232"_s);
    QCOMPARE(e.common.find(u"src_port")->type(), FieldValue::Type::Int);
    QCOMPARE(common(e, u"dst_ip"), u"2.1.2.2"_s);
    QCOMPARE(common(e, u"dst_port"), u"80"_s);
    QCOMPARE(common(e, u"user"), u"alice"_s);
    QCOMPARE(common(e, u"protocol"), u"tcp"_s);
    QCOMPARE(common(e, u"action"), u"blocked"_s);
    QCOMPARE(common(e, u"outcome"), u"failure"_s);
    QCOMPARE(common(e, u"url"), u"http://example.com/a?b=c"_s);
    QCOMPARE(common(e, u"process"), u"svchost.exe"_s);
    QCOMPARE(e.severity, 2);
    // An address that is not one stays out of the common fields (the field keeps it).
    const Parsed bad = parseLine("CEF:0|V|P|1|1|n|1|src=not-an-ip spt=99999"_ba, u"cef"_s);
    QCOMPARE(common(bad.events.front(), u"src_ip"), QString());
    QCOMPARE(common(bad.events.front(), u"src_port"), QString());
    QCOMPARE(field(bad.events.front(), u"src"), u"not-an-ip"_s);
}

void TestFormatCef::deviceTime_data() const
{
    QTest::addColumn<QByteArray>("ext");
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QString>("time");
    QTest::addColumn<QString>("assumed"); // common time_zone_assumed, null when the text had one
    QTest::addRow("epoch milliseconds")
        << "rt=1388577600000"_ba << u"UTC"_s << u"2014-01-01T12:00:00.000Z"_s << QString();
    QTest::addRow("MMM dd yyyy HH:mm:ss in the source zone")
        << "rt=Jan 01 2014 12:00:00"_ba << u"Europe/Berlin"_s << u"2014-01-01T11:00:00Z"_s
        << u"Europe/Berlin"_s;
    QTest::addRow("with a UTC suffix") << "rt=Jan 01 2014 12:00:00 UTC"_ba << u"Europe/Berlin"_s
                                       << u"2014-01-01T12:00:00Z"_s << QString();
    QTest::addRow("with milliseconds and an offset")
        << "rt=Mar 05 2021 08:09:10.123 +02:00"_ba << u"UTC"_s << u"2021-03-05T06:09:10.123Z"_s
        << QString();
    QTest::addRow("ISO 8601") << "end=2014-01-01T12:00:00+02:00"_ba << u"UTC"_s
                              << u"2014-01-01T10:00:00Z"_s << QString();
    QTest::addRow("rt before end") << "end=1388577600000 rt=1388577601000"_ba << u"UTC"_s
                                   << u"2014-01-01T12:00:01.000Z"_s << QString();
    QTest::addRow("unreadable time: received")
        << "rt=yesterday"_ba << u"UTC"_s << u"received"_s << QString();
}

void TestFormatCef::deviceTime() const
{
    QFETCH(QByteArray, ext);
    QFETCH(QString, zone);
    QFETCH(QString, time);
    QFETCH(QString, assumed);
    const Parsed p = parseLine("CEF:0|V|P|1|1|n|1|" + ext, u"cef"_s, QTimeZone(zone.toLatin1()));
    QCOMPARE(p.events.size(), std::size_t(1));
    QCOMPARE(timeOf(p.events.front()), time);
    QCOMPARE(common(p.events.front(), u"time_zone_assumed"), assumed);
}

void TestFormatCef::severityMapping_data() const
{
    QTest::addColumn<QByteArray>("severity");
    QTest::addColumn<int>("syslog");
    QTest::addRow("0 low") << "0"_ba << 5;
    QTest::addRow("3 low") << "3"_ba << 5;
    QTest::addRow("5 medium") << "5"_ba << 4;
    QTest::addRow("8 high") << "8"_ba << 3;
    QTest::addRow("10 very high") << "10"_ba << 2;
    QTest::addRow("name Low") << "Low"_ba << 5;
    QTest::addRow("name Very-High") << "Very-High"_ba << 2;
    QTest::addRow("out of range") << "11"_ba << -1;
    QTest::addRow("unknown name") << "Unknown"_ba << -1;
}

void TestFormatCef::severityMapping() const
{
    QFETCH(QByteArray, severity);
    QFETCH(int, syslog);
    const Parsed p = parseLine("CEF:0|V|P|1|1|n|" + severity + "|a=b", u"cef"_s);
    QCOMPARE(p.events.front().severity, syslog);
    QCOMPARE(field(p.events.front(), u"severity"), QString::fromUtf8(severity));
}

void TestFormatCef::inSyslog_data() const
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("format"); // forced format; empty = detect
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("time");
    QTest::addRow("RFC 3164 header, detected")
        << "<134>Feb 28 10:00:00 host-a CEF:0|V|P|1|100|name|7|src=192.0.2.1 spt=5"_ba << QString()
        << u"host-a"_s << u"2024-02-28T10:00:00Z"_s;
    QTest::addRow("RFC 5424 header, syslog format")
        << "<134>1 2024-02-28T10:00:00.5Z host-b app - - - CEF:0|V|P|1|100|name|7|src=192.0.2.1"_ba
        << u"syslog"_s << u"host-b"_s << u"2024-02-28T10:00:00.5Z"_s;
    QTest::addRow("tag before CEF, cef format")
        << "Feb 28 10:00:00 host-c fw[12]: CEF:0|V|P|1|100|name|7|src=192.0.2.1"_ba << u"cef"_s
        << u"host-c"_s << u"2024-02-28T10:00:00Z"_s;
    QTest::addRow("device time wins over the header")
        << "<134>Feb 28 10:00:00 host-d CEF:0|V|P|1|100|name|7|src=192.0.2.1 rt=1388577600000"_ba
        << u"cef"_s << u"host-d"_s << u"2014-01-01T12:00:00.000Z"_s;
}

void TestFormatCef::inSyslog() const
{
    QFETCH(QByteArray, line);
    QFETCH(QString, format);
    QFETCH(QString, host);
    QFETCH(QString, time);
    const Parsed p = parseLine(line, format);
    QCOMPARE(p.rejects, QStringList());
    QCOMPARE(p.events.size(), std::size_t(1));
    const Event& e = p.events.front();
    QCOMPARE(e.format, u"cef"_s);
    QCOMPARE(e.host, host);
    QCOMPARE(timeOf(e), time);
    QCOMPARE(field(e, u"name"), u"name"_s);
    QCOMPARE(field(e, u"severity"), u"7"_s); // CEF's severity replaces the syslog one
    QCOMPARE(e.severity, 3);
    QCOMPARE(common(e, u"src_ip"), u"192.0.2.1"_s);
    // A device time replaces the header's time and its zone note.
    QCOMPARE(common(e, u"time_zone_assumed").isNull(),
             line.contains("rt=") || line.contains("<134>1 "));
}

void TestFormatCef::rejects_data() const
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("reason");
    QTest::addRow("header with four parts")
        << "CEF:0|V|P|1|id"_ba << u"CEF header has 4 of its 7 parts"_s;
    QTest::addRow("only the version") << "CEF:0"_ba << u"CEF header has 0 of its 7 parts"_s;
    QTest::addRow("in syslog, too few parts")
        << "<134>Feb 28 10:00:00 host-a CEF:0|V|P|1|100"_ba << u"CEF header has 4 of its 7 parts"_s;
    QTest::addRow("not CEF nor syslog")
        << "hello world"_ba << u"not a cef record: not a syslog line"_s;
}

void TestFormatCef::rejects() const
{
    QFETCH(QByteArray, line);
    QFETCH(QString, reason);
    const Parsed p = parseLine(line, u"cef"_s);
    QCOMPARE(p.events.size(), std::size_t(0));
    QCOMPARE(p.rejects.size(), 1);
    QVERIFY2(p.rejects.front().startsWith(u"1: "_s + reason), qPrintable(p.rejects.front()));
}

void TestFormatCef::corpusValues() const
{
    FMT_REQUIRE_CORPUS();
    const Parsed p = parseFile(corpusPath(u"cef/elastic-test-cef.log"_s));
    QCOMPARE(p.format, u"cef"_s);
    QCOMPARE(p.rejects, QStringList());
    QCOMPARE(p.events.size(), std::size_t(4));
    const Event& web = p.events[0];
    QCOMPARE(field(web, u"device_vendor"), u"Elastic"_s);
    QCOMPARE(field(web, u"device_version"), u"1.0.0-alpha"_s);
    QCOMPARE(field(web, u"name"), u"Web request"_s);
    QCOMPARE(field(web, u"severity"), u"low"_s);
    QCOMPARE(field(web, u"eventId"), u"3457"_s);
    QCOMPARE(field(web, u"requestMethod"), u"POST"_s);
    QCOMPARE(field(web, u"slong"), u"-77.511"_s);
    QCOMPARE(field(web, u"requestContext"), u"https://www.google.com"_s);
    QCOMPARE(field(web, u"request"), u"https://www.example.com/cart"_s);
    QCOMPARE(common(web, u"src_ip"), u"89.160.20.156"_s);
    QCOMPARE(common(web, u"src_port"), u"33876"_s);
    QCOMPARE(common(web, u"dst_port"), u"443"_s);
    QCOMPARE(common(web, u"url"), u"https://www.example.com/cart"_s);
    const Event& auth = p.events[1];
    QCOMPARE(field(auth, u"duser"), u"alice"_s);
    QCOMPARE(field(auth, u"suser"), u"bob"_s);
    QCOMPARE(field(auth, u"destinationTranslatedAddress"), u"10.10.10.10"_s);
    QCOMPARE(field(auth, u"oldFileHash"), u"a9796280592f86b74b27e370662d41eb"_s);
    QCOMPARE(common(auth, u"user"), u"bob"_s);
    QCOMPARE(field(p.events[2], u"spriv"), u"user"_s);
    QCOMPARE(field(p.events[2], u"dpriv"), u"root"_s);
    // The last line ends in spaces: values keep their inner spaces, not the trailing ones.
    QCOMPARE(field(p.events[3], u"message"), u"This event is padded with whitespace"_s);
    QCOMPARE(field(p.events[3], u"src"), u"192.168.3.4"_s);
}

QTEST_GUILESS_MAIN(TestFormatCef)
#include "tst_format_cef.moc"
