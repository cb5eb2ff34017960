#include <QTest>

#include "tst_format_support.h"

using namespace fmttest;

namespace {

QByteArray zeekHeader(const QByteArray& fields, const QByteArray& types)
{
    return "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n"
           "#path\ttest\n#fields\t"
           + fields + "\n#types\t" + types + "\n";
}

} // namespace

/** Zeek logs: TSV with #fields/#types headers, and Zeek JSON. */
class TestFormatZeek : public QObject {
    Q_OBJECT
private slots:
    void b18EmptyVersusUnset() const;
    void typedValues_data() const;
    void typedValues() const;
    void otherSeparator() const;
    void fixtureFile() const;
    void rejects() const;
    void zeekJson() const;
    void corpusTsv() const;
    void corpusJson() const;
};

void TestFormatZeek::b18EmptyVersusUnset() const
{
    // Case B18, input and expected values as the handout gives them.
    const QByteArray log = "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n"
                           "#unset_field\t-\n#path\trdp\n#fields\tts\tuid\tcookie\tresult\t"
                           "client_channels\n#types\ttime\tstring\tstring\tstring\tvector[string]\n"
                           "1700000001.250000\tCAbc123\t(empty)\t-\t(empty)\n"
                           "#close\t2023-11-14-22-13-22\n";
    const Parsed p = parseText(log);
    QCOMPARE(p.format, u"zeek-tsv"_s);
    QCOMPARE(p.rejects, QStringList());
    QCOMPARE(p.headers, qint64(8));
    QCOMPARE(p.events.size(), std::size_t(1));
    const Event& e = p.events.front();
    QCOMPARE(timeOf(e), u"2023-11-14T22:13:21.250000Z"_s);
    QCOMPARE(field(e, u"uid"), u"CAbc123"_s);
    QCOMPARE(field(e, u"cookie"), u""_s);
    QCOMPARE(e.fields.find(u"cookie")->type(), FieldValue::Type::String);
    QCOMPARE(field(e, u"result"), u"null"_s);
    QVERIFY(e.fields.find(u"result")->isNull());
    QVERIFY(e.fields.find(u"client_channels")->isList());
    QCOMPARE(e.fields.find(u"client_channels")->items().size(), std::size_t(0));
    QCOMPARE(field(e, u"_path"), u"rdp"_s);
}

void TestFormatZeek::typedValues_data() const
{
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<int>("kind"); // FieldValue::Type
    QTest::addColumn<QString>("text");
    using T = FieldValue::Type;
    QTest::addRow("count") << "count"_ba
                           << "42"_ba << int(T::Int) << u"42"_s;
    QTest::addRow("count beyond 63 bits keeps its digits")
        << "count"_ba
        << "18446744073709551615"_ba << int(T::Float) << u"18446744073709551615"_s;
    QTest::addRow("int negative") << "int"_ba
                                  << "-7"_ba << int(T::Int) << u"-7"_s;
    QTest::addRow("port") << "port"_ba
                          << "443"_ba << int(T::Int) << u"443"_s;
    QTest::addRow("interval keeps its text") << "interval"_ba
                                             << "0.082899"_ba << int(T::Float) << u"0.082899"_s;
    QTest::addRow("double") << "double"_ba
                            << "3.140000"_ba << int(T::Float) << u"3.140000"_s;
    QTest::addRow("bool T") << "bool"_ba
                            << "T"_ba << int(T::Bool) << u"true"_s;
    QTest::addRow("bool F") << "bool"_ba
                            << "F"_ba << int(T::Bool) << u"false"_s;
    QTest::addRow("addr v6") << "addr"_ba
                             << "2001:db8::1"_ba << int(T::String) << u"2001:db8::1"_s;
    QTest::addRow("set of strings") << "set[string]"_ba
                                    << "a,b,c"_ba << int(T::List) << u"[a,b,c]"_s;
    QTest::addRow("vector of counts") << "vector[count]"_ba
                                      << "1,2"_ba << int(T::List) << u"[1,2]"_s;
    QTest::addRow("escaped set separator inside an element")
        << "set[string]"_ba
        << "a\\x2cb,c"_ba << int(T::List) << u"[a,b,c]"_s;
    QTest::addRow("set with one empty element") << "set[string]"_ba
                                                << "(empty)"_ba << int(T::List) << u"[]"_s;
    QTest::addRow("\\xHH that is UTF-8") << "string"_ba
                                         << "caf\\xc3\\xa9"_ba << int(T::String) << u"café"_s;
    QTest::addRow("escaped tab") << "string"_ba
                                 << "a\\x09b"_ba << int(T::String) << u"a\tb"_s;
    QTest::addRow("bytes that are not UTF-8 stay escaped")
        << "string"_ba
        << "\\xc3("_ba << int(T::String) << u"\\xc3("_s;
    QTest::addRow("escaped backslash") << "string"_ba
                                       << "a\\\\b"_ba << int(T::String) << u"a\\b"_s;
    QTest::addRow("unset") << "string"_ba
                           << "-"_ba << int(T::Null) << u"null"_s;
    QTest::addRow("time that is not a number stays text")
        << "time"_ba
        << "XXXXXXXXXX.XXXXXX"_ba << int(T::String) << u"XXXXXXXXXX.XXXXXX"_s;
    QTest::addRow("count that is not a number stays text")
        << "count"_ba
        << "many"_ba << int(T::String) << u"many"_s;
}

