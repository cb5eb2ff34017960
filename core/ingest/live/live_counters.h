#pragma once

#include <atomic>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include <QString>

#include "ingest/live/live_message.h"

namespace vigil {

/**
 * @brief Counters of one sender on one source: updated lock-free by the receiving thread
 * (received, bytes, dropped, last seen) and the storing thread (stored, rejected).
 *
 * received = stored + rejected + dropped + in flight (queued or held by a receiver).
 */
struct SenderCounters {
    explicit SenderCounters(QString k) : key(std::move(k)) {}

    const QString key; ///< "udp://192.0.2.7", "tcp://[2001:db8::1]", a file path
    std::atomic<qint64> received{0};
    std::atomic<qint64> bytes{0};
    std::atomic<qint64> stored{0};
    std::atomic<qint64> rejected{0};
    std::atomic<qint64> dropped{0};
    std::atomic<qint64> lastNs{0}; ///< when the last message arrived
    std::atomic<qint64> sequence{0}; ///< numbers the sender's messages (receiver only)
};

/** @brief A snapshot's counts (of a sender, a source or everything). */
struct LiveCounts {
    qint64 received = 0;
    qint64 bytes = 0;
    qint64 stored = 0;
    qint64 rejected = 0;
    qint64 dropped = 0;
    qint64 lastNs = 0;

    /** @brief Received but not yet stored, rejected or dropped. */
    qint64 inFlight() const { return received - stored - rejected - dropped; }
    LiveCounts& operator+=(const LiveCounts& other);
};

/** @brief Whether a source is receiving. */
enum class LiveSourceState : quint8 {
    Running,
    Waiting, ///< a followed file that is missing for now (rotation); it is watched for
    Stopped,
    Failed,
};

/** @brief One sender of a source in a LiveSnapshot. */
struct LiveSenderSnapshot {
    QString key;
    LiveCounts counts;
};

/** @brief One source (a listener or a followed file) in a LiveSnapshot. */
struct LiveSourceSnapshot {
    int id = 0;
    LiveSourceKind kind = LiveSourceKind::Udp;
    QString name;   ///< "127.0.0.1:5514" or the file path
    LiveSourceState state = LiveSourceState::Running;
    QString detail; ///< why it failed or waits, rotations seen ...
    qint64 kernelDrops = -1; ///< UDP datagrams the OS dropped (Linux), -1 when unknown
    LiveCounts counts;      ///< over all senders
    std::vector<LiveSenderSnapshot> senders; ///< in order of first message
};

/** @brief Everything the counters know at one moment. */
struct LiveSnapshot {
    qint64 takenNs = 0;
    std::vector<LiveSourceSnapshot> sources; ///< in the order they were added
    LiveCounts totals;
};

/**
 * @brief The live counters of a session: per source and per sender.
 *
 * Receivers register a source (addSource), get a sender's counters once (sender()) and keep
 * the pointer: it stays valid as long as the LiveCounters. Updates are atomic increments; the
 * mutex only guards the lists of sources and senders. snapshot() may be called from any thread
 * (the GUI thread reads it on a timer).
 */
class LiveCounters {
public:
    /** @brief At most this many senders per source get their own row; later ones share one. */
    static constexpr int kMaxSendersPerSource = 4096;

    /** @brief Registers a source and returns its id (1, 2, ...). */
    int addSource(LiveSourceKind kind, const QString& name);
    void setState(int sourceId, LiveSourceState state, const QString& detail = {});
    void setKernelDrops(int sourceId, qint64 drops);

    /** @brief The counters of @p key on @p sourceId, created on first use. */
    SenderCounters* sender(int sourceId, const QString& key);

    LiveSnapshot snapshot() const;

private:
    struct Source {
        int id = 0;
        LiveSourceKind kind = LiveSourceKind::Udp;
        QString name;
        LiveSourceState state = LiveSourceState::Running;
        QString detail;
        qint64 kernelDrops = -1;
        std::map<QString, SenderCounters*> byKey;
        std::vector<SenderCounters*> inOrder;
    };

    Source* find(int sourceId);

    mutable std::mutex m_mutex;
    std::vector<Source> m_sources;
    std::deque<std::unique_ptr<SenderCounters>> m_senders; // owns every sender's counters
};

/** @brief "udp", "tcp" or "file". */
QString liveSourceKindName(LiveSourceKind kind);
/** @brief "running", "waiting", "stopped" or "failed". */
QString liveSourceStateName(LiveSourceState state);

} // namespace vigil
