#pragma once

#include <memory>
#include <optional>

#include <QFuture>
#include <QString>
#include <QStringList>

#include "ingest/importer.h"
#include "triage/store_hunt.h"
#include "util/error.h"

class QThreadPool;

namespace vigil {

/** @brief The result of a background job: its summary, or the error that stopped it. */
struct JobOutcome {
    IngestSummary ingest;    ///< import and demo jobs
    StoreHuntSummary hunt;   ///< store hunts
    std::optional<Error> error;
    int rulesLoaded = 0;     ///< rules compiled for the job (or added, for addRules)
    int ruleIssues = 0;      ///< rule documents that could not be loaded (addRules)
};

/**
 * @brief A started job: its future and the flag that stops it.
 *
 * Stopping goes through the flag rather than QFuture::cancel(): a cancelled QFuture drops
 * results reported afterwards, and a stopped job still reports what it did.
 */
struct JobHandle {
    QFuture<JobOutcome> future;
    std::shared_ptr<CancelFlag> cancel;
};

/**
 * @brief Background jobs over a store, run with QtConcurrent on a caller-owned pool.
 *
 * Each job opens its own writer connection to @p dbPath, so the GUI thread never blocks on it.
 * Progress arrives through the future (range 0..1000, text says what is being done) at most
 * every ~100 ms. Setting the handle's cancel flag stops the job at the next batch; what was
 * committed stays and the outcome's summary has @c cancelled set.
 */
class Jobs {
public:
    /** @brief Imports @p files and runs the library's enabled rules on them. */
    static JobHandle importFiles(QThreadPool& pool, const QString& dbPath,
                                 const QStringList& files, const IngestOptions& options);
    /** @brief Runs the library's enabled rules over every stored event. */
    static JobHandle huntStore(QThreadPool& pool, const QString& dbPath);
    /** @brief Loads rule files or folders and adds them (and their problems) to the library. */
    static JobHandle addRules(QThreadPool& pool, const QString& dbPath, const QStringList& paths);
    /** @brief Generates the demo data set (deterministic per seed) and imports it. */
    static JobHandle loadDemo(QThreadPool& pool, const QString& dbPath, quint64 seed);
};

} // namespace vigil
