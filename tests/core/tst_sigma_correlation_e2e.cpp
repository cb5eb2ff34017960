// Correlation rules end to end: streaming through importFiles and retrospective through
// huntStore give the same alerts (rule, group, contributing events) on the same events, also
// when the file is out of time order; alerts, alert_events and incidents; the rule library;
// vigil-cli hunt. Rules: tests/data/sigma/correlation/set (our own test set).
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "ingest/importer.h"
#include "sigma/correlation_rule.h"
#include "sigma/rule_set.h"
#include "storage/database.h"
#include "storage/store.h"
#include "triage/incident_queries.h"
#include "triage/rule_catalog.h"
#include "triage/store_hunt.h"

using namespace vigil;
using namespace Qt::StringLiterals;

namespace {

/**
 * What the test set must raise on these events, worked out by hand: "title|group|events (n)".
 * Base rules that only feed correlations (generate: false) raise nothing themselves; the
 * discovery rules do (their correlation says generate: true). Brute force on one account only
 * feeds "Logon after a brute force" (it has no generate of its own).
 */
const QStringList kExpected = {
    u"A single logon of an account in an hour|alice|4"_s,
    u"Account roaming between computers|erin|10,11"_s,
    u"Account used on exactly one computer|alice|4"_s,
    u"Discovery burst on one computer|WS1|12,13,14"_s,
    u"Domain groups listed with net.exe||13"_s,
    u"Domain trusts listed with nltest||14"_s,
    u"Failed logons and SMB from the same address|10.0.0.9|5,6,7,8"_s,
    u"Few logons from an address in an hour|10.0.0.5|4"_s,
    u"Few logons from an address in an hour|10.0.0.7|10,11"_s,
    u"Logon after a brute force|alice|1,2,3,4"_s,
    u"Password spraying from one address|10.0.0.9|5,6,7"_s,
    u"whoami executed||12"_s,
};

/** The events of tests/data/sigma/correlation/events.jsonl: line n is event n, in time order;
 *  the field "n" names each event in any store. */
QList<QByteArray> readEvents()
{
    QFile f(QStringLiteral(VIGIL_TEST_DATA) + u"/sigma/correlation/events.jsonl"_s);
    return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed().split('\n') : QList<QByteArray>();
}

QString ruleDir()
{
    return QStringLiteral(VIGIL_TEST_DATA) + u"/sigma/correlation/set"_s;
}

qint64 scalar(Database& db, const QString& sql)
{
    auto s = db.prepare(sql);
    return s && *s->step() ? s->int64(0) : -1;
}

/** n of a stored event. */
int eventN(Database& db, qint64 id)
{
    auto s = db.prepare(u"SELECT fields FROM events WHERE id = ?1");
    s->bind(1, id);
    if (!*s->step()) {
        return -1;
    }
    return QJsonDocument::fromJson(s->text(0).toUtf8()).object().value(u"n"_s).toInt();
}

/** Every alert as "title|group|n,n,..." (or with stored ids), sorted. */
QStringList storedAlerts(Database& db, bool withIds = false)
{
    QStringList out;
    auto s = db.prepare(u"SELECT id, rule_title, correlation, event_id FROM alerts");
    while (*s->step()) {
        QStringList group;
        const QJsonObject details =
            QJsonDocument::fromJson(s->text(2).toUtf8()).object().value(u"group"_s).toObject();
        for (const QString& key : details.keys()) {
            group << details.value(key).toString();
        }
        QStringList events;
        const auto ids = IncidentQueries::alertEvents(db, s->int64(0));
        for (const qint64 id : *ids) {
            events << (withIds ? QString::number(id) : QString::number(eventN(db, id)));
        }
        // The alert's own event is the one that completed the condition: the last one.
        if (ids->back() != s->int64(3)) {
            events << u"(completing event not last)"_s;
        }
        out << s->text(1) + u'|' + group.join(u',') + u'|' + events.join(u',');
    }
    out.sort();
    return out;
}

} // namespace

