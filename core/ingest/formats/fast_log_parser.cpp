#include "ingest/formats/fast_log_parser.h"

#include "ingest/formats/format_util.h"
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

qsizetype tokenEnd(QByteArrayView s, qsizetype i)
{
    while (i < s.size() && s[i] != ' ') {
        ++i;
    }
    return i;
}

} // namespace

namespace {

// `mm/dd/yyyy-hh:mm:ss[.f]` (Suricata) or `mm/dd-hh:mm:ss[.f]` (Snort, no year).
bool setFastTime(Event& out, QByteArrayView t, const ParseContext& ctx)
{
    if (t.size() < 14 || t[2] != '/') {
        return false;
    }
    BsdTime b;
    const auto month = fmt::toInt(t.first(2));
    const auto day = fmt::toInt(t.sliced(3, 2));
    qsizetype i = 5;
    if (t[i] == '/') {
        const auto year = fmt::toInt(t.sliced(6, 4));
        if (!year || !yearInRange(int(*year))) {
            return false;
        }
        b.year = int(*year);
        i = 10;
    }
    if (!month || !day || *month < 1 || *month > 12 || *day < 1 || *day > 31 || i >= t.size()
        || t[i] != '-') {
        return false;
    }
    // The clock through the ISO reader: 2000-01-01Thh:mm:ss[.f].
    const QByteArray clock = "2000-01-01T" + t.sliced(i + 1).toByteArray();
    const auto parsed = scanIsoTime(clock);
    if (!parsed || parsed->consumed != clock.size() || parsed->hasZone) {
        return false;
    }
    const qint64 secondsOfDay = (parsed->ns - civilToNs(2000, 1, 1, 0, 0, 0, 0)) / kNsPerSecond;
    b.month = int(*month);
    b.day = int(*day);
    b.hour = int(secondsOfDay / 3600);
    b.minute = int(secondsOfDay / 60 % 60);
    b.second = int(secondsOfDay % 60);
    b.nanos = parsed->ns % kNsPerSecond;
    b.digits = parsed->digits;
    out.timeNs = resolveBsdTime(b, referenceTimeOf(ctx), ctx.zone);
    out.timeDigits = parsed->digits;
    out.timeSource = TimeSource::Event;
    fmt::noteZoneAssumed(out, ctx);
    return true;
}

// `addr[:port]`, `[v6]:port`; ports only for protocols that have them.
void putEndpoint(Event& out, const QString& ipName, const QString& portName, QByteArrayView text,
                 bool hasPorts)
{
    QByteArrayView addr = text;
    QByteArrayView port;
    if (text.startsWith('[')) {
        const qsizetype close = text.indexOf(']');
        if (close > 0) {
            addr = text.sliced(1, close - 1);
            if (close + 1 < text.size() && text[close + 1] == ':') {
                port = text.sliced(close + 2);
            }
        }
    } else if (hasPorts) {
        const qsizetype colon = text.lastIndexOf(':');
        if (colon > 0) {
            addr = text.first(colon);
            port = text.sliced(colon + 1);
        }
    }
    out.fields.append(ipName, FieldValue::fromString(fmt::utf8(addr)));
    if (const auto p = fmt::toInt(port); p && *p >= 0 && *p <= 65535) {
        out.fields.append(portName, FieldValue::fromInt(*p));
    }
}

} // namespace

QString FastLogParser::format() const
{
    return u"fast-log"_s;
}

