#include "ingest/formats/zeek_tsv_parser.h"

#include "ingest/formats/format_util.h"
#include "ingest/formats/json_common.h"
#include "ingest/summary.h"
#include "model/event.h"
#include "util/timestamp.h"

using namespace Qt::StringLiterals;

namespace vigil {

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

// `\xHH` → byte, `\\` → backslash; other text as it is.
QByteArray unescape(QByteArrayView s)
{
    QByteArray out;
    out.reserve(s.size());
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 3 < s.size() && s[i + 1] == 'x' && hexValue(s[i + 2]) >= 0
            && hexValue(s[i + 3]) >= 0) {
            out += char(hexValue(s[i + 2]) * 16 + hexValue(s[i + 3]));
            i += 3;
        } else if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == '\\') {
            out += '\\';
            ++i;
        } else {
            out += s[i];
        }
    }
    return out;
}

QString zeekText(QByteArrayView raw)
{
    if (!raw.contains('\\')) {
        return fmt::utf8(raw);
    }
    const QByteArray bytes = unescape(raw);
    // Bytes that are not UTF-8 cannot be held as text: keep what Zeek wrote.
    return QUtf8StringView(bytes).isValidUtf8() ? QString::fromUtf8(bytes) : fmt::utf8(raw);
}

QList<QByteArrayView> split(QByteArrayView s, QByteArrayView sep)
{
    QList<QByteArrayView> parts;
    if (sep.isEmpty()) {
        parts.append(s);
        return parts;
    }
    qsizetype from = 0;
    while (true) {
        const qsizetype at = s.indexOf(sep, from);
        if (at < 0) {
            parts.append(s.sliced(from));
            return parts;
        }
        parts.append(s.sliced(from, at - from));
        from = at + sep.size();
    }
}

bool isDecimal(QByteArrayView s)
{
    qsizetype i = (!s.isEmpty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
    bool digits = false;
    bool dot = false;
    for (; i < s.size(); ++i) {
        if (s[i] >= '0' && s[i] <= '9') {
            digits = true;
        } else if (s[i] == '.' && !dot) {
            dot = true;
        } else if (s[i] == 'e' || s[i] == 'E') {
            return digits && i + 1 < s.size(); // 1e+10: leave the rest to toDouble()
        } else {
            return false;
        }
    }
    return digits;
}

} // namespace

QString ZeekTsvParser::format() const
{
    return u"zeek-tsv"_s;
}

void ZeekTsvParser::readHeader(QByteArrayView line)
{
    // `#separator \x09` is separated by a space; the other directives by the separator.
    if (line.startsWith("#separator ")) {
        const QByteArray sep = unescape(line.sliced(11).trimmed());
        if (!sep.isEmpty()) {
            m_separator = sep[0];
        }
        return;
    }
    const QList<QByteArrayView> parts = split(line, QByteArrayView(&m_separator, 1));
    const QByteArrayView directive = parts.front();
    const QByteArrayView value = parts.size() > 1 ? parts[1] : QByteArrayView();
    if (directive == "#set_separator" && !value.isEmpty()) {
        m_setSeparator = unescape(value);
    } else if (directive == "#empty_field") {
        m_empty = value.toByteArray();
    } else if (directive == "#unset_field") {
        m_unset = value.toByteArray();
    } else if (directive == "#path") {
        m_path = zeekText(value);
    } else if (directive == "#fields") {
        m_columns.clear();
        m_timeColumn = -1;
        for (qsizetype k = 1; k < parts.size(); ++k) {
            m_columns.append({zeekText(parts[k]), Type::Text, false});
        }
    } else if (directive == "#types") {
        for (qsizetype k = 1; k < parts.size() && k - 1 < m_columns.size(); ++k) {
            Column& c = m_columns[k - 1];
            QByteArrayView t = parts[k];
            c.container = t.startsWith("set[") || t.startsWith("vector[");
            if (c.container) {
                t = t.sliced(t.indexOf('[') + 1);
                t.chop(t.endsWith(']') ? 1 : 0);
            }
            c.type = (t == "count" || t == "int" || t == "port") ? Type::Integer
                     : (t == "double" || t == "interval")        ? Type::Number
                     : t == "time"                               ? Type::Time
                     : t == "bool"                               ? Type::Bool
                                                                 : Type::Text;
            if (c.type == Type::Time && !c.container && (m_timeColumn < 0 || c.name == u"ts")) {
                m_timeColumn = int(k - 1);
            }
        }
    }
}

