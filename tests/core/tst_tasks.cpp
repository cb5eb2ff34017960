#include <memory>

#include <QTest>

#include "model/event.h"
#include "response/playbook_library.h"
#include "response/task_service.h"
#include "storage/database.h"
#include "storage/event_store.h"
#include "storage/journal.h"
#include "storage/rule_library.h"
#include "storage/store.h"
#include "triage/incident_merge.h"
#include "triage/incident_queries.h"
#include "triage/incident_service.h"
#include "util/json.h"

using namespace vigil;
using namespace Qt::StringLiterals;

namespace {

const QString kSshRule = uR"(title: SSH authentication failures
id: 5b7c3a1e-0000-4000-8000-000000000001
tags:
  - attack.credential-access
  - attack.t1110.001
logsource:
  product: linux
  service: sshd
detection:
  keywords: ['Failed password']
  condition: keywords
level: medium
)"_s;

const QString kWebRule = uR"(title: Path traversal in request
id: 5b7c3a1e-0000-4000-8000-000000000002
logsource:
  category: webserver
detection:
  sel: {cs-uri-query|contains: '../'}
  condition: sel
level: high
)"_s;

const QString kDiscoveryRule = uR"(title: Domain admins listed
id: 5b7c3a1e-0000-4000-8000-000000000003
tags: [attack.discovery, attack.t1069.002]
logsource: {product: windows, category: process_creation}
detection:
  sel: {CommandLine|contains: 'domain admins'}
  condition: sel
level: low
)"_s;

Fields details(const JournalEntry& e)
{
    Fields f;
    parseJsonObjectFlat(e.details, f, nullptr);
    return f;
}

} // namespace

/** Response tasks: attached by rule tag or category when an incident opens, added mid-case,
 *  every change journalled, and the journal still verifying. */
class TestTasks : public QObject {
    Q_OBJECT
private slots:
    void init();
    void attachedByTagOnIncidentCreation();
    void attachedByCategory();
    void noPlaybookForOtherRules();
    void joiningAlertAttachesNothingAgain();
    void playbookAddedMidCase();
    void singleTaskAddedMidCase();
    void statusChangesAreJournalled();
    void backFilledDoneTime();
    void closedIncidentRefusesChanges();
    void badInputIsRefused();
    void tamperedTasksDisagreeWithJournal();
    void explicitLibraryIsUsed();
    void mergeAttachesPlaybooksOfMergedRules();

private:
    qint64 incidentFor(const QString& ruleUid, const QString& host = u"bastion-1"_s,
                       qint64 timeNs = 1'700'000'000'000'000'000LL);
    std::vector<TaskRecord> tasks(qint64 incidentId);
    std::vector<JournalEntry> entries(qint64 incidentId, const QString& action);

    Database m_db;
    std::optional<EventWriter> m_writer;
    std::shared_ptr<const PlaybookLibrary> m_library;
};

void TestTasks::init()
{
    auto db = Store::openWriter(u":memory:"_s);
    QVERIFY(db.has_value());
    m_db = std::move(*db);
    auto w = EventWriter::create(m_db);
    QVERIFY(w.has_value());
    m_writer.emplace(std::move(*w));
    std::vector<RuleRecord> rules;
    for (const auto& [uid, yaml] : {std::pair{u"ssh"_s, kSshRule}, std::pair{u"web"_s, kWebRule},
                                    std::pair{u"disc"_s, kDiscoveryRule}}) {
        RuleRecord r;
        r.uid = uid;
        r.title = uid;
        r.level = u"medium"_s;
        r.yaml = yaml;
        rules.push_back(r);
    }
    QVERIFY(RuleLibrary::upsert(m_db, rules).has_value());
    m_library = std::make_shared<PlaybookLibrary>(PlaybookLibrary::loadStandard());
    QVERIFY(m_library->issues().empty());
}

qint64 TestTasks::incidentFor(const QString& ruleUid, const QString& host, qint64 timeNs)
{
    Event e;
    e.timeNs = timeNs;
    e.host = host;
    e.source = u"test"_s;
    e.format = u"json"_s;
    if (!m_writer->insert(e, 0)) {
        return -1;
    }
    IncidentService svc(m_db, u"tester"_s);
    svc.setPlaybooks(m_library);
    Transaction tx(m_db);
    auto r = svc.recordHits({Hit{ruleUid, u"Rule "_s + ruleUid, 2, e.id, timeNs, 0, host}});
    if (!r || !tx.commit()) {
        return -1;
    }
    auto list = IncidentQueries::list(m_db);
    return list && !list->empty() ? list->back().id : -1;
}

