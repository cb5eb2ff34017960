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

QString reasonClass(const QString& reason)
{
    static const QRegularExpression digits(QStringLiteral("\\d+"));
    QString r = reason;
    return r.replace(digits, QStringLiteral("N"));
}

void countReject(IngestSummary& summary, const Reject& r)
{
    ++summary.rejected;
    ++summary.rejectReasons[reasonClass(r.reason)];
    if (summary.rejectSamples.size() < kMaxRejectSamples) {
        summary.rejectSamples.push_back({r.source, r.line, r.reason});
    }
}

// Binary files would turn into garbage text events; say what they are instead.
QString binaryFileProblem(QFile& file)
{
    const QByteArray head = file.peek(4096);
    if (head.startsWith("ElfFile")) {
        return QStringLiteral("this is a Windows event log (EVTX); EVTX import is not available yet");
    }
    if (head.startsWith("\xff\xfe") || head.startsWith("\xfe\xff")) {
        return QStringLiteral("this file is UTF-16 text; only UTF-8 text is supported yet");
    }
    if (head.contains('\0')) {
        return QStringLiteral("this is a binary file, not line-oriented text");
    }
    return {};
}

QString detectFileFormat(QFile& file)
{
    RecordReader reader(&file, false);
    QList<QByteArray> lines;
    Record rec;
    while (lines.size() < kDetectLines && reader.next(rec)) {
        lines << rec.bytes;
    }
    file.seek(0);
    return detectFormat(lines);
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
    const QDateTime modified = QFileInfo(file).lastModified();
    ctx.referenceNs = modified.isValid() ? modified.toMSecsSinceEpoch() * 1'000'000 : ctx.receivedNs;
    ctx.zone = opts.zone;
    ctx.source = path;

    // Lines that do not even claim the detected format (a plain line in a syslog file) are kept
    // as text events; when the user forced a format they are rejected with the reason instead.
    const std::unique_ptr<LineParser> fallback =
        opts.format.isEmpty() ? makeParser(u"text") : nullptr;
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
        ParseResult parsed = parser->parse(rec.bytes, ctx, e);
        if (!parsed.ok && parsed.foreign && fallback) {
            parsed = fallback->parse(rec.bytes, ctx, e);
        }
        if (parsed.ok) {
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
    }
    progress(reader.bytesRead());
    return {};
}

// SHA-256 of the whole file; empty when it cannot be read (the import then reports why).
QString contentHash(const QString& path, const CancelFlag* cancel)
{
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
        m_events.push_back(std::move(e));
        if (int(m_events.size()) >= m_opts.batchSize) {
            return flush();
        }
        return {};
    }

    Result<void> reject(Reject& r)
    {
        countReject(m_summary, r);
        m_rejects.push_back(std::move(r));
        if (int(m_rejects.size()) >= m_opts.batchSize) {
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
    std::vector<Event> m_events;
    std::vector<Reject> m_rejects;
};

} // namespace

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

QStringList expandPaths(const QStringList& paths, QStringList* missing)
{
    QStringList files;
    for (const QString& p : paths) {
        const QFileInfo info(p);
        if (info.isDir()) {
            QStringList found;
            QDirIterator it(p, QDir::Files | QDir::Readable, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString f = it.next();
                if (!it.fileName().startsWith(u'.')) {
                    found << f;
                }
            }
            found.sort();
            files << found;
        } else if (info.exists()) {
            files << p;
        } else if (missing) {
            *missing << p;
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
