// Prioritisation: formula v1, the asset and identity inventory, SLA due times, and the priority
// an incident gets from its host and users.
#include <QTemporaryDir>
#include <QTest>

#include "model/event.h"
#include "storage/database.h"
#include "storage/event_store.h"
#include "storage/journal.h"
#include "storage/store.h"
#include "triage/asset_inventory.h"
#include "triage/incident_priority.h"
#include "triage/incident_queries.h"
#include "triage/incident_service.h"

using namespace vigil;
using namespace Qt::StringLiterals;

class TestPriority : public QObject {
    Q_OBJECT
private slots:
    void init();
    void formula_data();
    void formula();
    void explanationNamesEveryPart();
    void csvInventory();
    void csvProblemsNameTheLine_data();
    void csvProblemsNameTheLine();
    void yamlInventory();
    void importIsJournalledAndCaseInsensitive();
    void incidentPriorityFromHostAndUser();
    void inventoryChangeReprioritisesOpenIncidents();
    void joiningAlertsRaiseTheUserPart();
    void slaPolicyIsPerStore();

private:
    qint64 addEvent(const QString& host, const QString& user);
    qint64 recordHit(qint64 eventId, const QString& host, int level);

    Database m_db;
    std::optional<EventWriter> m_writer;
};

void TestPriority::init()
{
    auto db = Store::openWriter(u":memory:"_s);
    QVERIFY(db.has_value());
    m_db = std::move(*db);
    auto w = EventWriter::create(m_db);
    QVERIFY(w.has_value());
    m_writer.emplace(std::move(*w));
}

qint64 TestPriority::addEvent(const QString& host, const QString& user)
{
    Event e;
    e.timeNs = 1'700'000'000'000'000'000LL;
    e.host = host;
    e.source = u"test"_s;
    e.format = u"json"_s;
    if (!user.isEmpty()) {
        e.common.set(u"user"_s, FieldValue::fromString(user));
    }
    return m_writer->insert(e, 0).has_value() ? e.id : -1;
}

qint64 TestPriority::recordHit(qint64 eventId, const QString& host, int level)
{
    IncidentService svc(m_db, u"tester"_s);
    Transaction tx(m_db);
    auto r = svc.recordHits({Hit{u"r1"_s, u"Rule one"_s, level, eventId,
                                 1'700'000'000'000'000'000LL, 0, host}});
    if (!r || !tx.commit()) {
        return -1;
    }
    auto list = IncidentQueries::list(m_db);
    return list && !list->empty() ? list->back().id : -1;
}

void TestPriority::formula_data()
{
    QTest::addColumn<int>("level");
    QTest::addColumn<int>("host");
    QTest::addColumn<int>("user");
    QTest::addColumn<QString>("status");
    QTest::addColumn<int>("score");
    QTest::addColumn<QString>("priority");
    const int unknown = int(Criticality::Unknown);
    const int low = int(Criticality::Low);
    const int high = int(Criticality::High);
    const int critical = int(Criticality::Critical);
    // base × host × user × confidence, rounded, capped at 100.
    QTest::newRow("high rule, unknown host, stable") << 3 << unknown << unknown << u"stable"_s
                                                    << 75 << u"P2"_s;
    QTest::newRow("high rule on a critical host") << 3 << critical << unknown << u"stable"_s
                                                 << 100 << u"P1"_s; // 105 capped
    QTest::newRow("medium rule, test status") << 2 << unknown << unknown << u"test"_s << 45
                                             << u"P3"_s;
    QTest::newRow("medium rule, critical user, experimental")
        << 2 << unknown << critical << u"experimental"_s << 56 << u"P3"_s; // 50×1.4×0.8
    QTest::newRow("medium rule, high host and high user")
        << 2 << high << high << u"stable"_s << 72 << u"P2"_s; // 50×1.2×1.2
    QTest::newRow("low rule on a low host") << 1 << low << unknown << u"stable"_s << 20
                                           << u"P4"_s;
    QTest::newRow("critical rule, no status") << 4 << unknown << unknown << QString() << 86
                                             << u"P1"_s; // 95×0.9 = 85.5
    QTest::newRow("informational") << 0 << critical << critical << u"stable"_s << 20 << u"P4"_s;
    QTest::newRow("deprecated high rule") << 3 << unknown << unknown << u"deprecated"_s << 45
                                         << u"P3"_s;
    QTest::newRow("boundary P2/P1: 80") << 4 << low << unknown << u"stable"_s << 76 << u"P2"_s;
}

