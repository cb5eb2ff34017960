#include "ingest/importer.h"

#include <QElapsedTimer>
#include <QFileInfo>

#include "ingest/file_scan.h"
#include "ingest/parse_queue.h"
#include "model/event.h"
#include "sigma/correlation_engine.h"
#include "sigma/rule.h"
#include "sigma/rule_set.h"
#include "storage/bulk_checkpoints.h"
#include "storage/database.h"
#include "storage/event_store.h"
#include "storage/journal.h"
#include "util/timestamp.h"

namespace vigil {

using namespace detail;

namespace {

qint64 totalSize(const QStringList& files)
{
    qint64 total = 0;
    for (const QString& f : files) {
        total += QFileInfo(f).size();
    }
    return total;
}

/**
 * Stores events in batches, runs the rules on each stored batch and records incidents. As the
 * ChunkStore of an import pipeline it takes events whose text the parsing thread encoded, and
 * hands the stored ones back to be freed there.
 */
class BatchSink : public ChunkStore {
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
        if (rules && !rules->correlations().empty()) {
            // One engine for the whole import: windows span batches and files.
            m_correlation = std::make_unique<sigma::CorrelationEngine>(*rules);
        }
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
        if (!m_encoded.empty()) {
            m_encoded.push_back(EventWriter::encode(e)); // keeps the two lists parallel
        }
        m_events.push_back(std::move(e));
        if (int(m_events.size()) >= m_opts.batchSize || m_batchBytes >= kMaxBatchBytes) {
            return flush();
        }
        return {};
    }

    Result<void> store(ParsedChunk& chunk) override
    {
        m_keepSpent = true;
        for (std::size_t i = 0; i < chunk.events.size(); ++i) {
            Event& e = chunk.events[i];
            m_batchBytes += (e.raw.size() + e.summary.size()) * 6 + 512;
            if (m_encoded.size() < m_events.size()) {
                m_encoded.push_back(EventWriter::encode(e)); // events added without text
            }
            const bool encoded = i < chunk.encoded.size();
            m_encoded.push_back(encoded ? std::move(chunk.encoded[i]) : EventWriter::encode(e));
            m_events.push_back(std::move(e));
            if (int(m_events.size()) >= m_opts.batchSize || m_batchBytes >= kMaxBatchBytes) {
                if (auto r = flush(); !r) {
                    return r;
                }
            }
        }
        for (Reject& r : chunk.rejects) {
            if (auto stored = reject(r); !stored) {
                return stored;
            }
        }
        return {};
    }

    SpentRecords takeSpent() override { return std::exchange(m_spent, {}); }

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
        const bool encoded = m_encoded.size() == m_events.size();
        if (auto r = encoded ? m_writer.insertMany(m_events, m_encoded, m_runId)
                             : m_writer.insertMany(m_events, m_runId);
            !r) {
            return r;
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
            if (auto r = recordCorrelations(); !r) {
                return r;
            }
        }
        if (auto r = tx.commit(); !r) {
            return r;
        }
        m_summary.stored += qint64(m_events.size());
        m_storedInRun += qint64(m_events.size());
        if (m_keepSpent) {
            moveAppend(m_spent.events, m_events);
            moveAppend(m_spent.encoded, m_encoded);
        }
        m_events.clear();
        m_encoded.clear();
        m_rejects.clear();
        m_batchBytes = 0;
        return {};
    }

    qint64 takeStoredInRun() { return std::exchange(m_storedInRun, 0); }

    /** End of the import: judges the correlation windows still open (own transaction). */
    Result<void> finishCorrelations()
    {
        if (!m_correlation) {
            return {};
        }
        m_correlation->finish(m_correlationAlerts);
        if (m_correlationAlerts.empty()) {
            return {};
        }
        Transaction tx(m_db);
        if (!tx.begun()) {
            return tx.begun().error();
        }
        if (auto r = recordCorrelations(); !r) {
            return r;
        }
        return tx.commit();
    }

private:
    std::vector<Hit> detect()
    {
        std::vector<Hit> hits;
        std::vector<const sigma::Rule*> matched;
        for (const Event& e : m_events) {
            matched.clear();
            m_rules->match(e, matched);
            for (const sigma::Rule* rule : matched) {
                if (m_correlation && !m_correlation->alertsOnItsOwn(*rule)) {
                    continue; // only feeds correlations (generate: false)
                }
                hits.push_back({rule->uid(), rule->meta().title, int(rule->meta().level), e.id,
                                e.timeNs, e.timeDigits, e.host});
            }
            if (m_correlation) {
                m_correlation->add(e, matched, m_correlationAlerts);
            }
        }
        return hits;
    }

