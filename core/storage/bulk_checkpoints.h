#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include "storage/database.h"

namespace vigil {

/**
 * @brief WAL checkpoints for the length of a bulk import, kept off the writing thread.
 *
 * Each checkpoint ends in a sync of the WAL and the database file; done by the writer after a
 * commit (SQLite's way), the import waits for the disk every 4 MiB. While this object lives, a
 * thread with its own connection copies the WAL into the database about ten times a second,
 * and the writer checkpoints itself only when the WAL passes 256 MiB (so the WAL can start
 * over). finish() (or the destructor) stops the thread, restores the default and checkpoints
 * what is left. An in-memory database gets the larger threshold only.
 *
 * Threading: construct and finish on the thread that owns @p writer.
 */
class BulkCheckpoints {
public:
    explicit BulkCheckpoints(Database& writer);
    ~BulkCheckpoints();
    BulkCheckpoints(const BulkCheckpoints&) = delete;
    BulkCheckpoints& operator=(const BulkCheckpoints&) = delete;

    void finish();

private:
    void run();

    static constexpr int kWriterPages = 65536; // 256 MiB of 4 KiB pages
    Database& m_writer;
    Database m_checkpointer;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_stopRequested;
    bool m_stop = false;
    bool m_done = false;
};

} // namespace vigil
