#include "ingest/formats/w3c_parser.h"

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

// Values separated by spaces; a value that starts with '"' runs to the next '"'.
bool splitValues(QByteArrayView line, QList<QByteArrayView>& out)
{
    out.clear();
    qsizetype i = 0;
    while (i < line.size()) {
        if (line[i] == ' ' || line[i] == '\t') {
            ++i;
            continue;
        }
        if (line[i] == '"') {
            const qsizetype close = line.indexOf('"', i + 1);
            if (close < 0) {
                return false;
            }
            out.append(line.sliced(i + 1, close - i - 1));
            i = close + 1;
            continue;
        }
        qsizetype end = i;
        while (end < line.size() && line[end] != ' ' && line[end] != '\t') {
            ++end;
        }
        out.append(line.sliced(i, end - i));
        i = end;
    }
    return true;
}

bool isIntegerColumn(QStringView name)
{
    static constexpr QStringView kNames[] = {u"sc-status", u"sc-substatus", u"sc-win32-status",
                                             u"s-port",    u"c-port",       u"sc-bytes",
                                             u"cs-bytes",  u"time-taken",   u"r-port"};
    for (const QStringView n : kNames) {
        if (name == n) {
            return true;
        }
    }
    return false;
}

void fillW3cCommon(Event& out)
{
    fmt::setCommon(out, u"category"_s, u"web"_s);
    fmt::copyToCommon(out, u"c-ip", u"src_ip"_s);
    fmt::copyToCommon(out, u"c-port", u"src_port"_s);
    fmt::copyToCommon(out, u"s-ip", u"dst_ip"_s);
    fmt::copyToCommon(out, u"s-port", u"dst_port"_s);
    fmt::copyToCommon(out, u"cs-username", u"user"_s);
    fmt::copyToCommon(out, u"cs-method", u"action"_s);
    QString url = out.fields.text(u"cs-uri-stem");
    const QString query = out.fields.text(u"cs-uri-query");
    if (!url.isEmpty() && !query.isEmpty()) {
        url += u'?' + query;
    }
    fmt::setCommon(out, u"url"_s, url);
    if (fmt::copyToCommon(out, u"sc-status", u"http_status"_s)) {
        const qint64 status = out.common.find(u"http_status")->toInt();
        fmt::setCommon(out, u"outcome"_s, status < 400 ? u"success"_s : u"failure"_s);
    }
}

} // namespace

QString W3cParser::format() const
{
    return u"w3c"_s;
}

ParseResult W3cParser::parse(QByteArrayView record, const ParseContext& ctx, Event& out) const
{
    out.fields.clear();
    out.common.clear();
    out.host.clear();
    out.severity = -1;
    out.format = format();
    record = chopLineEnd(record);
    if (record.startsWith('#')) {
        return fmt::headerLine();
    }
    if (m_names.isEmpty()) {
        return {false, u"W3C log line before a #Fields: directive"_s};
    }
    QList<QByteArrayView> values;
    if (!splitValues(record, values)) {
        return {false, u"W3C log line has a quoted value that is not closed"_s};
    }
    if (values.size() != m_names.size()) {
        return {false, u"W3C log line has %1 values; #Fields: names %2"_s.arg(values.size())
                           .arg(m_names.size())};
    }
    for (qsizetype k = 0; k < values.size(); ++k) {
        const QByteArrayView v = values[k];
        if (v == "-") {
            out.fields.append(m_names[k], FieldValue());
        } else if (m_integer[k] && fmt::toInt(v)) {
            out.fields.append(m_names[k], FieldValue::fromInt(*fmt::toInt(v)));
        } else {
            out.fields.append(m_names[k], FieldValue::fromString(fmt::utf8(v)));
        }
    }
    setReceivedTime(out, ctx.receivedNs);
    const QByteArrayView date =
        m_dateColumn >= 0 ? values[m_dateColumn] : QByteArrayView(m_directiveDate);
    if (m_timeColumn >= 0 && !date.isEmpty()) {
        const QByteArray stamp =
            date.toByteArray() + 'T' + values[m_timeColumn].toByteArray() + 'Z';
        if (const auto t = scanIsoTime(stamp); t && t->consumed == stamp.size()) {
            out.timeNs = t->ns;
            out.timeDigits = t->digits;
            out.timeSource = TimeSource::Event;
        }
    }
    if (const QString host = out.fields.text(u"s-computername"); !host.isEmpty()) {
        out.host = host;
    }
    fillW3cCommon(out);
    out.summary = summarize(out);
    return {};
}

ParseResult W3cParser::parseNext(QByteArrayView record, const ParseContext& ctx, Event& out)
{
    const QByteArrayView line = chopLineEnd(record);
    if (line.startsWith("#Fields:")) {
        QList<QByteArrayView> names;
        splitValues(line.sliced(8), names);
        m_names.clear();
        m_integer.clear();
        for (const QByteArrayView n : names) {
            m_names.append(fmt::utf8(n));
            m_integer.append(isIntegerColumn(m_names.back()));
        }
        m_dateColumn = int(m_names.indexOf(u"date"_s));
        m_timeColumn = int(m_names.indexOf(u"time"_s));
    } else if (line.startsWith("#Date:")) {
        const QByteArrayView value = line.sliced(6).trimmed();
        m_directiveDate = value.first(std::min<qsizetype>(value.size(), 10)).toByteArray();
    }
    return parse(record, ctx, out);
}

} // namespace vigil
