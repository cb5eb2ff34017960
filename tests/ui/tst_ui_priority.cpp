// Prioritisation in the app: the queue's Priority and Due columns, and the asset inventory
// dialog whose changes re-prioritise open incidents. Writes screenshots when
// VIGIL_SCREENSHOT_DIR is set.
#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include "app_context.h"
#include "dialogs/assets_dialog.h"
#include "main_window.h"
#include "models/incident_queue_model.h"
#include "storage/store.h"
#include "triage/asset_inventory.h"
#include "triage/rule_catalog.h"
#include "views/incidents_view.h"

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

QString priorityOfHost(IncidentQueueModel* model, const QString& host)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->incident(row)->host == host) {
            return model->incident(row)->priority;
        }
    }
    return {};
}

} // namespace

class TestUiPriority : public QObject {
    Q_OBJECT
private slots:
    void inventoryChangesThePriorityInTheQueue();
};

void TestUiPriority::inventoryChangesThePriorityInTheQueue()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"demo.sqlite"_s);
    auto writer = Store::openWriter(path);
    QVERIFY(writer.has_value());
    QVERIFY(RuleCatalog::seedStarterRules(*writer).has_value());
    auto reader = Store::openReader(path);
    AppContext context(path, std::move(*reader), std::move(*writer));
    MainWindow window(context);
    window.setShowJobDialogs(false);
    window.resize(1600, 1000);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy done(&window, &MainWindow::jobDone);
    QVERIFY(window.startDemo());
    QVERIFY(done.wait(60000));

    window.showWorkspace(MainWindow::Incidents);
    IncidentQueueModel* model = window.incidents()->model();
    QVERIFY(model->rowCount() > 5);
    // Every incident has a priority and a due time; the queue leads with the most urgent.
    for (int row = 0; row < model->rowCount(); ++row) {
        QVERIFY(!model->incident(row)->priority.isEmpty());
        QVERIFY(model->incident(row)->dueNs > model->incident(row)->createdNs);
    }
    QCOMPARE(model->incident(0)->priority, u"P1"_s);
    const QString before = priorityOfHost(model, u"bastion-01"_s);
    QVERIFY(!before.isEmpty());
    const QModelIndex tip = model->index(0, IncidentQueueModel::Priority);
    QVERIFY(tip.data(Qt::ToolTipRole).toString().contains(u"formula v1"_s));
    QVERIFY(model->index(0, IncidentQueueModel::Due).data().toString().startsWith(u"in "_s));
    screenshot(&window, u"10-queue-priority"_s);

    AssetsDialog dialog(context, &window);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto* name = dialog.findChild<QLineEdit*>();
    QVERIFY(name);
    name->setText(u"BASTION-01"_s); // names match case-insensitively
    const auto combos = dialog.findChildren<QComboBox*>();
    QCOMPARE(combos.size(), 2);
    combos[1]->setCurrentText(u"critical"_s);
    QPushButton* save = nullptr;
    for (QPushButton* b : dialog.findChildren<QPushButton*>()) {
        save = b->text() == u"Save" ? b : save;
    }
    QVERIFY(save);
    QTest::mouseClick(save, Qt::LeftButton);
    // The demo's inventory (19 hosts and users) with bastion-01 changed, not added.
    QCOMPARE(dialog.findChild<QTableWidget*>()->rowCount(), 19);
    screenshot(&dialog, u"11-assets-dialog"_s);
    auto stored = AssetInventory::find(context.reader(), u"host"_s, u"bastion-01"_s);
    QVERIFY(stored.has_value() && stored->has_value());
    QCOMPARE((*stored)->criticality, Criticality::Critical);

    // The queue reloads on triageChanged: the bastion's incident is now more urgent.
    QTRY_VERIFY_WITH_TIMEOUT(priorityOfHost(model, u"bastion-01"_s) < before, 5000);
}

QTEST_MAIN(TestUiPriority)
#include "tst_ui_priority.moc"
