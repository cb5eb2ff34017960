// Record writers of the hunt workload shared by the benign and the attack parts: network
// connections, logon records and process access.
#include "hunt_workload_parts.h"

using namespace Qt::StringLiterals;

namespace vigil::bench::detail {

namespace {

const char16_t* const kPortNames[][2] = {{u"53", u"domain"},     {u"80", u"http"},
                                         {u"88", u"kerberos"},   {u"389", u"ldap"},
                                         {u"443", u"https"},     {u"445", u"microsoft-ds"},
                                         {u"3389", u"ms-wbt-server"}};

QString portName(int port)
{
    const QString p = QString::number(port);
    for (const auto& entry : kPortNames) {
        if (p == QStringView(entry[0])) {
            return QString::fromUtf16(entry[1]);
        }
    }
    return u"-"_s;
}

struct Access {
    const char16_t* source;
    const char16_t* target;
    const char16_t* access;
};

const Access kAccesses[] = {
    {u"C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24030.9-0\\MsMpEng.exe",
     u"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe", u"0x101000"},
    {u"C:\\Windows\\system32\\taskmgr.exe", u"C:\\Windows\\System32\\svchost.exe", u"0x1400"},
    {u"C:\\Windows\\system32\\wbem\\wmiprvse.exe", u"C:\\Windows\\explorer.exe", u"0x1000"},
    {u"C:\\Windows\\System32\\csrss.exe", u"C:\\Windows\\System32\\RuntimeBroker.exe", u"0x1fffff"},
};

const char16_t kBenignTrace[] =
    u"C:\\Windows\\SYSTEM32\\ntdll.dll+9d4c4|C:\\Windows\\System32\\KERNELBASE.dll+2c13e|"
    u"C:\\Windows\\System32\\KERNELBASE.dll+2a97e|UNKNOWN(00007FF8C2E51A3B)";

} // namespace

void writeNetwork(WorkloadGenerator& g, QStringView image, QStringView host, QStringView ip,
                  int port)
{
    demo::DemoRandom& r = g.rng();
    JsonLine& l = g.line();
    g.sysmon(3, 3);
    l.text("ProcessGuid", r.guid());
    l.text("ProcessId", QString::number(4 * r.range(100, 6000)));
    l.text("Image", g.expand(image));
    l.text("User", image == u"System" ? u"NT AUTHORITY\\SYSTEM"_s : u"CORP\\"_s + g.host().user);
    l.text("Protocol", u"tcp");
    l.text("Initiated", u"true");
    l.text("SourceIsIpv6", u"false");
    l.text("SourceIp", g.host().ip);
    l.text("SourceHostname", g.host().fqdn);
    l.text("SourcePort", QString::number(r.range(49152, 65535)));
    l.text("SourcePortName", u"-");
    l.text("DestinationIsIpv6", u"false");
    l.text("DestinationIp", g.expand(ip));
    l.text("DestinationHostname", host);
    l.text("DestinationPort", QString::number(port));
    l.text("DestinationPortName", portName(port));
}

void writeLogon(WorkloadGenerator& g, int eventId, const LogonSpec& s)
{
    demo::DemoRandom& r = g.rng();
    JsonLine& l = g.line();
    const QString sid = s.user.endsWith(u'$') ? u"S-1-5-18"_s : g.userSid(s.user);
    const QString logonId = u"0x"_s + r.hex(7).toLower();
    switch (eventId) {
    case 4634:
        g.security(4634, 12545);
        l.text("TargetUserSid", sid);
        l.text("TargetUserName", s.user);
        l.text("TargetDomainName", s.domain);
        l.text("TargetLogonId", logonId);
        l.text("LogonType", QString::number(s.type));
        return;
    case 4672:
        g.security(4672, 12548);
        l.text("SubjectUserSid", sid);
        l.text("SubjectUserName", s.user);
        l.text("SubjectDomainName", s.domain);
        l.text("SubjectLogonId", logonId);
        l.text("PrivilegeList", u"SeSecurityPrivilege\r\n\t\t\tSeBackupPrivilege\r\n\t\t\t"
                                u"SeRestorePrivilege\r\n\t\t\tSeDebugPrivilege");
        return;
    default:
        break;
    }
    const bool failed = eventId == 4625;
    g.security(eventId, 12544);
    l.text("SubjectUserSid", u"S-1-5-18");
    l.text("SubjectUserName", g.host().netbios + u'$');
    l.text("SubjectDomainName", u"CORP");
    l.text("SubjectLogonId", u"0x3e7");
    l.text("TargetUserSid", failed ? u"S-1-0-0"_s : sid);
    l.text("TargetUserName", s.user);
    l.text("TargetDomainName", s.domain);
    if (failed) {
        l.text("Status", u"0xc000006d");
        l.text("FailureReason", u"%%2313");
        l.text("SubStatus", u"0xc000006a");
    } else {
        l.text("TargetLogonId", logonId);
    }
    l.text("LogonType", QString::number(s.type));
    l.text("LogonProcessName", s.package == u"NTLM" ? u"NtLmSsp " : u"Kerberos");
    l.text("AuthenticationPackageName", s.package);
    l.text("WorkstationName", s.workstation);
    if (!failed) {
        l.text("LogonGuid", s.package == u"Kerberos" ? r.guid() : u"{00000000-0000-0000-0000-000000000000}"_s);
    }
    l.text("TransmittedServices", u"-");
    l.text("LmPackageName", s.package == u"NTLM" ? u"NTLM V2" : u"-");
    l.text("KeyLength", u"0");
    l.text("ProcessId", s.processName == u"-" ? u"0x0" : u"0x2f4");
    l.text("ProcessName", s.processName);
    l.text("IpAddress", s.ip);
    l.text("IpPort", s.ip == u"-" ? u"-"_s : QString::number(r.range(49152, 65535)));
    if (!failed) {
        l.text("ImpersonationLevel", u"%%1833");
        l.text("RestrictedAdminMode", u"-");
        l.text("TargetOutboundUserName", u"-");
        l.text("TargetOutboundDomainName", u"-");
        l.text("VirtualAccount", u"%%1843");
        l.text("TargetLinkedLogonId", u"0x0");
        l.text("ElevatedToken", u"%%1842");
    }
}

void writeBenignLogon(WorkloadGenerator& g, int eventId)
{
    demo::DemoRandom& r = g.rng();
    LogonSpec s;
    s.user = g.host().user;
    const int kind = int(r.below(10));
    if (eventId == 4625) {
        // Someone mistyping a password at the keyboard.
        s.type = 2;
        s.package = u"Negotiate"_s;
        s.workstation = g.host().netbios;
        s.ip = u"127.0.0.1"_s;
        s.processName = u"C:\\Windows\\System32\\svchost.exe"_s;
    } else if (kind < 6) {
        // A workstation reaching a server (file share, GPO) with Kerberos.
        s.type = 3;
        s.ip = u"10.20.0.%1"_s.arg(r.range(10, 170));
    } else if (kind < 8) {
        s.user = g.host().netbios + u'$';
        s.type = 5;
        s.package = u"Negotiate"_s;
        s.processName = u"C:\\Windows\\System32\\services.exe"_s;
    } else {
        s.type = 2;
        s.package = u"Negotiate"_s;
        s.workstation = g.host().netbios;
        s.ip = u"127.0.0.1"_s;
        s.processName = u"C:\\Windows\\System32\\svchost.exe"_s;
    }
    writeLogon(g, eventId, s);
}

void writeProcessAccess(WorkloadGenerator& g, QStringView source, QStringView target,
                        QStringView access, QStringView callTrace)
{
    demo::DemoRandom& r = g.rng();
    JsonLine& l = g.line();
    g.sysmon(10, 10);
    l.text("SourceProcessGUID", r.guid());
    l.text("SourceProcessId", QString::number(4 * r.range(100, 6000)));
    l.text("SourceThreadId", QString::number(4 * r.range(100, 6000)));
    l.text("SourceImage", g.expand(source));
    l.text("TargetProcessGUID", r.guid());
    l.text("TargetProcessId", QString::number(4 * r.range(100, 6000)));
    l.text("TargetImage", g.expand(target));
    l.text("GrantedAccess", access);
    l.text("CallTrace", callTrace);
    l.text("SourceUser", u"CORP\\"_s + g.host().user);
    l.text("TargetUser", u"NT AUTHORITY\\SYSTEM");
}

void writeBenignProcessAccess(WorkloadGenerator& g)
{
    const Access& a = g.rng().pick(kAccesses);
    writeProcessAccess(g, a.source, a.target, a.access, kBenignTrace);
}

} // namespace vigil::bench::detail
