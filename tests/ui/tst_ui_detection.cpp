#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include "app_context.h"
#include "dialogs/grouping_dialog.h"
#include "dialogs/incident_alerts_dialog.h"
#include "dialogs/merge_incidents_dialog.h"
#include "dialogs/suppression_dialog.h"
#include "dialogs/suppressions_dialog.h"
#include "main_window.h"
#include "models/incident_queue_model.h"
#include "sigma/rule_set.h"
#include "storage/store.h"
#include "triage/alert_service.h"
#include "triage/grouping.h"
#include "triage/incident_queries.h"
#include "triage/rule_catalog.h"
#include "triage/suppression.h"
#include "util/timestamp.h"
#include "views/incidents_view.h"

using namespace vigil;
using namespace Qt::StringLiterals;

namespace {

const QString kRule = u"0f6a9c1e-5d1b-4f43-9a55-3c1d7e2b8a01"_s;

QString fixture(const QString& name)
{
    return QStringLiteral(VIGIL_TEST_DATA) + u'/' + name;
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

/** The incident-detection dialogs on a store with auth_bruteforce.log's two incidents. */
class TestUiDetection : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void triageMenuHasTheActions();
    void suppressionDialogPreviewsBeforeSaving();
    void suppressionListEndsOneEarly();
    void mergeDialogMergesIntoTheChosenIncident();
    void alertsDialogSetsStatusAndSplits();
    void groupingDialogSavesTheRulesSetting();

private:
    qint64 incidentOn(const QString& host) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AppContext> m_context;
    std::unique_ptr<MainWindow> m_window;
};

void TestUiDetection::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    const QString path = m_dir->filePath(u"detection.sqlite"_s);
    auto writer = Store::openWriter(path);
    auto reader = Store::openReader(path);
    QVERIFY(writer && reader);
    m_context = std::make_unique<AppContext>(path, std::move(*reader), std::move(*writer));
    sigma::RuleSet rules;
    rules.addPath(fixture(u"rules/ssh_failed_password.yml"_s));
    QVERIFY(RuleCatalog::remember(m_context->writer(), rules, {}).has_value());
    m_window = std::make_unique<MainWindow>(*m_context);
    m_window->setShowJobDialogs(false);
    m_window->resize(1440, 900);
    QSignalSpy done(m_window.get(), &MainWindow::jobDone);
    QVERIFY(m_window->startImport({fixture(u"logs/auth_bruteforce.log"_s)}, IngestOptions()));
    QVERIFY(done.wait(30000));
    QCOMPARE(m_window->incidents()->model()->rowCount(), 2);
}

void TestUiDetection::cleanup()
{
    m_window.reset();
    m_context.reset();
    m_dir.reset();
}

qint64 TestUiDetection::incidentOn(const QString& host) const
{
    const auto list = IncidentQueries::list(m_context->reader());
    for (const IncidentRecord& r : *list) {
        if (r.host == host && isOpen(r.status)) {
            return r.id;
        }
    }
    return 0;
}

void TestUiDetection::triageMenuHasTheActions()
{
    QStringList texts;
    for (QAction* menu : m_window->menuBar()->actions()) {
        if (menu->text() == u"&Triage" && menu->menu()) {
            for (QAction* a : menu->menu()->actions()) {
                texts << a->text();
            }
        }
    }
    for (const char* wanted : {"&Merge selected incidents…", "Alerts and s&plit…",
                               "S&uppress alerts like this…", "Suppression &list…",
                               "Incident &grouping of this rule…"}) {
        QVERIFY2(texts.contains(QString::fromUtf8(wanted)), wanted);
    }
}

