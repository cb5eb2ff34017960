#include "sigma/file_hunt.h"

#include <deque>
#include <memory>

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QFuture>
#include <QThreadPool>
#include <QtConcurrent>

#include "ingest/evtx/evtx_scan.h"
#include "ingest/file_scan.h"
#include "ingest/parser.h"
#include "ingest/record_reader.h"
#include "model/event.h"
#include "sigma/rule_set.h"
#include "storage/event_store.h"
#include "util/timestamp.h"

namespace vigil::sigma {

namespace {

// Big enough that handing a batch over costs nothing next to parsing it, small enough that the
// batches in flight (kInFlightPerThread per worker) keep memory flat.
constexpr std::size_t kBatchItems = 256;
constexpr int kInFlightPerThread = 4;

/** One record on its way through the pipeline. */
struct Item {
    enum class Kind : quint8 { Raw, Event, Reject, Header };
    Kind kind = Kind::Raw;
    Record record; // Raw: parsed by the worker
    Event event;   // Event: parsed (by the worker or the reader)
    Reject reject;
    std::vector<const Rule*> hits;
};

/** What the workers need to parse the records of one file (read-only while they run). */
struct FileParsing {
    const LineParser* parser = nullptr;   // stateless: parse() may run on any thread
    const LineParser* fallback = nullptr; // text events for foreign lines (format detected)
    ParseContext ctx;
    QString path;
    QString format;
    qsizetype maxRecordBytes = 0;
};

/**
 * Whether matching reads the event's raw text: keyword search does for line formats and events
 * without fields (MatchContext::reset()). For the others the raw text is made only for events
 * with hits: converting every record to UTF-16 would cost more than matching some of them.
 * No parser reads Event::raw.
 */
bool matchReadsRaw(const Event& e)
{
    return e.fields.isEmpty() || e.format.startsWith(u"syslog");
}

/** The body of scanOne()'s record loop: turns @p item from Raw into Event, Reject or Header. */
template <typename Parse>
void parseItem(Item& item, const FileParsing& f, Parse&& parse)
{
    Record& rec = item.record;
    Event& e = item.event;
    e.source = f.path;
    e.sourcePos = rec.line;
    e.receivedNs = f.ctx.receivedNs;
    ParseResult parsed;
    if (rec.truncated) {
        parsed = {false, QStringLiteral("record longer than %1 MiB; its first %1 MiB are kept in "
                                        "quarantine")
                             .arg(f.maxRecordBytes / (1024 * 1024))};
    } else {
        parsed = parse(rec.bytes, e);
        if (!parsed.ok && parsed.foreign && f.fallback) {
            parsed = f.fallback->parse(rec.bytes, f.ctx, e);
        }
    }
    if (parsed.header) {
        item.kind = Item::Kind::Header;
    } else if (parsed.ok) {
        item.kind = Item::Kind::Event;
        if (matchReadsRaw(e)) {
            e.raw = QString::fromUtf8(rec.bytes);
        } else {
            return; // the record's bytes stay for the raw text of a hit
        }
    } else {
        item.kind = Item::Kind::Reject;
        item.reject.source = f.path;
        item.reject.line = rec.line;
        item.reject.byteOffset = rec.offset;
        item.reject.format = f.format;
        item.reject.reason = parsed.reason;
        item.reject.raw = std::move(rec.bytes);
        item.reject.receivedNs = f.ctx.receivedNs;
        e = Event();
    }
    rec.bytes = QByteArray();
}

/** Matches an event on a worker; an event without hits is freed there too (only its time
 *  source is counted later), which keeps the consuming thread light and frees memory on the
 *  thread that allocated it. */
void matchItem(Item& item, const RuleSet& rules)
{
    Event& e = item.event;
    rules.match(e, item.hits);
    if (item.hits.empty()) {
        const TimeSource source = e.timeSource;
        e = Event();
        e.timeSource = source;
    } else if (e.raw.isEmpty() && !item.record.bytes.isEmpty()) {
        e.raw = QString::fromUtf8(item.record.bytes);
    }
    item.record.bytes = QByteArray();
}

/**
 * Batches in flight on the worker pool, consumed strictly in submission order so hits, rejects
 * and counts come out exactly as a one-thread scan gives them.
 */
class Pipeline {
public:
    Pipeline(const RuleSet& rules, const HuntHitFn& onHit, IngestSummary& summary, int threads)
        : m_rules(rules)
        , m_onHit(onHit)
        , m_summary(summary)
    {
        m_pool.setMaxThreadCount(threads > 0 ? threads : QThread::idealThreadCount());
        m_maxInFlight = std::size_t(m_pool.maxThreadCount() * kInFlightPerThread);
    }
    ~Pipeline() { m_pool.waitForDone(); }

