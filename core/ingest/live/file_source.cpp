#include "ingest/live/file_source.h"

#include <QTimer>

#include "ingest/live/live_counters.h"
#include "ingest/live/live_queue.h"
#include "util/timestamp.h"

using namespace Qt::StringLiterals;

namespace vigil {

namespace {

constexpr qint64 kBytesPerPoll = 4 * 1024 * 1024;
constexpr qint64 kBytesAtShutdown = 64 * 1024 * 1024;

} // namespace

FileSource::FileSource(LiveIntake& intake, int sourceId, const QString& path,
                       FileFollower::Start start, QObject* parent)
    : LiveSource(intake, sourceId, LiveSourceKind::File, parent)
    , m_follower(std::make_unique<FileFollower>(path, intake.maxMessageBytes, start))
    , m_sender(intake.counters.sender(sourceId, path))
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &FileSource::poll);
    m_timer->start(0);
}

FileSource::~FileSource() = default;

void FileSource::poll()
{
    if (!flushHeld(m_held)) {
        m_timer->start(5); // the queue is full: try again soon, read nothing new
        return;
    }
    const bool more = m_follower->poll(m_frames, kBytesPerPoll);
    const qint64 now = nowNs();
    for (Frame& f : m_frames) {
        m_held.push_back(makeMessage(m_sender, f, now));
    }
    m_frames.clear();
    const bool queued = flushHeld(m_held);
    m_timer->start(!queued ? 5 : more ? 0 : kPollMs);
}

void FileSource::drainAndClose()
{
    m_timer->stop();
    flushHeldWaiting(m_held);
    // Read to the end the file has now, so a run stops with the file's current content stored.
    m_follower->finish(m_frames, kBytesAtShutdown);
    const qint64 now = nowNs();
    for (Frame& f : m_frames) {
        m_held.push_back(makeMessage(m_sender, f, now));
    }
    m_frames.clear();
    flushHeldWaiting(m_held);
    m_intake.counters.setState(sourceId(), LiveSourceState::Stopped, detail());
}

void FileSource::housekeep()
{
    m_intake.counters.setState(sourceId(),
                               m_follower->isOpen() ? LiveSourceState::Running
                                                    : LiveSourceState::Waiting,
                               detail());
}

QString FileSource::detail() const
{
    QStringList notes;
    if (m_follower->rotations() > 0) {
        notes << u"rotated %1×"_s.arg(m_follower->rotations());
    }
    if (m_follower->truncations() > 0) {
        notes << u"truncated %1×"_s.arg(m_follower->truncations());
    }
    if (!m_follower->isOpen() && !m_follower->problem().isEmpty()) {
        notes.prepend(m_follower->problem());
    }
    return notes.join(u"; "_s);
}

} // namespace vigil