void TestPriority::formula()
{
    QFETCH(int, level);
    QFETCH(int, host);
    QFETCH(int, user);
    QFETCH(QString, status);
    QFETCH(int, score);
    QFETCH(QString, priority);
    PriorityInput in;
    in.level = level;
    in.host = u"h"_s;
    in.hostCriticality = Criticality(host);
    in.user = u"u"_s;
    in.userCriticality = Criticality(user);
    in.ruleStatus = status;
    const Priority p = computePriority(in);
    QCOMPARE(p.score, score);
    QCOMPARE(p.code(), priority);
}

void TestPriority::explanationNamesEveryPart()
{
    PriorityInput in;
    in.level = 3;
    in.host = u"dc01"_s;
    in.hostCriticality = Criticality::Critical;
    in.ruleStatus = u"test"_s;
    const Priority p = computePriority(in);
    QCOMPARE(p.explanation(), u"P1 (score 95) = high rule 75 × host dc01 critical 1.4 × no user 1 "
                              u"× confidence (test) 0.9"_s);
    const QByteArray json = p.partsJson();
    QVERIFY(json.contains("\"formula\":\"v1\""));
    QVERIFY(json.contains("\"host_criticality\":\"critical\""));
    QVERIFY(json.contains("\"confidence\":0.9"));
    const auto back = Priority::fromPartsJson(json);
    QVERIFY(back.has_value());
    QCOMPARE(back->explanation(), p.explanation());
    QVERIFY(!Priority::fromPartsJson("not json").has_value());
}

void TestPriority::csvInventory()
{
    std::vector<Error> problems;
    const auto rows = AssetInventory::parseCsv(
        "\xEF\xBB\xBFkind,name,criticality,owner,tags\r\n"
        "host,DC01,critical,\"IT Ops, Directory\",domain-controller;tier0\r\n"
        "# comment\n"
        "user,administrator,High,,\n"
        "identity,svc-backup,medium,Backup team,service\n",
        u"inv.csv"_s, problems);
    QVERIFY(problems.empty());
    QCOMPARE(rows.size(), size_t(3));
    QCOMPARE(rows[0].kind, u"host"_s);
    QCOMPARE(rows[0].name, u"DC01"_s);
    QCOMPARE(rows[0].criticality, Criticality::Critical);
    QCOMPARE(rows[0].owner, u"IT Ops, Directory"_s);
    QCOMPARE(rows[0].tags, (QStringList{u"domain-controller"_s, u"tier0"_s}));
    QCOMPARE(rows[1].criticality, Criticality::High);
    QCOMPARE(rows[2].kind, u"user"_s);
}

void TestPriority::csvProblemsNameTheLine_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("kept");
    QTest::newRow("bad criticality")
        << QByteArray("kind,name,criticality\nhost,a,urgent\nhost,b,low\n") << 2
        << u"criticality must be low, medium, high or critical, not \"urgent\""_s << 1;
    QTest::newRow("bad kind") << QByteArray("kind,name,criticality\nprinter,p1,low\n") << 2
                              << u"kind must be host or user, not \"printer\""_s << 0;
    QTest::newRow("field count") << QByteArray("kind,name,criticality\nhost,a\n") << 2
                                 << u"2 fields, the header names 3"_s << 0;
    QTest::newRow("open quote") << QByteArray("kind,name,criticality\nhost,\"a,low\n") << 2
                                << u"a quote is not closed"_s << 0;
    QTest::newRow("no criticality column") << QByteArray("kind,name\nhost,a\n") << 1
                                           << u"the header line has no \"criticality\" column "
                                              u"(needed: kind, name, criticality; optional: "
                                              u"owner, tags)"_s
                                           << 0;
    QTest::newRow("empty name") << QByteArray("kind,name,criticality\nhost, ,low\n") << 2
                                << u"the name is empty"_s << 0;
}

void TestPriority::csvProblemsNameTheLine()
{
    QFETCH(QByteArray, text);
    QFETCH(int, line);
    QFETCH(QString, message);
    QFETCH(int, kept);
    std::vector<Error> problems;
    const auto rows = AssetInventory::parseCsv(text, u"inv.csv"_s, problems);
    QCOMPARE(int(rows.size()), kept);
    QCOMPARE(problems.size(), size_t(1));
    QCOMPARE(problems[0].line, line);
    QCOMPARE(problems[0].file, u"inv.csv"_s);
    QCOMPARE(problems[0].message, message);
}

