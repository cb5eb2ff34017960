#pragma once

#include <chrono>
#include <deque>

#include <QLoggingCategory>
#include <QObject>

#include "ingest/live/line_splitter.h"
#include "ingest/live/live_message.h"

Q_DECLARE_LOGGING_CATEGORY(lcLive)

namespace vigil {

class LiveCounters;
class LiveQueue;
struct SenderCounters;

/** @brief What every receiving source shares: the queue, the counters and the limits. */
struct LiveIntake {
    LiveQueue& queue;
    LiveCounters& counters;
    qsizetype maxMessageBytes = 64 * 1024;
    int udpReceiveBufferBytes = 8 * 1024 * 1024;
    /** @brief How long a shutdown waits for room in the queue per message before dropping. */
    std::chrono::milliseconds drainWait{30000};
};

/**
 * @brief A source of live messages (UDP or TCP listener, followed file) living in the
 * receiving thread.
 *
 * Sources that can wait (TCP connections, files) hold messages the queue has no room for and
 * retry: the sender or the file waits, nothing is dropped. UDP cannot wait: what does not fit
 * is counted as dropped. Threading: created, used and destroyed in the receiving thread.
 */
class LiveSource : public QObject {
    Q_OBJECT
public:
    LiveSource(LiveIntake& intake, int sourceId, LiveSourceKind kind, QObject* parent = nullptr);
    ~LiveSource() override;

    int sourceId() const { return m_sourceId; }
    /** @brief Sets the counters' id once the source is bound (before any message arrives). */
    void setSourceId(int sourceId) { m_sourceId = sourceId; }
    LiveSourceKind kind() const { return m_kind; }

    /**
     * @brief Stops receiving: takes in what already arrived (within a few seconds), hands it
     * all to the queue — waiting for room, since storing goes on — and closes. Called once.
     */
    virtual void drainAndClose() = 0;
    /** @brief Called about once a second: refresh counters kept outside the messages. */
    virtual void housekeep() {}

protected:
    /** @brief A message from @p frame, counted as received from @p sender. */
    LiveMessage makeMessage(SenderCounters* sender, Frame& frame, qint64 receivedNs);
    /** @brief Queues @p message or counts it as dropped (for sources that cannot wait). */
    bool offerOrDrop(LiveMessage& message);
    /** @brief Moves held messages into the queue while it has room; true when none is left. */
    bool flushHeld(std::deque<LiveMessage>& held);
    /** @brief Shutdown: every held message into the queue, waiting for room; the rest dropped. */
    void flushHeldWaiting(std::deque<LiveMessage>& held);

    LiveIntake& m_intake;

private:
    int m_sourceId;
    LiveSourceKind m_kind;
};

} // namespace vigil
