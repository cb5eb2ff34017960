#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include <QString>

#include "ingest/importer.h"
#include "ingest/live/live_message.h"
#include "util/result.h"

namespace vigil {

class LiveQueue;

/** @brief How the storing side works. */
struct LiveStoreOptions {
    QString dbPath;
    IngestOptions ingest;      ///< time zone, incident window, actor
    QString runSource;         ///< the import run's source ("vigil-cli listen udp ...")
    int batchSize = 2000;      ///< messages per transaction at most
    int lingerMs = 50;         ///< how long a small batch waits to fill before it is stored
};

/** @brief What the storing side has done so far (thread-safe copies). */
struct LiveStoreStatus {
    qint64 runId = 0;
    qint64 batches = 0;
    qint64 alerts = 0;           ///< new alerts recorded
    qint64 incidentsOpened = 0;
    std::optional<Error> error;  ///< storing failed and stopped
};

/**
 * @brief The storing side of live collection: takes batches from the queue, parses each
 * message (LiveParser), stores events and rejects through ImportStream — one transaction per
 * batch with the library's enabled rules, alerts and incident grouping as an import — and
 * counts each message as stored or rejected once its batch is committed.
 *
 * Threading: owns one thread, which opens its own writer connection. start() and finish() are
 * called by the owner's thread; status() and setPaused() from any thread. If storing fails
 * (the disk is full, the database is gone) the queue is closed, the failed batch and every
 * later message are counted as dropped and the error is kept in status().
 */
class LiveStorer {
public:
    LiveStorer(LiveQueue& queue, LiveStoreOptions options);
    ~LiveStorer();
    LiveStorer(const LiveStorer&) = delete;
    LiveStorer& operator=(const LiveStorer&) = delete;

    /** @brief Opens the store, loads the rules, records the import run; its id or the error. */
    Result<qint64> start();
    /**
     * @brief Waits until the queue is closed and empty (the owner closes it), stores the rest
     * and records the run's end; returns what the run did.
     */
    IngestSummary finish(const QString& message);

    LiveStoreStatus status() const;
    /** @brief Holds storing (the queue fills up); tests use it to see drops. */
    void setPaused(bool paused);

private:
    void run();
    void publishStart(Result<qint64> result);
    void storeLoop(ImportStream& stream);
    void dropBatch(std::vector<LiveMessage>& batch);

    LiveQueue& m_queue;
    LiveStoreOptions m_options;
    std::thread m_thread;

    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_paused = false;
    bool m_finishRequested = false;
    std::optional<Result<qint64>> m_startResult;
    LiveStoreStatus m_status;
    QString m_finishMessage;
    IngestSummary m_summary;
};

} // namespace vigil