class TestSigmaCorrelationE2e : public QObject {
    Q_OBJECT
private slots:
    void init();
    void streamingAndRetrospectiveAgree_data();
    void streamingAndRetrospectiveAgree();
    void incidentsLinkEveryContributingEvent();
    void huntingTwiceAddsNothing();
    void libraryKeepsCorrelations();
    void cliHuntPrintsCorrelationHits();
    void cliStoreHuntListsEventIds();

private:
    QString writeFile(const QString& name, const std::vector<int>& order);
    Database open(const QString& name);

    std::unique_ptr<QTemporaryDir> m_dir;
    sigma::RuleSet m_rules;
};

void TestSigmaCorrelationE2e::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_rules = sigma::RuleSet();
    m_rules.addPath(ruleDir());
    QVERIFY(m_rules.issues().empty());
}

QString TestSigmaCorrelationE2e::writeFile(const QString& name, const std::vector<int>& order)
{
    const QString path = m_dir->filePath(name);
    QFile f(path);
    if (f.open(QIODevice::WriteOnly)) {
        const QList<QByteArray> events = readEvents();
        for (const int n : order) {
            f.write(events.value(n - 1) + '\n');
        }
    }
    return path;
}

Database TestSigmaCorrelationE2e::open(const QString& name)
{
    auto db = Store::openWriter(m_dir->filePath(name));
    return db ? std::move(*db) : Database();
}

void TestSigmaCorrelationE2e::streamingAndRetrospectiveAgree_data()
{
    QTest::addColumn<std::vector<std::vector<int>>>("files");
    QTest::addColumn<int>("batchSize");
    QTest::newRow("one file in time order")
        << std::vector<std::vector<int>>{{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14}} << 2000;
    QTest::newRow("one file shuffled within the hour")
        << std::vector<std::vector<int>>{{11, 3, 8, 1, 14, 6, 2, 9, 4, 13, 5, 12, 7, 10}} << 2000;
    QTest::newRow("two files, batches of three: windows span batches and files")
        << std::vector<std::vector<int>>{{2, 1, 3, 5, 6}, {4, 7, 9, 8, 10, 12, 11, 14, 13}} << 3;
}

void TestSigmaCorrelationE2e::streamingAndRetrospectiveAgree()
{
    QFETCH(std::vector<std::vector<int>>, files);
    QFETCH(int, batchSize);
    QStringList paths;
    for (std::size_t i = 0; i < files.size(); ++i) {
        paths << writeFile(u"events%1.jsonl"_s.arg(i), files[i]);
    }
    IngestOptions options;
    options.batchSize = batchSize;

    Database streaming = open(u"streaming.sqlite"_s);
    auto imported = importFiles(streaming, &m_rules, paths, options);
    QVERIFY(imported.has_value());
    QCOMPARE(imported->stored, 14);
    QCOMPARE(imported->hits, qint64(kExpected.size()));
    QCOMPARE(imported->triage.alertsNew, qint64(kExpected.size()));

    Database stored = open(u"retrospective.sqlite"_s);
    QVERIFY(importFiles(stored, nullptr, paths, options).has_value());
    QCOMPARE(scalar(stored, u"SELECT count(*) FROM alerts"_s), 0);
    auto hunted = huntStore(stored, m_rules, u"test"_s);
    QVERIFY(hunted.has_value());
    QCOMPARE(hunted->scanned, 14);
    QCOMPARE(hunted->correlationHits, 9);

    QCOMPARE(storedAlerts(streaming), kExpected);
    QCOMPARE(storedAlerts(stored), kExpected);
    // Same events, same ids in both stores: the very same contributing events.
    QCOMPARE(storedAlerts(streaming, true), storedAlerts(stored, true));
}

