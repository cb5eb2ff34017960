#include <QTest>

#include "tst_format_support.h"

using namespace fmttest;

/** Suricata EVE JSON and Snort/Suricata fast.log alerts. */
class TestFormatSuricata : public QObject {
    Q_OBJECT
private slots:
    void eveCommon_data() const;
    void eveCommon() const;
    void eveExactValues() const;
    void fastLog_data() const;
    void fastLog() const;
    void fastLogRejects_data() const;
    void fastLogRejects() const;
    void corpusEve() const;
    void corpusFastLog() const;
};

void TestFormatSuricata::eveCommon_data() const
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("time");
    QTest::addColumn<QStringList>("common"); // name=value, in any order
    QTest::addColumn<int>("severity");
    QTest::addRow("alert, -0400 offset")
        << "{\"timestamp\":\"2024-03-01T10:00:00.123456-0400\",\"flow_id\":1,\"event_type\":"
           "\"alert\","
           "\"src_ip\":\"192.0.2.5\",\"src_port\":4444,\"dest_ip\":\"198.51.100.9\",\"dest_port\":"
           "80,"
           "\"proto\":\"TCP\",\"alert\":{\"action\":\"blocked\",\"gid\":1,\"signature_id\":2000001,"
           "\"rev\":2,\"signature\":\"ET TEST bad thing\",\"category\":\"Misc\",\"severity\":1}}"_ba
        << u"2024-03-01T14:00:00.123456Z"_s << QStringList{u"category=ids_alert"_s,
                                                           u"action=blocked"_s,
                                                           u"signature=ET TEST bad thing"_s,
                                                           u"src_ip=192.0.2.5"_s,
                                                           u"src_port=4444"_s,
                                                           u"dst_ip=198.51.100.9"_s,
                                                           u"dst_port=80"_s,
                                                           u"protocol=tcp"_s}
        << 3;
    QTest::addRow("anomaly")
        << "{\"timestamp\":\"2024-03-01T10:00:00+0000\",\"event_type\":\"anomaly\",\"src_ip\":"
           "\"192.0.2.5\","
           "\"dest_ip\":\"198.51.100.9\",\"proto\":\"UDP\",\"anomaly\":{\"type\":\"decode\","
           "\"event\":\"ipv4.trunc_pkt\"}}"_ba
        << u"2024-03-01T10:00:00Z"_s
        << QStringList{u"category=ids_alert"_s, u"signature=ipv4.trunc_pkt"_s,
                       u"src_ip=192.0.2.5"_s, u"dst_ip=198.51.100.9"_s, u"protocol=udp"_s}
        << -1;
    QTest::addRow("dns query")
        << "{\"timestamp\":\"2024-03-01T10:00:01Z\",\"flow_id\":2,\"event_type\":\"dns\",\"src_"
           "ip\":"
           "\"192.0.2.5\",\"src_port\":5353,\"dest_ip\":\"192.0.2.53\",\"dest_port\":53,\"proto\":"
           "\"UDP\",\"dns\":{\"type\":\"query\",\"id\":7,\"rrname\":\"example.org\",\"rrtype"
           "\":\"A\"}}"_ba
        << u"2024-03-01T10:00:01Z"_s
        << QStringList{u"category=dns"_s,  u"action=query"_s,      u"src_ip=192.0.2.5"_s,
                       u"src_port=5353"_s, u"dst_ip=192.0.2.53"_s, u"dst_port=53"_s,
                       u"protocol=udp"_s}
        << -1;
    QTest::addRow("http")
        << "{\"timestamp\":\"2024-03-01T10:00:02Z\",\"flow_id\":3,\"event_type\":\"http\",\"src_"
           "ip\":"
           "\"192.0.2.5\",\"src_port\":50000,\"dest_ip\":\"198.51.100.9\",\"dest_port\":8080,"
           "\"proto\":\"TCP\",\"http\":{\"hostname\":\"h.example\",\"url\":\"\\/a?b=1\","
           "\"http_method\":\"POST\",\"status\":404,\"length\":12}}"_ba
        << u"2024-03-01T10:00:02Z"_s
        << QStringList{u"category=web"_s,        u"action=POST"_s,      u"url=/a?b=1"_s,
                       u"http_status=404"_s,     u"src_ip=192.0.2.5"_s, u"src_port=50000"_s,
                       u"dst_ip=198.51.100.9"_s, u"dst_port=8080"_s,    u"protocol=tcp"_s}
        << -1;
    QTest::addRow("tls")
        << "{\"timestamp\":\"2024-03-01T10:00:03Z\",\"flow_id\":4,\"event_type\":\"tls\",\"src_"
           "ip\":"
           "\"192.0.2.5\",\"src_port\":50001,\"dest_ip\":\"198.51.100.9\",\"dest_port\":443,"
           "\"proto\":\"TCP\",\"tls\":{\"sni\":\"h.example\",\"version\":\"TLS 1.3\"}}"_ba
        << u"2024-03-01T10:00:03Z"_s
        << QStringList{u"category=network"_s,    u"src_ip=192.0.2.5"_s, u"src_port=50001"_s,
                       u"dst_ip=198.51.100.9"_s, u"dst_port=443"_s,     u"protocol=tcp"_s}
        << -1;
    QTest::addRow("fileinfo")
        << "{\"timestamp\":\"2024-03-01T10:00:04Z\",\"flow_id\":5,\"event_type\":\"fileinfo\","
           "\"src_ip\":\"198.51.100.9\",\"src_port\":80,\"dest_ip\":\"192.0.2.5\",\"dest_port\":"
           "50002,"
           "\"proto\":\"TCP\",\"http\":{\"url\":\"/f.exe\",\"status\":200},\"fileinfo\":"
           "{\"filename\":\"/f.exe\",\"size\":1071}}"_ba
        << u"2024-03-01T10:00:04Z"_s
        << QStringList{u"category=file"_s,       u"url=/f.exe"_s,  u"http_status=200"_s,
                       u"src_ip=198.51.100.9"_s, u"src_port=80"_s, u"dst_ip=192.0.2.5"_s,
                       u"dst_port=50002"_s,      u"protocol=tcp"_s}
        << -1;
    QTest::addRow("flow")
        << "{\"timestamp\":\"2024-03-01T10:00:05.000001+0200\",\"flow_id\":6,\"event_type\":"
           "\"flow\","
           "\"src_ip\":\"2001:db8::1\",\"src_port\":546,\"dest_ip\":\"ff02::1:2\",\"dest_port\":"
           "547,"
           "\"proto\":\"UDP\",\"flow\":{\"state\":\"new\",\"reason\":\"timeout\"}}"_ba
        << u"2024-03-01T08:00:05.000001Z"_s
        << QStringList{u"category=network"_s, u"action=new"_s,       u"src_ip=2001:db8::1"_s,
                       u"src_port=546"_s,     u"dst_ip=ff02::1:2"_s, u"dst_port=547"_s,
                       u"protocol=udp"_s}
        << -1;
}

