#include "ingest/formats/netfilter.h"

#include <QList>

#include "ingest/formats/format_util.h"
#include "model/event.h"

using namespace Qt::StringLiterals;

namespace vigil {

namespace {

bool isUptime(QByteArrayView s)
{
    bool digit = false;
    for (const char c : s) {
        if (c >= '0' && c <= '9') {
            digit = true;
        } else if (c != '.' && c != ' ') {
            return false;
        }
    }
    return digit;
}

// drop / reject / deny / block / accept / allow / pass from a LOG prefix; Ubiquiti writes the
// rule's action as a last letter: `[WAN_IN-2000-D]`.
QString actionFromPrefix(QStringView prefix)
{
    static constexpr std::pair<QStringView, QStringView> kWords[] = {
        {u"drop", u"drop"},     {u"reject", u"reject"}, {u"deny", u"deny"}, {u"block", u"block"},
        {u"accept", u"accept"}, {u"allow", u"allow"},   {u"pass", u"pass"}};
    for (const auto& [word, action] : kWords) {
        if (prefix.contains(word, Qt::CaseInsensitive)) {
            return action.toString();
        }
    }
    QStringView p = prefix.trimmed();
    if (p.startsWith(u'[') && p.endsWith(u']') && p.size() > 3 && p[p.size() - 3] == u'-') {
        switch (p[p.size() - 2].unicode()) {
        case u'D':
            return u"drop"_s;
        case u'A':
            return u"accept"_s;
        case u'R':
            return u"reject"_s;
        default:
            break;
        }
    }
    return {};
}

void fillNetfilterCommon(Event& out)
{
    fmt::setCommon(out, u"category"_s, u"firewall"_s);
    fmt::copyToCommon(out, u"SRC", u"src_ip"_s);
    fmt::copyToCommon(out, u"SPT", u"src_port"_s);
    fmt::copyToCommon(out, u"DST", u"dst_ip"_s);
    fmt::copyToCommon(out, u"DPT", u"dst_port"_s);
    if (const FieldValue* proto = out.fields.find(u"PROTO"); proto && !proto->isList()) {
        fmt::setCommon(out, u"protocol"_s, proto->text().toLower());
    }
    // The prefix names the rule's verdict; without one, a tag such as `DENY:` stands in.
    const FieldValue* prefix = out.fields.find(u"prefix");
    const FieldValue* tag = out.fields.find(u"app_name");
    if (prefix || tag) {
        fmt::setCommon(out, u"action"_s, actionFromPrefix((prefix ? prefix : tag)->text()));
    }
}

} // namespace

qsizetype netfilterStart(QByteArrayView msg)
{
    qsizetype from = 0;
    while (true) {
        const qsizetype p = msg.indexOf("IN=", from);
        if (p < 0) {
            return -1;
        }
        if ((p == 0 || msg[p - 1] == ' ' || msg[p - 1] == ']') && msg.indexOf(" OUT=", p) > 0) {
            return p;
        }
        from = p + 3;
    }
}

void readNetfilter(QByteArrayView msg, qsizetype start, Event& out)
{
    QByteArrayView prefix = msg.first(start).trimmed();
    if (prefix.startsWith('[')) {
        const qsizetype close = prefix.indexOf(']');
        if (close > 1 && isUptime(prefix.sliced(1, close - 1))) {
            out.fields.append(u"kernel_uptime"_s, FieldValue::fromString(fmt::utf8(
                                                      prefix.sliced(1, close - 1).trimmed())));
            prefix = prefix.sliced(close + 1).trimmed();
        }
    }
    if (!prefix.isEmpty()) {
        out.fields.append(u"prefix"_s, FieldValue::fromString(fmt::utf8(prefix)));
    }
    QString proto;
    QString innerProto;
    bool inner = false;
    qsizetype i = start;
    while (i < msg.size()) {
        const char c = msg[i];
        if (c == ' ' || c == '\t') {
            ++i;
            continue;
        }
        if (c == '[' && !inner) {
            inner = true;
            ++i;
            continue;
        }
        if (c == ']' && inner) {
            inner = false;
            ++i;
            continue;
        }
        qsizetype end = i;
        while (end < msg.size() && msg[end] != ' ' && msg[end] != '\t'
               && !(inner && msg[end] == ']')) {
            ++end;
        }
        const QByteArrayView token = msg.sliced(i, end - i);
        i = end;
        const qsizetype eq = token.indexOf('=');
        const QString key = fmt::internKey(eq < 0 ? token : token.first(eq));
        const QString scope = inner ? u"inner."_s : QString();
        QString name = scope + key;
        const QString& protoNow = inner ? innerProto : proto;
        if (out.fields.contains(name) && !protoNow.isEmpty()) {
            name = scope + protoNow + u'.' + key;
        }
        FieldValue value = eq < 0 ? FieldValue::fromBool(true)
                                  : FieldValue::fromString(fmt::utf8(token.sliced(eq + 1)));
        if (key == u"PROTO" && eq >= 0) {
            (inner ? innerProto : proto) = value.text();
        }
        fmt::addRepeatable(out.fields, name, std::move(value));
    }
    fillNetfilterCommon(out);
}

namespace {

void put(Event& out, const QString& name, QByteArrayView value)
{
    if (!value.isEmpty()) {
        out.fields.append(name, FieldValue::fromString(fmt::utf8(value)));
    }
}

// Names of the protocol-specific values, by protocol (lower case).
const QList<QString>& protocolNames(QByteArrayView proto)
{
    static const QList<QString> kTcp = {u"src_port"_s,  u"dst_port"_s, u"data_length"_s,
                                        u"tcp_flags"_s, u"sequence"_s, u"ack"_s,
                                        u"window"_s,    u"urg"_s,      u"options"_s};
    static const QList<QString> kUdp = {u"src_port"_s, u"dst_port"_s, u"data_length"_s};
    static const QList<QString> kCarp = {u"carp_type"_s,    u"carp_ttl"_s, u"vhid"_s,
                                         u"carp_version"_s, u"advskew"_s,  u"advbase"_s};
    static const QList<QString> kNone;
    const QByteArray p = proto.toByteArray().toLower();
    if (p == "tcp") {
        return kTcp;
    }
    if (p == "udp") {
        return kUdp;
    }
    if (p == "carp") {
        return kCarp;
    }
    return kNone;
}

const QList<QString>& icmpNames(QByteArrayView type)
{
    static const QList<QString> kEcho = {u"icmp_id"_s, u"icmp_seq"_s};
    static const QList<QString> kUnreachProto = {u"icmp_dst_ip"_s, u"icmp_protocol_id"_s};
    static const QList<QString> kUnreachPort = {u"icmp_dst_ip"_s, u"icmp_protocol_id"_s,
                                                u"icmp_port"_s};
    static const QList<QString> kNone;
    if (type == "request" || type == "reply") {
        return kEcho;
    }
    if (type == "unreachproto") {
        return kUnreachProto;
    }
    if (type == "unreachport") {
        return kUnreachPort;
    }
    return kNone;
}

QList<QByteArrayView> splitCommas(QByteArrayView msg)
{
    QList<QByteArrayView> parts;
    qsizetype from = 0;
    while (true) {
        const qsizetype comma = parts.size() < 63 ? msg.indexOf(',', from) : -1;
        parts.append(msg.sliced(from, (comma < 0 ? msg.size() : comma) - from));
        if (comma < 0) {
            return parts; // the 64th value keeps the rest of the line
        }
        from = comma + 1;
    }
}

// The IPv4 or IPv6 header values after the nine common ones; returns where the protocol's own
// values start and sets @p proto.
qsizetype readIpHeader(const QList<QByteArrayView>& v, Event& out, QByteArrayView& proto)
{
    qsizetype next = 9;
    if (v[8] == "4" && v.size() >= 20) {
        static const QString kIp4[] = {u"tos"_s,    u"ecn"_s,    u"ttl"_s,         u"id"_s,
                                       u"offset"_s, u"flags"_s,  u"protocol_id"_s, u"protocol"_s,
                                       u"length"_s, u"src_ip"_s, u"dst_ip"_s};
        for (int k = 0; k < 11; ++k) {
            put(out, kIp4[k], v[9 + k]);
        }
        proto = v[16];
        next = 20;
    } else if (v[8] == "6" && v.size() >= 17) {
        static const QString kIp6[] = {u"class"_s,    u"flow_label"_s,  u"hop_limit"_s,
                                       u"protocol"_s, u"protocol_id"_s, u"length"_s,
                                       u"src_ip"_s,   u"dst_ip"_s};
        for (int k = 0; k < 8; ++k) {
            put(out, kIp6[k], v[9 + k]);
        }
        proto = v[12];
        next = 17;
    }
    return next;
}

} // namespace

bool readFilterlog(QByteArrayView msg, Event& out, QString& reason)
{
    const QList<QByteArrayView> v = splitCommas(msg.trimmed());
    if (v.size() < 9) {
        reason =
            u"pfSense filterlog line has %1 values; at least 9 expected (rule, sub rule, "
            u"anchor, tracker, interface, reason, action, direction, IP version)"_s.arg(v.size());
        return false;
    }
    static const QString kHead[] = {u"rule_number"_s, u"sub_rule"_s,  u"anchor"_s,
                                    u"tracker"_s,     u"interface"_s, u"reason"_s,
                                    u"action"_s,      u"direction"_s, u"ip_version"_s};
    for (int k = 0; k < 9; ++k) {
        put(out, kHead[k], v[k]);
    }
    QByteArrayView proto;
    qsizetype next = readIpHeader(v, out, proto);
    const bool icmp = proto.compare("icmp", Qt::CaseInsensitive) == 0
                      || proto.compare("ipv6-icmp", Qt::CaseInsensitive) == 0;
    const QList<QString>* names = &protocolNames(proto);
    if (icmp && next < v.size()) {
        put(out, u"icmp_type"_s, v[next]);
        names = &icmpNames(v[next]);
        ++next;
    }
    for (const QString& name : *names) {
        if (next >= v.size()) {
            break;
        }
        put(out, name, v[next++]);
    }
    if (next < v.size()) {
        QByteArray data;
        for (qsizetype k = next; k < v.size(); ++k) {
            data += (k > next ? "," : "") + v[k].toByteArray();
        }
        put(out, u"data"_s, data);
    }
    fmt::setCommon(out, u"category"_s, u"firewall"_s);
    fmt::copyToCommon(out, u"action", u"action"_s);
    fmt::copyToCommon(out, u"src_ip", u"src_ip"_s);
    fmt::copyToCommon(out, u"dst_ip", u"dst_ip"_s);
    fmt::copyToCommon(out, u"src_port", u"src_port"_s);
    fmt::copyToCommon(out, u"dst_port", u"dst_port"_s);
    if (!proto.isEmpty()) {
        fmt::setCommon(out, u"protocol"_s, fmt::utf8(proto).toLower());
    }
    return true;
}

} // namespace vigil
