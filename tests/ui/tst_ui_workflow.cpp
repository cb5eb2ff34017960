#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QDialogButtonBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "app_context.h"
#include "dialogs/close_incident_dialog.h"
#include "main_window.h"
#include "models/incident_queue_model.h"
#include "sigma/rule.h"
#include "sigma/rule_set.h"
#include "storage/journal.h"
#include "storage/store.h"
#include "triage/incident_queries.h"
#include "triage/rule_catalog.h"
#include "models/event_table_model.h"
#include "views/events_view.h"
#include "views/incident_detail.h"
#include "views/incidents_view.h"
#include "widgets/job_progress.h"

using namespace vigil;
using namespace Qt::StringLiterals;

namespace {

QString fixture(const QString& name)
{
    return QStringLiteral(VIGIL_TEST_DATA) + u'/' + name;
}

std::unique_ptr<AppContext> openContext(const QString& path)
{
    auto writer = Store::openWriter(path);
    auto reader = Store::openReader(path);
    if (!writer || !reader) {
        return nullptr;
    }
    return std::make_unique<AppContext>(path, std::move(*reader), std::move(*writer));
}

// Screenshots for people reviewing the UI: written only when VIGIL_SCREENSHOT_DIR is set.
void screenshot(QWidget* w, const QString& name)
{
    const QString dir = qEnvironmentVariable("VIGIL_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        w->grab().save(dir + u'/' + name + u".png"_s);
    }
}

} // namespace

