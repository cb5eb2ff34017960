#pragma once

#include <map>

#include <QHostAddress>
#include <QObject>

#include "ingest/live/file_follower.h"
#include "util/result.h"

class QTimer;

namespace vigil {

class LiveSource;
struct LiveIntake;

/** @brief A source that was started: its id in the counters, its port and its display name. */
struct LiveEndpoint {
    int sourceId = 0;
    quint16 port = 0; ///< the bound port (listeners; 0 for files)
    QString name;     ///< "127.0.0.1:5514", "[::1]:5514" or the file path
};

/**
 * @brief Hosts the receiving sources (UDP, TCP, followed files) in the receiving thread, and
 * once a second refreshes their counters and logs messages dropped since the last second.
 *
 * Threading: lives in the receiving thread; every member runs there (LiveSession invokes them
 * with a blocking queued call).
 */
class LiveReceiver : public QObject {
    Q_OBJECT
public:
    explicit LiveReceiver(LiveIntake& intake, QObject* parent = nullptr);
    ~LiveReceiver() override;

    /** @brief Starts the once-a-second housekeeping (call in the receiving thread). */
    void start();
    Result<LiveEndpoint> addUdp(const QHostAddress& address, quint16 port);
    Result<LiveEndpoint> addTcp(const QHostAddress& address, quint16 port);
    Result<LiveEndpoint> addFile(const QString& path, FileFollower::Start start);
    /** @brief Drains and closes one source; false for an unknown or stopped id. */
    bool stopSource(int sourceId);
    /** @brief Drains and closes every source. */
    void stopAll();

private:
    void housekeep();

    LiveIntake& m_intake;
    std::map<int, LiveSource*> m_sources;
    QTimer* m_timer = nullptr;
    qint64 m_droppedLogged = 0;
};

} // namespace vigil
