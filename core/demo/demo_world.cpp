#include "demo/demo_world.h"

#include "demo/demo_random.h"

using namespace Qt::StringLiterals;

namespace vigil::demo {

namespace {

const std::vector<WinHost>& winHosts()
{
    static const std::vector<WinHost> kHosts = {
        {u"WS-FIN-07.corp.example"_s, u"WS-FIN-07"_s, u"10.20.4.57"_s, u"alice"_s, false},
        {u"WS-FIN-03.corp.example"_s, u"WS-FIN-03"_s, u"10.20.4.23"_s, u"bob"_s, false},
        {u"WS-FIN-11.corp.example"_s, u"WS-FIN-11"_s, u"10.20.4.61"_s, u"carol"_s, false},
        {u"WS-HR-02.corp.example"_s, u"WS-HR-02"_s, u"10.20.5.12"_s, u"dave"_s, false},
        {u"WS-ENG-11.corp.example"_s, u"WS-ENG-11"_s, u"10.20.6.41"_s, u"erin"_s, false},
        {u"WS-ENG-14.corp.example"_s, u"WS-ENG-14"_s, u"10.20.6.44"_s, u"frank"_s, false},
        {u"WS-MKT-05.corp.example"_s, u"WS-MKT-05"_s, u"10.20.7.15"_s, u"grace"_s, false},
        {u"WS-SALES-09.corp.example"_s, u"WS-SALES-09"_s, u"10.20.7.39"_s, u"heidi"_s, false},
        {u"WS-IT-01.corp.example"_s, u"WS-IT-01"_s, u"10.20.2.11"_s, u"trent"_s, false},
        {u"SRV-DC-01.corp.example"_s, u"SRV-DC-01"_s, u"10.10.0.10"_s, QString(), true},
        {u"SRV-FILE-01.corp.example"_s, u"SRV-FILE-01"_s, u"10.10.0.21"_s, QString(), true},
        {u"SRV-APP-02.corp.example"_s, u"SRV-APP-02"_s, u"10.10.0.32"_s, QString(), true},
    };
    return kHosts;
}

const std::vector<LinuxHost>& lnxHosts()
{
    static const std::vector<LinuxHost> kHosts = {
        {u"web-01"_s, u"10.30.1.15"_s},
        {u"bastion-01"_s, u"10.30.1.5"_s},
        {u"build-02"_s, u"10.30.2.22"_s},
        {u"fw-edge-01"_s, u"10.0.0.1"_s},
    };
    return kHosts;
}

} // namespace

std::span<const WinHost> windowsHosts()
{
    return winHosts();
}

std::span<const LinuxHost> linuxHosts()
{
    return lnxHosts();
}

const WinHost& windowsHost(QStringView netbios)
{
    for (const WinHost& h : winHosts()) {
        if (h.netbios == netbios) {
            return h;
        }
    }
    Q_ASSERT_X(false, "windowsHost", "unknown demo host");
    return winHosts().front();
}

const LinuxHost& linuxHost(QStringView name)
{
    for (const LinuxHost& h : lnxHosts()) {
        if (h.name == name) {
            return h;
        }
    }
    Q_ASSERT_X(false, "linuxHost", "unknown demo host");
    return lnxHosts().front();
}

std::span<const QString> extraUsers()
{
    static const QString kUsers[] = {u"ivan"_s,   u"judy"_s,  u"mike"_s,    u"nina"_s,
                                     u"olivia"_s, u"peggy"_s, u"quentin"_s, u"rupert"_s};
    return kUsers;
}

QString domainName()
{
    return u"CORP"_s;
}

QString userSid(const QString& user)
{
    // The domain part is the example SID from Microsoft's documentation.
    const quint64 rid = 1100 + stableHash(user) % 8000;
    return u"S-1-5-21-3623811015-3361044348-30300820-"_s + QString::number(rid);
}

QString publicAddress()
{
    return u"192.0.2.10"_s;
}

namespace story {
QString c2Address()
{
    return u"203.0.113.45"_s;
}
QString sshAttacker()
{
    return u"203.0.113.77"_s;
}
QString stagingHost()
{
    return u"files.update-check.test"_s;
}
QString stagingAddress()
{
    return u"198.51.100.23"_s;
}
} // namespace story

} // namespace vigil::demo
