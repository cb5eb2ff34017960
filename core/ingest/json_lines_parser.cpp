#include "ingest/json_lines_parser.h"

#include <cmath>

#include "ingest/formats/format_util.h"
#include "ingest/formats/json_common.h"
#include "ingest/summary.h"
#include "ingest/time_scan.h"
#include "model/event.h"
#include "util/json.h"

using namespace Qt::StringLiterals;

namespace vigil {

namespace {

// Epoch numbers before 1980 are durations or counters far more often than timestamps.
constexpr qint64 kEarliestEpochNs = Q_INT64_C(315532800) * kNsPerSecond;

bool isAsciiDigits(QStringView s)
{
    if (s.isEmpty()) {
        return false;
    }
    for (const QChar c : s) {
        if (c < u'0' || c > u'9') {
            return false;
        }
    }
    return true;
}

struct TimeValue {
    qint64 ns = 0;
    int digits = 0;
    bool zoneAssumed = false; // the text had no zone; the source's zone was used
};

std::optional<TimeValue> epochTime(QStringView text, const FieldValue& v)
{
    if (const auto t = parseEpoch(text); t && t->consumed == text.size()) {
        if (t->ns >= kEarliestEpochNs) {
            return TimeValue{t->ns, t->digits};
        }
        return std::nullopt;
    }
    // A float written with an exponent: go through double (microsecond precision is plenty).
    if (v.type() == FieldValue::Type::Float && std::isfinite(v.toFloat())) {
        const double seconds = v.toFloat();
        if (seconds * 1e9 >= double(kEarliestEpochNs) && seconds < 1e10) {
            return TimeValue{qint64(std::llround(seconds * 1e6)) * 1000, 6};
        }
    }
    return std::nullopt;
}

std::optional<TimeValue> timeFromValue(const FieldValue& v, bool zonelessIsUtc,
                                       const QTimeZone& zone)
{
    if (v.isNumber()) {
        return epochTime(v.text(), v);
    }
    if (v.type() != FieldValue::Type::String) {
        return std::nullopt;
    }
    const QStringView text = QStringView(v.text()).trimmed();
    if (const auto iso = parseIso8601(text); iso && iso->consumed == text.size()) {
        qint64 ns = iso->ns;
        const bool assumed = !iso->hasZone && !zonelessIsUtc;
        if (assumed) {
            ns = wallToUtc(ns, zone);
        }
        return TimeValue{ns, iso->digits, assumed};
    }
    if (isAsciiDigits(text.left(1))) {
        return epochTime(text, v);
    }
    return std::nullopt;
}

// "DEBUG5": a level name followed by a number.
bool isNumberedWord(QStringView s, QStringView word)
{
    return s.size() > word.size() && s.startsWith(word, Qt::CaseInsensitive)
        && isAsciiDigits(s.sliced(word.size()));
}

} // namespace

int severityFromLevel(const QString& value, bool isNumber, bool windowsLevel)
{
    const QStringView text = QStringView(value).trimmed();
    if (isNumber || isAsciiDigits(text)) {
        bool ok = false;
        const int n = text.toInt(&ok);
        if (!ok) {
            return -1;
        }
        if (windowsLevel) {
            static constexpr int kWindows[] = {6, 2, 3, 4, 6, 7};
            return (n >= 0 && n <= 5) ? kWindows[n] : -1;
        }
        if (n >= 0 && n <= 7) {
            return n;
        }
        // pino / bunyan: 10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal
        static constexpr int kPino[] = {7, 7, 6, 4, 3, 2};
        return (n % 10 == 0 && n >= 10 && n <= 60) ? kPino[n / 10 - 1] : -1;
    }
    struct Name {
        QStringView name;
        int severity;
    };
    static constexpr Name kNames[] = {
        {u"emerg", 0},   {u"emergency", 0}, {u"panic", 0},       {u"alert", 1},
        {u"crit", 2},    {u"critical", 2},  {u"fatal", 2},       {u"err", 3},
        {u"error", 3},   {u"severe", 3},    {u"warn", 4},        {u"warning", 4},
        {u"notice", 5},  {u"info", 6},      {u"information", 6}, {u"informational", 6},
        {u"debug", 7},   {u"trace", 7},     {u"verbose", 7},
    };
    for (const Name& n : kNames) {
        if (text.compare(n.name, Qt::CaseInsensitive) == 0) {
            return n.severity;
        }
    }
    // "DEBUG5", "TRACE2": numbered debug levels are still debug.
    if (isNumberedWord(text, u"debug") || isNumberedWord(text, u"trace")) {
        return 7;
    }
    return -1;
}

const QList<QString>& jsonTimeKeys()
{
    static const QList<QString> kKeys = {
        u"@timestamp"_s, u"timestamp"_s, u"time"_s, u"ts"_s, u"TimeCreated_SystemTime"_s,
        u"Event.System.TimeCreated.SystemTime"_s, u"UtcTime"_s, u"eventTime"_s, u"EventTime"_s,
        u"date"_s, u"datetime"_s, u"__REALTIME_TIMESTAMP"_s};
    return kKeys;
}

QString JsonLinesParser::format() const
{
    return u"json"_s;
}

ParseResult JsonLinesParser::parse(QByteArrayView record, const ParseContext& ctx,
                                   Event& out) const
{
    out.fields.clear();
    out.common.clear();
    out.host.clear();
    out.severity = -1;
    out.summary.clear();
    out.format = format();
    JsonError error;
    if (!parseJsonObjectFlat(record, out.fields, &error)) {
        out.fields.clear();
        // Only a record that starts like an object claims to be JSON; anything else is foreign.
        const QByteArray trimmed = record.toByteArray().trimmed();
        const bool foreign = !trimmed.startsWith('{');
        return {false, error.message + u" at byte "_s + QString::number(error.offset), foreign};
    }

    bool haveTime = false;
    for (const QString& key : jsonTimeKeys()) {
        const FieldValue* v = out.fields.find(key);
        if (!v) {
            continue;
        }
        // Sysmon's UtcTime says its zone in its name.
        if (const auto t = timeFromValue(*v, key == u"UtcTime", ctx.zone)) {
            out.timeNs = t->ns;
            out.timeDigits = t->digits;
            out.timeSource = TimeSource::Event;
            if (t->zoneAssumed) {
                fmt::noteZoneAssumed(out, ctx);
            }
            haveTime = true;
            break;
        }
    }
    if (!haveTime) {
        setReceivedTime(out, ctx.receivedNs);
    }

    static const QString kHostKeys[] = {u"host"_s,     u"hostname"_s,       u"host.name"_s,
                                        u"Computer"_s, u"_HOSTNAME"_s,      u"agent.hostname"_s,
                                        u"computer_name"_s};
    for (const QString& key : kHostKeys) {
        const FieldValue* v = out.fields.find(key);
        if (v && v->type() == FieldValue::Type::String && !v->text().isEmpty()) {
            out.host = v->text();
            break;
        }
    }

    static const QString kLevelKeys[] = {u"severity"_s, u"level"_s,    u"log.level"_s,
                                         u"lvl"_s,      u"PRIORITY"_s, u"Level"_s};
    for (const QString& key : kLevelKeys) {
        const FieldValue* v = out.fields.find(key);
        if (!v || (!v->isNumber() && v->type() != FieldValue::Type::String)) {
            continue;
        }
        const int severity = severityFromLevel(v->text(), v->isNumber(), key == u"Level");
        if (severity >= 0) {
            out.severity = severity;
            break;
        }
    }
    addJournaldFields(out);
    applyJsonVariants(out);
    out.summary = summarize(out);
    return {};
}

void JsonLinesParser::addJournaldFields(Event& out)
{
    // `journalctl -o json` records: give them the syslog names too, so Linux rules written for
    // syslog (service sshd, sudo, auth …) see them as what they are.
    const FieldValue* message = out.fields.find(u"MESSAGE");
    if (!message || !out.fields.contains(u"__REALTIME_TIMESTAMP")) {
        return;
    }
    out.format = u"journald"_s;
    auto copy = [&out](QStringView from, const QString& to) {
        const FieldValue* v = out.fields.find(from);
        if (v && !out.fields.contains(to)) {
            out.fields.append(to, *v);
        }
    };
    copy(u"MESSAGE", u"message"_s);
    copy(u"_HOSTNAME", u"hostname"_s);
    copy(out.fields.contains(u"SYSLOG_IDENTIFIER") ? u"SYSLOG_IDENTIFIER" : u"_COMM", u"app_name"_s);
    copy(out.fields.contains(u"SYSLOG_PID") ? u"SYSLOG_PID" : u"_PID", u"procid"_s);
    if (const FieldValue* facility = out.fields.find(u"SYSLOG_FACILITY")) {
        bool ok = false;
        const int f = facility->text().toInt(&ok);
        if (ok && !out.fields.contains(u"facility")) {
            out.fields.append(u"facility"_s, FieldValue::fromInt(f));
        }
    }
}

} // namespace vigil