std::vector<TaskRecord> TestTasks::tasks(qint64 incidentId)
{
    auto t = TaskQueries::forIncident(m_db, incidentId);
    return t ? *t : std::vector<TaskRecord>{};
}

std::vector<JournalEntry> TestTasks::entries(qint64 incidentId, const QString& action)
{
    std::vector<JournalEntry> out;
    auto all = Journal::forObject(m_db, u"incident"_s, incidentId);
    if (all) {
        for (const JournalEntry& e : *all) {
            if (e.action == action) {
                out.push_back(e);
            }
        }
    }
    return out;
}

void TestTasks::attachedByTagOnIncidentCreation()
{
    const qint64 id = incidentFor(u"ssh"_s);
    QVERIFY(id > 0);
    const Playbook& brute = *m_library->find(u"brute-force"_s);
    const auto t = tasks(id);
    QCOMPARE(t.size(), brute.tasks.size());
    for (const TaskRecord& task : t) {
        QCOMPARE(task.playbookId, u"brute-force"_s);
        QCOMPARE(task.status, TaskStatus::Open);
        QCOMPARE(task.doneNs, 0);
    }
    QCOMPARE(t.front().phase, TaskPhase::Containment);
    QCOMPARE(t.front().title, brute.tasks.front().title);
    QCOMPARE(t.back().phase, TaskPhase::Recovery);
    const auto attached = entries(id, u"playbook"_s);
    QCOMPARE(attached.size(), size_t(1));
    const Fields d = details(attached.front());
    QCOMPARE(attached.front().actor, u"vigil"_s);
    QCOMPARE(d.text(u"playbook"), u"brute-force"_s);
    QCOMPARE(d.text(u"reason"), u"tag attack.t1110.001"_s);
    QCOMPARE(d.text(u"first_task_id").toLongLong(), t.front().id);
    QVERIFY(Journal::verify(m_db)->ok());
}

void TestTasks::attachedByCategory()
{
    const qint64 id = incidentFor(u"web"_s, u"www-1"_s);
    auto playbooks = TaskQueries::attachedPlaybooks(m_db, id);
    QVERIFY(playbooks.has_value());
    QCOMPARE(*playbooks, QStringList{u"web-attack"_s});
    QCOMPARE(details(entries(id, u"playbook"_s).front()).text(u"reason"),
             u"log source category webserver"_s);
}

void TestTasks::noPlaybookForOtherRules()
{
    QVERIFY(incidentFor(u"disc"_s) > 0);
    QVERIFY(incidentFor(u"not-in-library"_s, u"h2"_s) > 0);
    const auto list = IncidentQueries::list(m_db);
    QVERIFY(list.has_value());
    QCOMPARE(list->size(), size_t(2));
    for (const IncidentRecord& r : *list) {
        QVERIFY(tasks(r.id).empty());
        QVERIFY(entries(r.id, u"playbook"_s).empty());
    }
}

void TestTasks::joiningAlertAttachesNothingAgain()
{
    const qint64 first = incidentFor(u"ssh"_s, u"bastion-1"_s, 1'700'000'000'000'000'000LL);
    const qint64 joined = incidentFor(u"ssh"_s, u"bastion-1"_s, 1'700'000'060'000'000'000LL);
    QCOMPARE(joined, first);
    QCOMPARE(entries(first, u"playbook"_s).size(), size_t(1));
    QCOMPARE(tasks(first).size(), m_library->find(u"brute-force"_s)->tasks.size());
}

void TestTasks::playbookAddedMidCase()
{
    const qint64 id = incidentFor(u"ssh"_s);
    const size_t before = tasks(id).size();
    TaskService svc(m_db, u"analyst"_s);
    auto a = svc.attachPlaybook(id, *m_library->find(u"unauthorised-access"_s));
    QVERIFY2(a.has_value(), qPrintable(a ? QString() : a.error().toString()));
    QCOMPARE(a->reason, u"analyst"_s);
    QCOMPARE(tasks(id).size(), before + size_t(a->taskCount));
    QCOMPARE(entries(id, u"playbook"_s).back().actor, u"analyst"_s);
    auto again = svc.attachPlaybook(id, *m_library->find(u"brute-force"_s));
    QVERIFY(!again.has_value());
    QVERIFY(again.error().message.contains(u"already attached"_s));
    QVERIFY(Journal::verify(m_db)->ok());
}

