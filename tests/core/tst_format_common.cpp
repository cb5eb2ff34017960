#include <QTest>

#include "tst_format_support.h"

using namespace fmttest;

/** Event::common for the formats that existed before (JSON, syslog, text) and zone notes. */
class TestFormatCommon : public QObject {
    Q_OBJECT
private slots:
    void jsonCommon_data() const;
    void jsonCommon() const;
    void zoneAssumption_data() const;
    void zoneAssumption() const;
    void jsonKeepsExactValues() const;
    void corpusEcs() const;
    void corpusSigmaWindowsJson() const;
};

void TestFormatCommon::jsonCommon_data() const
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QStringList>("common"); // every common field, sorted name=value
    QTest::addRow("ECS names")
        << "{\"@timestamp\":\"2024-01-01T00:00:00Z\",\"event\":{\"category\":[\"authentication\"],"
           "\"action\":\"user-login\",\"outcome\":\"failure\"},\"source\":{\"ip\":\"192.0.2.1\","
           "\"port\":5000},\"destination\":{\"ip\":\"192.0.2.2\",\"port\":22},\"user\":{\"name\":"
           "\"alice\"},\"process\":{\"name\":\"sshd\"},\"network\":{\"transport\":\"TCP\"},"
           "\"url\":{\"original\":\"/x\"},\"http\":{\"response\":{\"status_code\":401}}}"_ba
        << QStringList{u"action=user-login"_s,
                       u"category=authentication"_s,
                       u"dst_ip=192.0.2.2"_s,
                       u"dst_port=22"_s,
                       u"http_status=401"_s,
                       u"outcome=failure"_s,
                       u"process=sshd"_s,
                       u"protocol=tcp"_s,
                       u"src_ip=192.0.2.1"_s,
                       u"src_port=5000"_s,
                       u"url=/x"_s,
                       u"user=alice"_s};
    QTest::addRow("Windows 4625 flattened")
        << "{\"EventID\":4625,\"Channel\":\"Security\",\"TargetUserName\":\"bob\",\"IpAddress\":"
           "\"203.0.113.5\",\"IpPort\":\"4444\",\"ProcessName\":\"-\",\"LogonType\":3}"_ba
        << QStringList{u"action=logon"_s,       u"category=authentication"_s, u"outcome=failure"_s,
                       u"src_ip=203.0.113.5"_s, u"src_port=4444"_s,           u"user=bob"_s};
    QTest::addRow("Windows 4768 outcome from Status")
        << "{\"EventID\":4768,\"Channel\":\"Security\",\"TargetUserName\":\"carol\",\"Status\":"
           "\"0x6\",\"IpAddress\":\"::ffff:192.0.2.9\"}"_ba
        << QStringList{u"action=kerberos_tgt_request"_s, u"category=authentication"_s,
                       u"outcome=failure"_s, u"src_ip=::ffff:192.0.2.9"_s, u"user=carol"_s};
    QTest::addRow("Sysmon network connection")
        << "{\"EventID\":3,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"Image\":"
           "\"C:\\\\x.exe\",\"User\":\"CORP\\\\dave\",\"Protocol\":\"tcp\",\"SourceIp\":\"10.0.0."
           "5\","
           "\"SourcePort\":\"50000\",\"DestinationIp\":\"198.51.100.1\",\"DestinationPort\":"
           "\"443\"}"_ba
        << QStringList{u"action=network_connection"_s,
                       u"category=network"_s,
                       u"dst_ip=198.51.100.1"_s,
                       u"dst_port=443"_s,
                       u"outcome=success"_s,
                       u"process=C:\\x.exe"_s,
                       u"protocol=tcp"_s,
                       u"src_ip=10.0.0.5"_s,
                       u"src_port=50000"_s,
                       u"user=CORP\\dave"_s};
    QTest::addRow("Sysmon 1 nested as Event.System/Event.EventData")
        << "{\"Event\":{\"System\":{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/"
           "Operational\"},"
           "\"EventData\":{\"Image\":\"C:\\\\w.exe\",\"User\":\"u\"}}}"_ba
        << QStringList{u"action=process_started"_s, u"category=process"_s, u"outcome=success"_s,
                       u"process=C:\\w.exe"_s, u"user=u"_s};
    QTest::addRow("plain names")
        << "{\"ts\":\"2024-01-01T00:00:00Z\",\"src_ip\":\"192.0.2.1\",\"dest_port\":53,"
           "\"username\":\"eve\"}"_ba
        << QStringList{u"dst_port=53"_s, u"src_ip=192.0.2.1"_s, u"user=eve"_s};
    QTest::addRow("nothing known") << "{\"a\":1,\"b\":{\"c\":[1,2]}}"_ba << QStringList();
}

void TestFormatCommon::jsonCommon() const
{
    QFETCH(QByteArray, line);
    QFETCH(QStringList, common);
    const Parsed p = parseLine(line, u"json"_s);
    QCOMPARE(p.rejects, QStringList());
    QStringList got;
    for (const auto& [name, value] : p.events.front().common.entries()) {
        got << name + u'=' + value.text();
    }
    got.sort();
    QCOMPARE(got, common);
}

