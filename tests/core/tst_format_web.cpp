#include <QTest>

#include "tst_format_support.h"

using namespace fmttest;

/** Apache/nginx access logs, Apache error logs, W3C extended (IIS) logs. */
class TestFormatWeb : public QObject {
    Q_OBJECT
private slots:
    void b20BytesDash() const;
    void access_data() const;
    void access() const;
    void accessRejects_data() const;
    void accessRejects() const;
    void error_data() const;
    void error() const;
    void w3cFixture() const;
    void w3cRejects() const;
    void corpusAccess() const;
    void corpusErrorMatchesStructuredCsv() const;
    void corpusW3c() const;
};

void TestFormatWeb::b20BytesDash() const
{
    // Case B20: '-' for the size of an empty body (a 304) must not break the line.
    const Parsed p =
        parseText("192.0.2.4 - - [07/Mar/2017:11:12:13 +0100] \"GET /health HTTP/1.1\" "
                  "304 - \"-\" \"curl/7.47.0\"\n"_ba);
    QCOMPARE(p.format, u"apache-access"_s);
    QCOMPARE(p.rejects, QStringList());
    QCOMPARE(p.events.size(), std::size_t(1));
    const Event& e = p.events.front();
    QCOMPARE(timeOf(e), u"2017-03-07T10:12:13Z"_s);
    QCOMPARE(field(e, u"client_ip"), u"192.0.2.4"_s);
    QCOMPARE(field(e, u"user"), QString()); // null: absent
    QCOMPARE(field(e, u"method"), u"GET"_s);
    QCOMPARE(field(e, u"path"), u"/health"_s);
    QCOMPARE(field(e, u"protocol"), u"HTTP/1.1"_s);
    QCOMPARE(field(e, u"status"), u"304"_s);
    QCOMPARE(e.fields.find(u"status")->type(), FieldValue::Type::Int);
    QCOMPARE(field(e, u"bytes"), u"0"_s);
    QCOMPARE(e.fields.find(u"bytes")->type(), FieldValue::Type::Int);
    QCOMPARE(field(e, u"referrer"), QString());
    QCOMPARE(field(e, u"user_agent"), u"curl/7.47.0"_s);
    QCOMPARE(common(e, u"http_status"), u"304"_s);
    QCOMPARE(common(e, u"outcome"), u"success"_s);
    QCOMPARE(common(e, u"time_zone_assumed"), QString()); // the line gave +0100
}

void TestFormatWeb::access_data() const
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QStringList>("fields"); // name=value in order
    QTest::addRow("common format")
        << "203.0.113.9 - alice [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" "
           "200 2326"_ba
        << QStringList{u"client_ip=203.0.113.9"_s,
                       u"user=alice"_s,
                       u"request=GET /apache_pb.gif HTTP/1.0"_s,
                       u"method=GET"_s,
                       u"path=/apache_pb.gif"_s,
                       u"protocol=HTTP/1.0"_s,
                       u"status=200"_s,
                       u"bytes=2326"_s};
    QTest::addRow("combined with escaped quotes")
        << "203.0.113.9 ident - [10/Oct/2000:13:55:36 +0000] \"GET /q?x=\\\"1\\\" HTTP/1.1\" 404 7 "
           "\"http://ref.example/\" \"Agent \\\"quoted\\\" \\\\ back\""_ba
        << QStringList{u"client_ip=203.0.113.9"_s,
                       u"ident=ident"_s,
                       u"request=GET /q?x=\"1\" HTTP/1.1"_s,
                       u"method=GET"_s,
                       u"path=/q?x=\"1\""_s,
                       u"protocol=HTTP/1.1"_s,
                       u"status=404"_s,
                       u"bytes=7"_s,
                       u"referrer=http://ref.example/"_s,
                       u"user_agent=Agent \"quoted\" \\ back"_s};
    QTest::addRow("request of a dash")
        << "10.112.81.15 - - [15/Feb/2013:06:00:31 +0000] \"-\" 400 0 \"-\" \"-\""_ba
        << QStringList{u"client_ip=10.112.81.15"_s, u"request=-"_s, u"status=400"_s, u"bytes=0"_s};
    QTest::addRow("junk request and extra fields")
        << "2001:db8::7 - - [01/Jan/2024:00:00:00 +0000] \"\\x16\\x03\\x01\" 400 226 \"-\" "
           "\"-\" vhost.example 0.001"_ba
        << QStringList{u"client_ip=2001:db8::7"_s,
                       u"request=\\x16\\x03\\x01"_s,
                       u"method=\\x16\\x03\\x01"_s,
                       u"status=400"_s,
                       u"bytes=226"_s,
                       u"extra=vhost.example 0.001"_s};
    QTest::addRow("path with a space")
        << "192.0.2.1 - - [01/Jan/2024:00:00:00 +0000] \"GET /a b HTTP/1.1\" 200 1"_ba
        << QStringList{u"client_ip=192.0.2.1"_s,
                       u"request=GET /a b HTTP/1.1"_s,
                       u"method=GET"_s,
                       u"path=/a b"_s,
                       u"protocol=HTTP/1.1"_s,
                       u"status=200"_s,
                       u"bytes=1"_s};
}

