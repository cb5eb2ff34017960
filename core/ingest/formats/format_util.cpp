#include "ingest/formats/format_util.h"

#include <algorithm>
#include <limits>

#include <QHash>
#include <QTimeZone>

#include "ingest/parser.h"
#include "model/event.h"

using namespace Qt::StringLiterals;

namespace vigil::fmt {

namespace {

bool isHex(QChar c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}

bool isIpv4(QStringView s)
{
    int parts = 0;
    qsizetype i = 0;
    while (true) {
        int value = 0;
        int digits = 0;
        while (i < s.size() && s[i] >= u'0' && s[i] <= u'9' && digits < 4) {
            value = value * 10 + (s[i].unicode() - u'0');
            ++digits;
            ++i;
        }
        if (digits == 0 || digits > 3 || value > 255) {
            return false;
        }
        ++parts;
        if (i == s.size()) {
            return parts == 4;
        }
        if (s[i] != u'.' || parts == 4) {
            return false;
        }
        ++i;
    }
}

bool isIpv6(QStringView s)
{
    if (s.size() < 2 || s.size() > 45) {
        return false;
    }
    int groups = 0;
    bool compressed = false;
    qsizetype i = 0;
    if (s.startsWith(u"::")) {
        compressed = true;
        i = 2;
        if (i == s.size()) {
            return true;
        }
    }
    while (i < s.size()) {
        qsizetype j = i;
        while (j < s.size() && isHex(s[j]) && j - i < 5) {
            ++j;
        }
        if (j < s.size() && s[j] == u'.') {
            // An embedded IPv4 address ends the address and counts as two groups.
            return isIpv4(s.sliced(i)) && (compressed ? groups <= 5 : groups == 6);
        }
        if (j == i || j - i > 4) {
            return false;
        }
        ++groups;
        if (j == s.size()) {
            break;
        }
        if (s[j] != u':') {
            return false;
        }
        if (j + 1 < s.size() && s[j + 1] == u':') {
            if (compressed) {
                return false;
            }
            compressed = true;
            i = j + 2;
            if (i == s.size()) {
                break;
            }
            continue;
        }
        i = j + 1;
        if (i == s.size()) {
            return false; // a trailing single ':'
        }
    }
    return compressed ? groups <= 7 : groups == 8;
}

} // namespace

ParseResult headerLine()
{
    ParseResult r;
    r.header = true;
    return r;
}

QString utf8(QByteArrayView bytes)
{
    return QString::fromUtf8(bytes);
}

std::optional<qint64> toInt(QByteArrayView s)
{
    qsizetype i = 0;
    const bool negative = !s.isEmpty() && s[0] == '-';
    i += negative ? 1 : 0;
    if (i == s.size() || s.size() - i > 19) {
        return std::nullopt;
    }
    quint64 v = 0;
    for (; i < s.size(); ++i) {
        if (s[i] < '0' || s[i] > '9') {
            return std::nullopt;
        }
        v = v * 10 + quint64(s[i] - '0');
    }
    if (v > quint64(std::numeric_limits<qint64>::max()) + (negative ? 1 : 0)) {
        return std::nullopt;
    }
    return negative ? qint64(0 - v) : qint64(v);
}

std::optional<qint64> toInt(QStringView s)
{
    if (s.size() > 20) {
        return std::nullopt;
    }
    char buf[24];
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char16_t c = s[i].unicode();
        if (c > 0x7f) {
            return std::nullopt;
        }
        buf[i] = char(c);
    }
    return toInt(QByteArrayView(buf, s.size()));
}

std::optional<int> toPort(QStringView s)
{
    if (s.isEmpty() || s.size() > 5 || s[0] == u'-') {
        return std::nullopt;
    }
    const auto v = toInt(s);
    if (!v || *v > 65535) {
        return std::nullopt;
    }
    return int(*v);
}

bool isIpAddress(QStringView s)
{
    if (s.isEmpty()) {
        return false;
    }
    return s.contains(u':') ? isIpv6(s) : isIpv4(s);
}

void setCommon(Event& e, const QString& name, const QString& text)
{
    if (!text.isEmpty()) {
        e.common.set(name, FieldValue::fromString(text));
    }
}

void setCommonInt(Event& e, const QString& name, qint64 value)
{
    e.common.set(name, FieldValue::fromInt(value));
}

void setCommonPort(Event& e, const QString& name, QStringView text)
{
    if (const auto port = toPort(text)) {
        e.common.set(name, FieldValue::fromInt(*port));
    }
}

void setCommonIp(Event& e, const QString& name, QStringView text)
{
    if (isIpAddress(text)) {
        e.common.set(name, FieldValue::fromString(text.toString()));
    }
}

