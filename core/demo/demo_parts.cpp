#include "demo/demo_parts.h"

#include "demo/demo_log.h"
#include "demo/demo_random.h"
#include "demo/demo_world.h"

using namespace Qt::StringLiterals;

namespace vigil::demo {

namespace {

const QString kSystemUser = u"NT AUTHORITY\\SYSTEM"_s;

QString macAddress(DemoRandom& rng)
{
    QString mac;
    for (int i = 0; i < 6; ++i) {
        if (i > 0) {
            mac += u':';
        }
        mac += rng.hex(2).toLower();
    }
    return mac;
}

} // namespace

HostProcesses hostProcesses(const WinHost& h, const DemoRandom& root)
{
    DemoRandom rng = root.fork(u"processes:"_s + h.netbios);
    const QString sys32 = u"C:\\Windows\\System32\\"_s;
    const auto system = [&](const QString& image, const QString& cmd) {
        return makeProcess(rng, image, cmd, kSystemUser, u"0x3e7"_s, u"System"_s);
    };
    HostProcesses p;
    p.services = system(sys32 + u"services.exe"_s, u"C:\\Windows\\system32\\services.exe"_s);
    p.services.pid = 4 * rng.range(150, 200);
    p.lsass = system(sys32 + u"lsass.exe"_s, u"C:\\Windows\\system32\\lsass.exe"_s);
    p.lsass.pid = p.services.pid + 4 * rng.range(2, 12);
    p.svchostNetsvcs =
        system(sys32 + u"svchost.exe"_s, u"C:\\Windows\\system32\\svchost.exe -k netsvcs -p"_s);
    p.svchostDcom =
        system(sys32 + u"svchost.exe"_s, u"C:\\Windows\\system32\\svchost.exe -k DcomLaunch -p"_s);
    const QString defender =
        u"C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.25010.11-0\\MsMpEng.exe"_s;
    p.defender = system(defender, u'"' + defender + u'"');
    p.userLogonId = u"0x"_s + QString::number(rng.range(0x200000, 0xfffff0), 16);
    if (!h.server) {
        const QString user = domainUser(h.user);
        const QString home = u"C:\\Users\\"_s + h.user + u'\\';
        p.explorer =
            makeProcess(rng, u"C:\\Windows\\explorer.exe"_s, u"C:\\Windows\\Explorer.EXE"_s, user,
                        p.userLogonId, u"Medium"_s, home);
        const QString outlook =
            u"C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE"_s;
        p.outlook = makeProcess(rng, outlook, u'"' + outlook + u'"', user, p.userLogonId,
                                u"Medium"_s, home);
    }
    return p;
}

QString domainUser(const QString& name)
{
    return domainName() + u'\\' + name;
}

qint64 randomTime(DemoRandom& rng, qint64 from, qint64 to, bool officeHours)
{
    if (to <= from) {
        return from;
    }
    // Per-mille chance of keeping a draw, by UTC hour.
    static constexpr int kOffice[24] = {30,   30,   30,   30,   30,   40,   80,   300,
                                        1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000,
                                        1000, 900,  450,  200,  120,  80,   50,   40};
    qint64 t = rng.range(from, to - 1);
    for (int attempt = 0; officeHours && attempt < 64; ++attempt) {
        qint64 hour = (t / kHour) % 24;
        if (hour < 0) {
            hour += 24;
        }
        if (rng.chance(kOffice[hour])) {
            break;
        }
        t = rng.range(from, to - 1);
    }
    return t;
}

QString externalAddress(DemoRandom& rng)
{
    static const QString kPrefixes[] = {u"192.0.2."_s, u"198.51.100."_s, u"203.0.113."_s};
    for (;;) {
        const QString& prefix = rng.pick(kPrefixes);
        const QString ip = prefix + QString::number(rng.range(1, 254));
        if (ip != story::c2Address() && ip != story::sshAttacker() && ip != story::stagingAddress()
            && ip != publicAddress()) {
            return ip;
        }
    }
}

QString ufwBlock(DemoRandom& rng, bool outbound, const QString& src, const QString& dst,
                 const QString& proto, int srcPort, int dstPort)
{
    QString m = u"[UFW BLOCK] "_s;
    m += outbound ? u"IN=eth1 OUT=eth0 MAC=00:16:3e:5c:10:02:"_s
                  : u"IN=eth0 OUT= MAC=00:16:3e:5c:10:01:"_s;
    m += macAddress(rng) + u":08:00 SRC="_s + src + u" DST="_s + dst;
    const bool tcp = proto == u"TCP";
    m += u" LEN="_s + QString::number(tcp ? (outbound ? 52 : 44) : rng.range(40, 120));
    m += u" TOS=0x00 PREC=0x00 TTL="_s + QString::number(outbound ? 127 : rng.range(40, 245));
    m += u" ID="_s + QString::number(rng.range(1, 65535));
    m += outbound ? u" DF"_s : QString();
    m += u" PROTO="_s + proto + u" SPT="_s + QString::number(srcPort) + u" DPT="_s
         + QString::number(dstPort);
    if (tcp) {
        m += outbound ? u" WINDOW=64240"_s : u" WINDOW=1024"_s;
        m += u" RES=0x00 SYN URGP=0"_s;
    } else {
        m += u" LEN="_s + QString::number(rng.range(20, 100));
    }
    return m;
}

} // namespace vigil::demo