void TestFormatWeb::access() const
{
    QFETCH(QByteArray, line);
    QFETCH(QStringList, fields);
    const Parsed p = parseLine(line, u"apache-access"_s);
    QCOMPARE(p.rejects, QStringList());
    QStringList got;
    for (const auto& [name, value] : p.events.front().fields.entries()) {
        got << name + u'=' + value.text();
    }
    QCOMPARE(got, fields);
}

void TestFormatWeb::accessRejects_data() const
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("reason");
    QTest::addRow("ident and user missing")
        << "192.168.202.254 [20/Jul/2009:22:59:29 +0000] \"GET / HTTP/1.0\" 404 46210 \"-\" "
           "\"x\""_ba
        << u"access log line: expected host, ident and user, then [time] at byte 45"_s;
    QTest::addRow("bad month")
        << "1.2.3.4 - - [20/Foo/2009:22:59:29 +0000] \"GET / HTTP/1.0\" 200 1"_ba
        << u"access log line: the [time] is not dd/Mon/yyyy:hh:mm:ss ±zzzz at byte 12"_s;
    QTest::addRow("request not closed")
        << "1.2.3.4 - - [20/Jul/2009:22:59:29 +0000] \"GET / HTTP/1.0 200 1"_ba
        << u"access log line: the request is not closed by a quote at byte 41"_s;
    QTest::addRow("status not a number")
        << "1.2.3.4 - - [20/Jul/2009:22:59:29 +0000] \"GET /\" OK 1"_ba
        << u"access log line: expected the status and the size (a number or -) after the "
           u"request at byte 49"_s;
}

void TestFormatWeb::accessRejects() const
{
    QFETCH(QByteArray, line);
    QFETCH(QString, reason);
    const Parsed p = parseLine(line, u"apache-access"_s);
    QCOMPARE(p.rejects, QStringList{u"1: "_s + reason});
}

void TestFormatWeb::error_data() const
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("time");
    QTest::addColumn<QStringList>("fields");
    QTest::addColumn<int>("severity");
    QTest::addRow("2.2 layout with client")
        << "[Wed Oct 11 14:32:52 2000] [error] [client 127.0.0.1] client denied by server "
           "configuration: /export/home/live/ap/htdocs/test"_ba
        << u"2000-10-11T14:32:52Z"_s
        << QStringList{u"level=error"_s, u"client_ip=127.0.0.1"_s,
                       u"message=client denied by server configuration: "
                       u"/export/home/live/ap/htdocs/test"_s}
        << 3;
    QTest::addRow("2.4 layout with module, pid, tid, port")
        << "[Fri Sep 09 10:42:29.902022 2011] [core:error] [pid 35708:tid 4328636416] "
           "[client 72.15.99.187:50124] AH00128: File does not exist: "
           "/usr/local/apache2/htdocs/x"_ba
        << u"2011-09-09T10:42:29.902022Z"_s
        << QStringList{u"module=core"_s,
                       u"level=error"_s,
                       u"pid=35708"_s,
                       u"tid=4328636416"_s,
                       u"client_ip=72.15.99.187"_s,
                       u"client_port=50124"_s,
                       u"message=AH00128: File does not exist: /usr/local/apache2/htdocs/x"_s}
        << 3;
    QTest::addRow("message that starts with a bracket")
        << "[Sun Dec 04 04:47:44 2005] [notice] [some text] follows"_ba << u"2005-12-04T04:47:44Z"_s
        << QStringList{u"level=notice"_s, u"message=[some text] follows"_s} << 5;
    QTest::addRow("trace level") << "[Sun Dec 04 04:47:44 2005] [authz_core:trace3] x"_ba
                                 << u"2005-12-04T04:47:44Z"_s
                                 << QStringList{u"module=authz_core"_s, u"level=trace3"_s,
                                                u"message=x"_s}
                                 << 7;
}

