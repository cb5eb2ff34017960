#pragma once

#include <vector>

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

#include "triage/incident_queries.h"
#include "triage/queue_filter.h"

namespace vigil {

/**
 * @brief The incident queue: one row per incident, in queue order (open first, then priority,
 * then severity, then most recent activity). Open incidents past their due time are overdue:
 * their Due cell says by how much, in bold red. Owns its rows; replaced wholesale by setIncidents().
 */
class IncidentQueueModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Priority,
        Severity,
        Title,
        Status,
        Assignee,
        Host,
        Alerts,
        Due,
        FirstSeen,
        LastSeen,
        Age,
        Disposition,
        ColumnCount
    };
    enum Role {
        IncidentIdRole = Qt::UserRole + 1,
        SortRole,
        SeverityRole,
        OpenRole,
        ClosedRole,
        OverdueRole
    };

    explicit IncidentQueueModel(QObject* parent = nullptr);

    void setIncidents(std::vector<IncidentRecord> incidents, qint64 nowNs);
    const IncidentRecord* incident(int row) const;
    int rowOf(qint64 incidentId) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<IncidentRecord> m_rows;
    qint64 m_nowNs = 0;
};

/**
 * @brief Filters the queue with a QueueFilter (status, priority, assignee, rule, host, text);
 * closed incidents are hidden unless asked for. Resolved incidents stay: they still wait for
 * their closing verdict. The source must be an IncidentQueueModel.
 */
class IncidentFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit IncidentFilterProxy(QObject* parent = nullptr);
    void setShowClosed(bool show);
    void setText(const QString& text);
    void setFilter(const QueueFilter& filter);
    const QueueFilter& filter() const { return m_filter; }
    /** @brief The analyst's name, which the "@me" assignee stands for. */
    void setMe(const QString& me);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QueueFilter m_filter;
    QString m_me;
};

} // namespace vigil
