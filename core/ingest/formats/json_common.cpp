#include "ingest/formats/json_common.h"

#include "ingest/formats/auth_extract.h"
#include "ingest/formats/format_util.h"
#include "ingest/formats/windows_common.h"
#include "model/event.h"

using namespace Qt::StringLiterals;

namespace vigil {

namespace {

const FieldValue* scalar(const Event& e, QStringView name)
{
    const FieldValue* v = e.fields.find(name);
    return (v && !v->isNull() && !v->isList() && !v->text().isEmpty()) ? v : nullptr;
}

QString textOf(const Event& e, QStringView name)
{
    const FieldValue* v = scalar(e, name);
    return v ? v->text() : QString();
}

// The first element of a list, or the scalar (ECS event.category is a list).
QString firstItem(const Event& e, QStringView name)
{
    const FieldValue* v = e.fields.find(name);
    if (!v) {
        return {};
    }
    if (v->isList()) {
        return v->items().empty() ? QString() : v->items().front().text();
    }
    return v->text();
}

QString eveCategory(QStringView type)
{
    if (type == u"alert" || type == u"anomaly" || type == u"drop") {
        return u"ids_alert"_s;
    }
    if (type == u"dns") {
        return u"dns"_s;
    }
    if (type == u"http") {
        return u"web"_s;
    }
    if (type == u"fileinfo") {
        return u"file"_s;
    }
    if (type == u"stats") {
        return {};
    }
    return u"network"_s; // flow, netflow, tls, ssh, smb, dhcp ...
}

void fillEve(Event& out)
{
    const QString type = textOf(out, u"event_type");
    fmt::setCommon(out, u"category"_s, eveCategory(type));
    fmt::copyToCommon(out, u"src_ip", u"src_ip"_s);
    fmt::copyToCommon(out, u"src_port", u"src_port"_s);
    fmt::copyToCommon(out, u"dest_ip", u"dst_ip"_s);
    fmt::copyToCommon(out, u"dest_port", u"dst_port"_s);
    fmt::setCommon(out, u"protocol"_s, textOf(out, u"proto").toLower());
    if (type == u"alert" || type == u"drop") {
        fmt::setCommon(out, u"action"_s, textOf(out, u"alert.action"));
        fmt::setCommon(out, u"signature"_s, textOf(out, u"alert.signature"));
        if (const FieldValue* sev = scalar(out, u"alert.severity"); sev && sev->isNumber()) {
            out.severity = fmt::severityFromIdsPriority(sev->toInt());
        }
    } else if (type == u"anomaly") {
        fmt::setCommon(out, u"signature"_s, textOf(out, u"anomaly.event"));
    } else if (type == u"dns") {
        fmt::setCommon(out, u"action"_s, textOf(out, u"dns.type"));
    } else if (type == u"flow") {
        fmt::setCommon(out, u"action"_s, textOf(out, u"flow.state"));
    }
    if (scalar(out, u"http.url")) {
        fmt::copyToCommon(out, u"http.url", u"url"_s);
        fmt::copyToCommon(out, u"http.status", u"http_status"_s);
        if (type == u"http") {
            fmt::setCommon(out, u"action"_s, textOf(out, u"http.http_method"));
        }
    }
}

void fillEcs(Event& out)
{
    fmt::copyToCommon(out, u"source.ip", u"src_ip"_s);
    fmt::copyToCommon(out, u"source.port", u"src_port"_s);
    fmt::copyToCommon(out, u"destination.ip", u"dst_ip"_s);
    fmt::copyToCommon(out, u"destination.port", u"dst_port"_s);
    fmt::copyToCommon(out, u"user.name", u"user"_s);
    if (!fmt::copyToCommon(out, u"process.executable", u"process"_s)) {
        fmt::copyToCommon(out, u"process.name", u"process"_s);
    }
    fmt::setCommon(out, u"category"_s, firstItem(out, u"event.category"));
    fmt::copyToCommon(out, u"event.action", u"action"_s);
    fmt::setCommon(out, u"outcome"_s, fmt::normalizeOutcome(textOf(out, u"event.outcome")));
    if (!fmt::copyToCommon(out, u"url.full", u"url"_s)) {
        fmt::copyToCommon(out, u"url.original", u"url"_s);
    }
    fmt::copyToCommon(out, u"http.response.status_code", u"http_status"_s);
    if (const QString p = textOf(out, u"network.transport"); !p.isEmpty()) {
        fmt::setCommon(out, u"protocol"_s, p.toLower());
    }
    fmt::copyToCommon(out, u"rule.name", u"signature"_s);
}

bool isPlainName(QStringView n)
{
    static constexpr QStringView kNames[] = {
        u"src_ip", u"srcip",    u"client_ip", u"src_port", u"srcport", u"dst_ip",   u"dest_ip",
        u"dstip",  u"dst_port", u"dest_port", u"dstport",  u"user",    u"username", u"user_name"};
    for (const QStringView k : kNames) {
        if (n == k) {
            return true;
        }
    }
    return false;
}

// Names many JSON logs use without a schema.
void fillPlain(Event& out)
{
    const auto copyFirst = [&out](std::initializer_list<QStringView> from, const QString& to) {
        if (out.common.contains(to)) {
            return;
        }
        for (const QStringView f : from) {
            if (fmt::copyToCommon(out, f, to)) {
                return;
            }
        }
    };
    copyFirst({u"src_ip", u"srcip", u"client_ip"}, u"src_ip"_s);
    copyFirst({u"src_port", u"srcport"}, u"src_port"_s);
    copyFirst({u"dst_ip", u"dest_ip", u"dstip"}, u"dst_ip"_s);
    copyFirst({u"dst_port", u"dest_port", u"dstport"}, u"dst_port"_s);
    copyFirst({u"user", u"username", u"user_name"}, u"user"_s);
}

} // namespace

void fillZeekCommon(Event& out, const QString& path)
{
    fmt::copyToCommon(out, u"id.orig_h", u"src_ip"_s);
    fmt::copyToCommon(out, u"id.orig_p", u"src_port"_s);
    fmt::copyToCommon(out, u"id.resp_h", u"dst_ip"_s);
    fmt::copyToCommon(out, u"id.resp_p", u"dst_port"_s);
    if (const QString p = textOf(out, u"proto"); !p.isEmpty()) {
        fmt::setCommon(out, u"protocol"_s, p.toLower());
    }
    const bool http =
        path == u"http" || (path.isEmpty() && scalar(out, u"method") && scalar(out, u"uri"));
    const bool dns =
        path == u"dns" || (path.isEmpty() && scalar(out, u"query") && scalar(out, u"qtype_name"));
    const bool conn = path == u"conn" || (path.isEmpty() && scalar(out, u"conn_state"));
    if (http) {
        fmt::setCommon(out, u"category"_s, u"web"_s);
        fmt::copyToCommon(out, u"method", u"action"_s);
        fmt::copyToCommon(out, u"uri", u"url"_s);
        fmt::copyToCommon(out, u"status_code", u"http_status"_s);
        fmt::copyToCommon(out, u"username", u"user"_s);
    } else if (dns) {
        fmt::setCommon(out, u"category"_s, u"dns"_s);
        fmt::setCommon(out, u"action"_s, u"query"_s);
    } else if (conn) {
        fmt::setCommon(out, u"category"_s, u"network"_s);
        fmt::copyToCommon(out, u"conn_state", u"action"_s);
    } else if (path == u"ssh") {
        fmt::setCommon(out, u"category"_s, u"authentication"_s);
        if (const FieldValue* ok = out.fields.find(u"auth_success"); ok && !ok->isNull()) {
            const QString& t = ok->text();
            const QString outcome = (t == u"T" || t == u"true")    ? u"success"_s
                                    : (t == u"F" || t == u"false") ? u"failure"_s
                                                                   : QString();
            fmt::setCommon(out, u"outcome"_s, outcome);
        }
    } else if (path == u"notice" || path == u"weird") {
        fmt::setCommon(out, u"category"_s, u"ids_alert"_s);
        if (!fmt::copyToCommon(out, u"note", u"signature"_s)) {
            fmt::copyToCommon(out, u"name", u"signature"_s);
        }
    } else if (path == u"files") {
        fmt::setCommon(out, u"category"_s, u"file"_s);
    } else if (path == u"ssl" || path == u"x509" || path == u"dhcp") {
        fmt::setCommon(out, u"category"_s, u"network"_s);
    }
}

void applyJsonVariants(Event& out)
{
    const FieldValue* eventType = scalar(out, u"event_type");
    if (eventType && scalar(out, u"timestamp")
        && (out.fields.contains(u"src_ip") || out.fields.contains(u"flow_id")
            || eventType->text() == u"stats")) {
        out.format = u"suricata-eve"_s;
        fillEve(out);
        return;
    }
    const QString zeekPath = textOf(out, u"_path");
    if (!zeekPath.isEmpty() || (scalar(out, u"uid") && scalar(out, u"id.orig_h"))) {
        out.format = u"zeek-json"_s;
        fillZeekCommon(out, zeekPath);
        return;
    }
    if (out.format == u"journald") {
        const QString app = textOf(out, u"app_name");
        fmt::setCommon(out, u"process"_s, app);
        fillAuthCommon(out, app, textOf(out, u"message"));
        return;
    }
    if ((scalar(out, u"EventID") || scalar(out, u"Event.System.EventID"))
        && (scalar(out, u"Channel") || scalar(out, u"Provider_Name")
            || scalar(out, u"Event.System.Channel"))) {
        fillWindowsCommon(out);
        return;
    }
    fillCommonFromNames(out);
}

void fillCommonFromNames(Event& out)
{
    bool ecs = false;
    bool plain = false;
    for (const auto& entry : out.fields.entries()) {
        const QStringView n = entry.first;
        ecs = ecs || n.startsWith(u"source.") || n.startsWith(u"destination.")
              || n.startsWith(u"user.") || n.startsWith(u"process.") || n.startsWith(u"event.")
              || n.startsWith(u"url.") || n.startsWith(u"http.") || n.startsWith(u"network.")
              || n.startsWith(u"rule.");
        plain = plain || isPlainName(n);
    }
    if (ecs) {
        fillEcs(out);
    }
    if (plain) {
        fillPlain(out);
    }
}

} // namespace vigil
