#include "cli_common.h"
#include "commands.h"
#include "interrupt.h"
#include "options.h"

#include <QFile>
#include <QFileInfo>

#include "ingest/evtx/evtx_scan.h"
#include "ingest/file_scan.h"
#include "ingest/formats/format_registry.h"
#include "ingest/parser.h"
#include "ingest/record_reader.h"
#include "model/event.h"
#include "storage/event_store.h"
#include "util/json.h"
#include "util/timestamp.h"

namespace vigil::cli {

namespace {

const char16_t kSynopsis[] =
    u"[--format F] [--tz ZONE] FILE|-...\n"
    u"  Parses files (or standard input: -) without a database and prints one JSON object per\n"
    u"  record: time (UTC, or null when the record has none), time_source, host, format, source,\n"
    u"  fields, common, raw (raw_base64 too when the record is not valid UTF-8); a rejected\n"
    u"  record prints {\"error\", \"source\", \"raw\"}. The format is detected per file unless\n"
    u"  --format names one (vigil-cli formats lists them).\n"
    u"  --tz  time zone for timestamps that carry none (default UTC)\n";

void addRaw(JsonObjectWriter& w, const QByteArray& bytes)
{
    w.add(u"raw", QString::fromUtf8(bytes));
    if (!QUtf8StringView(bytes).isValidUtf8()) {
        w.add(u"raw_base64", QString::fromLatin1(bytes.toBase64()));
    }
}

QByteArray eventJson(const Event& e, const QString& sourceRef, const QByteArray& raw)
{
    JsonObjectWriter w;
    if (e.timeSource == TimeSource::Event) {
        w.add(u"time", formatUtc(e.timeNs, e.timeDigits));
    } else {
        w.addNull(u"time");
    }
    w.add(u"time_source", e.timeSource == TimeSource::Event ? u"event" : u"received")
        .addOptional(u"host", e.host.isEmpty() ? QString() : e.host)
        .add(u"format", e.format)
        .add(u"source", sourceRef)
        .addRaw(u"fields", fieldsToJson(e.fields))
        .addRaw(u"common", fieldsToJson(e.common));
    addRaw(w, raw);
    return w.finish() + '\n';
}

QByteArray rejectJson(const QString& reason, const QString& sourceRef, const QByteArray& raw)
{
    JsonObjectWriter w;
    w.add(u"error", reason).add(u"source", sourceRef);
    addRaw(w, raw);
    return w.finish() + '\n';
}

struct FileCounts {
    qint64 records = 0;
    qint64 rejected = 0;
};

enum class Outcome { Done, Unreadable, Stopped };

// As an import: year-less times relative to the file's last change, the zone of --tz.
ParseContext contextFor(const QString& path, bool isStdin, const Options& o)
{
    ParseContext ctx;
    ctx.receivedNs = nowNs();
    const QDateTime modified = isStdin ? QDateTime() : QFileInfo(path).lastModified();
    ctx.referenceNs = modified.isValid() && yearInRange(modified.toUTC().date().year())
                          ? modified.toMSecsSinceEpoch() * 1'000'000
                          : ctx.receivedNs;
    ctx.zone = o.zone;
    ctx.source = path;
    return ctx;
}

// Buffered standard output that notices a closed pipe or Ctrl-C.
class Printer {
public:
    ~Printer() { flush(); }
    bool add(const QByteArray& line)
    {
        m_buffer += line;
        if (m_buffer.size() <= (1 << 16)) {
            return true;
        }
        flush();
        return !std::ferror(stdout) && !interruptFlag()->load();
    }
    void flush()
    {
        outBytes(m_buffer);
        m_buffer.clear();
    }

private:
    QByteArray m_buffer;
};

// EVTX files and Windows XML exports: one object per record, the Sigma field names, raw = the
// record as XML; damage worked around is reported on standard error.
Outcome parseWindowsLog(QFile& file, const QString& path, const QString& windowsFormat,
                        FileCounts& counts)
{
    FileReport report;
    Printer printer;
    bool stopped = false;
    const auto onEvent = [&](Event& e) -> Result<void> {
        ++counts.records;
        const QString ref = path + u':' + QString::number(e.sourcePos);
        if (!printer.add(eventJson(e, ref, e.raw.toUtf8()))) {
            stopped = true;
            return makeError(ErrorCode::InvalidState, QStringLiteral("stopped"));
        }
        return {};
    };
    const auto onReject = [&](Reject& r) -> Result<void> {
        ++counts.records;
        ++counts.rejected;
        const QString ref = path + u"@byte " + QString::number(r.byteOffset);
        if (!printer.add(rejectJson(r.reason, ref, r.raw))) {
            stopped = true;
            return makeError(ErrorCode::InvalidState, QStringLiteral("stopped"));
        }
        return {};
    };
    bool cancelled = false;
    const auto result = detail::scanWindowsLog(file, path, windowsFormat, report, onEvent,
                                               onReject, nullptr, [](qint64) {}, cancelled);
    printer.flush();
    if (stopped) {
        return Outcome::Stopped;
    }
    for (const QString& note : std::as_const(report.notes)) {
        err(QStringLiteral("%1: note: %2\n").arg(printable(path), printable(note)));
    }
    if (!result || !report.error.isEmpty()) {
        err(QStringLiteral("vigil-cli: %1: %2\n")
                .arg(printable(path), printable(result ? report.error : result.error().message)));
        return Outcome::Unreadable;
    }
    return Outcome::Done;
}

// Reads one file the way an import does (detection, per-file parser, text for foreign lines in
// a detected file) and prints every record.
Outcome parseOne(const QString& path, const Options& o, FileCounts& counts, QString& format)
{
    const bool isStdin = path == u"-";
    QFile file(isStdin ? QString() : path);
    const bool opened =
        isStdin ? file.open(stdin, QIODevice::ReadOnly) : file.open(QIODevice::ReadOnly);
    if (!opened) {
        err(QStringLiteral("vigil-cli: cannot read %1: %2\n")
                .arg(printable(path), file.errorString()));
        return Outcome::Unreadable;
    }
    if (const QString windowsFormat = detail::windowsLogFormat(file, o.format);
        !windowsFormat.isEmpty()) {
        format = windowsFormat;
        return parseWindowsLog(file, path, windowsFormat, counts);
    }
    if (const QString problem = detail::binaryFileProblem(file); !problem.isEmpty()) {
        err(QStringLiteral("vigil-cli: %1: %2\n").arg(printable(path), problem));
        return Outcome::Unreadable;
    }
    format = o.format.isEmpty() ? detail::detectFileFormat(file) : o.format;
    const std::unique_ptr<LineParser> parser = makeParser(format);
    const std::unique_ptr<LineParser> fallback = o.format.isEmpty() ? makeParser(u"text") : nullptr;
    if (!parser) {
        err(QStringLiteral("vigil-cli: %1: unknown format \"%2\"\n").arg(printable(path), format));
        return Outcome::Unreadable;
    }
    const ParseContext ctx = contextFor(path, isStdin, o);
    RecordReader reader(&file, parser->joinsContinuationLines());
    Record rec;
    Printer printer;
    while (reader.next(rec)) {
        Event e;
        e.source = path;
        e.sourcePos = rec.line;
        e.receivedNs = ctx.receivedNs;
        ParseResult parsed;
        if (rec.truncated) {
            parsed = {false, QStringLiteral("record longer than %1 MiB")
                                 .arg(reader.maxRecordBytes() / (1024 * 1024))};
        } else {
            parsed = parser->parseNext(rec.bytes, ctx, e);
            if (!parsed.ok && parsed.foreign && fallback) {
                parsed = fallback->parse(rec.bytes, ctx, e);
            }
        }
        if (parsed.header) {
            continue;
        }
        ++counts.records;
        const QString ref = path + u':' + QString::number(rec.line);
        QByteArray line;
        if (parsed.ok) {
            line = eventJson(e, ref, rec.bytes);
        } else {
            ++counts.rejected;
            line = rejectJson(parsed.reason, ref, rec.bytes);
        }
        if (!printer.add(line)) {
            return Outcome::Stopped; // the reader went away (a closed pipe) or Ctrl-C
        }
    }
    printer.flush();
    if (!reader.errorString().isEmpty()) {
        err(QStringLiteral("vigil-cli: %1: %2\n").arg(printable(path), reader.errorString()));
        return Outcome::Unreadable;
    }
    return Outcome::Done;
}

} // namespace

int runParse(const QStringList& args)
{
    Accepts accepts;
    accepts.format = accepts.zone = accepts.paths = true;
    bool help = false;
    const auto o =
        parseOptions(QStringLiteral("parse"), QString::fromUtf16(kSynopsis), args, accepts, help);
    if (!o) {
        return help ? ExitOk : ExitUsage;
    }
    if (o->paths.isEmpty()) {
        err(QStringLiteral("vigil-cli parse: a FILE (or - for standard input) is required\n"
                           "usage: vigil-cli parse %1")
                .arg(QString::fromUtf16(kSynopsis)));
        return ExitUsage;
    }
    bool unreadable = false;
    QStringList files;
    for (const QString& p : o->paths) {
        if (p == u"-") {
            files << p;
        } else {
            bool failed = false;
            files << expandInputs({p}, failed);
            unreadable = unreadable || failed;
        }
    }
    for (const QString& path : std::as_const(files)) {
        FileCounts counts;
        QString format;
        const Outcome outcome = parseOne(path, *o, counts, format);
        std::fflush(stdout);
        if (outcome == Outcome::Stopped) {
            return interruptFlag()->load() ? ExitInterrupted : ExitOk;
        }
        if (outcome == Outcome::Unreadable) {
            unreadable = true;
            continue;
        }
        err(QStringLiteral("%1: %2, %3 records, %4 rejected\n")
                .arg(printable(path), format, grouped(counts.records), grouped(counts.rejected)));
    }
    return unreadable ? ExitInput : ExitOk;
}

int runFormats(const QStringList& args)
{
    if (!args.isEmpty() && args.first() != u"--help" && args.first() != u"-h") {
        err(QStringLiteral("vigil-cli formats: unexpected argument \"%1\"\n").arg(args.first()));
        return ExitUsage;
    }
    for (const QString& name : knownFormats()) {
        const QString description = formatDescription(name);
        out(description.isEmpty() ? QString(name + u'\n')
                                  : QString(name + u'\t' + description + u'\n'));
    }
    return ExitOk;
}

} // namespace vigil::cli
