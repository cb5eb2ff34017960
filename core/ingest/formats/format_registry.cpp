#include "ingest/formats/format_registry.h"

#include "ingest/formats/csv_parser.h"
#include "ingest/formats/fast_log_parser.h"
#include "ingest/formats/format_time.h"
#include "ingest/formats/format_util.h"
#include "ingest/formats/netfilter.h"
#include "ingest/formats/snare.h"
#include "ingest/formats/syslog_payload.h"
#include "ingest/formats/w3c_parser.h"
#include "ingest/formats/web_log_parsers.h"
#include "ingest/formats/zeek_tsv_parser.h"
#include "ingest/json_lines_parser.h"
#include "ingest/parser.h"
#include "model/event.h"
#include "util/json.h"

using namespace Qt::StringLiterals;

namespace vigil {

namespace {

/** JSON lines under the name of the producer the file was detected as (Suricata EVE, Zeek). */
class JsonVariantParser final : public LineParser {
public:
    explicit JsonVariantParser(QString name)
        : m_name(std::move(name))
    {
    }
    QString format() const override { return m_name; }
    ParseResult parse(QByteArrayView record, const ParseContext& ctx, Event& out) const override
    {
        return m_json.parse(record, ctx, out);
    }

private:
    QString m_name;
    JsonLinesParser m_json;
};

struct FormatInfo {
    QStringView name;
    QStringView description;
};

constexpr FormatInfo kFormats[] = {
    {u"json", u"JSON lines: one object per line, flattened with dots (also journald exports)"},
    {u"syslog", u"syslog, RFC 3164 or RFC 5424 per line, with CEF/LEEF/Snare/iptables/"
                u"filterlog payloads and Linux authentication messages recognised"},
    {u"syslog-rfc3164", u"syslog read as RFC 3164 (BSD) only"},
    {u"syslog-rfc5424", u"syslog read as RFC 5424 only"},
    {u"text", u"any line-oriented text, one event per line"},
    {u"cef", u"ArcSight CEF, bare or in syslog"},
    {u"leef", u"IBM QRadar LEEF 1.0 and 2.0, bare or in syslog"},
    {u"csv", u"delimited text with a header line (comma, tab, semicolon or pipe)"},
    {u"w3c", u"W3C extended log (IIS) with #Fields: header"},
    {u"zeek-tsv", u"Zeek/Bro ASCII logs with #fields/#types headers"},
    {u"zeek-json", u"Zeek logs written as JSON lines"},
    {u"suricata-eve", u"Suricata EVE JSON (alert, flow, dns, http, tls, fileinfo, anomaly ...)"},
    {u"fast-log", u"Snort/Suricata fast.log alerts"},
    {u"apache-access", u"Apache/nginx access logs, common and combined"},
    {u"apache-error", u"Apache error logs (2.2 and 2.4 layouts)"},
    {u"iptables", u"iptables/netfilter kernel LOG lines (in syslog or dmesg)"},
    {u"pfsense", u"pfSense filterlog lines in syslog"},
    {u"snare", u"Snare for Windows events (MSWinEventLog, tab-separated, over syslog)"},
};

bool isAlpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// "CEF:0|" or "LEEF:1.0|" at the start or after a space (a syslog header before it).
bool hasMarker(QByteArrayView line, QByteArrayView marker)
{
    const qsizetype at = line.indexOf(marker);
    return at >= 0 && (at == 0 || line[at - 1] == ' ') && at + marker.size() < line.size()
           && line[at + marker.size()] >= '0' && line[at + marker.size()] <= '9';
}

// `host ident user [dd/Mon/yyyy:hh:mm:ss ±zzzz] "`
bool looksLikeAccess(QByteArrayView line)
{
    const qsizetype open = line.indexOf(" [");
    if (open <= 0 || line.first(open).count(' ') != 2 || line.size() < open + 24) {
        return false;
    }
    const QByteArrayView t = line.sliced(open + 2);
    return t[2] == '/' && t[6] == '/' && t[11] == ':' && line.indexOf("] \"", open) > 0;
}

// `[Www Mmm dd hh:mm:ss[.f] yyyy] [`
bool looksLikeApacheError(QByteArrayView line)
{
    if (line.size() < 30 || line[0] != '[' || !isAlpha(line[1]) || line[4] != ' ') {
        return false;
    }
    const qsizetype close = line.indexOf(']');
    if (close < 25 || close > 40) {
        return false;
    }
    Event probe;
    return fmt::setCtimeTime(probe, line.sliced(1, close - 1), ParseContext());
}

// A column name: short, starts with a letter-ish character, at most three words, not written
// after a space the way prose continues after a comma.
bool nameLike(const QString& v)
{
    const QString t = v.trimmed();
    if (t.isEmpty() || t.size() > 64 || (t[0] >= u'0' && t[0] <= u'9') || v.startsWith(u' ')
        || t.count(u' ') > 2) {
        return false;
    }
    bool letter = false;
    for (const QChar c : t) {
        if (c.isLetter()) {
            letter = true;
        } else if (!c.isDigit() && !QStringView(u" _.-()@/#:").contains(c)) {
            return false;
        }
    }
    return letter;
}

bool looksLikeCsv(const QList<QByteArrayView>& lines)
{
    qsizetype k = 0;
    while (k < lines.size() && lines[k].startsWith('#')) {
        ++k;
    }
    if (lines.size() - k < 2) {
        return false;
    }
    const char delimiter = CsvParser::detectDelimiter(lines[k]);
    QList<QString> names;
    if (delimiter == 0 || !CsvParser::splitLine(lines[k], delimiter, names) || names.size() < 2) {
        return false;
    }
    for (const QString& n : std::as_const(names)) {
        if (!nameLike(n)) {
            return false;
        }
    }
    qsizetype rows = 0;
    qsizetype matching = 0;
    QList<QString> values;
    for (qsizetype r = k + 1; r < lines.size(); ++r) {
        ++rows;
        matching +=
            (CsvParser::splitLine(lines[r], delimiter, values) && values.size() == names.size())
                ? 1
                : 0;
    }
    return matching * 5 >= rows * 4;
}

QString detectJsonProducer(const QList<QByteArrayView>& lines)
{
    int objects = 0;
    int eve = 0;
    int zeek = 0;
    for (const QByteArrayView line : lines) {
        const QByteArrayView t = line.trimmed();
        if (t.startsWith('#')) {
            continue;
        }
        if (!t.startsWith('{')) {
            return {};
        }
        ++objects;
        Fields f;
        if (!parseJsonObjectFlat(t, f, nullptr)) {
            continue;
        }
        eve += (f.contains(u"event_type") && f.contains(u"timestamp")) ? 1 : 0;
        zeek += (f.contains(u"_path") || (f.contains(u"uid") && f.contains(u"id.orig_h"))) ? 1 : 0;
    }
    if (objects > 0 && eve * 2 > objects) {
        return u"suricata-eve"_s;
    }
    if (objects > 0 && zeek * 2 > objects) {
        return u"zeek-json"_s;
    }
    return {};
}

enum Vote { Cef, Leef, Snare, Pfsense, Iptables, Fast, Access, ApacheError, VoteCount };

} // namespace

std::unique_ptr<LineParser> makeFormatParser(QStringView name)
{
    const auto is = [name](QStringView n) { return name.compare(n, Qt::CaseInsensitive) == 0; };
    using Kind = SyslogFamilyParser::Kind;
    if (is(u"cef")) {
        return std::make_unique<SyslogFamilyParser>(Kind::Cef);
    }
    if (is(u"leef")) {
        return std::make_unique<SyslogFamilyParser>(Kind::Leef);
    }
    if (is(u"snare")) {
        return std::make_unique<SyslogFamilyParser>(Kind::Snare);
    }
    if (is(u"iptables")) {
        return std::make_unique<SyslogFamilyParser>(Kind::Iptables);
    }
    if (is(u"pfsense")) {
        return std::make_unique<SyslogFamilyParser>(Kind::Pfsense);
    }
    if (is(u"csv")) {
        return std::make_unique<CsvParser>();
    }
    if (is(u"w3c")) {
        return std::make_unique<W3cParser>();
    }
    if (is(u"zeek-tsv")) {
        return std::make_unique<ZeekTsvParser>();
    }
    if (is(u"zeek-json") || is(u"suricata-eve")) {
        return std::make_unique<JsonVariantParser>(name.toString().toLower());
    }
    if (is(u"fast-log")) {
        return std::make_unique<FastLogParser>();
    }
    if (is(u"apache-access")) {
        return std::make_unique<ApacheAccessParser>();
    }
    if (is(u"apache-error")) {
        return std::make_unique<ApacheErrorParser>();
    }
    return nullptr;
}

QStringList formatParserNames()
{
    QStringList names;
    for (const FormatInfo& f : kFormats) {
        const std::unique_ptr<LineParser> p = makeFormatParser(f.name);
        if (p) {
            names.append(f.name.toString());
        }
    }
    return names;
}

QString formatDescription(QStringView name)
{
    for (const FormatInfo& f : kFormats) {
        if (name.compare(f.name, Qt::CaseInsensitive) == 0) {
            return f.description.toString();
        }
    }
    // Read as whole files by core/ingest/evtx, not line by line: not in kFormats.
    if (name.compare(u"evtx", Qt::CaseInsensitive) == 0) {
        return u"Windows event log files (.evtx), damaged chunks included; Sigma field names"_s;
    }
    if (name.compare(u"winxml", Qt::CaseInsensitive) == 0) {
        return u"Windows events exported as XML (wevtutil, Event Viewer), UTF-8 or UTF-16"_s;
    }
    return {};
}

QString detectFormatByContent(const QList<QByteArrayView>& lines)
{
    for (const QByteArrayView line : lines) {
        if (line.startsWith("#separator ")
            || (line.startsWith("#fields") && line.size() > 8 && !isAlpha(line[7]))) {
            return u"zeek-tsv"_s;
        }
        if (line.startsWith("#Fields:")) {
            return u"w3c"_s;
        }
    }
    bool allJson = true;
    for (const QByteArrayView line : lines) {
        const QByteArrayView t = line.trimmed();
        allJson = allJson && (t.startsWith('{') || t.startsWith('#'));
    }
    if (allJson) {
        return detectJsonProducer(lines);
    }
    int votes[VoteCount] = {};
    int candidates = 0;
    for (const QByteArrayView line : lines) {
        if (line.startsWith('#') || line.startsWith(' ') || line.startsWith('\t')) {
            continue;
        }
        ++candidates;
        votes[Cef] += hasMarker(line, "CEF:") ? 1 : 0;
        votes[Leef] += hasMarker(line, "LEEF:") ? 1 : 0;
        votes[Snare] += (snareStart(line) >= 0 || line.contains(" MSWinEventLog\t")) ? 1 : 0;
        votes[Pfsense] += (line.contains(" filterlog[") || line.contains(" filterlog:")) ? 1 : 0;
        votes[Iptables] += netfilterStart(line) >= 0 ? 1 : 0;
        votes[Fast] += (line.contains("[**] [") && line.contains(" -> ")) ? 1 : 0;
        votes[Access] += looksLikeAccess(line) ? 1 : 0;
        votes[ApacheError] += looksLikeApacheError(line) ? 1 : 0;
    }
    static const QString kNames[VoteCount] = {u"cef"_s,           u"leef"_s,        u"snare"_s,
                                              u"pfsense"_s,       u"iptables"_s,    u"fast-log"_s,
                                              u"apache-access"_s, u"apache-error"_s};
    int best = 0;
    for (int v = 1; v < VoteCount; ++v) {
        if (votes[v] > votes[best]) {
            best = v;
        }
    }
    if (candidates > 0 && votes[best] * 2 > candidates) {
        return kNames[best];
    }
    if (looksLikeCsv(lines)) {
        return u"csv"_s;
    }
    return {};
}

} // namespace vigil
