#include "ingest/live/live_parser.h"

#include "ingest/live/live_counters.h"
#include "ingest/parser.h"
#include "model/event.h"
#include "storage/event_store.h"

using namespace Qt::StringLiterals;

namespace vigil {

namespace {

constexpr int kDetectLines = 20;

QByteArrayView withoutBom(QByteArrayView bytes)
{
    return bytes.startsWith("\xEF\xBB\xBF") ? bytes.sliced(3) : bytes;
}

QByteArrayView leadingTrimmed(QByteArrayView bytes)
{
    while (!bytes.isEmpty() && (bytes.front() == ' ' || bytes.front() == '\t')) {
        bytes = bytes.sliced(1);
    }
    return bytes;
}

// "udp://192.0.2.7" -> "192.0.2.7", "tcp://[2001:db8::1]" -> "2001:db8::1".
QString addressOf(const QString& senderKey)
{
    QString host = senderKey.section(u"://"_s, 1);
    if (host.startsWith(u'[') && host.endsWith(u']')) {
        host = host.mid(1, host.size() - 2);
    }
    return host;
}

} // namespace

struct LiveParser::Outcome {
    ParseResult result;
    QString format; ///< the format the message was read as
};

LiveParser::LiveParser(QTimeZone zone)
    : m_zone(std::move(zone))
    , m_syslog(makeParser(u"syslog"))
    , m_json(makeParser(u"json"))
    , m_cef(makeParser(u"cef"))
    , m_leef(makeParser(u"leef"))
    , m_snare(makeParser(u"snare"))
    , m_text(makeParser(u"text"))
{
}

LiveParser::~LiveParser() = default;

void LiveParser::prepare(const std::vector<LiveMessage>& batch)
{
    std::map<int, QList<QByteArray>> samples;
    for (const LiveMessage& m : batch) {
        if (m.kind != LiveSourceKind::File || m_files.count(m.sourceId) || !m.problem.isEmpty()) {
            continue;
        }
        QList<QByteArray>& lines = samples[m.sourceId];
        if (lines.size() < kDetectLines) {
            lines << m.bytes;
        }
    }
    for (auto& [sourceId, lines] : samples) {
        std::unique_ptr<LineParser> parser = makeParser(detectFormat(lines));
        m_files[sourceId] = parser ? std::move(parser) : makeParser(u"text");
    }
}

QString LiveParser::fileFormat(int sourceId) const
{
    const auto it = m_files.find(sourceId);
    return it == m_files.end() ? QString() : it->second->format();
}

LiveParser::Outcome LiveParser::parseNetwork(QByteArrayView bytes, Event& event)
{
    ParseContext ctx;
    ctx.receivedNs = event.receivedNs;
    ctx.zone = m_zone;
    ctx.source = event.source;
    const QByteArrayView start = leadingTrimmed(withoutBom(bytes));
    LineParser* parser = m_syslog.get();
    if (start.startsWith('{')) {
        parser = m_json.get();
    } else if (start.startsWith("CEF:")) {
        parser = m_cef.get();
    } else if (start.startsWith("LEEF:")) {
        parser = m_leef.get();
    } else if (!start.startsWith('<') && start.first(std::min<qsizetype>(start.size(), 128))
                                              .contains("MSWinEventLog\t")) {
        parser = m_snare.get();
    }
    Outcome o{parser->parse(withoutBom(bytes), ctx, event), parser->format()};
    if (!o.result.ok && o.result.foreign) {
        o = {m_text->parse(withoutBom(bytes), ctx, event), m_text->format()};
    }
    return o;
}

LiveParser::Outcome LiveParser::parseFileLine(int sourceId, QByteArrayView bytes, Event& event)
{
    ParseContext ctx;
    ctx.receivedNs = event.receivedNs;
    ctx.zone = m_zone;
    ctx.source = event.source;
    auto it = m_files.find(sourceId);
    if (it == m_files.end()) {
        it = m_files.emplace(sourceId, makeParser(detectFormat({bytes.toByteArray()}))).first;
    }
    LineParser& parser = *it->second;
    // In file order, so header-driven formats (CSV, W3C, Zeek) read their headers.
    Outcome o{parser.parseNext(withoutBom(bytes), ctx, event), parser.format()};
    if (!o.result.ok && o.result.foreign) {
        o = {m_text->parse(withoutBom(bytes), ctx, event), m_text->format()};
    }
    return o;
}

LiveParser::Kind LiveParser::parse(const LiveMessage& m, Event& event, Reject& reject)
{
    const QString& key = m.sender ? m.sender->key : QString();
    const bool network = m.kind != LiveSourceKind::File;
    event.source = key;
    event.sourcePos = m.position;
    event.sourceIsRecord = network;
    event.receivedNs = m.receivedNs;
    event.raw = QString::fromUtf8(m.bytes);
    Outcome o;
    if (!m.problem.isEmpty()) {
        o.result = {false, m.problem};
    } else if (network) {
        o = parseNetwork(m.bytes, event);
    } else {
        o = parseFileLine(m.sourceId, m.bytes, event);
    }
    if (o.result.header) {
        return Kind::Header;
    }
    if (o.result.ok) {
        if (network && event.host.isEmpty()) {
            event.host = addressOf(key); // who sent it, when the message does not say
        }
        return Kind::Event;
    }
    reject.source = key;
    reject.line = m.position;
    reject.byteOffset = m.offset;
    reject.format = o.format;
    reject.reason = o.result.reason;
    reject.raw = m.bytes;
    reject.receivedNs = m.receivedNs;
    return Kind::Reject;
}

} // namespace vigil
