#include <QTest>

#include "tst_format_support.h"

using namespace fmttest;

namespace {

// A Snare record as Snare for Windows writes it (tab-separated), after a syslog header.
QByteArray snare(const QByteArray& header, const QByteArray& eventId, const QByteArray& type,
                 const QByteArray& message)
{
    return header + "MSWinEventLog\t1\tSecurity\t4711\tMon Mar 04 09:15:00 2024\t" + eventId
           + "\tMicrosoft-Windows-Security-Auditing\tN/A\tN/A\t" + type + "\tWS-07\tLogon\t\t"
           + message + "\t4711";
}

} // namespace

/** Snare for Windows: Windows events over syslog, tab-separated. */
class TestFormatSnare : public QObject {
    Q_OBJECT
private slots:
    void failedLogon() const;
    void bareRecordWithHost() const;
    void zoneOfTheSource() const;
    void rejects() const;
    void corpus() const;
};

void TestFormatSnare::failedLogon() const
{
    const QByteArray line = snare(
        "<13>Mar  4 09:15:01 WS-07 "_ba, "4625"_ba, "Failure Audit"_ba,
        "An account failed to log on.    Subject:   Security ID:  S-1-0-0   Account Name:  -   "
        "Account Domain:  -   Logon ID:  0x0    Logon Type:   3    Account For Which Logon Failed:"
        "   Security ID:  S-1-0-0   Account Name:  eve   Account Domain:  CORP    Failure "
        "Information:   Failure Reason:  Unknown user name or bad password.   Status:  0xC000006D"
        "   Sub Status:  0xC0000064    Network Information:   Workstation Name:  KALI   Source "
        "Network Address: 203.0.113.66   Source Port:  51515"_ba);
    const Parsed p = parseText(line + '\n' + line + '\n');
    QCOMPARE(p.format, u"snare"_s);
    QCOMPARE(p.rejects, QStringList());
    const Event& e = p.events.front();
    QCOMPARE(e.format, u"snare"_s);
    QCOMPARE(e.host, u"WS-07"_s);
    QCOMPARE(timeOf(e), u"2024-03-04T09:15:00Z"_s); // TimeGenerated, not the syslog header
    QCOMPARE(field(e, u"EventID"), u"4625"_s);
    QCOMPARE(e.fields.find(u"EventID")->type(), FieldValue::Type::Int);
    QCOMPARE(field(e, u"Channel"), u"Security"_s);
    QCOMPARE(field(e, u"Provider_Name"), u"Microsoft-Windows-Security-Auditing"_s);
    QCOMPARE(field(e, u"EventType"), u"Failure Audit"_s);
    QCOMPARE(field(e, u"Category"), u"Logon"_s);
    QCOMPARE(field(e, u"DataString"), u""_s);
    QCOMPARE(field(e, u"SnareChecksum"), u"4711"_s);
    QCOMPARE(field(e, u"message"), QString()); // the tab record lives in the fields instead
    QCOMPARE(field(e, u"SubjectUserName"), u"-"_s);
    QCOMPARE(field(e, u"TargetUserName"), u"eve"_s);
    QCOMPARE(field(e, u"TargetDomainName"), u"CORP"_s);
    QCOMPARE(field(e, u"LogonType"), u"3"_s);
    QCOMPARE(field(e, u"FailureReason"), u"Unknown user name or bad password."_s);
    QCOMPARE(field(e, u"Status"), u"0xC000006D"_s);
    QCOMPARE(field(e, u"SubStatus"), u"0xC0000064"_s);
    QCOMPARE(field(e, u"WorkstationName"), u"KALI"_s);
    QCOMPARE(field(e, u"IpAddress"), u"203.0.113.66"_s);
    QCOMPARE(field(e, u"IpPort"), u"51515"_s);
    QCOMPARE(common(e, u"category"), u"authentication"_s);
    QCOMPARE(common(e, u"action"), u"logon"_s);
    QCOMPARE(common(e, u"outcome"), u"failure"_s);
    QCOMPARE(common(e, u"user"), u"eve"_s);
    QCOMPARE(common(e, u"src_ip"), u"203.0.113.66"_s);
    QCOMPARE(common(e, u"src_port"), u"51515"_s);
    QCOMPARE(e.severity, 4);
}