void TestTasks::singleTaskAddedMidCase()
{
    const qint64 id = incidentFor(u"disc"_s);
    TaskService svc(m_db, u"analyst"_s);
    auto taskId = svc.addTask(id, TaskPhase::Eradication, u"  Rebuild DC-02  "_s, u"From gold image"_s);
    QVERIFY(taskId.has_value());
    const auto t = tasks(id);
    QCOMPARE(t.size(), size_t(1));
    QCOMPARE(t.front().title, u"Rebuild DC-02"_s);
    QCOMPARE(t.front().phase, TaskPhase::Eradication);
    QVERIFY(t.front().playbookId.isEmpty());
    const auto added = entries(id, u"task_added"_s);
    QCOMPARE(added.size(), size_t(1));
    QCOMPARE(details(added.front()).text(u"task_id").toLongLong(), *taskId);
    QCOMPARE(added.front().actor, u"analyst"_s);
}

void TestTasks::statusChangesAreJournalled()
{
    const qint64 id = incidentFor(u"ssh"_s);
    const qint64 taskId = tasks(id).front().id;
    TaskService svc(m_db, u"analyst"_s);
    TaskUpdate start;
    start.status = TaskStatus::InProgress;
    start.owner = u"alice"_s;
    auto r = svc.update(taskId, start);
    QVERIFY(r.has_value());
    QCOMPARE(r->doneNs, 0);
    TaskUpdate done;
    done.status = TaskStatus::Done;
    done.notes = u"Blocked 203.0.113.45 at fw-edge (CHG-1234)"_s;
    r = svc.update(taskId, done);
    QVERIFY(r.has_value());
    QVERIFY(r->doneNs > 0);
    const TaskRecord stored = *TaskQueries::load(m_db, taskId);
    QCOMPARE(stored.status, TaskStatus::Done);
    QCOMPARE(stored.owner, u"alice"_s);
    QCOMPARE(stored.notes, done.notes.value());
    QCOMPARE(stored.doneNs, r->doneNs);
    // Nothing changes: nothing is journalled.
    QVERIFY(svc.update(taskId, done).has_value());
    const auto changes = entries(id, u"task"_s);
    QCOMPARE(changes.size(), size_t(2));
    Fields first = details(changes[0]);
    QCOMPARE(first.text(u"from_status"), u"open"_s);
    QCOMPARE(first.text(u"status"), u"in_progress"_s);
    QCOMPARE(first.text(u"owner"), u"alice"_s);
    Fields second = details(changes[1]);
    QCOMPARE(second.text(u"status"), u"done"_s);
    QCOMPARE(second.text(u"notes"), done.notes.value());
    QVERIFY(!second.contains(u"owner"));
    QCOMPARE(changes[1].effectiveNs, stored.doneNs);
    // Reopening the task clears its done time.
    TaskUpdate reopen;
    reopen.status = TaskStatus::Open;
    QCOMPARE(svc.update(taskId, reopen)->doneNs, 0);
    QCOMPARE(TaskQueries::load(m_db, taskId)->doneNs, 0);
    QVERIFY(Journal::verify(m_db)->ok());
    QVERIFY(TaskQueries::journalDisagreements(m_db, id)->isEmpty());
}

void TestTasks::backFilledDoneTime()
{
    const qint64 id = incidentFor(u"ssh"_s);
    const qint64 taskId = tasks(id).back().id;
    TaskUpdate skipped;
    skipped.status = TaskStatus::Skipped;
    skipped.effectiveNs = 1'700'000'300'000'000'000LL;
    auto r = TaskService(m_db, u"analyst"_s).update(taskId, skipped);
    QVERIFY(r.has_value());
    QCOMPARE(r->doneNs, skipped.effectiveNs);
    const JournalEntry e = entries(id, u"task"_s).front();
    QCOMPARE(e.effectiveNs, skipped.effectiveNs);
    QVERIFY(e.writtenNs > e.effectiveNs);
}

void TestTasks::closedIncidentRefusesChanges()
{
    const qint64 id = incidentFor(u"ssh"_s);
    IncidentService incidents(m_db, u"analyst"_s);
    QVERIFY(incidents.changeStatus(id, StatusChange::close(Disposition::FpLogic)).has_value());
    TaskService svc(m_db, u"analyst"_s);
    TaskUpdate done;
    done.status = TaskStatus::Done;
    auto r = svc.update(tasks(id).front().id, done);
    QVERIFY(!r.has_value());
    QVERIFY(r.error().message.contains(u"closed"_s));
    QVERIFY(!svc.addTask(id, TaskPhase::Recovery, u"x"_s).has_value());
    QVERIFY(!svc.attachPlaybook(id, *m_library->find(u"malware"_s)).has_value());
    QVERIFY(entries(id, u"task"_s).empty());
}

