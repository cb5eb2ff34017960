#pragma once

#include <map>
#include <memory>
#include <set>

#include <QHostAddress>

#include "ingest/live/live_source.h"
#include "util/result.h"

class QTcpServer;
class QTcpSocket;
class QTimer;

namespace vigil {

/**
 * @brief Syslog over TCP (RFC 6587): LF framing or octet counting, detected per connection
 * (StreamFramer).
 *
 * TCP never drops for a full queue: a connection whose messages do not fit holds them and
 * stops reading, so the sender waits (TCP flow control) until storing catches up. Each
 * connection buffers at most a bounded amount. At most kMaxConnections connections are served
 * at once; further ones are closed and logged.
 */
class TcpSource final : public LiveSource {
    Q_OBJECT
public:
    static constexpr int kMaxConnections = 512;

    TcpSource(LiveIntake& intake, int sourceId, QObject* parent = nullptr);
    ~TcpSource() override;

    /** @brief Listens on @p address and @p port (0: any free port). */
    Result<void> listen(const QHostAddress& address, quint16 port);
    quint16 localPort() const;
    /** @brief Connections open now. */
    int connectionCount() const { return int(m_connections.size()); }

    void drainAndClose() override;
    void housekeep() override;

private:
    struct Connection;

    void accept();
    void readFrom(Connection& c);
    void takeFrames(Connection& c, qint64 receivedNs);
    void closed(QTcpSocket* socket);
    void retryHeld();
    void release(QTcpSocket* socket);

    QTcpServer* m_server = nullptr;
    QTimer* m_retry = nullptr;
    std::map<QTcpSocket*, std::unique_ptr<Connection>> m_connections;
    std::set<QTcpSocket*> m_stalled; ///< connections holding messages the queue had no room for
    qint64 m_refused = 0;
};

} // namespace vigil