void TestFormatZeek::typedValues() const
{
    QFETCH(QByteArray, type);
    QFETCH(QByteArray, value);
    QFETCH(int, kind);
    QFETCH(QString, text);
    const Parsed p =
        parseText(zeekHeader("ts\tv", "time\t" + type) + "1.5\t" + value + "\n", u"zeek-tsv"_s);
    QCOMPARE(p.rejects, QStringList());
    QCOMPARE(p.events.size(), std::size_t(1));
    const FieldValue* v = p.events.front().fields.find(u"v");
    QVERIFY(v);
    QCOMPARE(int(v->type()), kind);
    QCOMPARE(field(p.events.front(), u"v"), text);
}

void TestFormatZeek::otherSeparator() const
{
    const QByteArray log =
        "#separator \\x7c\n#set_separator|;\n#empty_field|EMPTY\n#unset_field|NONE\n"
        "#fields|ts|name|tags\n#types|time|string|set[string]\n"
        "1600000000.5|a\\x7cb|x;y\n1600000001.5|NONE|EMPTY\n";
    const Parsed p = parseText(log, u"zeek-tsv"_s);
    QCOMPARE(p.rejects, QStringList());
    QCOMPARE(p.events.size(), std::size_t(2));
    QCOMPARE(field(p.events[0], u"name"), u"a|b"_s);
    QCOMPARE(field(p.events[0], u"tags"), u"[x,y]"_s);
    QCOMPARE(timeOf(p.events[0]), u"2020-09-13T12:26:40.5Z"_s);
    QCOMPARE(field(p.events[1], u"name"), u"null"_s);
    QCOMPARE(field(p.events[1], u"tags"), u"[]"_s);
    QCOMPARE(field(p.events[1], u"_path"), QString()); // no #path line
}

void TestFormatZeek::fixtureFile() const
{
    const Parsed p = parseFile(fixturePath(u"zeek_conn.log"_s));
    QCOMPARE(p.format, u"zeek-tsv"_s);
    QCOMPARE(p.rejects, QStringList());
    QCOMPARE(p.headers, qint64(9));
    QCOMPARE(p.events.size(), std::size_t(2));
    const Event& a = p.events[0];
    QCOMPARE(a.format, u"zeek-tsv"_s);
    QCOMPARE(timeOf(a), u"2024-05-01T10:00:00.123456Z"_s);
    QCOMPARE(field(a, u"_path"), u"conn"_s);
    QCOMPARE(field(a, u"id.orig_p"), u"51000"_s);
    QCOMPARE(field(a, u"orig_bytes"), u"18446744073709551615"_s);
    QCOMPARE(field(a, u"local_orig"), u"true"_s);
    QCOMPARE(field(a, u"tunnel_parents"), u"[Cx1,Cx2]"_s);
    QCOMPARE(common(a, u"category"), u"network"_s);
    QCOMPARE(common(a, u"action"), u"SF"_s);
    QCOMPARE(common(a, u"src_ip"), u"192.0.2.10"_s);
    QCOMPARE(common(a, u"dst_port"), u"443"_s);
    QCOMPARE(common(a, u"protocol"), u"tcp"_s);
    const Event& b = p.events[1];
    QCOMPARE(field(b, u"service"), u"null"_s);
    QCOMPARE(field(b, u"duration"), u"null"_s);
    QCOMPARE(field(b, u"tunnel_parents"), u"[]"_s);
    QCOMPARE(common(b, u"src_ip"), u"2001:db8::10"_s);
    QCOMPARE(common(b, u"protocol"), u"udp"_s);
}

