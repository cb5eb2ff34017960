#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTreeWidget>
#include <QTemporaryDir>
#include <QTest>

#include "app_context.h"
#include "dialogs/close_incident_dialog.h"
#include "dialogs/import_dialog.h"
#include "dialogs/job_result_dialog.h"
#include "main_window.h"
#include "models/event_table_model.h"
#include "models/incident_queue_model.h"
#include "storage/store.h"
#include "triage/rule_catalog.h"
#include "views/events_view.h"
#include "views/incident_detail.h"
#include "views/incidents_view.h"
#include "views/overview_view.h"
#include "views/rules_view.h"

using namespace vigil;
using namespace Qt::StringLiterals;

namespace {

void screenshot(QWidget* w, const QString& name)
{
    const QString dir = qEnvironmentVariable("VIGIL_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        w->grab().save(dir + u'/' + name + u".png"_s);
    }
}

} // namespace

/**
 * First start and the demo, as a new user sees them: the welcome, loading the demo from the
 * app, then every workspace with the demo's incidents. Writes screenshots when
 * VIGIL_SCREENSHOT_DIR is set.
 */
class TestUiDemo : public QObject {
    Q_OBJECT
private slots:
    void firstStartThenDemo();
};

void TestUiDemo::firstStartThenDemo()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"demo.sqlite"_s);
    auto writer = Store::openWriter(path);
    QVERIFY(writer.has_value());
    QCOMPARE(*RuleCatalog::seedStarterRules(*writer), 16);
    QCOMPARE(*RuleCatalog::seedStarterRules(*writer), 0); // only once per store
    auto reader = Store::openReader(path);
    AppContext context(path, std::move(*reader), std::move(*writer));
    MainWindow window(context);
    window.setShowJobDialogs(false);
    window.resize(1600, 1000);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.overview()->isStoreEmpty());
    QCOMPARE(window.currentWorkspace(), MainWindow::Overview);
    screenshot(&window, u"01-first-start"_s);

    QSignalSpy done(&window, &MainWindow::jobDone);
    QVERIFY(window.startDemo());
    QVERIFY(done.wait(60000));
    const auto outcome = done.at(0).at(1).value<JobOutcome>();
    QVERIFY(!outcome.error);
    QVERIFY(outcome.ingest.stored > 3000);
    QCOMPARE(outcome.ingest.rejected, 0);
    QCOMPARE(outcome.rulesLoaded, 16);
    QVERIFY(outcome.ingest.triage.incidentsOpened >= 10);
    QVERIFY(!window.overview()->isStoreEmpty());

    // The queue leads with the most severe open incident: the lsass dump is the only critical.
    IncidentsView* incidents = window.incidents();
    window.showWorkspace(MainWindow::Incidents);
    const IncidentRecord* top = incidents->model()->incident(0);
    QCOMPARE(top->severity, 4);
    incidents->selectIncident(top->id);
    QTest::qWait(50);
    screenshot(&window, u"02-incidents"_s);

    window.showWorkspace(MainWindow::Overview);
    screenshot(&window, u"03-overview"_s);

    window.showWorkspace(MainWindow::Events);
    EventTableModel* events = window.events()->model();
    QTRY_COMPARE_WITH_TIMEOUT(events->rowCount(), int(outcome.ingest.stored), 10000);
    window.events()->table()->selectRow(5);
    QTRY_VERIFY_WITH_TIMEOUT(events->index(5, EventTableModel::Summary).data().toString() != u"…"_s, 5000);
    QTest::qWait(100);
    screenshot(&window, u"04-events"_s);

    window.showWorkspace(MainWindow::Rules);
    QCOMPARE(window.rules()->ruleCount(), 16);
    // Grouped by ATT&CK tactic: the credential dumping rules sit under Credential Access.
    QTreeWidget* tree = window.rules()->tree();
    QStringList groups;
    for (int g = 0; g < tree->topLevelItemCount(); ++g) {
        groups << tree->topLevelItem(g)->text(1);
    }
    QVERIFY2(groups.join(u'|').contains(u"Credential Access  ("), qPrintable(groups.join(u'|')));
    QCOMPARE(groups.first().section(u' ', 0, 0), u"Initial"_s); // kill-chain order
    tree->setCurrentItem(tree->topLevelItem(0)->child(0));
    screenshot(&window, u"05-rules"_s);

    CloseIncidentDialog close(top->title, &window);
    close.show();
    screenshot(&close, u"06-close-dialog"_s);
    ImportDialog import(&window);
    import.setPaths({u"/var/log/auth.log"_s, u"/var/log/syslog"_s});
    import.show();
    screenshot(&import, u"07-import-dialog"_s);
    JobResultDialog result(u"Loading the demo"_s, outcome, &window);
    result.show();
    screenshot(&result, u"08-job-result"_s);
}

QTEST_MAIN(TestUiDemo)
#include "tst_ui_demo.moc"
