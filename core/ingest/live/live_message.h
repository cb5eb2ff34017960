#pragma once

#include <QByteArray>
#include <QString>

namespace vigil {

struct SenderCounters;

/** @brief Where a live message came from: a network listener or a followed file. */
enum class LiveSourceKind : quint8 {
    Udp,
    Tcp,
    File,
};

/**
 * @brief One message on its way from a receiver to the storing side.
 *
 * @c problem is set when the message is kept as a reject without parsing (longer than the
 * maximum message size, a broken frame); @c bytes then holds what was kept of it.
 */
struct LiveMessage {
    QByteArray bytes;
    SenderCounters* sender = nullptr; ///< counters of the sender; owned by LiveCounters
    LiveSourceKind kind = LiveSourceKind::Udp;
    int sourceId = 0;     ///< the LiveCounters source the message arrived on
    qint64 receivedNs = 0;
    qint64 position = 0;  ///< line number in a file, else the message's number from its sender
    qint64 offset = 0;    ///< byte offset in the file or the TCP connection (0 for UDP)
    QString problem;

    /** @brief What the message occupies in the queue (its bytes plus bookkeeping). */
    qsizetype footprint() const { return bytes.size() + problem.size() * 2 + 96; }
};

} // namespace vigil
