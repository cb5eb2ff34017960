#include "response/task_service.h"

#include "response/playbook_library.h"
#include "storage/database.h"
#include "storage/journal.h"
#include "triage/incident_status.h"
#include "util/json.h"
#include "util/timestamp.h"

namespace vigil {

namespace {

constexpr int kMaxTitle = 200;
constexpr int kMaxOwner = 200;
constexpr int kMaxText = 20000;

// Refuses changes to a missing or closed incident.
Result<void> checkIncident(Database& db, qint64 incidentId)
{
    auto s = db.prepare(u"SELECT status FROM incidents WHERE id = ?1");
    if (!s) {
        return s.error();
    }
    s->bind(1, incidentId);
    auto row = s->step();
    if (!row) {
        return row.error();
    }
    if (!*row) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no incident %1").arg(incidentId));
    }
    if (s->text(0) == codeOf(IncidentStatus::Closed)) {
        return makeError(ErrorCode::InvalidState,
                         QStringLiteral("incident %1 is closed: reopen it before changing its "
                                        "tasks")
                             .arg(incidentId));
    }
    return {};
}

// What the rules behind the incident say about themselves: its own rule and its alerts' rules.
Result<std::vector<RuleFacts>> incidentRules(Database& db, qint64 incidentId)
{
    auto s = db.prepare(u"SELECT yaml FROM rules WHERE uid IN (SELECT rule_uid FROM incidents "
                        u"WHERE id = ?1 UNION SELECT rule_uid FROM alerts WHERE incident_id = ?1) "
                        u"ORDER BY uid");
    if (!s) {
        return s.error();
    }
    s->bind(1, incidentId);
    return collectRows<RuleFacts>(*s, [](Statement& st) { return ruleFactsOf(st.text(0)); });
}

Result<void> journal(Database& db, const QString& actor, qint64 incidentId, const QString& action,
                     QByteArray details, qint64 now, qint64 effective = 0)
{
    JournalEntry e;
    e.actor = actor;
    e.objectType = QStringLiteral("incident");
    e.objectId = incidentId;
    e.action = action;
    e.details = std::move(details);
    e.writtenNs = now;
    e.effectiveNs = effective != 0 ? effective : now;
    return Journal::append(db, e);
}

Result<void> checkText(const QString& what, const QString& text, int maxLength)
{
    if (text.size() > maxLength) {
        return makeError(ErrorCode::Usage, QStringLiteral("%1 is longer than %2 characters")
                                               .arg(what)
                                               .arg(maxLength));
    }
    return {};
}

} // namespace

TaskService::TaskService(Database& db, QString actor)
    : m_db(db)
    , m_actor(std::move(actor))
{
}

Result<AttachedPlaybook> TaskService::insertPlaybook(qint64 incidentId, const Playbook& playbook,
                                                     const QString& reason, qint64 now)
{
    auto ins = m_db.prepare(
        u"INSERT INTO tasks (incident_id, playbook_id, phase, title, description, created_ns, "
        u"updated_ns) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)");
    if (!ins) {
        return ins.error();
    }
    AttachedPlaybook a{playbook.id, playbook.title, reason, 0, 0};
    qint64 lastId = 0;
    for (const PlaybookTask& t : playbook.tasks) {
        ins->bind(1, incidentId);
        ins->bind(2, playbook.id);
        ins->bind(3, codeOf(t.phase));
        ins->bind(4, t.title);
        ins->bind(5, t.description);
        ins->bind(6, now);
        if (auto r = ins->run(); !r) {
            return r.error();
        }
        ins->reset();
        lastId = m_db.lastInsertId();
        a.firstTaskId = a.firstTaskId == 0 ? lastId : a.firstTaskId;
        ++a.taskCount;
    }
    // One entry per playbook: the tasks it added have consecutive ids in this transaction.
    const QByteArray details = JsonObjectWriter()
                                   .add(u"playbook", playbook.id)
                                   .add(u"title", playbook.title)
                                   .add(u"reason", reason)
                                   .add(u"tasks", qint64(a.taskCount))
                                   .add(u"first_task_id", a.firstTaskId)
                                   .add(u"last_task_id", lastId)
                                   .finish();
    if (auto r = journal(m_db, m_actor, incidentId, QStringLiteral("playbook"), details, now); !r) {
        return r.error();
    }
    return a;
}

Result<std::vector<AttachedPlaybook>> TaskService::attachMatching(qint64 incidentId,
                                                                  const PlaybookLibrary& playbooks)
{
    std::vector<AttachedPlaybook> attached;
    auto rules = incidentRules(m_db, incidentId);
    if (!rules) {
        return rules.error();
    }
    if (rules->empty() || playbooks.playbooks().empty()) {
        return attached;
    }
    auto already = TaskQueries::attachedPlaybooks(m_db, incidentId);
    if (!already) {
        return already.error();
    }
    const qint64 now = nowNs();
    for (const Playbook& p : playbooks.playbooks()) {
        if (already->contains(p.id)) {
            continue;
        }
        QString reason;
        for (const RuleFacts& facts : *rules) {
            if (reason = p.matchReason(facts); !reason.isEmpty()) {
                break;
            }
        }
        if (reason.isEmpty()) {
            continue;
        }
        auto a = insertPlaybook(incidentId, p, reason, now);
        if (!a) {
            return a.error();
        }
        attached.push_back(*a);
    }
    return attached;
}

