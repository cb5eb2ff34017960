#include <QTest>

#include "tst_format_support.h"

using namespace fmttest;

/** IBM QRadar LEEF 1.0 and 2.0: delimiters, attributes, time, common fields. */
class TestFormatLeef : public QObject {
    Q_OBJECT
private slots:
    void attributes_data() const;
    void attributes() const;
    void headerAndCommon() const;
    void devTime_data() const;
    void devTime() const;
    void inSyslog() const;
    void rejects() const;
    void corpusValues() const;
};

void TestFormatLeef::attributes_data() const
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QStringList>("pairs"); // every field after the five header fields
    QTest::addRow("1.0 tab-separated")
        << "LEEF:1.0|Microsoft|MSExchange|4.0 SP1|15345|src=192.0.2.0\tdst=172.50.123.1\tsev=5"_ba
        << QStringList{u"src=192.0.2.0"_s, u"dst=172.50.123.1"_s, u"sev=5"_s};
    QTest::addRow("2.0 declared caret")
        << "LEEF:2.0|Lancope|StealthWatch|1.0|41|^|src=10.0.1.8^dst=10.0.0.5^msg=a b"_ba
        << QStringList{u"src=10.0.1.8"_s, u"dst=10.0.0.5"_s, u"msg=a b"_s};
    QTest::addRow("2.0 delimiter in hex 0x7C")
        << "LEEF:2.0|V|P|1.0|41|0x7C|src=10.0.1.8|dst=10.0.0.5"_ba
        << QStringList{u"src=10.0.1.8"_s, u"dst=10.0.0.5"_s};
    QTest::addRow("2.0 delimiter in hex x5E")
        << "LEEF:2.0|V|P|1.0|41|x5E|src=10.0.1.8^dst=10.0.0.5"_ba
        << QStringList{u"src=10.0.1.8"_s, u"dst=10.0.0.5"_s};
    QTest::addRow("2.0 delimiter left out: tab")
        << "LEEF:2.0|V|P|1.0|41|src=10.0.1.8\tdst=10.0.0.5"_ba
        << QStringList{u"src=10.0.1.8"_s, u"dst=10.0.0.5"_s};
    QTest::addRow("2.0 empty delimiter part: tab")
        << "LEEF:2.0|V|P|1.0|41||src=10.0.1.8\tdst=10.0.0.5"_ba
        << QStringList{u"src=10.0.1.8"_s, u"dst=10.0.0.5"_s};
    QTest::addRow("value with '=' and spaces kept")
        << "LEEF:1.0|V|P|1|id|url=http://h/?a=b&c=d\tmsg= x y "_ba
        << QStringList{u"url=http://h/?a=b&c=d"_s, u"msg= x y "_s};
    QTest::addRow("1.0 without tabs, space-separated pairs")
        << "LEEF:1.0|V|P|1|id|src=1.2.3.4 dst=5.6.7.8 usrName=a b"_ba
        << QStringList{u"src=1.2.3.4"_s, u"dst=5.6.7.8"_s, u"usrName=a b"_s};
    QTest::addRow("pipes before the first tab (CyberArk)")
        << "LEEF:1.0|CyberArk|PTA|14.0|1|cat=theft|sev=8|src=h1\tusrName=mike"_ba
        << QStringList{u"cat=theft"_s, u"sev=8"_s, u"src=h1"_s, u"usrName=mike"_s};
    QTest::addRow("empty value and trailing tab")
        << "LEEF:1.0|V|P|1|id|key=\tother=x\t"_ba << QStringList{u"key="_s, u"other=x"_s};
    QTest::addRow("no attributes, just text")
        << "LEEF:1.0|V|P|1|id|just some text"_ba << QStringList{u"unparsed=just some text"_s};
    QTest::addRow("nothing after the header") << "LEEF:1.0|V|P|1|id|"_ba << QStringList{};
}

void TestFormatLeef::attributes() const
{
    QFETCH(QByteArray, line);
    QFETCH(QStringList, pairs);
    const Parsed p = parseLine(line, u"leef"_s);
    QCOMPARE(p.rejects, QStringList());
    QCOMPARE(p.events.size(), std::size_t(1));
    QStringList got;
    const auto& entries = p.events.front().fields.entries();
    for (std::size_t k = 5; k < entries.size(); ++k) {
        got << entries[k].first + u'=' + field(p.events.front(), entries[k].first);
    }
    QCOMPARE(got, pairs);
}