void TestFormatCommon::zoneAssumption_data() const
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("time");
    QTest::addColumn<QString>("assumed");
    const QString berlin = u"Europe/Berlin"_s;
    QTest::addRow("syslog BSD time")
        << "Jun 15 12:00:00 h app: x"_ba << u"syslog"_s << u"2024-06-15T10:00:00Z"_s << berlin;
    QTest::addRow("syslog ISO without zone")
        << "2024-06-15T12:00:00 h app: x"_ba << u"syslog"_s << u"2024-06-15T10:00:00Z"_s << berlin;
    QTest::addRow("syslog RFC 5424 with zone")
        << "<13>1 2024-06-15T12:00:00+02:00 h app - - - x"_ba << u"syslog"_s
        << u"2024-06-15T10:00:00Z"_s << QString();
    QTest::addRow("JSON without zone") << "{\"time\":\"2024-06-15 12:00:00.5\"}"_ba << u"json"_s
                                       << u"2024-06-15T10:00:00.5Z"_s << berlin;
    QTest::addRow("JSON with Z") << "{\"time\":\"2024-06-15T12:00:00Z\"}"_ba << u"json"_s
                                 << u"2024-06-15T12:00:00Z"_s << QString();
    QTest::addRow("JSON epoch") << "{\"ts\":1718452800}"_ba << u"json"_s
                                << u"2024-06-15T12:00:00Z"_s << QString();
    QTest::addRow("Sysmon UtcTime is UTC by name")
        << "{\"UtcTime\":\"2024-06-15 12:00:00.000\"}"_ba << u"json"_s
        << u"2024-06-15T12:00:00.000Z"_s << QString();
    QTest::addRow("text with a zone-less time") << "2024-06-15 12:00:00,123 INFO x"_ba << u"text"_s
                                                << u"2024-06-15T10:00:00.123Z"_s << berlin;
    QTest::addRow("text with an access-log time")
        << "x [15/Jun/2024:12:00:00 +0000] y"_ba << u"text"_s << u"2024-06-15T12:00:00Z"_s
        << QString();
    QTest::addRow("text without time")
        << "just words"_ba << u"text"_s << u"received"_s << QString();
}

void TestFormatCommon::zoneAssumption() const
{
    QFETCH(QByteArray, line);
    QFETCH(QString, format);
    QFETCH(QString, time);
    QFETCH(QString, assumed);
    const QTimeZone zone("Europe/Berlin");
    if (!zone.isValid()) {
        QSKIP("time zone data is not installed");
    }
    const Parsed p = parseLine(line, format, zone);
    QCOMPARE(p.events.size(), std::size_t(1));
    QCOMPARE(timeOf(p.events.front()), time);
    QCOMPARE(common(p.events.front(), u"time_zone_assumed"), assumed);
}

void TestFormatCommon::jsonKeepsExactValues() const
{
    const Parsed p = parseLine("{\"id\":9007199254740993,\"big\":18446744073709551616,\"a\":[1,"
                               "{\"b\":[true,null]}],\"deep\":{\"x\":{\"y\":{\"z\":\"w\"}}}}"_ba,
                               u"json"_s);
    const Event& e = p.events.front();
    QCOMPARE(field(e, u"id"), u"9007199254740993"_s);
    QCOMPARE(field(e, u"big"), u"18446744073709551616"_s);
    QCOMPARE(field(e, u"a"), u"[1]"_s);
    QCOMPARE(field(e, u"a.1.b"), u"[true,null]"_s);
    QCOMPARE(field(e, u"deep.x.y.z"), u"w"_s);
}

void TestFormatCommon::corpusEcs() const
{
    FMT_REQUIRE_CORPUS();
    const Parsed p = parseFile(corpusPath(u"json-lines/lnav-logfile_ecs_log.json"_s));
    QCOMPARE(p.events.size(), std::size_t(5));
    // "process":{"name":"MainProcess","pid":9159,"thread":{"id":140631176265728,...}}
    QCOMPARE(common(p.events[0], u"process"), u"MainProcess"_s);
    QCOMPARE(field(p.events[0], u"process.thread.id"), u"140631176265728"_s);
    QCOMPARE(p.events[0].severity, 7); // log.level debug
    const Parsed journald = parseFile(corpusPath(u"json-lines/lnav-logfile_journald.json"_s));
    QCOMPARE(journald.events[0].format, u"journald"_s);
    QCOMPARE(common(journald.events[0], u"process"), u"python"_s);
}

void TestFormatCommon::corpusSigmaWindowsJson() const
{
    const QString path =
        QStringLiteral(VIGIL_SHARED_CORPUS)
        + u"/sigma-regression/regression_data/rules/windows/builtin/security/"
          u"win_security_explicit_credential_local_logon/e3c6d245-7b8f-4e2a-c17f-a9d0e5b38f6"
          u"2.jsonl"_s;
    if (!QFileInfo::exists(path)) {
        QSKIP("the shared corpus (sigma-regression) is not available");
    }
    const Parsed p = parseFile(path);
    QCOMPARE(p.rejects, QStringList());
    QCOMPARE(p.events.size(), std::size_t(1));
    const Event& e = p.events.front();
    QCOMPARE(field(e, u"EventID"), u"4648"_s);
    QCOMPARE(common(e, u"category"), u"authentication"_s);
    QCOMPARE(common(e, u"action"), u"explicit_credentials_logon"_s);
    QCOMPARE(common(e, u"outcome"), u"success"_s);
    QCOMPARE(common(e, u"user"), u"testuser"_s);
}

QTEST_GUILESS_MAIN(TestFormatCommon)
#include "tst_format_common.moc"
