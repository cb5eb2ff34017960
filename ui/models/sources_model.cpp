#include "models/sources_model.h"

#include <QBrush>
#include <QColor>
#include <QFont>

#include "util/timestamp.h"
#include "widgets/display_format.h"

namespace vigil {

namespace {

QString sourceLabel(LiveSourceKind kind, const QString& name)
{
    switch (kind) {
    case LiveSourceKind::Udp:
        return SourcesModel::tr("Syslog UDP %1").arg(name);
    case LiveSourceKind::Tcp:
        return SourcesModel::tr("Syslog TCP %1").arg(name);
    case LiveSourceKind::File:
        break;
    }
    return SourcesModel::tr("File %1").arg(name);
}

QString stateText(LiveSourceKind kind, LiveSourceState state)
{
    switch (state) {
    case LiveSourceState::Running:
        return kind == LiveSourceKind::File ? SourcesModel::tr("Following")
                                            : SourcesModel::tr("Listening");
    case LiveSourceState::Waiting:
        return SourcesModel::tr("Waiting for the file");
    case LiveSourceState::Stopped:
        return SourcesModel::tr("Stopped");
    case LiveSourceState::Failed:
        break;
    }
    return SourcesModel::tr("Failed");
}

// "udp://192.0.2.7" -> "192.0.2.7"
QString senderLabel(const QString& key)
{
    const qsizetype scheme = key.indexOf(QStringLiteral("://"));
    return scheme < 0 ? key : key.mid(scheme + 3);
}

QString agoText(qint64 thenNs, qint64 nowNs)
{
    if (thenNs <= 0) {
        return SourcesModel::tr("never");
    }
    const qint64 seconds = std::max<qint64>(0, (nowNs - thenNs) / 1'000'000'000);
    if (seconds < 60) {
        return SourcesModel::tr("%1 s ago").arg(seconds);
    }
    if (seconds < 3600) {
        return SourcesModel::tr("%1 min ago").arg(seconds / 60);
    }
    return ui::timeText(thenNs, 0);
}

} // namespace

SourcesModel::SourcesModel(QObject* parent) : QAbstractItemModel(parent) {}

void SourcesModel::advance(Row& row, const LiveCounts& counts, double seconds)
{
    const double now = seconds > 0 ? double(counts.received - row.counts.received) / seconds : 0;
    // Smoothed a little so a bursty sender does not make the column flicker.
    row.rate = seconds > 0 ? 0.5 * row.rate + 0.5 * now : row.rate;
    row.counts = counts;
}

void SourcesModel::update(const LiveSnapshot& snapshot)
{
    const double seconds = m_takenNs > 0 ? double(snapshot.takenNs - m_takenNs) / 1e9 : 0;
    m_takenNs = snapshot.takenNs;
    m_nowNs = snapshot.takenNs;
    for (std::size_t s = 0; s < snapshot.sources.size(); ++s) {
        const LiveSourceSnapshot& in = snapshot.sources[s];
        if (s >= m_sources.size()) {
            beginInsertRows({}, int(s), int(s));
            SourceRow added;
            added.id = in.id;
            added.kind = in.kind;
            added.row.label = sourceLabel(in.kind, in.name);
            m_sources.push_back(std::move(added));
            endInsertRows();
        }
        SourceRow& row = m_sources[s];
        row.state = in.state;
        row.detail = in.detail;
        row.kernelDrops = in.kernelDrops;
        advance(row.row, in.counts, seconds);
        if (in.kind == LiveSourceKind::File) {
            continue; // a followed file is its own only sender
        }
        const QModelIndex parentIndex = index(int(s), 0);
        if (in.senders.size() > row.senders.size()) {
            beginInsertRows(parentIndex, int(row.senders.size()), int(in.senders.size()) - 1);
            for (std::size_t i = row.senders.size(); i < in.senders.size(); ++i) {
                row.senders.push_back({senderLabel(in.senders[i].key), {}, 0});
            }
            endInsertRows();
        }
        for (std::size_t i = 0; i < in.senders.size(); ++i) {
            advance(row.senders[i], in.senders[i].counts, seconds);
        }
        if (!row.senders.empty()) {
            emit dataChanged(index(0, 0, parentIndex),
                             index(int(row.senders.size()) - 1, ColumnCount - 1, parentIndex));
        }
    }
    if (!m_sources.empty()) {
        emit dataChanged(index(0, 0), index(int(m_sources.size()) - 1, ColumnCount - 1));
    }
}

void SourcesModel::clear()
{
    beginResetModel();
    m_sources.clear();
    m_takenNs = 0;
    endResetModel();
}

QModelIndex SourcesModel::index(int row, int column, const QModelIndex& parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0) {
        return {};
    }
    if (!parent.isValid()) {
        return row < int(m_sources.size()) ? createIndex(row, column, quintptr(0)) : QModelIndex();
    }
    if (parent.internalId() != 0 || parent.row() >= int(m_sources.size())) {
        return {};
    }
    const SourceRow& source = m_sources[std::size_t(parent.row())];
    return row < int(source.senders.size()) ? createIndex(row, column, quintptr(parent.row() + 1))
                                             : QModelIndex();
}

QModelIndex SourcesModel::parent(const QModelIndex& child) const
{
    if (!child.isValid() || child.internalId() == 0) {
        return {};
    }
    return createIndex(int(child.internalId() - 1), 0, quintptr(0));
}

int SourcesModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid()) {
        return int(m_sources.size());
    }
    if (parent.internalId() != 0 || parent.column() != 0) {
        return 0;
    }
    return int(m_sources[std::size_t(parent.row())].senders.size());
}

int SourcesModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

QVariant SourcesModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid()) {
        return {};
    }
    if (index.internalId() == 0) {
        const SourceRow& source = m_sources[std::size_t(index.row())];
        if (role == SourceIdRole) {
            return source.id;
        }
        return rowData(source.row, &source, index.column(), role);
    }
    const SourceRow& source = m_sources[std::size_t(index.internalId() - 1)];
    if (role == SourceIdRole) {
        return source.id;
    }
    return rowData(source.senders[std::size_t(index.row())], nullptr, index.column(), role);
}

QVariant SourcesModel::rowData(const Row& row, const SourceRow* source, int column,
                               int role) const
{
    const LiveCounts& c = row.counts;
    if (role == Qt::DisplayRole) {
        switch (column) {
        case Source:
            return row.label;
        case State:
            return source ? stateText(source->kind, source->state) : QVariant();
        case Received:
            return ui::numberText(c.received);
        case Stored:
            return ui::numberText(c.stored);
        case Rejected:
            return ui::numberText(c.rejected);
        case Dropped:
            return ui::numberText(c.dropped);
        case Rate:
            return tr("%1/s").arg(ui::numberText(qint64(row.rate + 0.5)));
        case LastMessage:
            return agoText(c.lastNs, m_nowNs);
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole && column >= Received && column <= Rate) {
        return int(Qt::AlignRight | Qt::AlignVCenter);
    }
    if (role == Qt::ToolTipRole) {
        if (column == LastMessage && c.lastNs > 0) {
            return QString(ui::timeText(c.lastNs, 3) + QStringLiteral(" UTC"));
        }
        if (column == State && source && !source->detail.isEmpty()) {
            return source->detail;
        }
        if (column == Dropped && source && source->kernelDrops > 0) {
            return tr("The operating system also dropped %1 datagrams before Vigil could read "
                      "them (its receive buffer was full).")
                .arg(ui::numberText(source->kernelDrops));
        }
        if (column == Dropped) {
            return tr("Messages lost because the queue to the store was full (storing fell "
                      "behind). TCP senders and files wait instead of losing messages.");
        }
        return {};
    }
    if (role == Qt::ForegroundRole) {
        if (column == Dropped && c.dropped > 0) {
            return QBrush(QColor(0xc0, 0x39, 0x2b));
        }
        if (column == Rejected && c.rejected > 0) {
            return QBrush(QColor(0xa0, 0x62, 0x00));
        }
        if (column == State && source && source->state != LiveSourceState::Running) {
            return QBrush(source->state == LiveSourceState::Failed ? QColor(0xc0, 0x39, 0x2b)
                                                                   : QColor(0x6b, 0x72, 0x80));
        }
        return {};
    }
    if (role == Qt::FontRole && source && column == Source) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    return {};
}

QVariant SourcesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case Source:
        return tr("Source / sender");
    case State:
        return tr("State");
    case Received:
        return tr("Received");
    case Stored:
        return tr("Stored");
    case Rejected:
        return tr("Rejected");
    case Dropped:
        return tr("Dropped");
    case Rate:
        return tr("Rate");
    case LastMessage:
        return tr("Last message");
    default:
        return {};
    }
}

} // namespace vigil
