#include "hunt_workload.h"

#include "hunt_workload_parts.h"
#include "util/json.h"
#include "util/timestamp.h"

using namespace Qt::StringLiterals;

namespace vigil::bench {

namespace detail {

namespace {

// 2024-05-06T07:00:00Z: a Monday morning; fixed so the stream never depends on the clock.
constexpr qint64 kStartNs = 1714978800LL * kNsPerSecond;
constexpr int kAttackPerMille = 2;

const char16_t* const kPeople[] = {
    u"a.becker", u"m.tanaka", u"j.okafor", u"l.martin", u"s.novak",   u"p.silva",   u"k.larsen",
    u"r.khan",   u"e.rossi",  u"d.nguyen", u"c.meyer",  u"t.walsh",   u"h.yilmaz",  u"f.dubois",
    u"g.kowal",  u"n.ivanov", u"o.haddad", u"b.jensen", u"v.moreau",  u"w.schmidt", u"i.garcia",
    u"y.sato",   u"z.ahmed",  u"q.li",     u"u.berg",   u"x.petrov",  u"a.costa",   u"m.fischer"};

} // namespace

void JsonLine::begin()
{
    m_out.clear();
    m_out.append('{');
}

void JsonLine::key(const char* key)
{
    if (m_out.size() > 1) {
        m_out.append(',');
    }
    m_out.append('"');
    m_out.append(key);
    m_out.append("\":");
}

void JsonLine::text(const char* key, QStringView value)
{
    this->key(key);
    appendJsonString(m_out, value);
}

void JsonLine::number(const char* key, qint64 value)
{
    this->key(key);
    m_out.append(QByteArray::number(value));
}

QByteArray JsonLine::finish()
{
    m_out.append('}');
    return m_out;
}

WorkloadGenerator::WorkloadGenerator(quint64 seed)
    : m_rng(seed)
    , m_timeNs(kStartNs)
{
    demo::DemoRandom hosts = m_rng.fork(u"hosts"_s);
    for (int i = 1; i <= 160; ++i) {
        Host h;
        h.netbios = u"WS-%1"_s.arg(i, 4, 10, QChar(u'0'));
        h.fqdn = h.netbios + u".corp.example.com"_s;
        h.ip = u"10.20.%1.%2"_s.arg(i / 200).arg(10 + i % 200);
        h.user = QString::fromUtf16(hosts.pick(kPeople));
        m_hosts.push_back(h);
    }
    for (int i = 1; i <= 24; ++i) {
        Host h;
        h.netbios = u"SRV-%1"_s.arg(i, 2, 10, QChar(u'0'));
        h.fqdn = h.netbios + u".corp.example.com"_s;
        h.ip = u"10.10.0.%1"_s.arg(10 + i);
        h.user = u"adm."_s + QString::fromUtf16(hosts.pick(kPeople));
        m_hosts.push_back(h);
    }
}

QByteArray WorkloadGenerator::next()
{
    m_timeNs += m_rng.range(1, 150) * 1'000'000 + m_rng.range(0, 9999) * 100;
    m_host = &m_hosts[m_rng.below(m_hosts.size())];
    m_line.begin();
    m_lastAttack = m_rng.below(1000) < kAttackPerMille;
    if (m_lastAttack) {
        ++m_attacks;
        writeAttack(*this);
    } else {
        writeBenign(*this);
    }
    return m_line.finish();
}

void WorkloadGenerator::header(int eventId, QStringView channel, QStringView provider, int level,
                               int task)
{
    m_line.text("Provider_Name", provider);
    m_line.number("EventID", eventId);
    m_line.number("Version", 5);
    m_line.number("Level", level);
    m_line.number("Task", task);
    m_line.number("Opcode", 0);
    m_line.text("Keywords", u"0x8000000000000000");
    m_line.text("TimeCreated_SystemTime", formatUtc(m_timeNs, 7));
    m_line.number("EventRecordID", ++m_recordId);
    m_line.text("Channel", channel);
    m_line.text("Computer", m_host->fqdn);
}

void WorkloadGenerator::sysmon(int eventId, int task)
{
    header(eventId, u"Microsoft-Windows-Sysmon/Operational", u"Microsoft-Windows-Sysmon", 4, task);
    m_line.text("RuleName", u"-");
    m_line.text("UtcTime", utcTime());
}

void WorkloadGenerator::security(int eventId, int task)
{
    header(eventId, u"Security", u"Microsoft-Windows-Security-Auditing", 0, task);
}

Proc WorkloadGenerator::process(QStringView image, QStringView commandLine, bool system)
{
    Proc p;
    p.image = expand(image);
    p.commandLine = expand(commandLine);
    p.guid = m_rng.guid();
    p.pid = 4 * m_rng.range(100, 6000);
    p.user = system ? u"NT AUTHORITY\\SYSTEM"_s : u"CORP\\"_s + m_host->user;
    p.integrity = system ? u"System"_s : u"Medium"_s;
    return p;
}

QString WorkloadGenerator::expand(QStringView pattern)
{
    QString out;
    out.reserve(pattern.size() + 32);
    qsizetype i = 0;
    while (i < pattern.size()) {
        const qsizetype open = pattern.indexOf(u'{', i);
        const qsizetype close = open < 0 ? -1 : pattern.indexOf(u'}', open);
        if (close < 0) {
            out += pattern.mid(i);
            break;
        }
        out += pattern.mid(i, open - i);
        const QStringView name = pattern.mid(open + 1, close - open - 1);
        if (name == u"user") {
            out += m_host->user;
        } else if (name == u"host") {
            out += m_host->netbios;
        } else if (name == u"n") {
            out += QString::number(m_rng.range(1000, 99999));
        } else if (name == u"guid") {
            out += m_rng.guid();
        } else if (name == u"hex") {
            out += m_rng.hex(8);
        } else if (name == u"ip") {
            out += u"%1.%2.%3.%4"_s.arg(m_rng.range(20, 220))
                       .arg(m_rng.range(0, 255))
                       .arg(m_rng.range(0, 255))
                       .arg(m_rng.range(1, 254));
        } else if (name == u"sid") {
            out += userSid(m_host->user);
        } else {
            out += pattern.mid(open, close - open + 1); // a literal brace group (GUID, JSON)
        }
        i = close + 1;
    }
    return out;
}

QString WorkloadGenerator::userSid(QStringView user) const
{
    const quint64 h = demo::stableHash(user);
    return u"S-1-5-21-3623811015-3361044348-30300820-"_s + QString::number(1100 + h % 8000);
}

QString WorkloadGenerator::utcTime() const
{
    QString s = formatUtc(m_timeNs, 3);
    s[10] = u' ';
    s.chop(1);
    return s;
}

QString WorkloadGenerator::hashes(QStringView image) const
{
    demo::DemoRandom r(demo::stableHash(image.toString().toLower()));
    return u"MD5="_s + r.hex(32) + u",SHA256="_s + r.hex(64) + u",IMPHASH="_s + r.hex(32);
}

void WorkloadGenerator::processCreate(const Proc& p, const Proc& parent, QStringView original,
                                      QStringView description)
{
    sysmon(1, 1);
    m_line.text("ProcessGuid", p.guid);
    m_line.text("ProcessId", QString::number(p.pid));
    m_line.text("Image", p.image);
    m_line.text("FileVersion", u"10.0.19041.1 (WinBuild.160101.0800)");
    m_line.text("Description", description);
    m_line.text("Product", u"Microsoft\u00ae Windows\u00ae Operating System");
    m_line.text("Company", u"Microsoft Corporation");
    m_line.text("OriginalFileName", original);
    m_line.text("CommandLine", p.commandLine);
    m_line.text("CurrentDirectory", u"C:\\Windows\\system32\\");
    m_line.text("User", p.user);
    m_line.text("LogonGuid", m_rng.guid());
    m_line.text("LogonId", u"0x"_s + m_rng.hex(6).toLower());
    m_line.text("TerminalSessionId", p.user.startsWith(u"NT AUTHORITY") ? u"0" : u"1");
    m_line.text("IntegrityLevel", p.integrity);
    m_line.text("Hashes", hashes(p.image));
    m_line.text("ParentProcessGuid", parent.guid);
    m_line.text("ParentProcessId", QString::number(parent.pid));
    m_line.text("ParentImage", parent.image);
    m_line.text("ParentCommandLine", parent.commandLine);
    m_line.text("ParentUser", parent.user);
}

void WorkloadGenerator::securityProcess(const Proc& p, const Proc& parent)
{
    security(4688, 13312);
    const bool system = p.user.startsWith(u"NT AUTHORITY");
    m_line.text("SubjectUserSid", system ? u"S-1-5-18"_s : userSid(m_host->user));
    m_line.text("SubjectUserName", system ? m_host->netbios + u'$' : m_host->user);
    m_line.text("SubjectDomainName", u"CORP");
    m_line.text("SubjectLogonId", system ? u"0x3e7"_s : u"0x"_s + m_rng.hex(6).toLower());
    m_line.text("NewProcessId", u"0x"_s + QString::number(p.pid, 16));
    m_line.text("NewProcessName", p.image);
    m_line.text("TokenElevationType", system ? u"%%1936" : u"%%1938");
    m_line.text("ProcessId", u"0x"_s + QString::number(parent.pid, 16));
    m_line.text("CommandLine", p.commandLine);
    m_line.text("TargetUserSid", u"S-1-0-0");
    m_line.text("TargetUserName", u"-");
    m_line.text("TargetDomainName", u"-");
    m_line.text("TargetLogonId", u"0x0");
    m_line.text("ParentProcessName", parent.image);
    m_line.text("MandatoryLabel", system ? u"S-1-16-16384" : u"S-1-16-8192");
}

} // namespace detail

HuntWorkload::HuntWorkload(quint64 seed)
    : m_gen(std::make_unique<detail::WorkloadGenerator>(seed))
{
}

HuntWorkload::~HuntWorkload() = default;

QByteArray HuntWorkload::next()
{
    return m_gen->next();
}

bool HuntWorkload::lastWasAttack() const
{
    return m_gen->lastWasAttack();
}

qint64 HuntWorkload::attackCount() const
{
    return m_gen->attackCount();
}

} // namespace vigil::bench
