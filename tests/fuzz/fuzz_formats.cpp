// libFuzzer target over one log format parser (VIGIL_FUZZ=ON, clang). The format is chosen at
// build time with VIGIL_FUZZ_FORMAT ("cef", "zeek-tsv" ...; "auto" detects it as an import does).
//
// The input is read as a whole file: split into records by RecordReader, fed in order through
// parseNext() (so header-driven parsers see their headers), foreign records handed to the text
// parser when detected, and every record also parsed by a second instance's const parse().
//   fuzz_format_cef -max_total_time=180 corpus_dir seeds_dir
#include <cstddef>
#include <cstdint>

#include <QBuffer>
#include <QByteArray>
#include <QList>

#include "ingest/parser.h"
#include "ingest/record_reader.h"
#include "model/event.h"
#include "util/json.h"

using namespace vigil;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    QString format = QStringLiteral(VIGIL_FUZZ_FORMAT);
    const bool detect = format == u"auto";
    if (detect) {
        QList<QByteArray> sample = bytes.split('\n');
        if (sample.size() > 20) {
            sample.resize(20);
        }
        format = detectFormat(sample);
    }
    std::unique_ptr<LineParser> parser = makeParser(format);
    const std::unique_ptr<LineParser> second = makeParser(format);
    const std::unique_ptr<LineParser> fallback = detect ? makeParser(u"text") : nullptr;
    if (!parser || !second) {
        __builtin_trap(); // every known name has a parser
    }
    ParseContext ctx;
    ctx.receivedNs = 1'700'000'000'000'000'000;
    ctx.referenceNs = ctx.receivedNs;
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    RecordReader reader(&buffer, parser->joinsContinuationLines());
    reader.setMaxRecordBytes(1 << 16);
    Record rec;
    while (reader.next(rec)) {
        Event e;
        ParseResult r = parser->parseNext(rec.bytes, ctx, e);
        if (!r.ok && r.foreign && fallback) {
            r = fallback->parse(rec.bytes, ctx, e);
        }
        if (r.ok && !r.header) {
            // What a store and `vigil-cli parse` do with the event.
            (void)fieldsToJson(e.fields);
            (void)fieldsToJson(e.common);
        }
        Event other;
        (void)second->parse(rec.bytes, ctx, other);
    }
    return 0;
}
