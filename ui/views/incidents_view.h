#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QSplitter;
class QStackedWidget;
class QTableView;

namespace vigil {

class AppContext;
class IncidentDetail;
class IncidentFilterProxy;
class IncidentQueueModel;

/**
 * @brief The Incidents workspace: the queue (open first, by severity and recency), a filter
 * bar with counts, and the selected incident's detail below.
 */
class IncidentsView : public QWidget {
    Q_OBJECT
public:
    explicit IncidentsView(AppContext& context, QWidget* parent = nullptr);

    void refresh();
    void focusFilter();
    void selectIncident(qint64 id);
    qint64 selectedIncident() const;

    QTableView* table() const { return m_table; }
    IncidentQueueModel* model() const { return m_model; }
    IncidentDetail* detail() const { return m_detail; }
    QSplitter* splitter() const { return m_splitter; }

signals:
    void importRequested();
    void demoRequested();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void updateCounts();
    void showSelected();

    AppContext& m_context;
    IncidentQueueModel* m_model = nullptr;
    IncidentFilterProxy* m_proxy = nullptr;
    QLineEdit* m_filter = nullptr;
    QCheckBox* m_showClosed = nullptr;
    QLabel* m_count = nullptr;
    QTableView* m_table = nullptr;
    IncidentDetail* m_detail = nullptr;
    QSplitter* m_splitter = nullptr;
    QStackedWidget* m_stack = nullptr;
};

} // namespace vigil