void TestFormatWeb::error() const
{
    QFETCH(QByteArray, line);
    QFETCH(QString, time);
    QFETCH(QStringList, fields);
    QFETCH(int, severity);
    const Parsed p = parseText(line + '\n' + line + '\n');
    QCOMPARE(p.format, u"apache-error"_s);
    QCOMPARE(p.rejects, QStringList());
    const Event& e = p.events.front();
    QCOMPARE(timeOf(e), time);
    QStringList got;
    for (const auto& [name, value] : e.fields.entries()) {
        got << name + u'=' + value.text();
    }
    QCOMPARE(got, fields);
    QCOMPARE(e.severity, severity);
    QCOMPARE(common(e, u"time_zone_assumed"), u"UTC"_s);
}

void TestFormatWeb::w3cFixture() const
{
    const Parsed p = parseFile(fixturePath(u"iis_w3c.log"_s));
    QCOMPARE(p.format, u"w3c"_s);
    QCOMPARE(p.rejects, QStringList());
    QCOMPARE(p.headers, qint64(5));
    QCOMPARE(p.events.size(), std::size_t(3));
    const Event& a = p.events[0];
    QCOMPARE(timeOf(a), u"2024-04-02T08:00:01Z"_s);
    QCOMPARE(field(a, u"cs-uri-query"), u"url=%2fowa"_s);
    QCOMPARE(field(a, u"cs-username"), u"null"_s);
    QCOMPARE(field(a, u"cs(User-Agent)"), u"Mozilla/5.0+(Windows+NT+10.0)"_s);
    QCOMPARE(field(a, u"time-taken"), u"15"_s);
    QCOMPARE(a.fields.find(u"sc-status")->type(), FieldValue::Type::Int);
    QCOMPARE(common(a, u"url"), u"/owa/auth/logon.aspx?url=%2fowa"_s);
    QCOMPARE(common(a, u"src_ip"), u"203.0.113.7"_s);
    QCOMPARE(common(a, u"dst_port"), u"443"_s);
    QCOMPARE(common(a, u"category"), u"web"_s);
    const Event& b = p.events[1];
    QCOMPARE(common(b, u"user"), u"CORP\\alice"_s);
    QCOMPARE(common(b, u"action"), u"POST"_s);
    QCOMPARE(field(b, u"cs(Referer)"), u"https://mail.example.com/owa/"_s);
    // A second #Fields: changes the columns; without a date column #Date: gives the day.
    const Event& c = p.events[2];
    QCOMPARE(timeOf(c), u"2024-04-02T08:05:00.250Z"_s);
    QCOMPARE(common(c, u"http_status"), u"503"_s);
    QCOMPARE(common(c, u"outcome"), u"failure"_s);
}

void TestFormatWeb::w3cRejects() const
{
    const Parsed p = parseText("2024-01-01 00:00:00 1.2.3.4\n#Fields: date time c-ip\n"
                               "2024-01-01 00:00:00 1.2.3.4 extra\n2024-01-01 00:00:01 \"a b\n"_ba,
                               u"w3c"_s);
    QCOMPARE(p.rejects, (QStringList{u"1: W3C log line before a #Fields: directive"_s,
                                     u"3: W3C log line has 4 values; #Fields: names 3"_s,
                                     u"4: W3C log line has a quoted value that is not closed"_s}));
}

