#include "ingest/formats/cef.h"

#include "ingest/formats/format_time.h"
#include "ingest/formats/format_util.h"
#include "ingest/parser.h"
#include "model/event.h"

using namespace Qt::StringLiterals;

namespace vigil {

namespace {

constexpr int kHeaderParts = 7;

bool isKeyChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
           || c == '.' || c == '-' || c == '[' || c == ']';
}

// A header part with `\|` and `\\` undone.
QString headerText(QByteArrayView part)
{
    if (!part.contains('\\')) {
        return fmt::utf8(part);
    }
    QByteArray out;
    out.reserve(part.size());
    for (qsizetype i = 0; i < part.size(); ++i) {
        if (part[i] == '\\' && i + 1 < part.size() && (part[i + 1] == '|' || part[i + 1] == '\\')) {
            ++i;
        }
        out += part[i];
    }
    return QString::fromUtf8(out);
}

// An extension value with `\=`, `\\`, `\n`, `\r`, `\|` undone; other backslashes stay.
QString valueText(QByteArrayView v)
{
    if (!v.contains('\\')) {
        return fmt::utf8(v);
    }
    QByteArray out;
    out.reserve(v.size());
    for (qsizetype i = 0; i < v.size(); ++i) {
        const char c = v[i];
        if (c == '\\' && i + 1 < v.size()) {
            const char next = v[i + 1];
            if (next == '=' || next == '\\' || next == '|') {
                out += next;
                ++i;
                continue;
            }
            if (next == 'n' || next == 'r') {
                out += next == 'n' ? '\n' : '\r';
                ++i;
                continue;
            }
        }
        out += c;
    }
    return QString::fromUtf8(out);
}

// The length of a `key=` at i (key and '='), or 0 when there is none.
qsizetype keyAt(QByteArrayView s, qsizetype i)
{
    qsizetype k = i;
    while (k < s.size() && isKeyChar(s[k])) {
        ++k;
    }
    return (k > i && k < s.size() && s[k] == '=') ? k - i + 1 : 0;
}

// Where the value that starts at i ends: the space before the next `key=`, or the end.
qsizetype valueEnd(QByteArrayView s, qsizetype i)
{
    while (i < s.size()) {
        const char c = s[i];
        if (c == '\\') {
            i += 2;
            continue;
        }
        if (c == ' ' && keyAt(s, i + 1) > 0) {
            return i;
        }
        ++i;
    }
    return s.size();
}

QByteArrayView trimSpacesRight(QByteArrayView v)
{
    while (!v.isEmpty() && (v.back() == ' ' || v.back() == '\t')) {
        v.chop(1);
    }
    return v;
}

void fillCefCommon(Event& out)
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
    if (const FieldValue* v = first({u"src", u"sourceAddress"})) {
        fmt::setCommonIp(out, u"src_ip"_s, v->text());
    }
    if (const FieldValue* v = first({u"spt", u"sourcePort"})) {
        fmt::setCommonPort(out, u"src_port"_s, v->text());
    }
    if (const FieldValue* v = first({u"dst", u"destinationAddress"})) {
        fmt::setCommonIp(out, u"dst_ip"_s, v->text());
    }
    if (const FieldValue* v = first({u"dpt", u"destinationPort"})) {
        fmt::setCommonPort(out, u"dst_port"_s, v->text());
    }
    if (const FieldValue* v =
            first({u"suser", u"sourceUserName", u"duser", u"destinationUserName"})) {
        fmt::setCommon(out, u"user"_s, v->text());
    }
    if (const FieldValue* v =
            first({u"sproc", u"sourceProcessName", u"dproc", u"destinationProcessName"})) {
        fmt::setCommon(out, u"process"_s, v->text());
    }
    if (const FieldValue* v = first({u"request", u"requestURL"})) {
        fmt::setCommon(out, u"url"_s, v->text());
    }
    if (const FieldValue* v = first({u"act", u"deviceAction"})) {
        fmt::setCommon(out, u"action"_s, v->text());
    }
    if (const FieldValue* v = first({u"outcome", u"eventOutcome"})) {
        fmt::setCommon(out, u"outcome"_s, fmt::normalizeOutcome(v->text()));
    }
    if (const FieldValue* v = first({u"proto", u"transportProtocol", u"app"})) {
        fmt::setCommon(out, u"protocol"_s, v->text().toLower());
    }
}

} // namespace

void readCefExtension(QByteArrayView ext, Event& out)
{
    qsizetype i = 0;
    while (i < ext.size() && ext[i] == ' ') {
        ++i;
    }
    if (i < ext.size() && keyAt(ext, i) == 0) {
        const qsizetype end = valueEnd(ext, i);
        const QByteArrayView text = trimSpacesRight(ext.sliced(i, end - i));
        if (!text.isEmpty()) {
            out.fields.append(u"unparsed"_s, FieldValue::fromString(fmt::utf8(text)));
        }
        i = end + 1;
    }
    fmt::FieldAppender fields(out.fields);
    while (i < ext.size()) {
        const qsizetype keyLen = keyAt(ext, i);
        if (keyLen == 0) {
            break; // cannot happen: valueEnd() stops only before a key
        }
        const QString key = fmt::internKey(ext.sliced(i, keyLen - 1));
        const qsizetype start = i + keyLen;
        const qsizetype end = valueEnd(ext, start);
        fields.add(key, FieldValue::fromString(
                            valueText(trimSpacesRight(ext.sliced(start, end - start)))));
        i = end + 1;
    }
}

bool readCef(QByteArrayView cef, const ParseContext& ctx, Event& out, QString& reason)
{
    // Header parts end at unescaped '|'.
    QByteArrayView parts[kHeaderParts];
    int found = 0;
    qsizetype start = 4; // after "CEF:"
    qsizetype i = start;
    qsizetype extStart = -1;
    for (; i < cef.size(); ++i) {
        if (cef[i] == '\\') {
            ++i;
            continue;
        }
        if (cef[i] == '|') {
            parts[found++] = cef.sliced(start, i - start);
            start = i + 1;
            if (found == kHeaderParts) {
                extStart = start;
                break;
            }
        }
    }
    if (found == kHeaderParts - 1) {
        // No '|' after Severity: a record without extension.
        parts[found++] = trimSpacesRight(cef.sliced(std::min(start, cef.size())));
    }
    if (found < kHeaderParts) {
        reason = u"CEF header has %1 of its 7 parts (CEF:Version|Device Vendor|Device Product|"
                 u"Device Version|Signature ID|Name|Severity|Extension)"_s.arg(found);
        return false;
    }
    static const QString kNames[kHeaderParts] = {
        u"cef_version"_s,  u"device_vendor"_s, u"device_product"_s, u"device_version"_s,
        u"signature_id"_s, u"name"_s,          u"severity"_s};
    out.fields.reserve(out.fields.size() + 32);
    for (int p = 0; p < kHeaderParts; ++p) {
        out.fields.set(kNames[p], FieldValue::fromString(headerText(parts[p])));
    }
    if (extStart >= 0) {
        readCefExtension(cef.sliced(extStart), out);
    }
    out.severity = fmt::severityFromTenScale(out.fields.text(u"severity").trimmed());
    for (const QStringView key : {u"rt", u"end", u"start"}) {
        const FieldValue* v = out.fields.find(key);
        if (v && !v->isList() && fmt::setTimeFromText(out, QStringView(v->text()), ctx)) {
            break;
        }
    }
    if (const FieldValue* host = out.fields.find(u"dvchost"); host && !host->text().isEmpty()) {
        out.host = host->text();
    }
    fillCefCommon(out);
    return true;
}

} // namespace vigil