void TestFormatSnare::bareRecordWithHost() const
{
    const Parsed p =
        parseLine(snare("WS-07\t"_ba, "4688"_ba, "Success Audit"_ba,
                        "A new process has been created.    Creator Subject:   Account "
                        "Name:  alice    Process Information:   New Process Name:  "
                        "C:\\Windows\\System32\\cmd.exe   Process Command Line:  cmd /c whoami"_ba),
                  u"snare"_s);
    QCOMPARE(p.rejects, QStringList());
    const Event& e = p.events.front();
    QCOMPARE(field(e, u"hostname"), u"WS-07"_s);
    QCOMPARE(field(e, u"SubjectUserName"), u"alice"_s);
    QCOMPARE(field(e, u"NewProcessName"), u"C:\\Windows\\System32\\cmd.exe"_s);
    QCOMPARE(field(e, u"CommandLine"), u"cmd /c whoami"_s);
    QCOMPARE(common(e, u"category"), u"process"_s);
    QCOMPARE(common(e, u"process"), u"C:\\Windows\\System32\\cmd.exe"_s);
    QCOMPARE(common(e, u"user"), u"alice"_s);
}

void TestFormatSnare::zoneOfTheSource() const
{
    const Parsed p = parseLine(snare("<13>Mar  4 09:15:01 WS-07 "_ba, "4634"_ba, "Success Audit"_ba,
                                     "An account was logged off."_ba),
                               u"snare"_s, QTimeZone("America/New_York"));
    QCOMPARE(timeOf(p.events.front()), u"2024-03-04T14:15:00Z"_s);
    QCOMPARE(common(p.events.front(), u"time_zone_assumed"), u"America/New_York"_s);
    QCOMPARE(common(p.events.front(), u"action"), u"logoff"_s);
}

void TestFormatSnare::rejects() const
{
    const Parsed p =
        parseLine("<13>Mar  4 09:15:01 WS-07 MSWinEventLog\t1\tSecurity\t5"_ba, u"snare"_s);
    QCOMPARE(p.rejects, QStringList{u"1: Snare record has 4 tab-separated values; at least 14 "
                                    u"expected (MSWinEventLog, criticality, log name, counter, "
                                    u"time, event ID, source, user, SID type, event type, "
                                    u"computer, category, data, message)"_s});
}

void TestFormatSnare::corpus() const
{
    FMT_REQUIRE_CORPUS();
    const Parsed p = parseFile(corpusPath(u"windows-snare/sample-events.data"_s));
    QCOMPARE(p.format, u"snare"_s);
    QCOMPARE(p.rejects, QStringList());
    QCOMPARE(p.events.size(), std::size_t(4));
    const Event& logon = p.events[0];
    QCOMPARE(timeOf(logon), u"2025-02-18T06:42:17Z"_s);
    QCOMPARE(logon.host, u"DC25-PREVIEW"_s);
    QCOMPARE(field(logon, u"EventID"), u"4624"_s);
    QCOMPARE(field(logon, u"TargetUserName"), u"ADMIN-LAPS$"_s);
    QCOMPARE(field(logon, u"TargetDomainName"), u"FABRIKAM"_s);
    QCOMPARE(field(logon, u"SubjectUserName"), u"SYSTEM"_s);
    QCOMPARE(field(logon, u"LogonType"), u"2"_s);
    QCOMPARE(field(logon, u"ProcessName"), u"C:\\Windows\\System32\\winlogon.exe"_s);
    QCOMPARE(field(logon, u"IpAddress"), u"192.168.50.12"_s);
    QCOMPARE(field(logon, u"SnareChecksum"), u"-802301"_s);
    QCOMPARE(common(logon, u"outcome"), u"success"_s);
    const Event& drop = p.events[1];
    QCOMPARE(field(drop, u"EventID"), u"5157"_s);
    QCOMPARE(field(drop, u"Application"), u"C:\\Program Files\\Contoso\\edgegateway.exe"_s);
    QCOMPARE(common(drop, u"dst_ip"), u"104.45.23.110"_s);
    QCOMPARE(common(drop, u"dst_port"), u"443"_s);
    QCOMPARE(common(drop, u"protocol"), u"tcp"_s);
    QCOMPARE(common(drop, u"user"), QString());        // UserName N/A is no user
    QCOMPARE(field(p.events[3], u"Status"), u"0x0"_s); // "Result Code:  0x0"
    QCOMPARE(common(p.events[3], u"outcome"), u"success"_s);
    QCOMPARE(field(p.events[3], u"ServiceName"), u"HTTP/SPApp19.fabricam.com"_s);
    const Parsed big = parseFile(corpusPath(u"windows-snare/sample-windows2022-security.data"_s));
    QCOMPARE(big.rejects, QStringList());
    QCOMPARE(big.events.size(), std::size_t(278));
    QCOMPARE(field(big.events[99], u"EventID"), u"4731"_s);
    QCOMPARE(field(big.events[99], u"SubjectDomainName"), u""_s);
    QCOMPARE(field(big.events[99], u"SnareChecksum"), u"22"_s);
}

QTEST_GUILESS_MAIN(TestFormatSnare)
#include "tst_format_snare.moc"
