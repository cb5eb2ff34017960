#include "ingest/live/live_session.h"

#include <QThread>

#include "ingest/live/live_source.h"
#include "ingest/live/live_storer.h"
#include "util/timestamp.h"

using namespace Qt::StringLiterals;

namespace vigil {

LiveSession::LiveSession(QString dbPath, LiveOptions options)
    : m_dbPath(std::move(dbPath))
    , m_options(std::move(options))
    , m_queue(m_options.queueMessages, m_options.queueBytes)
    , m_intake(std::make_unique<LiveIntake>(
          LiveIntake{m_queue, m_counters, m_options.maxMessageBytes,
                     m_options.udpReceiveBufferBytes, std::chrono::milliseconds(30000)}))
{
}

LiveSession::~LiveSession()
{
    if (m_running) {
        stop();
    }
}

// Runs @p fn in the receiving thread and waits for it: sockets live and die there.
template <typename Fn>
auto LiveSession::inReceiver(Fn&& fn)
{
    using R = decltype(fn());
    std::optional<R> result;
    QMetaObject::invokeMethod(
        m_receiver, [&] { result.emplace(fn()); }, Qt::BlockingQueuedConnection);
    return std::move(*result);
}

Result<qint64> LiveSession::start()
{
    if (m_running || m_stopped) {
        return makeError(ErrorCode::InvalidState, u"a live session starts once"_s);
    }
    LiveStoreOptions store;
    store.dbPath = m_dbPath;
    store.ingest = m_options.ingest;
    store.runSource = m_options.description;
    store.batchSize = m_options.batchSize;
    m_storer = std::make_unique<LiveStorer>(m_queue, store);
    auto runId = m_storer->start();
    if (!runId) {
        m_storer.reset();
        return runId.error();
    }
    m_thread = std::make_unique<QThread>();
    m_thread->setObjectName(u"vigil-live-receive"_s);
    m_receiver = new LiveReceiver(*m_intake);
    m_receiver->moveToThread(m_thread.get());
    QObject::connect(m_thread.get(), &QThread::finished, m_receiver, &QObject::deleteLater);
    m_thread->start();
    inReceiver([this] {
        m_receiver->start();
        return true;
    });
    m_running = true;
    m_startedNs = nowNs();
    return runId;
}

Result<LiveEndpoint> LiveSession::listenUdp(const QHostAddress& address, quint16 port)
{
    if (!m_running) {
        return makeError(ErrorCode::InvalidState, u"the live session is not running"_s);
    }
    return inReceiver([&] { return m_receiver->addUdp(address, port); });
}

Result<LiveEndpoint> LiveSession::listenTcp(const QHostAddress& address, quint16 port)
{
    if (!m_running) {
        return makeError(ErrorCode::InvalidState, u"the live session is not running"_s);
    }
    return inReceiver([&] { return m_receiver->addTcp(address, port); });
}

Result<LiveEndpoint> LiveSession::follow(const QString& path, FileFollower::Start start)
{
    if (!m_running) {
        return makeError(ErrorCode::InvalidState, u"the live session is not running"_s);
    }
    return inReceiver([&] { return m_receiver->addFile(path, start); });
}

bool LiveSession::stopSource(int sourceId)
{
    if (!m_running) {
        return false;
    }
    return inReceiver([&] { return m_receiver->stopSource(sourceId); });
}

LiveResult LiveSession::stop()
{
    if (!m_running) {
        return m_result.value_or(LiveResult{});
    }
    // 1. the sources hand over what they received, 2. the queue closes, 3. storing empties it
    // and finishes the run, 4. the receiving thread ends.
    m_storer->setPaused(false);
    inReceiver([this] {
        m_receiver->stopAll();
        return true;
    });
    m_queue.close();
    const LiveCounts before = m_counters.snapshot().totals;
    IngestSummary summary = m_storer->finish(
        u"%1 received, %2 dropped"_s.arg(before.received).arg(before.dropped));
    m_thread->quit();
    m_thread->wait();
    m_receiver = nullptr;
    m_running = false;
    m_stopped = true;
    LiveResult result;
    result.status = status();
    result.ingest = std::move(summary);
    result.elapsedNs = nowNs() - m_startedNs;
    m_result = result;
    return result;
}

LiveStatus LiveSession::status() const
{
    LiveStatus s;
    s.running = m_running;
    if (m_storer) {
        const LiveStoreStatus store = m_storer->status();
        s.runId = store.runId;
        s.alerts = store.alerts;
        s.incidentsOpened = store.incidentsOpened;
        s.storageError = store.error ? store.error->toString() : QString();
    }
    s.queue = m_queue.stats();
    s.counters = m_counters.snapshot();
    return s;
}

void LiveSession::setStoringPaused(bool paused)
{
    if (m_storer) {
        m_storer->setPaused(paused);
    }
}

} // namespace vigil
