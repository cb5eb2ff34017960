#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <vector>

#include "ingest/file_scan.h"
#include "model/event.h"
#include "storage/event_store.h"

namespace vigil {

/** @brief Records parsed from one stretch of a file, in file order within each list. */
struct ParsedChunk {
    std::vector<Event> events;
    std::vector<EncodedEvent> encoded; ///< the events' text columns when the parser made them
    std::vector<Reject> rejects;
    qint64 bytesRead = 0; ///< how far the reader was when the chunk was handed over
};

/** @brief Records stored and done with, handed back to be freed on the parsing thread. */
struct SpentRecords {
    std::vector<Event> events;
    std::vector<EncodedEvent> encoded;
};

/** @brief The storing side of scanOnePipelined(). */
class ChunkStore {
public:
    virtual ~ChunkStore() = default;
    /** @brief Stores @p chunk's records (or queues them for the next batch); may take them. */
    virtual Result<void> store(ParsedChunk& chunk) = 0;
    /** @brief What was stored since the last call and is no longer needed. */
    virtual SpentRecords takeSpent() = 0;
};

/**
 * @brief A bounded queue of parsed chunks between the thread that parses a file and the thread
 * that stores it (the import pipeline). At most @c capacity chunks wait, so memory stays flat
 * however large the file: the parser waits when the store falls behind.
 *
 * Threading: one producer calls push() and finish(); one consumer calls pop() and abandon().
 */
class ParseQueue {
public:
    explicit ParseQueue(std::size_t capacity) : m_capacity(capacity) {}

    /** @brief Waits for room; false when the consumer has abandoned the queue (stop parsing). */
    bool push(ParsedChunk&& chunk);
    /** @brief The producer is done: pop() returns what is left, then nothing. */
    void finish();
    /** @brief Waits for a chunk; empty once the producer has finished and all were taken. */
    std::optional<ParsedChunk> pop();
    /** @brief The consumer stops taking chunks: the producer's next push() returns false. */
    void abandon();
    /** @brief Chunks waiting now (which side is behind: full = the store, empty = the parser). */
    std::size_t depth();
    /** @brief Consumer: hands records back to the producer (freed there, off the store's path). */
    void giveBack(SpentRecords&& spent);
    /** @brief Producer: takes what the consumer handed back. */
    std::vector<SpentRecords> takeBack();

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<ParsedChunk> m_chunks;
    std::vector<SpentRecords> m_spent;
    std::size_t m_capacity;
    bool m_finished = false;
    bool m_abandoned = false;
};

namespace detail {

/**
 * @brief scanOne() as a pipeline: the file is read and parsed on a worker thread while
 * @p store runs on the calling thread, with a ParseQueue of a few
 * chunks between them. Same contract as scanOne(), with @p store in place of the callbacks;
 * @p progress is called on the calling thread as the stored records catch up with the reader.
 * The work between the two is balanced by the queue: while chunks pile up (the store is
 * behind) the parsing thread encodes each event's text columns (EventWriter::encode) and frees
 * the stored records; while the queue runs dry (the parser is behind) the store does both.
 */
Result<void> scanOnePipelined(const QString& path, const IngestOptions& opts, FileReport& report,
                              ChunkStore& store, const CancelFlag* cancel,
                              const std::function<void(qint64)>& progress, bool& cancelled);

} // namespace detail
} // namespace vigil