void TestSigmaCorrelationE2e::incidentsLinkEveryContributingEvent()
{
    Database db = open(u"i.sqlite"_s);
    const QString path = writeFile(u"e.jsonl"_s, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14});
    QVERIFY(importFiles(db, &m_rules, {path}, IngestOptions()).has_value());
    const qint64 incident = scalar(
        db, u"SELECT incident_id FROM alerts WHERE rule_title = 'Logon after a brute force'"_s);
    QVERIFY(incident > 0);
    auto record = IncidentQueries::load(db, incident);
    QCOMPARE(record->title, u"Logon after a brute force"_s);
    QCOMPARE(record->severity, 4); // critical
    QCOMPARE(record->host, u"DC1"_s); // every contributing event came from DC1
    QCOMPARE(record->alertCount, 1);
    auto events = IncidentQueries::events(db, incident, 100);
    QStringList ns;
    for (const Event& e : *events) {
        ns << QString::number(eventN(db, e.id));
    }
    QCOMPARE(ns.join(u','), u"1,2,3,4"_s);
    auto alerts = IncidentQueries::alerts(db, incident);
    QCOMPARE(alerts->size(), 1u);
    const AlertRecord& a = alerts->front();
    QCOMPARE(eventN(db, a.eventId), 4); // the successful logon completed it
    const QJsonObject details = QJsonDocument::fromJson(a.correlation.toUtf8()).object();
    QCOMPARE(details.value(u"type"_s).toString(), u"temporal_ordered"_s);
    QCOMPARE(details.value(u"count"_s).toInt(), 2);
    QCOMPARE(details.value(u"events"_s).toInt(), 4);
    QCOMPARE(details.value(u"first"_s).toString(), u"2024-05-01T10:00:00Z"_s);
    QCOMPARE(details.value(u"last"_s).toString(), u"2024-05-01T10:03:00Z"_s);
    QCOMPARE(details.value(u"group"_s).toObject().value(u"TargetUserName"_s).toString(),
             u"alice"_s);
    // Alerts of the discovery rule keep their own incident per rule; the base rules that only
    // feed correlations left no alert and no incident.
    QCOMPARE(scalar(db, u"SELECT count(*) FROM alerts WHERE rule_title = 'Failed logon'"_s), 0);
    QCOMPARE(scalar(db, u"SELECT count(*) FROM alert_events"_s), 21);
    QCOMPARE(scalar(db, u"SELECT count(*) FROM alerts WHERE correlation IS NULL"_s), 3);
}

void TestSigmaCorrelationE2e::huntingTwiceAddsNothing()
{
    Database db = open(u"t.sqlite"_s);
    const QString path = writeFile(u"e.jsonl"_s, {4, 3, 2, 1, 8, 7, 6, 5, 9, 14, 13, 12, 11, 10});
    QVERIFY(importFiles(db, &m_rules, {path}, IngestOptions()).has_value());
    const qint64 links = scalar(db, u"SELECT count(*) FROM incident_events"_s);
    for (int round = 0; round < 2; ++round) {
        auto hunted = huntStore(db, m_rules, u"test"_s);
        QVERIFY(hunted.has_value());
        QCOMPARE(hunted->triage.alertsNew, 0);
        QCOMPARE(hunted->triage.alertsExisting, qint64(kExpected.size()));
    }
    QCOMPARE(storedAlerts(db), kExpected);
    QCOMPARE(scalar(db, u"SELECT count(*) FROM incident_events"_s), links);
}

void TestSigmaCorrelationE2e::libraryKeepsCorrelations()
{
    Database db = open(u"l.sqlite"_s);
    QVERIFY(RuleCatalog::remember(db, m_rules, {ruleDir()}).has_value());
    QCOMPARE(scalar(db, u"SELECT count(*) FROM rules"_s), 15);
    sigma::RuleSet reloaded;
    auto loaded = RuleCatalog::loadEnabled(db, reloaded);
    QVERIFY(loaded.has_value());
    QVERIFY(reloaded.issues().empty());
    QCOMPARE(reloaded.correlations().size(), 9u);
    // A second load adds nothing (known by uid), correlations included.
    QCOMPARE(*RuleCatalog::loadEnabled(db, reloaded), 0);
    QVERIFY(reloaded.issues().empty());
}

