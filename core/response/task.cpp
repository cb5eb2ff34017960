#include "response/task.h"

#include <map>

#include "model/event.h"
#include "storage/database.h"
#include "storage/journal.h"
#include "util/json.h"

namespace vigil {

namespace {

constexpr char16_t kSelect[] =
    u"SELECT id, incident_id, playbook_id, phase, title, description, status, owner, notes, "
    u"done_ns, created_ns, updated_ns FROM tasks ";

TaskRecord readTask(Statement& s)
{
    TaskRecord t;
    t.id = s.int64(0);
    t.incidentId = s.int64(1);
    t.playbookId = s.isNull(2) ? QString() : s.text(2);
    t.phase = taskPhaseFromCode(s.text(3)).value_or(TaskPhase::Containment);
    t.title = s.text(4);
    t.description = s.text(5);
    t.status = taskStatusFromCode(s.text(6)).value_or(TaskStatus::Open);
    t.owner = s.text(7);
    t.notes = s.text(8);
    t.doneNs = s.isNull(9) ? 0 : s.int64(9);
    t.createdNs = s.int64(10);
    t.updatedNs = s.int64(11);
    return t;
}

struct Expected {
    QString status = QStringLiteral("open");
    QString owner;
    QString notes;
};

} // namespace

const std::vector<TaskStatus>& allTaskStatuses()
{
    static const std::vector<TaskStatus> kAll{TaskStatus::Open, TaskStatus::InProgress,
                                              TaskStatus::Done, TaskStatus::Skipped};
    return kAll;
}

QString codeOf(TaskStatus status)
{
    switch (status) {
    case TaskStatus::Open:
        return QStringLiteral("open");
    case TaskStatus::InProgress:
        return QStringLiteral("in_progress");
    case TaskStatus::Done:
        return QStringLiteral("done");
    case TaskStatus::Skipped:
        return QStringLiteral("skipped");
    }
    return {};
}

QString displayName(TaskStatus status)
{
    switch (status) {
    case TaskStatus::Open:
        return QStringLiteral("Open");
    case TaskStatus::InProgress:
        return QStringLiteral("In progress");
    case TaskStatus::Done:
        return QStringLiteral("Done");
    case TaskStatus::Skipped:
        return QStringLiteral("Skipped");
    }
    return {};
}

std::optional<TaskStatus> taskStatusFromCode(const QString& code)
{
    const QString c = code.trimmed().toLower().replace(u'-', u'_');
    for (TaskStatus s : allTaskStatuses()) {
        if (codeOf(s) == c) {
            return s;
        }
    }
    return std::nullopt;
}

bool isSettled(TaskStatus status)
{
    return status == TaskStatus::Done || status == TaskStatus::Skipped;
}

Result<std::vector<TaskRecord>> TaskQueries::forIncident(Database& db, qint64 incidentId)
{
    const QString sql = QString::fromUtf16(kSelect)
        + QStringLiteral("WHERE incident_id = ?1 ORDER BY CASE phase WHEN 'containment' THEN 0 "
                         "WHEN 'eradication' THEN 1 ELSE 2 END, id");
    auto s = db.prepare(sql);
    if (!s) {
        return s.error();
    }
    s->bind(1, incidentId);
    return collectRows<TaskRecord>(*s, readTask);
}

Result<TaskRecord> TaskQueries::load(Database& db, qint64 taskId)
{
    const QString sql = QString::fromUtf16(kSelect) + QStringLiteral("WHERE id = ?1");
    auto s = db.prepare(sql);
    if (!s) {
        return s.error();
    }
    s->bind(1, taskId);
    auto row = s->step();
    if (!row) {
        return row.error();
    }
    if (!*row) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no task %1").arg(taskId));
    }
    return readTask(*s);
}

Result<QStringList> TaskQueries::attachedPlaybooks(Database& db, qint64 incidentId)
{
    auto s = db.prepare(u"SELECT playbook_id FROM tasks WHERE incident_id = ?1 "
                        u"AND playbook_id IS NOT NULL GROUP BY playbook_id ORDER BY min(id)");
    if (!s) {
        return s.error();
    }
    s->bind(1, incidentId);
    auto ids = collectRows<QString>(*s, [](Statement& st) { return st.text(0); });
    if (!ids) {
        return ids.error();
    }
    return QStringList(ids->begin(), ids->end());
}

Result<QStringList> TaskQueries::journalDisagreements(Database& db, qint64 incidentId)
{
    auto entries = Journal::forObject(db, QStringLiteral("incident"), incidentId);
    if (!entries) {
        return entries.error();
    }
    auto tasks = forIncident(db, incidentId);
    if (!tasks) {
        return tasks.error();
    }
    // Replay the journal: the tasks it describes are the tasks the incident must have.
    std::map<qint64, Expected> expected;
    for (const JournalEntry& e : *entries) {
        Fields d;
        if (!parseJsonObjectFlat(e.details, d, nullptr)) {
            continue; // the chain check reports unreadable entries
        }
        if (e.action == u"playbook") {
            const qint64 first = d.text(u"first_task_id").toLongLong();
            const qint64 last = d.text(u"last_task_id").toLongLong();
            for (qint64 id = first; id > 0 && id <= last; ++id) {
                expected[id] = Expected();
            }
        } else if (e.action == u"task_added") {
            expected[d.text(u"task_id").toLongLong()] = Expected();
        } else if (e.action == u"task") {
            Expected& x = expected[d.text(u"task_id").toLongLong()];
            if (d.contains(u"status")) {
                x.status = d.text(u"status");
            }
            if (d.contains(u"owner")) {
                x.owner = d.text(u"owner");
            }
            if (d.contains(u"notes")) {
                x.notes = d.text(u"notes");
            }
        }
    }
    QStringList problems;
    for (const TaskRecord& t : *tasks) {
        const auto it = expected.find(t.id);
        if (it == expected.end()) {
            problems << QStringLiteral("task %1 is not in the journal").arg(t.id);
            continue;
        }
        const Expected& x = it->second;
        if (codeOf(t.status) != x.status || t.owner != x.owner || t.notes != x.notes) {
            problems << QStringLiteral("task %1 differs from its journal (status %2, journal says %3)")
                            .arg(QString::number(t.id), codeOf(t.status), x.status);
        }
        expected.erase(it);
    }
    for (const auto& [id, x] : expected) {
        problems << QStringLiteral("task %1 is in the journal but not stored").arg(id);
    }
    return problems;
}

} // namespace vigil
