// The import dialog's preview: the first records of the selected file as an import would store
// them, with the detected format, the common fields and rejected records with their reason.
// Writes a screenshot when VIGIL_SCREENSHOT_DIR is set.
#include <QComboBox>
#include <QFile>
#include <QListWidget>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "dialogs/import_dialog.h"
#include "dialogs/import_preview.h"
#include "ingest/file_preview.h"

using namespace vigil;
using namespace Qt::StringLiterals;

namespace {

const QString kLogs = QStringLiteral(VIGIL_TEST_DATA "/logs/");

QString cellText(const QAbstractItemModel* m, int row, int column)
{
    return m->data(m->index(row, column)).toString();
}

} // namespace

class TestUiImportPreview : public QObject {
    Q_OBJECT
private slots:
    void coreStopsAtTheLimit();
    void coreReportsUnreadableFile();
    void dialogShowsRecordsAsStored();
    void forcedFormatChangesThePreview();
};

void TestUiImportPreview::coreStopsAtTheLimit()
{
    // 15 sshd lines; the preview reads 10 and knows there is more.
    const FilePreview p = previewFile(kLogs + u"auth_bruteforce.log"_s, IngestOptions{}, 10);
    QVERIFY2(p.problem.isEmpty(), qPrintable(p.problem));
    QCOMPARE(p.format, u"syslog"_s);
    QCOMPARE(p.records.size(), std::size_t(10));
    QVERIFY(p.more);
    const PreviewRecord& first = p.records.front();
    QCOMPARE(first.line, 1);
    QCOMPARE(first.event.host, u"bastion-1"_s);
    QCOMPARE(first.event.common.find(u"user")->text(), u"admin0"_s);
    QCOMPARE(first.event.common.find(u"src_ip")->text(), u"203.0.113.77"_s);
    QCOMPARE(p.records.back().line, 10);
    QCOMPARE(p.records.back().event.common.find(u"user")->text(), u"admin9"_s);

    const FilePreview all = previewFile(kLogs + u"auth_bruteforce.log"_s, IngestOptions{}, 50);
    QCOMPARE(all.records.size(), std::size_t(15));
    QVERIFY(!all.more);
}

void TestUiImportPreview::coreReportsUnreadableFile()
{
    const FilePreview p = previewFile(u"/nonexistent/vigil/x.log"_s, IngestOptions{}, 10);
    QVERIFY(!p.problem.isEmpty());
    QVERIFY(p.records.empty());
}

void TestUiImportPreview::dialogShowsRecordsAsStored()
{
    ImportDialog dialog;
    dialog.resize(1100, 700);
    ImportPreview* preview = dialog.findChild<ImportPreview*>();
    QVERIFY(preview);
    QSignalSpy shown(preview, &ImportPreview::previewShown);
    dialog.setPaths({kLogs + u"mixed.jsonl"_s, kLogs + u"auth_bruteforce.log"_s});
    QVERIFY(shown.wait(10000));
    auto* table = dialog.findChild<QTableView*>(u"importPreviewTable"_s);
    QVERIFY(table);
    const QAbstractItemModel* m = table->model();
    // mixed.jsonl: two events, line 3 a truncated JSON object, line 4 a hostile user name.
    QCOMPARE(m->rowCount(), 4);
    QCOMPARE(cellText(m, 0, 0), u"1"_s);
    QCOMPARE(cellText(m, 0, 1), u"2024-05-01T10:04:00Z"_s);
    QCOMPARE(cellText(m, 0, 2), u"ws-1"_s);
    QVERIFY2(cellText(m, 2, 9).startsWith(u"rejected: JSON string is not terminated"_s),
             qPrintable(cellText(m, 2, 9)));
    QCOMPARE(cellText(m, 3, 2), u"ws-2"_s);
    // The hostile value is shown as the characters it is; the tool tip (rich text) escapes it.
    QVERIFY(cellText(m, 3, 9).contains(u"<script>alert(1)</script>"_s));
    const QString tip = m->data(m->index(3, 9), Qt::ToolTipRole).toString();
    QVERIFY(tip.contains(u"&lt;script&gt;"_s));
    QVERIFY(!tip.contains(u"<script>"_s));
    QCOMPARE(preview->current().format, u"json"_s);

    // Selecting the syslog file previews it: the common fields fill their columns.
    auto* list = dialog.findChild<QListWidget*>();
    list->setCurrentRow(1);
    QVERIFY(shown.wait(10000));
    QCOMPARE(m->rowCount(), 15);
    QVERIFY(cellText(m, 0, 1).endsWith(u"-03-04T10:15:00Z"_s));
    QCOMPARE(cellText(m, 0, 3), u"authentication"_s);
    QCOMPARE(cellText(m, 0, 4), u"logon"_s);
    QCOMPARE(cellText(m, 0, 5), u"failure"_s);
    QCOMPARE(cellText(m, 0, 6), u"203.0.113.77:40000"_s);
    QCOMPARE(cellText(m, 0, 8), u"admin0"_s);
    const QString dir = qEnvironmentVariable("VIGIL_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        dialog.show();
        QTest::qWait(50);
        dialog.grab().save(dir + u"/import_preview.png"_s);
    }
}

void TestUiImportPreview::forcedFormatChangesThePreview()
{
    ImportDialog dialog;
    ImportPreview* preview = dialog.findChild<ImportPreview*>();
    QSignalSpy shown(preview, &ImportPreview::previewShown);
    dialog.setPaths({kLogs + u"auth_bruteforce.log"_s});
    QVERIFY(shown.wait(10000));
    QCOMPARE(preview->current().format, u"syslog"_s);
    // Forcing JSON on sshd lines: every record claims JSON and breaks it, so each is a reject,
    // and the preview says why before anything is imported.
    auto* format = dialog.findChildren<QComboBox*>().value(0);
    const int json = format->findData(u"json"_s);
    QVERIFY(json > 0);
    format->setCurrentIndex(json);
    QVERIFY(shown.wait(10000));
    QCOMPARE(preview->current().format, u"json"_s);
    QCOMPARE(preview->current().records.size(), std::size_t(15));
    for (const PreviewRecord& r : preview->current().records) {
        QVERIFY(r.rejected);
        QVERIFY2(r.reason.startsWith(u"expected '{'"_s), qPrintable(r.reason));
    }
}

QTEST_MAIN(TestUiImportPreview)
#include "tst_ui_import_preview.moc"