void TestPriority::yamlInventory()
{
    std::vector<Error> problems;
    const auto rows = AssetInventory::parseYaml("hosts:\n"
                                                "  - name: web01\n"
                                                "    criticality: high\n"
                                                "    tags: [dmz, web]\n"
                                                "  - name: kiosk\n"
                                                "    criticality: none\n"
                                                "users:\n"
                                                "  - {name: alice, criticality: low, owner: HR}\n",
                                                u"inv.yml"_s, problems);
    QCOMPARE(rows.size(), size_t(2));
    QCOMPARE(rows[0].name, u"web01"_s);
    QCOMPARE(rows[0].tags, (QStringList{u"dmz"_s, u"web"_s}));
    QCOMPARE(rows[1].kind, u"user"_s);
    QCOMPARE(rows[1].owner, u"HR"_s);
    QCOMPARE(problems.size(), size_t(1));
    QCOMPARE(problems[0].line, 5);

    problems.clear();
    QVERIFY(AssetInventory::parseYaml("hosts: [\n", u"bad.yml"_s, problems).empty());
    QCOMPARE(problems.size(), size_t(1));
    QVERIFY(problems[0].line >= 1);
}

void TestPriority::importIsJournalledAndCaseInsensitive()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"assets.csv"_s);
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("kind,name,criticality\nhost,DC01,critical\nuser,bob,low\nhost,x,bogus\n");
    f.close();
    auto report = AssetInventory::importFile(m_db, path, u"lead"_s);
    QVERIFY(report.has_value());
    QCOMPARE(report->added, 2);
    QCOMPARE(report->problems.size(), size_t(1));
    auto again = AssetInventory::importFile(m_db, path, u"lead"_s);
    QVERIFY(again.has_value());
    QCOMPARE(again->unchanged, 2);
    auto found = AssetInventory::find(m_db, u"host"_s, u"dc01"_s);
    QVERIFY(found.has_value() && found->has_value());
    QCOMPARE((*found)->criticality, Criticality::Critical);
    int assetEntries = 0;
    const auto assets = AssetInventory::list(m_db);
    QVERIFY(assets.has_value());
    for (const Asset& a : *assets) {
        assetEntries += int(Journal::forObject(m_db, u"asset"_s, a.id)->size());
    }
    QCOMPARE(assetEntries, 2); // the unchanged second import writes nothing
    Asset changed = **found;
    changed.criticality = Criticality::Medium;
    const auto saved = AssetInventory::save(m_db, changed, u"lead"_s);
    QVERIFY(saved.has_value() && *saved);
    QVERIFY(AssetInventory::remove(m_db, u"user"_s, u"BOB"_s, u"lead"_s).has_value());
    QVERIFY(!AssetInventory::remove(m_db, u"user"_s, u"bob"_s, u"lead"_s).has_value());
    QCOMPARE(AssetInventory::list(m_db)->size(), size_t(1));
}