void TestUiDetection::suppressionDialogPreviewsBeforeSaving()
{
    SuppressionDialog dialog(*m_context);
    QSignalSpy previewed(&dialog, &SuppressionDialog::previewUpdated);
    dialog.prefill(kRule, {{u"src_ip"_s, u"203.0.113.77"_s}});
    auto* buttons = dialog.findChild<QDialogButtonBox*>();
    QVERIFY(!buttons->button(QDialogButtonBox::Save)->isEnabled()); // not before the count
    QVERIFY(previewed.wait(10000));
    QCOMPARE(dialog.previewLabel()->text(),
             u"Would have hidden 12 of the 13 stored alerts of this rule."_s);
    QVERIFY(buttons->button(QDialogButtonBox::Save)->isEnabled());
    // A narrower exception: only web-2.
    dialog.prefill(kRule, {{u"host"_s, u"web-2"_s}});
    QVERIFY(!buttons->button(QDialogButtonBox::Save)->isEnabled());
    QVERIFY(previewed.wait(10000));
    QCOMPARE(dialog.preview()->matched, 1);
    QVERIFY(!dialog.previewLabel()->text().contains(u"empty value"));
    // An empty value is wider than it looks: the preview says so.
    dialog.prefill(kRule, {{u"host"_s, u"web-2"_s}, {u"user"_s, QString()}});
    QVERIFY(previewed.wait(10000));
    QVERIFY2(dialog.previewLabel()->text().contains(
                 u"An empty value also matches events that have no such field at all (user)."),
             qPrintable(dialog.previewLabel()->text()));
    dialog.resize(640, 480);
    screenshot(&dialog, u"suppression_dialog_empty_value"_s);
    dialog.prefill(kRule, {{u"host"_s, u"web-2"_s}});
    QVERIFY(previewed.wait(10000));
    dialog.setReason(u"lab machine"_s);
    dialog.setExpiryDays(3);
    dialog.resize(640, 480);
    screenshot(&dialog, u"suppression_dialog"_s);
    dialog.accept();
    QVERIFY(dialog.savedId() > 0);
    const auto saved = Suppressions::list(m_context->reader());
    QCOMPARE(saved->size(), 1u);
    QCOMPARE(saved->front().previewCount, 1);
    QCOMPARE(saved->front().reason, u"lab machine"_s);
    QCOMPARE(saved->front().fieldsText(), u"host=web-2"_s);
    // Without any field value, it cannot be saved and says why.
    SuppressionDialog empty(*m_context);
    empty.prefill(kRule, {});
    QVERIFY(empty.previewLabel()->text().contains(u"at least one field"));
    QVERIFY(!empty.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Save)->isEnabled());
}

void TestUiDetection::suppressionListEndsOneEarly()
{
    Suppression s;
    s.ruleUid = kRule;
    s.fields = {{u"host"_s, u"web-2"_s}};
    s.expiresNs = nowNs() + 3 * 86400 * kNsPerSecond;
    s.reason = u"<b>lab</b> machine"_s; // shown as typed, never as markup
    const qint64 id = *Suppressions::add(m_context->writer(), s, u"tester"_s);
    SuppressionsDialog dialog(*m_context);
    QCOMPARE(dialog.table()->rowCount(), 1);
    QCOMPARE(dialog.table()->item(0, 1)->text(), u"Active"_s);
    QCOMPARE(dialog.table()->item(0, 2)->text(), u"Test rule - SSH failed password"_s);
    QCOMPARE(dialog.table()->item(0, 5)->text(), u"host=web-2"_s);
    QPushButton* end = nullptr;
    for (QPushButton* b : dialog.findChildren<QPushButton*>()) {
        if (b->text() == u"&End now"_s) {
            end = b;
        }
    }
    QVERIFY(end);
    QVERIFY(!end->isEnabled()); // nothing selected yet
    QVERIFY(dialog.select(id));
    QVERIFY(end->isEnabled());
    QVERIFY2(dialog.detailsText().contains(u"Reason: <b>lab</b> machine"), // as typed
             qPrintable(dialog.detailsText()));
    QVERIFY(dialog.detailsText().contains(u"by tester"));
    dialog.resize(1000, 400);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    screenshot(&dialog, u"suppressions_dialog"_s);
    QSignalSpy changed(m_context.get(), &AppContext::triageChanged);
    QVERIFY(dialog.endSelected(u"fixed"_s));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(dialog.table()->item(0, 1)->text(), u"Ended early"_s);
    QVERIFY(!end->isEnabled());
    QVERIFY2(dialog.detailsText().contains(u"Why: fixed"), qPrintable(dialog.detailsText()));
    screenshot(&dialog, u"suppressions_dialog_ended"_s);
    // The expiry it had stays as it was.
    QCOMPARE(Suppressions::list(m_context->reader())->front().expiresNs, s.expiresNs);
    QVERIFY(dialog.message()->text().contains(u"ended"));
    QVERIFY(!Suppressions::list(m_context->reader())->front().isActive(nowNs()));
    // A second end of the same suppression is refused, with the reason shown.
    QVERIFY(!dialog.endSelected(u"again"_s));
    QVERIFY(dialog.message()->text().contains(u"no longer active"));
}

