#include "ingest/formats/syslog_payload.h"

#include "ingest/formats/auth_extract.h"
#include "ingest/formats/cef.h"
#include "ingest/formats/format_util.h"
#include "ingest/formats/leef.h"
#include "ingest/formats/netfilter.h"
#include "ingest/formats/snare.h"
#include "ingest/summary.h"
#include "model/event.h"

using namespace Qt::StringLiterals;

namespace vigil {

namespace {

QStringView leftTrimmed(QStringView s)
{
    qsizetype i = 0;
    while (i < s.size() && (s[i] == u' ' || s[i] == u'\t')) {
        ++i;
    }
    return s.sliced(i);
}

ParseResult rejectWith(const QString& reason)
{
    return {false, reason};
}

} // namespace

ParseResult applySyslogPayload(const ParseContext& ctx, Event& out)
{
    const QString app = out.fields.text(u"app_name");
    if (!app.isEmpty()) {
        fmt::setCommon(out, u"process"_s, app);
    }
    const FieldValue* message = out.fields.find(u"message");
    if (!message) {
        return {};
    }
    const QStringView msg = leftTrimmed(message->text());
    QString reason;
    if (msg.startsWith(u"CEF:")) {
        const QByteArray bytes = msg.toUtf8();
        if (!readCef(bytes, ctx, out, reason)) {
            return rejectWith(reason);
        }
        out.format = u"cef"_s;
        return {};
    }
    if (msg.startsWith(u"LEEF:")) {
        const QByteArray bytes = msg.toUtf8();
        if (!readLeef(bytes, ctx, out, reason)) {
            return rejectWith(reason);
        }
        out.format = u"leef"_s;
        return {};
    }
    if (msg.startsWith(u"MSWinEventLog\t")) {
        const QByteArray bytes = msg.toUtf8();
        if (!readSnare(bytes, 0, ctx, out, reason)) {
            return rejectWith(reason);
        }
        // The message is the whole tab-separated record, now in its fields; its `Message` part
        // would otherwise sit next to a `message` differing only in case.
        fmt::removeField(out.fields, u"message");
        out.format = u"snare"_s;
        return {};
    }
    if (app == u"filterlog") {
        // Only the program name says filterlog: a line that does not read as one stays a plain
        // syslog event here (the pfsense parser rejects it).
        if (readFilterlog(msg.toUtf8(), out, reason)) {
            out.format = u"pfsense"_s;
        }
        return {};
    }
    if (msg.contains(u"IN=") && msg.contains(u" OUT=")) {
        const QByteArray bytes = msg.toUtf8();
        const qsizetype start = netfilterStart(bytes);
        if (start >= 0) {
            readNetfilter(bytes, start, out);
            out.format = u"iptables"_s;
            return {};
        }
    }
    fillAuthCommon(out, app, msg);
    return {};
}

SyslogFamilyParser::SyslogFamilyParser(Kind kind)
    : m_kind(kind)
{
}

QString SyslogFamilyParser::format() const
{
    switch (m_kind) {
    case Kind::Cef:
        return u"cef"_s;
    case Kind::Leef:
        return u"leef"_s;
    case Kind::Snare:
        return u"snare"_s;
    case Kind::Iptables:
        return u"iptables"_s;
    case Kind::Pfsense:
        break;
    }
    return u"pfsense"_s;
}

ParseResult SyslogFamilyParser::parse(QByteArrayView record, const ParseContext& ctx,
                                      Event& out) const
{
    while (!record.isEmpty() && (record.back() == '\n' || record.back() == '\r')) {
        record.chop(1);
    }
    QByteArrayView trimmed = record; // leading blanks only: trailing ones may be a value's
    while (!trimmed.isEmpty() && (trimmed.front() == ' ' || trimmed.front() == '\t')) {
        trimmed = trimmed.sliced(1);
    }
    const bool bareCef = m_kind == Kind::Cef && trimmed.startsWith("CEF:");
    const bool bareLeef = m_kind == Kind::Leef && trimmed.startsWith("LEEF:");
    const qsizetype snare =
        m_kind == Kind::Snare && !record.startsWith('<') ? snareStart(record) : -1;
    if (bareCef || bareLeef || snare >= 0) {
        out.fields.clear();
        out.common.clear();
        out.host.clear();
        out.severity = -1;
        out.format = format();
        setReceivedTime(out, ctx.receivedNs);
        QString reason;
        const bool ok = bareCef    ? readCef(trimmed, ctx, out, reason)
                        : bareLeef ? readLeef(trimmed, ctx, out, reason)
                                   : readSnare(record, snare, ctx, out, reason);
        if (!ok) {
            return {false, reason};
        }
        out.summary = summarize(out);
        return {};
    }
    ParseResult result = m_syslog.parse(record, ctx, out);
    if (!result.ok && result.foreign) {
        result.reason = u"not a %1 record: %2"_s.arg(format(), result.reason);
    }
    if (result.ok && m_kind == Kind::Pfsense && out.format != u"pfsense"
        && out.fields.text(u"app_name") == u"filterlog") {
        QString reason;
        Event probe;
        readFilterlog(out.fields.text(u"message").toUtf8(), probe, reason);
        return {false, reason};
    }
    return result;
}

} // namespace vigil
