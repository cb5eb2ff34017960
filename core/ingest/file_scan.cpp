#include "ingest/file_scan.h"

#include <memory>

#include <openssl/evp.h>

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include "ingest/evtx/evtx_scan.h"
#include "ingest/parser.h"
#include "ingest/record_reader.h"
#include "model/event.h"
#include "storage/database.h"
#include "storage/event_store.h"
#include "util/timestamp.h"

namespace vigil::detail {

namespace {

constexpr std::size_t kMaxRejectSamples = 20;
constexpr int kDetectLines = 20;

} // namespace

// Groups reasons that differ only in the record's own content or position, so a file with
// 20,000 bad timestamps gives one line, not 20,000; the samples keep the exact reasons.
QString reasonClass(const QString& reason)
{
    static const QRegularExpression quoted(QStringLiteral("\"[^\"]*\"|'[^']*'"));
    static const QRegularExpression position(QStringLiteral(" at (byte|offset|line) \\d+"));
    static const QRegularExpression pri(QStringLiteral("<\\d+>"));
    QString r = reason;
    r.replace(quoted, QStringLiteral("\"…\""));
    r.replace(position, QString());
    r.replace(pri, QStringLiteral("<N>"));
    return r.left(200);
}

void countReject(IngestSummary& summary, const Reject& r)
{
    ++summary.rejected;
    constexpr std::size_t kMaxReasonClasses = 50;
    QString key = reasonClass(r.reason);
    if (summary.rejectReasons.size() >= kMaxReasonClasses && !summary.rejectReasons.count(key)) {
        key = QStringLiteral("other reasons");
    }
    ++summary.rejectReasons[key];
    if (summary.rejectSamples.size() < kMaxRejectSamples) {
        summary.rejectSamples.push_back({r.source, r.line, r.reason});
    }
}

// Binary files would turn into garbage text events; say what they are instead. A few NUL bytes
// (a log written through a crash) do not make a file binary: NULs are left out of the judgement.
QString binaryFileProblem(QFile& file)
{
    const QByteArray head = file.peek(4096);
    if (head.startsWith("ElfFile")) {
        return QStringLiteral("this is a Windows event log (EVTX); import it as format evtx");
    }
    if (head.startsWith("\xff\xfe") || head.startsWith("\xfe\xff")) {
        return QStringLiteral("this file is UTF-16 text; only UTF-8 text is supported yet");
    }
    if (head.startsWith("PK\x03\x04") || head.startsWith("\x1f\x8b")) {
        return QStringLiteral("this is a compressed archive (zip or gzip); unpack it first");
    }
    qsizetype zeroAtOdd = 0;
    qsizetype zeroAtEven = 0;
    qsizetype nonNul = 0;
    qsizetype control = 0;
    for (qsizetype i = 0; i < head.size(); ++i) {
        const auto c = static_cast<unsigned char>(head[i]);
        if (c == 0) {
            ++((i % 2) ? zeroAtOdd : zeroAtEven);
            continue;
        }
        ++nonNul;
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b) {
            ++control;
        }
    }
    const qsizetype half = head.size() / 2;
    if (head.size() >= 16 && (zeroAtOdd > half * 9 / 10 || zeroAtEven > half * 9 / 10)) {
        return QStringLiteral("this file looks like UTF-16 text without a byte order mark; only "
                              "UTF-8 text is supported yet");
    }
    if (nonNul > 0 && control * 10 > nonNul) {
        return QStringLiteral("this is a binary file, not line-oriented text");
    }
    return {};
}

// Reads a sample of lines without consuming the stream, so pipes and FIFOs work too.
QString detectFileFormat(QFile& file)
{
    constexpr qint64 kSampleBytes = 64 * 1024;
    const QByteArray sample = file.peek(kSampleBytes);
    QList<QByteArray> lines = sample.split('\n');
    if (sample.size() == kSampleBytes && !lines.isEmpty()) {
        lines.removeLast(); // cut off by the sample size
    }
    QList<QByteArray> picked;
    for (QByteArray& line : lines) {
        if (line.endsWith('\r')) {
            line.chop(1);
        }
        if (line.startsWith("\xef\xbb\xbf")) {
            line.remove(0, 3);
        }
        if (!line.trimmed().isEmpty()) {
            picked << line;
            if (picked.size() == kDetectLines) {
                break;
            }
        }
    }
    return detectFormat(picked);
}

using EventFn = std::function<Result<void>(Event&)>;
using RejectFn = std::function<Result<void>(Reject&)>;