    /** Records the correlation alerts the engine has released so far. */
    Result<void> recordCorrelations()
    {
        if (m_correlationAlerts.empty()) {
            return {};
        }
        std::vector<CorrelationHit> hits;
        for (const sigma::CorrelationAlert& a : m_correlationAlerts) {
            hits.push_back(CorrelationHit::from(a));
        }
        m_correlationAlerts.clear();
        m_summary.hits += qint64(hits.size());
        auto counts = m_incidents.recordCorrelationHits(std::move(hits));
        if (!counts) {
            return counts.error();
        }
        m_summary.triage += *counts;
        return {};
    }

    Database& m_db;
    const sigma::RuleSet* m_rules;
    const IngestOptions& m_opts;
    IngestSummary& m_summary;
    IncidentService m_incidents;
    std::unique_ptr<sigma::CorrelationEngine> m_correlation;
    std::vector<sigma::CorrelationAlert> m_correlationAlerts; // released, not yet recorded
    EventWriter m_writer;
    qint64 m_runId = 0;
    qint64 m_storedInRun = 0;
    static constexpr qsizetype kMaxBatchBytes = 64 * 1024 * 1024;

    template <typename T>
    static void moveAppend(std::vector<T>& to, std::vector<T>& from)
    {
        if (to.empty()) {
            to.swap(from);
        } else {
            std::move(from.begin(), from.end(), std::back_inserter(to));
        }
    }

    std::vector<Event> m_events;
    std::vector<EncodedEvent> m_encoded; ///< parallel to m_events when the pipeline encoded them
    bool m_keepSpent = false;            ///< stored records go to m_spent (pipeline)
    SpentRecords m_spent;
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

Result<IngestSummary> importFiles(Database& db, const sigma::RuleSet* rules,
                                  const QStringList& files, const IngestOptions& options,
                                  const CancelFlag* cancel, const ProgressFn& progress)
{
    QElapsedTimer timer;
    timer.start();
    IngestSummary summary;
    BulkCheckpoints bulk(db);
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
        auto onProgress = [&](qint64 bytes) {
            if (progress) {
                progress(doneBefore + bytes, total);
            }
        };
        // Parsing on a second thread while this one stores (see docs/design.md, "Store speed").
        auto scanned = scanOnePipelined(path, options, report, sink, cancel, onProgress,
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
    // Also when stopped: the windows over the events stored so far are judged.
    if (auto r = sink.finishCorrelations(); !r) {
        return r.error();
    }
    bulk.finish();
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
    if (auto r = sink.finishCorrelations(); !r) {
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

struct ImportStream::Impl {
    Impl(Database& database, const sigma::RuleSet* rules, const IngestOptions& options)
        : db(database)
        , opts(options)
        , sink(database, rules, opts, summary)
    {
    }

    Database& db;
    IngestOptions opts; // the sink keeps references to these two
    IngestSummary summary;
    BatchSink sink;
    QElapsedTimer timer;
    qint64 runId = 0;
};

ImportStream::ImportStream(Database& db, const sigma::RuleSet* rules, const IngestOptions& options)
    : m_impl(std::make_unique<Impl>(db, rules, options))
{
}

ImportStream::~ImportStream() = default;

Result<qint64> ImportStream::begin(const QString& source, const QString& format)
{
    m_impl->timer.start();
    if (auto r = m_impl->sink.init(); !r) {
        return r.error();
    }
    auto runId = beginImportRun(m_impl->db, source, format);
    if (!runId) {
        return runId.error();
    }
    m_impl->runId = *runId;
    m_impl->sink.setRun(*runId);
    m_impl->summary.files.push_back({});
    m_impl->summary.files.back().path = source;
    m_impl->summary.files.back().format = format;
    return *runId;
}

Result<void> ImportStream::add(Event& event)
{
    ++m_impl->summary.read;
    m_impl->summary.timeFromReceipt += event.timeSource == TimeSource::Received ? 1 : 0;
    return m_impl->sink.add(event);
}

Result<void> ImportStream::reject(Reject& reject)
{
    ++m_impl->summary.read;
    return m_impl->sink.reject(reject);
}

Result<void> ImportStream::flush()
{
    return m_impl->sink.flush();
}

Result<void> ImportStream::finish(const QString& status, const QString& message)
{
    Result<void> flushed = m_impl->sink.flush();
    if (flushed) {
        flushed = m_impl->sink.finishCorrelations();
    }
    IngestSummary& s = m_impl->summary;
    s.elapsedNs = m_impl->timer.nsecsElapsed();
    if (!s.files.empty()) {
        FileReport& report = s.files.back();
        report.read = s.read;
        report.stored = s.stored;
        report.rejected = s.rejected;
        report.timeFromReceipt = s.timeFromReceipt;
        report.elapsedNs = s.elapsedNs;
    }
    if (m_impl->runId != 0) {
        finishImportRun(m_impl->db, m_impl->runId, flushed ? status : QStringLiteral("failed"),
                        {}, {s.read, s.stored, s.rejected},
                        flushed ? message : flushed.error().message);
    }
    return flushed;
}

const IngestSummary& ImportStream::summary() const
{
    return m_impl->summary;
}

qint64 ImportStream::runId() const
{
    return m_impl->runId;
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
