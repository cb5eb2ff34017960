#include "util/json.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

#include <QHash>
#include <QSet>

#include "model/event.h"

namespace vigil {

namespace {

constexpr int kMaxDepth = 64;

class FlatParser {
public:
    FlatParser(QByteArrayView in, Fields& out) : m_in(in), m_out(out) {}

    bool run(JsonError* error)
    {
        skipSpace();
        if (!peekIs('{')) {
            return fail(error, QStringLiteral("expected '{' at the start of a JSON object"));
        }
        if (!parseObject(QString(), 0)) {
            return fail(error, m_message);
        }
        skipSpace();
        if (m_pos != m_in.size()) {
            return fail(error, QStringLiteral("unexpected text after the JSON object"));
        }
        return true;
    }

private:
    bool fail(JsonError* error, const QString& message)
    {
        if (error) {
            error->offset = m_pos;
            error->message = message;
        }
        return false;
    }

    bool setError(const char* message)
    {
        if (m_message.isEmpty()) {
            m_message = QString::fromLatin1(message);
        }
        return false;
    }

    void skipSpace()
    {
        while (m_pos < m_in.size()) {
            const char c = m_in[m_pos];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                break;
            }
            ++m_pos;
        }
    }

    bool peekIs(char c) const { return m_pos < m_in.size() && m_in[m_pos] == c; }

    static QString join(const QString& prefix, const QString& key)
    {
        return prefix.isEmpty() ? key : prefix + QLatin1Char('.') + key;
    }

    bool parseObject(const QString& prefix, int depth)
    {
        if (depth > kMaxDepth) {
            return setError("JSON nested too deeply");
        }
        ++m_pos; // '{'
        skipSpace();
        if (peekIs('}')) {
            ++m_pos;
            return true;
        }
        while (true) {
            skipSpace();
            if (!peekIs('"')) {
                return setError("expected a quoted member name");
            }
            QString key;
            if (!parseString(key)) {
                return false;
            }
            skipSpace();
            if (!peekIs(':')) {
                return setError("expected ':' after a member name");
            }
            ++m_pos;
            skipSpace();
            if (!parseMember(join(prefix, key), depth + 1)) {
                return false;
            }
            skipSpace();
            if (peekIs(',')) {
                ++m_pos;
                continue;
            }
            if (peekIs('}')) {
                ++m_pos;
                return true;
            }
            return setError(m_pos >= m_in.size() ? "JSON object is truncated"
                                                 : "expected ',' or '}' in an object");
        }
    }

    // A member value: objects are flattened, arrays may become lists, scalars are stored.
    bool parseMember(const QString& name, int depth)
    {
        if (peekIs('{')) {
            return parseObject(name, depth);
        }
        if (peekIs('[')) {
            return parseArray(name, depth);
        }
        FieldValue v;
        if (!parseScalar(v)) {
            return false;
        }
        m_out.append(name, std::move(v));
        return true;
    }

    bool parseArray(const QString& name, int depth)
    {
        if (depth > kMaxDepth) {
            return setError("JSON nested too deeply");
        }
        ++m_pos; // '['
        std::vector<FieldValue> scalars;
        int index = 0;
        skipSpace();
        if (peekIs(']')) {
            ++m_pos;
            m_out.append(name, FieldValue::fromList({}));
            return true;
        }
        while (true) {
            skipSpace();
            if (peekIs('{') || peekIs('[')) {
                if (!parseMember(name + QLatin1Char('.') + QString::number(index), depth + 1)) {
                    return false;
                }
            } else {
                FieldValue v;
                if (!parseScalar(v)) {
                    return false;
                }
                scalars.push_back(std::move(v));
            }
            ++index;
            skipSpace();
            if (peekIs(',')) {
                ++m_pos;
                continue;
            }
            if (peekIs(']')) {
                ++m_pos;
                break;
            }
            return setError(m_pos >= m_in.size() ? "JSON array is truncated"
                                                 : "expected ',' or ']' in an array");
        }
        if (!scalars.empty()) {
            m_out.append(name, FieldValue::fromList(std::move(scalars)));
        }
        return true;
    }

    bool parseLiteral(const char* word, FieldValue value, FieldValue& out)
    {
        const qsizetype n = qsizetype(std::strlen(word));
        if (m_in.size() - m_pos < n || std::memcmp(m_in.data() + m_pos, word, size_t(n)) != 0) {
            return setError("invalid JSON value");
        }
        m_pos += n;
        out = std::move(value);
        return true;
    }

