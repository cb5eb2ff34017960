#include "ingest/syslog_sd.h"

#include "model/event.h"

using namespace Qt::StringLiterals;

namespace vigil {

namespace {

// SD-NAME: printable US-ASCII except '=', SP, ']' and '"'.
bool isSdNameChar(char c)
{
    return c > 32 && c < 127 && c != '=' && c != ']' && c != '"';
}

qsizetype fail(QString& error, const QString& what, qsizetype offset)
{
    error = u"RFC 5424 "_s + what + u" at byte "_s + QString::number(offset);
    return -1;
}

void addParam(Fields& out, const QString& name, QString value)
{
    const FieldValue* existing = out.find(name);
    if (!existing) {
        out.append(name, FieldValue::fromString(std::move(value)));
        return;
    }
    std::vector<FieldValue> items =
        existing->isList() ? existing->items() : std::vector<FieldValue>{*existing};
    items.push_back(FieldValue::fromString(std::move(value)));
    out.set(name, FieldValue::fromList(std::move(items)));
}

// PARAM-VALUE from just after the opening quote; returns the offset after the closing quote.
qsizetype readValue(QByteArrayView s, qsizetype i, QString& value, QString& error)
{
    const qsizetype start = i;
    QByteArray unescaped;
    bool escaped = false;
    qsizetype run = i;
    for (; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '"') {
            break;
        }
        if (c == '\\' && i + 1 < s.size()
            && (s[i + 1] == '"' || s[i + 1] == '\\' || s[i + 1] == ']')) {
            unescaped.append(s.sliced(run, i - run));
            unescaped.append(s[i + 1]);
            escaped = true;
            ++i;
            run = i + 1;
        }
    }
    if (i >= s.size()) {
        return fail(error, u"SD-PARAM value is not terminated"_s, start - 1);
    }
    if (escaped) {
        unescaped.append(s.sliced(run, i - run));
        value = QString::fromUtf8(unescaped);
    } else {
        value = QString::fromUtf8(s.sliced(start, i - start));
    }
    return i + 1;
}

} // namespace

qsizetype readStructuredData(QByteArrayView s, qsizetype i, Fields& out, QString& error)
{
    while (i < s.size() && s[i] == '[') {
        const qsizetype idStart = ++i;
        while (i < s.size() && isSdNameChar(s[i])) {
            ++i;
        }
        if (i == idStart) {
            return fail(error, u"SD-ID is empty"_s, i);
        }
        const QString prefix = u"sd."_s + QString::fromUtf8(s.sliced(idStart, i - idStart))
            + u'.';
        while (true) {
            if (i >= s.size()) {
                return fail(error, u"STRUCTURED-DATA is truncated"_s, i);
            }
            if (s[i] == ']') {
                ++i;
                break;
            }
            if (s[i] != ' ') {
                return fail(error, u"unexpected character in STRUCTURED-DATA"_s, i);
            }
            while (i < s.size() && s[i] == ' ') {
                ++i;
            }
            if (i < s.size() && s[i] == ']') {
                continue;
            }
            const qsizetype nameStart = i;
            while (i < s.size() && isSdNameChar(s[i])) {
                ++i;
            }
            if (i == nameStart) {
                return fail(error, u"SD-PARAM name is empty"_s, i);
            }
            if (s.size() - i < 2 || s[i] != '=' || s[i + 1] != '"') {
                return fail(error, u"expected =\" after an SD-PARAM name"_s, i);
            }
            const QString name = prefix + QString::fromUtf8(s.sliced(nameStart, i - nameStart));
            QString value;
            i = readValue(s, i + 2, value, error);
            if (i < 0) {
                return -1;
            }
            addParam(out, name, std::move(value));
        }
    }
    return i;
}

} // namespace vigil
