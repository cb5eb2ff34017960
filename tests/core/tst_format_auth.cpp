#include <QTest>

#include "tst_format_support.h"

using namespace fmttest;

/** Linux auth/secure logs: user, source address and outcome from sshd, sudo, su, login, PAM. */
class TestFormatAuth : public QObject {
    Q_OBJECT
private slots:
    void extraction_data() const;
    void extraction() const;
    void journald() const;
    void corpusMatchesStructuredCsv() const;
    void corpusFailedPasswords() const;
};

void TestFormatAuth::extraction_data() const
{
    QTest::addColumn<QByteArray>("tag");
    QTest::addColumn<QByteArray>("message");
    // category action outcome user src_ip src_port (null = absent)
    QTest::addColumn<QStringList>("expected");
    const QString n;
    QTest::addRow("sshd accepted password")
        << "sshd[10]"_ba
        << "Accepted password for alice from 192.0.2.4 port 50022 ssh2"_ba
        << QStringList{u"authentication"_s, u"logon"_s,     u"success"_s,
                       u"alice"_s,          u"192.0.2.4"_s, u"50022"_s};
    QTest::addRow("sshd accepted publickey over IPv6")
        << "sshd[10]"_ba
        << "Accepted publickey for bob from 2001:db8::5 port 2222 ssh2: RSA SHA256:x"_ba
        << QStringList{u"authentication"_s, u"logon"_s, u"success"_s, u"bob"_s,
                       u"2001:db8::5"_s,    u"2222"_s};
    QTest::addRow("sshd failed password, invalid user")
        << "sshd[10]"_ba
        << "Failed password for invalid user admin from 203.0.113.9 port 4242 ssh2"_ba
        << QStringList{u"authentication"_s, u"logon"_s,       u"failure"_s,
                       u"admin"_s,          u"203.0.113.9"_s, u"4242"_s};
    QTest::addRow("sshd invalid user without port")
        << "sshd[10]"_ba
        << "Invalid user oracle from 203.0.113.9"_ba
        << QStringList{u"authentication"_s, u"logon"_s,       u"failure"_s,
                       u"oracle"_s,         u"203.0.113.9"_s, n};
    QTest::addRow("sshd preauth invalid user")
        << "sshd[10]"_ba
        << "input_userauth_request: invalid user test [preauth]"_ba
        << QStringList{u"authentication"_s, u"logon"_s, u"failure"_s, u"test"_s, n, n};
    QTest::addRow("sshd too many attempts")
        << "sshd[10]"_ba
        << "error: maximum authentication attempts exceeded for root from 198.51.100.2 port "
           "22 ssh2 [preauth]"_ba
        << QStringList{u"authentication"_s, u"logon"_s,        u"failure"_s,
                       u"root"_s,           u"198.51.100.2"_s, u"22"_s};
    QTest::addRow("sshd pam auth failure")
        << "sshd[10]"_ba
        << "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh "
           "ruser= rhost=203.0.113.9  user=root"_ba
        << QStringList{u"authentication"_s, u"logon"_s,       u"failure"_s,
                       u"root"_s,           u"203.0.113.9"_s, n};
    QTest::addRow("sshd pam rhost is a name")
        << "sshd[10]"_ba
        << "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh "
           "ruser= rhost=host.example.com"_ba
        << QStringList{u"authentication"_s, u"logon"_s, u"failure"_s, n, n, n};
    QTest::addRow("sshd session opened")
        << "sshd[10]"_ba
        << "pam_unix(sshd:session): session opened for user alice(uid=1000) by (uid=0)"_ba
        << QStringList{u"authentication"_s, u"session_opened"_s, u"success"_s, u"alice"_s, n, n};
    QTest::addRow("sshd disconnect with port")
        << "sshd[10]"_ba
        << "Received disconnect from 192.0.2.4 port 50022:11: disconnected by user"_ba
        << QStringList{u"network"_s, u"disconnected"_s, n, n, u"192.0.2.4"_s, u"50022"_s};
    QTest::addRow("sshd error prefix")
        << "sshd[10]"_ba
        << "error: Received disconnect from 192.0.2.4: 3: no methods [preauth]"_ba
        << QStringList{u"network"_s, u"disconnected"_s, n, n, u"192.0.2.4"_s, n};
    QTest::addRow("sshd connection closed by authenticating user")
        << "sshd[10]"_ba
        << "Connection closed by authenticating user root 192.0.2.4 port 4 [preauth]"_ba
        << QStringList{u"network"_s, u"connection_closed"_s, n, u"root"_s, u"192.0.2.4"_s, u"4"_s};
    QTest::addRow("sshd repeated message")
        << "sshd[10]"_ba
        << "message repeated 2 times: [ Failed password for root from 192.0.2.4 port 9 ssh2]"_ba
        << QStringList{u"authentication"_s, u"logon"_s,     u"failure"_s,
                       u"root"_s,           u"192.0.2.4"_s, u"9"_s};
    QTest::addRow("sudo command")
        << "sudo"_ba
        << "   alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/bin/ls"_ba
        << QStringList{u"process"_s, u"sudo_command"_s, u"success"_s, u"alice"_s, n, n};
    QTest::addRow("sudo wrong passwords")
        << "sudo"_ba
        << "alice : 3 incorrect password attempts ; TTY=pts/0 ; PWD=/ ; USER=root ; "
           "COMMAND=/bin/sh"_ba
        << QStringList{u"authentication"_s, u"sudo"_s, u"failure"_s, u"alice"_s, n, n};
    QTest::addRow("sudo not in sudoers")
        << "sudo"_ba
        << "mallory : user NOT in sudoers ; TTY=pts/1 ; PWD=/ ; USER=root ; COMMAND=/bin/sh"_ba
        << QStringList{u"authentication"_s, u"sudo"_s, u"failure"_s, u"mallory"_s, n, n};
    QTest::addRow("sudo pam failure")
        << "sudo"_ba
        << "pam_unix(sudo:auth): authentication failure; logname=bob uid=1000 euid=0 "
           "tty=/dev/pts/0 ruser=bob rhost=  user=bob"_ba
        << QStringList{u"authentication"_s, u"logon"_s, u"failure"_s, u"bob"_s, n, n};
    QTest::addRow("su quoted failure")
        << "su"_ba
        << "'su root' failed for lonvick on /dev/pts/8"_ba
        << QStringList{u"authentication"_s, u"su"_s, u"failure"_s, u"lonvick"_s, n, n};
    QTest::addRow("su success") << "su[5]"_ba
                                << "Successful su for root by alice"_ba
                                << QStringList{u"authentication"_s, u"su"_s, u"success"_s,
                                               u"alice"_s,          n,       n};
    QTest::addRow("su to") << "su[5]"_ba
                           << "(to root) alice on pts/0"_ba
                           << QStringList{u"authentication"_s, u"su"_s, u"success"_s,
                                          u"alice"_s,          n,       n};
    QTest::addRow("login failure")
        << "login[7]"_ba
        << "FAILED LOGIN (1) on '/dev/tty1' FOR 'root', Authentication failure"_ba
        << QStringList{u"authentication"_s, u"logon"_s, u"failure"_s, u"root"_s, n, n};
    QTest::addRow("other program with pam session")
        << "systemd-logind[9]"_ba
        << "pam_unix(cron:session): session closed for user root"_ba
        << QStringList{u"authentication"_s, u"session_closed"_s, u"success"_s, u"root"_s, n, n};
    QTest::addRow("unrelated sshd message")
        << "sshd[10]"_ba
        << "Server listening on 0.0.0.0 port 22."_ba << QStringList{n, n, n, n, n, n};
}