void TestFormatZeek::rejects() const
{
    const QByteArray log = "1.0\tbefore the header\n"
                           + zeekHeader("ts\ta\tb", "time\tstring\tstring")
                           + "1.0\tonly two\n1.0\tx\ty\n1.0\tx\ty\tz\n";
    const Parsed p = parseText(log, u"zeek-tsv"_s);
    QCOMPARE(p.rejects, (QStringList{u"1: Zeek log line before a #fields header line"_s,
                                     u"9: Zeek log line has 2 values; #fields names 3"_s,
                                     u"11: Zeek log line has 4 values; #fields names 3"_s}));
    QCOMPARE(p.events.size(), std::size_t(1));
}

void TestFormatZeek::zeekJson() const
{
    const QByteArray log =
        "{\"_path\":\"conn\",\"ts\":1714557600.5,\"uid\":\"C1\",\"id.orig_h\":\"192.0.2.1\","
        "\"id.orig_p\":51000,\"id.resp_h\":\"198.51.100.2\",\"id.resp_p\":22,\"proto\":\"tcp\","
        "\"conn_state\":\"S0\"}\n"
        "{\"_path\":\"ssh\",\"ts\":\"2024-05-01T10:00:01.25Z\",\"uid\":\"C2\",\"id\":{\"orig_h\":"
        "\"192.0.2.1\",\"orig_p\":51001,\"resp_h\":\"198.51.100.2\",\"resp_p\":22},"
        "\"auth_success\":false,\"auth_attempts\":3}\n"
        "{\"ts\":1714557602.0,\"uid\":\"C3\",\"id.orig_h\":\"192.0.2.9\",\"id.orig_p\":1,"
        "\"id.resp_h\":\"192.0.2.53\",\"id.resp_p\":53,\"proto\":\"udp\",\"query\":\"example.org\","
        "\"qtype_name\":\"A\",\"answers\":[\"192.0.2.80\"]}\n";
    const Parsed p = parseText(log);
    QCOMPARE(p.format, u"zeek-json"_s);
    QCOMPARE(p.rejects, QStringList());
    QCOMPARE(p.events.size(), std::size_t(3));
    const Event& conn = p.events[0];
    QCOMPARE(conn.format, u"zeek-json"_s);
    QCOMPARE(timeOf(conn), u"2024-05-01T10:00:00.5Z"_s);
    QCOMPARE(common(conn, u"category"), u"network"_s);
    QCOMPARE(common(conn, u"src_port"), u"51000"_s);
    const Event& ssh = p.events[1];
    QCOMPARE(field(ssh, u"id.orig_h"), u"192.0.2.1"_s); // nested objects flatten to Zeek's names
    QCOMPARE(common(ssh, u"category"), u"authentication"_s);
    QCOMPARE(common(ssh, u"outcome"), u"failure"_s);
    QCOMPARE(common(ssh, u"dst_port"), u"22"_s);
    const Event& dns = p.events[2];
    QCOMPARE(dns.format, u"zeek-json"_s); // no _path: uid and id.orig_h say Zeek
    QCOMPARE(common(dns, u"category"), u"dns"_s);
    QCOMPARE(field(dns, u"answers"), u"[192.0.2.80]"_s);
}

