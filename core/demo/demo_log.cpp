#include "demo/demo_log.h"

#include <algorithm>

#include <QHash>

#include "demo/demo_random.h"
#include "ingest/json_lines_parser.h"
#include "ingest/formats/json_common.h"
#include "ingest/formats/syslog_payload.h"
#include "ingest/summary.h"
#include "util/json.h"
#include "util/timestamp.h"

using namespace Qt::StringLiterals;

namespace vigil::demo {

namespace {

const QString kSource = u"demo"_s;
const QString kRecordId = u"EventRecordID"_s;
const QString kChannel = u"Channel"_s;
const QString kLevel = u"Level"_s;

qint64 truncateTo(qint64 ns, qint64 unit)
{
    qint64 r = ns % unit;
    if (r < 0) {
        r += unit;
    }
    return ns - r;
}

} // namespace

QString bsdTimestamp(qint64 timeNs)
{
    static const char16_t* const kMonths[] = {u"Jan", u"Feb", u"Mar", u"Apr", u"May", u"Jun",
                                              u"Jul", u"Aug", u"Sep", u"Oct", u"Nov", u"Dec"};
    // formatUtc gives YYYY-MM-DDThh:mm:ssZ; take the parts from there.
    const QString iso = formatUtc(timeNs, 0);
    const int month = iso.mid(5, 2).toInt();
    const int day = iso.mid(8, 2).toInt();
    QString out = QString::fromUtf16(kMonths[month - 1]);
    out += day < 10 ? u"  "_s : u" "_s;
    out += QString::number(day);
    out += u' ';
    out += QStringView(iso).mid(11, 8);
    return out;
}

QString sysmonUtcTime(qint64 timeNs)
{
    QString s = formatUtc(timeNs, 3);
    s[10] = u' ';
    s.chop(1); // 'Z'
    return s;
}

bool DemoLog::inWindow(qint64 timeNs) const
{
    return timeNs <= m_endNs && timeNs >= m_endNs - kWindow;
}

DemoLog::DemoLog(qint64 endNs)
    : m_endNs(endNs)
{
    m_events.reserve(4096);
}

Fields& DemoLog::addWindows(qint64 timeNs, const QString& computer, const QString& provider,
                            const QString& channel, int eventId, int level, const Label& label)
{
    if (!inWindow(timeNs)) {
        m_discard.clear();
        return m_discard;
    }
    GeneratedEvent& g = m_events.emplace_back();
    g.malicious = label.malicious;
    g.storyStep = label.step;
    Event& e = g.event;
    e.timeNs = truncateTo(timeNs, 100);
    e.timeDigits = 7;
    e.host = computer;
    e.format = u"json"_s;
    Fields& f = e.fields;
    f.reserve(24);
    f.append(u"Provider_Name"_s, FieldValue::fromString(provider));
    f.append(u"EventID"_s, FieldValue::fromInt(eventId));
    f.append(kChannel, FieldValue::fromString(channel));
    f.append(u"Computer"_s, FieldValue::fromString(computer));
    f.append(u"TimeCreated_SystemTime"_s, FieldValue::fromString(formatUtc(e.timeNs, 7)));
    f.append(kRecordId, FieldValue::fromInt(0)); // numbered in finish()
    f.append(kLevel, FieldValue::fromInt(level));
    return f;
}

void DemoLog::addSyslog(qint64 timeNs, const QString& host, const QString& app, const QString& pid,
                        const QString& message, int severity, const Label& label)
{
    if (!inWindow(timeNs)) {
        return;
    }
    GeneratedEvent& g = m_events.emplace_back();
    g.malicious = label.malicious;
    g.storyStep = label.step;
    Event& e = g.event;
    e.timeNs = truncateTo(timeNs, kSecond);
    e.timeDigits = 0;
    e.host = host;
    e.format = u"syslog-rfc3164"_s;
    // The line has no PRI, so the parser would leave severity unknown; the demo knows it.
    e.severity = severity;
    e.fields.append(u"hostname"_s, FieldValue::fromString(host));
    e.fields.append(u"app_name"_s, FieldValue::fromString(app));
    if (!pid.isEmpty()) {
        e.fields.append(u"procid"_s, FieldValue::fromString(pid));
    }
    e.fields.append(u"message"_s, FieldValue::fromString(message));
    QString tag = app;
    if (!pid.isEmpty()) {
        tag += u'[' + pid + u']';
    }
    e.raw = bsdTimestamp(e.timeNs) + u' ' + host + u' ' + tag + u": "_s + message;
    // What an import reads from the message too: iptables fields, the common fields.
    applySyslogPayload(ParseContext(), e);
}

std::vector<GeneratedEvent> DemoLog::finish(DemoRandom& rng)
{
    std::stable_sort(m_events.begin(), m_events.end(),
                     [](const GeneratedEvent& a, const GeneratedEvent& b) {
                         return a.event.timeNs < b.event.timeNs;
                     });
    QHash<QString, qint64> nextRecord; // computer|channel -> next EventRecordID
    qint64 pos = 0;
    for (GeneratedEvent& g : m_events) {
        Event& e = g.event;
        e.timeSource = TimeSource::Event;
        e.receivedNs = m_endNs;
        e.source = kSource;
        e.sourcePos = ++pos;
        e.sourceIsRecord = true;
        if (e.format == u"json") {
            const QString key = e.host + u'|' + e.fields.text(kChannel);
            auto it = nextRecord.find(key);
            if (it == nextRecord.end()) {
                it = nextRecord.insert(key, rng.range(20'000, 2'000'000));
            }
            e.fields.set(kRecordId, FieldValue::fromInt(it.value()++));
            e.raw = QString::fromUtf8(fieldsToJson(e.fields));
            e.severity = severityFromLevel(e.fields.text(kLevel), true, true);
            applyJsonVariants(e);
        }
        e.summary = summarize(e);
    }
    return std::move(m_events);
}

} // namespace vigil::demo
