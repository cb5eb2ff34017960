#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "dialogs/quarantine_dialog.h"
#include "ingest/importer.h"
#include "models/event_table_model.h"
#include "models/incident_queue_model.h"
#include "sigma/rule_set.h"
#include "storage/store.h"
#include "triage/incident_queries.h"
#include "util/timestamp.h"

using namespace vigil;
using namespace Qt::StringLiterals;

class TestUiModels : public QObject {
    Q_OBJECT
private slots:
    void init();
    void eventModelLoadsPagesOnDemand();
    void eventModelFilters();
    void incidentQueueOrderAndFilter();
    void quarantineShowsExactBytes();

private:
    QString fixture(const QString& name) const { return QStringLiteral(VIGIL_TEST_DATA) + u'/' + name; }
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

void TestUiModels::init()
{
    QTest::failOnWarning(QRegularExpression(u"QAbstractItemModelTester"_s));
    m_dir = std::make_unique<QTemporaryDir>();
    m_path = m_dir->filePath(u"m.sqlite"_s);
    auto db = Store::openWriter(m_path);
    QVERIFY(db.has_value());
    sigma::RuleSet rules;
    rules.addPath(fixture(u"rules/ssh_failed_password.yml"_s));
    auto summary = importFiles(*db, &rules, {fixture(u"logs/auth_bruteforce.log"_s), fixture(u"logs/mixed.jsonl"_s)},
                               IngestOptions());
    QVERIFY(summary.has_value());
    QCOMPARE(summary->stored, 18);
    QCOMPARE(summary->rejected, 1);
}

void TestUiModels::eventModelLoadsPagesOnDemand()
{
    EventTableModel model(m_path);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy counts(&model, &EventTableModel::countsChanged);
    model.refresh();
    QVERIFY(counts.wait(10000));
    QCOMPARE(counts.last().at(0).toLongLong(), 18);
    QCOMPARE(counts.last().at(1).toLongLong(), 18);
    QCOMPARE(model.rowCount(), 18);
    // First access shows a placeholder and requests the page; the page then arrives.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    const QString first = model.index(0, EventTableModel::Summary).data().toString();
    if (first == u"…"_s) {
        QVERIFY(changed.wait(10000));
    }
    // Oldest first: the JSON events are from 2024, the syslog lines from this year.
    QCOMPARE(model.index(0, EventTableModel::Time).data().toString(), u"2024-05-01T10:04:00Z"_s);
    QCOMPARE(model.index(0, EventTableModel::Host).data().toString(), u"ws-1"_s);
}

void TestUiModels::eventModelFilters()
{
    EventTableModel model(m_path);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy counts(&model, &EventTableModel::countsChanged);
    EventFilter filter;
    filter.text = u"BASTION"_s; // case-insensitive
    model.setFilter(filter);
    QVERIFY(counts.wait(10000));
    QCOMPARE(model.rowCount(), 14);
    QCOMPARE(counts.last().at(1).toLongLong(), 18);
    filter.text = u"100%_\\"_s; // LIKE wildcards are literal
    model.setFilter(filter);
    QVERIFY(counts.wait(10000));
    QCOMPARE(model.rowCount(), 0);
    filter.text = u"<script>"_s;
    filter.newestFirst = true;
    model.setFilter(filter);
    QVERIFY(counts.wait(10000));
    QCOMPARE(model.rowCount(), 1);
    // Several terms must all hold, in any order; a phrase in quotes stays together.
    const QList<std::pair<QString, int>> cases{
        {u"Failed 203.0.113.77"_s, 12},           // not contiguous in the lines
        {u"\"Failed password for root\""_s, 1},
        {u"host:bastion-1 -Failed"_s, 2},          // the accepted login and the sudo line
        {u"format:json"_s, 3},
        {u"auth_bruteforce.log:13"_s, 1},          // file:line as the Source column shows it
        {u"host:web-2 -host:web-2"_s, 0},
        {u"'; DROP TABLE events; --"_s, 0},
    };
    for (const auto& [text, expected] : cases) {
        filter.text = text;
        model.setFilter(filter);
        QVERIFY(counts.wait(10000));
        QVERIFY2(model.rowCount() == expected,
                 qPrintable(text + u" → "_s + QString::number(model.rowCount())));
    }
}

void TestUiModels::incidentQueueOrderAndFilter()
{
    auto db = Store::openReader(m_path);
    auto list = IncidentQueries::list(*db);
    QCOMPARE(list->size(), 2u);
    IncidentQueueModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    IncidentFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setIncidents(*list, nowNs());
    QCOMPARE(proxy.rowCount(), 2);
    // Same severity: the most recent activity comes first.
    QCOMPARE(model.incident(0)->host, u"web-2"_s);
    proxy.setText(u"bastion"_s);
    QCOMPARE(proxy.rowCount(), 1);
    proxy.setText(QString());
    proxy.sort(IncidentQueueModel::Alerts, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, IncidentQueueModel::Host).data().toString(), u"bastion-1"_s);
}

void TestUiModels::quarantineShowsExactBytes()
{
    QCOMPARE(describeRawBytes(QByteArray("a\xff" "b\x1b[31mc\xe2\x82\xac\n", 13)),
             u"a\\xffb\\x1b[31mc€\n"_s);
    auto db = Store::openReader(m_path);
    QuarantineDialog dialog(*db);
    QCOMPARE(dialog.rowCount(), 1); // the truncated JSON line of mixed.jsonl
}

QTEST_MAIN(TestUiModels)
#include "tst_ui_models.moc"
