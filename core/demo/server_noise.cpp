// Benign activity of the Windows servers (Security 4624/4625/4688, System 7036/7045) and the IT
// team's remote support logons on workstations.

#include "demo/demo_log.h"
#include "demo/demo_parts.h"
#include "demo/demo_random.h"
#include "demo/demo_world.h"

using namespace Qt::StringLiterals;

namespace vigil::demo {

namespace {

const QString kSystemUser = u"NT AUTHORITY\\SYSTEM"_s;

struct Job {
    QStringView image;
    QStringView commandLine;
    bool dcom; // parent is the DcomLaunch svchost, else services.exe
};

constexpr Job kCommonJobs[] = {
    {u"C:\\Windows\\System32\\wbem\\WmiPrvSE.exe",
     u"C:\\Windows\\system32\\wbem\\wmiprvse.exe -Embedding", true},
    {u"C:\\Windows\\System32\\taskhostw.exe", u"taskhostw.exe Install $(Arg0)", true},
    {u"C:\\Windows\\System32\\svchost.exe",
     u"C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s BITS", false},
    {u"C:\\Windows\\System32\\sppsvc.exe", u"C:\\Windows\\system32\\sppsvc.exe", false},
    {u"C:\\Windows\\System32\\TiWorker.exe",
     u"C:\\Windows\\winsxs\\amd64_microsoft-windows-"
     u"servicingstack\\TiWorker.exe -Embedding",
     true},
};

constexpr Job kFileJobs[] = {
    {u"C:\\Program Files\\Corp Backup\\cbagent.exe",
     u"\"C:\\Program Files\\Corp Backup\\cbagent.exe\" --job nightly-shares", false},
    {u"C:\\Windows\\System32\\dfsrs.exe", u"C:\\Windows\\system32\\DFSRs.exe", false},
};

constexpr Job kAppJobs[] = {
    {u"C:\\Windows\\System32\\inetsrv\\w3wp.exe",
     u"c:\\windows\\system32\\inetsrv\\w3wp.exe -ap \"IntranetPool\" -v \"v4.0\" -l "
     u"\"webengine4.dll\" -a \\\\.\\pipe\\iisipm -h "
     u"\"C:\\inetpub\\temp\\apppools\\IntranetPool\\IntranetPool.config\" -w \"\" -m 0",
     false},
    {u"C:\\Program Files\\Git\\cmd\\git.exe", u"git.exe gc --auto", false},
};

constexpr Job kDcJobs[] = {
    {u"C:\\Windows\\System32\\dfsrs.exe", u"C:\\Windows\\system32\\DFSRs.exe", false},
    {u"C:\\Windows\\System32\\w32tm.exe", u"w32tm.exe /monitor /domain:corp.example", true},
};

constexpr QStringView kServices[] = {
    u"Windows Update",
    u"Background Intelligent Transfer Service",
    u"Windows Modules Installer",
    u"WinHTTP Web Proxy Auto-Discovery Service",
    u"Software Protection",
    u"Microsoft Defender Antivirus Network Inspection Service",
};

void runJob(WindowsEvents& win, const WinHost& h, const HostProcesses& procs, const Job& job,
            qint64 t)
{
    const Process p = win.spawn(job.image.toString(), job.commandLine.toString(), kSystemUser,
                                u"0x3e7"_s, u"System"_s);
    win.securityProcess(t, h, p, job.dcom ? procs.svchostDcom : procs.services);
}

/** Someone of the company: a workstation's user from that workstation. */
const WinHost& randomWorkstation(DemoRandom& rng)
{
    for (;;) {
        const auto hosts = windowsHosts();
        const WinHost& h = hosts[rng.below(hosts.size())];
        if (!h.server) {
            return h;
        }
    }
}

void serverLogons(WindowsEvents& win, DemoRandom& rng, const WinHost& h, int count, qint64 from,
                  qint64 to)
{
    for (int i = 0; i < count; ++i) {
        const WinHost& ws = randomWorkstation(rng);
        win.logon(randomTime(rng, from, to, true), h,
                  Logon{ws.user, domainName(), 3, ws.ip, ws.netbios, u"Kerberos"_s});
    }
}

void onboarding(WindowsEvents& win, DemoRandom& rng, const WinHost& dc, qint64 t)
{
    // The helpdesk creates a new hire's account and grants remote desktop access.
    Process admin =
        win.spawn(u"C:\\Windows\\System32\\mmc.exe"_s,
                  u"\"C:\\Windows\\system32\\mmc.exe\" \"C:\\Windows\\system32\\dsa.msc\""_s,
                  domainUser(u"adm-trent"_s), u"0x"_s + rng.hex(6).toLower(), u"High"_s);
    const QString sid = userSid(u"kate"_s);
    win.userCreated(t, dc, admin, u"kate"_s, domainName(), sid);
    win.groupMemberAdded(t + rng.range(40, 200) * kSecond, dc, admin, sid,
                         u"Remote Desktop Users"_s, u"S-1-5-32-555"_s);
}

} // namespace

void addServerNoise(DemoLog& log, const DemoRandom& root)
{
    const qint64 to = log.endNs() - kMinute;
    const qint64 from = log.endNs() - 24 * kHour;
    for (const WinHost& h : windowsHosts()) {
        if (!h.server) {
            continue;
        }
        DemoRandom rng = root.fork(u"server:"_s + h.netbios);
        WindowsEvents win(log, rng);
        const HostProcesses procs = hostProcesses(h, root);
        const bool dc = h.netbios == u"SRV-DC-01";
        const bool file = h.netbios == u"SRV-FILE-01";

        serverLogons(win, rng, h, dc ? 110 : (file ? 150 : 45), from, to);
        if (!dc && !file) {
            // The intranet's service account talks to the application server all day.
            for (int i = 0; i < 40; ++i) {
                win.logon(
                    randomTime(rng, from, to, false), h,
                    Logon{u"svc-intranet"_s, domainName(), 3, u"10.30.1.15"_s, u"-"_s, u"NTLM"_s});
            }
        }
        for (int i = 0; i < (dc ? 3 : 1); ++i) {
            const WinHost& ws = randomWorkstation(rng);
            win.logonFailed(randomTime(rng, from, to, true), h,
                            Logon{ws.user, domainName(), 3, ws.ip, ws.netbios, u"NTLM"_s});
        }
        for (int i = 0; i < 18; ++i) {
            const Job& job = rng.pick(kCommonJobs);
            runJob(win, h, procs, job, randomTime(rng, from, to, false));
        }
        for (int i = 0; i < 8; ++i) {
            const Job& job =
                dc ? rng.pick(kDcJobs) : (file ? rng.pick(kFileJobs) : rng.pick(kAppJobs));
            runJob(win, h, procs, job, randomTime(rng, from, to, false));
        }
        for (int i = 0; i < 5; ++i) {
            const qint64 t = randomTime(rng, from, to - 10 * kMinute, false);
            const QString service = rng.pick(kServices).toString();
            win.serviceState(t, h, service, true);
            win.serviceState(t + rng.range(30, 500) * kSecond, h, service, false);
        }
        if (dc) {
            onboarding(win, rng, h, randomTime(rng, from, log.endNs() - 7 * kHour, true));
        }
        if (!dc && !file) {
            win.serviceInstalled(randomTime(rng, from, to, false), h,
                                 u"Microsoft Edge Update Service (edgeupdate)"_s,
                                 u"\"C:\\Program Files (x86)\\Microsoft\\EdgeUpdate\\"_s
                                     + u"MicrosoftEdgeUpdate.exe\" /svc"_s,
                                 u"auto start"_s);
        }
    }

    // IT support: the admin connects to a few workstations, among them WS-FIN-07, where the
    // attacker later finds the admin's credentials in lsass.
    DemoRandom rng = root.fork(u"it-support"_s);
    WindowsEvents win(log, rng);
    const WinHost& it = windowsHost(u"WS-IT-01");
    const qint64 supportEnd = log.endNs() - 7 * kHour;
    win.logon(randomTime(rng, from, supportEnd, true), windowsHost(u"WS-FIN-07"),
              Logon{u"adm-trent"_s, domainName(), 3, it.ip, it.netbios, u"Kerberos"_s});
    for (int i = 0; i < 3; ++i) {
        const qint64 t = randomTime(rng, from, to, true);
        win.logon(t, randomWorkstation(rng),
                  Logon{u"adm-trent"_s, domainName(), 3, it.ip, it.netbios, u"Kerberos"_s});
    }
}

} // namespace vigil::demo
