#include "demo/windows_events.h"

#include <QHash>

#include "demo/demo_random.h"
#include "demo/demo_world.h"

using namespace Qt::StringLiterals;

namespace vigil::demo {

namespace {

const QString kSysmonProvider = u"Microsoft-Windows-Sysmon"_s;
const QString kSysmonChannel = u"Microsoft-Windows-Sysmon/Operational"_s;
const QString kSecurityProvider = u"Microsoft-Windows-Security-Auditing"_s;
const QString kSecurity = u"Security"_s;
const QString kScm = u"Service Control Manager"_s;
const QString kSystem = u"System"_s;
const QString kSystemUser = u"NT AUTHORITY\\SYSTEM"_s;

void text(Fields& f, const QString& name, const QString& value)
{
    f.append(name, FieldValue::fromString(value));
}

QString number(qint64 v)
{
    return QString::number(v);
}

QString hexNumber(qint64 v)
{
    return u"0x"_s + QString::number(v, 16);
}

// The original file names Windows binaries carry in their version resource.
QString originalNameFor(const QString& base)
{
    struct Known {
        QStringView base;
        QStringView original;
    };
    static constexpr Known kKnown[] = {
        {u"powershell.exe", u"PowerShell.EXE"},
        {u"cmd.exe", u"Cmd.Exe"},
        {u"rundll32.exe", u"RUNDLL32.EXE"},
        {u"certutil.exe", u"CertUtil.exe"},
        {u"schtasks.exe", u"schtasks.exe"},
        {u"winword.exe", u"WinWord.exe"},
        {u"excel.exe", u"Excel.exe"},
        {u"outlook.exe", u"Outlook.exe"},
        {u"net.exe", u"net.exe"},
        {u"net1.exe", u"net1.exe"},
        {u"whoami.exe", u"whoami.exe"},
        {u"nltest.exe", u"nltestrk.exe"},
        {u"svchost.exe", u"svchost.exe"},
        {u"chrome.exe", u"chrome.exe"},
        {u"msedge.exe", u"msedge.exe"},
        {u"conhost.exe", u"CONHOST.EXE"},
    };
    for (const Known& k : kKnown) {
        if (base.compare(k.base, Qt::CaseInsensitive) == 0) {
            return k.original.toString();
        }
    }
    return base;
}

QString mandatoryLabel(const QString& integrity)
{
    if (integrity == u"High") {
        return u"S-1-16-12288"_s;
    }
    if (integrity == u"System") {
        return u"S-1-16-16384"_s;
    }
    return u"S-1-16-8192"_s;
}

// Splits DOMAIN\name; SYSTEM becomes the machine account as Security events show it.
void splitUser(const WinHost& h, const QString& user, QString& domain, QString& name, QString& sid)
{
    if (user == kSystemUser) {
        domain = domainName();
        name = h.netbios + u'$';
        sid = u"S-1-5-18"_s;
        return;
    }
    const qsizetype slash = user.indexOf(u'\\');
    domain = slash < 0 ? domainName() : user.left(slash);
    name = slash < 0 ? user : user.mid(slash + 1);
    sid = userSid(name);
}

} // namespace

WindowsEvents::WindowsEvents(DemoLog& log, DemoRandom& rng)
    : m_log(log)
    , m_rng(rng)
{
}

QString WindowsEvents::baseName(const QString& image)
{
    const qsizetype slash = image.lastIndexOf(u'\\');
    return slash < 0 ? image : image.mid(slash + 1);
}

Process makeProcess(DemoRandom& rng, const QString& image, const QString& commandLine,
                    const QString& user, const QString& logonId, const QString& integrity,
                    const QString& currentDirectory)
{
    Process p;
    p.image = image;
    p.commandLine = commandLine;
    p.guid = rng.guid();
    p.pid = 4 * rng.range(100, 4000); // Windows process IDs are multiples of four
    p.user = user;
    p.logonId = logonId;
    p.integrity = integrity;
    p.currentDirectory =
        currentDirectory.isEmpty() ? u"C:\\Windows\\system32\\"_s : currentDirectory;
    p.originalFileName = originalNameFor(WindowsEvents::baseName(image));
    return p;
}

Process WindowsEvents::spawn(const QString& image, const QString& commandLine, const QString& user,
                             const QString& logonId, const QString& integrity,
                             const QString& currentDirectory)
{
    return makeProcess(m_rng, image, commandLine, user, logonId, integrity, currentDirectory);
}

QString WindowsEvents::hashesOf(const QString& image) const
{
    // One binary, one hash: derive the digits from the path, not from the event stream.
    DemoRandom r(stableHash(image.toLower()));
    const QString md5 = r.hex(32);
    const QString sha256 = r.hex(64);
    const QString imphash = r.hex(32);
    return u"MD5="_s + md5 + u",SHA256="_s + sha256 + u",IMPHASH="_s + imphash;
}

Fields& WindowsEvents::sysmon(qint64 t, const WinHost& h, int eventId, const Label& label)
{
    Fields& f = m_log.addWindows(t, h.name, kSysmonProvider, kSysmonChannel, eventId, 4, label);
    text(f, u"RuleName"_s, u"-"_s);
    return f;
}

Fields& WindowsEvents::security(qint64 t, const WinHost& h, int eventId, const Label& label)
{
    return m_log.addWindows(t, h.name, kSecurityProvider, kSecurity, eventId, 0, label);
}

void WindowsEvents::processCreate(qint64 t, const WinHost& h, const Process& p,
                                  const Process& parent, const Label& label)
{
    Fields& f = sysmon(t, h, 1, label);
    text(f, u"UtcTime"_s, sysmonUtcTime(t));
    text(f, u"ProcessGuid"_s, p.guid);
    text(f, u"ProcessId"_s, number(p.pid));
    text(f, u"Image"_s, p.image);
    text(f, u"OriginalFileName"_s, p.originalFileName);
    text(f, u"CommandLine"_s, p.commandLine);
    text(f, u"CurrentDirectory"_s, p.currentDirectory);
    text(f, u"User"_s, p.user);
    text(f, u"LogonId"_s, p.logonId);
    text(f, u"TerminalSessionId"_s, p.user == kSystemUser ? u"0"_s : u"1"_s);
    text(f, u"IntegrityLevel"_s, p.integrity);
    text(f, u"Hashes"_s, hashesOf(p.image));
    text(f, u"ParentProcessGuid"_s, parent.guid);
    text(f, u"ParentProcessId"_s, number(parent.pid));
    text(f, u"ParentImage"_s, parent.image);
    text(f, u"ParentCommandLine"_s, parent.commandLine);
    text(f, u"ParentUser"_s, parent.user);
}

void WindowsEvents::networkConnect(qint64 t, const WinHost& h, const Process& p,
                                   const QString& protocol, const QString& dstIp,
                                   const QString& dstHost, int dstPort, const Label& label)
{
    static const QHash<int, QString> kPortNames = {
        {53, u"domain"_s}, {80, u"http"_s},   {88, u"kerberos"_s},      {135, u"epmap"_s},
        {389, u"ldap"_s},  {443, u"https"_s}, {445, u"microsoft-ds"_s}, {3268, u"msft-gc"_s}};
    Fields& f = sysmon(t, h, 3, label);
    text(f, u"UtcTime"_s, sysmonUtcTime(t));
    text(f, u"ProcessGuid"_s, p.guid);
    text(f, u"ProcessId"_s, number(p.pid));
    text(f, u"Image"_s, p.image);
    text(f, u"User"_s, p.user);
    text(f, u"Protocol"_s, protocol);
    text(f, u"Initiated"_s, u"true"_s);
    text(f, u"SourceIsIpv6"_s, u"false"_s);
    text(f, u"SourceIp"_s, h.ip);
    text(f, u"SourceHostname"_s, h.name);
    text(f, u"SourcePort"_s, number(m_rng.range(49152, 65535)));
    text(f, u"SourcePortName"_s, u"-"_s);
    text(f, u"DestinationIsIpv6"_s, u"false"_s);
    text(f, u"DestinationIp"_s, dstIp);
    text(f, u"DestinationHostname"_s, dstHost.isEmpty() ? u"-"_s : dstHost);
    text(f, u"DestinationPort"_s, number(dstPort));
    text(f, u"DestinationPortName"_s, kPortNames.value(dstPort, u"-"_s));
}

void WindowsEvents::fileCreate(qint64 t, const WinHost& h, const Process& p, const QString& path,
                               const Label& label)
{
    Fields& f = sysmon(t, h, 11, label);
    text(f, u"UtcTime"_s, sysmonUtcTime(t));
    text(f, u"ProcessGuid"_s, p.guid);
    text(f, u"ProcessId"_s, number(p.pid));
    text(f, u"Image"_s, p.image);
    text(f, u"TargetFilename"_s, path);
    text(f, u"CreationUtcTime"_s, sysmonUtcTime(t));
    text(f, u"User"_s, p.user);
}

void WindowsEvents::registrySet(qint64 t, const WinHost& h, const Process& p, const QString& key,
                                const QString& details, const Label& label)
{
    Fields& f = sysmon(t, h, 13, label);
    text(f, u"EventType"_s, u"SetValue"_s);
    text(f, u"UtcTime"_s, sysmonUtcTime(t));
    text(f, u"ProcessGuid"_s, p.guid);
    text(f, u"ProcessId"_s, number(p.pid));
    text(f, u"Image"_s, p.image);
    text(f, u"TargetObject"_s, key);
    text(f, u"Details"_s, details);
    text(f, u"User"_s, p.user);
}

void WindowsEvents::dnsQuery(qint64 t, const WinHost& h, const Process& p, const QString& name,
                             const QString& results, const Label& label)
{
    Fields& f = sysmon(t, h, 22, label);
    text(f, u"UtcTime"_s, sysmonUtcTime(t));
    text(f, u"ProcessGuid"_s, p.guid);
    text(f, u"ProcessId"_s, number(p.pid));
    text(f, u"QueryName"_s, name);
    text(f, u"QueryStatus"_s, u"0"_s);
    text(f, u"QueryResults"_s, results);
    text(f, u"Image"_s, p.image);
    text(f, u"User"_s, p.user);
}

void WindowsEvents::processAccess(qint64 t, const WinHost& h, const Process& source,
                                  const Process& target, const QString& grantedAccess,
                                  const Label& label)
{
    Fields& f = sysmon(t, h, 10, label);
    text(f, u"UtcTime"_s, sysmonUtcTime(t));
    text(f, u"SourceProcessGUID"_s, source.guid);
    text(f, u"SourceProcessId"_s, number(source.pid));
    text(f, u"SourceThreadId"_s, number(4 * m_rng.range(100, 5000)));
    text(f, u"SourceImage"_s, source.image);
    text(f, u"TargetProcessGUID"_s, target.guid);
    text(f, u"TargetProcessId"_s, number(target.pid));
    text(f, u"TargetImage"_s, target.image);
    text(f, u"GrantedAccess"_s, grantedAccess);
    text(f, u"CallTrace"_s,
         u"C:\\Windows\\SYSTEM32\\ntdll.dll+9d4c4|C:\\Windows\\System32\\KERNELBASE.dll+2c13e|"_s
             + u"UNKNOWN("_s + m_rng.hex(16) + u')');
    text(f, u"SourceUser"_s, source.user);
    text(f, u"TargetUser"_s, target.user);
}

void WindowsEvents::addSubject(Fields& f, const WinHost& h, const Process& subject)
{
    QString domain;
    QString name;
    QString sid;
    splitUser(h, subject.user, domain, name, sid);
    text(f, u"SubjectUserSid"_s, sid);
    text(f, u"SubjectUserName"_s, name);
    text(f, u"SubjectDomainName"_s, domain);
    text(f, u"SubjectLogonId"_s, subject.logonId);
}

void WindowsEvents::logon(qint64 t, const WinHost& h, const Logon& l, const Label& label)
{
    Fields& f = security(t, h, 4624, label);
    const bool network = l.type == 3;
    text(f, u"SubjectUserSid"_s, network ? u"S-1-0-0"_s : u"S-1-5-18"_s);
    text(f, u"SubjectUserName"_s, network ? u"-"_s : h.netbios + u'$');
    text(f, u"SubjectDomainName"_s, network ? u"-"_s : domainName());
    text(f, u"SubjectLogonId"_s, network ? u"0x0"_s : u"0x3e7"_s);
    text(f, u"TargetUserSid"_s, userSid(l.user));
    text(f, u"TargetUserName"_s, l.user);
    text(f, u"TargetDomainName"_s, l.domain);
    text(f, u"TargetLogonId"_s, hexNumber(m_rng.range(0x100000, 0x9fffff)));
    text(f, u"LogonType"_s, number(l.type));
    text(f, u"LogonProcessName"_s,
         network ? (l.authPackage == u"NTLM" ? u"NtLmSsp "_s : u"Kerberos"_s) : u"User32 "_s);
    text(f, u"AuthenticationPackageName"_s, network ? l.authPackage : u"Negotiate"_s);
    text(f, u"WorkstationName"_s, l.workstation);
    text(f, u"LmPackageName"_s, l.authPackage == u"NTLM" ? u"NTLM V2"_s : u"-"_s);
    text(f, u"ProcessId"_s, network ? u"0x0"_s : hexNumber(4 * m_rng.range(150, 300)));
    text(f, u"ProcessName"_s, network ? u"-"_s : u"C:\\Windows\\System32\\svchost.exe"_s);
    text(f, u"IpAddress"_s, l.ip);
    text(f, u"IpPort"_s, network ? number(m_rng.range(49152, 65535)) : u"0"_s);
}

void WindowsEvents::logonFailed(qint64 t, const WinHost& h, const Logon& l, const Label& label)
{
    Fields& f = security(t, h, 4625, label);
    const bool network = l.type == 3;
    text(f, u"SubjectUserSid"_s, network ? u"S-1-0-0"_s : u"S-1-5-18"_s);
    text(f, u"SubjectUserName"_s, network ? u"-"_s : h.netbios + u'$');
    text(f, u"SubjectDomainName"_s, network ? u"-"_s : domainName());
    text(f, u"SubjectLogonId"_s, network ? u"0x0"_s : u"0x3e7"_s);
    text(f, u"TargetUserSid"_s, u"S-1-0-0"_s);
    text(f, u"TargetUserName"_s, l.user);
    text(f, u"TargetDomainName"_s, l.domain);
    text(f, u"Status"_s, u"0xc000006d"_s);
    text(f, u"FailureReason"_s, u"%%2313"_s);
    text(f, u"SubStatus"_s, u"0xc000006a"_s);
    text(f, u"LogonType"_s, number(l.type));
    text(f, u"LogonProcessName"_s, network ? u"NtLmSsp "_s : u"User32 "_s);
    text(f, u"AuthenticationPackageName"_s, network ? u"NTLM"_s : u"Negotiate"_s);
    text(f, u"WorkstationName"_s, l.workstation);
    text(f, u"ProcessName"_s, network ? u"-"_s : u"C:\\Windows\\System32\\svchost.exe"_s);
    text(f, u"IpAddress"_s, l.ip);
    text(f, u"IpPort"_s, network ? number(m_rng.range(49152, 65535)) : u"0"_s);
}

void WindowsEvents::securityProcess(qint64 t, const WinHost& h, const Process& p,
                                    const Process& parent, const Label& label)
{
    Fields& f = security(t, h, 4688, label);
    addSubject(f, h, p);
    text(f, u"NewProcessId"_s, hexNumber(p.pid));
    text(f, u"NewProcessName"_s, p.image);
    text(f, u"TokenElevationType"_s, p.integrity == u"Medium" ? u"%%1938"_s : u"%%1936"_s);
    text(f, u"ProcessId"_s, hexNumber(parent.pid));
    text(f, u"CommandLine"_s, p.commandLine);
    text(f, u"TargetUserSid"_s, u"S-1-0-0"_s);
    text(f, u"TargetUserName"_s, u"-"_s);
    text(f, u"TargetDomainName"_s, u"-"_s);
    text(f, u"TargetLogonId"_s, u"0x0"_s);
    text(f, u"ParentProcessName"_s, parent.image);
    text(f, u"MandatoryLabel"_s, mandatoryLabel(p.integrity));
}

void WindowsEvents::userCreated(qint64 t, const WinHost& h, const Process& subject,
                                const QString& user, const QString& accountDomain,
                                const QString& sid, const Label& label)
{
    Fields& f = security(t, h, 4720, label);
    text(f, u"TargetUserName"_s, user);
    text(f, u"TargetDomainName"_s, accountDomain);
    text(f, u"TargetSid"_s, sid);
    addSubject(f, h, subject);
    text(f, u"PrivilegeList"_s, u"-"_s);
    text(f, u"SamAccountName"_s, user);
    text(f, u"DisplayName"_s, u"%%1793"_s);
    text(f, u"UserPrincipalName"_s, u"-"_s);
    text(f, u"PasswordLastSet"_s, u"%%1794"_s);
    text(f, u"PrimaryGroupId"_s, u"513"_s);
    text(f, u"UserAccountControl"_s, u"\r\n\t\t%%2080\r\n\t\t%%2082\r\n\t\t%%2084"_s);
}

void WindowsEvents::groupMemberAdded(qint64 t, const WinHost& h, const Process& subject,
                                     const QString& memberSid, const QString& group,
                                     const QString& groupSid, const Label& label)
{
    Fields& f = security(t, h, 4732, label);
    text(f, u"MemberName"_s, u"-"_s);
    text(f, u"MemberSid"_s, memberSid);
    text(f, u"TargetUserName"_s, group);
    text(f, u"TargetDomainName"_s, u"Builtin"_s);
    text(f, u"TargetSid"_s, groupSid);
    addSubject(f, h, subject);
    text(f, u"PrivilegeList"_s, u"-"_s);
}

void WindowsEvents::logCleared(qint64 t, const WinHost& h, const Process& subject,
                               const Label& label)
{
    Fields& f =
        m_log.addWindows(t, h.name, u"Microsoft-Windows-Eventlog"_s, kSecurity, 1102, 4, label);
    addSubject(f, h, subject);
}

void WindowsEvents::serviceInstalled(qint64 t, const WinHost& h, const QString& name,
                                     const QString& imagePath, const QString& startType,
                                     const Label& label)
{
    Fields& f = m_log.addWindows(t, h.name, kScm, kSystem, 7045, 4, label);
    text(f, u"ServiceName"_s, name);
    text(f, u"ImagePath"_s, imagePath);
    text(f, u"ServiceType"_s, u"user mode service"_s);
    text(f, u"StartType"_s, startType);
    text(f, u"AccountName"_s, u"LocalSystem"_s);
}

void WindowsEvents::serviceState(qint64 t, const WinHost& h, const QString& displayName,
                                 bool running, const Label& label)
{
    Fields& f = m_log.addWindows(t, h.name, kScm, kSystem, 7036, 4, label);
    text(f, u"param1"_s, displayName);
    text(f, u"param2"_s, running ? u"running"_s : u"stopped"_s);
}

} // namespace vigil::demo
