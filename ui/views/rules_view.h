#pragma once

#include <QHash>
#include <QWidget>

#include "triage/rule_outline.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTabWidget;
class QTableWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace vigil {

class AppContext;

/**
 * @brief The Rules workspace: the database's rule library as a tree grouped by ATT&CK tactic,
 * log source or file, with enabled state, level, status, alert counts and the engine's remarks;
 * the selected rule's text; and every rule file problem with file:line:column.
 */
class RulesView : public QWidget {
    Q_OBJECT
public:
    enum class Grouping { Tactic, LogSource, File };

    explicit RulesView(AppContext& context, QWidget* parent = nullptr);

    void refresh();
    void focusFilter();
    void setGrouping(Grouping grouping);
    /** @brief Rules in the library (each counted once, whatever the grouping). */
    int ruleCount() const { return m_ruleCount; }
    QTreeWidget* tree() const { return m_tree; }

signals:
    /** @brief The user wants to add rules: a folder (true) or files (false). */
    void addRulesRequested(bool folder);
    void runRulesRequested();

private:
    void applyFilter();
    void showSelected();
    void toggleEnabled(QTreeWidgetItem* item);
    QStringList groupsOf(const QString& uid, const QString& yaml, const QString& path);

    AppContext& m_context;
    QLineEdit* m_filter = nullptr;
    QComboBox* m_grouping = nullptr;
    QLabel* m_count = nullptr;
    QTreeWidget* m_tree = nullptr;
    QTabWidget* m_tabs = nullptr;
    QPlainTextEdit* m_text = nullptr;
    QTableWidget* m_issues = nullptr;
    QHash<QString, RuleOutline> m_outlines; ///< by uid + text length: parsing 3,000 rules once
    bool m_filling = false;
    int m_ruleCount = 0;
};

} // namespace vigil
