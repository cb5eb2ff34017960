#include <QTest>

#include "tst_format_support.h"

using namespace fmttest;

/** iptables/netfilter kernel LOG lines and pfSense filterlog. */
class TestFormatFirewall : public QObject {
    Q_OBJECT
private slots:
    void iptables_data() const;
    void iptables() const;
    void iptablesInSyslogFile() const;
    void filterlog_data() const;
    void filterlog() const;
    void filterlogReject() const;
    void corpusIptables() const;
    void corpusPfsense() const;
};

void TestFormatFirewall::iptables_data() const
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QStringList>("fields"); // selected name=value
    QTest::addColumn<QStringList>("common"); // action src_ip src_port dst_ip dst_port protocol
    QTest::addRow("kernel prefix with DROP, TCP flags")
        << "Mar  1 10:00:00 gw kernel: [12.5] FW DROP: IN=eth0 OUT= MAC=aa:bb SRC=203.0.113.5 "
           "DST=192.0.2.10 LEN=60 TTL=50 ID=1 DF PROTO=TCP SPT=40000 DPT=22 WINDOW=64240 SYN "
           "URGP=0"_ba
        << QStringList{u"kernel_uptime=12.5"_s, u"prefix=FW DROP:"_s, u"OUT="_s, u"DF=true"_s,
                       u"SYN=true"_s,           u"SPT=40000"_s}
        << QStringList{u"drop"_s, u"203.0.113.5"_s, u"40000"_s, u"192.0.2.10"_s, u"22"_s, u"tcp"_s};
    QTest::addRow("Ubiquiti rule suffix -A, repeated LEN")
        << "Mar  1 10:00:00 edge kernel: [WAN_LOCAL-10-A]IN=eth0 OUT= SRC=198.51.100.1 "
           "DST=192.0.2.1 LEN=76 PROTO=UDP SPT=123 DPT=123 LEN=56"_ba
        << QStringList{u"prefix=[WAN_LOCAL-10-A]"_s, u"LEN=76"_s, u"UDP.LEN=56"_s}
        << QStringList{u"accept"_s,    u"198.51.100.1"_s, u"123"_s,
                       u"192.0.2.1"_s, u"123"_s,          u"udp"_s};
    QTest::addRow("ICMP error quoting a packet")
        << "Mar  1 10:00:00 gw kernel: REJECT IN=eth1 OUT=eth0 SRC=192.0.2.1 DST=192.0.2.2 LEN=88 "
           "ID=1 PROTO=ICMP TYPE=3 CODE=3 [SRC=192.0.2.2 DST=192.0.2.9 LEN=60 PROTO=UDP SPT=1 "
           "DPT=2 LEN=40 ] "
           "ID=5"_ba
        << QStringList{u"TYPE=3"_s,
                       u"inner.SRC=192.0.2.2"_s,
                       u"inner.PROTO=UDP"_s,
                       u"inner.UDP.LEN=40"_s,
                       u"ID=1"_s,
                       u"ICMP.ID=5"_s}
        << QStringList{u"reject"_s,    u"192.0.2.1"_s, QString(),
                       u"192.0.2.2"_s, QString(),      u"icmp"_s};
    QTest::addRow("IPv6 without prefix")
        << "Mar  1 10:00:00 h kernel: IN= OUT=lo SRC=2001:db8::1 DST=2001:db8::2 LEN=104 "
           "PROTO=ICMPv6 TYPE=128 CODE=0"_ba
        << QStringList{u"IN="_s, u"OUT=lo"_s, u"TYPE=128"_s}
        << QStringList{QString(),        u"2001:db8::1"_s, QString(),
                       u"2001:db8::2"_s, QString(),        u"icmpv6"_s};
}

void TestFormatFirewall::iptables() const
{
    QFETCH(QByteArray, line);
    QFETCH(QStringList, fields);
    QFETCH(QStringList, common);
    const Parsed p = parseLine(line, u"iptables"_s);
    QCOMPARE(p.rejects, QStringList());
    const Event& e = p.events.front();
    QCOMPARE(e.format, u"iptables"_s);
    for (const QString& pair : std::as_const(fields)) {
        const qsizetype eq = pair.indexOf(u'=');
        QCOMPARE(pair.first(eq) + u'=' + field(e, pair.first(eq)), pair);
    }
    static const QStringView kNames[] = {u"action", u"src_ip",   u"src_port",
                                         u"dst_ip", u"dst_port", u"protocol"};
    for (int k = 0; k < 6; ++k) {
        QCOMPARE(fmttest::common(e, kNames[k]), common[k]);
    }
    QCOMPARE(fmttest::common(e, u"category"), u"firewall"_s);
}

