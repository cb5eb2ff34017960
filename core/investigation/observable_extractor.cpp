#include "investigation/observable_extractor.h"

#include <set>
#include <utility>

#include <QHostAddress>

#include "investigation/observable_text.h"
#include "model/event.h"

namespace vigil {

namespace {

using namespace observable_text;

// Field names (lower case) by what they hold. A dotted name is also looked up by its last part
// for the Windows names that tools nest (winlog.event_data.TargetUserName).
constexpr const char16_t* kUserFields[] = {
    u"user", u"username", u"user_name", u"user.name", u"usrname", u"accountname", u"suser",
    u"duser", u"cs-username", u"samaccountname", u"targetusername", u"subjectusername",
    u"source.user.name", u"destination.user.name"};
constexpr const char16_t* kUserLastParts[] = {u"targetusername", u"subjectusername",
                                              u"samaccountname"};
constexpr const char16_t* kHostFields[] = {u"workstationname", u"sourcehostname"};
constexpr const char16_t* kDomainFields[] = {
    u"queryname", u"dns.rrname", u"rrname", u"query", u"dns.question.name", u"dns.query",
    u"server_name", u"tls.sni", u"sni", u"http.hostname", u"url.domain", u"destination.domain",
    u"destinationhostname", u"cs-host", u"requested_server_name"};
// Free text and command lines hold paths among other words: their paths are not taken whole.
constexpr const char16_t* kTextFields[] = {
    u"commandline", u"parentcommandline", u"cmdline", u"command_line", u"scriptblocktext",
    u"message", u"msg", u"payload", u"request", u"query", u"details", u"unparsed"};
constexpr const char16_t* kPathHints[] = {u"image", u"file", u"path", u"exe", u"process",
                                          u"application"};
constexpr const char16_t* kNotPathHints[] = {u"url", u"uri", u"request", u"referer", u"referrer",
                                             u"http"};
constexpr const char16_t* kPlaceholders[] = {u"-", u"n/a", u"na", u"null", u"(null)", u"none",
                                             u"unknown", u"?"};

template <std::size_t N>
bool inList(QStringView name, const char16_t* const (&list)[N])
{
    for (const char16_t* item : list) {
        if (name == QStringView(item)) {
            return true;
        }
    }
    return false;
}

template <std::size_t N>
bool containsAny(QStringView name, const char16_t* const (&list)[N])
{
    for (const char16_t* item : list) {
        if (name.contains(QStringView(item))) {
            return true;
        }
    }
    return false;
}

bool isPlaceholder(QStringView v)
{
    for (const char16_t* p : kPlaceholders) {
        if (v.compare(QStringView(p), Qt::CaseInsensitive) == 0) {
            return true;
        }
    }
    return v.isEmpty();
}

class Collector {
public:
    void add(ObservableType type, const QString& value, const QString& field)
    {
        if (value.isEmpty()) {
            return;
        }
        if (m_seen.emplace(int(type), observableKey(type, value)).second) {
            m_hits.push_back({type, value, field});
        }
    }
    void addIp(QStringView text, const QString& field)
    {
        const QString ip = normaliseIp(text);
        if (!ip.isEmpty() && !isNoiseIp(ip)) {
            add(ObservableType::Ip, ip, field);
        }
    }
    std::vector<ObservableHit> take() { return std::move(m_hits); }

private:
    std::set<std::pair<int, QString>> m_seen;
    std::vector<ObservableHit> m_hits;
};

void scanText(QStringView text, const QString& field, Collector& out)
{
    for (const FoundUrl& u : findUrls(text)) {
        out.add(ObservableType::Url, u.url, field);
        if (const QString ip = normaliseIp(u.host); !ip.isEmpty()) {
            out.addIp(ip, field);
        } else {
            out.add(ObservableType::Domain, normaliseDomain(u.host), field);
        }
    }
    for (const FoundHash& h : findLabelledHashes(text)) {
        out.add(h.type, h.hex, field);
    }
    for (QStringView ip : findIpv4(text)) {
        out.addIp(ip, field);
    }
}

void readValue(QStringView name, QStringView last, const QString& field, QStringView v,
               Collector& out)
{
    const QStringView value = v.trimmed();
    // Version numbers (FileVersion 10.0.0.1) look like addresses and are none. A call trace
    // (Sysmon's CallTrace: module+offset|module+offset...) is a stack, not a file: its
    // modules are system DLLs in nearly every event, and the trace is no path.
    if (value.isEmpty() || name.contains(u"version") || last == u"calltrace") {
        return;
    }
    const bool textField = inList(name, kTextFields) || inList(last, kTextFields)
        || last.contains(u"commandline") || last.contains(u"cmdline");
    if (inList(name, kUserFields) || inList(last, kUserLastParts)) {
        if (!isPlaceholder(value)) {
            out.add(ObservableType::User, value.toString(), field);
        }
        return;
    }
    if (inList(name, kHostFields) || inList(last, kHostFields)) {
        if (!isPlaceholder(value)) {
            out.add(ObservableType::Host, normaliseObservable(ObservableType::Host, value), field);
        }
        return;
    }
    if (inList(name, kDomainFields) || inList(last, kDomainFields)) {
        if (const QString ip = normaliseIp(value); !ip.isEmpty()) {
            out.addIp(ip, field);
        } else if (const QString d = normaliseDomain(value); !d.isEmpty()) {
            out.add(ObservableType::Domain, d, field);
        } else if (last == u"destinationhostname" && !isPlaceholder(value)) {
            out.add(ObservableType::Host, value.toString(), field);
        }
        return;
    }
    if (!normaliseIp(value).isEmpty()) {
        out.addIp(value, field);
        return;
    }
    if (isHashField(last) && isHex(value)) {
        if (const auto type = hashTypeForLength(value.size())) {
            out.add(*type, value.toString().toLower(), field);
            return;
        }
    }
    if (!textField) {
        const bool windows = isWindowsPath(value);
        const bool unix = value.startsWith(u'/') && value.size() > 1 && containsAny(last, kPathHints)
            && !containsAny(name, kNotPathHints);
        if (windows || unix) {
            out.add(ObservableType::FilePath, normaliseObservable(ObservableType::FilePath, value),
                     field);
            return;
        }
    }
    scanText(value, field, out);
}

void readFields(const Fields& fields, QStringView prefix, Collector& out)
{
    for (const auto& [name, value] : fields.entries()) {
        const QString lower = name.toLower();
        const qsizetype dot = lower.lastIndexOf(u'.');
        const QStringView last = dot >= 0 ? QStringView(lower).mid(dot + 1) : QStringView(lower);
        const QString where = prefix + name;
        if (value.isList()) {
            for (const FieldValue& item : value.items()) {
                readValue(lower, last, where, item.text(), out);
            }
        } else if (value.type() == FieldValue::Type::String) {
            readValue(lower, last, where, value.text(), out);
        }
    }
}

} // namespace

std::vector<ObservableHit> extractObservables(const Event& event)
{
    Collector out;
    if (!isPlaceholder(event.host.trimmed())) {
        out.add(ObservableType::Host, normaliseObservable(ObservableType::Host, event.host),
                QStringLiteral("host"));
    }
    readFields(event.fields, u"fields.", out);
    readFields(event.common, u"common.", out);
    return out.take();
}

QString normaliseObservable(ObservableType type, QStringView value)
{
    const QStringView v = value.trimmed();
    switch (type) {
    case ObservableType::Ip:
        return normaliseIp(v);
    case ObservableType::Domain:
        return normaliseDomain(v);
    case ObservableType::Url: {
        const auto urls = findUrls(v);
        return urls.size() == 1 && urls.front().url.size() == v.size() ? urls.front().url
                                                                         : QString();
    }
    case ObservableType::Md5:
    case ObservableType::Sha1:
    case ObservableType::Sha256:
        return isHex(v) && hashTypeForLength(v.size()) == type ? v.toString().toLower() : QString();
    case ObservableType::User:
    case ObservableType::Host:
        return isPlaceholder(v) ? QString() : v.toString();
    case ObservableType::FilePath: {
        QStringView p = v;
        if (p.size() >= 2 && p.front() == u'"' && p.back() == u'"') {
            p = p.mid(1, p.size() - 2).trimmed();
        }
        return p.isEmpty() ? QString() : p.toString();
    }
    }
    return {};
}

QString observableKey(ObservableType type, const QString& normalised)
{
    switch (type) {
    case ObservableType::User:
    case ObservableType::Host:
        return normalised.toLower();
    case ObservableType::FilePath:
        return isWindowsPath(normalised) ? normalised.toLower() : normalised;
    default:
        return normalised;
    }
}

} // namespace vigil
