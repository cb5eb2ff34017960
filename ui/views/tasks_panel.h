#pragma once

#include <vector>

#include <QWidget>

#include "response/task.h"
#include "response/task_service.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace vigil {

class AppContext;
struct Playbook;

/**
 * @brief An incident's response tasks: a checklist grouped by phase (containment, eradication,
 * recovery) with status, owner and done time, the selected task's description, status, owner and
 * notes to edit, and "Add playbook…" / "Add task…". Every change goes through TaskService, so it
 * is journalled on the incident. Lives on the GUI thread; reads and writes the context's
 * connections (a few rows per incident).
 */
class TasksPanel : public QWidget {
    Q_OBJECT
public:
    explicit TasksPanel(AppContext& context, QWidget* parent = nullptr);

    /** @brief Shows incident @p id (0 clears the panel). */
    void setIncident(qint64 id);
    void reload();

    /** @brief Attaches @p playbook to the shown incident; false (after a message) when refused. */
    bool attachPlaybook(const Playbook& playbook);
    /** @brief Adds one task to the shown incident. */
    bool addTask(TaskPhase phase, const QString& title, const QString& description);
    /** @brief Applies @p update to task @p taskId. */
    bool updateTask(qint64 taskId, const TaskUpdate& update);
    /** @brief Selects task @p taskId in the checklist (tests, keyboard). */
    void selectTask(qint64 taskId);

    QTreeWidget* tree() const { return m_tree; }
    const std::vector<TaskRecord>& tasks() const { return m_tasks; }
    /** @brief "3 of 10 tasks done or skipped", or what to do when there are none. */
    QString summary() const;

signals:
    /** @brief A task changed (a journal entry was written). */
    void changed();
    /** @brief The checklist was (re)loaded: @p settled of @p total tasks done or skipped. */
    void countsChanged(int settled, int total);

private:
    void chooseAndAttach();
    void chooseAndAdd();
    void onItemChanged(QTreeWidgetItem* item, int column);
    void showSelected();
    void saveSelected();
    void updateEditState();
    const TaskRecord* selected() const;
    bool report(const Error& error, const QString& title);

    AppContext& m_context;
    qint64 m_id = 0;
    bool m_closed = false;
    std::vector<TaskRecord> m_tasks;
    QPushButton* m_addPlaybook = nullptr;
    QPushButton* m_addTask = nullptr;
    QLabel* m_summary = nullptr;
    QTreeWidget* m_tree = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_origin = nullptr;
    QPlainTextEdit* m_description = nullptr;
    QComboBox* m_status = nullptr;
    QLineEdit* m_owner = nullptr;
    QPlainTextEdit* m_notes = nullptr;
    QLabel* m_done = nullptr;
    QPushButton* m_save = nullptr;
    QPushButton* m_revert = nullptr;
    QWidget* m_editor = nullptr;
};

} // namespace vigil
