#pragma once

// Helpers shared by the live collection tests: senders over loopback and store queries.

#include <functional>

#include <QElapsedTimer>
#include <QHostAddress>
#include <QTcpSocket>
#include <QThread>
#include <QUdpSocket>

#include "ingest/live/live_session.h"
#include "storage/store.h"

namespace livetest {

using namespace Qt::StringLiterals;

/** @brief Message @p i: RFC 5424 for even numbers, RFC 3164 for odd ones; unique text each. */
inline QByteArray syslogMessage(int i)
{
    if (i % 2 == 0) {
        return "<134>1 2024-05-06T07:08:09.123456Z web01 nginx 4242 ID47 - request number "
               + QByteArray::number(i) + " served";
    }
    return "<38>May  6 07:08:09 db02 sshd[77]: Failed password for root from 203.0.113.9 port "
           + QByteArray::number(40000 + i % 20000) + " ssh2 seq=" + QByteArray::number(i);
}

/** @brief The error of @p r for a failure message; empty when it holds a value. */
template <typename T>
QString problem(const vigil::Result<T>& r)
{
    return r.has_value() ? QString() : r.error().toString();
}

inline qint64 received(const vigil::LiveSession& s)
{
    return s.status().counters.totals.received;
}

/** @brief Waits (without an event loop) until @p done holds or @p ms pass. */
inline bool waitUntil(const std::function<bool()>& done, int ms)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > ms) {
            return false;
        }
        QThread::usleep(200);
    }
    return true;
}

/**
 * @brief Sends @p count datagrams from @p from, never more than @p window ahead of what the
 * listener counted as received, so the OS's socket buffer cannot overflow. Returns how many
 * were sent; a shortfall in "received" after that is the OS dropping datagrams.
 */
inline qint64 sendUdpPaced(const vigil::LiveSession& session, quint16 port, int count,
                           const std::function<QByteArray(int)>& make,
                           const QHostAddress& from = QHostAddress(QHostAddress::LocalHost),
                           int window = 256)
{
    QUdpSocket socket;
    socket.bind(from, 0);
    const qint64 before = received(session);
    qint64 sent = 0;
    for (int i = 0; i < count; ++i) {
        if (i % 32 == 0) {
            waitUntil([&] { return received(session) - before >= sent - window; }, 5000);
        }
        if (socket.writeDatagram(make(i), QHostAddress(QHostAddress::LocalHost), port) >= 0) {
            ++sent;
        }
    }
    return sent;
}

/** @brief Writes @p payload over one TCP connection and closes it; false on a socket error. */
inline bool sendTcp(quint16 port, const QByteArray& payload)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
    if (!socket.waitForConnected(5000)) {
        return false;
    }
    socket.write(payload);
    while (socket.bytesToWrite() > 0) {
        if (!socket.waitForBytesWritten(30000)) {
            return false;
        }
    }
    socket.disconnectFromHost();
    if (socket.state() != QAbstractSocket::UnconnectedState) {
        socket.waitForDisconnected(30000);
    }
    return true;
}

inline QByteArray lfFramed(int first, int count)
{
    QByteArray out;
    for (int i = first; i < first + count; ++i) {
        out += syslogMessage(i) + '\n';
    }
    return out;
}

inline QByteArray octetFramed(const QByteArray& message)
{
    return QByteArray::number(message.size()) + ' ' + message;
}

inline QByteArray octetFramed(int first, int count)
{
    QByteArray out;
    for (int i = first; i < first + count; ++i) {
        out += octetFramed(syslogMessage(i));
    }
    return out;
}

/** @brief The first column of the first row of @p sql over the store at @p path (-1: error). */
inline qint64 scalar(const QString& path, QStringView sql)
{
    auto db = vigil::Store::openReader(path);
    if (!db) {
        return -1;
    }
    auto s = db->prepare(sql);
    if (!s) {
        return -1;
    }
    auto row = s->step();
    return row && *row ? s->int64(0) : -1;
}

inline QString text(const QString& path, QStringView sql)
{
    auto db = vigil::Store::openReader(path);
    if (!db) {
        return {};
    }
    auto s = db->prepare(sql);
    if (!s) {
        return {};
    }
    auto row = s->step();
    return row && *row ? s->text(0) : QString();
}

} // namespace livetest
