#include "ingest/live/live_receiver.h"

#include <QFileInfo>
#include <QTimer>

#include "ingest/live/file_source.h"
#include "ingest/live/live_counters.h"
#include "ingest/live/live_queue.h"
#include "ingest/live/tcp_source.h"
#include "ingest/live/udp_source.h"

using namespace Qt::StringLiterals;

namespace vigil {

namespace {

QString endpointName(const QHostAddress& address, quint16 port)
{
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
                             ? u'[' + address.toString() + u']'
                             : address.toString();
    return host + u':' + QString::number(port);
}

} // namespace

LiveReceiver::LiveReceiver(LiveIntake& intake, QObject* parent)
    : QObject(parent)
    , m_intake(intake)
{
}

LiveReceiver::~LiveReceiver() = default;

void LiveReceiver::start()
{
    m_timer = new QTimer(this);
    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, &LiveReceiver::housekeep);
    m_timer->start();
}

Result<LiveEndpoint> LiveReceiver::addUdp(const QHostAddress& address, quint16 port)
{
    auto* source = new UdpSource(m_intake, 0, this);
    if (auto r = source->bind(address, port); !r) {
        delete source;
        return r.error();
    }
    const QString name = endpointName(address, source->localPort());
    source->setSourceId(m_intake.counters.addSource(LiveSourceKind::Udp, name));
    m_intake.counters.setState(source->sourceId(), LiveSourceState::Running,
                               u"receive buffer %1 bytes"_s.arg(source->receiveBufferBytes()));
    m_sources[source->sourceId()] = source;
    return LiveEndpoint{source->sourceId(), source->localPort(), name};
}

Result<LiveEndpoint> LiveReceiver::addTcp(const QHostAddress& address, quint16 port)
{
    auto* source = new TcpSource(m_intake, 0, this);
    if (auto r = source->listen(address, port); !r) {
        delete source;
        return r.error();
    }
    const QString name = endpointName(address, source->localPort());
    source->setSourceId(m_intake.counters.addSource(LiveSourceKind::Tcp, name));
    m_sources[source->sourceId()] = source;
    source->housekeep();
    return LiveEndpoint{source->sourceId(), source->localPort(), name};
}

Result<LiveEndpoint> LiveReceiver::addFile(const QString& path, FileFollower::Start start)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        return makeError(ErrorCode::Io, u"cannot follow %1: no such file"_s.arg(path));
    }
    if (!info.isFile() || !info.isReadable()) {
        return makeError(ErrorCode::Io,
                         u"cannot follow %1: not a readable regular file"_s.arg(path));
    }
    const QString name = info.absoluteFilePath();
    const int id = m_intake.counters.addSource(LiveSourceKind::File, name);
    auto* source = new FileSource(m_intake, id, name, start, this);
    m_sources[id] = source;
    return LiveEndpoint{id, 0, name};
}

bool LiveReceiver::stopSource(int sourceId)
{
    const auto it = m_sources.find(sourceId);
    if (it == m_sources.end()) {
        return false;
    }
    LiveSource* source = it->second;
    m_sources.erase(it);
    source->drainAndClose();
    delete source;
    return true;
}

void LiveReceiver::stopAll()
{
    if (m_timer) {
        m_timer->stop();
    }
    while (!m_sources.empty()) {
        stopSource(m_sources.begin()->first);
    }
    housekeep(); // the last drops are logged too
}

void LiveReceiver::housekeep()
{
    for (auto& [id, source] : m_sources) {
        source->housekeep();
    }
    const LiveCounts totals = m_intake.counters.snapshot().totals;
    if (totals.dropped > m_droppedLogged) {
        const LiveQueueStats q = m_intake.queue.stats();
        qCWarning(lcLive,
                  "%lld messages dropped since the last report: storing fell behind and the queue "
                  "was full (%lld of %lld messages, %lld of %lld bytes); %lld received, %lld "
                  "stored, %lld dropped in all",
                  static_cast<long long>(totals.dropped - m_droppedLogged),
                  static_cast<long long>(q.messages), static_cast<long long>(q.maxMessages),
                  static_cast<long long>(q.bytes), static_cast<long long>(q.maxBytes),
                  static_cast<long long>(totals.received), static_cast<long long>(totals.stored),
                  static_cast<long long>(totals.dropped));
        m_droppedLogged = totals.dropped;
    }
}

} // namespace vigil