void TestFormatLeef::headerAndCommon() const
{
    const Parsed p = parseLine(
        "LEEF:2.0|Lancope|StealthWatch|1.0|41|^|src=10.0.1.8^dst=10.0.0.5^sev=8^srcPort=81^"
        "dstPort=21^usrName=joe.black^proto=UDP^url=/x^action=denied"_ba,
        u"leef"_s);
    QCOMPARE(p.events.size(), std::size_t(1));
    const Event& e = p.events.front();
    QCOMPARE(e.format, u"leef"_s);
    QCOMPARE(field(e, u"leef_version"), u"2.0"_s);
    QCOMPARE(field(e, u"device_vendor"), u"Lancope"_s);
    QCOMPARE(field(e, u"device_product"), u"StealthWatch"_s);
    QCOMPARE(field(e, u"device_version"), u"1.0"_s);
    QCOMPARE(field(e, u"event_id"), u"41"_s);
    QCOMPARE(e.severity, 3);
    QCOMPARE(common(e, u"src_ip"), u"10.0.1.8"_s);
    QCOMPARE(common(e, u"src_port"), u"81"_s);
    QCOMPARE(common(e, u"dst_ip"), u"10.0.0.5"_s);
    QCOMPARE(common(e, u"dst_port"), u"21"_s);
    QCOMPARE(common(e, u"user"), u"joe.black"_s);
    QCOMPARE(common(e, u"protocol"), u"udp"_s);
    QCOMPARE(common(e, u"url"), u"/x"_s);
    QCOMPARE(common(e, u"action"), u"denied"_s);
}

void TestFormatLeef::devTime_data() const
{
    QTest::addColumn<QByteArray>("attr");
    QTest::addColumn<QString>("time");
    QTest::addRow("epoch milliseconds")
        << "devTime=1388577600000"_ba << u"2014-01-01T12:00:00.000Z"_s;
    QTest::addRow("MMM dd yyyy HH:mm:ss, zone assumed")
        << "devTime=Jan 02 2024 10:00:00\tdevTimeFormat=MMM dd yyyy HH:mm:ss"_ba
        << u"2024-01-02T10:00:00Z"_s;
    QTest::addRow("unreadable: received") << "devTime=soon"_ba << u"received"_s;
}

void TestFormatLeef::devTime() const
{
    QFETCH(QByteArray, attr);
    QFETCH(QString, time);
    const Parsed p = parseLine("LEEF:1.0|V|P|1|id|" + attr, u"leef"_s);
    QCOMPARE(timeOf(p.events.front()), time);
}

void TestFormatLeef::inSyslog() const
{
    const Parsed p =
        parseText("<13>Jan 05 10:00:00 qradar-host LEEF:1.0|V|P|1|7|src=1.2.3.4\tsev=2\n"
                  "<13>Jan 05 10:00:01 qradar-host LEEF:1.0|V|P|1|8|src=1.2.3.5\tsev=9\n"_ba);
    QCOMPARE(p.format, u"leef"_s);
    QCOMPARE(p.events.size(), std::size_t(2));
    QCOMPARE(p.events[1].format, u"leef"_s);
    QCOMPARE(p.events[1].host, u"qradar-host"_s);
    QCOMPARE(field(p.events[1], u"event_id"), u"8"_s);
    QCOMPARE(field(p.events[1], u"pri"), u"13"_s);
    QCOMPARE(p.events[1].severity, 2);
    QCOMPARE(timeOf(p.events[1]), u"2024-01-05T10:00:01Z"_s);
}

void TestFormatLeef::rejects() const
{
    const Parsed p = parseText("LEEF:1.0|V|P|1\nLEEF:2.0|V|P|1.0|41|^|a=b\n"_ba, u"leef"_s);
    QCOMPARE(p.rejects, QStringList{u"1: LEEF header has 3 of its 5 parts (LEEF:Version|Vendor|"
                                    u"Product|Version|EventID|attributes)"_s});
    QCOMPARE(p.events.size(), std::size_t(1));
}

void TestFormatLeef::corpusValues() const
{
    FMT_REQUIRE_CORPUS();
    const Parsed p = parseFile(corpusPath(u"leef/tenzir-leef1.log"_s));
    QCOMPARE(p.format, u"leef"_s);
    QCOMPARE(p.rejects, QStringList());
    QCOMPARE(p.events.size(), std::size_t(5));
    const Event& pta = p.events[0];
    QCOMPARE(field(pta, u"device_vendor"), u"CyberArk"_s);
    QCOMPARE(field(pta, u"device_product"), u"PTA"_s);
    QCOMPARE(field(pta, u"Cat"), u"Suspected credentials theft"_s);
    QCOMPARE(field(pta, u"sev"), u"8"_s);
    QCOMPARE(field(pta, u"src"), u"src1"_s);
    QCOMPARE(field(pta, u"userName"), u"mike"_s);
    QCOMPARE(field(pta, u"EventID"), u"52b06812ec3500ed864c461e"_s);
    QCOMPARE(field(pta, u"PTALink"), u"https://1.1.1.1/incidents/52b06812ec3500ed864c461e"_s);
    QCOMPARE(field(pta, u"suser"), u"mike2"_s);
    QCOMPARE(timeOf(pta), u"2014-01-01T12:00:00.000Z"_s); // devTime=1388577600000
    QCOMPARE(pta.severity, 3);
    QCOMPARE(common(pta, u"dst_ip"), u"192.168.0.1"_s);
    QCOMPARE(field(p.events[1], u"unparsed"), u"just some random junk"_s);
    QCOMPARE(field(p.events[2], u"key"), u""_s);
    QCOMPARE(field(p.events[3], u"key"), u"trailing tab next"_s);
    QCOMPARE(field(p.events[4], u"key"), u"yikes"_s);
    QCOMPARE(p.events[4].fields.size(), std::size_t(6));
}

QTEST_GUILESS_MAIN(TestFormatLeef)
#include "tst_format_leef.moc"
