#include "ingest/live/udp_source.h"

#include <QElapsedTimer>
#include <QFile>
#include <QUdpSocket>
#include <QVariant>

#include "ingest/live/live_counters.h"
#include "ingest/live/live_queue.h"
#include "util/timestamp.h"

#ifdef Q_OS_LINUX
#include <sys/stat.h>
#endif

using namespace Qt::StringLiterals;

namespace vigil {

namespace {

constexpr int kDatagramsPerWakeUp = 4096;

// The OS's count of datagrams dropped for the socket with this inode (the last column of
// /proc/net/udp and udp6), or -1 when it is not known.
qint64 procDrops(qintptr descriptor)
{
#ifdef Q_OS_LINUX
    struct stat st {};
    if (descriptor < 0 || ::fstat(int(descriptor), &st) != 0) {
        return -1;
    }
    const QByteArray inode = QByteArray::number(quint64(st.st_ino));
    for (const char* table : {"/proc/net/udp", "/proc/net/udp6"}) {
        QFile f(QString::fromLatin1(table));
        if (!f.open(QIODevice::ReadOnly)) {
            continue;
        }
        const QList<QByteArray> lines = f.readAll().split('\n');
        for (const QByteArray& line : lines) {
            const QList<QByteArray> cols = line.simplified().split(' ');
            if (cols.size() >= 13 && cols[9] == inode) {
                return cols.last().toLongLong();
            }
        }
    }
#else
    Q_UNUSED(descriptor);
#endif
    return -1;
}

} // namespace

QString senderKey(QStringView scheme, const QHostAddress& address)
{
    bool mapped = false;
    const quint32 v4 = address.toIPv4Address(&mapped);
    if (mapped) {
        return scheme + u"://"_s + QHostAddress(v4).toString();
    }
    QHostAddress plain = address;
    plain.setScopeId(QString());
    return scheme + u"://["_s + plain.toString() + u']';
}

QString bindProblem(const QString& what, const QString& socketError, quint16 port)
{
    QString text = what + u": "_s + socketError;
    if (port > 0 && port < 1024) {
        text += u" (ports below 1024 need administrator rights; syslog senders can send to a "
                u"port such as 5514 instead)"_s;
    }
    return text;
}

UdpSource::UdpSource(LiveIntake& intake, int sourceId, QObject* parent)
    : LiveSource(intake, sourceId, LiveSourceKind::Udp, parent)
    , m_socket(new QUdpSocket(this))
{
    connect(m_socket, &QUdpSocket::readyRead, this, [this] { readDatagrams(kDatagramsPerWakeUp); });
}

UdpSource::~UdpSource() = default;

Result<void> UdpSource::bind(const QHostAddress& address, quint16 port)
{
    if (!m_socket->bind(address, port)) {
        return makeError(ErrorCode::Io,
                         bindProblem(u"cannot listen on UDP %1 port %2"_s.arg(address.toString())
                                         .arg(port),
                                     m_socket->errorString(), port));
    }
    m_socket->setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption,
                              m_intake.udpReceiveBufferBytes);
    return {};
}

quint16 UdpSource::localPort() const
{
    return m_socket->localPort();
}

int UdpSource::receiveBufferBytes() const
{
    return m_socket->socketOption(QAbstractSocket::ReceiveBufferSizeSocketOption).toInt();
}

SenderCounters* UdpSource::senderFor(const QHostAddress& address)
{
    if (m_lastSender && address == m_lastAddress) {
        return m_lastSender;
    }
    SenderCounters*& cached = m_senders[address];
    if (!cached) {
        cached = m_intake.counters.sender(sourceId(), senderKey(u"udp", address));
    }
    m_lastAddress = address;
    m_lastSender = cached;
    return cached;
}

void UdpSource::readDatagrams(int limit)
{
    for (int n = 0; n < limit && m_socket->hasPendingDatagrams(); ++n) {
        const qint64 size = m_socket->pendingDatagramSize();
        if (size < 0) {
            break;
        }
        m_buffer.resize(qsizetype(std::max<qint64>(size, 1)));
        QHostAddress from;
        const qint64 got = m_socket->readDatagram(m_buffer.data(), m_buffer.size(), &from);
        if (got < 0) {
            break;
        }
        Frame frame;
        if (got > m_intake.maxMessageBytes) {
            frame.bytes = m_buffer.first(m_intake.maxMessageBytes);
            frame.problem = u"datagram of %1 bytes is longer than the maximum message size of %2 "
                            u"bytes; its first %2 bytes are kept"_s.arg(
                                groupedNumber(got), groupedNumber(m_intake.maxMessageBytes));
        } else {
            QByteArrayView view(m_buffer.constData(), got);
            while (!view.isEmpty() && (view.back() == '\n' || view.back() == '\r'
                                       || view.back() == '\0')) {
                view.chop(1);
            }
            if (view.trimmed().isEmpty()) {
                continue; // an empty datagram carries no message
            }
            frame.bytes = view.toByteArray();
        }
        LiveMessage m = makeMessage(senderFor(from), frame, nowNs());
        if (!m_draining) {
            offerOrDrop(m);
        } else if (!m_intake.queue.pushWait(m, m_intake.drainWait)) {
            m.sender->dropped.fetch_add(1, std::memory_order_release);
        }
    }
}

void UdpSource::drainAndClose()
{
    // What the OS already holds for the socket has arrived: take it in, waiting for room in
    // the queue while storing goes on. A sender that never pauses gets two seconds.
    m_draining = true;
    QElapsedTimer timer;
    timer.start();
    while (m_socket->hasPendingDatagrams() && timer.elapsed() < 2000) {
        readDatagrams(kDatagramsPerWakeUp);
    }
    m_socket->close();
    m_intake.counters.setState(sourceId(), LiveSourceState::Stopped);
}

void UdpSource::housekeep()
{
    if (m_socket->state() == QAbstractSocket::BoundState) {
        m_intake.counters.setKernelDrops(sourceId(), procDrops(m_socket->socketDescriptor()));
    }
}

} // namespace vigil
