#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <vector>

#include <QString>
#include <QStringList>
#include <QTimeZone>

#include "ingest/input_paths.h"
#include "triage/incident_service.h"
#include "util/result.h"

namespace vigil {

class Database;
struct Event;
struct Reject;
namespace sigma {
class RuleSet;
}

/** @brief Settings shared by file import, hunting and the demo loader. */
struct IngestOptions {
    QString format;                    ///< forced parser name; empty = detect per file
    QTimeZone zone = QTimeZone::utc(); ///< for timestamps without a zone
    qint64 incidentWindowNs = kDefaultIncidentWindowNs;
    int batchSize = 2000;              ///< events per transaction
    QString actor;                     ///< who runs the import (journal)
    bool reimport = false;             ///< import files again whose content was imported before
};

/** @brief One rejected record as reported to the user. */
struct RejectSample {
    QString source;
    qint64 line = 0; ///< 0 for records that have no line (EVTX: the reason names the chunk)
    QString reason;

    /** @brief "source:line", or just the source when there is no line. */
    QString where() const
    {
        return line > 0 ? source + u':' + QString::number(line) : source;
    }
};

/** @brief Per-file outcome. */
struct FileReport {
    QString path;
    QString format;
    qint64 read = 0;
    qint64 stored = 0;
    qint64 rejected = 0;
    qint64 timeFromReceipt = 0; ///< events without a usable time of their own
    qint64 headerLines = 0; ///< header lines read as such (CSV header, Zeek/W3C `#` lines)
    qint64 elapsedNs = 0;   ///< time spent reading this file (parsing and storing)
    QString error; ///< the file could not be opened or read (then nothing more was done)
    /**
     * @brief Damage worked around without losing records, and records left out on purpose
     * (EVTX: checksum mismatches, chunks without header, deleted records in unused space).
     */
    QStringList notes;
    qint64 duplicateOfRun = 0;  ///< skipped: the same content was imported by this import run
    qint64 duplicateOfNs = 0;   ///< when that run started
};

/** @brief What an import or hunt did. A cancelled run is not an error: @c cancelled is set. */
struct IngestSummary {
    std::vector<FileReport> files;
    qint64 read = 0;
    qint64 stored = 0;
    qint64 rejected = 0;
    qint64 timeFromReceipt = 0;                  ///< events whose time is the time received
    std::vector<RejectSample> rejectSamples;     ///< the first few rejects, with line numbers
    std::map<QString, qint64> rejectReasons;     ///< reason class → count (at most ~50 classes)

    /** @brief The reason classes, most frequent first. */
    std::vector<std::pair<QString, qint64>> topRejectReasons(std::size_t limit) const;
    qint64 hits = 0;
    TriageCounts triage;
    bool cancelled = false;
    qint64 elapsedNs = 0;

    /** @brief Number of files that could not be read. */
    int failedFiles() const;
    /** @brief Number of files skipped because their content was imported before. */
    int duplicateFiles() const;
};

/** @brief Reports progress: bytes (or records) done of total. Called from the working thread. */
using ProgressFn = std::function<void(qint64 done, qint64 total)>;

/** @brief Cancellation flag checked once per batch. */
using CancelFlag = std::atomic<bool>;

/**
 * @brief Imports files into the store: parse, store in batched transactions, run @p rules on the
 * new events, record alerts and incidents.
 *
 * Each batch commits on its own, so a cancelled or failed import keeps what was stored before it.
 * A file whose exact content (SHA-256) a completed import already stored is skipped and reported,
 * unless IngestOptions::reimport is set.
 * Records that cannot be parsed are kept in the rejects table with file, line and reason.
 * Threading: runs on the calling thread and uses @p db (a writer connection) only from there.
 */
Result<IngestSummary> importFiles(Database& db, const sigma::RuleSet* rules,
                                  const QStringList& files, const IngestOptions& options,
                                  const CancelFlag* cancel = nullptr,
                                  const ProgressFn& progress = {});

/** @brief Stores already-built events (demo, tests) through the same pipeline as importFiles(). */
Result<IngestSummary> importEvents(Database& db, const sigma::RuleSet* rules,
                                   std::vector<Event> events, const QString& source,
                                   const IngestOptions& options);

/**
 * @brief Stores events as they arrive (live collection) through the same pipeline as
 * importFiles(): batched transactions, the rules on each committed batch, alerts and incidents,
 * correlation windows that span batches, and one import run that every event and reject
 * belongs to.
 *
 * Call begin() once, then add()/reject() and flush() whenever the caller wants what it added
 * committed (one transaction; add() also flushes by itself at IngestOptions::batchSize), and
 * finish() at the end. Threading: runs on the calling thread and uses @p db (a writer
 * connection) only from there; @p db and @p rules must outlive the stream.
 */
class ImportStream {
public:
    ImportStream(Database& db, const sigma::RuleSet* rules, const IngestOptions& options);
    ~ImportStream();
    ImportStream(const ImportStream&) = delete;
    ImportStream& operator=(const ImportStream&) = delete;

    /** @brief Records the import run (status "running") the stream's records belong to. */
    Result<qint64> begin(const QString& source, const QString& format);
    /** @brief Queues @p event for the next flush(). */
    Result<void> add(Event& event);
    /** @brief Queues @p reject for the next flush() and counts it in the summary. */
    Result<void> reject(Reject& reject);
    /** @brief Commits what was added: events, rejects, alerts and incidents in one transaction. */
    Result<void> flush();
    /**
     * @brief Flushes, judges the correlation windows still open and records the end of the run
     * ("done", "cancelled" or "failed") with @p message.
     */
    Result<void> finish(const QString& status, const QString& message);

    /** @brief Counts so far: read (events and rejects added), stored (committed), rejects, triage. */
    const IngestSummary& summary() const;
    qint64 runId() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/**
 * @brief Parses files without storing anything (hunting, `parse`): @p onEvent sees every parsed
 * event in file order. Rejects are counted and sampled in the summary.
 */
Result<IngestSummary> scanFiles(const QStringList& files, const IngestOptions& options,
                                const std::function<void(Event&)>& onEvent,
                                const CancelFlag* cancel = nullptr,
                                const ProgressFn& progress = {});

} // namespace vigil
