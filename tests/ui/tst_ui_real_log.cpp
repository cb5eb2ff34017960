#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "app_context.h"
#include "jobs/jobs.h"
#include "main_window.h"
#include "models/incident_queue_model.h"
#include "storage/store.h"
#include "triage/rule_catalog.h"
#include "views/incident_detail.h"
#include "views/incidents_view.h"

using namespace vigil;
using namespace Qt::StringLiterals;

/**
 * A real log through the app, as the README's tour does it: 2,000 sshd lines from a server under
 * password guessing (shared corpus), a new store with the starter rules, the queue afterwards.
 */
class TestUiRealLog : public QObject {
    Q_OBJECT
private slots:
    void openSshLogMakesIncidents();
};

void TestUiRealLog::openSshLogMakesIncidents()
{
    const QString log = QStringLiteral(VIGIL_SHARED_CORPUS) + u"/logs/linux-auth/OpenSSH_2k.log"_s;
    if (!QFileInfo::exists(log)) {
        QSKIP("the shared corpus (../shared/corpus) is not beside this checkout");
    }
    QTemporaryDir dir;
    const QString path = dir.filePath(u"real.sqlite"_s);
    auto writer = Store::openWriter(path);
    QVERIFY(writer.has_value());
    QVERIFY(RuleCatalog::seedStarterRules(*writer).has_value());
    auto reader = Store::openReader(path);
    AppContext context(path, std::move(*reader), std::move(*writer));
    MainWindow window(context);
    window.setShowJobDialogs(false);
    window.resize(1600, 1000);
    window.show();
    QSignalSpy done(&window, &MainWindow::jobDone);
    QVERIFY(window.startImport({log}, IngestOptions()));
    QVERIFY(done.wait(60000));
    const auto outcome = done.at(0).at(1).value<JobOutcome>();
    QVERIFY(!outcome.error);
    QCOMPARE(outcome.ingest.stored, 2000);
    QCOMPARE(outcome.ingest.rejected, 0);
    // 835 password failures / invalid users / break-in warnings, and one accepted login from a
    // public address: two incidents on host LabSZ.
    QCOMPARE(outcome.ingest.triage.alertsNew, 836);
    QCOMPARE(outcome.ingest.triage.incidentsOpened, 2);
    IncidentsView* view = window.incidents();
    QCOMPARE(view->model()->rowCount(), 2);
    QCOMPARE(view->model()->incident(0)->host, u"LabSZ"_s);
    view->selectIncident(view->model()->incident(0)->id);
    QTest::qWait(50);
    const QString shots = qEnvironmentVariable("VIGIL_SCREENSHOT_DIR");
    if (!shots.isEmpty()) {
        window.grab().save(shots + u"/queue-after-real-import.png"_s);
    }
}

QTEST_MAIN(TestUiRealLog)
#include "tst_ui_real_log.moc"