void TestFormatWeb::corpusAccess() const
{
    FMT_REQUIRE_CORPUS();
    const Parsed good = parseFile(corpusPath(u"apache-access/lnav-logfile_access_log.0"_s));
    QCOMPARE(good.format, u"apache-access"_s);
    QCOMPARE(good.rejects, QStringList());
    QCOMPARE(good.events.size(), std::size_t(3));
    QCOMPARE(field(good.events[1], u"path"), u"/vmw/vSphere/default/vmkboot.gz"_s);
    QCOMPARE(field(good.events[1], u"status"), u"404"_s);
    QCOMPARE(field(good.events[1], u"bytes"), u"46210"_s);
    QCOMPARE(field(good.events[1], u"user_agent"), u"gPXE/0.9.7"_s);
    QCOMPARE(timeOf(good.events[2]), u"2009-07-20T22:59:29Z"_s);
    // The "bad" file: its second line lacks ident and user and is rejected; the rest is read.
    const Parsed bad = parseFile(corpusPath(u"apache-access/lnav-logfile_bad_access_log.0"_s));
    QCOMPARE(bad.format, u"apache-access"_s);
    QCOMPARE(bad.rejects, QStringList{u"2: access log line: expected host, ident and user, then "
                                      u"[time] at byte 45"_s});
    QCOMPARE(bad.events.size(), std::size_t(2));
    QCOMPARE(field(bad.events[1], u"bytes"), u"78929"_s);
}

void TestFormatWeb::corpusErrorMatchesStructuredCsv() const
{
    FMT_REQUIRE_CORPUS();
    const Parsed log = parseFile(corpusPath(u"apache-error/Apache_2k.log"_s));
    const Parsed csv = parseFile(corpusPath(u"apache-error/Apache_2k.log_structured.csv"_s));
    QCOMPARE(log.format, u"apache-error"_s);
    QCOMPARE(csv.format, u"csv"_s);
    QCOMPARE(log.rejects, QStringList());
    QCOMPARE(csv.rejects, QStringList());
    QCOMPARE(log.events.size(), std::size_t(2000));
    QCOMPARE(csv.events.size(), std::size_t(2000));
    for (std::size_t i = 0; i < log.events.size(); ++i) {
        const Event& e = log.events[i];
        const Event& row = csv.events[i];
        QCOMPARE(field(row, u"LineId"), QString::number(i + 1));
        QCOMPARE(field(e, u"level"), field(row, u"Level"));
        // loghub's Content keeps the `[client ip]` bracket that Vigil reads into client_ip.
        const QString client = field(e, u"client_ip");
        QCOMPARE(client.isNull() ? field(e, u"message")
                                 : u"[client "_s + client + u"] "_s + field(e, u"message"),
                 field(row, u"Content"));
        QCOMPARE(timeOf(e), timeOf(row)); // the CSV's Time column: "Sun Dec 04 04:47:44 2005"
    }
    QCOMPARE(timeOf(log.events[0]), u"2005-12-04T04:47:44Z"_s);
}

void TestFormatWeb::corpusW3c() const
{
    FMT_REQUIRE_CORPUS();
    const Parsed p = parseFile(corpusPath(u"misc-text/lnav-logfile_w3c.0"_s));
    QCOMPARE(p.format, u"w3c"_s);
    QCOMPARE(p.rejects, QStringList());
    QCOMPARE(p.headers, qint64(4));
    QCOMPARE(p.events.size(), std::size_t(1));
    const Event& e = p.events.front();
    QCOMPARE(timeOf(e), u"2002-05-02T17:42:15Z"_s);
    QCOMPARE(field(e, u"c-ip"), u"172.22.255.255"_s);
    QCOMPARE(field(e, u"s-port"), u"80"_s);
    QCOMPARE(field(e, u"cs-uri-stem"), u"/images/picture.jpg"_s);
    QCOMPARE(field(e, u"cs-uri-query"), u"null"_s);
    QCOMPARE(field(e, u"cs(User-Agent)"),
             u"Mozilla/4.0+(compatible;MSIE+5.5;+Windows+2000+Server)"_s);
}

QTEST_GUILESS_MAIN(TestFormatWeb)
#include "tst_format_web.moc"
