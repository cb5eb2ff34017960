#pragma once

#include <atomic>
#include <memory>
#include <optional>

#include <QHostAddress>
#include <QString>

#include "ingest/importer.h"
#include "ingest/live/file_follower.h"
#include "ingest/live/live_counters.h"
#include "ingest/live/live_queue.h"
#include "ingest/live/live_receiver.h"
#include "util/result.h"

class QThread;

namespace vigil {

class LiveStorer;
struct LiveIntake;

/** @brief Limits and settings of a live collection session. */
struct LiveOptions {
    qsizetype maxMessageBytes = 64 * 1024;   ///< longer messages are kept as rejects (cut)
    qsizetype queueMessages = 100'000;       ///< queue bound: messages
    qsizetype queueBytes = 256 * 1024 * 1024; ///< queue bound: bytes
    int udpReceiveBufferBytes = 8 * 1024 * 1024; ///< asked of the OS; it may grant less
    int batchSize = 2000;                    ///< messages per transaction at most
    IngestOptions ingest;                    ///< time zone, incident window, actor
    QString description = QStringLiteral("live collection"); ///< the import run's source
};

/** @brief The live view of a session: counters, queue and storing, taken at one moment. */
struct LiveStatus {
    LiveSnapshot counters;
    LiveQueueStats queue;
    qint64 runId = 0;
    qint64 alerts = 0;          ///< new alerts so far
    qint64 incidentsOpened = 0;
    QString storageError;       ///< storing failed and stopped (empty while it works)
    bool running = false;
};

/** @brief What a stopped session did. */
struct LiveResult {
    LiveStatus status;     ///< the final counters (nothing in flight after a clean stop)
    IngestSummary ingest;  ///< reject reasons and samples, alerts and incidents
    qint64 elapsedNs = 0;
};

/**
 * @brief A live collection session: syslog listeners (UDP, TCP) and followed files feeding a
 * bounded queue, and a storing thread writing batches into the store with detection and
 * incident grouping, all recorded as one import run.
 *
 * Threads: a receiving thread (Qt event loop: sockets and file polling), a storing thread
 * (its own writer connection), and the owner's thread, which calls the members below. status()
 * may be called from any thread and only reads counters. stop() drains: the sources stop
 * receiving, hand over what they hold, the queue empties into the store and the run is
 * finished; nothing received is lost on a clean stop. The destructor stops a running session.
 */
class LiveSession {
public:
    explicit LiveSession(QString dbPath, LiveOptions options = {});
    ~LiveSession();
    LiveSession(const LiveSession&) = delete;
    LiveSession& operator=(const LiveSession&) = delete;

    /** @brief Opens the store, loads the enabled rules and starts the threads; the run's id. */
    Result<qint64> start();
    /** @brief Listens for syslog over UDP on @p address (port 0: any free port). */
    Result<LiveEndpoint> listenUdp(const QHostAddress& address, quint16 port);
    /** @brief Listens for syslog over TCP on @p address (port 0: any free port). */
    Result<LiveEndpoint> listenTcp(const QHostAddress& address, quint16 port);
    /** @brief Follows @p path (it must exist now; rotation may remove it for a while later). */
    Result<LiveEndpoint> follow(const QString& path,
                                FileFollower::Start start = FileFollower::Start::Beginning);
    /** @brief Stops one source after handing over what it received; false if unknown. */
    bool stopSource(int sourceId);
    /** @brief Stops every source, stores everything received and finishes the run. */
    LiveResult stop();

    bool isRunning() const { return m_running; }
    LiveStatus status() const;
    /** @brief Holds the storing side (tests and benchmarks use it to fill the queue). */
    void setStoringPaused(bool paused);

private:
    template <typename Fn>
    auto inReceiver(Fn&& fn);

    QString m_dbPath;
    LiveOptions m_options;
    LiveCounters m_counters;
    LiveQueue m_queue;
    std::unique_ptr<LiveIntake> m_intake;
    std::unique_ptr<LiveStorer> m_storer;
    std::unique_ptr<QThread> m_thread;
    LiveReceiver* m_receiver = nullptr; ///< lives in m_thread
    std::atomic<bool> m_running{false};
    bool m_stopped = false;
    std::optional<LiveResult> m_result;
    qint64 m_startedNs = 0;
};

} // namespace vigil
