#pragma once

#include <QWidget>

class QGridLayout;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTableWidget;

namespace vigil {

class AppContext;

/**
 * @brief The Overview workspace: on an empty store a welcome with the first steps; otherwise
 * what the store holds (events, open incidents by severity, alerts, rules) and recent imports.
 */
class OverviewView : public QWidget {
    Q_OBJECT
public:
    explicit OverviewView(AppContext& context, QWidget* parent = nullptr);

    void refresh();
    bool isStoreEmpty() const { return m_empty; }

signals:
    void importRequested();
    void demoRequested();
    void addRulesRequested(bool folder);

private:
    QLabel* addCard(QGridLayout* grid, int column, const QString& caption);

    AppContext& m_context;
    bool m_empty = true;
    QStackedWidget* m_stack = nullptr;
    QLabel* m_events = nullptr;
    QLabel* m_open = nullptr;
    QLabel* m_alerts = nullptr;
    QLabel* m_rules = nullptr;
    QLabel* m_bySeverity = nullptr;
    QPushButton* m_quarantine = nullptr;
    QLabel* m_metrics = nullptr;
    QTableWidget* m_imports = nullptr;
};

} // namespace vigil
