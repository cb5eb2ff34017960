#include "storage/bulk_checkpoints.h"

#include <chrono>

namespace vigil {

BulkCheckpoints::BulkCheckpoints(Database& writer) : m_writer(writer)
{
    m_writer.setCheckpointPages(kWriterPages);
    const QString& path = m_writer.path();
    if (path.isEmpty() || path == u":memory:") {
        return;
    }
    auto other = Database::open(path);
    if (!other) {
        return; // the writer's own checkpoints still run, only less often
    }
    m_checkpointer = std::move(*other);
    m_thread = std::thread([this] { run(); });
}

BulkCheckpoints::~BulkCheckpoints()
{
    finish();
}

void BulkCheckpoints::run()
{
    using namespace std::chrono_literals;
    std::unique_lock lock(m_mutex);
    while (!m_stopRequested.wait_for(lock, 100ms, [this] { return m_stop; })) {
        lock.unlock();
        // Passive: copies the frames committed so far without holding up the writer.
        m_checkpointer.checkpoint();
        lock.lock();
    }
}

void BulkCheckpoints::finish()
{
    if (m_done) {
        return;
    }
    m_done = true;
    if (m_thread.joinable()) {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_stopRequested.notify_all();
        m_thread.join();
    }
    m_checkpointer = Database();
    m_writer.setCheckpointPages(Database::kDefaultCheckpointPages);
    m_writer.checkpoint();
}

} // namespace vigil