void TestFormatAuth::extraction() const
{
    QFETCH(QByteArray, tag);
    QFETCH(QByteArray, message);
    QFETCH(QStringList, expected);
    const Parsed p = parseLine("Mar  1 10:00:00 host-a " + tag + ": " + message, u"syslog"_s);
    QCOMPARE(p.events.size(), std::size_t(1));
    const Event& e = p.events.front();
    static const QStringView kNames[] = {u"category", u"action", u"outcome",
                                         u"user",     u"src_ip", u"src_port"};
    for (int k = 0; k < 6; ++k) {
        QCOMPARE(common(e, kNames[k]), expected[k]);
    }
    QCOMPARE(common(e, u"process"), QString::fromLatin1(tag.split('[').front()));
    QCOMPARE(e.format, u"syslog-rfc3164"_s); // auth lines stay syslog events
}

void TestFormatAuth::journald() const
{
    const Parsed p = parseText(
        "{\"__REALTIME_TIMESTAMP\":\"1709287200000000\",\"_HOSTNAME\":\"host-b\","
        "\"SYSLOG_IDENTIFIER\":\"sshd\",\"_PID\":\"77\",\"MESSAGE\":\"Failed password for root "
        "from 192.0.2.8 port 1022 ssh2\"}\n"_ba);
    QCOMPARE(p.events.size(), std::size_t(1));
    const Event& e = p.events.front();
    QCOMPARE(e.format, u"journald"_s);
    QCOMPARE(common(e, u"process"), u"sshd"_s);
    QCOMPARE(common(e, u"outcome"), u"failure"_s);
    QCOMPARE(common(e, u"user"), u"root"_s);
    QCOMPARE(common(e, u"src_ip"), u"192.0.2.8"_s);
    QCOMPARE(common(e, u"src_port"), u"1022"_s);
}

