#include "ingest/parser.h"

#include "ingest/formats/format_registry.h"
#include "ingest/json_lines_parser.h"
#include "ingest/syslog_parser.h"
#include "ingest/text_parser.h"
#include "model/event.h"
#include "util/timestamp.h"

using namespace Qt::StringLiterals;

namespace vigil {

namespace {

constexpr int kDetectLines = 20;

bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

QByteArrayView trimmedRight(QByteArrayView s)
{
    while (!s.isEmpty() && isBlank(s.back())) {
        s.chop(1);
    }
    return s;
}

bool isAsciiAlpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

} // namespace

LineParser::~LineParser() = default;

bool LineParser::joinsContinuationLines() const
{
    return false;
}

ParseResult LineParser::parseNext(QByteArrayView record, const ParseContext& ctx, Event& out)
{
    return parse(record, ctx, out);
}

bool LineParser::keepsFileState() const
{
    return false;
}

void setReceivedTime(Event& out, qint64 receivedNs)
{
    out.timeNs = receivedNs;
    out.timeDigits = receivedNs % kNsPerSecond != 0 ? 3 : 0;
    out.timeSource = TimeSource::Received;
}

qint64 referenceTimeOf(const ParseContext& ctx)
{
    if (ctx.referenceNs != 0) {
        return ctx.referenceNs;
    }
    return ctx.receivedNs != 0 ? ctx.receivedNs : nowNs();
}

std::unique_ptr<LineParser> makeParser(QStringView format)
{
    const auto is = [format](QStringView name) {
        return format.compare(name, Qt::CaseInsensitive) == 0;
    };
    if (is(u"json")) {
        return std::make_unique<JsonLinesParser>();
    }
    if (is(u"syslog")) {
        return std::make_unique<SyslogParser>(SyslogParser::Mode::Auto);
    }
    if (is(u"syslog-rfc3164")) {
        return std::make_unique<SyslogParser>(SyslogParser::Mode::Rfc3164);
    }
    if (is(u"syslog-rfc5424")) {
        return std::make_unique<SyslogParser>(SyslogParser::Mode::Rfc5424);
    }
    if (is(u"text")) {
        return std::make_unique<TextParser>();
    }
    return makeFormatParser(format);
}

QStringList knownFormats()
{
    return QStringList{u"json"_s, u"syslog"_s, u"syslog-rfc3164"_s, u"syslog-rfc5424"_s, u"text"_s,
                       u"evtx"_s, u"winxml"_s}
        + formatParserNames();
}

QString detectFormat(const QList<QByteArray>& sampleLines)
{
    QList<QByteArrayView> lines;
    for (const QByteArray& raw : sampleLines) {
        QByteArrayView line = trimmedRight(raw);
        if (lines.isEmpty() && line.startsWith("\xEF\xBB\xBF")) {
            line = line.sliced(3);
        }
        if (line.trimmed().isEmpty()) {
            continue;
        }
        lines.append(line);
        if (lines.size() == kDetectLines) {
            break;
        }
    }

    // Formats the content names outright (headers, markers, a majority of typical lines).
    if (QString byContent = detectFormatByContent(lines); !byContent.isEmpty()) {
        return byContent;
    }

    // JSON lines; '#' comment lines (test baselines, headers) do not count against it.
    int objects = 0;
    int others = 0;
    for (const QByteArrayView line : std::as_const(lines)) {
        const QByteArrayView t = line.trimmed();
        if (t.startsWith('{')) {
            ++objects;
        } else if (!t.startsWith('#')) {
            ++others;
        }
    }
    if (objects > 0 && others == 0) {
        return u"json"_s;
    }

    // Syslog: a line votes when it carries syslog structure, not merely a leading ISO time.
    // Indented lines are continuations of the line before and do not vote.
    const SyslogParser syslog;
    ParseContext ctx;
    ctx.receivedNs = nowNs();
    Event event;
    int candidates = 0;
    int votes = 0;
    for (const QByteArrayView line : std::as_const(lines)) {
        if (line[0] == ' ' || line[0] == '\t') {
            continue;
        }
        ++candidates;
        if (!syslog.parse(line, ctx, event).ok) {
            continue;
        }
        if (event.fields.contains(u"pri") || event.fields.contains(u"app_name")
            || event.format == u"syslog-rfc5424" || isAsciiAlpha(line[0])) {
            ++votes;
        }
    }
    if (candidates > 0 && votes * 2 > candidates) {
        return u"syslog"_s;
    }
    return u"text"_s;
}

} // namespace vigil
