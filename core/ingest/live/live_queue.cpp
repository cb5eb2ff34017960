#include "ingest/live/live_queue.h"

#include <algorithm>

namespace vigil {

LiveQueue::LiveQueue(qsizetype maxMessages, qsizetype maxBytes)
    : m_maxMessages(std::max<qsizetype>(1, maxMessages))
    , m_maxBytes(std::max<qsizetype>(1, maxBytes))
{
}

// A message larger than the byte bound still fits into an empty queue, so no size of message
// can block the pipeline for good.
bool LiveQueue::fits(qsizetype footprint) const
{
    if (qsizetype(m_items.size()) >= m_maxMessages) {
        return false;
    }
    return m_items.empty() || m_bytes + footprint <= m_maxBytes;
}

bool LiveQueue::tryPush(LiveMessage& message)
{
    const qsizetype footprint = message.footprint();
    {
        std::lock_guard lock(m_mutex);
        if (m_closed || !fits(footprint)) {
            return false;
        }
        m_bytes += footprint;
        m_items.push_back(std::move(message));
        m_highWater = std::max(m_highWater, qsizetype(m_items.size()));
    }
    m_ready.notify_one();
    return true;
}

bool LiveQueue::pushWait(LiveMessage& message, std::chrono::milliseconds timeout)
{
    const qsizetype footprint = message.footprint();
    {
        std::unique_lock lock(m_mutex);
        if (!m_room.wait_for(lock, timeout, [&] { return m_closed || fits(footprint); })
            || m_closed) {
            return false;
        }
        m_bytes += footprint;
        m_items.push_back(std::move(message));
        m_highWater = std::max(m_highWater, qsizetype(m_items.size()));
    }
    m_ready.notify_one();
    return true;
}

bool LiveQueue::hasRoom(qsizetype footprint) const
{
    std::lock_guard lock(m_mutex);
    return !m_closed && fits(footprint);
}

std::vector<LiveMessage> LiveQueue::popBatch(qsizetype maxMessages,
                                             std::chrono::milliseconds wait,
                                             std::chrono::milliseconds linger)
{
    std::vector<LiveMessage> batch;
    {
        std::unique_lock lock(m_mutex);
        if (!m_ready.wait_for(lock, wait,
                              [&] { return m_closed || (!m_held && !m_items.empty()); })) {
            return batch;
        }
        if (!m_closed && qsizetype(m_items.size()) < maxMessages && linger.count() > 0) {
            m_ready.wait_for(lock, linger, [&] {
                return m_closed || qsizetype(m_items.size()) >= maxMessages;
            });
        }
        if (m_held && !m_closed) {
            return batch; // held while lingering
        }
        const qsizetype n = std::min<qsizetype>(maxMessages, qsizetype(m_items.size()));
        batch.reserve(std::size_t(n));
        for (qsizetype i = 0; i < n; ++i) {
            m_bytes -= m_items.front().footprint();
            batch.push_back(std::move(m_items.front()));
            m_items.pop_front();
        }
    }
    m_room.notify_all();
    return batch;
}

void LiveQueue::setHeld(bool held)
{
    {
        std::lock_guard lock(m_mutex);
        m_held = held;
    }
    m_ready.notify_all();
}

void LiveQueue::close()
{
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
    }
    m_ready.notify_all();
    m_room.notify_all();
}

bool LiveQueue::finished() const
{
    std::lock_guard lock(m_mutex);
    return m_closed && m_items.empty();
}

LiveQueueStats LiveQueue::stats() const
{
    std::lock_guard lock(m_mutex);
    return {qsizetype(m_items.size()), m_bytes, m_maxMessages, m_maxBytes, m_highWater, m_closed};
}

} // namespace vigil