    bool parseScalar(FieldValue& out)
    {
        if (m_pos >= m_in.size()) {
            return setError("JSON value is missing (truncated input?)");
        }
        const char c = m_in[m_pos];
        if (c == '"') {
            QString s;
            if (!parseString(s)) {
                return false;
            }
            out = FieldValue::fromString(std::move(s));
            return true;
        }
        if (c == 't') {
            return parseLiteral("true", FieldValue::fromBool(true), out);
        }
        if (c == 'f') {
            return parseLiteral("false", FieldValue::fromBool(false), out);
        }
        if (c == 'n') {
            return parseLiteral("null", FieldValue(), out);
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return parseNumber(out);
        }
        return setError("invalid JSON value");
    }

    bool parseNumber(FieldValue& out)
    {
        const qsizetype start = m_pos;
        bool integral = true;
        if (peekIs('-')) {
            ++m_pos;
        }
        auto digits = [this] {
            const qsizetype s = m_pos;
            while (m_pos < m_in.size() && m_in[m_pos] >= '0' && m_in[m_pos] <= '9') {
                ++m_pos;
            }
            return m_pos - s;
        };
        if (digits() == 0) {
            return setError("invalid JSON number");
        }
        if (peekIs('.')) {
            ++m_pos;
            integral = false;
            if (digits() == 0) {
                return setError("invalid JSON number");
            }
        }
        if (peekIs('e') || peekIs('E')) {
            ++m_pos;
            integral = false;
            if (peekIs('+') || peekIs('-')) {
                ++m_pos;
            }
            if (digits() == 0) {
                return setError("invalid JSON number");
            }
        }
        const QByteArray text(m_in.data() + start, m_pos - start);
        if (integral) {
            errno = 0;
            char* end = nullptr;
            const long long v = std::strtoll(text.constData(), &end, 10);
            if (errno == 0) {
                out = FieldValue::fromInt(v);
            } else {
                out = FieldValue::fromNumberText(std::strtod(text.constData(), nullptr),
                                                 QString::fromLatin1(text));
            }
            return true;
        }
        const double d = std::strtod(text.constData(), nullptr);
        constexpr double kExact = 9007199254740992.0; // 2^53: beyond it doubles skip integers
        if (std::isfinite(d) && std::trunc(d) == d && std::fabs(d) < kExact) {
            out = FieldValue::fromInt(static_cast<qint64>(d));
        } else if (std::isfinite(d)) {
            out = FieldValue::fromFloat(d);
        } else {
            out = FieldValue::fromNumberText(d, QString::fromLatin1(text));
        }
        return true;
    }

    static int hexValue(char c)
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

    bool readHex4(char16_t& unit)
    {
        if (m_in.size() - m_pos < 4) {
            return setError("truncated \\u escape");
        }
        int v = 0;
        for (int k = 0; k < 4; ++k) {
            const int h = hexValue(m_in[m_pos + k]);
            if (h < 0) {
                return setError("invalid \\u escape");
            }
            v = v * 16 + h;
        }
        m_pos += 4;
        unit = char16_t(v);
        return true;
    }

    bool parseString(QString& out)
    {
        ++m_pos; // opening quote
        const qsizetype start = m_pos;
        // Fast path: no escapes.
        while (m_pos < m_in.size()) {
            const char c = m_in[m_pos];
            if (c == '"') {
                out = QString::fromUtf8(m_in.data() + start, m_pos - start);
                ++m_pos;
                return true;
            }
            if (c == '\\') {
                break;
            }
            if (static_cast<unsigned char>(c) < 0x20) {
                return setError("control character inside a JSON string");
            }
            ++m_pos;
        }
        QString result = QString::fromUtf8(m_in.data() + start, m_pos - start);
        qsizetype runStart = m_pos;
        auto flushRun = [&] {
            if (m_pos > runStart) {
                result += QString::fromUtf8(m_in.data() + runStart, m_pos - runStart);
            }
        };
        while (m_pos < m_in.size()) {
            const char c = m_in[m_pos];
            if (c == '"') {
                flushRun();
                ++m_pos;
                out = std::move(result);
                return true;
            }
            if (static_cast<unsigned char>(c) < 0x20) {
                return setError("control character inside a JSON string");
            }
            if (c != '\\') {
                ++m_pos;
                continue;
            }
            flushRun();
            ++m_pos;
            if (m_pos >= m_in.size()) {
                break;
            }
            const char e = m_in[m_pos++];
            switch (e) {
            case '"': result += QLatin1Char('"'); break;
            case '\\': result += QLatin1Char('\\'); break;
            case '/': result += QLatin1Char('/'); break;
            case 'b': result += QLatin1Char('\b'); break;
            case 'f': result += QLatin1Char('\f'); break;
            case 'n': result += QLatin1Char('\n'); break;
            case 'r': result += QLatin1Char('\r'); break;
            case 't': result += QLatin1Char('\t'); break;
            case 'u': {
                char16_t unit = 0;
                if (!readHex4(unit)) {
                    return false;
                }
                result += QChar(unit);
                break;
            }
            default:
                return setError("invalid escape in a JSON string");
            }
            runStart = m_pos;
        }
        return setError("JSON string is not terminated (truncated input?)");
    }