    /**
     * Hands @p items to a worker; @p parsing must stay valid until drain(0). @p readerCounted:
     * the reader has counted records read, rejected and timed by receipt in @p report itself.
     */
    void submit(std::vector<Item>&& items, const FileParsing* parsing, FileReport* report,
                bool readerCounted = false)
    {
        auto batch = std::make_shared<Batch>();
        batch->items = std::move(items);
        batch->report = report;
        batch->readerCounted = readerCounted;
        const RuleSet& rules = m_rules;
        batch->done = QtConcurrent::run(&m_pool, [batch, parsing, &rules] {
            for (Item& item : batch->items) {
                if (item.kind == Item::Kind::Raw) {
                    parseItem(item, *parsing, [parsing](QByteArrayView bytes, Event& e) {
                        return parsing->parser->parse(bytes, parsing->ctx, e);
                    });
                }
                if (item.kind == Item::Kind::Event) {
                    matchItem(item, rules);
                }
            }
        });
        m_inFlight.push_back(std::move(batch));
        drain(m_maxInFlight);
    }

    /** Consumes finished batches in order until at most @p keep are in flight. */
    void drain(std::size_t keep)
    {
        while (m_inFlight.size() > keep) {
            std::shared_ptr<Batch> batch = std::move(m_inFlight.front());
            m_inFlight.pop_front();
            batch->done.waitForFinished();
            consume(*batch);
        }
    }

private:
    struct Batch {
        std::vector<Item> items;
        FileReport* report = nullptr;
        bool readerCounted = false;
        QFuture<void> done;
    };

    void consume(Batch& batch)
    {
        FileReport& report = *batch.report;
        const qint64 own = batch.readerCounted ? 0 : 1;
        for (Item& item : batch.items) {
            switch (item.kind) {
            case Item::Kind::Header:
                ++report.headerLines;
                break;
            case Item::Kind::Event:
                report.read += own;
                ++report.stored;
                if (item.event.timeSource == TimeSource::Received) {
                    report.timeFromReceipt += own;
                }
                if (!item.hits.empty()) {
                    m_onHit(item.event, item.hits);
                }
                break;
            case Item::Kind::Reject:
                report.read += own;
                report.rejected += own;
                vigil::detail::countReject(m_summary, item.reject);
                break;
            case Item::Kind::Raw:
                break; // not reached: workers parse every raw item
            }
        }
    }

