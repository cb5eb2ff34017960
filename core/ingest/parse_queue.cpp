#include "ingest/parse_queue.h"

#include <thread>

namespace vigil {

bool ParseQueue::push(ParsedChunk&& chunk)
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_abandoned || m_chunks.size() < m_capacity; });
    if (m_abandoned) {
        return false;
    }
    m_chunks.push_back(std::move(chunk));
    lock.unlock();
    m_changed.notify_all();
    return true;
}

void ParseQueue::finish()
{
    {
        std::lock_guard lock(m_mutex);
        m_finished = true;
    }
    m_changed.notify_all();
}

std::optional<ParsedChunk> ParseQueue::pop()
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_finished || !m_chunks.empty(); });
    if (m_chunks.empty()) {
        return std::nullopt;
    }
    ParsedChunk chunk = std::move(m_chunks.front());
    m_chunks.pop_front();
    lock.unlock();
    m_changed.notify_all();
    return chunk;
}

void ParseQueue::abandon()
{
    {
        std::lock_guard lock(m_mutex);
        m_abandoned = true;
        m_chunks.clear();
    }
    m_changed.notify_all();
}

std::size_t ParseQueue::depth()
{
    std::lock_guard lock(m_mutex);
    return m_chunks.size();
}

void ParseQueue::giveBack(SpentRecords&& spent)
{
    std::lock_guard lock(m_mutex);
    m_spent.push_back(std::move(spent));
}

std::vector<SpentRecords> ParseQueue::takeBack()
{
    std::lock_guard lock(m_mutex);
    return std::exchange(m_spent, {});
}

namespace detail {

namespace {

constexpr std::size_t kQueueChunks = 8;         // chunks waiting between parser and store
constexpr std::size_t kChunkRecords = 1024;       // records per chunk (scanOne reports as often)
constexpr qsizetype kChunkBytes = 8 * 1024 * 1024; // ... or fewer when records are long

} // namespace

Result<void> scanOnePipelined(const QString& path, const IngestOptions& opts, FileReport& report,
                              ChunkStore& store, const CancelFlag* cancel,
                              const std::function<void(qint64)>& progress, bool& cancelled)
{
    ParseQueue queue(kQueueChunks);
    Result<void> scanned;
    bool workerCancelled = false;
    std::thread worker([&] {
        ParsedChunk chunk;
        qsizetype chunkBytes = 0;
        bool encodeHere = false;
        auto handOver = [&]() -> Result<void> {
            chunkBytes = 0;
            if (!queue.push(std::exchange(chunk, ParsedChunk{}))) {
                return makeError(ErrorCode::InvalidState, QStringLiteral("storing stopped"));
            }
            queue.takeBack(); // freed here, on this thread
            encodeHere = queue.depth() >= kQueueChunks / 2;
            chunk.events.reserve(kChunkRecords);
            if (encodeHere) {
                chunk.encoded.reserve(kChunkRecords);
            }
            return {};
        };
        auto full = [&] {
            return chunk.events.size() + chunk.rejects.size() >= kChunkRecords
                || chunkBytes >= kChunkBytes;
        };
        auto onParsed = [&](Event& e) -> Result<void> {
            if (encodeHere) {
                chunk.encoded.push_back(EventWriter::encode(e));
            }
            chunkBytes += (e.raw.size() + e.summary.size()) * 8 + 512;
            chunk.events.push_back(std::move(e));
            return full() ? handOver() : Result<void>();
        };
        auto onBad = [&](Reject& r) -> Result<void> {
            chunkBytes += r.raw.size() + 256;
            chunk.rejects.push_back(std::move(r));
            return full() ? handOver() : Result<void>();
        };
        auto onRead = [&](qint64 bytes) { chunk.bytesRead = bytes; };
        scanned = scanOne(path, opts, report, onParsed, onBad, cancel, onRead, workerCancelled);
        if (!chunk.events.empty() || !chunk.rejects.empty() || chunk.bytesRead > 0) {
            (void)handOver();
        }
        queue.finish();
    });
    Result<void> stored;
    while (std::optional<ParsedChunk> chunk = queue.pop()) {
        stored = store.store(*chunk);
        if (!stored) {
            queue.abandon();
            break;
        }
        if (queue.depth() > 0) {
            queue.giveBack(store.takeSpent());
        } else {
            store.takeSpent(); // the parser is behind: free them here
        }
        if (progress) {
            progress(chunk->bytesRead);
        }
    }
    worker.join();
    cancelled = cancelled || workerCancelled;
    return stored ? scanned : stored;
}

} // namespace detail
} // namespace vigil
