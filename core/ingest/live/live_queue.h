#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <vector>

#include "ingest/live/live_message.h"

namespace vigil {

/** @brief A moment's view of a LiveQueue. */
struct LiveQueueStats {
    qsizetype messages = 0;     ///< waiting to be stored
    qsizetype bytes = 0;
    qsizetype maxMessages = 0;  ///< the bounds
    qsizetype maxBytes = 0;
    qsizetype highWater = 0;    ///< the most messages it ever held
    bool closed = false;
};

/**
 * @brief The bounded queue between the receivers and the storing side, bounded by message
 * count and by bytes.
 *
 * Receivers push without waiting (tryPush) and count a refused message as dropped, or hold it
 * and retry (TCP, files: the sender or the file waits instead). The storing side takes batches
 * (popBatch). close() ends the intake; what is in the queue is still handed out, so a clean
 * shutdown stores everything that was received.
 *
 * Threading: every member may be called from any thread.
 */
class LiveQueue {
public:
    LiveQueue(qsizetype maxMessages, qsizetype maxBytes);

    /** @brief Appends @p message unless the queue is full or closed; false means not taken. */
    bool tryPush(LiveMessage& message);
    /**
     * @brief Appends @p message, waiting up to @p timeout for room; false when it stayed full or
     * the queue is closed. Used while draining at shutdown.
     */
    bool pushWait(LiveMessage& message, std::chrono::milliseconds timeout);
    /** @brief Whether a message of @p footprint bytes would fit now. */
    bool hasRoom(qsizetype footprint) const;

    /**
     * @brief Takes up to @p maxMessages. Waits up to @p wait for the first one, then up to
     * @p linger more for the batch to fill (fewer, larger transactions under load). Returns an
     * empty batch on timeout, or when the queue is closed and empty.
     */
    std::vector<LiveMessage> popBatch(qsizetype maxMessages, std::chrono::milliseconds wait,
                                      std::chrono::milliseconds linger);

    /**
     * @brief While held, popBatch hands nothing out (unless the queue is closed): messages stay
     * queued, as when storing pauses or falls behind.
     */
    void setHeld(bool held);
    /** @brief No more pushes; waiting consumers wake up. */
    void close();
    /** @brief Closed and nothing left to hand out. */
    bool finished() const;
    LiveQueueStats stats() const;

private:
    bool fits(qsizetype footprint) const;

    mutable std::mutex m_mutex;
    std::condition_variable m_ready; // messages arrived or closed
    std::condition_variable m_room;  // messages were taken or closed
    std::deque<LiveMessage> m_items;
    qsizetype m_bytes = 0;
    qsizetype m_maxMessages;
    qsizetype m_maxBytes;
    qsizetype m_highWater = 0;
    bool m_closed = false;
    bool m_held = false;
};

} // namespace vigil
