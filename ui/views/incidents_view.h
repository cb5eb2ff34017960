#pragma once

#include <vector>

#include <QList>
#include <QWidget>

class QAction;
class QLabel;
class QSplitter;
class QStackedWidget;
class QTableView;
class QToolButton;

namespace vigil {

class AppContext;
class IncidentDetail;
class IncidentFilterProxy;
class IncidentQueueModel;
class QueueActions;
class QueueFilterBar;
struct IncidentRecord;
struct QueueFilter;

/**
 * @brief The Incidents workspace: the filter bar (status, priority, assignee, rule, host, text,
 * saved views) with counts, the queue (open first, by priority and recency; multi-select), a
 * notice line for what the last action did, and the selected incident's detail below. Triage
 * runs from the keyboard through QueueActions.
 */
class IncidentsView : public QWidget {
    Q_OBJECT
public:
    explicit IncidentsView(AppContext& context, QWidget* parent = nullptr);

    void refresh();
    void focusFilter();
    void selectIncident(qint64 id);
    qint64 selectedIncident() const;
    /** @brief The selected incidents in queue order; the current one when none is selected. */
    std::vector<qint64> selectedIncidents() const;
    const IncidentRecord* record(qint64 id) const;
    /** @brief Analysts incidents are assigned to, and the local analyst. */
    QStringList knownAssignees() const;

    /** @brief Moves the current row by @p delta, selecting only it. */
    void moveBy(int delta);
    /** @brief Moves the keyboard focus into the selected incident's detail. */
    void openDetail();
    /** @brief Moves the keyboard focus back to the queue. */
    void backToQueue();
    /** @brief Shows what the last action did (a problem in the warning colour). */
    void showNotice(const QString& text, bool problem);
    QString noticeText() const;

    QTableView* table() const { return m_table; }
    IncidentQueueModel* model() const { return m_model; }
    IncidentFilterProxy* proxy() const { return m_proxy; }
    IncidentDetail* detail() const { return m_detail; }
    QSplitter* splitter() const { return m_splitter; }
    QueueFilterBar* filterBar() const { return m_filterBar; }
    QueueActions* actions() const { return m_actions; }
    /** @brief More actions for the queue's context menu (after the triage ones). */
    void addContextActions(const QList<QAction*>& actions) { m_contextExtra << actions; }

signals:
    void importRequested();
    void demoRequested();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void updateCounts();
    void showSelected();
    void applyFilter(const QueueFilter& filter);
    void showContextMenu(const QPoint& pos);

    AppContext& m_context;
    IncidentQueueModel* m_model = nullptr;
    IncidentFilterProxy* m_proxy = nullptr;
    QueueFilterBar* m_filterBar = nullptr;
    QLabel* m_notice = nullptr;
    QToolButton* m_noticeClose = nullptr;
    QWidget* m_noticeRow = nullptr;
    QTableView* m_table = nullptr;
    IncidentDetail* m_detail = nullptr;
    QSplitter* m_splitter = nullptr;
    QStackedWidget* m_stack = nullptr;
    QueueActions* m_actions = nullptr;
    QList<QAction*> m_contextExtra;
};

} // namespace vigil
