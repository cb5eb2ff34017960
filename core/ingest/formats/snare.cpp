#include "ingest/formats/snare.h"

#include "ingest/formats/format_time.h"
#include "ingest/formats/format_util.h"
#include "ingest/formats/windows_common.h"
#include "ingest/parser.h"
#include "model/event.h"

using namespace Qt::StringLiterals;

namespace vigil {

namespace {

constexpr int kMinParts = 14;

// Sections of the expanded message whose account is the subject or the target of the event.
enum class Role { None, Subject, Target };

Role roleOf(QStringView section)
{
    static constexpr QStringView kSubject[] = {u"Subject", u"Creator Subject"};
    static constexpr QStringView kTarget[] = {u"New Logon",      u"Account For Which Logon Failed",
                                              u"Target Account", u"Account Information",
                                              u"Target Subject", u"Logon Account"};
    for (const QStringView s : kSubject) {
        if (section == s) {
            return Role::Subject;
        }
    }
    for (const QStringView s : kTarget) {
        if (section == s) {
            return Role::Target;
        }
    }
    return Role::None;
}

bool isSection(QStringView label)
{
    static constexpr QStringView kSections[] = {u"Subject",
                                                u"New Logon",
                                                u"Logon Information",
                                                u"Network Information",
                                                u"Process Information",
                                                u"Detailed Authentication Information",
                                                u"Account For Which Logon Failed",
                                                u"Failure Information",
                                                u"Account Information",
                                                u"Service Information",
                                                u"Additional Information",
                                                u"Application Information",
                                                u"Filter Information",
                                                u"New Process Information",
                                                u"Target Account",
                                                u"Target Subject",
                                                u"Creator Subject",
                                                u"Logon Account",
                                                u"Certificate Information",
                                                u"Member",
                                                u"Group",
                                                u"Attributes",
                                                u"Changed Attributes",
                                                u"Privileges",
                                                u"TLS Inspection"};
    for (const QStringView s : kSections) {
        if (label == s) {
            return true;
        }
    }
    return false;
}

// EventData name for a label that means the same whatever the section.
QStringView plainName(QStringView label)
{
    static constexpr std::pair<QStringView, QStringView> kNames[] = {
        {u"Logon Type", u"LogonType"},
        {u"Workstation Name", u"WorkstationName"},
        {u"Source Network Address", u"IpAddress"},
        {u"Client Address", u"IpAddress"},
        {u"Client Port", u"IpPort"},
        {u"Source Address", u"SourceAddress"},
        {u"Destination Address", u"DestAddress"},
        {u"Destination Port", u"DestPort"},
        {u"Protocol", u"Protocol"},
        {u"Direction", u"Direction"},
        {u"Application Name", u"Application"},
        {u"Process ID", u"ProcessId"},
        {u"Process Name", u"ProcessName"},
        {u"New Process ID", u"NewProcessId"},
        {u"New Process Name", u"NewProcessName"},
        {u"Process Command Line", u"CommandLine"},
        {u"Creator Process Name", u"ParentProcessName"},
        {u"Logon Process", u"LogonProcessName"},
        {u"Authentication Package", u"AuthenticationPackageName"},
        {u"Package Name (NTLM only)", u"LmPackageName"},
        {u"Key Length", u"KeyLength"},
        {u"Failure Reason", u"FailureReason"},
        {u"Status", u"Status"},
        {u"Sub Status", u"SubStatus"},
        {u"Result Code", u"Status"},
        {u"Service Name", u"ServiceName"},
        {u"Service ID", u"ServiceSid"},
        {u"Ticket Options", u"TicketOptions"},
        {u"Ticket Encryption Type", u"TicketEncryptionType"},
        {u"Pre-Authentication Type", u"PreAuthType"},
        {u"Logon GUID", u"LogonGuid"},
        {u"Elevated Token", u"ElevatedToken"},
        {u"Restricted Admin Mode", u"RestrictedAdminMode"},
        {u"Virtual Account", u"VirtualAccount"},
        {u"Linked Logon ID", u"TargetLinkedLogonId"},
        {u"Network Account Name", u"TargetOutboundUserName"},
        {u"Network Account Domain", u"TargetOutboundDomainName"},
        {u"Impersonation Level", u"ImpersonationLevel"},
    };
    for (const auto& [l, name] : kNames) {
        if (label == l) {
            return name;
        }
    }
    return {};
}

QString accountName(Role role, QStringView label)
{
    const QString prefix = role == Role::Subject ? u"Subject"_s : u"Target"_s;
    if (label == u"Security ID") {
        return prefix + u"UserSid"_s;
    }
    if (label == u"Account Name") {
        return prefix + u"UserName"_s;
    }
    if (label == u"Account Domain") {
        return prefix + u"DomainName"_s;
    }
    if (label == u"Logon ID") {
        return prefix + u"LogonId"_s;
    }
    return {};
}

// `Section:   Label:  value   Label: value    Section: ...` — parts are separated by three or
// more spaces; the label ends at the first ':'.
void readDescription(QStringView text, Event& out)
{
    Role role = Role::None;
    bool networkAddress = false; // "Source Port" follows "Source Network Address" in logons
    qsizetype i = 0;
    while (i < text.size()) {
        qsizetype end = text.indexOf(u"   ", i);
        if (end < 0) {
            end = text.size();
        }
        const QStringView part = text.sliced(i, end - i).trimmed();
        i = end;
        while (i < text.size() && text[i] == u' ') {
            ++i;
        }
        const qsizetype colon = part.indexOf(u':');
        if (colon <= 0 || colon > 48) {
            continue;
        }
        const QStringView label = part.first(colon).trimmed();
        QStringView value = part.sliced(colon + 1).trimmed();
        if (value.isEmpty() && isSection(label)) {
            role = roleOf(label);
            networkAddress = false;
            continue;
        }
        if (value.isEmpty() && i < text.size()) {
            // Tabs turned into runs of spaces: `Logon Type:   3` — a next part without a
            // label of its own is this label's value.
            qsizetype next = text.indexOf(u"   ", i);
            next = next < 0 ? text.size() : next;
            const QStringView candidate = text.sliced(i, next - i).trimmed();
            if (!candidate.isEmpty() && !candidate.contains(u':')) {
                value = candidate;
                i = next;
                while (i < text.size() && text[i] == u' ') {
                    ++i;
                }
            }
        }
        QString name;
        if (role != Role::None) {
            name = accountName(role, label);
        }
        if (name.isEmpty()) {
            if (label == u"Source Port") {
                name = networkAddress ? u"IpPort"_s : u"SourcePort"_s;
            } else {
                name = plainName(label).toString();
            }
        }
        networkAddress = networkAddress || label == u"Source Network Address";
        if (!name.isEmpty() && !out.fields.contains(name)) {
            out.fields.append(name, FieldValue::fromString(value.toString()));
        }
    }
}

int severityOf(QStringView eventType)
{
    if (eventType == u"Error") {
        return 3;
    }
    if (eventType == u"Warning" || eventType == u"Failure Audit") {
        return 4;
    }
    if (eventType == u"Information" || eventType == u"Success Audit") {
        return 6;
    }
    return -1;
}

} // namespace

qsizetype snareStart(QByteArrayView msg)
{
    static constexpr QByteArrayView kTag = "MSWinEventLog\t";
    if (msg.startsWith(kTag)) {
        return 0;
    }
    const qsizetype at =
        msg.first(std::min<qsizetype>(msg.size(), 300)).indexOf("\tMSWinEventLog\t");
    return at < 0 ? -1 : at + 1;
}

bool readSnare(QByteArrayView msg, qsizetype start, const ParseContext& ctx, Event& out,
               QString& reason)
{
    QByteArrayView parts[kMinParts + 1];
    int found = 0;
    qsizetype from = start;
    while (found <= kMinParts) {
        const qsizetype tab = found < kMinParts ? msg.indexOf('\t', from) : -1;
        parts[found++] = msg.sliced(from, (tab < 0 ? msg.size() : tab) - from);
        if (tab < 0) {
            break;
        }
        from = tab + 1;
    }
    if (found < kMinParts) {
        reason = u"Snare record has %1 tab-separated values; at least 14 expected "
                 u"(MSWinEventLog, criticality, log name, counter, time, event ID, source, user, "
                 u"SID type, event type, computer, category, data, message)"_s.arg(found);
        return false;
    }
    if (start > 0) {
        const QByteArrayView host = msg.first(start - 1).trimmed();
        if (!host.isEmpty() && !out.fields.contains(u"hostname")) {
            out.fields.append(u"hostname"_s, FieldValue::fromString(fmt::utf8(host)));
        }
    }
    static const QString kNames[] = {
        u"Criticality"_s,   u"Channel"_s,    u"SnareCounter"_s, u"TimeGenerated"_s, u"EventID"_s,
        u"Provider_Name"_s, u"UserName"_s,   u"SIDType"_s,      u"EventType"_s,     u"Computer"_s,
        u"Category"_s,      u"DataString"_s, u"Message"_s,      u"SnareChecksum"_s};
    for (int k = 1; k < found; ++k) {
        const QString& name = kNames[k - 1];
        QByteArrayView value = parts[k];
        if (k == 13 || k == 14) {
            value = value.trimmed();
        }
        if (k == 5) {
            if (const auto id = fmt::toInt(value)) {
                out.fields.set(name, FieldValue::fromInt(*id));
                continue;
            }
        }
        out.fields.set(name, FieldValue::fromString(fmt::utf8(value)));
    }
    fmt::setCtimeTime(out, parts[4], ctx);
    const QString computer = out.fields.text(u"Computer");
    if (!computer.isEmpty()) {
        out.host = computer;
    }
    out.severity = severityOf(out.fields.text(u"EventType"));
    readDescription(out.fields.text(u"Message"), out);
    fillWindowsCommon(out);
    return true;
}

} // namespace vigil
