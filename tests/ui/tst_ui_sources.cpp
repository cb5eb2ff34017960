#include <QAbstractItemModelTester>
#include <QAction>
#include <QFile>
#include <QPushButton>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QUdpSocket>

#include "app_context.h"
#include "main_window.h"
#include "models/sources_model.h"
#include "storage/store.h"
#include "views/sources_view.h"
#include "widgets/display_format.h"

using namespace vigil;
using namespace Qt::StringLiterals;

namespace {

std::unique_ptr<AppContext> openContext(const QString& path)
{
    auto writer = Store::openWriter(path);
    auto reader = Store::openReader(path);
    if (!writer || !reader) {
        return nullptr;
    }
    return std::make_unique<AppContext>(path, std::move(*reader), std::move(*writer));
}

qint64 eventCount(const QString& path)
{
    auto db = Store::openReader(path);
    auto s = db->prepare(u"SELECT count(*) FROM events");
    return s && *s->step() ? s->int64(0) : -1;
}

// Screenshots for people reviewing the UI: written only when VIGIL_SCREENSHOT_DIR is set.
void screenshot(QWidget* w, const QString& name)
{
    const QString dir = qEnvironmentVariable("VIGIL_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        w->grab().save(dir + u'/' + name + u".png"_s);
    }
}

QString cell(const QAbstractItemModel* m, int row, int column, const QModelIndex& parent = {})
{
    return m->index(row, column, parent).data().toString();
}

} // namespace

/** The Sources workspace: listeners and followed files with live counters. */
class TestUiSources : public QObject {
    Q_OBJECT
private slots:
    void init();
    void countersUpdateWhileMessagesArrive();
    void workspaceAndShortcut();
    void closingTheWindowStoresWhatWasReceived();

private:
    QString db() const { return m_dir->filePath(u"sources.sqlite"_s); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestUiSources::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestUiSources::countersUpdateWhileMessagesArrive()
{
    auto context = openContext(db());
    QVERIFY(context);
    SourcesView view(*context);
    view.setShowDialogs(false);
    QAbstractItemModelTester tester(view.model());
    view.resize(1200, 560);
    view.show();
    QVERIFY(view.startListening(u"127.0.0.1"_s, 0, 0));
    QCOMPARE(view.endpoints().size(), 2);
    const quint16 udpPort = view.endpoints()[0].port;
    const quint16 tcpPort = view.endpoints()[1].port;
    QVERIFY(udpPort > 0 && tcpPort > 0);

    QUdpSocket udp;
    for (int i = 0; i < 50; ++i) {
        udp.writeDatagram("<38>May  6 07:08:09 fw1 sshd[7]: Failed password for root from "
                          "203.0.113.5 port " + QByteArray::number(1000 + i) + " ssh2",
                          QHostAddress(QHostAddress::LocalHost), udpPort);
    }
    QTcpSocket tcp;
    tcp.connectToHost(QHostAddress(QHostAddress::LocalHost), tcpPort);
    QVERIFY(tcp.waitForConnected(5000));
    for (int i = 0; i < 70; ++i) {
        tcp.write("<14>1 2024-05-06T07:08:09Z app01 api - - - request " + QByteArray::number(i)
                  + '\n');
    }
    QVERIFY(tcp.waitForBytesWritten(5000));
    const QString log = m_dir->filePath(u"app.log"_s);
    {
        QFile f(log);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("2024-05-06 07:08:09 INFO started\n2024-05-06 07:08:10 <b>not bold</b>\n");
    }
    QVERIFY(view.followFile(log));

    const SourcesModel* m = view.model();
    QTRY_COMPARE_WITH_TIMEOUT(m->rowCount(), 3, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(cell(m, 0, SourcesModel::Stored), ui::numberText(50), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(cell(m, 1, SourcesModel::Stored), ui::numberText(70), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(cell(m, 2, SourcesModel::Stored), ui::numberText(2), 10000);
    QCOMPARE(cell(m, 0, SourcesModel::Source), u"Syslog UDP 127.0.0.1:%1"_s.arg(udpPort));
    QCOMPARE(cell(m, 0, SourcesModel::State), u"Listening"_s);
    QCOMPARE(cell(m, 0, SourcesModel::Received), ui::numberText(50));
    QCOMPARE(cell(m, 0, SourcesModel::Dropped), ui::numberText(0));
    QCOMPARE(cell(m, 2, SourcesModel::Source), u"File "_s + log);
    QCOMPARE(cell(m, 2, SourcesModel::State), u"Following"_s);
    // Per sender, below its source; a followed file has no sender rows.
    const QModelIndex udpRow = m->index(0, 0);
    QCOMPARE(m->rowCount(udpRow), 1);
    QCOMPARE(cell(m, 0, SourcesModel::Source, udpRow), u"127.0.0.1"_s);
    QCOMPARE(cell(m, 0, SourcesModel::Received, udpRow), ui::numberText(50));
    QCOMPARE(m->rowCount(m->index(2, 0)), 0);
    QVERIFY(cell(m, 0, SourcesModel::LastMessage).endsWith(u" s ago"));
    QVERIFY(view.isCollecting());
    screenshot(&view, u"sources-view"_s);

    QSignalSpy stopped(&view, &SourcesView::collectionStopped);
    QPushButton* stopAll = nullptr;
    const auto buttons = view.findChildren<QPushButton*>();
    for (QPushButton* b : buttons) {
        stopAll = b->text() == u"Stop all" ? b : stopAll;
    }
    QVERIFY(stopAll);
    QVERIFY(stopAll->isEnabled());
    stopAll->click();
    QVERIFY(stopped.wait(20000));
    QVERIFY(!view.isCollecting());
    QCOMPARE(cell(m, 0, SourcesModel::State), u"Stopped"_s);
    QCOMPARE(eventCount(db()), 122);
    QVERIFY(!stopAll->isEnabled());
}

void TestUiSources::workspaceAndShortcut()
{
    auto context = openContext(db());
    QVERIFY(context);
    MainWindow window(*context);
    window.setShowJobDialogs(false);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.sources());
    QAction* go = nullptr;
    for (QAction* a : window.actions()) {
        if (a->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_5)) {
            go = a;
        }
    }
    QVERIFY(go);
    go->trigger();
    QCOMPARE(window.currentWorkspace(), MainWindow::Sources);
    screenshot(&window, u"sources-workspace"_s);
}

void TestUiSources::closingTheWindowStoresWhatWasReceived()
{
    auto context = openContext(db());
    QVERIFY(context);
    quint16 port = 0;
    {
        MainWindow window(*context);
        window.setShowJobDialogs(false);
        window.sources()->setShowDialogs(false);
        QVERIFY(window.sources()->startListening(u"127.0.0.1"_s, -1, 0));
        port = window.sources()->endpoints().at(0).port;
        QTcpSocket tcp;
        tcp.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
        QVERIFY(tcp.waitForConnected(5000));
        for (int i = 0; i < 500; ++i) {
            tcp.write("<14>1 2024-05-06T07:08:09Z h a - - - n " + QByteArray::number(i) + '\n');
        }
        QVERIFY(tcp.waitForBytesWritten(5000));
        QTRY_COMPARE_WITH_TIMEOUT(window.sources()->model()->index(0, SourcesModel::Received)
                                      .data()
                                      .toString(),
                                  ui::numberText(500), 10000);
    } // the window goes away: the session drains into the store first
    QCOMPARE(eventCount(db()), 500);
}

QTEST_MAIN(TestUiSources)
#include "tst_ui_sources.moc"