    QByteArrayView m_in;
    Fields& m_out;
    qsizetype m_pos = 0;
    QString m_message;
};

} // namespace

namespace {

void appendAsItems(std::vector<FieldValue>& items, const FieldValue& v)
{
    if (v.isList()) {
        items.insert(items.end(), v.items().begin(), v.items().end());
    } else {
        items.push_back(v);
    }
}

// A name given twice ({"a":1,"a":2}, or {"a":{"b":1},"a.b":2} after flattening) keeps every
// value as one list, so a rule that looks for any of them still sees them all.
void mergeRepeatedNames(Fields& fields)
{
    const auto& entries = fields.entries();
    bool repeated = false;
    if (entries.size() <= 64) {
        // A cheap key per name (size, first, middle and last character), sorted: only names
        // with equal keys are compared, instead of every pair.
        std::array<std::pair<quint64, std::size_t>, 64> keys;
        const std::size_t n = entries.size();
        for (std::size_t i = 0; i < n; ++i) {
            const QString& name = entries[i].first;
            const qsizetype len = name.size();
            quint64 key = quint64(len) << 48;
            if (len > 0) {
                key |= quint64(name.front().unicode()) << 32 | quint64(name.back().unicode()) << 16
                       | name.at(len / 2).unicode();
            }
            keys[i] = {key, i};
        }
        std::sort(keys.begin(), keys.begin() + std::ptrdiff_t(n));
        for (std::size_t i = 1; i < n && !repeated; ++i) {
            for (std::size_t j = i; j > 0 && keys[j - 1].first == keys[i].first; --j) {
                if (entries[keys[i].second].first == entries[keys[j - 1].second].first) {
                    repeated = true;
                    break;
                }
            }
        }
    } else {
        QSet<QString> seen;
        for (const auto& e : entries) {
            if (seen.contains(e.first)) {
                repeated = true;
                break;
            }
            seen.insert(e.first);
        }
    }
    if (!repeated) {
        return;
    }
    Fields merged;
    std::vector<std::vector<FieldValue>> values;
    std::vector<QString> names;
    QHash<QString, std::size_t> index;
    for (const auto& [name, value] : entries) {
        const auto it = index.constFind(name);
        if (it == index.cend()) {
            index.insert(name, names.size());
            names.push_back(name);
            values.emplace_back();
            values.back().push_back(value);
        } else {
            values[*it].push_back(value);
        }
    }
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (values[i].size() == 1) {
            merged.append(names[i], values[i].front());
        } else {
            std::vector<FieldValue> items;
            for (const FieldValue& v : values[i]) {
                appendAsItems(items, v);
            }
            merged.append(names[i], FieldValue::fromList(std::move(items)));
        }
    }
    fields = std::move(merged);
}

} // namespace

bool parseJsonObjectFlat(QByteArrayView utf8, Fields& out, JsonError* error)
{
    // At most one member per ':' (colons inside strings overcount): the field list is then
    // allocated once instead of growing, and moving, five or six times per record.
    out.reserve(out.size() + std::size_t(std::count(utf8.begin(), utf8.end(), ':')) + 1);
    FlatParser parser(utf8, out);
    if (!parser.run(error)) {
        return false;
    }
    mergeRepeatedNames(out);
    return true;
}

namespace {

// Appends @p s when it is printable ASCII that needs no escaping (the common case: names,
// addresses, numbers), narrowing in place without a temporary; false and nothing appended else.
bool appendPlainAscii(QByteArray& out, QStringView s)
{
    const char16_t* p = s.utf16();
    const qsizetype n = s.size();
    const qsizetype at = out.size();
    out.resize(at + n); // one pass: copy while checking, take it back on the first odd character
    char* d = out.data() + at;
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = p[i];
        if (c < 0x20 || c >= 0x7f || c == u'"' || c == u'\\') {
            out.resize(at);
            return false;
        }
        d[i] = char(c);
    }
    return true;
}

} // namespace

