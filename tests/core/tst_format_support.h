#pragma once

// Helpers shared by the tst_format_* suites: parse text or files the way an import does and
// look at the resulting fields. Header-only; each suite is its own executable.

#include <memory>
#include <vector>

#include <QBuffer>
#include <QDir>
#include <QFileInfo>
#include <QString>
#include <QStringList>
#include <QTimeZone>

#include "ingest/importer.h"
#include "ingest/parser.h"
#include "ingest/record_reader.h"
#include "model/event.h"
#include "util/timestamp.h"

namespace fmttest {

using namespace vigil;
using namespace Qt::StringLiterals;

/** What parsing a text or a file gave: events, rejects ("line: reason"), header lines. */
struct Parsed {
    std::vector<Event> events;
    QStringList rejects;
    qint64 headers = 0;
    QString format; ///< detected or forced file format
};

/** A reference "now" for year-less times in tests that parse text: 2024-06-15T12:00:00Z. */
inline qint64 referenceNs()
{
    return civilToNs(2024, 6, 15, 12, 0, 0, 0);
}

/**
 * Parses @p text record by record with a fresh parser for @p format (detected from the text
 * when empty), as file_scan does: parseNext(), foreign records as text when detected.
 */
inline Parsed parseText(const QByteArray& text, const QString& format = {},
                        const QTimeZone& zone = QTimeZone::utc())
{
    Parsed p;
    QList<QByteArray> sample;
    for (const QByteArray& line : text.split('\n')) {
        if (!line.trimmed().isEmpty() && sample.size() < 20) {
            sample << (line.endsWith('\r') ? line.chopped(1) : line);
        }
    }
    p.format = format.isEmpty() ? detectFormat(sample) : format;
    std::unique_ptr<LineParser> parser = makeParser(p.format);
    if (!parser) {
        p.rejects << u"unknown format "_s + p.format;
        return p;
    }
    const std::unique_ptr<LineParser> fallback = format.isEmpty() ? makeParser(u"text") : nullptr;
    ParseContext ctx;
    ctx.receivedNs = referenceNs() + 3600 * kNsPerSecond;
    ctx.referenceNs = referenceNs();
    ctx.zone = zone;
    QByteArray copy = text;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    RecordReader reader(&buffer, parser->joinsContinuationLines());
    Record rec;
    while (reader.next(rec)) {
        Event e;
        e.sourcePos = rec.line;
        e.raw = QString::fromUtf8(rec.bytes);
        ParseResult r = parser->parseNext(rec.bytes, ctx, e);
        if (!r.ok && r.foreign && fallback) {
            r = fallback->parse(rec.bytes, ctx, e);
        }
        if (r.header) {
            ++p.headers;
        } else if (r.ok) {
            p.events.push_back(std::move(e));
        } else {
            p.rejects << QString::number(rec.line) + u": "_s + r.reason;
        }
    }
    return p;
}

/** Parses one line with a fresh parser for @p format. */
inline Parsed parseLine(const QByteArray& line, const QString& format,
                        const QTimeZone& zone = QTimeZone::utc())
{
    return parseText(line + '\n', format, zone);
}

/** Parses a file through the importer's own path (scanFiles): detection, per-file parser. */
inline Parsed parseFile(const QString& path, const QString& format = {})
{
    Parsed p;
    IngestOptions options;
    options.format = format;
    auto summary = scanFiles({path}, options, [&p](Event& e) { p.events.push_back(e); });
    if (!summary) {
        p.rejects << summary.error().message;
        return p;
    }
    for (const RejectSample& r : summary->rejectSamples) {
        p.rejects << QString::number(r.line) + u": "_s + r.reason;
    }
    if (!summary->files.empty()) {
        p.format = summary->files.front().format;
        p.headers = summary->files.front().headerLines;
        if (!summary->files.front().error.isEmpty()) {
            p.rejects << u"file: "_s + summary->files.front().error;
        }
    }
    return p;
}

/** A field's text; a null QString when absent, "null" when present as null. */
inline QString field(const Event& e, QStringView name)
{
    const FieldValue* v = e.fields.find(name);
    if (!v) {
        return {};
    }
    if (v->isNull()) {
        return u"null"_s;
    }
    if (v->isList()) {
        QStringList items;
        for (const FieldValue& item : v->items()) {
            items << (item.isNull() ? u"null"_s : item.text());
        }
        return u'[' + items.join(u',') + u']';
    }
    return v->text();
}

/** A common field's text, or a null QString when absent. */
inline QString common(const Event& e, QStringView name)
{
    const FieldValue* v = e.common.find(name);
    return v ? v->text() : QString();
}

/** The event time as UTC ISO 8601 with the digits kept, or "received". */
inline QString timeOf(const Event& e)
{
    return e.timeSource == TimeSource::Event ? formatUtc(e.timeNs, e.timeDigits) : u"received"_s;
}

inline QString corpusPath(const QString& relative)
{
    return QStringLiteral(VIGIL_SHARED_CORPUS) + u"/logs/"_s + relative;
}

inline QString fixturePath(const QString& name)
{
    return QStringLiteral(VIGIL_TEST_DATA) + u"/formats/"_s + name;
}

inline bool haveCorpus()
{
    return QFileInfo::exists(QStringLiteral(VIGIL_SHARED_CORPUS) + u"/logs"_s);
}

} // namespace fmttest

#define FMT_REQUIRE_CORPUS()                                                                       \
    do {                                                                                           \
        if (!fmttest::haveCorpus()) {                                                              \
            QSKIP("the shared corpus (VIGIL_SHARED_CORPUS/logs) is not available");                \
        }                                                                                          \
    } while (false)