class TestUiWorkflow : public QObject {
    Q_OBJECT
private slots:
    void init();
    void importCloseReopen();
    void stopAnImport();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestUiWorkflow::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestUiWorkflow::importCloseReopen()
{
    const QString path = m_dir->filePath(u"ui.sqlite"_s);
    qint64 incidentId = 0;
    {
        auto context = openContext(path);
        QVERIFY(context);
        // A library with only our fixture rule, so the expected incidents are exact.
        sigma::RuleSet rules;
        rules.addPath(fixture(u"rules/ssh_failed_password.yml"_s));
        QCOMPARE(rules.rules().size(), 1u);
        QVERIFY(RuleCatalog::remember(context->writer(), rules, {}).has_value());

        MainWindow window(*context);
        window.setShowJobDialogs(false);
        window.resize(1400, 900);
        window.show();
        QCOMPARE(window.incidents()->model()->rowCount(), 0);

        QSignalSpy done(&window, &MainWindow::jobDone);
        QVERIFY(window.startImport({fixture(u"logs/auth_bruteforce.log"_s)}, IngestOptions()));
        QVERIFY(done.wait(30000));
        const auto outcome = done.at(0).at(1).value<JobOutcome>();
        QVERIFY(!outcome.error);
        QCOMPARE(outcome.ingest.stored, 15);
        QCOMPARE(outcome.ingest.rejected, 0);
        QCOMPARE(outcome.ingest.triage.alertsNew, 13);

        // Two incidents: the burst on bastion-1 and the single failure on web-2.
        IncidentsView* view = window.incidents();
        QCOMPARE(window.currentWorkspace(), MainWindow::Incidents);
        QCOMPARE(view->model()->rowCount(), 2);
        const IncidentRecord* top = view->model()->incident(0);
        if (top->host != u"bastion-1"_s) {
            top = view->model()->incident(1);
        }
        QCOMPARE(top->host, u"bastion-1"_s);
        QCOMPARE(top->alertCount, 12);
        QCOMPARE(top->severity, 3);
        incidentId = top->id;
        view->selectIncident(incidentId);
        QCOMPARE(view->detail()->incidentId(), incidentId);
        screenshot(&window, u"incidents-after-import"_s);

        // Start the investigation with its button; the next step's button, which appears in the
        // same place, ignores the second click of a double click.
        auto button = [view](const QString& name) {
            return view->detail()->findChild<QPushButton*>(name);
        };
        QTRY_VERIFY(button(u"action_investigating"_s) && button(u"action_investigating"_s)->isEnabled());
        button(u"action_investigating"_s)->click();
        QVERIFY(button(u"action_contained"_s));
        QVERIFY(!button(u"action_contained"_s)->isEnabled());
        QTRY_VERIFY(button(u"action_contained"_s) && button(u"action_contained"_s)->isEnabled());
        QCOMPARE(view->model()->incident(view->model()->rowOf(incidentId))->status,
                 IncidentStatus::Investigating);

        // Close through the real dialog: disposition, resolution, lessons.
        QTimer::singleShot(0, this, [] {
            auto* dialog = qobject_cast<CloseIncidentDialog*>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            auto* ok = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
            QVERIFY(!ok->isEnabled()); // no disposition chosen yet
            dialog->setDisposition(Disposition::TpMaliciousNoImpact);
            dialog->setResolution(u"Password guessing from 203.0.113.77; blocked at the edge."_s);
            QVERIFY(ok->isEnabled());
            ok->click();
        });
        QVERIFY(view->detail()->requestStatus(IncidentStatus::Closed));
        QVERIFY(view->detail()->addNote(u"<b>not bold</b> — notes are plain text"_s));
        // Closed incidents leave the default queue view.
        QCOMPARE(view->table()->model()->rowCount(), 1);
        screenshot(&window, u"incidents-after-close"_s);
        window.close();
    }

    // Reopen the database: state and journal survive.
    auto context = openContext(path);
    QVERIFY(context);
    MainWindow window(*context);
    window.setShowJobDialogs(false);
    QCOMPARE(window.incidents()->model()->rowCount(), 2);
    const IncidentRecord* closed =
        window.incidents()->model()->incident(window.incidents()->model()->rowOf(incidentId));
    QCOMPARE(closed->status, IncidentStatus::Closed);
    QCOMPARE(closed->disposition, u"tp_malicious_no_impact"_s);
    QCOMPARE(closed->resolution, u"Password guessing from 203.0.113.77; blocked at the edge."_s);
    auto journal = Journal::forObject(context->reader(), u"incident"_s, incidentId);
    QVERIFY(journal.has_value());
    QStringList actions;
    for (const JournalEntry& e : *journal) {
        actions << e.action;
    }
    // The priority is computed when the incident is created (unchanged as alerts join).
    QCOMPARE(actions, (QStringList{u"created"_s, u"priority"_s, u"alerts_added"_s, u"status"_s,
                                   u"status"_s, u"note"_s}));
    QVERIFY(journal->at(4).details.contains("\"disposition\":\"tp_malicious_no_impact\""));
    QVERIFY(IncidentQueries::journalDisagreements(context->reader(), incidentId)->isEmpty());
    auto check = Journal::verify(context->reader());
    QVERIFY(check.has_value());
    QVERIFY(check->ok());
    auto notes = IncidentQueries::notes(context->reader(), incidentId);
    QCOMPARE(notes->front().body, u"<b>not bold</b> — notes are plain text"_s);
}

// The Stop button: the job ends at its next batch, keeps what it stored, and says so.
void TestUiWorkflow::stopAnImport()
{
    const QString log = m_dir->filePath(u"big.jsonl"_s);
    {
        QFile f(log);
        QVERIFY(f.open(QIODevice::WriteOnly));
        for (int i = 0; i < 600'000; ++i) {
            f.write("{\"ts\":\"2024-01-01T00:00:00Z\",\"host\":\"h\",\"n\":" + QByteArray::number(i) + "}\n");
        }
    }
    auto context = openContext(m_dir->filePath(u"stop.sqlite"_s));
    QVERIFY(context);
    MainWindow window(*context);
    window.setShowJobDialogs(false);
    window.show();
    QSignalSpy done(&window, &MainWindow::jobDone);
    QVERIFY(window.startImport({log}, IngestOptions()));
    QVERIFY(window.jobs()->isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(window.jobs()->isVisible(), 5000); // shown after half a second
    window.jobs()->requestCancel();
    QVERIFY(done.wait(60000));
    const auto outcome = done.at(0).at(1).value<JobOutcome>();
    QVERIFY(!outcome.error);
    QVERIFY(outcome.ingest.cancelled);
    QVERIFY(outcome.ingest.stored > 0);
    QVERIFY(outcome.ingest.stored < 600'000);
    QVERIFY(!window.jobs()->isBusy());
    QTest::qWait(200);
    QCOMPARE(done.size(), 1); // nothing arrives after the stop
    auto s = context->reader().prepare(u"SELECT status, events_stored FROM import_runs");
    QVERIFY(*s->step());
    QCOMPARE(s->text(0), u"cancelled"_s);
    QCOMPARE(s->int64(1), outcome.ingest.stored);
    // The views followed: the Events list shows what was kept.
    QTRY_COMPARE(window.events()->model()->totalCount(), outcome.ingest.stored);
}

QTEST_MAIN(TestUiWorkflow)
#include "tst_ui_workflow.moc"