void TestFormatAuth::corpusMatchesStructuredCsv() const
{
    FMT_REQUIRE_CORPUS();
    const Parsed log = parseFile(corpusPath(u"linux-auth/OpenSSH_2k.log"_s));
    const Parsed csv = parseFile(corpusPath(u"linux-auth/OpenSSH_2k.log_structured.csv"_s));
    QCOMPARE(log.format, u"syslog"_s);
    QCOMPARE(csv.format, u"csv"_s);
    QCOMPARE(log.rejects, QStringList());
    QCOMPARE(csv.rejects, QStringList());
    QCOMPARE(log.events.size(), std::size_t(2000));
    QCOMPARE(csv.events.size(), std::size_t(2000));
    for (std::size_t i = 0; i < log.events.size(); ++i) {
        const Event& e = log.events[i];
        const Event& row = csv.events[i];
        // loghub's columns: Date (month), Day, Time, Component (the host), Pid, Content.
        const QString month = field(row, u"Date");
        const QString clock = u"%1-%2T%3"_s.arg(monthFromAbbrev(month), 2, 10, QChar(u'0'))
                                  .arg(field(row, u"Day").toInt(), 2, 10, QChar(u'0'))
                                  .arg(field(row, u"Time"));
        QCOMPARE(timeOf(e).mid(5, 14), clock);
        QCOMPARE(field(e, u"hostname"), field(row, u"Component"));
        QCOMPARE(field(e, u"app_name"), u"sshd"_s);
        QCOMPARE(field(e, u"procid"), field(row, u"Pid"));
        // loghub drops trailing spaces from Content; Vigil keeps the message exactly.
        QString message = field(e, u"message");
        while (message.endsWith(u' ')) {
            message.chop(1);
        }
        QCOMPARE(message, field(row, u"Content"));
    }
}

void TestFormatAuth::corpusFailedPasswords() const
{
    FMT_REQUIRE_CORPUS();
    const Parsed log = parseFile(corpusPath(u"linux-auth/OpenSSH_2k.log"_s));
    int failed = 0;
    for (const Event& e : log.events) {
        const QString msg = field(e, u"message");
        if (!msg.startsWith(u"Failed password for "_s)) {
            continue;
        }
        ++failed;
        // "Failed password for [invalid user ]USER from IP port PORT ssh2", read with split().
        const QStringList words = msg.split(u' ');
        const int from = int(words.indexOf(u"from"_s));
        const QString user = words.mid(3, from - 3).join(u' ').remove(u"invalid user "_s);
        QCOMPARE(common(e, u"category"), u"authentication"_s);
        QCOMPARE(common(e, u"outcome"), u"failure"_s);
        QCOMPARE(common(e, u"user"), user);
        QCOMPARE(common(e, u"src_ip"), words[from + 1]);
        QCOMPARE(common(e, u"src_port"), words[from + 3]);
    }
    QCOMPARE(failed, 518); // grep -c ": Failed password for" OpenSSH_2k.log
}

QTEST_GUILESS_MAIN(TestFormatAuth)
#include "tst_format_auth.moc"
