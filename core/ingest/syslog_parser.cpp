#include "ingest/syslog_parser.h"

#include "ingest/formats/format_util.h"
#include "ingest/formats/syslog_payload.h"
#include "ingest/summary.h"
#include "ingest/syslog_sd.h"
#include "ingest/time_scan.h"
#include "model/event.h"

using namespace Qt::StringLiterals;

namespace vigil {

namespace {

bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

QString reasonAt(const QString& what, qsizetype offset)
{
    return what + u" at byte "_s + QString::number(offset);
}

qsizetype skipBlanks(QByteArrayView s, qsizetype i)
{
    while (i < s.size() && isBlank(s[i])) {
        ++i;
    }
    return i;
}

qsizetype tokenEnd(QByteArrayView s, qsizetype i)
{
    while (i < s.size() && !isBlank(s[i])) {
        ++i;
    }
    return i;
}

void setText(Fields& f, const QString& name, QByteArrayView bytes)
{
    f.append(name, FieldValue::fromString(QString::fromUtf8(bytes)));
}

void setPri(Event& out, int pri)
{
    if (pri < 0) {
        return;
    }
    out.fields.append(u"pri"_s, FieldValue::fromInt(pri));
    out.fields.append(u"facility"_s, FieldValue::fromInt(pri >> 3));
    out.fields.append(u"severity"_s, FieldValue::fromInt(pri & 7));
    out.severity = pri & 7;
}

void setMessage(Event& out, QByteArrayView msg)
{
    if (!msg.isEmpty()) {
        setText(out.fields, u"message"_s, msg);
    }
}

/** An RFC 3164 TAG: `name[pid]:`, `name:` or `name[pid]` before a space (macOS). */
struct Tag {
    QByteArrayView app;
    QByteArrayView pid;
    qsizetype end = 0; // first byte after the tag and its ':'
};

std::optional<Tag> readTag(QByteArrayView s, qsizetype i)
{
    const qsizetype start = i;
    while (i < s.size() && !isBlank(s[i]) && s[i] != '[' && s[i] != ':') {
        ++i;
    }
    if (i == start || i >= s.size()) {
        return std::nullopt;
    }
    Tag tag;
    tag.app = s.sliced(start, i - start);
    if (s[i] == '[') {
        const qsizetype open = i;
        while (i < s.size() && s[i] != ']' && !isBlank(s[i]) && i - open <= 64) {
            ++i;
        }
        if (i >= s.size() || s[i] != ']') {
            return std::nullopt;
        }
        tag.pid = s.sliced(open + 1, i - open - 1);
        ++i;
        if (i < s.size() && s[i] == ':') {
            ++i;
        } else if (i < s.size() && !isBlank(s[i])) {
            return std::nullopt;
        }
    } else if (s[i] == ':') {
        ++i;
        if (i < s.size() && !isBlank(s[i])) {
            return std::nullopt; // "a:b" is text, or an IPv6 host name
        }
    } else {
        return std::nullopt; // a word followed by a space: no tag
    }
    tag.end = i;
    return tag;
}

// Everything after the timestamp of an RFC 3164 line.
void readBsdBody(QByteArrayView s, qsizetype i, Event& out)
{
    i = skipBlanks(s, i);
    if (i < s.size() && !readTag(s, i)) {
        const qsizetype end = tokenEnd(s, i);
        out.host = QString::fromUtf8(s.sliced(i, end - i));
        out.fields.append(u"hostname"_s, FieldValue::fromString(out.host));
        i = skipBlanks(s, end);
    }
    if (const auto tag = readTag(s, i)) {
        setText(out.fields, u"app_name"_s, tag->app);
        if (!tag->pid.isEmpty()) {
            setText(out.fields, u"procid"_s, tag->pid);
        }
        i = tag->end;
        if (i < s.size() && s[i] == ' ') {
            ++i;
        }
    }
    setMessage(out, s.sliced(std::min(i, s.size())));
}

ParseResult parse3164(QByteArrayView s, qsizetype i, int pri, const ParseContext& ctx,
                      Event& out)
{
    out.format = u"syslog-rfc3164"_s;
    while (i < s.size() && s[i] == ' ') {
        ++i;
    }
    const QByteArrayView rest = s.sliced(i);
    bool haveTime = false;
    if (!rest.isEmpty() && isDigit(rest[0])) {
        if (const auto iso = scanIsoTime(rest)) {
            if (iso->consumed == rest.size() || isBlank(rest[iso->consumed])) {
                out.timeNs = iso->hasZone ? iso->ns : wallToUtc(iso->ns, ctx.zone);
                out.timeDigits = iso->digits;
                if (!iso->hasZone) {
                    fmt::noteZoneAssumed(out, ctx);
                }
                i += iso->consumed;
                haveTime = true;
            }
        }
    } else if (const auto bsd = scanBsdTime(rest)) {
        if (bsd->consumed == rest.size() || isBlank(rest[bsd->consumed])) {
            const qint64 ref = referenceTimeOf(ctx);
            out.timeNs = resolveBsdTime(*bsd, ref, ctx.zone);
            out.timeDigits = bsd->digits;
            fmt::noteZoneAssumed(out, ctx);
            i += bsd->consumed;
            haveTime = true;
        }
    }
    if (!haveTime) {
        if (pri < 0) {
            return {false, u"not a syslog line: no <PRI> and no timestamp at the start"_s, true};
        }
        // RFC 3164 4.3.3: without a valid TIMESTAMP the whole rest is the MSG.
        setReceivedTime(out, ctx.receivedNs);
        setPri(out, pri);
        setMessage(out, rest);
        return {};
    }
    out.timeSource = TimeSource::Event;
    setPri(out, pri);
    readBsdBody(s, i, out);
    return {};
}

// An RFC 5424 line from TIMESTAMP on: TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD MSG.
ParseResult parse5424(QByteArrayView s, qsizetype i, int pri, const ParseContext& ctx,
                      Event& out)
{
    out.format = u"syslog-rfc5424"_s;
    qsizetype end = tokenEnd(s, i);
    const QByteArrayView stamp = s.sliced(i, end - i);
    if (stamp.isEmpty()) {
        return {false, reasonAt(u"RFC 5424 TIMESTAMP is missing"_s, i)};
    }
    if (stamp == "-") {
        setReceivedTime(out, ctx.receivedNs);
    } else {
        const auto iso = scanIsoTime(stamp);
        if (!iso || iso->consumed != stamp.size()) {
            return {false, reasonAt(u"RFC 5424 TIMESTAMP \""_s
                                        + QString::fromUtf8(stamp.first(std::min<qsizetype>(
                                            stamp.size(), 40)))
                                        + u"\" is not an RFC 3339 time"_s,
                                    i)};
        }
        out.timeNs = iso->hasZone ? iso->ns : wallToUtc(iso->ns, ctx.zone);
        out.timeDigits = iso->digits;
        out.timeSource = TimeSource::Event;
        if (!iso->hasZone) {
            fmt::noteZoneAssumed(out, ctx);
        }
    }
    setPri(out, pri);
    static const QString kHeader[] = {u"hostname"_s, u"app_name"_s, u"procid"_s, u"msgid"_s};
    i = end;
    for (const QString& name : kHeader) {
        if (i >= s.size()) {
            return {};
        }
        ++i; // the SP before the field
        end = tokenEnd(s, i);
        const QByteArrayView value = s.sliced(i, end - i);
        if (!value.isEmpty() && value != "-") {
            QString text = QString::fromUtf8(value);
            if (&name == &kHeader[0]) {
                out.host = text;
            }
            out.fields.append(name, FieldValue::fromString(std::move(text)));
        }
        i = end;
    }
    if (i >= s.size()) {
        return {};
    }
    ++i;
    if (i < s.size() && s[i] == '-') {
        ++i;
    } else if (i < s.size() && s[i] == '[') {
        QString error;
        const qsizetype after = readStructuredData(s, i, out.fields, error);
        if (after < 0) {
            return {false, error};
        }
        i = after;
    } else if (i < s.size()) {
        return {false, reasonAt(u"RFC 5424 STRUCTURED-DATA must be \"-\" or start with '['"_s, i)};
    }
    if (i < s.size() && s[i] == ' ') {
        ++i;
    }
    QByteArrayView msg = s.sliced(std::min(i, s.size()));
    if (msg.startsWith("\xEF\xBB\xBF")) {
        msg = msg.sliced(3);
    }
    setMessage(out, msg);
    return {};
}

// `TIMESTAMP HOST APP PROCID MSGID [SD` or `... MSGID -`: the RFC 5424 layout without PRI.
bool looksLike5424Header(QByteArrayView s, qsizetype i)
{
    for (int field = 0; field < 4; ++field) {
        if (i >= s.size() || s[i] != ' ') {
            return false;
        }
        const qsizetype end = tokenEnd(s, ++i);
        if (end == i || s[end - 1] == ':' || s.sliced(i, end - i).contains('[')) {
            return false;
        }
        i = end;
    }
    if (i + 1 >= s.size() || s[i] != ' ') {
        return false;
    }
    const char c = s[i + 1];
    return c == '[' || (c == '-' && (i + 2 == s.size() || s[i + 2] == ' '));
}

} // namespace

SyslogParser::SyslogParser(Mode mode) : m_mode(mode) {}

QString SyslogParser::format() const
{
    switch (m_mode) {
    case Mode::Rfc3164:
        return u"syslog-rfc3164"_s;
    case Mode::Rfc5424:
        return u"syslog-rfc5424"_s;
    case Mode::Auto:
        break;
    }
    return u"syslog"_s;
}

bool SyslogParser::joinsContinuationLines() const
{
    return true;
}

ParseResult SyslogParser::parse(QByteArrayView record, const ParseContext& ctx, Event& out) const
{
    out.fields.clear();
    out.common.clear();
    out.host.clear();
    out.severity = -1;
    out.summary.clear();
    out.format = format();
    while (!record.isEmpty() && (record.back() == '\n' || record.back() == '\r')) {
        record.chop(1);
    }
    if (record.isEmpty()) {
        return {false, u"empty record"_s};
    }
    qsizetype i = 0;
    int pri = -1;
    if (record[0] == '<') {
        int value = 0;
        qsizetype j = 1;
        while (j < record.size() && j <= 4 && isDigit(record[j])) {
            value = value * 10 + (record[j++] - '0');
        }
        if (j == 1 || j >= record.size() || record[j] != '>') {
            return {false, reasonAt(u"syslog PRI is malformed: expected <0..191>"_s, j)};
        }
        if (value > 191) {
            return {false, reasonAt(u"syslog PRI <"_s + QString::number(value)
                                        + u"> is out of range 0..191"_s,
                                    1)};
        }
        pri = value;
        i = j + 1;
    }
    // RFC 5424 VERSION: a number right after PRI, then SP.
    qsizetype v = i;
    while (pri >= 0 && v < record.size() && v - i < 3 && isDigit(record[v])) {
        ++v;
    }
    const bool hasVersion = v > i && record[i] != '0' && v < record.size() && record[v] == ' ';

    ParseResult result;
    if (m_mode == Mode::Rfc3164) {
        result = parse3164(record, i, pri, ctx, out);
    } else if (hasVersion) {
        result = parse5424(record, v + 1, pri, ctx, out);
    } else if (m_mode == Mode::Rfc5424) {
        if (pri >= 0) {
            return {false, reasonAt(u"RFC 5424 VERSION is missing after PRI"_s, i)};
        }
        result = parse5424(record, i, pri, ctx, out);
    } else {
        const auto iso = pri < 0 && !record.isEmpty() && isDigit(record[0]) ? scanIsoTime(record)
                                                                            : std::nullopt;
        if (iso && looksLike5424Header(record, iso->consumed)) {
            result = parse5424(record, 0, pri, ctx, out);
            if (!result.ok) {
                out.fields.clear();
                out.common.clear();
                out.host.clear();
                result = parse3164(record, i, pri, ctx, out);
            }
        } else {
            result = parse3164(record, i, pri, ctx, out);
        }
    }
    if (result.ok) {
        result = applySyslogPayload(ctx, out);
    }
    if (result.ok) {
        out.summary = summarize(out);
    }
    return result;
}

} // namespace vigil