void TestTasks::badInputIsRefused()
{
    const qint64 id = incidentFor(u"disc"_s);
    TaskService svc(m_db, u"analyst"_s);
    QCOMPARE(svc.addTask(id, TaskPhase::Recovery, u"   "_s).error().code, ErrorCode::Usage);
    QCOMPARE(svc.addTask(id, TaskPhase::Recovery, QString(201, u'x')).error().code, ErrorCode::Usage);
    QCOMPARE(svc.addTask(999, TaskPhase::Recovery, u"x"_s).error().code, ErrorCode::NotFound);
    QCOMPARE(svc.update(999, TaskUpdate{}).error().code, ErrorCode::NotFound);
    QVERIFY(tasks(id).empty());
    QVERIFY(taskStatusFromCode(u"in-progress"_s) == TaskStatus::InProgress);
    QVERIFY(!taskStatusFromCode(u"finished"_s));
}

void TestTasks::tamperedTasksDisagreeWithJournal()
{
    const qint64 id = incidentFor(u"ssh"_s);
    const auto t = tasks(id);
    QVERIFY(TaskQueries::journalDisagreements(m_db, id)->isEmpty());
    QVERIFY(m_db.exec(u"UPDATE tasks SET status = 'done' WHERE id = %1"_s.arg(t[1].id)).has_value());
    QVERIFY(m_db.exec(u"DELETE FROM tasks WHERE id = %1"_s.arg(t[2].id)).has_value());
    QVERIFY(m_db.exec(u"INSERT INTO tasks (id, incident_id, phase, title, created_ns, updated_ns) "
                      u"VALUES (900, %1, 'recovery', 'forged', 1, 1)"_s.arg(id)).has_value());
    const QStringList problems = *TaskQueries::journalDisagreements(m_db, id);
    QCOMPARE(problems.size(), 3);
    QVERIFY(problems[0].contains(u"task %1 differs"_s.arg(t[1].id)));
    QVERIFY(problems[1].contains(u"task 900 is not in the journal"_s));
    QVERIFY(problems[2].contains(u"task %1 is in the journal but not stored"_s.arg(t[2].id)));
    // The report, the detail view and `verify` see it through the incident's check.
    QVERIFY(!IncidentQueries::journalDisagreements(m_db, id)->isEmpty());
}

void TestTasks::explicitLibraryIsUsed()
{
    auto own = std::make_shared<PlaybookLibrary>();
    own->addText(u"id: dc-recon\ntitle: Domain reconnaissance\nmatch:\n  tags: [attack.t1069]\n"
                 u"tasks:\n  containment:\n    - title: Find who ran the query\n"_s,
                 u"own/dc-recon.yml"_s);
    QVERIFY(own->issues().empty());
    m_library = own;
    const qint64 id = incidentFor(u"disc"_s);
    const auto t = tasks(id);
    QCOMPARE(t.size(), size_t(1));
    QCOMPARE(t.front().playbookId, u"dc-recon"_s);
}

void TestTasks::mergeAttachesPlaybooksOfMergedRules()
{
    const qint64 ssh = incidentFor(u"ssh"_s, u"bastion-1"_s);
    const qint64 web = incidentFor(u"web"_s, u"bastion-1"_s);
    QVERIFY(ssh > 0 && web > 0 && ssh != web);
    auto merged = IncidentMerger(m_db, u"analyst"_s).merge({ssh, web}, ssh);
    QVERIFY2(merged.has_value(), qPrintable(merged ? QString() : merged.error().toString()));
    QCOMPARE(*TaskQueries::attachedPlaybooks(m_db, ssh),
             (QStringList{u"brute-force"_s, u"web-attack"_s}));
    QCOMPARE(details(entries(ssh, u"playbook"_s).back()).text(u"reason"),
             u"log source category webserver"_s);
    // The merged-away incident keeps its own tasks, closed with it.
    QCOMPARE(*TaskQueries::attachedPlaybooks(m_db, web), QStringList{u"web-attack"_s});
    QVERIFY(Journal::verify(m_db)->ok());
    QVERIFY(IncidentQueries::journalDisagreements(m_db, ssh)->isEmpty());
}

QTEST_GUILESS_MAIN(TestTasks)
#include "tst_tasks.moc"
