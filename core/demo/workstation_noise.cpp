// Benign activity of the Windows workstations: Sysmon process, network, DNS, file, registry
// and process-access events, and Security logons.

#include "demo/demo_log.h"
#include "demo/demo_parts.h"
#include "demo/demo_random.h"
#include "demo/demo_world.h"

using namespace Qt::StringLiterals;

namespace vigil::demo {

namespace {

const QString kChrome = u"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe"_s;
const QString kEdge = u"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe"_s;
const QString kOffice = u"C:\\Program Files\\Microsoft Office\\root\\Office16\\"_s;
const QString kSystem32 = u"C:\\Windows\\System32\\"_s;
const QString kSystemUser = u"NT AUTHORITY\\SYSTEM"_s;

struct Site {
    QStringView name;
    bool internal;
};

constexpr Site kSites[] = {
    {u"intranet.corp.example", true}, {u"sharepoint.corp.example", true},
    {u"news.example.org", false},     {u"docs.example.com", false},
    {u"cdn.example.net", false},      {u"search.example.com", false},
    {u"weather.example.org", false},  {u"crm.example.com", false},
    {u"login.example.net", false},    {u"fonts.example.net", false},
    {u"video.example.com", false},    {u"travel.example.org", false},
    {u"bank.example", false},         {u"status.example.net", false},
};

constexpr QStringView kDocuments[] = {
    u"Q3 budget review.xlsx", u"Team offsite agenda.docx", u"Supplier contracts 2026.xlsx",
    u"Board update.pptx",     u"Expense report.xlsx",      u"Onboarding checklist.docx",
    u"Campaign plan.pptx",    u"Meeting notes.docx",       u"Forecast FY27.xlsx",
    u"Customer list.xlsx",    u"Policy draft v3.docx",     u"Roadmap.pptx",
};

constexpr QStringView kAttachments[] = {
    u"Agenda.docx",    u"Invoice_20931.pdf", u"Minutes.pdf",          u"Price list.xlsx",
    u"Signed NDA.pdf", u"Schedule.xlsx",     u"Travel itinerary.pdf", u"Slides.pptx",
};

struct Ctx {
    DemoRandom& rng;
    WindowsEvents& win;
    const WinHost& h;
    const HostProcesses& procs;
    QString user; // sAMAccountName
    QString home; // C:\Users\<user>
};

QString siteAddress(QStringView name, bool internal)
{
    const quint64 hash = stableHash(name);
    if (internal) {
        return u"10.10.0.32"_s;
    }
    const QString prefix = hash % 2 == 0 ? u"192.0.2."_s : u"198.51.100."_s;
    return prefix + QString::number(30 + hash % 200);
}

QString officeImage(QStringView document)
{
    if (document.endsWith(u".xlsx")) {
        return kOffice + u"EXCEL.EXE"_s;
    }
    if (document.endsWith(u".pptx")) {
        return kOffice + u"POWERPNT.EXE"_s;
    }
    return kOffice + u"WINWORD.EXE"_s;
}

void visitSite(Ctx& c, const Process& browser, qint64 t)
{
    const Site& site = c.rng.pick(kSites);
    const QString name = site.name.toString();
    const QString ip = siteAddress(site.name, site.internal);
    c.win.dnsQuery(t, c.h, browser, name, u"::ffff:"_s + ip + u';');
    c.win.networkConnect(t + c.rng.range(20, 400) * 1'000'000, c.h, browser, u"tcp"_s, ip, name,
                         443);
}

void browse(Ctx& c, qint64 t)
{
    const QString& image = c.rng.chance(650) ? kChrome : kEdge;
    Process browser =
        c.win.spawn(image, u'"' + image + u'"', domainUser(c.user), c.procs.userLogonId);
    c.win.processCreate(t, c.h, browser, c.procs.explorer);
    const int renderers = int(c.rng.range(1, 3));
    for (int i = 0; i < renderers; ++i) {
        const QString clientId = QString::number(c.rng.range(5, 60));
        const QString ticks = QString::number(c.rng.range(100'000'000, 999'999'999));
        const Process child =
            c.win.spawn(image,
                        u'"' + image + u"\" --type=renderer --lang=en-US --renderer-client-id="_s
                            + clientId + u" --launch-time-ticks="_s + ticks,
                        browser.user, browser.logonId, u"Low"_s);
        c.win.processCreate(t + (i + 1) * c.rng.range(200, 900) * 1'000'000, c.h, child, browser);
    }
    const int visits = int(c.rng.range(1, 3));
    for (int i = 0; i < visits; ++i) {
        visitSite(c, browser, t + c.rng.range(2, 600) * kSecond);
    }
    if (c.rng.chance(250)) {
        const qint64 at = t + c.rng.range(30, 900) * kSecond;
        c.win.fileCreate(at, c.h, browser,
                         c.home + u"\\Downloads\\"_s + c.rng.pick(kAttachments).toString());
    }
}

void openDocument(Ctx& c, qint64 t)
{
    const QString doc = c.rng.pick(kDocuments).toString();
    const QString path = c.home + u"\\Documents\\"_s + doc;
    const QString image = officeImage(doc);
    const Process office = c.win.spawn(image, u'"' + image + u"\" /n \""_s + path + u'"',
                                       domainUser(c.user), c.procs.userLogonId);
    c.win.processCreate(t, c.h, office, c.procs.explorer);
    c.win.fileCreate(t + c.rng.range(1, 5) * kSecond, c.h, office,
                     c.home + u"\\Documents\\~$"_s + doc.mid(2));
    if (c.rng.chance(150)) {
        const Process spool =
            c.win.spawn(kSystem32 + u"splwow64.exe"_s, kSystem32 + u"splwow64.exe 12288"_s,
                        office.user, office.logonId);
        c.win.processCreate(t + c.rng.range(60, 1200) * kSecond, c.h, spool, office);
    }
}

void mail(Ctx& c, qint64 t)
{
    const Process& outlook = c.procs.outlook;
    c.win.dnsQuery(t, c.h, outlook, u"outlook.office.example"_s, u"::ffff:192.0.2.80;"_s);
    c.win.networkConnect(t + 50'000'000, c.h, outlook, u"tcp"_s, u"192.0.2.80"_s,
                         u"outlook.office.example"_s, 443);
    if (c.rng.chance(300)) {
        const qint64 at = t + c.rng.range(5, 120) * kSecond;
        const QString folder = c.rng.hex(8);
        c.win.fileCreate(at, c.h, outlook,
                         c.home + u"\\AppData\\Local\\Microsoft\\Windows\\INetCache\\"_s
                             + u"Content.Outlook\\"_s + folder + u'\\'
                             + c.rng.pick(kAttachments).toString());
    }
    if (c.rng.chance(200)) {
        // A link clicked in a mail opens the browser under Outlook.
        const qint64 at = t + c.rng.range(5, 300) * kSecond;
        const Site& site = c.rng.pick(kSites);
        const Process edge =
            c.win.spawn(kEdge,
                        u'"' + kEdge + u"\" --single-argument https://"_s + site.name.toString()
                            + u"/news/"_s + QString::number(c.rng.range(1000, 9999)),
                        outlook.user, outlook.logonId);
        c.win.processCreate(at, c.h, edge, outlook);
        visitSite(c, edge, at + kSecond);
    }
}

void systemTask(Ctx& c, qint64 t)
{
    struct Task {
        QStringView image;
        QStringView args;
        int parent; // 0 services, 1 netsvcs, 2 dcom, 3 defender
    };
    static constexpr Task kTasks[] = {
        {u"C:\\Windows\\System32\\taskhostw.exe", u"taskhostw.exe", 1},
        {u"C:\\Windows\\System32\\wbem\\WmiPrvSE.exe", u"-Embedding", 2},
        {u"C:\\Windows\\System32\\MoUsoCoreWorker.exe", u"-Embedding", 2},
        {u"C:\\Windows\\System32\\svchost.exe", u"-k netsvcs -p -s BITS", 0},
        {u"C:\\Windows\\System32\\svchost.exe", u"-k LocalService -p -s fdPHost", 0},
        {u"C:\\Windows\\System32\\SearchProtocolHost.exe",
         u"Global\\UsGthrFltPipeMssGthrPipe1_ Global\\UsGthrCtrlFltPipeMssGthrPipe1 1", 1},
        {u"C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.25010.11-0\\MpCmdRun.exe",
         u"SignatureUpdate -ScheduleJob -RestrictPrivileges", 3},
        {u"C:\\Windows\\System32\\CompatTelRunner.exe",
         u"-m:appraiser.dll -f:DoScheduledTelemetryRun", 1},
        {u"C:\\Windows\\System32\\gpupdate.exe", u"/target:computer", 1},
    };
    const Task& task = c.rng.pick(kTasks);
    const Process* parents[] = {&c.procs.services, &c.procs.svchostNetsvcs, &c.procs.svchostDcom,
                                &c.procs.defender};
    const QString image = task.image.toString();
    const Process p = c.win.spawn(image, image + u' ' + task.args.toString(), kSystemUser,
                                  u"0x3e7"_s, u"System"_s);
    c.win.processCreate(t, c.h, p, *parents[task.parent]);
    if (c.rng.chance(500)) {
        const QString dc = windowsHost(u"SRV-DC-01").ip;
        c.win.dnsQuery(t + kSecond, c.h, c.procs.svchostNetsvcs, u"SRV-DC-01.corp.example"_s,
                       u"::ffff:"_s + dc + u';');
        static constexpr int kPorts[] = {88, 389, 135, 445};
        c.win.networkConnect(t + 2 * kSecond, c.h, c.procs.svchostNetsvcs, u"tcp"_s, dc,
                             u"SRV-DC-01.corp.example"_s, c.rng.pick(kPorts));
    }
}

void developerTask(Ctx& c, qint64 t)
{
    const QString code = c.home + u"\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe"_s;
    static constexpr QStringView kGit[] = {u"git status -z", u"git fetch --all --prune",
                                           u"git log --oneline -20", u"git pull --rebase"};
    const QString du = domainUser(c.user);
    const Process editor = c.win.spawn(code, u'"' + code + u'"', du, c.procs.userLogonId);
    const QString repo = c.home + u"\\src\\billing-service\\"_s;
    const QString git = c.rng.pick(kGit).toString();
    const Process shell = c.win.spawn(kSystem32 + u"cmd.exe"_s,
                                      u"C:\\Windows\\system32\\cmd.exe /d /s /c \""_s + git + u'"',
                                      du, c.procs.userLogonId, u"Medium"_s, repo);
    c.win.processCreate(t, c.h, shell, editor);
    const Process gitExe = c.win.spawn(u"C:\\Program Files\\Git\\cmd\\git.exe"_s, git, du,
                                       c.procs.userLogonId, u"Medium"_s, repo);
    c.win.processCreate(t + 30'000'000, c.h, gitExe, shell);
    if (git.contains(u"fetch") || git.contains(u"pull")) {
        c.win.dnsQuery(t + 60'000'000, c.h, gitExe, u"git.corp.example"_s, u"::ffff:10.10.0.32;"_s);
        c.win.networkConnect(t + 90'000'000, c.h, gitExe, u"tcp"_s, u"10.10.0.32"_s,
                             u"git.corp.example"_s, 443);
    }
}

void adminTask(Ctx& c, qint64 t)
{
    const QString du = domainUser(c.user);
    static constexpr QStringView kServers[] = {u"SRV-APP-02", u"SRV-FILE-01", u"SRV-DC-01"};
    const QString server = c.rng.pick(kServers).toString();
    static constexpr int kKinds = 3;
    switch (c.rng.below(kKinds)) {
    case 0: {
        const Process rdp = c.win.spawn(kSystem32 + u"mstsc.exe"_s,
                                        u"\"C:\\Windows\\system32\\mstsc.exe\" /v:"_s + server, du,
                                        c.procs.userLogonId);
        c.win.processCreate(t, c.h, rdp, c.procs.explorer);
        c.win.networkConnect(t + kSecond, c.h, rdp, u"tcp"_s, windowsHost(server).ip,
                             server + u".corp.example"_s, 3389);
        break;
    }
    case 1: {
        const Process mmc =
            c.win.spawn(kSystem32 + u"mmc.exe"_s,
                        u"\"C:\\Windows\\system32\\mmc.exe\" \"C:\\Windows\\system32\\dsa.msc\""_s,
                        du, c.procs.userLogonId, u"High"_s);
        c.win.processCreate(t, c.h, mmc, c.procs.explorer);
        break;
    }
    default: {
        const Process ping = c.win.spawn(kSystem32 + u"PING.EXE"_s, u"ping -n 2 "_s + server, du,
                                         c.procs.userLogonId);
        c.win.processCreate(t, c.h, ping, c.procs.explorer);
        break;
    }
    }
}

QString qwordTime(DemoRandom& rng)
{
    const QString high = rng.hex(4).toLower();
    const QString low = rng.hex(8).toLower();
    return u"QWORD (0x01db"_s + high + u"-0x"_s + low + u')';
}

void registryNoise(Ctx& c, qint64 t)
{
    const QString sid = userSid(c.user);
    if (c.rng.chance(600)) {
        c.win.registrySet(t, c.h, c.procs.explorer,
                          u"HKU\\"_s + sid + u"\\Software\\Microsoft\\Windows\\CurrentVersion\\"_s
                              + u"Explorer\\UserAssist\\{CEBFF5CD-ACE2-4F4F-9178-9926F41749EA}\\"_s
                              + u"Count\\"_s + c.rng.hex(10),
                          u"Binary Data"_s);
    } else {
        c.win.registrySet(t, c.h, c.procs.defender,
                          u"HKLM\\SOFTWARE\\Microsoft\\Windows Defender\\Signature Updates\\"_s
                              + u"SignaturesLastUpdated"_s,
                          qwordTime(c.rng));
    }
}

void morning(Ctx& c, qint64 t)
{
    Logon unlock{c.user, domainName(), 7, u"127.0.0.1"_s, c.h.netbios};
    if (c.rng.chance(250)) {
        c.win.logonFailed(t - c.rng.range(5, 20) * kSecond, c.h, unlock);
    }
    c.win.logon(t, c.h, unlock);
    const QString oneDrive = c.home + u"\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe"_s;
    const Process sync = c.win.spawn(oneDrive, u'"' + oneDrive + u"\" /background"_s,
                                     domainUser(c.user), c.procs.userLogonId);
    c.win.processCreate(t + 4 * kSecond, c.h, sync, c.procs.explorer);
    c.win.registrySet(t + 6 * kSecond, c.h, sync,
                      u"HKU\\"_s + userSid(c.user)
                          + u"\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\OneDrive"_s,
                      u'"' + oneDrive + u"\" /background"_s);
    c.win.processCreate(t + c.rng.range(20, 90) * kSecond, c.h, c.procs.outlook, c.procs.explorer);
}

} // namespace

void addWorkstationNoise(DemoLog& log, const DemoRandom& root)
{
    const qint64 to = log.endNs() - kMinute;
    const qint64 from = log.endNs() - 24 * kHour;
    for (const WinHost& h : windowsHosts()) {
        if (h.server) {
            continue;
        }
        DemoRandom rng = root.fork(u"workstation:"_s + h.netbios);
        WindowsEvents win(log, rng);
        const HostProcesses procs = hostProcesses(h, root);
        Ctx c{rng, win, h, procs, h.user, u"C:\\Users\\"_s + h.user};

        // The morning unlock happens before the story window so the story finds Outlook running.
        qint64 day = (log.endNs() - 6 * kHour - 30 * kMinute) / (24 * kHour) * (24 * kHour);
        qint64 start = day + 8 * kHour + rng.range(0, 50) * kMinute;
        if (start > log.endNs() - 6 * kHour - 30 * kMinute) {
            start -= 24 * kHour;
        }
        start = std::max(start, from + rng.range(1, 20) * kMinute);
        morning(c, start);

        const bool engineer = h.netbios.startsWith(u"WS-ENG");
        const bool admin = h.netbios.startsWith(u"WS-IT");
        for (int i = 0; i < 10; ++i) {
            browse(c, randomTime(rng, from, to, true));
        }
        for (int i = 0; i < 7; ++i) {
            openDocument(c, randomTime(rng, from, to, true));
        }
        for (int i = 0; i < 10; ++i) {
            mail(c, randomTime(rng, std::max(start, from), to, true));
        }
        for (int i = 0; i < 22; ++i) {
            systemTask(c, randomTime(rng, from, to, false));
        }
        for (int i = 0; i < 6; ++i) {
            registryNoise(c, randomTime(rng, from, to, true));
        }
        for (int i = 0; i < 8 && (engineer || admin); ++i) {
            if (engineer) {
                developerTask(c, randomTime(rng, from, to, true));
            } else {
                adminTask(c, randomTime(rng, from, to, true));
            }
        }
        // Defender and service hosts open lsass routinely, without read access to its memory.
        static constexpr QStringView kAccess[] = {u"0x1000", u"0x101000", u"0x1400"};
        for (int i = 0; i < 3; ++i) {
            const Process& source = i == 0 ? procs.defender : procs.svchostNetsvcs;
            const qint64 t = randomTime(rng, from, to, false);
            win.processAccess(t, h, source, procs.lsass, rng.pick(kAccess).toString());
        }
        for (int i = 0; i < 3; ++i) {
            win.logon(randomTime(rng, start, to, true), h,
                      Logon{h.user, domainName(), 7, u"127.0.0.1"_s, h.netbios});
        }
    }
}

} // namespace vigil::demo