FieldValue ZeekTsvParser::scalar(QByteArrayView raw, Type type) const
{
    switch (type) {
    case Type::Integer:
        if (const auto v = fmt::toInt(raw)) {
            return FieldValue::fromInt(*v);
        }
        if (isDecimal(raw) && !raw.contains('.')) {
            // A count beyond 63 bits keeps its exact digits.
            return FieldValue::fromNumberText(raw.toByteArray().toDouble(), fmt::utf8(raw));
        }
        break;
    case Type::Number:
    case Type::Time:
        if (isDecimal(raw)) {
            return FieldValue::fromNumberText(raw.toByteArray().toDouble(), fmt::utf8(raw));
        }
        break;
    case Type::Bool:
        if (raw == "T" || raw == "F") {
            return FieldValue::fromBool(raw == "T");
        }
        break;
    case Type::Text:
        break;
    }
    return FieldValue::fromString(zeekText(raw));
}

FieldValue ZeekTsvParser::value(QByteArrayView raw, const Column& column) const
{
    if (raw == QByteArrayView(m_unset)) {
        return {};
    }
    if (raw == QByteArrayView(m_empty)) {
        return column.container ? FieldValue::fromList({}) : FieldValue::fromString(QString(u""_s));
    }
    if (!column.container) {
        return scalar(raw, column.type);
    }
    std::vector<FieldValue> items;
    for (const QByteArrayView item : split(raw, m_setSeparator)) {
        items.push_back(scalar(item, column.type));
    }
    return FieldValue::fromList(std::move(items));
}

ParseResult ZeekTsvParser::parse(QByteArrayView record, const ParseContext& ctx, Event& out) const
{
    out.fields.clear();
    out.common.clear();
    out.host.clear();
    out.severity = -1;
    out.format = format();
    while (!record.isEmpty() && (record.back() == '\n' || record.back() == '\r')) {
        record.chop(1);
    }
    if (record.startsWith('#')) {
        return fmt::headerLine();
    }
    if (m_columns.isEmpty()) {
        return {false, u"Zeek log line before a #fields header line"_s};
    }
    const QList<QByteArrayView> values = split(record, QByteArrayView(&m_separator, 1));
    if (values.size() != m_columns.size()) {
        return {false, u"Zeek log line has %1 values; #fields names %2"_s.arg(values.size())
                           .arg(m_columns.size())};
    }
    out.fields.reserve(std::size_t(values.size()) + 1);
    if (!m_path.isEmpty()) {
        out.fields.append(u"_path"_s, FieldValue::fromString(m_path));
    }
    for (qsizetype k = 0; k < values.size(); ++k) {
        out.fields.append(m_columns[k].name, value(values[k], m_columns[k]));
    }
    setReceivedTime(out, ctx.receivedNs);
    if (m_timeColumn >= 0) {
        const QByteArrayView ts = values[m_timeColumn];
        if (isDecimal(ts)) {
            if (const auto t = parseEpoch(QString::fromLatin1(ts)); t && t->consumed == ts.size()) {
                out.timeNs = t->ns;
                out.timeDigits = t->digits;
                out.timeSource = TimeSource::Event;
            }
        }
    }
    fillZeekCommon(out, m_path);
    out.summary = summarize(out);
    return {};
}

ParseResult ZeekTsvParser::parseNext(QByteArrayView record, const ParseContext& ctx, Event& out)
{
    QByteArrayView line = record;
    while (!line.isEmpty() && (line.back() == '\n' || line.back() == '\r')) {
        line.chop(1);
    }
    if (line.startsWith('#')) {
        readHeader(line);
        return fmt::headerLine();
    }
    return parse(record, ctx, out);
}

} // namespace vigil
