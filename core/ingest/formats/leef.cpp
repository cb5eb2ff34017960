#include "ingest/formats/leef.h"

#include "ingest/formats/cef.h"
#include "ingest/formats/format_time.h"
#include "ingest/formats/format_util.h"
#include "ingest/parser.h"
#include "model/event.h"

using namespace Qt::StringLiterals;

namespace vigil {

namespace {

constexpr int kHeaderParts = 5;

int hexDigit(char c)
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

// The LEEF 2.0 delimiter part: one character, or hex (`0x09`, `x09`, `\x09`); -1 when the part
// is not a delimiter (then it is the start of the attributes).
int delimiterOf(QByteArrayView part)
{
    if (part.size() == 1 && part[0] != '=') {
        return static_cast<unsigned char>(part[0]);
    }
    QByteArrayView hex = part;
    if (hex.startsWith("0x") || hex.startsWith("0X") || hex.startsWith("\\x")) {
        hex = hex.sliced(2);
    } else if (hex.startsWith('x') || hex.startsWith('X')) {
        hex = hex.sliced(1);
    } else {
        return -1;
    }
    if (hex.isEmpty() || hex.size() > 2) {
        return -1;
    }
    int value = 0;
    for (const char c : hex) {
        const int d = hexDigit(c);
        if (d < 0) {
            return -1;
        }
        value = value * 16 + d;
    }
    return value == 0 ? -1 : value;
}

// Some LEEF 1.0 producers (CyberArk PTA) separate their first attributes with '|' too:
// `Cat=x|sev=8|src=a<TAB>usrName=b`. A '|' directly followed by `key=` ends a value.
qsizetype pipeBeforeKey(QByteArrayView s, qsizetype from, qsizetype end)
{
    for (qsizetype i = s.indexOf('|', from); i >= 0 && i < end; i = s.indexOf('|', i + 1)) {
        qsizetype k = i + 1;
        while (k < end
               && ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z')
                   || (s[k] >= '0' && s[k] <= '9') || s[k] == '_')) {
            ++k;
        }
        if (k > i + 1 && k < end && s[k] == '=') {
            return i;
        }
    }
    return -1;
}

void readAttributes(QByteArrayView attrs, char delimiter, Event& out)
{
    fmt::FieldAppender fields(out.fields);
    QString unparsed;
    qsizetype i = 0;
    while (i <= attrs.size()) {
        qsizetype end = attrs.indexOf(delimiter, i);
        if (end < 0) {
            end = attrs.size();
        }
        if (delimiter != '|') {
            if (const qsizetype pipe = pipeBeforeKey(attrs, i, end); pipe >= 0) {
                end = pipe;
            }
        }
        const QByteArrayView part = attrs.sliced(i, end - i);
        const qsizetype eq = part.indexOf('=');
        if (eq > 0) {
            fields.add(fmt::internKey(part.first(eq)),
                       FieldValue::fromString(fmt::utf8(part.sliced(eq + 1))));
        } else if (!part.trimmed().isEmpty()) {
            if (!unparsed.isEmpty()) {
                unparsed += QChar(u' ');
            }
            unparsed += fmt::utf8(part);
        }
        i = end + 1;
    }
    if (!unparsed.isEmpty()) {
        out.fields.append(u"unparsed"_s, FieldValue::fromString(unparsed));
    }
}

void fillLeefCommon(Event& out)
{
    const auto first = [&out](std::initializer_list<QStringView> names) -> const FieldValue* {
        for (const QStringView n : names) {
            const FieldValue* v = out.fields.find(n);
            if (v && !v->isList() && !v->text().isEmpty()) {
                return v;
            }
        }
        return nullptr;
    };
    if (const FieldValue* v = first({u"src", u"srcPreNAT"})) {
        fmt::setCommonIp(out, u"src_ip"_s, v->text());
    }
    if (const FieldValue* v = first({u"srcPort", u"srcPreNATPort"})) {
        fmt::setCommonPort(out, u"src_port"_s, v->text());
    }
    if (const FieldValue* v = first({u"dst", u"dstPreNAT"})) {
        fmt::setCommonIp(out, u"dst_ip"_s, v->text());
    }
    if (const FieldValue* v = first({u"dstPort", u"dstPreNATPort"})) {
        fmt::setCommonPort(out, u"dst_port"_s, v->text());
    }
    if (const FieldValue* v = first({u"usrName", u"accountName", u"suser"})) {
        fmt::setCommon(out, u"user"_s, v->text());
    }
    if (const FieldValue* v = first({u"proto"})) {
        fmt::setCommon(out, u"protocol"_s, v->text().toLower());
    }
    if (const FieldValue* v = first({u"url"})) {
        fmt::setCommon(out, u"url"_s, v->text());
    }
    if (const FieldValue* v = first({u"action", u"act"})) {
        fmt::setCommon(out, u"action"_s, v->text());
    }
}

} // namespace

bool readLeef(QByteArrayView leef, const ParseContext& ctx, Event& out, QString& reason)
{
    QByteArrayView parts[kHeaderParts + 1];
    int found = 0;
    qsizetype start = 5; // after "LEEF:"
    qsizetype rest = -1;
    for (qsizetype i = start; i < leef.size(); ++i) {
        if (leef[i] == '|') {
            parts[found++] = leef.sliced(start, i - start);
            start = i + 1;
            if (found == kHeaderParts) {
                rest = start;
                break;
            }
        }
    }
    if (found < kHeaderParts) {
        reason = u"LEEF header has %1 of its 5 parts (LEEF:Version|Vendor|Product|Version|"
                 u"EventID|attributes)"_s.arg(found);
        return false;
    }
    static const QString kNames[kHeaderParts] = {u"leef_version"_s, u"device_vendor"_s,
                                                 u"device_product"_s, u"device_version"_s,
                                                 u"event_id"_s};
    for (int p = 0; p < kHeaderParts; ++p) {
        out.fields.set(kNames[p], FieldValue::fromString(fmt::utf8(parts[p])));
    }
    QByteArrayView attrs = leef.sliced(rest);
    char delimiter = '\t';
    bool declared = false;
    if (parts[0].startsWith("2")) {
        const qsizetype bar = attrs.indexOf('|');
        if (bar >= 0) {
            const int d = bar == 0 ? '\t' : delimiterOf(attrs.first(bar));
            if (d > 0) {
                delimiter = char(d);
                declared = true;
                attrs = attrs.sliced(bar + 1);
            }
        }
    }
    while (!attrs.isEmpty() && (attrs.back() == '\r' || attrs.back() == '\n')) {
        attrs.chop(1);
    }
    if (!declared && !attrs.contains('\t') && attrs.count('=') > 1) {
        readCefExtension(attrs, out);
    } else {
        readAttributes(attrs, delimiter, out);
    }
    if (const FieldValue* sev = out.fields.find(u"sev"); sev && !sev->isList()) {
        out.severity = fmt::severityFromTenScale(QStringView(sev->text()).trimmed());
    }
    if (const FieldValue* t = out.fields.find(u"devTime"); t && !t->isList()) {
        fmt::setTimeFromText(out, QStringView(t->text()), ctx);
    }
    fillLeefCommon(out);
    return true;
}

} // namespace vigil
