#include "ingest/evtx/event_builder.h"

#include "ingest/evtx/binxml_value.h"
#include "ingest/formats/windows_common.h"
#include "ingest/summary.h"
#include "model/event.h"
#include "util/timestamp.h"

using namespace Qt::StringLiterals;

namespace vigil::evtx {

namespace {

constexpr int kDigits = 7; // FILETIME resolution: 100 ns

// TimeCreated/@SystemTime as written ("2019-03-04T05:06:07.1234567Z"), cut to 100 ns.
bool systemTime(const Fields& fields, qint64& ns)
{
    const FieldValue* v = fields.find(u"TimeCreated_SystemTime");
    if (!v) {
        return false;
    }
    const auto parsed = parseIso8601(v->text());
    if (!parsed || !parsed->hasZone) {
        return false;
    }
    ns = parsed->ns - parsed->ns % 100;
    return true;
}

} // namespace

int EventBuilder::severityForLevel(qint64 level)
{
    static constexpr int kSeverity[] = {6, 2, 3, 4, 6, 7};
    return level >= 0 && level <= 5 ? kSeverity[level] : -1;
}

void EventBuilder::build(const TokenStream& tokens, NamePool& names, quint64 fileTime,
                         bool renderRaw, Event& out)
{
    out.fields.clear();
    out.fields.reserve(40);
    m_flattener.flatten(tokens, names, out.fields);
    qint64 ns = 0;
    if ((fileTime != 0 && fileTimeToNs(fileTime, ns)) || systemTime(out.fields, ns)) {
        out.timeNs = ns;
        out.timeDigits = kDigits;
        out.timeSource = TimeSource::Event;
    } else {
        out.timeNs = out.receivedNs;
        out.timeDigits = out.receivedNs % kNsPerSecond != 0 ? 3 : 0;
        out.timeSource = TimeSource::Received;
    }
    out.host = out.fields.text(u"Computer");
    const FieldValue* level = out.fields.find(u"Level");
    out.severity =
        level && level->type() == FieldValue::Type::Int ? severityForLevel(level->toInt()) : -1;
    if (renderRaw) {
        out.raw = m_renderer.render(tokens, names);
    }
    out.common.clear();
    fillWindowsCommon(out);
    out.summary = summarize(out);
}

} // namespace vigil::evtx