bool copyToCommon(Event& e, QStringView from, const QString& to)
{
    const FieldValue* v = e.fields.find(from);
    if (!v || v->isNull() || v->isList() || v->text().isEmpty()) {
        return false;
    }
    if (to == u"src_port" || to == u"dst_port") {
        const auto port = toPort(v->text());
        if (!port) {
            return false;
        }
        e.common.set(to, FieldValue::fromInt(*port));
        return true;
    }
    if (to == u"http_status") {
        const auto status = toInt(QStringView(v->text()));
        if (!status || *status < 100 || *status > 999) {
            return false;
        }
        e.common.set(to, FieldValue::fromInt(*status));
        return true;
    }
    if (to == u"src_ip" || to == u"dst_ip") {
        if (!isIpAddress(v->text())) {
            return false;
        }
    }
    e.common.set(to, FieldValue::fromString(v->text()));
    return true;
}

void noteZoneAssumed(Event& e, const ParseContext& ctx)
{
    const QString id = ctx.zone.isValid() ? QString::fromUtf8(ctx.zone.id()) : u"UTC"_s;
    e.common.set(u"time_zone_assumed"_s, FieldValue::fromString(id));
}

void addRepeatable(Fields& fields, const QString& name, FieldValue value)
{
    const FieldValue* old = fields.find(name);
    if (!old) {
        fields.append(name, std::move(value));
        return;
    }
    std::vector<FieldValue> items = old->isList() ? old->items() : std::vector<FieldValue>{*old};
    items.push_back(std::move(value));
    fields.set(name, FieldValue::fromList(std::move(items)));
}

QString internKey(QByteArrayView key)
{
    struct Slot {
        QByteArray bytes;
        QString name;
    };
    constexpr std::size_t kSlots = 512;
    thread_local std::vector<Slot> cache(kSlots);
    if (key.size() > 64) {
        return QString::fromUtf8(key);
    }
    Slot& slot = cache[qHash(key) % kSlots];
    if (slot.bytes != key) {
        slot.bytes = key.toByteArray();
        slot.name = QString::fromUtf8(key);
    }
    return slot.name;
}

FieldAppender::FieldAppender(Fields& fields)
    : m_fields(fields)
{
    m_hashes.reserve(fields.size() + 32);
    for (const auto& entry : fields.entries()) {
        m_hashes.push_back(qHash(entry.first));
    }
}

void FieldAppender::add(const QString& name, FieldValue value)
{
    const std::size_t h = qHash(name);
    if (std::find(m_hashes.begin(), m_hashes.end(), h) != m_hashes.end()) {
        addRepeatable(m_fields, name, std::move(value)); // maybe seen: compare for real
        return;
    }
    m_hashes.push_back(h);
    m_fields.append(name, std::move(value));
}

void removeField(Fields& fields, QStringView name)
{
    if (!fields.contains(name)) {
        return;
    }
    Fields kept;
    kept.reserve(fields.size());
    for (const auto& [n, v] : fields.entries()) {
        if (n != name) {
            kept.append(n, v);
        }
    }
    fields = std::move(kept);
}

QString normalizeOutcome(QStringView text)
{
    static constexpr QStringView kSuccess[] = {u"success", u"succeeded", u"successful",
                                               u"ok",      u"accepted",  u"true"};
    static constexpr QStringView kFailure[] = {u"failure", u"failed",   u"fail", u"error",
                                               u"denied",  u"rejected", u"false"};
    for (const QStringView s : kSuccess) {
        if (text.compare(s, Qt::CaseInsensitive) == 0) {
            return u"success"_s;
        }
    }
    for (const QStringView s : kFailure) {
        if (text.compare(s, Qt::CaseInsensitive) == 0) {
            return u"failure"_s;
        }
    }
    if (text.compare(u"unknown", Qt::CaseInsensitive) == 0) {
        return u"unknown"_s;
    }
    return {};
}

int severityFromTenScale(QStringView text)
{
    if (const auto n = toInt(text)) {
        if (*n < 0 || *n > 10) {
            return -1;
        }
        return *n <= 3 ? 5 : *n <= 6 ? 4 : *n <= 8 ? 3 : 2;
    }
    struct Name {
        QStringView name;
        int severity;
    };
    static constexpr Name kNames[] = {
        {u"low", 5}, {u"medium", 4}, {u"high", 3}, {u"very-high", 2}, {u"very high", 2}};
    for (const Name& n : kNames) {
        if (text.compare(n.name, Qt::CaseInsensitive) == 0) {
            return n.severity;
        }
    }
    return -1;
}

int severityFromIdsPriority(qint64 priority)
{
    if (priority < 1) {
        return -1;
    }
    return priority == 1 ? 3 : priority == 2 ? 4 : priority == 3 ? 5 : 6;
}

} // namespace vigil::fmt
