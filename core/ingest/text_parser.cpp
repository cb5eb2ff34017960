#include "ingest/text_parser.h"

#include "ingest/formats/format_util.h"
#include "ingest/summary.h"
#include "ingest/time_scan.h"
#include "model/event.h"

using namespace Qt::StringLiterals;

namespace vigil {

QString TextParser::format() const
{
    return u"text"_s;
}

bool TextParser::joinsContinuationLines() const
{
    return true;
}

ParseResult TextParser::parse(QByteArrayView record, const ParseContext& ctx, Event& out) const
{
    out.fields.clear();
    out.common.clear();
    out.host.clear();
    out.severity = -1;
    out.format = format();
    while (!record.isEmpty() && (record.back() == '\n' || record.back() == '\r')) {
        record.chop(1);
    }
    const qint64 reference = referenceTimeOf(ctx);
    if (const auto t = scanLeadingTime(record, reference, ctx.zone)) {
        out.timeNs = t->ns;
        out.timeDigits = t->digits;
        out.timeSource = TimeSource::Event;
        if (!t->zoned) {
            fmt::noteZoneAssumed(out, ctx);
        }
    } else {
        setReceivedTime(out, ctx.receivedNs);
    }
    out.fields.append(u"message"_s, FieldValue::fromString(QString::fromUtf8(record)));
    out.summary = summarize(out);
    return {};
}

} // namespace vigil