void TestPriority::incidentPriorityFromHostAndUser()
{
    Asset dc{0, u"host"_s, u"dc01"_s, Criticality::Critical, {}, {}, 0};
    Asset admin{0, u"user"_s, u"Administrator"_s, Criticality::High, {}, {}, 0};
    QVERIFY(AssetInventory::save(m_db, dc, u"lead"_s).has_value());
    QVERIFY(AssetInventory::save(m_db, admin, u"lead"_s).has_value());

    // medium rule (50) × critical host (1.4) × high user (1.2) × no status (0.9) = 75.6 → P2
    const qint64 id = recordHit(addEvent(u"DC01"_s, u"administrator"_s), u"DC01"_s, 2);
    auto inc = IncidentQueries::load(m_db, id);
    QVERIFY(inc.has_value());
    QCOMPARE(inc->priority, u"P2"_s);
    QCOMPARE(inc->priorityScore, 76);
    QVERIFY(inc->priorityParts.contains("\"user\":\"administrator\""));
    QCOMPARE(inc->dueNs, inc->createdNs + 24LL * 3600 * 1'000'000'000LL);

    // A host nobody listed: the rule level alone.
    const qint64 other = recordHit(addEvent(u"ws17"_s, QString()), u"ws17"_s, 1);
    QCOMPARE(IncidentQueries::load(m_db, other)->priority, u"P4"_s);

    auto journal = Journal::forObject(m_db, u"incident"_s, id);
    QVERIFY(journal.has_value());
    bool found = false;
    for (const JournalEntry& e : *journal) {
        if (e.objectId == id && e.action == u"priority") {
            found = e.details.contains("\"to\":\"P2\"") && e.details.contains("\"formula\":\"v1\"");
        }
    }
    QVERIFY(found);
}

void TestPriority::inventoryChangeReprioritisesOpenIncidents()
{
    const qint64 id = recordHit(addEvent(u"web01"_s, QString()), u"web01"_s, 3);
    QCOMPARE(IncidentQueries::load(m_db, id)->priority, u"P2"_s); // 75 × 0.9 = 67.5
    Asset web{0, u"host"_s, u"WEB01"_s, Criticality::Critical, {}, {}, 0};
    QVERIFY(AssetInventory::save(m_db, web, u"lead"_s).has_value());
    IncidentPrioritiser p(m_db, u"lead"_s);
    auto first = p.updateOpen();
    QVERIFY(first.has_value());
    QCOMPARE(*first, 1);
    QCOMPARE(IncidentQueries::load(m_db, id)->priority, u"P1"_s); // 94.5
    auto second = p.updateOpen();
    QVERIFY(second.has_value());
    QCOMPARE(*second, 0); // nothing changed since
}

void TestPriority::joiningAlertsRaiseTheUserPart()
{
    // An incident that grows is re-read only for its new alerts: a more critical user among them
    // raises the priority, a less critical one leaves the user part as it was.
    Asset ceo{0, u"user"_s, u"ceo"_s, Criticality::Critical, {}, {}, 0};
    Asset intern{0, u"user"_s, u"intern"_s, Criticality::Low, {}, {}, 0};
    QVERIFY(AssetInventory::save(m_db, ceo, u"lead"_s).has_value());
    QVERIFY(AssetInventory::save(m_db, intern, u"lead"_s).has_value());
    // high rule (75) × no host (1) × no user (1) × no status (0.9) = 67.5 → 68, P2
    const qint64 id = recordHit(addEvent(u"ws9"_s, QString()), u"ws9"_s, 3);
    QCOMPARE(IncidentQueries::load(m_db, id)->priorityScore, 68);
    // intern (low, 0.8): 75 × 0.8 × 0.9 = 54
    QCOMPARE(recordHit(addEvent(u"ws9"_s, u"intern"_s), u"ws9"_s, 3), id);
    QCOMPARE(IncidentQueries::load(m_db, id)->priorityScore, 54);
    // ceo (critical, 1.4): 75 × 1.4 × 0.9 = 94.5 → 95, P1
    QCOMPARE(recordHit(addEvent(u"ws9"_s, u"CEO"_s), u"ws9"_s, 3), id);
    auto grown = IncidentQueries::load(m_db, id);
    QCOMPARE(grown->priorityScore, 95);
    QCOMPARE(grown->priority, u"P1"_s);
    QVERIFY(grown->priorityParts.contains("\"user\":\"CEO\""));
    // The intern again: the critical user found before stays.
    QCOMPARE(recordHit(addEvent(u"ws9"_s, u"intern"_s), u"ws9"_s, 3), id);
    QCOMPARE(IncidentQueries::load(m_db, id)->priorityScore, 95);
    // The full evaluation (as after an inventory change) agrees with the incremental one.
    IncidentPrioritiser p(m_db, u"lead"_s);
    QCOMPARE(p.evaluate(id)->score, 95);
}

void TestPriority::slaPolicyIsPerStore()
{
    SlaPolicy sla;
    sla.dueSeconds = {1800, 7200, 86400, 604800};
    QVERIFY(sla.save(m_db).has_value());
    auto loaded = SlaPolicy::load(m_db);
    QVERIFY(loaded.has_value());
    QCOMPARE(loaded->dueSeconds[0], 1800);
    QCOMPARE(loaded->dueNs(2), 7200LL * 1'000'000'000LL);
    const qint64 id = recordHit(addEvent(u"h"_s, QString()), u"h"_s, 4); // 85.5 → P1
    auto inc = IncidentQueries::load(m_db, id);
    QCOMPARE(inc->priority, u"P1"_s);
    QCOMPARE(inc->dueNs - inc->createdNs, 1800LL * 1'000'000'000LL);
}

QTEST_GUILESS_MAIN(TestPriority)
#include "tst_priority.moc"
