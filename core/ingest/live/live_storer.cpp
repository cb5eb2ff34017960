#include "ingest/live/live_storer.h"

#include <chrono>

#include "ingest/live/live_counters.h"
#include "ingest/live/live_parser.h"
#include "ingest/live/live_queue.h"
#include "ingest/live/live_source.h"
#include "model/event.h"
#include "sigma/rule_set.h"
#include "storage/event_store.h"
#include "storage/store.h"
#include "triage/rule_catalog.h"

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace vigil {

LiveStorer::LiveStorer(LiveQueue& queue, LiveStoreOptions options)
    : m_queue(queue)
    , m_options(std::move(options))
{
}

LiveStorer::~LiveStorer()
{
    if (m_thread.joinable()) {
        m_queue.close();
        finish(u"stopped"_s);
    }
}

Result<qint64> LiveStorer::start()
{
    m_thread = std::thread([this] { run(); });
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_startResult.has_value(); });
    Result<qint64> result = *m_startResult;
    lock.unlock();
    if (!result) {
        m_thread.join();
    }
    return result;
}

void LiveStorer::publishStart(Result<qint64> result)
{
    {
        std::lock_guard lock(m_mutex);
        if (result) {
            m_status.runId = *result;
        }
        m_startResult = std::move(result);
    }
    m_changed.notify_all();
}

IngestSummary LiveStorer::finish(const QString& message)
{
    {
        std::lock_guard lock(m_mutex);
        m_finishRequested = true;
        m_finishMessage = message;
        m_paused = false;
    }
    m_queue.setHeld(false);
    m_changed.notify_all();
    if (m_thread.joinable()) {
        m_thread.join();
    }
    std::lock_guard lock(m_mutex);
    return m_summary;
}

LiveStoreStatus LiveStorer::status() const
{
    std::lock_guard lock(m_mutex);
    return m_status;
}

void LiveStorer::setPaused(bool paused)
{
    {
        std::lock_guard lock(m_mutex);
        m_paused = paused;
    }
    m_queue.setHeld(paused); // a batch already being waited for is not taken either
    m_changed.notify_all();
}

void LiveStorer::run()
{
    auto db = Store::openWriter(m_options.dbPath);
    if (!db) {
        publishStart(db.error());
        return;
    }
    sigma::RuleSet rules;
    if (auto loaded = RuleCatalog::loadEnabled(*db, rules); !loaded) {
        publishStart(loaded.error());
        return;
    }
    IngestOptions ingest = m_options.ingest;
    ingest.batchSize = m_options.batchSize + 1; // batches end where the queue's batches end
    ImportStream stream(*db, rules.rules().empty() ? nullptr : &rules, ingest);
    auto runId = stream.begin(m_options.runSource, u"live"_s);
    const bool started = runId.has_value();
    publishStart(std::move(runId));
    if (!started) {
        return;
    }
    storeLoop(stream);

    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_finishRequested; });
    const QString message = m_finishMessage;
    const std::optional<Error> failure = m_status.error;
    lock.unlock();
    auto finished = stream.finish(failure ? u"failed"_s : u"done"_s,
                                  failure ? failure->message : message);
    lock.lock();
    if (!finished && !m_status.error) {
        m_status.error = finished.error();
    }
    m_summary = stream.summary();
    m_status.alerts = m_summary.triage.alertsNew;
    m_status.incidentsOpened = m_summary.triage.incidentsOpened;
}

void LiveStorer::dropBatch(std::vector<LiveMessage>& batch)
{
    for (LiveMessage& m : batch) {
        m.sender->dropped.fetch_add(1, std::memory_order_release);
    }
    batch.clear();
}

void LiveStorer::storeLoop(ImportStream& stream)
{
    LiveParser parser(m_options.ingest.zone);
    std::vector<std::pair<SenderCounters*, bool>> counted; // sender, rejected
    const auto linger = std::chrono::milliseconds(m_options.lingerMs);
    while (true) {
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [this] { return !m_paused; });
        }
        std::vector<LiveMessage> batch = m_queue.popBatch(m_options.batchSize, 100ms, linger);
        if (batch.empty()) {
            if (m_queue.finished()) {
                return;
            }
            continue;
        }
        parser.prepare(batch);
        counted.clear();
        Result<void> stored;
        for (const LiveMessage& m : batch) {
            Event event;
            Reject reject;
            const LiveParser::Kind kind = parser.parse(m, event, reject);
            if (kind == LiveParser::Kind::Event) {
                stored = stream.add(event);
            } else if (kind == LiveParser::Kind::Reject) {
                stored = stream.reject(reject);
            }
            if (!stored) {
                break;
            }
            counted.emplace_back(m.sender, kind == LiveParser::Kind::Reject);
        }
        if (stored) {
            stored = stream.flush();
        }
        if (!stored) {
            // Nothing of this batch was committed. Storing cannot go on: stop the intake and
            // count what is left as dropped, so the numbers still add up.
            qCCritical(lcLive, "storing failed; live collection stops: %s",
                       qPrintable(stored.error().toString()));
            {
                std::lock_guard lock(m_mutex);
                m_status.error = stored.error();
            }
            m_queue.close();
            dropBatch(batch);
            while (!m_queue.finished()) {
                std::vector<LiveMessage> rest = m_queue.popBatch(m_options.batchSize, 100ms, 0ms);
                dropBatch(rest);
            }
            return;
        }
        for (const auto& [sender, rejected] : counted) {
            (rejected ? sender->rejected : sender->stored).fetch_add(1, std::memory_order_release);
        }
        std::lock_guard lock(m_mutex);
        ++m_status.batches;
        m_status.alerts = stream.summary().triage.alertsNew;
        m_status.incidentsOpened = stream.summary().triage.incidentsOpened;
    }
}

} // namespace vigil
