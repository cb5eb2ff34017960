#pragma once

#include <vector>

#include <QWidget>

#include "triage/bulk_triage.h"

class QAction;
class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSplitter;
class QTableView;
class QTableWidget;
class QTimer;

namespace vigil {

class AppContext;
class EventTableModel;

/**
 * @brief The Events workspace: a filter bar with counts, the virtual event table and the
 * selected event's fields and raw record (plain text, copyable).
 */
class EventsView : public QWidget {
    Q_OBJECT
public:
    explicit EventsView(AppContext& context, QWidget* parent = nullptr);

    /** @brief Re-reads the store (after imports). */
    void refresh();
    void focusFilter();
    /** @brief Shows the event with @p eventId in the detail pane (from other workspaces). */
    void showEvent(qint64 eventId);
    /** @brief The selected events' ids in list order. */
    std::vector<qint64> selectedEvents() const;
    /** @brief Asks for an incident and links the selected events to it ("Add to incident…"). */
    void addSelectedToIncident();
    /** @brief Links @p eventIds to @p incidentId (journalled), reporting refusals per event. */
    BulkOutcome addEventsToIncident(qint64 incidentId, const std::vector<qint64>& eventIds);
    QAction* addToIncidentAction() const { return m_addToIncident; }
    QString noticeText() const;
    QTableView* table() const { return m_table; }
    EventTableModel* model() const { return m_model; }

private:
    void applyFilter();
    void updateCounts(qint64 matched, qint64 total);
    void showSelected();

    AppContext& m_context;
    EventTableModel* m_model = nullptr;
    QLineEdit* m_filter = nullptr;
    QCheckBox* m_newestFirst = nullptr;
    QLabel* m_count = nullptr;
    QTableView* m_table = nullptr;
    QTableWidget* m_fields = nullptr;
    QPlainTextEdit* m_raw = nullptr;
    QSplitter* m_splitter = nullptr;
    QTimer* m_debounce = nullptr;
    QAction* m_addToIncident = nullptr;
    QLabel* m_notice = nullptr;
};

} // namespace vigil
