// Benign syslog of the Linux servers (sshd, sudo, cron, systemd) and the edge firewall's
// blocks of internet scans and of a few disallowed outbound connections.

#include "demo/demo_log.h"
#include "demo/demo_parts.h"
#include "demo/demo_random.h"
#include "demo/demo_world.h"

using namespace Qt::StringLiterals;

namespace vigil::demo {

namespace {

constexpr int kInfo = 6;
constexpr int kNotice = 5;
constexpr int kWarning = 4;

/** Writes the lines of one Linux host. */
struct Host {
    DemoLog& log;
    DemoRandom& rng;
    QString name;
    QString logindPid;

    void line(qint64 t, const QString& app, const QString& pid, const QString& msg,
              int severity = kInfo)
    {
        log.addSyslog(t, name, app, pid, msg, severity);
    }
    QString pid() { return QString::number(rng.range(1200, 65000)); }
};

struct Uid {
    QStringView user;
    int uid;
};

void sshSession(Host& h, qint64 t, const Uid& who, const QString& from, bool admin)
{
    const QString pid = h.pid();
    const QString port = QString::number(h.rng.range(40000, 65000));
    const QString user = who.user.toString();
    const QString uid = QString::number(who.uid);
    const QString session = QString::number(h.rng.range(100, 9999));
    h.line(t, u"sshd"_s, pid,
           u"Accepted publickey for "_s + user + u" from "_s + from + u" port "_s + port
               + u" ssh2: ED25519 SHA256:"_s + h.rng.base64(32));
    h.line(t, u"sshd"_s, pid,
           u"pam_unix(sshd:session): session opened for user "_s + user + u"(uid="_s + uid
               + u") by (uid=0)"_s);
    h.line(t, u"systemd-logind"_s, h.logindPid,
           u"New session "_s + session + u" of user "_s + user + u'.');
    if (admin) {
        static constexpr QStringView kCommands[] = {
            u"/usr/bin/journalctl -u ssh --since today",
            u"/usr/bin/apt-get update",
            u"/usr/bin/systemctl status fail2ban",
            u"/usr/bin/tail -n 100 /var/log/syslog",
            u"/usr/sbin/ufw status verbose",
            u"/usr/bin/systemctl restart app.service",
        };
        const int count = int(h.rng.range(0, 2));
        for (int i = 0; i < count; ++i) {
            const qint64 at = t + h.rng.range(20, 400) * kSecond;
            const QString spid = h.pid();
            const QString tty = QString::number(h.rng.range(0, 3));
            const QString command = h.rng.pick(kCommands).toString();
            h.line(at, u"sudo"_s, spid,
                   user + u" : TTY=pts/"_s + tty + u" ; PWD=/home/"_s + user
                       + u" ; USER=root ; COMMAND="_s + command,
                   kNotice);
            h.line(at, u"sudo"_s, spid,
                   u"pam_unix(sudo:session): session opened for user root(uid=0) by "_s + user
                       + u"(uid="_s + uid + u')');
            h.line(at + h.rng.range(1, 30) * kSecond, u"sudo"_s, spid,
                   u"pam_unix(sudo:session): session closed for user root"_s);
        }
    }
    const qint64 end = t + h.rng.range(3, 40) * kMinute;
    h.line(end, u"sshd"_s, pid,
           u"Received disconnect from "_s + from + u" port "_s + port
               + u":11: disconnected by user"_s);
    h.line(end, u"sshd"_s, pid,
           u"Disconnected from user "_s + user + u' ' + from + u" port "_s + port);
    h.line(end, u"sshd"_s, pid, u"pam_unix(sshd:session): session closed for user "_s + user);
    h.line(end, u"systemd-logind"_s, h.logindPid, u"Removed session "_s + session + u'.');
}

void scannerProbe(Host& h, qint64 t)
{
    const QString ip = externalAddress(h.rng);
    const QString port = QString::number(h.rng.range(30000, 65000));
    static constexpr QStringView kLines[] = {
        u"Connection closed by %1 port %2 [preauth]",
        u"banner exchange: Connection from %1 port %2: invalid format",
        u"Connection reset by %1 port %2 [preauth]",
        u"Did not receive identification string from %1 port %2",
    };
    const QString pid = h.pid();
    h.line(t, u"sshd"_s, pid, h.rng.pick(kLines).toString().arg(ip, port));
}

void cronRun(Host& h, qint64 t, const QString& user, int uid, const QString& command, bool pamLines)
{
    const QString pid = h.pid();
    if (pamLines) {
        h.line(t, u"CRON"_s, pid,
               u"pam_unix(cron:session): session opened for user "_s + user + u"(uid="_s
                   + QString::number(uid) + u") by (uid=0)"_s);
    }
    h.line(t, u"CRON"_s, pid, u'(' + user + u") CMD ("_s + command + u')');
    if (pamLines) {
        h.line(t + h.rng.range(1, 20) * kSecond, u"CRON"_s, pid,
               u"pam_unix(cron:session): session closed for user "_s + user);
    }
}

void cronSchedule(Host& h, qint64 from, qint64 to, qint64 period, const QString& user, int uid,
                  const QString& command, bool pamLines)
{
    for (qint64 t = (from / period + 1) * period; t < to; t += period) {
        cronRun(h, t + h.rng.range(0, 2) * kSecond, user, uid, command, pamLines);
    }
}

void systemdUnits(Host& h, qint64 from, qint64 to, int count)
{
    struct Unit {
        QStringView name;
        QStringView description;
    };
    static constexpr Unit kUnits[] = {
        {u"apt-daily.service", u"Daily apt download activities"},
        {u"logrotate.service", u"Rotate log files"},
        {u"man-db.service", u"Daily man-db regeneration"},
        {u"systemd-tmpfiles-clean.service", u"Cleanup of Temporary Directories"},
        {u"fstrim.service", u"Discard unused blocks on filesystems from /etc/fstab"},
        {u"sysstat-collect.service", u"system activity accounting tool"},
    };
    for (int i = 0; i < count; ++i) {
        const qint64 t = randomTime(h.rng, from, to, false);
        const Unit& u = h.rng.pick(kUnits);
        const QString name = u.name.toString();
        const QString description = u.description.toString();
        h.line(t, u"systemd"_s, u"1"_s, u"Starting "_s + name + u" - "_s + description + u"..."_s);
        const qint64 done = t + h.rng.range(1, 40) * kSecond;
        h.line(done, u"systemd"_s, u"1"_s, name + u": Deactivated successfully."_s);
        h.line(done, u"systemd"_s, u"1"_s, u"Finished "_s + name + u" - "_s + description + u'.');
    }
}

void firewall(DemoLog& log, DemoRandom& rng, qint64 from, qint64 to)
{
    const QString fw = linuxHost(u"fw-edge-01").name;
    struct Probe {
        int port;
        bool udp;
    };
    static constexpr Probe kInbound[] = {{23, false},   {445, false},  {3389, false}, {5900, false},
                                         {8080, false}, {1433, false}, {3306, false}, {6379, false},
                                         {2375, false}, {8443, false}, {5060, true},  {161, true},
                                         {1900, true},  {123, true},   {11211, true}};
    // Scanners: a source probes one to six ports within a minute.
    for (int burst = 0; burst < 170; ++burst) {
        const QString src = externalAddress(rng);
        const qint64 t = randomTime(rng, from, to - kMinute, false);
        const int ports = int(rng.range(1, 6));
        for (int i = 0; i < ports; ++i) {
            const Probe& p = rng.pick(kInbound);
            const qint64 at = t + rng.range(0, 50) * kSecond;
            const int srcPort = int(rng.range(1024, 65535));
            log.addSyslog(at, fw, u"kernel"_s, QString(),
                          ufwBlock(rng, false, src, publicAddress(), p.udp ? u"UDP"_s : u"TCP"_s,
                                   srcPort, p.port),
                          kWarning);
        }
    }
    // Workstations trying mail, DNS and time servers outside the allowed ones.
    static constexpr Probe kOutbound[] = {{25, false}, {53, true}, {853, false}, {123, true}};
    for (int i = 0; i < 24; ++i) {
        const auto hosts = windowsHosts();
        const WinHost& h = hosts[rng.below(hosts.size())];
        const Probe& p = rng.pick(kOutbound);
        const qint64 at = randomTime(rng, from, to, true);
        const QString dst = externalAddress(rng);
        const int srcPort = int(rng.range(49152, 65535));
        log.addSyslog(at, fw, u"kernel"_s, QString(),
                      ufwBlock(rng, true, h.ip, dst, p.udp ? u"UDP"_s : u"TCP"_s, srcPort, p.port),
                      kWarning);
    }
}

void webServer(Host& h, qint64 from, qint64 to)
{
    for (int i = 0; i < 7; ++i) {
        sshSession(h, randomTime(h.rng, from, to - kHour, true), {u"deploy", 1001},
                   linuxHost(u"bastion-01").ip, true);
    }
    for (int i = 0; i < 30; ++i) {
        scannerProbe(h, randomTime(h.rng, from, to, false));
    }
    cronSchedule(h, from, to, 30 * kMinute, u"www-data"_s, 33,
                 u"php /var/www/app/artisan schedule:run >> /dev/null 2>&1"_s, false);
    systemdUnits(h, from, to, 6);
}

void bastion(Host& h, qint64 from, qint64 to)
{
    static constexpr Uid kAdmins[] = {{u"oscar", 1002}, {u"peggy", 1003}, {u"trent", 1004}};
    static const QString kFrom[] = {u"10.20.2.11"_s, u"10.20.6.41"_s, u"10.20.6.44"_s};
    for (int i = 0; i < 10; ++i) {
        const qint64 t = randomTime(h.rng, from, to - kHour, true);
        const Uid& admin = h.rng.pick(kAdmins);
        const QString& source = h.rng.pick(kFrom);
        sshSession(h, t, admin, source, true);
    }
    // An admin's interactive root shell: the sudo rule's benign positive.
    const qint64 t = randomTime(h.rng, from, to - 8 * kHour, true);
    const QString pid = h.pid();
    h.line(t, u"sudo"_s, pid,
           u"trent : TTY=pts/1 ; PWD=/home/trent ; USER=root ; COMMAND=/bin/bash"_s, kNotice);
    h.line(t, u"sudo"_s, pid,
           u"pam_unix(sudo:session): session opened for user root(uid=0) by trent(uid=1004)"_s);
    systemdUnits(h, from, to, 5);
}

void buildServer(Host& h, qint64 from, qint64 to)
{
    cronSchedule(h, from, to, 20 * kMinute, u"builder"_s, 1010,
                 u"/opt/ci/bin/runner-heartbeat.sh >/dev/null 2>&1"_s, false);
    // The nightly backup pings a health check with curl: a download in cron, but not to a shell.
    const qint64 night = (to / (24 * kHour)) * 24 * kHour + 2 * kHour + 30 * kMinute;
    cronRun(h, night > to ? night - 24 * kHour : night, u"backup"_s, 34,
            u"/usr/local/bin/backup-artifacts.sh && curl -fsS -m 10 --retry 5 -o /dev/null "_s
                + u"https://hc-ping.example.com/4f6c1a52-7a3e-4d8e"_s,
            true);
    const QString prune =
        u"builder : PWD=/opt/ci ; USER=root ; COMMAND=/usr/bin/docker "_s + u"system prune -f"_s;
    for (int i = 0; i < 6; ++i) {
        const qint64 t = randomTime(h.rng, from, to, false);
        h.line(t, u"sudo"_s, h.pid(), prune, kNotice);
    }
    for (int i = 0; i < 20; ++i) {
        const qint64 t = randomTime(h.rng, from, to, true);
        h.line(t, u"systemd"_s, u"1"_s,
               u"run-docker-runtime\\x2drunc-moby-"_s + h.rng.hex(16).toLower()
                   + u"-runc.mount: Deactivated successfully."_s);
    }
    systemdUnits(h, from, to, 5);
}

} // namespace

void addLinuxNoise(DemoLog& log, const DemoRandom& root)
{
    const qint64 to = log.endNs() - kMinute;
    const qint64 from = log.endNs() - 24 * kHour;
    for (const LinuxHost& lh : linuxHosts()) {
        DemoRandom rng = root.fork(u"linux:"_s + lh.name);
        Host h{log, rng, lh.name, QString::number(rng.range(380, 900))};
        if (lh.name == u"web-01") {
            webServer(h, from, to);
        } else if (lh.name == u"bastion-01") {
            bastion(h, from, to);
        } else if (lh.name == u"build-02") {
            buildServer(h, from, to);
        } else {
            firewall(log, rng, from, to);
            continue;
        }
        cronSchedule(h, from, to, kHour, u"root"_s, 0,
                     u"   cd / && run-parts --report /etc/cron.hourly"_s, true);
    }
}

} // namespace vigil::demo
