#include "ingest/summary.h"

#include <QStringList>

#include "ingest/json_lines_parser.h"
#include "model/event.h"

using namespace Qt::StringLiterals;

namespace vigil {

namespace {

constexpr qsizetype kMaxChars = 300;
constexpr int kMaxPairs = 6;

/** Appends text while keeping the summary on one line and within kMaxChars. */
class LineBuilder {
public:
    LineBuilder() { m_text.reserve(128); }

    bool full() const { return m_text.size() >= kMaxChars; }

    void add(QStringView s)
    {
        for (qsizetype i = 0; i < s.size(); ++i) {
            if (full()) {
                m_cut = true;
                return;
            }
            const char16_t c = s[i].unicode();
            if (c == u'\n' || c == u'\r') {
                // A line break and the indentation after it become one marker.
                while (i + 1 < s.size() && s[i + 1].isSpace()) {
                    ++i;
                }
                m_text += u" \u23CE "_s;
            } else if (c == 0x1b && i + 1 < s.size() && s[i + 1] == u'[') {
                // An ANSI colour sequence: ESC [ parameters final-byte.
                i += 2;
                while (i < s.size() && (s[i].unicode() < 0x40 || s[i].unicode() > 0x7e)) {
                    ++i;
                }
            } else if (c < 0x20 || c == 0x7f) {
                m_text += u' ';
            } else {
                m_text += QChar(c);
            }
        }
    }

