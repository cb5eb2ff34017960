#include "ingest/live/live_source.h"

#include "ingest/live/live_counters.h"
#include "ingest/live/live_queue.h"

Q_LOGGING_CATEGORY(lcLive, "vigil.live", QtInfoMsg)

namespace vigil {

LiveSource::LiveSource(LiveIntake& intake, int sourceId, LiveSourceKind kind, QObject* parent)
    : QObject(parent)
    , m_intake(intake)
    , m_sourceId(sourceId)
    , m_kind(kind)
{
}

LiveSource::~LiveSource() = default;

LiveMessage LiveSource::makeMessage(SenderCounters* sender, Frame& frame, qint64 receivedNs)
{
    LiveMessage m;
    m.bytes = std::move(frame.bytes);
    m.sender = sender;
    m.kind = m_kind;
    m.sourceId = m_sourceId;
    m.receivedNs = receivedNs;
    m.position = m_kind == LiveSourceKind::File
                     ? frame.line
                     : sender->sequence.fetch_add(1, std::memory_order_relaxed) + 1;
    m.offset = frame.offset;
    m.problem = std::move(frame.problem);
    sender->bytes.fetch_add(m.bytes.size(), std::memory_order_relaxed);
    sender->lastNs.store(receivedNs, std::memory_order_relaxed);
    sender->received.fetch_add(1, std::memory_order_release);
    return m;
}

bool LiveSource::offerOrDrop(LiveMessage& message)
{
    if (m_intake.queue.tryPush(message)) {
        return true;
    }
    message.sender->dropped.fetch_add(1, std::memory_order_release);
    return false;
}

bool LiveSource::flushHeld(std::deque<LiveMessage>& held)
{
    while (!held.empty()) {
        if (!m_intake.queue.tryPush(held.front())) {
            if (m_intake.queue.stats().closed) {
                // Storing stopped for good (it failed): what is held can never be stored.
                for (LiveMessage& m : held) {
                    m.sender->dropped.fetch_add(1, std::memory_order_release);
                }
                held.clear();
                return true;
            }
            return false;
        }
        held.pop_front();
    }
    return true;
}

void LiveSource::flushHeldWaiting(std::deque<LiveMessage>& held)
{
    qint64 dropped = 0;
    for (LiveMessage& m : held) {
        SenderCounters* sender = m.sender;
        if (!m_intake.queue.pushWait(m, m_intake.drainWait)) {
            sender->dropped.fetch_add(1, std::memory_order_release);
            ++dropped;
        }
    }
    held.clear();
    if (dropped > 0) {
        qCWarning(lcLive, "shutdown: %lld received messages could not be queued for storing and "
                          "are counted as dropped",
                  static_cast<long long>(dropped));
    }
}

} // namespace vigil