    const RuleSet& m_rules;
    const HuntHitFn& m_onHit;
    IngestSummary& m_summary;
    QThreadPool m_pool;
    std::size_t m_maxInFlight = 8;
    std::deque<std::shared_ptr<Batch>> m_inFlight;
};

bool cancelRequested(const CancelFlag* cancel)
{
    return cancel && cancel->load(std::memory_order_relaxed);
}

/** Windows event logs: read on this thread (the reader is sequential), matched by workers. */
void huntWindowsLog(QFile& file, const QString& path, const QString& format, FileReport& report,
                    Pipeline& pipeline, const CancelFlag* cancel, bool& cancelled)
{
    report.format = format;
    std::vector<Item> items;
    auto flush = [&] {
        if (!items.empty()) {
            pipeline.submit(std::move(items), nullptr, &report, true);
            items.clear();
        }
    };
    auto onEvent = [&](Event& e) -> Result<void> {
        items.emplace_back();
        items.back().kind = Item::Kind::Event;
        items.back().event = e;
        if (items.size() == kBatchItems) {
            flush();
        }
        return {};
    };
    auto onReject = [&](Reject& r) -> Result<void> {
        items.emplace_back();
        items.back().kind = Item::Kind::Reject;
        items.back().reject = r;
        if (items.size() == kBatchItems) {
            flush();
        }
        return {};
    };
    // The callbacks never fail, so neither does the scan: its problems land in the report.
    (void)vigil::detail::scanWindowsLog(file, path, format, report, onEvent, onReject, cancel,
                                 [](qint64) {}, cancelled);
    flush();
    pipeline.drain(0);
}

/** One file read line by line: the counterpart of detail::scanOne() with parallel parsing. */
void huntLines(QFile& file, const QString& path, const IngestOptions& opts, FileReport& report,
               Pipeline& pipeline, const CancelFlag* cancel, bool& cancelled)
{
    if (const QString problem = vigil::detail::binaryFileProblem(file); !problem.isEmpty()) {
        report.error = problem;
        return;
    }
    report.format = opts.format.isEmpty() ? vigil::detail::detectFileFormat(file) : opts.format;
    const std::unique_ptr<LineParser> parser = makeParser(report.format);
    if (!parser) {
        report.error = QStringLiteral("unknown format \"%1\"").arg(report.format);
        return;
    }
    const std::unique_ptr<LineParser> fallback =
        opts.format.isEmpty() ? makeParser(u"text") : nullptr;
    FileParsing f;
    f.parser = parser.get();
    f.fallback = fallback.get();
    f.path = path;
    f.format = report.format;
    f.ctx.receivedNs = nowNs();
    const QDateTime modified = QFileInfo(file).lastModified();
    const bool usable = modified.isValid() && yearInRange(modified.toUTC().date().year());
    f.ctx.referenceNs = usable ? modified.toMSecsSinceEpoch() * 1'000'000 : f.ctx.receivedNs;
    f.ctx.zone = opts.zone;
    f.ctx.source = path;

    const bool regular = QFileInfo(path).isFile();
    const qint64 sizeAtStart = regular ? file.size() : 0;
    RecordReader reader(&file, parser->joinsContinuationLines());
    f.maxRecordBytes = reader.maxRecordBytes();
    // Header-driven parsers read their records here, in order; the others on the workers.
    const bool parseHere = parser->keepsFileState();
    std::vector<Item> items;
    items.reserve(kBatchItems);
    Record rec;
    while (reader.next(rec)) {
        items.emplace_back();
        Item& item = items.back();
        item.record = std::move(rec);
        if (parseHere) {
            parseItem(item, f, [&](QByteArrayView bytes, Event& e) {
                return parser->parseNext(bytes, f.ctx, e);
            });
        }
        if (items.size() == kBatchItems) {
            pipeline.submit(std::move(items), &f, &report);
            items.clear();
            items.reserve(kBatchItems);
            if (cancelRequested(cancel)) {
                cancelled = true;
                break;
            }
        }
    }
    if (!items.empty()) {
        pipeline.submit(std::move(items), &f, &report);
    }
    pipeline.drain(0); // the workers use f and the parsers: finish before they go
    if (cancelled) {
        return;
    }
    if (!reader.errorString().isEmpty()) {
        report.error = reader.errorString();
    } else if (regular && reader.bytesRead() < sizeAtStart) {
        report.error = QStringLiteral("the file shrank while it was read (%1 of %2 bytes): it was "
                                      "truncated or rotated; the records read before are kept")
                           .arg(QString::number(reader.bytesRead()), QString::number(sizeAtStart));
    }
}

} // namespace

Result<IngestSummary> huntFiles(const QStringList& files, const IngestOptions& options,
                                const RuleSet& rules, const HuntHitFn& onHit,
                                const CancelFlag* cancel, int threads)
{
    QElapsedTimer timer;
    timer.start();
    IngestSummary summary;
    Pipeline pipeline(rules, onHit, summary, threads);
    for (const QString& path : files) {
        if (cancelRequested(cancel)) {
            summary.cancelled = true;
            break;
        }
        QElapsedTimer fileTimer;
        fileTimer.start();
        summary.files.emplace_back();
        FileReport& report = summary.files.back();
        report.path = path;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            report.error = file.errorString();
        } else if (const QString windows = vigil::detail::windowsLogFormat(file, options.format);
                   !windows.isEmpty()) {
            huntWindowsLog(file, path, windows, report, pipeline, cancel, summary.cancelled);
        } else {
            huntLines(file, path, options, report, pipeline, cancel, summary.cancelled);
        }
        report.elapsedNs = fileTimer.nsecsElapsed();
        summary.read += report.read;
        summary.stored += report.stored;
        summary.timeFromReceipt += report.timeFromReceipt;
        if (summary.cancelled) {
            break;
        }
    }
    summary.elapsedNs = timer.nsecsElapsed();
    return summary;
}

} // namespace vigil::sigma
