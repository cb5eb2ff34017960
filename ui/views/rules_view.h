#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTableWidget;

namespace vigil {

class AppContext;

/**
 * @brief The Rules workspace: the database's rule library with enabled state, level, status and
 * alert counts; the selected rule's text; and every rule file problem with file:line:column.
 */
class RulesView : public QWidget {
    Q_OBJECT
public:
    explicit RulesView(AppContext& context, QWidget* parent = nullptr);

    void refresh();
    void focusFilter();
    QTableWidget* table() const { return m_table; }

signals:
    /** @brief The user wants to add rules: a folder (true) or files (false). */
    void addRulesRequested(bool folder);
    void runRulesRequested();

private:
    void applyFilter();
    void showSelected();
    void toggleEnabled(int row, bool enabled);

    AppContext& m_context;
    QLineEdit* m_filter = nullptr;
    QLabel* m_count = nullptr;
    QTableWidget* m_table = nullptr;
    QTabWidget* m_tabs = nullptr;
    QPlainTextEdit* m_text = nullptr;
    QTableWidget* m_issues = nullptr;
    bool m_filling = false;
};

} // namespace vigil
