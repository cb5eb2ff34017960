#include <QTest>

#include "ingest/summary.h"
#include "model/event.h"
#include "util/json.h"

using namespace vigil;
using namespace Qt::StringLiterals;

class TestIngestSummary : public QObject {
    Q_OBJECT
private slots:
    void summary_data() const;
    void summary() const;
    void lengthCap() const;
};

void TestIngestSummary::summary_data() const
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QByteArray>("fields"); // a JSON object, flattened as the parsers do
    QTest::addColumn<QString>("expected");
    const QString k3164 = u"syslog-rfc3164"_s;
    const QString json = u"json"_s;

    QTest::addRow("syslog app[pid]: message")
        << k3164
        << R"({"hostname":"host-a","app_name":"sshd","procid":"22","message":"Accepted"})"_ba
        << u"sshd[22]: Accepted"_s;
    QTest::addRow("syslog without procid") << k3164 << R"({"app_name":"su","message":"x"})"_ba
                                           << u"su: x"_s;
    QTest::addRow("syslog without tag")
        << k3164 << R"({"hostname":"h","message":"lookup failed"})"_ba << u"lookup failed"_s;
    QTest::addRow("syslog continuation lines")
        << k3164 << R"({"app_name":"syslogd","message":"Notice:\n\tline one\r\n\tline two"})"_ba
        << u"syslogd: Notice: \u23CE line one \u23CE line two"_s;
    QTest::addRow("syslog 5424 without MSG shows structured data")
        << u"syslog-rfc5424"_s
        << R"({"pri":13,"hostname":"h","app_name":"app","sd.a@1.x":"1","sd.a@1.y":"2"})"_ba
        << u"app: sd.a@1.x=1 sd.a@1.y=2"_s;
    const QByteArray sysmon = R"("Channel":"Microsoft-Windows-Sysmon/Operational",)"
                              R"("Provider_Name":"Microsoft-Windows-Sysmon",)"
                              R"("Image":"C:\\x.exe",)"_ba;
    QTest::addRow("Windows: CommandLine")
        << json << "{"_ba + sysmon + R"("EventID":1,"CommandLine":"x.exe /c whoami"})"_ba
        << u"EventID 1 \u00B7 Sysmon \u00B7 x.exe /c whoami"_s;
    QTest::addRow("Windows: destination ip:port")
        << json
        << "{"_ba + sysmon + R"("EventID":3,"DestinationIp":"192.0.2.7","DestinationPort":443})"_ba
        << u"EventID 3 \u00B7 Sysmon \u00B7 192.0.2.7:443"_s;
    QTest::addRow("Windows: TargetFilename before Image")
        << json << "{"_ba + sysmon + R"("EventID":11,"TargetFilename":"C:\\t.txt"})"_ba
        << u"EventID 11 \u00B7 Sysmon \u00B7 C:\\t.txt"_s;
    QTest::addRow("Windows: process access, not its GUIDs")
        << json
        << "{"_ba + R"("Channel":"Microsoft-Windows-Sysmon/Operational","EventID":10,)"
           R"("Provider_Name":"Microsoft-Windows-Sysmon",)"
           R"("SourceProcessGUID":"{11111111-2222-3333-4444-555555555555}",)"
           R"("SourceProcessId":"1234","SourceImage":"C:\\a\\procdump.exe",)"
           R"("TargetImage":"C:\\Windows\\system32\\lsass.exe","GrantedAccess":"0x1fffff"})"_ba
        << u"EventID 10 \u00B7 Sysmon \u00B7 C:\\a\\procdump.exe \u2192 "
           u"C:\\Windows\\system32\\lsass.exe access 0x1fffff"_s;
    QTest::addRow("Windows: no provider")
        << json << R"({"Channel":"Security","EventID":1102,"SubjectUserName":"user1"})"_ba
        << u"EventID 1102 \u00B7 SubjectUserName=user1"_s;
    QTest::addRow("Windows: logon user")
        << json
        << R"({"Channel":"Security","EventID":4624,)"
           R"("Provider_Name":"Microsoft-Windows-Security-Auditing",)"
           R"("TargetUserName":"user1","LogonType":3})"_ba
        << u"EventID 4624 \u00B7 Security-Auditing \u00B7 user1"_s;
    QTest::addRow("Windows: script block on one line")
        << json
        << R"({"Channel":"Microsoft-Windows-PowerShell/Operational","EventID":4104,)"
           R"("Provider_Name":"Microsoft-Windows-PowerShell","ScriptBlockText":"a\nb"})"_ba
        << u"EventID 4104 \u00B7 PowerShell \u00B7 a \u23CE b"_s;
    QTest::addRow("Windows: no telling field, data pairs")
        << json
        << R"({"Channel":"System","EventID":7036,"Provider_Name":"Service Control Manager",)"
           R"("Level":4,"Computer":"ws1","param1":"Foo","param2":"running"})"_ba
        << u"EventID 7036 \u00B7 Service Control Manager \u00B7 param1=Foo param2=running"_s;
    QTest::addRow("Windows: XML layout")
        << json
        << R"({"Event":{"System":{"Provider":{"Name":"Microsoft-Windows-Security-Auditing"},)"
           R"("EventID":4688,"Channel":"Security"},"EventData":{"CommandLine":"cmd /c dir"}}})"_ba
        << u"EventID 4688 \u00B7 Security-Auditing \u00B7 cmd /c dir"_s;
    QTest::addRow("JSON message") << json << R"({"ts":"2020-01-01T00:00:00Z","message":" hi "})"_ba
                                  << u"hi"_s;
    QTest::addRow("JSON msg") << json << R"({"level":"info","msg":"started"})"_ba << u"started"_s;
    QTest::addRow("JSON MESSAGE") << json << R"({"MESSAGE":"journald"})"_ba << u"journald"_s;
    QTest::addRow("JSON log.original") << json << R"({"log":{"original":"raw line"}})"_ba
                                       << u"raw line"_s;
    QTest::addRow("JSON pairs, time left out")
        << json << R"({"ts":"2020-01-01T00:00:00Z","a":1,"b":"x","c":[1,2],"d":null})"_ba
        << u"a=1 b=x c=[1,2] d=null"_s;
    QTest::addRow("JSON pairs, at most six")
        << json << R"({"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7})"_ba
        << u"a=1 b=2 c=3 d=4 e=5 f=6"_s;
    QTest::addRow("ANSI colour codes and tabs")
        << json << R"({"msg":"\u001b[0;32mok\u001b[0m\tdone"})"_ba << u"ok done"_s;
    QTest::addRow("text message") << u"text"_s << R"({"message":"plain line"})"_ba
                                  << u"plain line"_s;
}

void TestIngestSummary::summary() const
{
    QFETCH(QString, format);
    QFETCH(QByteArray, fields);
    QFETCH(QString, expected);
    Event e;
    e.format = format;
    JsonError error;
    QVERIFY2(parseJsonObjectFlat(fields, e.fields, &error), qPrintable(error.message));
    QCOMPARE(summarize(e), expected);
}

void TestIngestSummary::lengthCap() const
{
    Event e;
    e.format = u"json"_s;
    e.fields.append(u"message"_s, FieldValue::fromString(QString(1000, u'a')));
    QString s = summarize(e);
    QCOMPARE(s.size(), 300);
    QVERIFY(s.endsWith(u'\u2026'));

    // A character outside the BMP is never split at the cut.
    e.fields.clear();
    const QString text = QString(298, u'a') + u"\U0001F600"_s + QString(10, u'b');
    e.fields.append(u"message"_s, FieldValue::fromString(text));
    s = summarize(e);
    QCOMPARE(s, QString(298, u'a') + u"\u2026"_s);
    QVERIFY(!s.contains(u'\n'));
}

QTEST_APPLESS_MAIN(TestIngestSummary)
#include "tst_ingest_summary.moc"
