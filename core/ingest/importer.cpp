#include "ingest/importer.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include "ingest/parser.h"
#include "ingest/record_reader.h"
#include "model/event.h"
#include "sigma/rule.h"
#include "sigma/rule_set.h"
#include "storage/database.h"
#include "storage/event_store.h"
#include "storage/journal.h"
#include "util/timestamp.h"

namespace vigil {

namespace {

constexpr std::size_t kMaxRejectSamples = 20;
constexpr int kDetectLines = 20;

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
        return QStringLiteral("this is a Windows event log (EVTX); EVTX import is not available yet");
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
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        report.error = file.errorString();
        return {};
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
        ++report.read;
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
            parsed = parser->parse(rec.bytes, ctx, e);
            if (!parsed.ok && parsed.foreign && fallback) {
                parsed = fallback->parse(rec.bytes, ctx, e);
            }
        }
        if (parsed.ok) {
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
    return {};
}

// SHA-256 of the whole file; empty when it cannot be read (the import then reports why) and for
// pipes and other streams, which can be read only once.
QString contentHash(const QString& path, const CancelFlag* cancel)
{
    if (!QFileInfo(path).isFile()) {
        return {};
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QByteArray chunk(1 << 20, Qt::Uninitialized);
    while (true) {
        const qint64 n = file.read(chunk.data(), chunk.size());
        if (n <= 0) {
            break;
        }
        hash.addData(QByteArrayView(chunk.constData(), n));
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            return {};
        }
    }
    return QString::fromLatin1(hash.result().toHex());
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

qint64 totalSize(const QStringList& files)
{
    qint64 total = 0;
    for (const QString& f : files) {
        total += QFileInfo(f).size();
    }
    return total;
}

/** Stores events in batches, runs the rules on each stored batch and records incidents. */
class BatchSink {
public:
    BatchSink(Database& db, const sigma::RuleSet* rules, const IngestOptions& opts,
              IngestSummary& summary)
        : m_db(db)
        , m_rules(rules)
        , m_opts(opts)
        , m_summary(summary)
        , m_incidents(db, opts.actor.isEmpty() ? localActor() : opts.actor)
    {
        m_incidents.setWindowNs(opts.incidentWindowNs);
    }

    Result<void> init()
    {
        auto w = EventWriter::create(m_db);
        if (!w) {
            return w.error();
        }
        m_writer = std::move(*w);
        return {};
    }

    void setRun(qint64 runId) { m_runId = runId; }

    Result<void> add(Event& e)
    {
        // Each event is held as text, fields and its stored JSON; long records fill memory
        // long before the count limit, so batches also end at a byte budget.
        m_batchBytes += (e.raw.size() + e.summary.size()) * 6 + 512;
        m_events.push_back(std::move(e));
        if (int(m_events.size()) >= m_opts.batchSize || m_batchBytes >= kMaxBatchBytes) {
            return flush();
        }
        return {};
    }

    Result<void> reject(Reject& r)
    {
        countReject(m_summary, r);
        m_batchBytes += r.raw.size() + 256;
        m_rejects.push_back(std::move(r));
        if (int(m_rejects.size()) >= m_opts.batchSize || m_batchBytes >= kMaxBatchBytes) {
            return flush();
        }
        return {};
    }

    Result<void> flush()
    {
        if (m_events.empty() && m_rejects.empty()) {
            return {};
        }
        Transaction tx(m_db);
        if (!tx.begun()) {
            return tx.begun().error();
        }
        for (Event& e : m_events) {
            if (auto r = m_writer.insert(e, m_runId); !r) {
                return r;
            }
        }
        for (const Reject& rej : m_rejects) {
            if (auto r = m_writer.insertReject(rej, m_runId); !r) {
                return r;
            }
        }
        if (m_rules) {
            std::vector<Hit> hits = detect();
            m_summary.hits += qint64(hits.size());
            auto counts = m_incidents.recordHits(std::move(hits));
            if (!counts) {
                return counts.error();
            }
            m_summary.triage += *counts;
        }
        if (auto r = tx.commit(); !r) {
            return r;
        }
        m_summary.stored += qint64(m_events.size());
        m_storedInRun += qint64(m_events.size());
        m_events.clear();
        m_rejects.clear();
        m_batchBytes = 0;
        return {};
    }

    qint64 takeStoredInRun() { return std::exchange(m_storedInRun, 0); }

private:
    std::vector<Hit> detect() const
    {
        std::vector<Hit> hits;
        std::vector<const sigma::Rule*> matched;
        for (const Event& e : m_events) {
            matched.clear();
            m_rules->match(e, matched);
            for (const sigma::Rule* rule : matched) {
                hits.push_back({rule->uid(), rule->meta().title, int(rule->meta().level), e.id,
                                e.timeNs, e.timeDigits, e.host});
            }
        }
        return hits;
    }

    Database& m_db;
    const sigma::RuleSet* m_rules;
    const IngestOptions& m_opts;
    IngestSummary& m_summary;
    IncidentService m_incidents;
    EventWriter m_writer;
    qint64 m_runId = 0;
    qint64 m_storedInRun = 0;
    static constexpr qsizetype kMaxBatchBytes = 64 * 1024 * 1024;

    std::vector<Event> m_events;
    std::vector<Reject> m_rejects;
    qsizetype m_batchBytes = 0;
};

} // namespace

std::vector<std::pair<QString, qint64>> IngestSummary::topRejectReasons(std::size_t limit) const
{
    std::vector<std::pair<QString, qint64>> all(rejectReasons.begin(), rejectReasons.end());
    std::stable_sort(all.begin(), all.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    if (all.size() > limit) {
        all.resize(limit);
    }
    return all;
}

int IngestSummary::duplicateFiles() const
{
    int n = 0;
    for (const FileReport& f : files) {
        n += f.duplicateOfRun != 0 ? 1 : 0;
    }
    return n;
}

int IngestSummary::failedFiles() const
{
    int n = 0;
    for (const FileReport& f : files) {
        n += f.error.isEmpty() ? 0 : 1;
    }
    return n;
}

namespace {

void note(std::vector<PathNote>* notes, const QString& path, const QString& reason, bool unreadable)
{
    if (notes) {
        notes->push_back({path, reason, unreadable});
    }
}

QString missingReason(const QFileInfo& info)
{
    if (info.isSymLink()) {
        return info.symLinkTarget().isEmpty() ? QStringLiteral("symbolic link loop")
                                              : QStringLiteral("broken symbolic link to %1")
                                                    .arg(info.symLinkTarget());
    }
    return QStringLiteral("no such file or folder");
}

bool isInside(const QString& path, const QString& root)
{
    return path == root || path.startsWith(root + u'/');
}

void expandFolder(const QString& dir, QStringList& files, std::vector<PathNote>* notes)
{
    const QString root = QFileInfo(dir).canonicalFilePath();
    QStringList found;
    QDirIterator it(dir, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info = it.fileInfo();
        const QString relative = path.mid(dir.size());
        if (relative.contains(QStringLiteral("/."))) {
            if (info.fileName().startsWith(u'.') && !info.isDir()) {
                note(notes, path, QStringLiteral("hidden file; left out"), false);
            }
            continue; // hidden files and everything inside hidden folders
        }
        if (info.isSymLink()) {
            const QString target = info.canonicalFilePath();
            if (target.isEmpty()) {
                note(notes, path, missingReason(info), true);
                continue;
            }
            if (!isInside(target, root)) {
                note(notes, path,
                     QStringLiteral("symbolic link to %1, outside the folder; not followed").arg(target),
                     false);
                continue;
            }
            if (info.isDir()) {
                continue; // a folder inside the tree is read where it really is
            }
        }
        if (info.isDir()) {
            if (!info.isReadable() || !info.isExecutable()) {
                note(notes, path, QStringLiteral("folder cannot be read (permission denied)"), true);
            }
            continue;
        }
        if (!info.isFile()) {
            note(notes, path, QStringLiteral("not a regular file (FIFO, socket or device); left out"),
                 false);
            continue;
        }
        if (!info.isReadable()) {
            note(notes, path, QStringLiteral("permission denied"), true);
            continue;
        }
        found << path;
    }
    found.sort();
    files << found;
}

} // namespace

QStringList expandPaths(const QStringList& paths, std::vector<PathNote>* notes)
{
    QStringList files;
    for (const QString& p : paths) {
        const QFileInfo info(p);
        if (info.isDir()) {
            expandFolder(p, files, notes);
        } else if (info.exists()) {
            files << p; // given by name: read it, whatever kind of file it is
        } else {
            note(notes, p, missingReason(info), true);
        }
    }
    return files;
}

Result<IngestSummary> importFiles(Database& db, const sigma::RuleSet* rules,
                                  const QStringList& files, const IngestOptions& options,
                                  const CancelFlag* cancel, const ProgressFn& progress)
{
    QElapsedTimer timer;
    timer.start();
    IngestSummary summary;
    BatchSink sink(db, rules, options, summary);
    if (auto r = sink.init(); !r) {
        return r.error();
    }
    const qint64 total = totalSize(files);
    qint64 doneBefore = 0;
    for (const QString& path : files) {
        if (cancel && cancel->load()) {
            summary.cancelled = true;
            break;
        }
        FileReport report;
        report.path = path;
        const QString sha256 = contentHash(path, cancel);
        if (!sha256.isEmpty() && !options.reimport) {
            const auto [run, startedNs] = earlierImport(db, sha256);
            if (run != 0) {
                report.duplicateOfRun = run;
                report.duplicateOfNs = startedNs;
                summary.files.push_back(report);
                doneBefore += QFileInfo(path).size();
                continue;
            }
        }
        auto runId = beginImportRun(db, path, options.format);
        if (!runId) {
            return runId.error();
        }
        if (!sha256.isEmpty()) {
            if (auto r = setImportRunContentHash(db, *runId, sha256); !r) {
                return r.error();
            }
        }
        sink.setRun(*runId);
        auto onEvent = [&sink](Event& e) { return sink.add(e); };
        auto onReject = [&sink](Reject& r) { return sink.reject(r); };
        auto onProgress = [&](qint64 bytes) {
            if (progress) {
                progress(doneBefore + bytes, total);
            }
        };
        auto scanned = scanOne(path, options, report, onEvent, onReject, cancel, onProgress,
                               summary.cancelled);
        Result<void> flushed = scanned ? sink.flush() : scanned;
        report.stored = sink.takeStoredInRun();
        summary.read += report.read;
        summary.timeFromReceipt += report.timeFromReceipt;
        const QString status = !flushed               ? QStringLiteral("failed")
                             : summary.cancelled      ? QStringLiteral("cancelled")
                             : !report.error.isEmpty() ? QStringLiteral("failed")
                                                       : QStringLiteral("done");
        finishImportRun(db, *runId, status, report.format,
                        {report.read, report.stored, report.rejected},
                        flushed ? report.error : flushed.error().message);
        summary.files.push_back(report);
        if (!flushed) {
            return flushed.error();
        }
        doneBefore += QFileInfo(path).size();
        if (summary.cancelled) {
            break;
        }
    }
    summary.elapsedNs = timer.nsecsElapsed();
    return summary;
}

Result<IngestSummary> importEvents(Database& db, const sigma::RuleSet* rules,
                                   std::vector<Event> events, const QString& source,
                                   const IngestOptions& options)
{
    QElapsedTimer timer;
    timer.start();
    IngestSummary summary;
    BatchSink sink(db, rules, options, summary);
    if (auto r = sink.init(); !r) {
        return r.error();
    }
    auto runId = beginImportRun(db, source, QString());
    if (!runId) {
        return runId.error();
    }
    sink.setRun(*runId);
    FileReport report;
    report.path = source;
    for (Event& e : events) {
        ++report.read;
        if (auto r = sink.add(e); !r) {
            return r.error();
        }
    }
    if (auto r = sink.flush(); !r) {
        return r.error();
    }
    report.stored = sink.takeStoredInRun();
    summary.read = report.read;
    finishImportRun(db, *runId, QStringLiteral("done"), QStringLiteral("generated"),
                    {report.read, report.stored, 0}, {});
    summary.files.push_back(report);
    summary.elapsedNs = timer.nsecsElapsed();
    return summary;
}

Result<IngestSummary> scanFiles(const QStringList& files, const IngestOptions& options,
                                const std::function<void(Event&)>& onEvent,
                                const CancelFlag* cancel, const ProgressFn& progress)
{
    QElapsedTimer timer;
    timer.start();
    IngestSummary summary;
    const qint64 total = totalSize(files);
    qint64 doneBefore = 0;
    for (const QString& path : files) {
        if (cancel && cancel->load()) {
            summary.cancelled = true;
            break;
        }
        FileReport report;
        report.path = path;
        auto eventFn = [&](Event& e) -> Result<void> {
            ++report.stored;
            onEvent(e);
            return {};
        };
        auto rejectFn = [&](Reject& r) -> Result<void> {
            countReject(summary, r);
            return {};
        };
        auto onProgress = [&](qint64 bytes) {
            if (progress) {
                progress(doneBefore + bytes, total);
            }
        };
        auto r = scanOne(path, options, report, eventFn, rejectFn, cancel, onProgress,
                         summary.cancelled);
        if (!r) {
            return r.error();
        }
        summary.read += report.read;
        summary.stored += report.stored;
        summary.timeFromReceipt += report.timeFromReceipt;
        summary.files.push_back(report);
        doneBefore += QFileInfo(path).size();
        if (summary.cancelled) {
            break;
        }
    }
    summary.elapsedNs = timer.nsecsElapsed();
    return summary;
}

} // namespace vigil