void TestFormatFirewall::iptablesInSyslogFile() const
{
    // A syslog file with one netfilter line among others: that line still gets its fields.
    const Parsed p =
        parseText("Mar  1 10:00:00 gw sshd[1]: Connection closed by 192.0.2.7 port 4 [preauth]\n"
                  "Mar  1 10:00:01 gw cron[2]: (root) CMD (true)\n"
                  "Mar  1 10:00:02 gw kernel: DROP IN=eth0 OUT= SRC=192.0.2.7 DST=192.0.2.1 "
                  "LEN=40 PROTO=TCP SPT=1 DPT=2\n"_ba);
    QCOMPARE(p.format, u"syslog"_s);
    QCOMPARE(p.events.size(), std::size_t(3));
    QCOMPARE(p.events[0].format, u"syslog-rfc3164"_s);
    QCOMPARE(p.events[2].format, u"iptables"_s);
    QCOMPARE(field(p.events[2], u"DPT"), u"2"_s);
    QCOMPARE(common(p.events[2], u"action"), u"drop"_s);
}

void TestFormatFirewall::filterlog_data() const
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<QStringList>("fields"); // name=value from rule_number on, in order
    QTest::addRow("IPv4 TCP")
        << "5,,,1000000103,em0,match,block,in,4,0x0,,64,0,0,DF,6,tcp,60,198.51.100.3,192.0.2.1,"
           "51000,22,0,S,123,,65535,,mss"_ba
        << QStringList{u"rule_number=5"_s,    u"tracker=1000000103"_s,
                       u"interface=em0"_s,    u"reason=match"_s,
                       u"action=block"_s,     u"direction=in"_s,
                       u"ip_version=4"_s,     u"tos=0x0"_s,
                       u"ttl=64"_s,           u"id=0"_s,
                       u"offset=0"_s,         u"flags=DF"_s,
                       u"protocol_id=6"_s,    u"protocol=tcp"_s,
                       u"length=60"_s,        u"src_ip=198.51.100.3"_s,
                       u"dst_ip=192.0.2.1"_s, u"src_port=51000"_s,
                       u"dst_port=22"_s,      u"data_length=0"_s,
                       u"tcp_flags=S"_s,      u"sequence=123"_s,
                       u"window=65535"_s,     u"options=mss"_s};
    QTest::addRow("IPv6 UDP")
        << "7,,,1,em1,match,pass,out,6,0x00,0x00000,64,udp,17,40,2001:db8::1,2001:db8::2,535"
           "3,53,32"_ba
        << QStringList{u"rule_number=7"_s, u"tracker=1"_s,          u"interface=em1"_s,
                       u"reason=match"_s,  u"action=pass"_s,        u"direction=out"_s,
                       u"ip_version=6"_s,  u"class=0x00"_s,         u"flow_label=0x00000"_s,
                       u"hop_limit=64"_s,  u"protocol=udp"_s,       u"protocol_id=17"_s,
                       u"length=40"_s,     u"src_ip=2001:db8::1"_s, u"dst_ip=2001:db8::2"_s,
                       u"src_port=5353"_s, u"dst_port=53"_s,        u"data_length=32"_s};
    QTest::addRow("ICMP unreachable port")
        << "9,,,2,em0,match,block,in,4,0x0,,64,1,0,none,1,icmp,56,192.0.2.1,192.0.2.2,"
           "unreachport,192.0.2.3,17,53"_ba
        << QStringList{u"rule_number=9"_s,
                       u"tracker=2"_s,
                       u"interface=em0"_s,
                       u"reason=match"_s,
                       u"action=block"_s,
                       u"direction=in"_s,
                       u"ip_version=4"_s,
                       u"tos=0x0"_s,
                       u"ttl=64"_s,
                       u"id=1"_s,
                       u"offset=0"_s,
                       u"flags=none"_s,
                       u"protocol_id=1"_s,
                       u"protocol=icmp"_s,
                       u"length=56"_s,
                       u"src_ip=192.0.2.1"_s,
                       u"dst_ip=192.0.2.2"_s,
                       u"icmp_type=unreachport"_s,
                       u"icmp_dst_ip=192.0.2.3"_s,
                       u"icmp_protocol_id=17"_s,
                       u"icmp_port=53"_s};
}

void TestFormatFirewall::filterlog() const
{
    QFETCH(QByteArray, csv);
    QFETCH(QStringList, fields);
    const Parsed p = parseLine("<134>Mar  1 10:00:00 pf filterlog[1]: " + csv, u"pfsense"_s);
    QCOMPARE(p.rejects, QStringList());
    const Event& e = p.events.front();
    QCOMPARE(e.format, u"pfsense"_s);
    QStringList got;
    bool started = false;
    for (const auto& [name, value] : e.fields.entries()) {
        started = started || name == u"rule_number";
        if (started) {
            got << name + u'=' + value.text();
        }
    }
    QCOMPARE(got, fields);
    QCOMPARE(common(e, u"action"), field(e, u"action"));
    QCOMPARE(common(e, u"src_ip"), field(e, u"src_ip"));
    QCOMPARE(common(e, u"category"), u"firewall"_s);
}

