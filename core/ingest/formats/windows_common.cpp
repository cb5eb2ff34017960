#include "ingest/formats/windows_common.h"

#include "ingest/formats/format_util.h"
#include "model/event.h"

using namespace Qt::StringLiterals;

namespace vigil {

namespace {

// Events exported with their XML layout keep their names under Event.System/Event.EventData.
bool isNested(const Event& e)
{
    return e.fields.contains(u"Event.System.EventID") || e.fields.contains(u"Event.System.Channel");
}

const FieldValue* findWindows(const Event& e, bool nested, QStringView name)
{
    if (const FieldValue* v = e.fields.find(name)) {
        return v;
    }
    if (!nested) {
        return nullptr;
    }
    static const QString kData = u"Event.EventData."_s;
    static const QString kSystem = u"Event.System."_s;
    if (const FieldValue* v = e.fields.find(QString(kData + name))) {
        return v;
    }
    return e.fields.find(QString(kSystem + name));
}

// The first of @p names with a usable value ("-" and empty are Windows for "none").
QString firstText(const Event& e, bool nested, std::initializer_list<QStringView> names)
{
    for (const QStringView n : names) {
        const FieldValue* v = findWindows(e, nested, n);
        if (v && !v->isList() && !v->isNull() && !v->text().isEmpty() && v->text() != u"-"
            && v->text() != u"N/A") {
            return v->text();
        }
    }
    return {};
}

struct Kind {
    int eventId;
    bool sysmon;
    QStringView category;
    QStringView action;
    QStringView outcome; // empty: decided from a status field or unknown
};

constexpr Kind kKinds[] = {
    {4624, false, u"authentication", u"logon", u"success"},
    {4625, false, u"authentication", u"logon", u"failure"},
    {4634, false, u"authentication", u"logoff", u"success"},
    {4647, false, u"authentication", u"logoff", u"success"},
    {4648, false, u"authentication", u"explicit_credentials_logon", u"success"},
    {4672, false, u"authentication", u"special_privileges_assigned", u"success"},
    {4768, false, u"authentication", u"kerberos_tgt_request", u""},
    {4769, false, u"authentication", u"kerberos_service_ticket_request", u""},
    {4771, false, u"authentication", u"kerberos_preauthentication", u"failure"},
    {4776, false, u"authentication", u"credential_validation", u""},
    {4688, false, u"process", u"process_started", u"success"},
    {4689, false, u"process", u"process_ended", u"success"},
    {5156, false, u"network", u"connection_allowed", u"success"},
    {5157, false, u"network", u"connection_blocked", u"failure"},
    {5158, false, u"network", u"bind_allowed", u"success"},
    {1102, false, u"iam", u"audit_log_cleared", u"success"},
    {1, true, u"process", u"process_started", u"success"},
    {3, true, u"network", u"network_connection", u"success"},
    {5, true, u"process", u"process_ended", u"success"},
    {7, true, u"process", u"image_loaded", u"success"},
    {10, true, u"process", u"process_accessed", u"success"},
    {11, true, u"file", u"file_created", u"success"},
    {12, true, u"registry", u"registry_object_changed", u"success"},
    {13, true, u"registry", u"registry_value_set", u"success"},
    {14, true, u"registry", u"registry_object_renamed", u"success"},
    {22, true, u"dns", u"dns_query", u"success"},
};

QString protocolName(const QString& p)
{
    if (p == u"6") {
        return u"tcp"_s;
    }
    if (p == u"17") {
        return u"udp"_s;
    }
    if (p == u"1") {
        return u"icmp"_s;
    }
    return p.toLower();
}

} // namespace

void fillWindowsCommon(Event& e)
{
    const bool nested = isNested(e);
    const QString idText = firstText(e, nested, {u"EventID", u"EventID.#text", u"EventId"});
    const auto eventId = fmt::toInt(QStringView(idText));
    const QString provider =
        firstText(e, nested, {u"Provider_Name", u"Provider.Name", u"Provider.#attributes.Name"});
    const QString channel = firstText(e, nested, {u"Channel"});
    const bool sysmon = provider.contains(u"Sysmon") || channel.contains(u"Sysmon");
    if (eventId) {
        for (const Kind& k : kKinds) {
            if (k.eventId != *eventId || k.sysmon != sysmon) {
                continue;
            }
            fmt::setCommon(e, u"category"_s, k.category.toString());
            fmt::setCommon(e, u"action"_s, k.action.toString());
            QString outcome = k.outcome.toString();
            if (outcome.isEmpty()) {
                const QString status = firstText(e, nested, {u"Status", u"ResultCode"});
                if (!status.isEmpty()) {
                    outcome = (status == u"0x0" || status == u"0") ? u"success"_s : u"failure"_s;
                }
            }
            fmt::setCommon(e, u"outcome"_s, outcome);
            break;
        }
    }
    fmt::setCommon(
        e, u"user"_s,
        firstText(e, nested,
                  {u"TargetUserName", u"User", u"SubjectUserName", u"UserName", u"AccountName"}));
    fmt::setCommon(
        e, u"process"_s,
        firstText(e, nested,
                  {u"Image", u"NewProcessName", u"ProcessName", u"Application", u"SourceImage"}));
    fmt::setCommonIp(
        e, u"src_ip"_s,
        firstText(e, nested, {u"IpAddress", u"SourceIp", u"SourceAddress", u"ClientAddress"}));
    fmt::setCommonPort(e, u"src_port"_s,
                       firstText(e, nested, {u"IpPort", u"SourcePort", u"ClientPort"}));
    fmt::setCommonIp(e, u"dst_ip"_s, firstText(e, nested, {u"DestinationIp", u"DestAddress"}));
    fmt::setCommonPort(e, u"dst_port"_s, firstText(e, nested, {u"DestinationPort", u"DestPort"}));
    const QString protocol = firstText(e, nested, {u"Protocol"});
    if (!protocol.isEmpty() && protocol.size() <= 8) {
        fmt::setCommon(e, u"protocol"_s, protocolName(protocol));
    }
}

} // namespace vigil
