#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>

#include "ingest/live/live_source.h"
#include "util/result.h"

class QUdpSocket;

namespace vigil {

/**
 * @brief Syslog over UDP (RFC 5426): one message per datagram, a trailing line end removed.
 *
 * A datagram longer than the maximum message size keeps its first bytes and is stored as a
 * reject with the reason. When the queue is full the datagram is counted as dropped. The
 * socket's receive buffer is raised (as far as the OS allows) so bursts survive; datagrams the
 * OS itself dropped are read from /proc/net/udp on Linux (LiveSourceSnapshot::kernelDrops).
 */
class UdpSource final : public LiveSource {
    Q_OBJECT
public:
    UdpSource(LiveIntake& intake, int sourceId, QObject* parent = nullptr);
    ~UdpSource() override;

    /** @brief Binds to @p address and @p port (0: any free port). */
    Result<void> bind(const QHostAddress& address, quint16 port);
    quint16 localPort() const;
    /** @brief The receive buffer the OS granted, in bytes. */
    int receiveBufferBytes() const;

    void drainAndClose() override;
    void housekeep() override;

private:
    void readDatagrams(int limit);
    SenderCounters* senderFor(const QHostAddress& address);

    QUdpSocket* m_socket = nullptr;
    QByteArray m_buffer;
    QHash<QHostAddress, SenderCounters*> m_senders;
    QHostAddress m_lastAddress;
    SenderCounters* m_lastSender = nullptr;
    bool m_draining = false;
};

/** @brief "udp://192.0.2.7", "tcp://[2001:db8::1]": a sender's key (IPv4-mapped as IPv4). */
QString senderKey(QStringView scheme, const QHostAddress& address);

/** @brief Why binding failed, for people (privileged ports, address in use ...). */
QString bindProblem(const QString& what, const QString& socketError, quint16 port);

} // namespace vigil