    QString finish()
    {
        if (m_cut || m_text.size() > kMaxChars) {
            qsizetype cut = kMaxChars - 1;
            if (m_text[cut - 1].isHighSurrogate()) {
                --cut;
            }
            m_text.truncate(cut);
            m_text += u'\u2026';
        }
        return std::move(m_text);
    }

private:
    QString m_text;
    bool m_cut = false; // text was left out
};

QString valueText(const FieldValue& v)
{
    if (v.isNull()) {
        return u"null"_s;
    }
    if (!v.isList()) {
        return v.text();
    }
    QStringList parts;
    for (const FieldValue& item : v.items()) {
        parts.append(valueText(item));
    }
    return u'[' + parts.join(u',') + u']';
}

const FieldValue* firstPresent(const Fields& f, std::initializer_list<QStringView> names)
{
    for (const QStringView name : names) {
        const FieldValue* v = f.find(name);
        if (v && !v->isNull() && !(v->text().isEmpty() && !v->isList())) {
            return v;
        }
    }
    return nullptr;
}

bool isWindowsSystemField(const QString& name)
{
    static const QString kSystem[] = {
        u"Provider_Name"_s, u"Provider_Guid"_s, u"EventID"_s, u"Version"_s, u"Level"_s,
        u"Task"_s, u"Opcode"_s, u"Keywords"_s, u"TimeCreated_SystemTime"_s, u"EventRecordID"_s,
        u"Execution_ProcessID"_s, u"Execution_ThreadID"_s, u"Channel"_s, u"Computer"_s,
        u"Security_UserID"_s};
    for (const QString& s : kSystem) {
        if (name == s) {
            return true;
        }
    }
    return name.startsWith(u"Event.System."_s);
}

enum class Pairs { All, WindowsData, StructuredData };

void addPairs(LineBuilder& line, const Fields& f, Pairs which)
{
    int pairs = 0;
    for (const auto& [name, value] : f.entries()) {
        if (pairs == kMaxPairs || line.full()) {
            break;
        }
        if ((which == Pairs::WindowsData && isWindowsSystemField(name))
            || (which == Pairs::StructuredData && !name.startsWith(u"sd."))
            || jsonTimeKeys().contains(name)) {
            continue; // lists show the time in a column of its own
        }
        const QString text = valueText(value);
        if (text.isEmpty() || text == u"-") {
            continue;
        }
        if (pairs > 0) {
            line.add(u" ");
        }
        line.add(name);
        line.add(u"=");
        line.add(text);
        ++pairs;
    }
}

void summarizeWindows(LineBuilder& line, const Fields& f, const FieldValue& eventId)
{
    line.add(u"EventID ");
    line.add(eventId.text());
    if (const FieldValue* provider = firstPresent(
            f, {u"Provider_Name", u"Provider.Name", u"Event.System.Provider.Name",
                u"Event.System.Provider_Name", u"Provider"})) {
        QStringView name = provider->text();
        if (name.startsWith(u"Microsoft-Windows-")) {
            name = name.sliced(18);
        }
        line.add(u" \u00B7 ");
        line.add(name);
    }
    line.add(u" \u00B7 ");
    static constexpr QStringView kTelling[] = {
        u"CommandLine", u"TargetFilename", u"TargetObject",    u"QueryName", u"ImageLoaded",
        u"PipeName",    u"DestinationIp",  u"TargetUserName", u"ScriptBlockText", u"Image"};
    // Events exported with their XML layout keep the data under Event.EventData.
    const bool nested = f.contains(u"Event.System.Channel");
    auto data = [&](QStringView name) {
        return nested ? firstPresent(f, {name, QString(u"Event.EventData."_s + name)})
                      : firstPresent(f, {name});
    };
    // Process access and remote threads (Sysmon 10, 8): who reached into whom, and how.
    const FieldValue* source = data(u"SourceImage");
    const FieldValue* target = data(u"TargetImage");
    if (source && target) {
        line.add(valueText(*source));
        line.add(u" → ");
        line.add(valueText(*target));
        if (const FieldValue* access = data(u"GrantedAccess")) {
            line.add(u" access ");
            line.add(valueText(*access));
        }
        return;
    }
    for (const QStringView name : kTelling) {
        const FieldValue* v = data(name);
        if (!v) {
            continue;
        }
        line.add(valueText(*v));
        if (name == u"DestinationIp") {
            if (const FieldValue* port =
                    firstPresent(f, {u"DestinationPort", u"Event.EventData.DestinationPort"})) {
                line.add(u":");
                line.add(port->text());
            }
        }
        return;
    }
    addPairs(line, f, Pairs::WindowsData);
}

// `src[:port] → dst[:port]` from the common fields, when there is a source or destination.
void addEndpoints(LineBuilder& line, const Fields& common)
{
    const auto add = [&](QStringView ip, QStringView port) {
        const FieldValue* a = common.find(ip);
        line.add(a ? QStringView(a->text()) : QStringView(u"?"));
        if (const FieldValue* p = common.find(port)) {
            line.add(u":");
            line.add(p->text());
        }
    };
    if (!common.contains(u"src_ip") && !common.contains(u"dst_ip")) {
        return;
    }
    line.add(u" \u00B7 ");
    add(u"src_ip", u"src_port");
    line.add(u" \u2192 ");
    add(u"dst_ip", u"dst_port");
}

// Adds the values of @p names that are present, separated by spaces.
void addValues(LineBuilder& line, const Fields& f, std::initializer_list<QStringView> names)
{
    bool first = true;
    for (const QStringView name : names) {
        const FieldValue* v = firstPresent(f, {name});
        if (!v) {
            continue;
        }
        if (!first) {
            line.add(u" ");
        }
        line.add(valueText(*v));
        first = false;
    }
}

// One line for the formats of core/ingest/formats; false for the others.
bool summarizeFormat(LineBuilder& line, const Event& e)
{
    const Fields& f = e.fields;
    const QString& format = e.format;
    if (format == u"cef" || format == u"leef") {
        addValues(line, f, {u"device_product"});
        line.add(u": ");
        addValues(line, f, {format == u"cef" ? u"name" : u"event_id"});
    } else if (format == u"iptables" || format == u"pfsense") {
        addValues(line, e.common, {u"action"});
        line.add(u" ");
        addValues(line, f, {u"direction", u"interface", u"IN", u"PROTO", u"protocol"});
    } else if (format == u"suricata-eve") {
        addValues(line, f, {u"event_type"});
        line.add(u": ");
        addValues(line, f, {u"alert.signature", u"anomaly.event", u"http.http_method",
                            u"http.hostname", u"http.url", u"http.status", u"dns.type",
                            u"dns.rrname", u"tls.sni", u"fileinfo.filename", u"flow.state"});
    } else if (format == u"zeek-tsv" || format == u"zeek-json") {
        addValues(line, f, {u"_path", u"uid"});
        line.add(u": ");
        addValues(line, f, {u"method", u"host", u"uri", u"status_code", u"query", u"qtype_name",
                            u"rcode_name", u"conn_state", u"note", u"msg", u"name"});
    } else if (format == u"fast-log") {
        line.add(u"[");
        addValues(line, f, {u"gid"});
        line.add(u":");
        addValues(line, f, {u"sid"});
        line.add(u":");
        addValues(line, f, {u"rev"});
        line.add(u"] ");
        addValues(line, f, {u"msg"});
    } else if (format == u"apache-access") {
        addValues(line, f, {u"request", u"status"});
    } else if (format == u"w3c") {
        addValues(line, f, {u"cs-method", u"cs-uri-stem", u"sc-status"});
    } else {
        return false;
    }
    addEndpoints(line, e.common);
    return true;
}

} // namespace

QString summarize(const Event& e)
{
    const Fields& f = e.fields;
    LineBuilder line;
    if (summarizeFormat(line, e)) {
        return line.finish();
    }
    if (e.format.startsWith(u"syslog") || e.format == u"journald") {
        const FieldValue* app = f.find(u"app_name");
        const FieldValue* message = f.find(u"message");
        if (app) {
            line.add(app->text());
            if (const FieldValue* pid = f.find(u"procid")) {
                line.add(u"[");
                line.add(pid->text());
                line.add(u"]");
            }
            line.add(u": ");
        }
        if (message) {
            line.add(QStringView(message->text()).trimmed());
        } else {
            addPairs(line, f, Pairs::StructuredData);
        }
        return line.finish();
    }
    const FieldValue* eventId = firstPresent(f, {u"EventID", u"Event.System.EventID"});
    if (eventId && firstPresent(f, {u"Channel", u"Event.System.Channel"})) {
        summarizeWindows(line, f, *eventId);
        return line.finish();
    }
    if (const FieldValue* message =
            firstPresent(f, {u"message", u"msg", u"MESSAGE", u"log.original"})) {
        line.add(QStringView(message->text()).trimmed());
        return line.finish();
    }
    addPairs(line, f, Pairs::All);
    return line.finish();
}

} // namespace vigil
