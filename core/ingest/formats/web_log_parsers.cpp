#include "ingest/formats/web_log_parsers.h"

#include <QTimeZone>

#include "ingest/formats/format_time.h"
#include "ingest/formats/format_util.h"
#include "ingest/json_lines_parser.h"
#include "ingest/summary.h"
#include "ingest/time_scan.h"
#include "model/event.h"

using namespace Qt::StringLiterals;

namespace vigil {

namespace {

QByteArrayView chopLineEnd(QByteArrayView s)
{
    while (!s.isEmpty() && (s.back() == '\n' || s.back() == '\r')) {
        s.chop(1);
    }
    return s;
}

void resetEvent(Event& out, const QString& format)
{
    out.fields.clear();
    out.common.clear();
    out.host.clear();
    out.severity = -1;
    out.format = format;
}

qsizetype tokenEnd(QByteArrayView s, qsizetype i)
{
    while (i < s.size() && s[i] != ' ') {
        ++i;
    }
    return i;
}

// A quoted part starting at the '"' at i: text with `\"` and `\\` undone; @p end is the index
// after the closing quote, or -1 when the quote is not closed.
QString quoted(QByteArrayView s, qsizetype i, qsizetype& end)
{
    QByteArray text;
    for (++i; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '\\' && i + 1 < s.size() && (s[i + 1] == '"' || s[i + 1] == '\\')) {
            text += s[++i];
        } else if (c == '"') {
            end = i + 1;
            return QString::fromUtf8(text);
        } else {
            text += c;
        }
    }
    end = -1;
    return {};
}

// `dd/Mon/yyyy:hh:mm:ss[.f][ ±zzzz]`, exactly.
bool setClfTime(Event& out, QByteArrayView t, const ParseContext& ctx)
{
    if (t.size() < 20 || t[2] != '/' || t[6] != '/' || t[11] != ':') {
        return false;
    }
    const auto day = fmt::toInt(t.first(2));
    const int month = monthFromAbbrev(QString::fromLatin1(t.sliced(3, 3)));
    const auto year = fmt::toInt(t.sliced(7, 4));
    if (!day || month == 0 || !year || !yearInRange(int(*year))) {
        return false;
    }
    // Reuse the ISO reader for the clock and the zone: yyyy-mm-ddThh:mm:ss[.f][±zzzz].
    QByteArray iso = t.sliced(7, 4).toByteArray() + '-'
                     + QByteArray::number(month).rightJustified(2, '0') + '-'
                     + t.first(2).toByteArray() + 'T' + t.sliced(12).toByteArray();
    iso.replace(' ', "");
    const auto parsed = scanIsoTime(iso);
    if (!parsed || parsed->consumed != iso.size()) {
        return false;
    }
    out.timeNs = parsed->hasZone ? parsed->ns : wallToUtc(parsed->ns, ctx.zone);
    out.timeDigits = parsed->digits;
    out.timeSource = TimeSource::Event;
    if (!parsed->hasZone) {
        fmt::noteZoneAssumed(out, ctx);
    }
    return true;
}

void splitRequest(const QString& request, Event& out)
{
    if (request.isEmpty() || request == u"-") {
        return;
    }
    const QList<QStringView> parts = QStringView(request).split(u' ', Qt::SkipEmptyParts);
    if (parts.isEmpty()) {
        return;
    }
    out.fields.append(u"method"_s, FieldValue::fromString(parts.front().toString()));
    if (parts.size() == 1) {
        return;
    }
    const bool hasProtocol = parts.size() >= 3 && parts.back().startsWith(u"HTTP/");
    const qsizetype pathEnd = hasProtocol ? request.lastIndexOf(u' ') : request.size();
    const qsizetype pathStart = request.indexOf(u' ') + 1;
    out.fields.append(u"path"_s, FieldValue::fromString(
                                     request.sliced(pathStart, pathEnd - pathStart).trimmed()));
    if (hasProtocol) {
        out.fields.append(u"protocol"_s, FieldValue::fromString(parts.back().toString()));
    }
}

void putUnlessDash(Event& out, const QString& name, const QString& value)
{
    if (!value.isEmpty() && value != u"-") {
        out.fields.append(name, FieldValue::fromString(value));
    }
}

void fillAccessCommon(Event& out)
{
    fmt::setCommon(out, u"category"_s, u"web"_s);
    fmt::copyToCommon(out, u"client_ip", u"src_ip"_s);
    fmt::copyToCommon(out, u"user", u"user"_s);
    fmt::copyToCommon(out, u"method", u"action"_s);
    fmt::copyToCommon(out, u"path", u"url"_s);
    if (fmt::copyToCommon(out, u"status", u"http_status"_s)) {
        const qint64 status = out.common.find(u"http_status")->toInt();
        fmt::setCommon(out, u"outcome"_s, status < 400 ? u"success"_s : u"failure"_s);
    }
}

} // namespace