void appendJsonString(QByteArray& out, QStringView s)
{
    static const char kHex[] = "0123456789abcdef";
    out += '"';
    if (appendPlainAscii(out, s)) {
        out += '"';
        return;
    }
    const QByteArray utf8 = s.toUtf8();
    // Copy runs of bytes that need no escaping in one go; escape the rest.
    const char* data = utf8.constData();
    const qsizetype n = utf8.size();
    qsizetype runStart = 0;
    auto at = [data, n](qsizetype i) {
        return i < n ? static_cast<unsigned char>(data[i]) : 0u;
    };
    for (qsizetype i = 0; i < n; ++i) {
        const auto c = static_cast<unsigned char>(data[i]);
        // C1 controls and bidirectional overrides are valid JSON but unsafe on a terminal:
        // write them as \u escapes (JSON readers decode them to the same text).
        int escapeCode = -1;
        int length = 1;
        if (c == 0xC2 && at(i + 1) >= 0x80 && at(i + 1) <= 0x9F) {
            escapeCode = int(at(i + 1));
            length = 2;
        } else if (c == 0xD8 && at(i + 1) == 0x9C) {
            escapeCode = 0x061C;
            length = 2;
        } else if (c == 0xE2 && ((at(i + 1) == 0x80 && at(i + 2) >= 0xAA && at(i + 2) <= 0xAE)
                                 || (at(i + 1) == 0x81 && at(i + 2) >= 0xA6 && at(i + 2) <= 0xA9))) {
            escapeCode = ((at(i + 1) & 0x3F) << 6 | (at(i + 2) & 0x3F)) | 0x2000;
            length = 3;
        }
        if (escapeCode >= 0) {
            out.append(data + runStart, i - runStart);
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", escapeCode);
            out.append(buf, 6);
            i += length - 1;
            runStart = i + 1;
            continue;
        }
        if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f) {
            continue;
        }
        out.append(data + runStart, i - runStart);
        runStart = i + 1;
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default: {
            const char escaped[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
            out.append(escaped, 6);
        }
        }
    }
    out.append(data + runStart, n - runStart);
    out += '"';
}

void appendJsonValue(QByteArray& out, const FieldValue& v)
{
    switch (v.type()) {
    case FieldValue::Type::Null:
        out += "null";
        break;
    case FieldValue::Type::Bool:
    case FieldValue::Type::Int:
        if (!appendPlainAscii(out, v.text())) {
            out += v.text().toLatin1();
        }
        break;
    case FieldValue::Type::Float:
        if (std::isfinite(v.toFloat()) || v.text().front().isDigit() || v.text().front() == u'-') {
            out += v.text().toLatin1();
        } else {
            out += "null";
        }
        break;
    case FieldValue::Type::String:
        appendJsonString(out, v.text());
        break;
    case FieldValue::Type::List: {
        out += '[';
        bool first = true;
        for (const FieldValue& item : v.items()) {
            if (!first) {
                out += ',';
            }
            first = false;
            appendJsonValue(out, item);
        }
        out += ']';
        break;
    }
    }
}

QByteArray fieldsToJson(const Fields& fields)
{
    QByteArray out;
    qsizetype estimate = 2;
    for (const auto& [name, value] : fields.entries()) {
        estimate += name.size() + value.text().size() + 8;
    }
    out.reserve(estimate + estimate / 8);
    out += '{';
    bool first = true;
    for (const auto& [name, value] : fields.entries()) {
        if (!first) {
            out += ',';
        }
        first = false;
        appendJsonString(out, name);
        out += ':';
        appendJsonValue(out, value);
    }
    out += '}';
    return out;
}

void JsonObjectWriter::key(QStringView k)
{
    if (m_out.size() > 1) {
        m_out += ',';
    }
    appendJsonString(m_out, k);
    m_out += ':';
}

JsonObjectWriter& JsonObjectWriter::add(QStringView k, QStringView value)
{
    key(k);
    appendJsonString(m_out, value);
    return *this;
}

JsonObjectWriter& JsonObjectWriter::add(QStringView k, qint64 value)
{
    key(k);
    m_out += QByteArray::number(value);
    return *this;
}

JsonObjectWriter& JsonObjectWriter::add(QStringView k, bool value)
{
    key(k);
    m_out += value ? "true" : "false";
    return *this;
}

JsonObjectWriter& JsonObjectWriter::addOptional(QStringView k, const QString& value)
{
    return value.isNull() ? addNull(k) : add(k, QStringView(value));
}

JsonObjectWriter& JsonObjectWriter::addNull(QStringView k)
{
    key(k);
    m_out += "null";
    return *this;
}

JsonObjectWriter& JsonObjectWriter::addRaw(QStringView k, const QByteArray& json)
{
    key(k);
    m_out += json;
    return *this;
}

} // namespace vigil
