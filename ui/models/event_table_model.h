#pragma once

#include <atomic>
#include <memory>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <QAbstractTableModel>
#include <QThread>

#include "storage/event_queries.h"

namespace vigil {

class EventLoader;

/**
 * @brief A virtual table over the stored events: it holds only the ordered ids of the current
 * filter and fetches rows a page at a time, so millions of events scroll smoothly.
 *
 * Threading: the model lives on the GUI thread. A loader object in its own thread (with its own
 * reader connection) runs the queries; results come back as queued calls stamped with a
 * generation number, and results of an older generation are dropped. Rows not loaded yet show a
 * placeholder until their page arrives.
 */
class EventTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Time, Severity, Host, Format, Summary, Source, ColumnCount };
    enum Role { EventIdRole = Qt::UserRole + 1 };

    explicit EventTableModel(const QString& dbPath, QObject* parent = nullptr);
    ~EventTableModel() override;

    /** @brief Re-queries with a new filter (text contained in host, source or raw record). */
    void setFilter(const EventFilter& filter);
    const EventFilter& filter() const { return m_filter; }
    /** @brief Re-runs the current query, e.g. after an import. */
    void refresh();

    qint64 eventId(int row) const;
    qint64 totalCount() const { return m_total; }
    bool isLoading() const { return m_loading; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

signals:
    /** @brief The id list of the current filter arrived: @p matched of @p total events. */
    void countsChanged(qint64 matched, qint64 total);
    void loadingChanged(bool loading);
    void loadFailed(const QString& message);

private:
    static constexpr int kPageSize = 200;
    static constexpr std::size_t kMaxCachedPages = 64;

    const EventRow* row(int r) const;
    void requestPage(int page) const;
    void applyIds(quint64 generation, std::vector<qint64> ids, qint64 total, const QString& error);
    void applyPage(quint64 generation, int page, std::vector<EventRow> rows);

    QThread m_thread;
    EventLoader* m_loader = nullptr;
    EventFilter m_filter;
    quint64 m_generation = 0;
    std::shared_ptr<std::atomic<bool>> m_cancelIds;
    std::vector<qint64> m_ids;
    qint64 m_total = 0;
    bool m_loading = false;
    mutable std::unordered_map<int, std::vector<EventRow>> m_pages;
    mutable std::unordered_set<int> m_pending;
};

} // namespace vigil