void TestUiDetection::mergeDialogMergesIntoTheChosenIncident()
{
    const qint64 bastion = incidentOn(u"bastion-1"_s);
    const qint64 web = incidentOn(u"web-2"_s);
    MergeIncidentsDialog dialog(*m_context, {bastion, web});
    dialog.setTarget(web);
    screenshot(&dialog, u"merge_dialog"_s);
    QCOMPARE(dialog.target(), web);
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(IncidentQueries::load(m_context->reader(), web)->alertCount, 13);
    const IncidentRecord gone = *IncidentQueries::load(m_context->reader(), bastion);
    QCOMPARE(gone.status, IncidentStatus::Closed);
    QCOMPARE(gone.disposition, u"duplicate"_s);
    // The queue followed (triageChanged): one incident is open.
    IncidentQueueModel* model = m_window->incidents()->model();
    int open = 0;
    for (int r = 0; r < model->rowCount(); ++r) {
        open += model->index(r, 0).data(IncidentQueueModel::OpenRole).toBool() ? 1 : 0;
    }
    QCOMPARE(open, 1);
}

void TestUiDetection::alertsDialogSetsStatusAndSplits()
{
    const qint64 bastion = incidentOn(u"bastion-1"_s);
    IncidentAlertsDialog dialog(*m_context, bastion);
    QCOMPARE(dialog.table()->rowCount(), 12);
    const auto alerts = AlertQueries::forIncident(m_context->reader(), bastion);
    const std::vector<qint64> two{alerts->at(10).alert.id, alerts->at(11).alert.id};
    dialog.check(two);
    QCOMPARE(dialog.checked(), two);
    dialog.applyStatus(u"acknowledged"_s);
    QCOMPARE(AlertQueries::load(m_context->reader(), two[0])->alert.status, u"acknowledged"_s);
    QVERIFY(dialog.message()->text().contains(u"2 alert(s) changed"));
    dialog.applyStatus(u"new"_s); // not allowed: both are named with the reason
    QVERIFY2(dialog.message()->text().contains(u"allowed: In triage"),
             qPrintable(dialog.message()->text()));
    screenshot(&dialog, u"alerts_dialog"_s);
    dialog.check(two);
    const qint64 created = dialog.splitChecked();
    QVERIFY(created != 0);
    QCOMPARE(dialog.table()->rowCount(), 10);
    QCOMPARE(IncidentQueries::load(m_context->reader(), created)->alertCount, 2);
    QCOMPARE(m_window->incidents()->model()->rowCount(), 3);
    // Splitting every remaining alert is refused.
    std::vector<qint64> all;
    const auto remaining = AlertQueries::forIncident(m_context->reader(), bastion);
    for (const AlertListing& a : *remaining) {
        all.push_back(a.alert.id);
    }
    dialog.check(all);
    QCOMPARE(dialog.splitChecked(), 0);
    QVERIFY(dialog.message()->text().contains(u"keep at least one"));
}

void TestUiDetection::groupingDialogSavesTheRulesSetting()
{
    GroupingDialog dialog(*m_context, kRule, u"Test rule - SSH failed password"_s);
    QVERIFY(dialog.message()->text().contains(u"default"));
    dialog.setInputs(u"field:"_s, 30);
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Rejected)); // not saved: no field name
    QVERIFY(dialog.message()->text().contains(u"field name"));
    dialog.setInputs(u"field:TargetUserName"_s, 90);
    screenshot(&dialog, u"grouping_dialog"_s);
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const auto g = RuleGrouping::load(m_context->reader(), kRule, 0);
    QVERIFY(g->stored);
    QCOMPARE(g->key.code(), u"field:TargetUserName"_s);
    QCOMPARE(g->windowNs, 90LL * 60 * 1'000'000'000LL);
}

QTEST_MAIN(TestUiDetection)
#include "tst_ui_detection.moc"
