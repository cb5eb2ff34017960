#pragma once

#include <optional>
#include <vector>

#include <QString>

#include "response/playbook.h"
#include "util/result.h"

namespace vigil {

class Database;

/** @brief Where a response task stands. Done and Skipped settle it (its done time is set). */
enum class TaskStatus { Open, InProgress, Done, Skipped };

const std::vector<TaskStatus>& allTaskStatuses();
/** @brief "open", "in_progress", "done", "skipped": stored, journalled and typed in the CLI. */
QString codeOf(TaskStatus status);
/** @brief "Open", "In progress", "Done", "Skipped". */
QString displayName(TaskStatus status);
std::optional<TaskStatus> taskStatusFromCode(const QString& code);
/** @brief Done or skipped. */
bool isSettled(TaskStatus status);

/** @brief A response task of an incident, as stored. */
struct TaskRecord {
    qint64 id = 0;
    qint64 incidentId = 0;
    QString playbookId; ///< empty for a task an analyst added on its own
    TaskPhase phase = TaskPhase::Containment;
    QString title;
    QString description;
    TaskStatus status = TaskStatus::Open;
    QString owner;
    QString notes;
    qint64 doneNs = 0; ///< when it was done or skipped (the effective time); 0 while open
    qint64 createdNs = 0;
    qint64 updatedNs = 0;
};

/** @brief Read-only task queries for the detail view, the report and the CLI. */
class TaskQueries {
public:
    /** @brief The incident's tasks in phase order (containment first), then as added. */
    static Result<std::vector<TaskRecord>> forIncident(Database& db, qint64 incidentId);
    static Result<TaskRecord> load(Database& db, qint64 taskId);
    /** @brief The ids of the playbooks attached to the incident. */
    static Result<QStringList> attachedPlaybooks(Database& db, qint64 incidentId);
    /**
     * @brief Where the incident's stored tasks disagree with its journal (a task added, removed
     * or changed behind Vigil's back); empty when both tell the same story.
     */
    static Result<QStringList> journalDisagreements(Database& db, qint64 incidentId);
};

} // namespace vigil
