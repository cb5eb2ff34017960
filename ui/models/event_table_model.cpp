#include "models/event_table_model.h"

#include <QColor>

#include "models/event_loader.h"
#include "model/event.h"
#include "widgets/display_format.h"

namespace vigil {

EventTableModel::EventTableModel(const QString& dbPath, QObject* parent)
    : QAbstractTableModel(parent)
    , m_loader(new EventLoader(dbPath))
{
    m_thread.setObjectName(QStringLiteral("vigil-event-loader"));
    m_loader->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_loader, &QObject::deleteLater);
    m_thread.start();
}

EventTableModel::~EventTableModel()
{
    if (m_cancelIds) {
        m_cancelIds->store(true);
    }
    m_thread.quit();
    m_thread.wait();
}

void EventTableModel::setFilter(const EventFilter& filter)
{
    m_filter = filter;
    refresh();
}

void EventTableModel::refresh()
{
    if (m_cancelIds) {
        m_cancelIds->store(true);
    }
    m_cancelIds = std::make_shared<std::atomic<bool>>(false);
    const quint64 generation = ++m_generation;
    const EventFilter filter = m_filter;
    auto cancel = m_cancelIds;
    m_loading = true;
    emit loadingChanged(true);
    QMetaObject::invokeMethod(m_loader, [this, loader = m_loader, generation, filter, cancel] {
        QString error;
        std::vector<qint64> ids;
        qint64 total = 0;
        if (Database* db = loader->database(&error)) {
            auto counted = EventQueries::countAll(*db);
            auto found = EventQueries::orderedIds(*db, filter, cancel.get());
            if (counted && found) {
                total = *counted;
                ids = std::move(*found);
            } else {
                error = (!counted ? counted.error() : found.error()).toString();
            }
        }
        if (cancel->load()) {
            return;
        }
        QMetaObject::invokeMethod(
            this,
            [this, generation, ids = std::move(ids), total, error]() mutable {
                applyIds(generation, std::move(ids), total, error);
            },
            Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void EventTableModel::applyIds(quint64 generation, std::vector<qint64> ids, qint64 total,
                               const QString& error)
{
    if (generation != m_generation) {
        return;
    }
    beginResetModel();
    m_ids = std::move(ids);
    m_total = total;
    m_pages.clear();
    m_pending.clear();
    endResetModel();
    m_loading = false;
    emit loadingChanged(false);
    if (!error.isEmpty()) {
        emit loadFailed(error);
    }
    emit countsChanged(qint64(m_ids.size()), m_total);
}

void EventTableModel::requestPage(int page) const
{
    if (m_pending.count(page)) {
        return;
    }
    if (m_pages.size() >= kMaxCachedPages) {
        m_pages.clear(); // rows far from the view reload on demand
    }
    m_pending.insert(page);
    const std::size_t start = std::size_t(page) * kPageSize;
    const std::size_t end = std::min(m_ids.size(), start + kPageSize);
    std::vector<qint64> ids(m_ids.begin() + qsizetype(start), m_ids.begin() + qsizetype(end));
    auto* self = const_cast<EventTableModel*>(this);
    const quint64 generation = m_generation;
    QMetaObject::invokeMethod(m_loader, [self, loader = m_loader, generation, page, ids] {
        QString error;
        std::vector<EventRow> rows;
        if (Database* db = loader->database(&error)) {
            if (auto r = EventQueries::rows(*db, ids)) {
                rows = std::move(*r);
            }
        }
        QMetaObject::invokeMethod(
            self,
            [self, generation, page, rows = std::move(rows)]() mutable {
                self->applyPage(generation, page, std::move(rows));
            },
            Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void EventTableModel::applyPage(quint64 generation, int page, std::vector<EventRow> rows)
{
    if (generation != m_generation) {
        return;
    }
    m_pending.erase(page);
    m_pages[page] = std::move(rows);
    const int first = page * kPageSize;
    const int last = std::min(int(m_ids.size()), first + kPageSize) - 1;
    if (last >= first) {
        emit dataChanged(index(first, 0), index(last, ColumnCount - 1));
    }
}

const EventRow* EventTableModel::row(int r) const
{
    const int page = r / kPageSize;
    auto it = m_pages.find(page);
    if (it == m_pages.end()) {
        requestPage(page);
        return nullptr;
    }
    const std::size_t offset = std::size_t(r % kPageSize);
    if (offset >= it->second.size() || it->second[offset].id != m_ids[std::size_t(r)]) {
        return nullptr; // the event was deleted since the ids were read
    }
    return &it->second[offset];
}

qint64 EventTableModel::eventId(int r) const
{
    return r >= 0 && r < int(m_ids.size()) ? m_ids[std::size_t(r)] : 0;
}

int EventTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_ids.size());
}

int EventTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_ids.size())) {
        return {};
    }
    if (role == EventIdRole) {
        return eventId(index.row());
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != Qt::ForegroundRole) {
        return {};
    }
    const EventRow* r = row(index.row());
    if (!r) {
        return role == Qt::DisplayRole && index.column() == Summary ? QStringLiteral("…") : QVariant();
    }
    if (role == Qt::ForegroundRole) {
        if (index.column() == Time && r->timeFromReceipt) {
            return QColor(0x9a, 0x60, 0x00);
        }
        return {};
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == Time && r->timeFromReceipt) {
            return tr("The record had no time of its own; this is when Vigil received it.");
        }
        if (index.column() == Summary) {
            // Tooltips render anything that looks like HTML: log text must stay text.
            return QString(u"<p style='white-space:pre-wrap'>" + r->summary.toHtmlEscaped() + u"</p>");
        }
        return {};
    }
    switch (index.column()) {
    case Time:
        return ui::timeText(r->timeNs, r->timeDigits, 6);
    case Severity:
        return severityName(r->severity);
    case Host:
        return r->host;
    case Format:
        return r->format;
    case Summary:
        return r->summary;
    case Source: {
        const QString file = r->source.section(u'/', -1);
        return QString(file + (r->sourceIsRecord ? u'#' : u':') + QString::number(r->sourcePos));
    }
    default:
        return {};
    }
}

QVariant EventTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Time:
        return tr("Time (UTC)");
    case Severity:
        return tr("Severity");
    case Host:
        return tr("Host");
    case Format:
        return tr("Format");
    case Summary:
        return tr("Summary");
    case Source:
        return tr("Source");
    default:
        return {};
    }
}

} // namespace vigil
