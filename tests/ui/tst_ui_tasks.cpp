#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include "app_context.h"
#include "dialogs/add_playbook_dialog.h"
#include "model/event.h"
#include "response/task.h"
#include "storage/event_store.h"
#include "storage/journal.h"
#include "storage/rule_library.h"
#include "storage/store.h"
#include "triage/incident_queries.h"
#include "triage/incident_service.h"
#include "views/incident_detail.h"
#include "views/tasks_panel.h"
#include "views/timeline_panel.h"

using namespace vigil;
using namespace Qt::StringLiterals;

namespace {

const QString kSshRule = uR"(title: SSH authentication failures
tags: [attack.credential-access, attack.t1110.001]
logsource: {product: linux, service: sshd}
detection:
  keywords: ['Failed password']
  condition: keywords
level: medium
)"_s;

// Screenshots for people reviewing the UI: written only when VIGIL_SCREENSHOT_DIR is set.
void screenshot(QWidget* w, const QString& name)
{
    const QString dir = qEnvironmentVariable("VIGIL_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        w->grab().save(dir + u'/' + name + u".png"_s);
    }
}

QTreeWidgetItem* taskItem(QTreeWidget* tree, int phase, int row)
{
    return tree->topLevelItem(phase)->child(row);
}

} // namespace

/** The Tasks tab of an incident: checklist by phase, edits journalled, playbooks added. */
class TestUiTasks : public QObject {
    Q_OBJECT
private slots:
    void init();
    void checklistByPhase();
    void checkboxAndEditorAreJournalled();
    void addPlaybookAndTask();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AppContext> m_context;
    std::unique_ptr<IncidentDetail> m_detail;
    qint64 m_incident = 0;
};

void TestUiTasks::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    const QString path = m_dir->filePath(u"tasks.sqlite"_s);
    {
        auto db = Store::openWriter(path);
        QVERIFY(db.has_value());
        RuleRecord rule;
        rule.uid = u"ssh-failures"_s;
        rule.title = u"SSH authentication failures"_s;
        rule.level = u"medium"_s;
        rule.yaml = kSshRule;
        QVERIFY(RuleLibrary::upsert(*db, {rule}).has_value());
        auto writer = EventWriter::create(*db);
        Transaction tx(*db);
        Event e;
        e.timeNs = 1'700'000'000'000'000'000LL;
        e.host = u"bastion-1"_s;
        e.source = u"auth.log"_s;
        e.format = u"syslog"_s;
        e.summary = u"Failed password for invalid user admin from 203.0.113.45"_s;
        QVERIFY(writer->insert(e, 0).has_value());
        IncidentService service(*db, u"tester"_s);
        QVERIFY(service.recordHits({Hit{rule.uid, rule.title, 2, e.id, e.timeNs, 0, e.host}}));
        QVERIFY(tx.commit().has_value());
        m_incident = IncidentQueries::list(*db)->front().id;
    }
    auto writer = Store::openWriter(path);
    auto reader = Store::openReader(path);
    QVERIFY(writer && reader);
    m_context = std::make_unique<AppContext>(path, std::move(*reader), std::move(*writer));
    m_detail = std::make_unique<IncidentDetail>(*m_context);
    m_detail->resize(1100, 640);
    m_detail->showIncident(m_incident);
    m_detail->show();
}

void TestUiTasks::checklistByPhase()
{
    TasksPanel* panel = m_detail->tasks();
    QVERIFY(panel);
    auto* tabs = m_detail->findChild<QTabWidget*>();
    QVERIFY(tabs->indexOf(panel) >= 0);
    QCOMPARE(tabs->tabText(tabs->indexOf(panel)), u"Tasks (0/10)"_s);
    QTreeWidget* tree = panel->tree();
    QCOMPARE(tree->topLevelItemCount(), 3);
    QCOMPARE(tree->topLevelItem(0)->childCount(), 4);
    QCOMPARE(tree->topLevelItem(1)->childCount(), 3);
    QCOMPARE(tree->topLevelItem(2)->childCount(), 3);
    QVERIFY(tree->topLevelItem(0)->text(0).startsWith(u"Containment — 0 of 4"_s));
    QCOMPARE(panel->summary(), u"0 of 10 tasks done or skipped"_s);
    tabs->setCurrentWidget(panel);
    panel->selectTask(panel->tasks().front().id);
    screenshot(m_detail.get(), u"tasks_panel"_s);
}

