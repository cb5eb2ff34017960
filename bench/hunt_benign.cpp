// Benign office activity for the hunt workload: what Sysmon and Security auditing record on a
// Windows network during a working day, in roughly the proportions a real collection shows.
#include "hunt_workload_parts.h"

using namespace Qt::StringLiterals;

namespace vigil::bench::detail {

namespace {

struct Program {
    const char16_t* image;
    const char16_t* commandLine;
    const char16_t* parent;
    const char16_t* parentCommandLine;
    const char16_t* original;
    const char16_t* description;
    bool system;
};

const Program kPrograms[] = {
    {u"C:\\Windows\\System32\\svchost.exe", u"C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule",
     u"C:\\Windows\\System32\\services.exe", u"C:\\Windows\\system32\\services.exe", u"svchost.exe",
     u"Host Process for Windows Services", true},
    {u"C:\\Windows\\System32\\svchost.exe",
     u"C:\\Windows\\System32\\svchost.exe -k LocalServiceNetworkRestricted -p -s Dhcp",
     u"C:\\Windows\\System32\\services.exe", u"C:\\Windows\\system32\\services.exe", u"svchost.exe",
     u"Host Process for Windows Services", true},
    {u"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
     u"\"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe\" --type=renderer "
     u"--display-capture-permissions-policy-allowed --lang=en-US --device-scale-factor=1 "
     u"--num-raster-threads=4 --enable-main-frame-before-activation --renderer-client-id={n} "
     u"--launch-time-ticks={n}{n} --mojo-platform-channel-handle={n} "
     u"--field-trial-handle=1876,i,{n}{n},{n}{n},262144 /prefetch:1",
     u"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
     u"\"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe\"", u"chrome.exe",
     u"Google Chrome", false},
    {u"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe",
     u"\"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe\" --type=utility "
     u"--utility-sub-type=network.mojom.NetworkService --lang=en-US --service-sandbox-type=none "
     u"--mojo-platform-channel-handle={n} --field-trial-handle=2024,i,{n}{n},{n},262144 /prefetch:3",
     u"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe",
     u"\"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe\" --profile-directory=Default",
     u"msedge.exe", u"Microsoft Edge", false},
    {u"C:\\Windows\\System32\\conhost.exe", u"\\??\\C:\\Windows\\system32\\conhost.exe 0xffffffff -ForceV1",
     u"C:\\Program Files\\Git\\cmd\\git.exe", u"\"C:\\Program Files\\Git\\cmd\\git.exe\" fetch --all --prune",
     u"CONHOST.EXE", u"Console Window Host", false},
    {u"C:\\Windows\\System32\\backgroundTaskHost.exe",
     u"\"C:\\Windows\\system32\\backgroundTaskHost.exe\" -ServerName:BackgroundTaskHost.WebAccountProvider",
     u"C:\\Windows\\System32\\svchost.exe", u"C:\\Windows\\system32\\svchost.exe -k DcomLaunch -p",
     u"backgroundTaskHost.exe", u"Background Task Host", false},
    {u"C:\\Windows\\System32\\RuntimeBroker.exe", u"C:\\Windows\\System32\\RuntimeBroker.exe -Embedding",
     u"C:\\Windows\\System32\\svchost.exe", u"C:\\Windows\\system32\\svchost.exe -k DcomLaunch -p",
     u"RuntimeBroker.exe", u"Runtime Broker", false},
    {u"C:\\Windows\\System32\\SearchProtocolHost.exe",
     u"\"C:\\Windows\\system32\\SearchProtocolHost.exe\" Global\\UsGthrFltPipeMssGthrPipe{n}_ "
     u"Global\\UsGthrCtrlFltPipeMssGthrPipe{n} 1 -2147483646 \"Software\\Microsoft\\Windows Search\" "
     u"\"Mozilla/4.0 (compatible; MSIE 6.0; Windows NT; MS Search 4.0 Robot)\" "
     u"\"C:\\ProgramData\\Microsoft\\Search\\Data\\Temp\\usgthrsvc\" \"DownLevelDaemon\"",
     u"C:\\Windows\\System32\\SearchIndexer.exe", u"C:\\Windows\\system32\\SearchIndexer.exe /Embedding",
     u"SearchProtocolHost.exe", u"Microsoft Windows Search Protocol Host", true},
    {u"C:\\Windows\\System32\\taskhostw.exe", u"taskhostw.exe {222A245B-E637-4AE9-A93F-A59CA119A75E}",
     u"C:\\Windows\\System32\\svchost.exe", u"C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule",
     u"taskhostw.exe", u"Host Process for Windows Tasks", false},
    {u"C:\\Windows\\System32\\dllhost.exe",
     u"C:\\Windows\\system32\\DllHost.exe /Processid:{AB8902B4-09CA-4BB6-B78D-A8F59079A8D5}",
     u"C:\\Windows\\System32\\svchost.exe", u"C:\\Windows\\system32\\svchost.exe -k DcomLaunch -p",
     u"dllhost.exe", u"COM Surrogate", false},
    {u"C:\\Windows\\System32\\wbem\\WmiPrvSE.exe", u"C:\\Windows\\system32\\wbem\\wmiprvse.exe -secured -Embedding",
     u"C:\\Windows\\System32\\svchost.exe", u"C:\\Windows\\system32\\svchost.exe -k DcomLaunch -p",
     u"Wmiprvse.exe", u"WMI Provider Host", true},
    {u"C:\\Users\\{user}\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe",
     u"\"C:\\Users\\{user}\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe\" /background",
     u"C:\\Windows\\explorer.exe", u"C:\\Windows\\Explorer.EXE", u"OneDrive.exe",
     u"Microsoft OneDrive", false},
    {u"C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE",
     u"\"C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE\" ",
     u"C:\\Windows\\explorer.exe", u"C:\\Windows\\Explorer.EXE", u"Outlook.exe",
     u"Microsoft Outlook", false},
    {u"C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE",
     u"\"C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE\" /n "
     u"\"C:\\Users\\{user}\\Documents\\Quarterly report {n}.docx\" /o \"\"",
     u"C:\\Windows\\explorer.exe", u"C:\\Windows\\Explorer.EXE", u"WinWord.exe",
     u"Microsoft Word", false},
    {u"C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE",
     u"\"C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE\" "
     u"\"\\\\fs01\\finance\\Budget {n}.xlsx\"",
     u"C:\\Windows\\explorer.exe", u"C:\\Windows\\Explorer.EXE", u"Excel.exe",
     u"Microsoft Excel", false},
    {u"C:\\Program Files\\Git\\cmd\\git.exe", u"\"C:\\Program Files\\Git\\cmd\\git.exe\" fetch --all --prune",
     u"C:\\Users\\{user}\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe",
     u"\"C:\\Users\\{user}\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe\"", u"git.exe",
     u"Git for Windows", false},
    {u"C:\\Users\\{user}\\AppData\\Local\\Programs\\Python\\Python311\\python.exe",
     u"\"C:\\Users\\{user}\\AppData\\Local\\Programs\\Python\\Python311\\python.exe\" "
     u"C:\\Users\\{user}\\source\\reports\\build_report.py --month {n}",
     u"C:\\Users\\{user}\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe",
     u"\"C:\\Users\\{user}\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe\"", u"python.exe",
     u"Python", false},
    {u"C:\\Windows\\System32\\notepad.exe", u"\"C:\\Windows\\system32\\NOTEPAD.EXE\" C:\\Users\\{user}\\Desktop\\notes.txt",
     u"C:\\Windows\\explorer.exe", u"C:\\Windows\\Explorer.EXE", u"NOTEPAD.EXE", u"Notepad", false},
    {u"C:\\Windows\\System32\\sppsvc.exe", u"C:\\Windows\\system32\\sppsvc.exe",
     u"C:\\Windows\\System32\\services.exe", u"C:\\Windows\\system32\\services.exe", u"sppsvc.exe",
     u"Microsoft Software Protection Platform Service", true},
    {u"C:\\Program Files (x86)\\Microsoft\\EdgeUpdate\\MicrosoftEdgeUpdate.exe",
     u"\"C:\\Program Files (x86)\\Microsoft\\EdgeUpdate\\MicrosoftEdgeUpdate.exe\" /ua /installsource scheduler",
     u"C:\\Windows\\System32\\svchost.exe", u"C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule",
     u"MicrosoftEdgeUpdate.exe", u"Microsoft Edge Update", true},
    {u"C:\\Program Files\\Adobe\\Acrobat DC\\Acrobat\\Acrobat.exe",
     u"\"C:\\Program Files\\Adobe\\Acrobat DC\\Acrobat\\Acrobat.exe\" \"C:\\Users\\{user}\\Downloads\\invoice-{n}.pdf\"",
     u"C:\\Windows\\explorer.exe", u"C:\\Windows\\Explorer.EXE", u"Acrobat.exe",
     u"Adobe Acrobat", false},
    {u"C:\\Windows\\System32\\smartscreen.exe", u"C:\\Windows\\System32\\smartscreen.exe -Embedding",
     u"C:\\Windows\\System32\\svchost.exe", u"C:\\Windows\\system32\\svchost.exe -k DcomLaunch -p",
     u"smartscreen.exe", u"Windows Defender SmartScreen", false},
    {u"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
     u"\"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe\" -NoLogo -NonInteractive "
     u"-File \"D:\\Scripts\\Rotate-Logs.ps1\"",
     u"C:\\Windows\\System32\\svchost.exe", u"C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule",
     u"PowerShell.EXE", u"Windows PowerShell", true},
    {u"C:\\Windows\\System32\\wuauclt.exe", u"\"C:\\Windows\\system32\\wuauclt.exe\" /RunHandlerComServer",
     u"C:\\Windows\\System32\\svchost.exe", u"C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s wuauserv",
     u"wuauclt.exe", u"Windows Update", true},
};

struct Library {
    const char16_t* name;
    const char16_t* description;
};

const Library kLibraries[] = {
    {u"ntdll.dll", u"NT Layer DLL"},           {u"kernel32.dll", u"Windows NT BASE API Client DLL"},
    {u"KernelBase.dll", u"Windows NT BASE API Client DLL"},
    {u"user32.dll", u"Multi-User Windows USER API Client DLL"},
    {u"advapi32.dll", u"Advanced Windows 32 Base API"}, {u"crypt32.dll", u"Crypto API32"},
    {u"winhttp.dll", u"Windows HTTP Services"}, {u"bcrypt.dll", u"Windows Cryptographic Primitives Library"},
    {u"rpcrt4.dll", u"Remote Procedure Call Runtime"}, {u"combase.dll", u"Microsoft COM for Windows"},
    {u"shell32.dll", u"Windows Shell Common Dll"}, {u"ole32.dll", u"Microsoft OLE for Windows"},
    {u"mswsock.dll", u"Microsoft Windows Sockets 2.0 Service Provider"},
    {u"dnsapi.dll", u"DNS Client API DLL"},    {u"IPHLPAPI.DLL", u"IP Helper API"},
    {u"uxtheme.dll", u"Microsoft UxTheme Library"}, {u"dwmapi.dll", u"Microsoft Desktop Window Manager API"},
    {u"gdi32.dll", u"GDI Client DLL"},         {u"msvcrt.dll", u"Windows NT CRT DLL"},
    {u"sechost.dll", u"Host for SCM/SDDL/LSA Lookup APIs"}, {u"profapi.dll", u"User Profile Basic API"},
    {u"windows.storage.dll", u"Microsoft WinRT Storage API"}, {u"propsys.dll", u"Microsoft Property System"},
};

struct Connection {
    const char16_t* image;
    const char16_t* host;
    const char16_t* ip;
    int port;
};

const Connection kConnections[] = {
    {u"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe", u"www.google.com", u"142.250.185.68", 443},
    {u"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe", u"clients4.google.com", u"142.250.186.46", 443},
    {u"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe", u"www.bing.com", u"13.107.21.200", 443},
    {u"C:\\Users\\{user}\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe", u"skyapi.onedrive.live.com", u"13.107.42.12", 443},
    {u"C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE", u"outlook.office365.com", u"52.97.146.162", 443},
    {u"C:\\Windows\\System32\\svchost.exe", u"settings-win.data.microsoft.com", u"20.42.73.26", 443},
    {u"C:\\Windows\\System32\\svchost.exe", u"ctldl.windowsupdate.com", u"93.184.221.240", 80},
    {u"C:\\Windows\\System32\\lsass.exe", u"DC01.corp.example.com", u"10.10.0.11", 88},
    {u"C:\\Windows\\System32\\svchost.exe", u"DC02.corp.example.com", u"10.10.0.12", 389},
    {u"System", u"fs01.corp.example.com", u"10.10.0.20", 445},
};

struct RegistryWrite {
    const char16_t* image;
    const char16_t* key;
    const char16_t* details;
};

const RegistryWrite kRegistry[] = {
    {u"C:\\Windows\\system32\\svchost.exe",
     u"HKLM\\System\\CurrentControlSet\\Services\\bam\\State\\UserSettings\\{sid}\\\\Device\\HarddiskVolume3\\Windows\\System32\\notepad.exe",
     u"Binary Data"},
    {u"C:\\Windows\\explorer.exe",
     u"HKU\\{sid}\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\UserAssist\\{CEBFF5CD-ACE2-4F4F-9178-9926F41749EA}\\Count\\HRZR_PGYFRFFVBA",
     u"Binary Data"},
    {u"C:\\Users\\{user}\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe",
     u"HKU\\{sid}\\Software\\Microsoft\\OneDrive\\Accounts\\Business1\\LastSignInTime", u"DWORD (0x{hex})"},
    {u"C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE",
     u"HKU\\{sid}\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\\Outlook\\0a0d020000000000c000000000000046\\01023d0e",
     u"Binary Data"},
    {u"C:\\Windows\\system32\\svchost.exe",
     u"HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Orchestrator\\UScheduler\\{n}\\LastRunTime",
     u"QWORD (0x01da{hex}-0x{hex})"},
    {u"C:\\Windows\\system32\\svchost.exe",
     u"HKLM\\System\\CurrentControlSet\\Services\\W32Time\\Config\\LastKnownGoodTime", u"QWORD (0x01da9f4c-0x{hex})"},
    {u"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
     u"HKU\\{sid}\\Software\\Google\\Chrome\\BLBeacon\\state", u"DWORD (0x00000001)"},
};

struct FileWrite {
    const char16_t* image;
    const char16_t* path;
};

const FileWrite kFiles[] = {
    {u"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
     u"C:\\Users\\{user}\\AppData\\Local\\Google\\Chrome\\User Data\\Default\\Cache\\Cache_Data\\f_0{hex}"},
    {u"C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE",
     u"C:\\Users\\{user}\\AppData\\Local\\Microsoft\\Windows\\INetCache\\Content.Outlook\\{hex}\\image{n}.png"},
    {u"C:\\Windows\\system32\\svchost.exe", u"C:\\Windows\\Prefetch\\CHROME.EXE-{hex}.pf"},
    {u"C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE",
     u"C:\\Users\\{user}\\AppData\\Roaming\\Microsoft\\Word\\~WRL{n}.tmp"},
    {u"C:\\Windows\\servicing\\TrustedInstaller.exe", u"C:\\Windows\\Logs\\CBS\\CbsPersist_2024{n}.log"},
    {u"C:\\Users\\{user}\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe",
     u"C:\\Users\\{user}\\OneDrive - Example Corp\\Documents\\Minutes {n}.docx"},
};

struct Query {
    const char16_t* image;
    const char16_t* name;
    const char16_t* results;
};

const Query kQueries[] = {
    {u"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe", u"www.google.com", u"::ffff:142.250.185.68;"},
    {u"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe", u"www.bing.com",
     u"type:  5 www-bing-com.a-0001.a-msedge.net;::ffff:13.107.21.200;"},
    {u"C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE", u"outlook.office365.com",
     u"type:  5 outlook.ha.office365.com;::ffff:52.97.146.162;"},
    {u"C:\\Windows\\System32\\svchost.exe", u"fs01.corp.example.com", u"::ffff:10.10.0.20;"},
    {u"C:\\Users\\{user}\\AppData\\Local\\Microsoft\\Teams\\current\\Teams.exe", u"teams.microsoft.com",
     u"type:  5 teams-office-com.s-0005.s-msedge.net;::ffff:52.113.194.132;"},
};

const char16_t* const kScripts[] = {
    u"Get-ChildItem -Path D:\\Logs -Filter *.log | Where-Object { $_.LastWriteTime -lt (Get-Date).AddDays(-30) } | Remove-Item",
    u"prompt",
    u"Set-StrictMode -Version 1; $_.PSMessageDetails",
    u"Import-Module -Name Microsoft.PowerShell.Management; Get-Service -Name Spooler",
    u"$ErrorActionPreference = 'Stop'\r\n$report = Get-Content -Path 'D:\\Reports\\daily.csv' | ConvertFrom-Csv\r\n$report | Measure-Object",
};

const char16_t* const kServices[] = {u"Windows Update", u"Background Intelligent Transfer Service",
                                     u"Windows Modules Installer", u"Print Spooler",
                                     u"Microsoft Edge Update Service (edgeupdate)"};

void imageLoad(WorkloadGenerator& g)
{
    demo::DemoRandom& r = g.rng();
    const Program& p = r.pick(kPrograms);
    const Library& lib = r.pick(kLibraries);
    const QString image = g.expand(p.image);
    const QString loaded = u"C:\\Windows\\System32\\"_s + QString::fromUtf16(lib.name);
    JsonLine& l = g.line();
    g.sysmon(7, 7);
    l.text("ProcessGuid", r.guid());
    l.text("ProcessId", QString::number(4 * r.range(100, 6000)));
    l.text("Image", image);
    l.text("ImageLoaded", loaded);
    l.text("FileVersion", u"10.0.19041.3636 (WinBuild.160101.0800)");
    l.text("Description", lib.description);
    l.text("Product", u"Microsoft\u00ae Windows\u00ae Operating System");
    l.text("Company", u"Microsoft Corporation");
    l.text("OriginalFileName", lib.name);
    l.text("Hashes", g.hashes(loaded));
    l.text("Signed", u"true");
    l.text("Signature", u"Microsoft Windows");
    l.text("SignatureStatus", u"Valid");
    l.text("User", p.system ? u"NT AUTHORITY\\SYSTEM"_s : u"CORP\\"_s + g.host().user);
}

void processCreate(WorkloadGenerator& g, bool security)
{
    const Program& p = g.rng().pick(kPrograms);
    const Proc parent = g.process(p.parent, p.parentCommandLine, p.system);
    const Proc child = g.process(p.image, p.commandLine, p.system);
    if (security) {
        g.securityProcess(child, parent);
    } else {
        g.processCreate(child, parent, p.original, p.description);
    }
}

void simpleProcessEvent(WorkloadGenerator& g, int eventId)
{
    const Program& p = g.rng().pick(kPrograms);
    const Proc proc = g.process(p.image, p.commandLine, p.system);
    g.sysmon(eventId, eventId);
    g.line().text("ProcessGuid", proc.guid);
    g.line().text("ProcessId", QString::number(proc.pid));
    g.line().text("Image", proc.image);
    g.line().text("User", proc.user);
}

} // namespace

void writeBenign(WorkloadGenerator& g)
{
    demo::DemoRandom& r = g.rng();
    const int roll = int(r.below(1000));
    JsonLine& l = g.line();
    // Shares per thousand: image loads dominate a real Sysmon collection, then processes,
    // network, registry and files; Security and PowerShell records are fewer.
    if (roll < 220) {
        imageLoad(g);
    } else if (roll < 370) {
        processCreate(g, false);
    } else if (roll < 400) {
        processCreate(g, true);
    } else if (roll < 460) {
        simpleProcessEvent(g, 5);
    } else if (roll < 590) {
        const Connection& c = r.pick(kConnections);
        writeNetwork(g, c.image, c.host, c.ip, c.port);
    } else if (roll < 680) {
        const RegistryWrite& w = r.pick(kRegistry);
        g.sysmon(13, 13);
        l.text("EventType", u"SetValue");
        l.text("ProcessGuid", r.guid());
        l.text("ProcessId", QString::number(4 * r.range(100, 6000)));
        l.text("Image", g.expand(w.image));
        l.text("TargetObject", g.expand(w.key));
        l.text("Details", g.expand(w.details));
        l.text("User", u"CORP\\"_s + g.host().user);
    } else if (roll < 710) {
        const RegistryWrite& w = r.pick(kRegistry);
        g.sysmon(12, 12);
        l.text("EventType", r.chance(500) ? u"CreateKey" : u"DeleteKey");
        l.text("ProcessGuid", r.guid());
        l.text("ProcessId", QString::number(4 * r.range(100, 6000)));
        l.text("Image", g.expand(w.image));
        const QString key = g.expand(w.key);
        l.text("TargetObject", key.left(key.lastIndexOf(u'\\')));
        l.text("User", u"CORP\\"_s + g.host().user);
    } else if (roll < 800) {
        const FileWrite& f = r.pick(kFiles);
        g.sysmon(11, 11);
        l.text("ProcessGuid", r.guid());
        l.text("ProcessId", QString::number(4 * r.range(100, 6000)));
        l.text("Image", g.expand(f.image));
        l.text("TargetFilename", g.expand(f.path));
        l.text("CreationUtcTime", g.utcTime());
        l.text("User", u"CORP\\"_s + g.host().user);
    } else if (roll < 870) {
        const Query& q = r.pick(kQueries);
        g.sysmon(22, 22);
        l.text("ProcessGuid", r.guid());
        l.text("ProcessId", QString::number(4 * r.range(100, 6000)));
        l.text("QueryName", q.name);
        l.text("QueryStatus", u"0");
        l.text("QueryResults", q.results);
        l.text("Image", g.expand(q.image));
        l.text("User", u"CORP\\"_s + g.host().user);
    } else if (roll < 900) {
        writeBenignProcessAccess(g);
    } else if (roll < 940) {
        writeBenignLogon(g, 4624);
    } else if (roll < 948) {
        writeBenignLogon(g, 4625);
    } else if (roll < 968) {
        writeBenignLogon(g, 4634);
    } else if (roll < 980) {
        writeBenignLogon(g, 4672);
    } else if (roll < 990) {
        g.header(4104, u"Microsoft-Windows-PowerShell/Operational", u"Microsoft-Windows-PowerShell",
                 5, 2);
        l.text("MessageNumber", u"1");
        l.text("MessageTotal", u"1");
        l.text("ScriptBlockText", r.pick(kScripts));
        l.text("ScriptBlockId", r.guid().mid(1, 36).toLower());
        l.text("Path", u"");
    } else {
        g.header(7036, u"System", u"Service Control Manager", 4, 0);
        l.text("param1", r.pick(kServices));
        l.text("param2", r.chance(500) ? u"running" : u"stopped");
    }
}

} // namespace vigil::bench::detail