void TestFormatFirewall::filterlogReject() const
{
    const Parsed p = parseLine("<134>Mar  1 10:00:00 pf filterlog[1]: 5,,,1,em0"_ba, u"pfsense"_s);
    QCOMPARE(p.rejects, QStringList{u"1: pfSense filterlog line has 5 values; at least 9 expected "
                                    u"(rule, sub rule, anchor, tracker, interface, reason, action, "
                                    u"direction, IP version)"_s});
}

void TestFormatFirewall::corpusIptables() const
{
    FMT_REQUIRE_CORPUS();
    const Parsed p = parseFile(corpusPath(u"iptables/elastic-test-iptables-raw.log"_s));
    QCOMPARE(p.format, u"iptables"_s);
    QCOMPARE(p.rejects, QStringList());
    QCOMPARE(p.events.size(), std::size_t(24));
    for (const Event& e : p.events) {
        QCOMPARE(e.format, u"iptables"_s);
    }
    // <6>2021-03-12T14:10:18Z Hostname kernel: [wan-lan-default-D]IN=eth0 OUT= ... SPT=38842
    // DPT=443
    const Event& a = p.events[1];
    QCOMPARE(timeOf(a), u"2021-03-12T14:10:18Z"_s);
    QCOMPARE(a.host, u"Hostname"_s);
    QCOMPARE(field(a, u"prefix"), u"[wan-lan-default-D]"_s);
    QCOMPARE(field(a, u"MAC"), u"90:10:20:76:8d:20:90:10:65:29:b6:2a:08:00"_s);
    QCOMPARE(field(a, u"WINDOW"), u"2853"_s);
    QCOMPARE(field(a, u"ACK"), u"true"_s);
    QCOMPARE(common(a, u"action"), u"drop"_s);
    QCOMPARE(common(a, u"dst_port"), u"443"_s);
    // Jan  8 03:37:09 DENY: IN=eth0 ... PROTO=ICMP TYPE=3 CODE=3 [SRC=192.168.2.83 ...]
    const Event& icmp = p.events[3];
    QCOMPARE(field(icmp, u"inner.DST"), u"192.168.173.191"_s);
    QCOMPARE(field(icmp, u"inner.UDP.LEN"), u"40"_s);
    QCOMPARE(common(icmp, u"action"), u"deny"_s);
    // dmesg uptime, IPv6
    QCOMPARE(field(p.events[14], u"kernel_uptime"), u"16571.459614"_s);
    QCOMPARE(common(p.events[14], u"src_ip"), u"2a02:cf40:add:4002:91f2:a9b2:e09a:6fc6"_s);
    QCOMPARE(field(p.events[15], u"kernel_uptime"), u"307.757925"_s);
    QCOMPARE(field(p.events[15], u"MARK"), u"0xd4"_s);
    QCOMPARE(field(p.events[21], u"SPI"), u"0xcb886522"_s);
    QCOMPARE(field(p.events[23], u"ICMP.ID"), u"98765"_s);
}

void TestFormatFirewall::corpusPfsense() const
{
    FMT_REQUIRE_CORPUS();
    const Parsed p = parseFile(corpusPath(u"pfsense/elastic-test-pfsense-bsd.log"_s));
    QCOMPARE(p.format, u"pfsense"_s);
    QCOMPARE(p.rejects, QStringList());
    QCOMPARE(p.events.size(), std::size_t(19)); // the last line has no newline
    const Event& a = p.events[0];
    QCOMPARE(field(a, u"app_name"), u"filterlog"_s);
    QCOMPARE(field(a, u"rule_number"), u"146"_s);
    QCOMPARE(field(a, u"interface"), u"igb1.12"_s);
    QCOMPARE(field(a, u"dst_port"), u"853"_s);
    QCOMPARE(field(a, u"sequence"), u"1891286705"_s);
    QCOMPARE(field(a, u"options"), u"mss;sackOK;TS;nop;wscale"_s);
    QCOMPARE(common(a, u"action"), u"block"_s);
    const Event& v6 = p.events[6];
    QCOMPARE(field(v6, u"flow_label"), u"0xf6279"_s);
    QCOMPARE(field(v6, u"src_ip"), u"fe80::208:9bff:fef3:652b"_s);
    QCOMPARE(common(v6, u"protocol"), u"udp"_s);
    QCOMPARE(field(p.events[16], u"data"), u"datalength=8"_s);
    QCOMPARE(field(p.events[18], u"icmp_seq"), u"064"_s);
    QCOMPARE(field(p.events[18], u"icmp_type"), u"request"_s);
}

QTEST_GUILESS_MAIN(TestFormatFirewall)
#include "tst_format_firewall.moc"