void TestFormatZeek::corpusTsv() const
{
    FMT_REQUIRE_CORPUS();
    const Parsed conn = parseFile(corpusPath(u"zeek-tsv/lnav-logfile_bro_conn.log.0"_s));
    QCOMPARE(conn.format, u"zeek-tsv"_s);
    QCOMPARE(conn.rejects, QStringList());
    QCOMPARE(conn.events.size(), std::size_t(92));
    // 1320279554.496300  Cg9xqq3JAcZusspA86  192.168.2.76 52025  208.85.42.28 80  tcp  -
    // 2.125850  0  1092421  SF  -  -  0  ^dAfFa  400 20800 756 1131733 (empty)
    const Event& c = conn.events[0];
    QCOMPARE(timeOf(c), u"2011-11-03T00:19:14.496300Z"_s);
    QCOMPARE(field(c, u"uid"), u"Cg9xqq3JAcZusspA86"_s);
    QCOMPARE(field(c, u"service"), u"null"_s);
    QCOMPARE(field(c, u"duration"), u"2.125850"_s);
    QCOMPARE(field(c, u"resp_bytes"), u"1092421"_s);
    QCOMPARE(field(c, u"history"), u"^dAfFa"_s);
    QCOMPARE(field(c, u"local_orig"), u"null"_s);
    QCOMPARE(field(c, u"tunnel_parents"), u"[]"_s);
    QCOMPARE(common(c, u"dst_ip"), u"208.85.42.28"_s);
    QCOMPARE(field(conn.events[1], u"service"), u"http"_s);
    const Parsed http = parseFile(corpusPath(u"zeek-tsv/lnav-logfile_bro_http.log.0"_s));
    QCOMPARE(http.rejects, QStringList());
    QCOMPARE(http.events.size(), std::size_t(197));
    const Event& h = http.events[1];
    QCOMPARE(field(h, u"host"), u"e.thumbs.redditmedia.com"_s);
    QCOMPARE(field(h, u"uri"), u"/E-pbDbmiBclPkDaX.jpg"_s);
    QCOMPARE(field(h, u"referrer"), u"http://www.reddit.com/"_s);
    QCOMPARE(field(h, u"response_body_len"), u"2300"_s);
    QCOMPARE(field(h, u"tags"), u"[]"_s);
    QCOMPARE(field(h, u"resp_fuids"), u"[FFTf9Zdgk3YkfCKo3]"_s);
    QCOMPARE(common(h, u"http_status"), u"200"_s);
    QCOMPARE(common(h, u"url"), u"/E-pbDbmiBclPkDaX.jpg"_s);
    // Canonified test baselines: a time of XXXXXXXXXX.XXXXXX stays text, the time is received.
    const Parsed dns = parseFile(corpusPath(u"zeek-tsv/zeek-opt.basic-dns.log"_s));
    QCOMPARE(dns.rejects, QStringList());
    QCOMPARE(dns.events.size(), std::size_t(34));
    QCOMPARE(field(dns.events[1], u"ts"), u"XXXXXXXXXX.XXXXXX"_s);
    QCOMPARE(timeOf(dns.events[1]), u"received"_s);
    QCOMPARE(field(dns.events[1], u"answers"), u"[gemini.local]"_s);
    QCOMPARE(field(dns.events[1], u"TTLs"), u"[120.000000]"_s);
    QCOMPARE(field(dns.events[1], u"AA"), u"true"_s);
    QCOMPARE(field(dns.events[0], u"qtype_name"), u"SRV"_s);
    const Parsed notice =
        parseFile(corpusPath(u"zeek-tsv/zeek-core.pcap.filter-warning-notice.log"_s));
    QCOMPARE(notice.events.size(), std::size_t(1));
    QCOMPARE(field(notice.events[0], u"note"), u"PacketFilter::Install_Failure"_s);
    QCOMPARE(field(notice.events[0], u"actions"), u"[Notice::ACTION_LOG]"_s);
    QCOMPARE(field(notice.events[0], u"email_dest"), u"[]"_s);
    QCOMPARE(common(notice.events[0], u"signature"), u"PacketFilter::Install_Failure"_s);
}

void TestFormatZeek::corpusJson() const
{
    FMT_REQUIRE_CORPUS();
    // Bytes Zeek could not write as UTF-8 arrive as literal \xHH text; kept exactly.
    const Parsed hex = parseFile(corpusPath(
        u"zeek-json/zeek-scripts.base.frameworks.logging.ascii-json-utf8-ssh.log.hex"_s));
    QCOMPARE(hex.rejects, QStringList());
    QCOMPARE(hex.events.size(), std::size_t(50)); // the "### BTest" line is a text event
    QCOMPARE(field(hex.events[3], u"s"), u"ñ"_s);
    QCOMPARE(field(hex.events[4], u"s"), u"\\xc3("_s);
    QCOMPARE(field(hex.events[40], u"s"), u"a rocket 🚀!"_s);
    const Parsed iso = parseFile(corpusPath(
        u"zeek-json/zeek-scripts.base.frameworks.logging.ascii-json-iso-timestamps-ssh.log"_s));
    QCOMPARE(iso.rejects, QStringList());
    QCOMPARE(iso.events.size(), std::size_t(11));
    QCOMPARE(field(iso.events[1], u"t"), u"2008-07-09T16:13:30.005432Z"_s);
    QCOMPARE(field(iso.events[3], u"t"), u"1969-12-31T23:59:59.600000Z"_s);
    // The canonified time makes this line invalid JSON: it is rejected with the offset.
    const Parsed ssh = parseFile(
        corpusPath(u"zeek-json/zeek-scripts.base.frameworks.logging.ascii-json-ssh.log"_s));
    QCOMPARE(ssh.rejects, QStringList{u"2: invalid JSON value at byte 94"_s});
}

QTEST_GUILESS_MAIN(TestFormatZeek)
#include "tst_format_zeek.moc"