namespace {

// Where a part of the alert could not be read: what was expected and at which byte.
struct Failure {
    QString what;
    qsizetype at = -1;
};

// `[gid:sid:rev] message [**]` from @p i; returns the index after `[**]`.
qsizetype readRule(QByteArrayView s, qsizetype i, Event& out, Failure& fail)
{
    const qsizetype idEnd = s.indexOf(']', i);
    const QList<QByteArray> ids =
        idEnd < 0 ? QList<QByteArray>() : s.sliced(i, idEnd - i).toByteArray().split(':');
    if (ids.size() != 3 || !fmt::toInt(ids[0]) || !fmt::toInt(ids[1]) || !fmt::toInt(ids[2])) {
        fail = {u"expected [gid:sid:rev]"_s, i};
        return -1;
    }
    static const QString kIds[] = {u"gid"_s, u"sid"_s, u"rev"_s};
    for (int k = 0; k < 3; ++k) {
        out.fields.append(kIds[k], FieldValue::fromInt(*fmt::toInt(ids[k])));
    }
    const qsizetype msgEnd = s.indexOf(" [**]", idEnd);
    if (msgEnd < 0) {
        fail = {u"the message is not closed by [**]"_s, idEnd};
        return -1;
    }
    out.fields.append(u"msg"_s, FieldValue::fromString(
                                    fmt::utf8(s.sliced(idEnd + 1, msgEnd - idEnd - 1).trimmed())));
    return msgEnd + 5;
}

// `[Classification: c] [Priority: p] [Xref => ...]` from @p i; returns the index after them.
qsizetype readGroups(QByteArrayView s, qsizetype i, Event& out, Failure& fail)
{
    while (true) {
        while (i < s.size() && s[i] == ' ') {
            ++i;
        }
        if (i >= s.size() || s[i] != '[') {
            return i;
        }
        const qsizetype end = s.indexOf(']', i);
        if (end < 0) {
            fail = {u"a [group] is not closed"_s, i};
            return -1;
        }
        const QByteArrayView group = s.sliced(i + 1, end - i - 1);
        if (group.startsWith("Classification: ")) {
            out.fields.append(u"classification"_s,
                              FieldValue::fromString(fmt::utf8(group.sliced(16))));
        } else if (group.startsWith("Priority: ")) {
            const auto p = fmt::toInt(group.sliced(10));
            out.fields.append(u"priority"_s,
                              p ? FieldValue::fromInt(*p)
                                : FieldValue::fromString(fmt::utf8(group.sliced(10))));
        }
        i = end + 1;
    }
}

// `{PROTO} src[:port] -> dst[:port]` at @p i.
bool readFlow(QByteArrayView s, qsizetype i, Event& out, Failure& fail)
{
    if (i >= s.size() || s[i] != '{') {
        fail = {u"expected {PROTOCOL}"_s, i};
        return false;
    }
    const qsizetype protoEnd = s.indexOf('}', i);
    const qsizetype arrow = s.indexOf(" -> ", i);
    if (protoEnd < 0 || arrow < protoEnd) {
        fail = {u"expected {PROTOCOL} source -> destination"_s, i};
        return false;
    }
    const QByteArrayView proto = s.sliced(i + 1, protoEnd - i - 1);
    out.fields.append(u"protocol"_s, FieldValue::fromString(fmt::utf8(proto)));
    const bool ports = proto == "TCP" || proto == "UDP" || proto == "SCTP";
    putEndpoint(out, u"src_ip"_s, u"src_port"_s,
                s.sliced(protoEnd + 1, arrow - protoEnd - 1).trimmed(), ports);
    putEndpoint(out, u"dst_ip"_s, u"dst_port"_s, s.sliced(arrow + 4).trimmed(), ports);
    return true;
}

void fillFastCommon(Event& out)
{
    if (const FieldValue* p = out.fields.find(u"priority"); p && p->isNumber()) {
        out.severity = fmt::severityFromIdsPriority(p->toInt());
    }
    fmt::setCommon(out, u"category"_s, u"ids_alert"_s);
    fmt::copyToCommon(out, u"action", u"action"_s);
    fmt::copyToCommon(out, u"msg", u"signature"_s);
    fmt::setCommon(out, u"protocol"_s, out.fields.text(u"protocol").toLower());
    fmt::copyToCommon(out, u"src_ip", u"src_ip"_s);
    fmt::copyToCommon(out, u"src_port", u"src_port"_s);
    fmt::copyToCommon(out, u"dst_ip", u"dst_ip"_s);
    fmt::copyToCommon(out, u"dst_port", u"dst_port"_s);
}

} // namespace

ParseResult FastLogParser::parse(QByteArrayView record, const ParseContext& ctx, Event& out) const
{
    out.fields.clear();
    out.common.clear();
    out.host.clear();
    out.severity = -1;
    out.format = format();
    const QByteArrayView s = chopLineEnd(record);
    const qsizetype stars = s.indexOf("[**] [");
    if (stars < 0) {
        return {false, u"not a fast.log alert: no \"[**] [\""_s, true};
    }
    Failure fail;
    const qsizetype timeEnd = tokenEnd(s, 0);
    if (!setFastTime(out, s.first(timeEnd), ctx)) {
        fail = {u"the time is not mm/dd[/yyyy]-hh:mm:ss.ffffff"_s, 0};
    } else {
        const QByteArrayView between = s.sliced(timeEnd, stars - timeEnd).trimmed();
        out.fields.append(
            u"action"_s, FieldValue::fromString(between.contains("Drop") ? u"drop"_s : u"alert"_s));
        qsizetype i = readRule(s, stars + 6, out, fail);
        i = i < 0 ? i : readGroups(s, i, out, fail);
        if (i >= 0) {
            readFlow(s, i, out, fail);
        }
    }
    if (fail.at >= 0) {
        return {false,
                u"fast.log alert: "_s + fail.what + u" at byte "_s + QString::number(fail.at)};
    }
    fillFastCommon(out);
    out.summary = summarize(out);
    return {};
}

} // namespace vigil
