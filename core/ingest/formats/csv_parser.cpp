#include "ingest/formats/csv_parser.h"

#include "ingest/formats/format_time.h"
#include "ingest/formats/format_util.h"
#include "ingest/formats/json_common.h"
#include "ingest/json_lines_parser.h"
#include "ingest/summary.h"
#include "model/event.h"

using namespace Qt::StringLiterals;

namespace vigil {

namespace {

constexpr char kDelimiters[] = {',', '\t', ';', '|'};

QByteArrayView chopLineEnd(QByteArrayView s)
{
    while (!s.isEmpty() && (s.back() == '\n' || s.back() == '\r')) {
        s.chop(1);
    }
    return s;
}

int columnNamed(const QList<QString>& names, std::initializer_list<QStringView> wanted)
{
    for (const QStringView w : wanted) {
        for (qsizetype k = 0; k < names.size(); ++k) {
            if (names[k].compare(w, Qt::CaseInsensitive) == 0) {
                return int(k);
            }
        }
    }
    return -1;
}

} // namespace

QString CsvParser::format() const
{
    return u"csv"_s;
}

char CsvParser::detectDelimiter(QByteArrayView line)
{
    int counts[sizeof kDelimiters] = {};
    bool quoted = false;
    for (const char c : line) {
        if (c == '"') {
            quoted = !quoted;
            continue;
        }
        for (std::size_t d = 0; d < sizeof kDelimiters; ++d) {
            counts[d] += (!quoted && c == kDelimiters[d]) ? 1 : 0;
        }
    }
    std::size_t best = 0;
    for (std::size_t d = 1; d < sizeof kDelimiters; ++d) {
        if (counts[d] > counts[best]) {
            best = d;
        }
    }
    return counts[best] > 0 ? kDelimiters[best] : 0;
}

bool CsvParser::splitLine(QByteArrayView line, char delimiter, QList<QString>& values)
{
    values.clear();
    QByteArray value;
    qsizetype i = 0;
    while (true) {
        value.clear();
        if (i < line.size() && line[i] == '"') {
            ++i;
            bool closed = false;
            while (i < line.size()) {
                if (line[i] == '"') {
                    if (i + 1 < line.size() && line[i + 1] == '"') {
                        value += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    closed = true;
                    break;
                }
                value += line[i++];
            }
            if (!closed) {
                return false;
            }
            // Text between the closing quote and the delimiter belongs to the value.
            while (i < line.size() && line[i] != delimiter) {
                value += line[i++];
            }
        } else {
            const qsizetype end = line.indexOf(delimiter, i);
            const qsizetype stop = end < 0 ? line.size() : end;
            value = line.sliced(i, stop - i).toByteArray();
            i = stop;
        }
        values.append(QString::fromUtf8(value));
        if (i >= line.size()) {
            return true;
        }
        ++i; // the delimiter
        if (i == line.size()) {
            values.append(QString()); // a trailing delimiter ends an empty last value
            return true;
        }
    }
}

void CsvParser::readHeader(QByteArrayView line)
{
    if (line.startsWith("\xEF\xBB\xBF")) {
        line = line.sliced(3);
    }
    const char d = detectDelimiter(line);
    m_delimiter = d != 0 ? d : ',';
    if (!splitLine(line, m_delimiter, m_names)) {
        m_names = {fmt::utf8(line)};
    }
    for (qsizetype k = 0; k < m_names.size(); ++k) {
        QString& name = m_names[k];
        name = name.trimmed();
        if (name.isEmpty()) {
            name = u"column%1"_s.arg(k + 1);
        }
        // A repeated name gets its position, so no value hides another.
        for (qsizetype j = 0; j < k; ++j) {
            if (m_names[j] == name) {
                name += u"_%1"_s.arg(k + 1);
                break;
            }
        }
    }
    m_timeColumn = columnNamed(m_names, {u"@timestamp", u"timestamp", u"time", u"datetime",
                                         u"date_time", u"eventtime", u"ts", u"date"});
    m_hostColumn = columnNamed(m_names, {u"host", u"hostname", u"host.name", u"computer"});
    m_levelColumn = columnNamed(m_names, {u"level", u"severity", u"log.level"});
    m_haveHeader = true;
}

ParseResult CsvParser::parse(QByteArrayView record, const ParseContext& ctx, Event& out) const
{
    out.fields.clear();
    out.common.clear();
    out.host.clear();
    out.severity = -1;
    out.format = format();
    record = chopLineEnd(record);
    if (!m_haveHeader) {
        return fmt::headerLine();
    }
    QList<QString> values;
    if (!splitLine(record, m_delimiter, values)) {
        return {false, u"CSV quoted value is not closed (values spanning lines are not "
                       u"supported)"_s};
    }
    if (values.size() != m_names.size()) {
        return {
            false,
            u"CSV line has %1 values; the header has %2"_s.arg(values.size()).arg(m_names.size())};
    }
    out.fields.reserve(std::size_t(values.size()));
    for (qsizetype k = 0; k < values.size(); ++k) {
        out.fields.append(m_names[k], FieldValue::fromString(values[k]));
    }
    setReceivedTime(out, ctx.receivedNs);
    if (m_timeColumn >= 0) {
        const QByteArray t = values[m_timeColumn].toUtf8();
        if (!fmt::setTimeFromText(out, QByteArrayView(t), ctx)) {
            fmt::setCtimeTime(out, t.trimmed(), ctx);
        }
    }
    if (m_hostColumn >= 0) {
        out.host = values[m_hostColumn].trimmed();
    }
    if (m_levelColumn >= 0) {
        out.severity = severityFromLevel(values[m_levelColumn], false, false);
    }
    fillCommonFromNames(out);
    out.summary = summarize(out);
    return {};
}

ParseResult CsvParser::parseNext(QByteArrayView record, const ParseContext& ctx, Event& out)
{
    if (!m_haveHeader) {
        const QByteArrayView line = chopLineEnd(record);
        if (!line.startsWith('#')) {
            readHeader(line);
        }
        return fmt::headerLine();
    }
    return parse(record, ctx, out);
}

} // namespace vigil
