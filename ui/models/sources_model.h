#pragma once

#include <vector>

#include <QAbstractItemModel>

#include "ingest/live/live_counters.h"

namespace vigil {

/**
 * @brief The live sources as a two-level tree: listeners and followed files, with their
 * senders below (network sources only), and the counters of each.
 *
 * Fed from LiveSession::status() snapshots on the GUI thread: rows are only ever appended (a
 * session never forgets a source or a sender), so update() inserts the new ones and reports the
 * rest as changed. Rates are messages per second between two snapshots.
 */
class SourcesModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { Source, State, Received, Stored, Rejected, Dropped, Rate, LastMessage,
                  ColumnCount };
    enum Role { SourceIdRole = Qt::UserRole + 1 };

    explicit SourcesModel(QObject* parent = nullptr);

    /** @brief Applies a newer snapshot of the same session. */
    void update(const LiveSnapshot& snapshot);
    /** @brief Forgets every row (a new session starts). */
    void clear();

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Row {
        QString label;
        LiveCounts counts;
        double rate = 0;
    };
    struct SourceRow {
        int id = 0;
        LiveSourceKind kind = LiveSourceKind::Udp;
        LiveSourceState state = LiveSourceState::Running;
        QString detail;
        qint64 kernelDrops = -1;
        Row row;
        std::vector<Row> senders;
    };

    static void advance(Row& row, const LiveCounts& counts, double seconds);
    QVariant rowData(const Row& row, const SourceRow* source, int column, int role) const;

    std::vector<SourceRow> m_sources;
    qint64 m_takenNs = 0;
    qint64 m_nowNs = 0;
};

} // namespace vigil