void TestFormatSuricata::eveCommon() const
{
    QFETCH(QByteArray, line);
    QFETCH(QString, time);
    QFETCH(QStringList, common);
    QFETCH(int, severity);
    const Parsed p = parseText(line + '\n' + line + '\n');
    QCOMPARE(p.format, u"suricata-eve"_s);
    QCOMPARE(p.rejects, QStringList());
    const Event& e = p.events.front();
    QCOMPARE(e.format, u"suricata-eve"_s);
    QCOMPARE(timeOf(e), time);
    QStringList got;
    for (const auto& [name, value] : e.common.entries()) {
        got << name + u'=' + value.text();
    }
    got.sort();
    common.sort();
    QCOMPARE(got, common);
    QCOMPARE(e.severity, severity);
}

void TestFormatSuricata::eveExactValues() const
{
    // EVE's 64-bit flow ids and escaped slashes survive exactly.
    const Parsed p =
        parseLine("{\"timestamp\":\"2024-03-01T10:00:00Z\",\"flow_id\":9223372036854775807,"
                  "\"event_type\":\"http\",\"src_ip\":\"192.0.2.5\",\"http\":{\"url\":"
                  "\"\\/x\\/y\",\"http_user_agent\":\"Mozilla\\/5.0\"}}"_ba,
                  u"suricata-eve"_s);
    QCOMPARE(p.events.size(), std::size_t(1));
    QCOMPARE(field(p.events.front(), u"flow_id"), u"9223372036854775807"_s);
    QCOMPARE(p.events.front().fields.find(u"flow_id")->type(), FieldValue::Type::Int);
    QCOMPARE(field(p.events.front(), u"http.url"), u"/x/y"_s);
    QCOMPARE(field(p.events.front(), u"http.http_user_agent"), u"Mozilla/5.0"_s);
}