QString ApacheAccessParser::format() const
{
    return u"apache-access"_s;
}

ParseResult ApacheAccessParser::parse(QByteArrayView record, const ParseContext& ctx,
                                      Event& out) const
{
    resetEvent(out, format());
    const QByteArrayView s = chopLineEnd(record);
    const bool shaped = s.contains(" [") && s.contains('"');
    const auto fail = [shaped](const QString& why, qsizetype at) {
        const QString reason = u"access log line: "_s + why + u" at byte "_s + QString::number(at);
        return shaped ? ParseResult{false, reason} : ParseResult{false, reason, true};
    };
    qsizetype ends[3];
    qsizetype i = 0;
    for (qsizetype& end : ends) {
        end = tokenEnd(s, i);
        if (end == i || end >= s.size()) {
            return fail(u"expected host, ident and user before the [time]"_s, i);
        }
        i = end + 1;
    }
    if (s[i] != '[') {
        return fail(u"expected host, ident and user, then [time]"_s, i);
    }
    const qsizetype close = s.indexOf(']', i);
    if (close < 0 || !setClfTime(out, s.sliced(i + 1, close - i - 1), ctx)) {
        return fail(u"the [time] is not dd/Mon/yyyy:hh:mm:ss ±zzzz"_s, i);
    }
    i = close + 1;
    if (i + 1 >= s.size() || s[i] != ' ' || s[i + 1] != '"') {
        return fail(u"expected a quoted request after the time"_s, i);
    }
    qsizetype end = 0;
    const QString request = quoted(s, i + 1, end);
    if (end < 0) {
        return fail(u"the request is not closed by a quote"_s, i + 1);
    }
    i = end + 1;
    const qsizetype statusEnd = tokenEnd(s, i);
    const qsizetype bytesEnd = tokenEnd(s, statusEnd + 1);
    const QByteArrayView status =
        s.sliced(std::min(i, s.size()), statusEnd - std::min(i, s.size()));
    const QByteArrayView bytes =
        statusEnd < s.size() ? s.sliced(statusEnd + 1, bytesEnd - statusEnd - 1) : QByteArrayView();
    const auto statusCode = fmt::toInt(status);
    const auto size = bytes == "-" ? std::optional<qint64>(0) : fmt::toInt(bytes);
    if (!statusCode || !size || *size < 0) {
        return fail(u"expected the status and the size (a number or -) after the request"_s, i);
    }
    out.fields.append(u"client_ip"_s, FieldValue::fromString(fmt::utf8(s.first(ends[0]))));
    putUnlessDash(out, u"ident"_s, fmt::utf8(s.sliced(ends[0] + 1, ends[1] - ends[0] - 1)));
    putUnlessDash(out, u"user"_s, fmt::utf8(s.sliced(ends[1] + 1, ends[2] - ends[1] - 1)));
    out.fields.append(u"request"_s, FieldValue::fromString(request));
    splitRequest(request, out);
    out.fields.append(u"status"_s, FieldValue::fromInt(*statusCode));
    out.fields.append(u"bytes"_s, FieldValue::fromInt(*size));
    i = bytesEnd;
    for (const QString& name : {u"referrer"_s, u"user_agent"_s}) {
        if (i + 1 < s.size() && s[i] == ' ' && s[i + 1] == '"') {
            const QString value = quoted(s, i + 1, end);
            if (end < 0) {
                return fail(u"the %1 is not closed by a quote"_s.arg(name), i + 1);
            }
            putUnlessDash(out, name, value);
            i = end;
        }
    }
    const QByteArrayView extra = s.sliced(std::min(i, s.size())).trimmed();
    if (!extra.isEmpty()) {
        out.fields.append(u"extra"_s, FieldValue::fromString(fmt::utf8(extra)));
    }
    fillAccessCommon(out);
    out.summary = summarize(out);
    return {};
}

