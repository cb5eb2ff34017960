#pragma once

#include <memory>
#include <vector>

#include "ingest/live/file_follower.h"
#include "ingest/live/live_source.h"

class QTimer;

namespace vigil {

/**
 * @brief A followed file (FileFollower) polled on a timer in the receiving thread.
 *
 * Files never drop: lines the queue has no room for are held and reading pauses until storing
 * catches up (the rest waits in the file).
 */
class FileSource final : public LiveSource {
    Q_OBJECT
public:
    static constexpr int kPollMs = 200;

    FileSource(LiveIntake& intake, int sourceId, const QString& path,
               FileFollower::Start start, QObject* parent = nullptr);
    ~FileSource() override;

    void drainAndClose() override;
    void housekeep() override;

private:
    void poll();
    QString detail() const;

    std::unique_ptr<FileFollower> m_follower;
    SenderCounters* m_sender = nullptr;
    QTimer* m_timer = nullptr;
    std::deque<LiveMessage> m_held;
    std::vector<Frame> m_frames;
};

} // namespace vigil