void TestFormatSuricata::fastLog_data() const
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("time");
    QTest::addColumn<QStringList>("fields"); // name=value in order
    QTest::addRow("Suricata IPv4 with ports")
        << "03/01/2024-10:00:00.123456  [**] [1:2010935:3] ET POLICY Suspicious inbound to MSSQL "
           "port 1433 [**] [Classification: Potentially Bad Traffic] [Priority: 2] {TCP} "
           "192.0.2.5:51000 -> 198.51.100.9:1433"_ba
        << u"2024-03-01T10:00:00.123456Z"_s
        << QStringList{u"action=alert"_s,
                       u"gid=1"_s,
                       u"sid=2010935"_s,
                       u"rev=3"_s,
                       u"msg=ET POLICY Suspicious inbound to MSSQL port 1433"_s,
                       u"classification=Potentially Bad Traffic"_s,
                       u"priority=2"_s,
                       u"protocol=TCP"_s,
                       u"src_ip=192.0.2.5"_s,
                       u"src_port=51000"_s,
                       u"dst_ip=198.51.100.9"_s,
                       u"dst_port=1433"_s};
    QTest::addRow("Snort without year, ICMP has no ports")
        << "06/10-09:08:07.000001  [**] [1:384:5] ICMP PING [**] [Classification: Misc activity] "
           "[Priority: 3] {ICMP} 192.0.2.5 -> 198.51.100.9"_ba
        << u"2024-06-10T09:08:07.000001Z"_s
        << QStringList{u"action=alert"_s,     u"gid=1"_s,
                       u"sid=384"_s,          u"rev=5"_s,
                       u"msg=ICMP PING"_s,    u"classification=Misc activity"_s,
                       u"priority=3"_s,       u"protocol=ICMP"_s,
                       u"src_ip=192.0.2.5"_s, u"dst_ip=198.51.100.9"_s};
    QTest::addRow("drop, xref, IPv6 without brackets")
        << "03/01/2024-10:00:00.5  [Drop] [**] [1:7:1] (null) [**] [Classification: (null)] "
           "[Priority: 1] [Xref => http://example.org/x] {UDP} 2001:db8::1:53 -> "
           "2001:db8::2:5353"_ba
        << u"2024-03-01T10:00:00.5Z"_s
        << QStringList{u"action=drop"_s,
                       u"gid=1"_s,
                       u"sid=7"_s,
                       u"rev=1"_s,
                       u"msg=(null)"_s,
                       u"classification=(null)"_s,
                       u"priority=1"_s,
                       u"protocol=UDP"_s,
                       u"src_ip=2001:db8::1"_s,
                       u"src_port=53"_s,
                       u"dst_ip=2001:db8::2"_s,
                       u"dst_port=5353"_s};
}

void TestFormatSuricata::fastLog() const
{
    QFETCH(QByteArray, line);
    QFETCH(QString, time);
    QFETCH(QStringList, fields);
    const Parsed p = parseText(line + '\n' + line + '\n');
    QCOMPARE(p.format, u"fast-log"_s);
    QCOMPARE(p.rejects, QStringList());
    const Event& e = p.events.front();
    QCOMPARE(timeOf(e), time);
    QStringList got;
    for (const auto& [name, value] : e.fields.entries()) {
        got << name + u'=' + value.text();
    }
    QCOMPARE(got, fields);
    QCOMPARE(common(e, u"category"), u"ids_alert"_s);
    QCOMPARE(common(e, u"signature"), field(e, u"msg"));
    QCOMPARE(common(e, u"time_zone_assumed"), u"UTC"_s);
    QCOMPARE(e.severity, field(e, u"priority") == u"1" ? 3 : field(e, u"priority") == u"2" ? 4 : 5);
}

void TestFormatSuricata::fastLogRejects_data() const
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("reason");
    QTest::addRow("bad gid:sid:rev")
        << "03/01/2024-10:00:00.1  [**] [1:2] x [**] {TCP} 1.2.3.4:1 -> 5.6.7.8:2"_ba
        << u"fast.log alert: expected [gid:sid:rev] at byte 29"_s;
    QTest::addRow("bad time")
        << "13/45/2024-10:00:00.1  [**] [1:2:3] x [**] {TCP} 1.2.3.4:1 -> 5.6.7.8:2"_ba
        << u"fast.log alert: the time is not mm/dd[/yyyy]-hh:mm:ss.ffffff at byte 0"_s;
    QTest::addRow("no arrow")
        << "03/01/2024-10:00:00.1  [**] [1:2:3] x [**] [Priority: 3] {TCP} 1.2.3.4:1"_ba
        << u"fast.log alert: expected {PROTOCOL} source -> destination at byte 57"_s;
}

void TestFormatSuricata::fastLogRejects() const
{
    QFETCH(QByteArray, line);
    QFETCH(QString, reason);
    const Parsed p = parseLine(line, u"fast-log"_s);
    QCOMPARE(p.rejects, QStringList{u"1: "_s + reason});
}