QString ApacheErrorParser::format() const
{
    return u"apache-error"_s;
}

ParseResult ApacheErrorParser::parse(QByteArrayView record, const ParseContext& ctx,
                                     Event& out) const
{
    resetEvent(out, format());
    const QByteArrayView s = chopLineEnd(record);
    if (!s.startsWith('[')) {
        return {false, u"not an Apache error log line: no [time] at the start"_s, true};
    }
    const qsizetype close = s.indexOf(']');
    if (close < 0 || !fmt::setCtimeTime(out, s.sliced(1, close - 1), ctx)) {
        return {false, u"Apache error log time is not [Www Mmm dd hh:mm:ss yyyy] at byte 0"_s};
    }
    qsizetype i = close + 1;
    bool first = true;
    while (true) {
        while (i < s.size() && s[i] == ' ') {
            ++i;
        }
        if (i >= s.size() || s[i] != '[') {
            break;
        }
        const qsizetype end = s.indexOf(']', i);
        if (end < 0) {
            break;
        }
        const QByteArrayView group = s.sliced(i + 1, end - i - 1);
        if (group.startsWith("pid ")) {
            const QByteArrayView pid = group.sliced(4);
            const qsizetype tid = pid.indexOf(":tid ");
            out.fields.append(u"pid"_s,
                              FieldValue::fromString(fmt::utf8(tid < 0 ? pid : pid.first(tid))));
            if (tid >= 0) {
                out.fields.append(u"tid"_s, FieldValue::fromString(fmt::utf8(pid.sliced(tid + 5))));
            }
        } else if (group.startsWith("client ")) {
            const QString client = fmt::utf8(group.sliced(7));
            const qsizetype colon = client.lastIndexOf(u':');
            if (!fmt::isIpAddress(client) && colon > 0
                && fmt::isIpAddress(QStringView(client).first(colon))
                && fmt::toPort(QStringView(client).sliced(colon + 1))) {
                out.fields.append(u"client_ip"_s, FieldValue::fromString(client.first(colon)));
                out.fields.append(u"client_port"_s,
                                  FieldValue::fromString(client.sliced(colon + 1)));
            } else {
                out.fields.append(u"client_ip"_s, FieldValue::fromString(client));
            }
        } else if (first && !group.contains(' ') && !group.isEmpty()) {
            const qsizetype colon = group.indexOf(':');
            if (colon > 0) {
                out.fields.append(u"module"_s,
                                  FieldValue::fromString(fmt::utf8(group.first(colon))));
            }
            out.fields.append(u"level"_s,
                              FieldValue::fromString(fmt::utf8(group.sliced(colon + 1))));
        } else {
            break; // the message itself starts with a bracket
        }
        first = false;
        i = end + 1;
    }
    out.fields.append(u"message"_s,
                      FieldValue::fromString(fmt::utf8(s.sliced(std::min(i, s.size())).trimmed())));
    const QString level = out.fields.text(u"level");
    out.severity = level.isEmpty() ? -1 : severityFromLevel(level, false, false);
    fmt::setCommon(out, u"category"_s, u"web"_s);
    fmt::copyToCommon(out, u"client_ip", u"src_ip"_s);
    fmt::copyToCommon(out, u"client_port", u"src_port"_s);
    out.summary = summarize(out);
    return {};
}

} // namespace vigil
