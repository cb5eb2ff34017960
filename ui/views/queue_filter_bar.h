#pragma once

#include <QWidget>

#include "triage/queue_filter.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QPushButton;
class QToolButton;

namespace vigil {

class AppContext;

/**
 * @brief The filter bar above the incident queue: free text, status, priority, assignee, rule
 * and host, "show closed", the saved views (a combo, "Save view…", delete) and the counts.
 * Emits filterChanged() whenever the filter it describes changes.
 */
class QueueFilterBar : public QWidget {
    Q_OBJECT
public:
    explicit QueueFilterBar(AppContext& context, QWidget* parent = nullptr);

    QueueFilter filter() const;
    /** @brief Shows @p filter in the controls (one filterChanged()). */
    void setFilter(const QueueFilter& filter);
    /** @brief The names offered in the assignee list (besides me and unassigned). */
    void setKnownAssignees(const QStringList& names);
    void setCountText(const QString& text);
    void focusText();

    /** @brief Applies the saved view @p name; false when there is none. */
    bool applyView(const QString& name);
    /** @brief Saves the current filter as @p name (the dialog's work, tests). */
    bool saveView(const QString& name);
    /** @brief Asks for a name and saves the current filter under it. */
    void askAndSaveView();
    void reloadViews();

    QComboBox* viewsCombo() const { return m_views; }

signals:
    void filterChanged(const vigil::QueueFilter& filter);

private:
    QToolButton* makeChoiceButton(QMenu* menu);
    void updateChoiceTexts();
    void emitChanged();
    void deleteView();

    AppContext& m_context;
    bool m_applying = false;
    QLineEdit* m_text = nullptr;
    QToolButton* m_status = nullptr;
    QMenu* m_statusMenu = nullptr;
    QToolButton* m_priority = nullptr;
    QMenu* m_priorityMenu = nullptr;
    QComboBox* m_assignee = nullptr;
    QLineEdit* m_rule = nullptr;
    QLineEdit* m_host = nullptr;
    QCheckBox* m_showClosed = nullptr;
    QComboBox* m_views = nullptr;
    QPushButton* m_save = nullptr;
    QToolButton* m_delete = nullptr;
    QToolButton* m_clear = nullptr;
    QLabel* m_count = nullptr;
    QLabel* m_viewError = nullptr;
};

} // namespace vigil