Result<AttachedPlaybook> TaskService::attachPlaybook(qint64 incidentId, const Playbook& playbook)
{
    Transaction tx(m_db);
    if (!tx.begun()) {
        return tx.begun().error();
    }
    if (auto r = checkIncident(m_db, incidentId); !r) {
        return r.error();
    }
    auto already = TaskQueries::attachedPlaybooks(m_db, incidentId);
    if (!already) {
        return already.error();
    }
    if (already->contains(playbook.id)) {
        return makeError(ErrorCode::InvalidState,
                         QStringLiteral("playbook \"%1\" is already attached to incident %2")
                             .arg(playbook.id, QString::number(incidentId)));
    }
    auto a = insertPlaybook(incidentId, playbook, QStringLiteral("analyst"), nowNs());
    if (!a) {
        return a.error();
    }
    if (auto r = tx.commit(); !r) {
        return r.error();
    }
    return a;
}

Result<qint64> TaskService::addTask(qint64 incidentId, TaskPhase phase, const QString& title,
                                    const QString& description)
{
    const QString name = title.trimmed();
    if (name.isEmpty()) {
        return makeError(ErrorCode::Usage, QStringLiteral("a task needs a title"));
    }
    if (auto r = checkText(QStringLiteral("the title"), name, kMaxTitle); !r) {
        return r.error();
    }
    if (auto r = checkText(QStringLiteral("the description"), description, kMaxText); !r) {
        return r.error();
    }
    Transaction tx(m_db);
    if (!tx.begun()) {
        return tx.begun().error();
    }
    if (auto r = checkIncident(m_db, incidentId); !r) {
        return r.error();
    }
    const qint64 now = nowNs();
    auto ins = m_db.prepare(u"INSERT INTO tasks (incident_id, phase, title, description, "
                            u"created_ns, updated_ns) VALUES (?1, ?2, ?3, ?4, ?5, ?5)");
    if (!ins) {
        return ins.error();
    }
    ins->bind(1, incidentId);
    ins->bind(2, codeOf(phase));
    ins->bind(3, name);
    ins->bind(4, description.trimmed());
    ins->bind(5, now);
    if (auto r = ins->run(); !r) {
        return r.error();
    }
    const qint64 taskId = m_db.lastInsertId();
    const QByteArray details = JsonObjectWriter()
                                   .add(u"task_id", taskId)
                                   .add(u"phase", codeOf(phase))
                                   .add(u"title", name)
                                   .finish();
    if (auto r = journal(m_db, m_actor, incidentId, QStringLiteral("task_added"), details, now);
        !r) {
        return r.error();
    }
    if (auto r = tx.commit(); !r) {
        return r.error();
    }
    return taskId;
}

Result<TaskRecord> TaskService::update(qint64 taskId, const TaskUpdate& change)
{
    if (change.owner) {
        if (auto r = checkText(QStringLiteral("the owner"), change.owner->trimmed(), kMaxOwner); !r) {
            return r.error();
        }
    }
    if (change.notes) {
        if (auto r = checkText(QStringLiteral("the notes"), *change.notes, kMaxText); !r) {
            return r.error();
        }
    }
    Transaction tx(m_db);
    if (!tx.begun()) {
        return tx.begun().error();
    }
    auto before = TaskQueries::load(m_db, taskId);
    if (!before) {
        return before.error();
    }
    if (auto r = checkIncident(m_db, before->incidentId); !r) {
        return r.error();
    }
    const qint64 now = nowNs();
    const qint64 effective = change.effectiveNs != 0 ? change.effectiveNs : now;
    TaskRecord after = *before;
    JsonObjectWriter details;
    details.add(u"task_id", taskId).add(u"title", before->title);
    bool changed = false;
    if (change.status && *change.status != before->status) {
        after.status = *change.status;
        after.doneNs = isSettled(after.status) ? effective : 0;
        details.add(u"from_status", codeOf(before->status)).add(u"status", codeOf(after.status));
        changed = true;
    }
    if (change.owner && change.owner->trimmed() != before->owner) {
        after.owner = change.owner->trimmed();
        details.add(u"owner", after.owner);
        changed = true;
    }
    if (change.notes && *change.notes != before->notes) {
        after.notes = *change.notes;
        details.add(u"notes", after.notes);
        changed = true;
    }
    if (!changed) {
        return after; // nothing to record
    }
    auto up = m_db.prepare(u"UPDATE tasks SET status = ?2, owner = ?3, notes = ?4, done_ns = ?5, "
                           u"updated_ns = ?6 WHERE id = ?1");
    if (!up) {
        return up.error();
    }
    up->bind(1, taskId);
    up->bind(2, codeOf(after.status));
    up->bind(3, after.owner);
    up->bind(4, after.notes);
    if (after.doneNs != 0) {
        up->bind(5, after.doneNs);
    } else {
        up->bindNull(5);
    }
    up->bind(6, now);
    if (auto r = up->run(); !r) {
        return r.error();
    }
    after.updatedNs = now;
    if (auto r = journal(m_db, m_actor, before->incidentId, QStringLiteral("task"),
                         details.finish(), now, effective);
        !r) {
        return r.error();
    }
    if (auto r = tx.commit(); !r) {
        return r.error();
    }
    return after;
}

} // namespace vigil