void TestFormatSuricata::corpusEve() const
{
    FMT_REQUIRE_CORPUS();
    const Parsed p = parseFile(corpusPath(u"suricata-eve/elastic-test-eve-small.log"_s));
    QCOMPARE(p.format, u"suricata-eve"_s);
    QCOMPARE(p.rejects, QStringList());
    QCOMPARE(p.events.size(), std::size_t(12));
    const Event& alert = p.events[1];
    QCOMPARE(timeOf(alert), u"2018-07-05T19:07:20.910626Z"_s); // 15:07:20.910626-0400
    QCOMPARE(field(alert, u"alert.signature_id"), u"2024833"_s);
    QCOMPARE(field(alert, u"tls.sni"), u"l2.io"_s);
    QCOMPARE(field(alert, u"flow.bytes_toserver"), u"793"_s);
    QCOMPARE(common(alert, u"signature"),
             u"ET POLICY Observed IP Lookup Domain (l2 .io in TLS SNI)"_s);
    QCOMPARE(common(alert, u"action"), u"allowed"_s);
    QCOMPARE(alert.severity, 3);
    const Event& http = p.events[2];
    QCOMPARE(field(http, u"http.url"), u"/dd.xml"_s);
    QCOMPARE(field(http, u"http.http_user_agent").left(22), u"Mozilla/5.0 (Macintosh"_s);
    QCOMPARE(common(http, u"http_status"), u"200"_s);
    QCOMPARE(field(p.events[3], u"fileinfo.sha256"),
             u"f610428ebddf6f8cf9e39322e672583c45fcdcf885efad0ab48fd53a3dfc2c4b"_s);
    QCOMPARE(field(p.events[4], u"dns.rdata"), u"175.16.199.1"_s);
    QCOMPARE(common(p.events[4], u"category"), u"dns"_s);
    QCOMPARE(field(p.events[5], u"stats.decoder.pkts"), u"430313"_s);
    QCOMPARE(p.events[5].common.size(), std::size_t(0)); // stats: nothing to normalise
    QCOMPARE(field(p.events[6], u"tls.serial"), u"5C:9C:E1:09:78:87:F8:07"_s);
    QCOMPARE(common(p.events[7], u"src_ip"), u"fe80:0000:0000:0000:fada:0cff:fedc:87f1"_s);
    QCOMPARE(field(p.events[7], u"flow.alerted"), u"false"_s);
    QCOMPARE(timeOf(p.events[8]), u"2020-12-09T16:02:43.000505Z"_s); // +0000
    QCOMPARE(field(p.events[11], u"tls.ja3.hash"), u"44d502d471cfdb99c59bdfb0f220e5a8"_s);
}

void TestFormatSuricata::corpusFastLog() const
{
    FMT_REQUIRE_CORPUS();
    const Parsed p =
        parseFile(corpusPath(u"snort-suricata-fast/suricata-verify-http2-files-6-fast.log"_s));
    QCOMPARE(p.format, u"fast-log"_s);
    QCOMPARE(p.rejects, QStringList());
    QCOMPARE(p.events.size(), std::size_t(13));
    // 08/02/2014-10:50:25.828791  [**] [1:3:1] (null) [**] ... {TCP} ...0001:56508 -> ...0001:3000
    const Event& e = p.events[3];
    QCOMPARE(timeOf(e), u"2014-08-02T10:50:25.828791Z"_s);
    QCOMPARE(field(e, u"sid"), u"3"_s);
    QCOMPARE(field(e, u"priority"), u"3"_s);
    QCOMPARE(field(e, u"src_ip"), u"0000:0000:0000:0000:0000:0000:0000:0001"_s);
    QCOMPARE(field(e, u"src_port"), u"56508"_s);
    QCOMPARE(field(e, u"dst_port"), u"3000"_s);
    const Parsed other =
        parseFile(corpusPath(u"snort-suricata-fast/suricata-verify-http2-files-fast.log"_s));
    QCOMPARE(other.rejects, QStringList());
    QCOMPARE(other.events.size(), std::size_t(28));
    // 08/02/2014-10:50:25.823699  [**] [1:9:1] (null) ... {TCP} ...0001:3000 -> ...0001:56508
    QCOMPARE(field(other.events[3], u"sid"), u"9"_s);
    QCOMPARE(field(other.events[3], u"src_port"), u"3000"_s);
    QCOMPARE(field(other.events[3], u"msg"), u"(null)"_s);
}

QTEST_GUILESS_MAIN(TestFormatSuricata)
#include "tst_format_suricata.moc"
