#include "ingest/live/tcp_source.h"

#include <vector>

#include <QElapsedTimer>
#include <QScopeGuard>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include "ingest/live/live_counters.h"
#include "ingest/live/live_queue.h"
#include "ingest/live/stream_framer.h"
#include "ingest/live/udp_source.h"
#include "util/timestamp.h"

using namespace Qt::StringLiterals;

namespace vigil {

namespace {

constexpr qint64 kReadChunk = 64 * 1024;
constexpr qint64 kSocketBuffer = 256 * 1024;
constexpr int kRetryMs = 5;

} // namespace

struct TcpSource::Connection {
    Connection(QTcpSocket* s, qsizetype maxBytes, SenderCounters* from)
        : socket(s)
        , framer(maxBytes)
        , sender(from)
    {
    }

    QTcpSocket* socket;
    StreamFramer framer;
    SenderCounters* sender;
    std::deque<LiveMessage> held;
    std::vector<Frame> frames;
    bool closing = false; ///< the peer closed; release once everything held is queued
    bool reading = false; ///< inside readFrom(): a close is handled after it, never within
};

TcpSource::TcpSource(LiveIntake& intake, int sourceId, QObject* parent)
    : LiveSource(intake, sourceId, LiveSourceKind::Tcp, parent)
    , m_server(new QTcpServer(this))
    , m_retry(new QTimer(this))
{
    m_server->setMaxPendingConnections(64);
    m_retry->setInterval(kRetryMs);
    connect(m_server, &QTcpServer::newConnection, this, &TcpSource::accept);
    connect(m_retry, &QTimer::timeout, this, &TcpSource::retryHeld);
}

TcpSource::~TcpSource()
{
    for (auto& [socket, connection] : m_connections) {
        socket->disconnect(this);
        socket->abort();
    }
}

Result<void> TcpSource::listen(const QHostAddress& address, quint16 port)
{
    if (!m_server->listen(address, port)) {
        return makeError(ErrorCode::Io,
                         bindProblem(u"cannot listen on TCP %1 port %2"_s.arg(address.toString())
                                         .arg(port),
                                     m_server->errorString(), port));
    }
    return {};
}

quint16 TcpSource::localPort() const
{
    return m_server->serverPort();
}

void TcpSource::accept()
{
    while (QTcpSocket* socket = m_server->nextPendingConnection()) {
        if (int(m_connections.size()) >= kMaxConnections) {
            ++m_refused;
            qCWarning(lcLive, "TCP %s: more than %d connections at once; closed the one from %s",
                      qPrintable(m_server->serverAddress().toString()), kMaxConnections,
                      qPrintable(socket->peerAddress().toString()));
            socket->abort();
            socket->deleteLater();
            continue;
        }
        socket->setParent(this);
        // Qt stops reading from the OS when this fills: the sender's TCP window closes.
        socket->setReadBufferSize(kSocketBuffer);
        SenderCounters* sender =
            m_intake.counters.sender(sourceId(), senderKey(u"tcp", socket->peerAddress()));
        auto c = std::make_unique<Connection>(socket, m_intake.maxMessageBytes, sender);
        Connection* raw = c.get();
        m_connections.emplace(socket, std::move(c));
        connect(socket, &QTcpSocket::readyRead, this, [this, raw] { readFrom(*raw); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] { closed(socket); });
        readFrom(*raw);
    }
}

void TcpSource::takeFrames(Connection& c, qint64 receivedNs)
{
    for (Frame& f : c.frames) {
        c.held.push_back(makeMessage(c.sender, f, receivedNs));
    }
    c.frames.clear();
}

// Reads while the queue takes the messages; stops (and lets the sender wait) when it is full.
void TcpSource::readFrom(Connection& c)
{
    if (!c.held.empty() || c.reading) {
        return; // retryHeld() goes on once the held messages are queued
    }
    c.reading = true;
    const auto done = qScopeGuard([&c] { c.reading = false; });
    while (c.socket->bytesAvailable() > 0) {
        const QByteArray chunk = c.socket->read(kReadChunk);
        if (chunk.isEmpty()) {
            break;
        }
        c.framer.feed(chunk, c.frames);
        takeFrames(c, nowNs());
        if (!flushHeld(c.held)) {
            m_stalled.insert(c.socket);
            m_retry->start();
            return;
        }
    }
}

void TcpSource::closed(QTcpSocket* socket)
{
    auto it = m_connections.find(socket);
    if (it == m_connections.end()) {
        return;
    }
    Connection& c = *it->second;
    if (c.closing) {
        return;
    }
    c.closing = true;
    if (c.reading) {
        m_stalled.insert(socket); // finished from retryHeld(), outside readFrom()
        m_retry->start();
        return;
    }
    // What arrived before the close is read out; an unfinished message comes out as it is.
    if (c.held.empty()) {
        readFrom(c);
    }
    if (c.held.empty() && c.socket->bytesAvailable() == 0) {
        c.framer.finish(c.frames);
        takeFrames(c, nowNs());
        if (flushHeld(c.held)) {
            release(socket);
            return;
        }
    }
    m_stalled.insert(socket);
    m_retry->start();
}

void TcpSource::retryHeld()
{
    for (auto it = m_stalled.begin(); it != m_stalled.end();) {
        QTcpSocket* socket = *it;
        auto found = m_connections.find(socket);
        if (found == m_connections.end()) {
            it = m_stalled.erase(it);
            continue;
        }
        Connection& c = *found->second;
        if (!flushHeld(c.held)) {
            return; // still full: everyone waits for the next tick
        }
        it = m_stalled.erase(it);
        readFrom(c);
        if (c.closing && c.held.empty() && c.socket->bytesAvailable() == 0) {
            c.framer.finish(c.frames);
            takeFrames(c, nowNs());
            if (!flushHeld(c.held)) {
                m_stalled.insert(socket);
                return;
            }
            release(socket);
        }
    }
    if (m_stalled.empty()) {
        m_retry->stop();
    }
}

void TcpSource::release(QTcpSocket* socket)
{
    m_stalled.erase(socket);
    auto it = m_connections.find(socket);
    if (it == m_connections.end()) {
        return;
    }
    socket->disconnect(this);
    socket->deleteLater();
    m_connections.erase(it);
}

void TcpSource::drainAndClose()
{
    m_server->close();
    m_retry->stop();
    // Everything the connections already delivered is taken in, waiting for room in the queue
    // as storing goes on; a sender that never pauses gets two seconds.
    // The connections leave m_connections and stop signalling first: waitForReadyRead() below
    // may deliver a disconnect, whose handler would otherwise erase the entry being read.
    auto connections = std::move(m_connections);
    m_connections.clear();
    m_stalled.clear();
    for (auto& [socket, connection] : connections) {
        socket->disconnect(this);
    }
    QElapsedTimer timer;
    timer.start();
    for (auto& [socket, connection] : connections) {
        Connection& c = *connection;
        flushHeldWaiting(c.held);
        while (timer.elapsed() < 2000
               && (c.socket->bytesAvailable() > 0 || c.socket->waitForReadyRead(0))) {
            c.framer.feed(c.socket->read(kReadChunk), c.frames);
            takeFrames(c, nowNs());
            flushHeldWaiting(c.held);
        }
        c.framer.finish(c.frames);
        takeFrames(c, nowNs());
        flushHeldWaiting(c.held);
        socket->abort();
        socket->deleteLater();
    }
    m_intake.counters.setState(sourceId(), LiveSourceState::Stopped);
}

void TcpSource::housekeep()
{
    QString detail = u"%1 connections"_s.arg(m_connections.size());
    if (m_refused > 0) {
        detail += u", %1 refused (more than %2 at once)"_s.arg(m_refused).arg(kMaxConnections);
    }
    m_intake.counters.setState(sourceId(), LiveSourceState::Running, detail);
}

} // namespace vigil