void TestUiTasks::checkboxAndEditorAreJournalled()
{
    TasksPanel* panel = m_detail->tasks();
    QTreeWidget* tree = panel->tree();
    const qint64 first = taskItem(tree, 0, 0)->data(0, Qt::UserRole + 1).toLongLong();
    taskItem(tree, 0, 0)->setCheckState(0, Qt::Checked);
    QTRY_COMPARE(TaskQueries::load(m_context->reader(), first)->status, TaskStatus::Done);
    QVERIFY(TaskQueries::load(m_context->reader(), first)->doneNs > 0);
    QTRY_VERIFY(tree->topLevelItem(0)->text(0).startsWith(u"Containment — 1 of 4"_s));

    const qint64 second = taskItem(tree, 0, 1)->data(0, Qt::UserRole + 1).toLongLong();
    panel->selectTask(second);
    auto* status = panel->findChild<QComboBox*>(u"taskStatus"_s);
    auto* owner = panel->findChild<QLineEdit*>(u"taskOwner"_s);
    auto* notes = panel->findChild<QPlainTextEdit*>(u"taskNotes"_s);
    auto* save = panel->findChild<QPushButton*>(u"saveTask"_s);
    QVERIFY(!save->isEnabled());
    status->setCurrentIndex(status->findData(int(TaskStatus::InProgress)));
    QTest::keyClicks(owner, u"alice"_s);
    notes->setPlainText(u"<b>Blocked</b> 203.0.113.45 on fw-edge"_s);
    QVERIFY(save->isEnabled());
    QTest::mouseClick(save, Qt::LeftButton);
    const TaskRecord t = *TaskQueries::load(m_context->reader(), second);
    QCOMPARE(t.status, TaskStatus::InProgress);
    QCOMPARE(t.owner, u"alice"_s);
    QCOMPARE(t.notes, u"<b>Blocked</b> 203.0.113.45 on fw-edge"_s);
    QCOMPARE(taskItem(tree, 0, 1)->text(2), u"alice"_s);
    auto journal = Journal::forObject(m_context->reader(), u"incident"_s, m_incident);
    int changes = 0;
    for (const JournalEntry& e : *journal) {
        changes += e.action == u"task" ? 1 : 0;
    }
    QCOMPARE(changes, 2);
    QVERIFY(Journal::verify(m_context->reader())->ok());
    QVERIFY(IncidentQueries::journalDisagreements(m_context->reader(), m_incident)->isEmpty());
    // The timeline lists the response actions in words.
    QTreeWidget* timeline = m_detail->timeline()->tree();
    QStringList actions;
    for (int i = 0; i < timeline->topLevelItemCount(); ++i) {
        for (int c = 0; c < timeline->columnCount(); ++c) {
            actions << timeline->topLevelItem(i)->text(c);
        }
    }
    QVERIFY2(actions.contains(u"Playbook brute-force attached"_s), qPrintable(actions.join(u'|')));
    QVERIFY(actions.contains(u"Task %1 done"_s.arg(first)));
    QVERIFY(actions.contains(u"Task %1 in_progress"_s.arg(second)));
    m_detail->findChild<QTabWidget*>()->setCurrentWidget(panel);
    screenshot(m_detail.get(), u"tasks_panel_edited"_s);
}

void TestUiTasks::addPlaybookAndTask()
{
    TasksPanel* panel = m_detail->tasks();
    AddPlaybookDialog dialog(*TaskQueries::attachedPlaybooks(m_context->reader(), m_incident));
    QCOMPARE(dialog.library().playbooks().size(), size_t(6));
    dialog.select(u"brute-force"_s);
    QVERIFY(!dialog.chosen()); // already attached
    dialog.select(u"unauthorised-access"_s);
    QVERIFY(dialog.chosen());
    dialog.resize(820, 480);
    screenshot(&dialog, u"add_playbook_dialog"_s);
    QVERIFY(panel->attachPlaybook(*dialog.chosen()));
    QCOMPARE(panel->tasks().size(), size_t(20));
    QVERIFY(panel->addTask(TaskPhase::Recovery, u"Brief the bastion owners"_s, QString()));
    QCOMPARE(panel->tasks().size(), size_t(21));
    QCOMPARE(panel->tree()->topLevelItem(2)->childCount(), 7);
}

QTEST_MAIN(TestUiTasks)
#include "tst_ui_tasks.moc"
