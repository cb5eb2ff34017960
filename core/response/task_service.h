#pragma once

#include <optional>
#include <vector>

#include <QString>

#include "response/task.h"
#include "util/result.h"

namespace vigil {

class Database;
class PlaybookLibrary;
struct Playbook;

/** @brief A change to one task: only the parts that are set change. */
struct TaskUpdate {
    std::optional<TaskStatus> status;
    std::optional<QString> owner;
    std::optional<QString> notes; ///< replaces the task's notes
    qint64 effectiveNs = 0;       ///< when it happened, if not now (back-filling); sets done time
};

/** @brief One playbook attached to an incident. */
struct AttachedPlaybook {
    QString playbookId;
    QString title;
    QString reason;       ///< "tag attack.t1110", "log source category webserver", "analyst"
    qint64 firstTaskId = 0;
    int taskCount = 0;
};

/**
 * @brief Adds response tasks to incidents and records their progress, journalling each change
 * on the incident (actions "playbook", "task_added" and "task", each naming the task ids).
 *
 * A playbook is attached at most once per incident. Tasks of a closed incident do not change
 * (reopen it first). Threading: use on the thread that owns @p db (the writer connection).
 */
class TaskService {
public:
    TaskService(Database& db, QString actor);

    /**
     * @brief Attaches every playbook of @p playbooks that fits a rule of the incident (its own
     * rule and its alerts' rules, as the rule library describes them) and is not attached yet.
     * Must run inside the caller's write transaction (incident creation).
     */
    Result<std::vector<AttachedPlaybook>> attachMatching(qint64 incidentId,
                                                         const PlaybookLibrary& playbooks);
    /** @brief Attaches @p playbook by hand, mid-case (own transaction). */
    Result<AttachedPlaybook> attachPlaybook(qint64 incidentId, const Playbook& playbook);
    /** @brief Adds one task by hand (own transaction); returns its id. */
    Result<qint64> addTask(qint64 incidentId, TaskPhase phase, const QString& title,
                           const QString& description = {});
    /** @brief Applies @p change to a task (own transaction); returns the task as it is now. */
    Result<TaskRecord> update(qint64 taskId, const TaskUpdate& change);

private:
    Result<AttachedPlaybook> insertPlaybook(qint64 incidentId, const Playbook& playbook,
                                            const QString& reason, qint64 now);

    Database& m_db;
    QString m_actor;
};

} // namespace vigil