void TestSigmaCorrelationE2e::cliHuntPrintsCorrelationHits()
{
    const QString path = writeFile(u"e.jsonl"_s, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14});
    QProcess p;
    p.start(QStringLiteral(VIGIL_BINARY_DIR) + u"/app/vigil-cli"_s,
            {u"hunt"_s, u"--rules"_s, ruleDir(), u"--json"_s, path});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 0);
    const QList<QByteArray> lines = p.readAllStandardOutput().trimmed().split('\n');
    QCOMPARE(lines.size(), kExpected.size());
    QJsonObject brute;
    for (const QByteArray& line : lines) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        if (o.value(u"rule_title"_s).toString() == u"Logon after a brute force") {
            brute = o;
        }
    }
    QCOMPARE(brute.value(u"correlation"_s).toString(), u"temporal_ordered"_s);
    QCOMPARE(brute.value(u"count"_s).toInt(), 2);
    QCOMPARE(brute.value(u"time"_s).toString(), u"2024-05-01T10:03:00Z"_s);
    QCOMPARE(brute.value(u"first"_s).toString(), u"2024-05-01T10:00:00Z"_s);
    QCOMPARE(brute.value(u"source"_s).toString(), path + u":4"_s);
    QCOMPARE(brute.value(u"group"_s).toObject().value(u"TargetUserName"_s).toString(), u"alice"_s);
    QStringList sources;
    for (const auto& v : brute.value(u"events"_s).toArray()) {
        sources << v.toString();
    }
    QCOMPARE(sources, (QStringList{path + u":1"_s, path + u":2"_s, path + u":3"_s,
                                   path + u":4"_s}));
    QVERIFY(!brute.contains(u"event_id"_s)); // nothing stored

    // Text: the five usual columns, then group, count and contributing events.
    QProcess text;
    text.start(QStringLiteral(VIGIL_BINARY_DIR) + u"/app/vigil-cli"_s,
               {u"hunt"_s, u"--rules"_s, ruleDir(), path});
    QVERIFY(text.waitForFinished(60000));
    QString line;
    for (const QString& l : QString::fromUtf8(text.readAllStandardOutput()).split(u'\n')) {
        line = l.contains(u"Logon after a brute force") ? l : line;
    }
    QCOMPARE(line, u"6b1f7a52-3c1e-4d0a-9a51-0c7e1f4a2c03\tLogon after a brute force\tcritical\t"
                   u"2024-05-01T10:03:00Z\tDC1\tTargetUserName=alice temporal_ordered=2 events="_s
                       + path + u":1,"_s + path + u":2,"_s + path + u":3,"_s + path + u":4"_s);
}

void TestSigmaCorrelationE2e::cliStoreHuntListsEventIds()
{
    const QString path = writeFile(u"e.jsonl"_s, {14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1});
    const QString dbPath = m_dir->filePath(u"cli.sqlite"_s);
    {
        Database db = open(u"cli.sqlite"_s);
        QVERIFY(importFiles(db, nullptr, {path}, IngestOptions()).has_value());
    }
    QProcess p;
    p.start(QStringLiteral(VIGIL_BINARY_DIR) + u"/app/vigil-cli"_s,
            {u"hunt"_s, u"--rules"_s, ruleDir(), u"--db"_s, dbPath, u"--json"_s});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 0);
    QJsonObject spray;
    for (const QByteArray& line : p.readAllStandardOutput().trimmed().split('\n')) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        if (o.value(u"rule_title"_s).toString() == u"Password spraying from one address") {
            spray = o;
        }
    }
    // The file is in reverse time order: event n is line 15 - n and has id 15 - n.
    QCOMPARE(spray.value(u"event_id"_s).toInt(), 8);
    QStringList ids;
    for (const auto& v : spray.value(u"event_ids"_s).toArray()) {
        ids << QString::number(v.toInt());
    }
    QCOMPARE(ids, (QStringList{u"10"_s, u"9"_s, u"8"_s}));
    QCOMPARE(spray.value(u"events"_s).toArray().first().toString(), path + u":10"_s);
    Database db = open(u"cli.sqlite"_s);
    QCOMPARE(storedAlerts(db), kExpected);
}

QTEST_GUILESS_MAIN(TestSigmaCorrelationE2e)
#include "tst_sigma_correlation_e2e.moc"
