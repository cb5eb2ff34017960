#include "ingest/live/live_counters.h"

#include <algorithm>

#include "util/timestamp.h"

using namespace Qt::StringLiterals;

namespace vigil {

namespace {

LiveCounts countsOf(const SenderCounters& s)
{
    LiveCounts c;
    // Read in the reverse order of the pipeline (stored before received), so a snapshot never
    // shows more stored than received while messages move.
    c.stored = s.stored.load(std::memory_order_acquire);
    c.rejected = s.rejected.load(std::memory_order_acquire);
    c.dropped = s.dropped.load(std::memory_order_acquire);
    c.received = s.received.load(std::memory_order_acquire);
    c.bytes = s.bytes.load(std::memory_order_relaxed);
    c.lastNs = s.lastNs.load(std::memory_order_relaxed);
    return c;
}

} // namespace

LiveCounts& LiveCounts::operator+=(const LiveCounts& other)
{
    received += other.received;
    bytes += other.bytes;
    stored += other.stored;
    rejected += other.rejected;
    dropped += other.dropped;
    lastNs = std::max(lastNs, other.lastNs);
    return *this;
}

int LiveCounters::addSource(LiveSourceKind kind, const QString& name)
{
    std::lock_guard lock(m_mutex);
    Source s;
    s.id = int(m_sources.size()) + 1;
    s.kind = kind;
    s.name = name;
    m_sources.push_back(std::move(s));
    return m_sources.back().id;
}

LiveCounters::Source* LiveCounters::find(int sourceId)
{
    if (sourceId < 1 || sourceId > int(m_sources.size())) {
        return nullptr;
    }
    return &m_sources[std::size_t(sourceId - 1)];
}

void LiveCounters::setState(int sourceId, LiveSourceState state, const QString& detail)
{
    std::lock_guard lock(m_mutex);
    if (Source* s = find(sourceId)) {
        s->state = state;
        s->detail = detail;
    }
}

void LiveCounters::setKernelDrops(int sourceId, qint64 drops)
{
    std::lock_guard lock(m_mutex);
    if (Source* s = find(sourceId)) {
        s->kernelDrops = drops;
    }
}

SenderCounters* LiveCounters::sender(int sourceId, const QString& key)
{
    std::lock_guard lock(m_mutex);
    Source* s = find(sourceId);
    if (!s) {
        return nullptr;
    }
    if (auto it = s->byKey.find(key); it != s->byKey.end()) {
        return it->second;
    }
    // Spoofed UDP senders must not grow the table without end.
    const QString shared = u"(other senders)"_s;
    const bool full = int(s->inOrder.size()) >= kMaxSendersPerSource;
    if (full) {
        if (auto it = s->byKey.find(shared); it != s->byKey.end()) {
            return it->second;
        }
    }
    m_senders.push_back(std::make_unique<SenderCounters>(full ? shared : key));
    SenderCounters* counters = m_senders.back().get();
    s->byKey.emplace(counters->key, counters);
    s->inOrder.push_back(counters);
    return counters;
}

LiveSnapshot LiveCounters::snapshot() const
{
    LiveSnapshot snap;
    snap.takenNs = nowNs();
    std::lock_guard lock(m_mutex);
    snap.sources.reserve(m_sources.size());
    for (const Source& s : m_sources) {
        LiveSourceSnapshot out;
        out.id = s.id;
        out.kind = s.kind;
        out.name = s.name;
        out.state = s.state;
        out.detail = s.detail;
        out.kernelDrops = s.kernelDrops;
        out.senders.reserve(s.inOrder.size());
        for (const SenderCounters* sender : s.inOrder) {
            LiveSenderSnapshot row{sender->key, countsOf(*sender)};
            out.counts += row.counts;
            out.senders.push_back(std::move(row));
        }
        snap.totals += out.counts;
        snap.sources.push_back(std::move(out));
    }
    return snap;
}

QString liveSourceKindName(LiveSourceKind kind)
{
    switch (kind) {
    case LiveSourceKind::Udp:
        return u"udp"_s;
    case LiveSourceKind::Tcp:
        return u"tcp"_s;
    case LiveSourceKind::File:
        break;
    }
    return u"file"_s;
}

QString liveSourceStateName(LiveSourceState state)
{
    switch (state) {
    case LiveSourceState::Running:
        return u"running"_s;
    case LiveSourceState::Waiting:
        return u"waiting"_s;
    case LiveSourceState::Stopped:
        return u"stopped"_s;
    case LiveSourceState::Failed:
        break;
    }
    return u"failed"_s;
}

} // namespace vigil