// Reads one file record by record. Returns an error only for a failing callback; problems with
// the file itself land in report.error.
Result<void> scanOne(const QString& path, const IngestOptions& opts, FileReport& report,
                     const EventFn& onEvent, const RejectFn& onReject, const CancelFlag* cancel,
                     const std::function<void(qint64)>& progress, bool& cancelled)
{
    QElapsedTimer timer;
    timer.start();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        report.error = file.errorString();
        return {};
    }
    // Windows event logs (EVTX, XML exports) are read as whole files, not line by line.
    if (const QString windows = windowsLogFormat(file, opts.format); !windows.isEmpty()) {
        report.format = windows;
        auto scanned = scanWindowsLog(file, path, windows, report, onEvent, onReject, cancel,
                                      progress, cancelled);
        report.elapsedNs = timer.nsecsElapsed();
        return scanned;
    }
    if (const QString problem = binaryFileProblem(file); !problem.isEmpty()) {
        report.error = problem;
        return {};
    }
    report.format = opts.format.isEmpty() ? detectFileFormat(file) : opts.format;
    const std::unique_ptr<LineParser> parser = makeParser(report.format);
    if (!parser) {
        report.error = QStringLiteral("unknown format \"%1\"").arg(report.format);
        return {};
    }
    ParseContext ctx;
    ctx.receivedNs = nowNs();
    // Year-less times are placed relative to the file's last change, unless that date is
    // nonsense (a clock far off when the file was written).
    const QDateTime modified = QFileInfo(file).lastModified();
    const bool usable = modified.isValid() && yearInRange(modified.toUTC().date().year());
    ctx.referenceNs = usable ? modified.toMSecsSinceEpoch() * 1'000'000 : ctx.receivedNs;
    ctx.zone = opts.zone;
    ctx.source = path;

    // Lines that do not even claim the detected format (a plain line in a syslog file) are kept
    // as text events; when the user forced a format they are rejected with the reason instead.
    const std::unique_ptr<LineParser> fallback =
        opts.format.isEmpty() ? makeParser(u"text") : nullptr;
    const bool regular = QFileInfo(path).isFile();
    const qint64 sizeAtStart = regular ? file.size() : 0;
    RecordReader reader(&file, parser->joinsContinuationLines());
    Record rec;
    qint64 sinceCheck = 0;
    while (reader.next(rec)) {
        Event e;
        e.source = path;
        e.sourcePos = rec.line;
        e.receivedNs = ctx.receivedNs;
        e.raw = QString::fromUtf8(rec.bytes);
        ParseResult parsed;
        if (rec.truncated) {
            // A record cut by the size limit would be stored as if it were whole.
            parsed = {false, QStringLiteral("record longer than %1 MiB; its first %1 MiB are kept "
                                            "in quarantine")
                                 .arg(reader.maxRecordBytes() / (1024 * 1024))};
        } else {
            // In file order: header-driven parsers (CSV, W3C, Zeek) read their headers here.
            parsed = parser->parseNext(rec.bytes, ctx, e);
            if (!parsed.ok && parsed.foreign && fallback) {
                parsed = fallback->parse(rec.bytes, ctx, e);
            }
        }
        report.headerLines += parsed.header ? 1 : 0;
        report.read += parsed.header ? 0 : 1;
        if (parsed.header) {
            // File metadata (a CSV header, Zeek's #fields): neither an event nor a reject.
        } else if (parsed.ok) {
            report.timeFromReceipt += e.timeSource == TimeSource::Received ? 1 : 0;
            if (auto r = onEvent(e); !r) {
                return r;
            }
        } else {
            Reject rej;
            rej.source = path;
            rej.line = rec.line;
            rej.byteOffset = rec.offset;
            rej.format = report.format;
            rej.reason = parsed.reason;
            rej.raw = rec.bytes;
            rej.receivedNs = ctx.receivedNs;
            ++report.rejected;
            if (auto r = onReject(rej); !r) {
                return r;
            }
        }
        if (++sinceCheck >= 1024) {
            sinceCheck = 0;
            progress(reader.bytesRead());
            if (cancel && cancel->load(std::memory_order_relaxed)) {
                cancelled = true;
                return {};
            }
        }
    }
    if (!reader.errorString().isEmpty()) {
        report.error = reader.errorString();
    } else if (regular && reader.bytesRead() < sizeAtStart) {
        // Someone truncated or rotated the file while we read it; its last record may be cut.
        report.error = QStringLiteral("the file shrank while it was read (%1 of %2 bytes): it was "
                                      "truncated or rotated; the records read before are kept")
                           .arg(QString::number(reader.bytesRead()), QString::number(sizeAtStart));
    }
    progress(reader.bytesRead());
    report.elapsedNs = timer.nsecsElapsed();
    return {};
}

// SHA-256 of the whole file; empty when it cannot be read (the import then reports why) and for
// pipes and other streams, which can be read only once. OpenSSL's SHA-256 uses the CPU's SHA
// instructions: about 1 GB/s here against Qt's 200 MB/s, and the hash is read before any
// record is stored.
QString contentHash(const QString& path, const CancelFlag* cancel)
{
    if (!QFileInfo(path).isFile()) {
        return {};
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) {
        return {};
    }
    QByteArray chunk(1 << 20, Qt::Uninitialized);
    while (true) {
        const qint64 n = file.read(chunk.data(), chunk.size());
        if (n <= 0) {
            break;
        }
        if (EVP_DigestUpdate(ctx.get(), chunk.constData(), std::size_t(n)) != 1) {
            return {};
        }
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            return {};
        }
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(ctx.get(), digest, &length) != 1) {
        return {};
    }
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char*>(digest), int(length)).toHex());
}

// The completed import run that already read this content, if any.
std::pair<qint64, qint64> earlierImport(Database& db, const QString& sha256)
{
    auto s = db.prepare(u"SELECT id, started_ns FROM import_runs WHERE content_sha256 = ?1 "
                        u"AND status = 'done' ORDER BY id LIMIT 1");
    if (!s) {
        return {0, 0};
    }
    s->bind(1, sha256);
    auto row = s->step();
    return row && *row ? std::pair{s->int64(0), s->int64(1)} : std::pair<qint64, qint64>{0, 0};
}

} // namespace vigil::detail
