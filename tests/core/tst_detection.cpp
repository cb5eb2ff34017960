#include <QRegularExpression>
#include <QTest>

#include <map>
#include <set>

#include "investigation/observables.h"
#include "model/event.h"
#include "storage/database.h"
#include "storage/event_store.h"
#include "storage/journal.h"
#include "storage/store.h"
#include "triage/alert_service.h"
#include "triage/grouping.h"
#include "triage/incident_merge.h"
#include "triage/incident_queries.h"
#include "triage/incident_service.h"
#include "triage/suppression.h"
#include "util/timestamp.h"

using namespace vigil;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kMinute = 60LL * kNsPerSecond;

/** One alert's event: minute, host, user, source address and a free field (TargetUserName). */
struct Spec {
    int minute = 0;
    QString host;
    QString user;
    QString ip;
    QString target;
};

/** `"key":value` as the journal's JSON writes it (strings quoted unless @p quote is false). */
QByteArray member(const char* key, const QString& value, bool quote = true)
{
    const QString v = quote ? u'"' + value + u'"' : value;
    return QByteArray("\"") + key + "\":" + v.toUtf8();
}

QByteArray member(const char* key, qint64 value)
{
    return member(key, QString::number(value), false);
}

} // namespace

/**
 * Incident detection: the alert workflow, grouping per rule by key and window, merge and split,
 * and suppressions with their preview counts.
 */
class TestDetection : public QObject {
    Q_OBJECT
private slots:
    void init();
    void alertTransitions_data();
    void alertTransitions();
    void unknownAlertIsNotFound();
    void alertEditsBehindVigilsBackAreFound();
    void grouping_data();
    void grouping();
    void groupingSettingIsStoredAndChecked();
    void mergeKeepsAlertTimesAndDeduplicates();
    void mergeRefusals_data();
    void mergeRefusals();
    void splitMovesAlertsAndEvents();
    void splitRefusals();
    void suppressionPreview_data();
    void suppressionPreview();
    void suppressedAlertsStayCountable();
    void suppressedAlertEscalatesIntoIncident();
    void suppressionEndsEarly();

private:
    qint64 addEvent(const Spec& s);
    std::vector<qint64> recordSpecs(const std::vector<Spec>& specs, const QString& rule = u"r1"_s);
    std::vector<qint64> incidentOfAlerts(const std::vector<qint64>& alertIds);

    Database m_db;
    std::optional<EventWriter> m_writer;
};

void TestDetection::init()
{
    QTest::failOnWarning(QRegularExpression(u".*"_s));
    auto db = Store::openWriter(u":memory:"_s);
    QVERIFY(db.has_value());
    m_db = std::move(*db);
    auto w = EventWriter::create(m_db);
    QVERIFY(w.has_value());
    m_writer.emplace(std::move(*w));
}

qint64 TestDetection::addEvent(const Spec& s)
{
    Event e;
    e.timeNs = s.minute * kMinute;
    e.host = s.host;
    e.source = u"test"_s;
    e.format = u"json"_s;
    e.summary = u"logon by "_s + s.user;
    if (!s.target.isNull()) {
        e.fields.set(u"TargetUserName"_s, FieldValue::fromString(s.target));
    }
    if (!s.user.isNull()) {
        e.common.set(u"user"_s, FieldValue::fromString(s.user));
    }
    if (!s.ip.isNull()) {
        e.common.set(u"src_ip"_s, FieldValue::fromString(s.ip));
        e.fields.set(u"IpAddress"_s, FieldValue::fromString(s.ip));
    }
    return m_writer->insert(e, 0).has_value() ? e.id : -1;
}

// Records one alert per spec (rule @p rule) and returns the alert ids in spec order.
std::vector<qint64> TestDetection::recordSpecs(const std::vector<Spec>& specs, const QString& rule)
{
    std::vector<Hit> hits;
    std::vector<qint64> events;
    for (const Spec& s : specs) {
        const qint64 ev = addEvent(s);
        events.push_back(ev);
        hits.push_back(Hit{rule, u"Rule "_s + rule, 2, ev, s.minute * kMinute, 0, s.host});
    }
    IncidentService svc(m_db, u"tester"_s);
    Transaction tx(m_db);
    if (!svc.recordHits(hits) || !tx.commit()) {
        return {};
    }
    std::vector<qint64> alerts;
    for (const qint64 ev : events) {
        auto s = m_db.prepare(u"SELECT id FROM alerts WHERE event_id = ?1 AND rule_uid = ?2");
        s->bind(1, ev);
        s->bind(2, rule);
        alerts.push_back(*s->step() ? s->int64(0) : 0);
    }
    return alerts;
}

std::vector<qint64> TestDetection::incidentOfAlerts(const std::vector<qint64>& alertIds)
{
    std::vector<qint64> out;
    for (const qint64 id : alertIds) {
        out.push_back(AlertQueries::load(m_db, id)->alert.incidentId);
    }
    return out;
}

void TestDetection::alertTransitions_data()
{
    QTest::addColumn<QStringList>("path");
    QTest::addColumn<bool>("lastAllowed");
    QTest::addRow("acknowledge, triage, escalate")
        << QStringList{u"acknowledged"_s, u"in_triage"_s, u"escalated"_s} << true;
    QTest::addRow("close at once") << QStringList{u"closed"_s} << true;
    QTest::addRow("triage then close") << QStringList{u"in_triage"_s, u"closed"_s} << true;
    QTest::addRow("closed back into triage") << QStringList{u"closed"_s, u"in_triage"_s} << true;
    QTest::addRow("suppressed back into triage")
        << QStringList{u"suppressed"_s, u"in_triage"_s, u"escalated"_s} << true;
    QTest::addRow("merge a duplicate") << QStringList{u"acknowledged"_s, u"merged"_s} << true;
    QTest::addRow("new to new refused") << QStringList{u"new"_s} << false;
    QTest::addRow("escalated is final") << QStringList{u"escalated"_s, u"closed"_s} << false;
    QTest::addRow("merged is final") << QStringList{u"merged"_s, u"in_triage"_s} << false;
    QTest::addRow("closed to escalated refused") << QStringList{u"closed"_s, u"escalated"_s} << false;
    QTest::addRow("triage back to acknowledged refused")
        << QStringList{u"in_triage"_s, u"acknowledged"_s} << false;
    QTest::addRow("suppressed to closed refused") << QStringList{u"suppressed"_s, u"closed"_s} << false;
}

void TestDetection::alertTransitions()
{
    QFETCH(QStringList, path);
    QFETCH(bool, lastAllowed);
    const qint64 alert = recordSpecs({{0, u"a"_s, {}, {}, {}}}).front();
    QVERIFY(alert > 0);
    AlertService svc(m_db, u"tester"_s);
    for (int i = 0; i < path.size(); ++i) {
        const auto to = alertStatusFromCode(path[i]);
        QVERIFY(to.has_value());
        const QString before = AlertQueries::load(m_db, alert)->alert.status;
        auto r = svc.changeStatus(alert, *to, u"step %1"_s.arg(i));
        const bool expectOk = i + 1 < path.size() || lastAllowed;
        QVERIFY2(r.has_value() == expectOk, qPrintable(path[i]));
        const AlertListing now = *AlertQueries::load(m_db, alert);
        if (expectOk) {
            QCOMPARE(now.alert.status, path[i]);
            QCOMPARE(now.statusBy, u"tester"_s);
            QVERIFY(now.statusNs > 0);
        } else {
            QCOMPARE(r.error().code, ErrorCode::InvalidState);
            QVERIFY2(r.error().message.contains(u"allowed:"), qPrintable(r.error().message));
            QCOMPARE(now.alert.status, before);
        }
    }
    // Every change is journalled on the alert, and the chain still verifies.
    auto journal = Journal::forObject(m_db, u"alert"_s, alert);
    const qsizetype changes = lastAllowed ? path.size() : path.size() - 1;
    QCOMPARE(qsizetype(journal->size()), changes);
    if (changes > 0) {
        QCOMPARE(journal->back().action, u"status"_s);
        QCOMPARE(journal->back().actor, u"tester"_s);
        QVERIFY(journal->back().details.contains(member("to", path[int(changes) - 1])));
    }
    QVERIFY(Journal::verify(m_db)->ok());
}

void TestDetection::unknownAlertIsNotFound()
{
    AlertService svc(m_db, u"tester"_s);
    auto r = svc.changeStatus(4242, AlertStatus::Closed);
    QVERIFY(!r.has_value());
    QCOMPARE(r.error().code, ErrorCode::NotFound);
}

void TestDetection::alertEditsBehindVigilsBackAreFound()
{
    Suppression s;
    s.ruleUid = u"r1"_s;
    s.fields = {{u"host"_s, u"quiet"_s}};
    s.expiresNs = nowNs() + 60 * kMinute;
    QVERIFY(Suppressions::add(m_db, s, u"tester"_s).has_value());
    const auto ids = recordSpecs({{0, u"a"_s, {}, {}, {}}, {1, u"a"_s, {}, {}, {}},
                                  {2, u"quiet"_s, {}, {}, {}}});
    AlertService svc(m_db, u"tester"_s);
    QVERIFY(svc.changeStatus(ids[0], AlertStatus::Closed).has_value());
    QVERIFY(AlertQueries::journalDisagreements(m_db)->isEmpty());
    // With the sqlite3 shell: reopen the closed alert, close a new one.
    QVERIFY(m_db.exec(u"UPDATE alerts SET status = 'new' WHERE id = %1; "
                      u"UPDATE alerts SET status = 'closed' WHERE id = %2"_s.arg(ids[0]).arg(ids[1]))
                .has_value());
    const QStringList problems = *AlertQueries::journalDisagreements(m_db);
    QCOMPARE(problems, (QStringList{u"alert %1 is new, its journal says closed"_s.arg(ids[0]),
                                    u"alert %1 is closed, its journal says new"_s.arg(ids[1])}));
}

void TestDetection::grouping_data()
{
    // Alerts of rule r1: "minute|host|user|src_ip|TargetUserName" (empty: absent). Expected:
    // the incidents as groups of alert indices ("0 1|2": alerts 0 and 1 share one incident).
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("window");
    QTest::addColumn<QStringList>("alerts");
    QTest::addColumn<QString>("incidents");
    QTest::addRow("default: rule + host, 60 min")
        << QString() << QString() << QStringList{u"0|a|||"_s, u"5|a|||"_s, u"10|b|||"_s}
        << u"0 1|2"_s;
    QTest::addRow("host, 30 min window")
        << u"host"_s << u"30m"_s << QStringList{u"0|a|||"_s, u"29|a|||"_s, u"60|a|||"_s}
        << u"0 1|2"_s;
    QTest::addRow("user across hosts")
        << u"user"_s << u"1h"_s
        << QStringList{u"0|a|alice||"_s, u"5|b|alice||"_s, u"7|c|bob||"_s} << u"0 1|2"_s;
    QTest::addRow("source address across hosts and users")
        << u"src_ip"_s << u"1h"_s
        << QStringList{u"0|a|u1|192.0.2.1|"_s, u"1|b|u2|192.0.2.1|"_s, u"2|a|u1|192.0.2.2|"_s}
        << u"0 1|2"_s;
    QTest::addRow("chosen field")
        << u"field:TargetUserName"_s << u"1h"_s
        << QStringList{u"0|a|||admin"_s, u"1|b|||admin"_s, u"2|a|||root"_s} << u"0 1|2"_s;
    QTest::addRow("no value groups with no value")
        << u"user"_s << u"1h"_s << QStringList{u"0|a|||"_s, u"1|b|||"_s, u"2|c|alice||"_s}
        << u"0 1|2"_s;
    QTest::addRow("10 min window, chain of 9 min gaps")
        << u"user"_s << u"10m"_s
        << QStringList{u"0|a|alice||"_s, u"9|a|alice||"_s, u"18|b|alice||"_s, u"40|a|alice||"_s}
        << u"0 1 2|3"_s;
    QTest::addRow("gap of exactly the window opens")
        << u"user"_s << u"10m"_s << QStringList{u"0|a|alice||"_s, u"10|a|alice||"_s}
        << u"0|1"_s;
    QTest::addRow("one day window")
        << u"host"_s << u"1d"_s << QStringList{u"0|a|||"_s, u"600|a|||"_s, u"1300|a|||"_s}
        << u"0 1 2"_s;
}

void TestDetection::grouping()
{
    QFETCH(QString, key);
    QFETCH(QString, window);
    QFETCH(QStringList, alerts);
    QFETCH(QString, incidents);
    if (!key.isEmpty()) {
        GroupingSetting g;
        g.ruleUid = u"r1"_s;
        g.key = *GroupingKey::parse(key, nullptr);
        g.windowNs = *parseDurationNs(window);
        QVERIFY(RuleGrouping::save(m_db, g, u"tester"_s).has_value());
    }
    std::vector<Spec> specs;
    for (const QString& a : alerts) {
        const QStringList p = a.split(u'|');
        auto opt = [](const QString& s) { return s.isEmpty() ? QString() : s; };
        specs.push_back({p[0].toInt(), p[1], opt(p[2]), opt(p[3]), opt(p[4])});
    }
    const std::vector<qint64> ids = recordSpecs(specs);
    QCOMPARE(ids.size(), specs.size());
    const std::vector<qint64> owners = incidentOfAlerts(ids);
    std::map<qint64, QStringList> groups;
    std::vector<qint64> order;
    for (std::size_t i = 0; i < owners.size(); ++i) {
        QVERIFY(owners[i] != 0);
        if (!groups.count(owners[i])) {
            order.push_back(owners[i]);
        }
        groups[owners[i]] << QString::number(i);
    }
    QStringList got;
    for (const qint64 id : order) {
        got << groups[id].join(u' ');
        // Repeats raise the count of the one incident instead of opening new ones.
        QCOMPARE(IncidentQueries::load(m_db, id)->alertCount, qint64(groups[id].size()));
    }
    QCOMPARE(got.join(u'|'), incidents);
    QCOMPARE(qsizetype(IncidentQueries::list(m_db)->size()), qsizetype(order.size()));
}

void TestDetection::groupingSettingIsStoredAndChecked()
{
    QString why;
    QVERIFY(!GroupingKey::parse(u"mac"_s, &why));
    QVERIFY(why.contains(u"host, user, src_ip or field:NAME"));
    QVERIFY(!GroupingKey::parse(u"field:"_s, &why));
    QCOMPARE(GroupingKey::parse(u"field:Image"_s, nullptr)->code(), u"field:Image"_s);
    QCOMPARE(parseDurationNs(u"30m"_s), 30 * kMinute);
    QCOMPARE(parseDurationNs(u"2H"_s), 120 * kMinute);
    QVERIFY(!parseDurationNs(u"30"_s));
    QVERIFY(!parseDurationNs(u"-5m"_s));
    QCOMPARE(durationText(90 * kMinute), u"90m"_s);
    QCOMPARE(durationText(7 * 24 * 60 * kMinute), u"1w"_s);

    GroupingSetting g;
    g.ruleUid = u"r1"_s;
    g.key = *GroupingKey::parse(u"user"_s, nullptr);
    g.windowNs = 0;
    QVERIFY(!RuleGrouping::save(m_db, g, u"tester"_s).has_value()); // no window
    g.windowNs = 31LL * 24 * 60 * kMinute;
    QVERIFY(!RuleGrouping::save(m_db, g, u"tester"_s).has_value()); // beyond 30 days
    g.windowNs = 15 * kMinute;
    QVERIFY(RuleGrouping::save(m_db, g, u"tester"_s).has_value());
    auto loaded = RuleGrouping::load(m_db, u"r1"_s, 60 * kMinute);
    QVERIFY(loaded->stored);
    QCOMPARE(loaded->key.code(), u"user"_s);
    QCOMPARE(loaded->windowNs, 15 * kMinute);
    auto other = RuleGrouping::load(m_db, u"r2"_s, 60 * kMinute);
    QVERIFY(!other->stored);
    QCOMPARE(other->key.code(), u"host"_s);
    QCOMPARE(other->windowNs, 60 * kMinute);
    // Rules are named by id or title; the title must be unambiguous.
    recordSpecs({{0, u"a"_s, {}, {}, {}}}, u"r9"_s);
    QCOMPARE(*RuleGrouping::resolveRule(m_db, u"rule R9"_s), u"r9"_s);
    QCOMPARE(RuleGrouping::resolveRule(m_db, u"nonesuch"_s).error().code, ErrorCode::NotFound);
}

// The merge case: three incidents (two on host a, one on host b) that share an attacker
// address. After the merge every alert keeps its own time, the target spans them all, and the
// shared host and address are one observable each.
void TestDetection::mergeKeepsAlertTimesAndDeduplicates()
{
    const QString ip = u"203.0.113.7"_s;
    const auto a1 = recordSpecs({{0, u"a"_s, u"u1"_s, ip, {}}, {1, u"a"_s, u"u1"_s, ip, {}}});
    const auto b1 = recordSpecs({{2, u"b"_s, u"u2"_s, ip, {}}});
    const auto a2 = recordSpecs({{3, u"a"_s, u"u1"_s, ip, {}}, {4, u"a"_s, u"u3"_s, ip, {}}}, u"r2"_s);
    const qint64 i1 = incidentOfAlerts(a1).front();
    const qint64 i2 = incidentOfAlerts(b1).front();
    const qint64 i3 = incidentOfAlerts(a2).front();
    QVERIFY(i1 != i2 && i2 != i3 && i1 != i3);
    ObservableService observables(m_db, u"tester"_s);
    for (const qint64 id : {i1, i2, i3}) {
        QVERIFY(observables.refresh(id).has_value());
    }
    std::vector<qint64> all = a1;
    all.insert(all.end(), b1.begin(), b1.end());
    all.insert(all.end(), a2.begin(), a2.end());
    std::map<qint64, qint64> timesBefore;
    for (const qint64 id : all) {
        timesBefore[id] = AlertQueries::load(m_db, id)->alert.timeNs;
    }

    IncidentMerger merger(m_db, u"tester"_s);
    auto outcome = merger.merge({i3, i2, i1}); // the oldest becomes the target
    QVERIFY2(outcome.has_value(), qPrintable(outcome ? QString() : outcome.error().message));
    QCOMPARE(outcome->into, i1);
    QCOMPARE(outcome->merged, (std::vector<qint64>{i2, i3}));
    QCOMPARE(outcome->alertsMoved, 3);
    QVERIFY(outcome->observablesJoined >= 2); // host a, the address (and user u1)

    for (const qint64 id : all) {
        const AlertListing a = *AlertQueries::load(m_db, id);
        QCOMPARE(a.alert.incidentId, i1);
        QCOMPARE(a.alert.timeNs, timesBefore[id]);
    }
    const IncidentRecord target = *IncidentQueries::load(m_db, i1);
    QCOMPARE(target.alertCount, 5);
    QCOMPARE(target.firstSeenNs, 0);
    QCOMPARE(target.lastSeenNs, 4 * kMinute);
    QCOMPARE(IncidentQueries::events(m_db, i1, 100)->size(), 5u);
    QCOMPARE(IncidentQueries::events(m_db, i2, 100)->size(), 0u);

    // No duplicate hosts or observables: every (type, value) once, linked to all its events.
    auto obs = ObservableQueries::forIncident(m_db, i1);
    std::set<std::pair<int, QString>> seen;
    std::map<QString, qint64> hostEvents;
    qint64 ipEvents = 0;
    for (const ObservableRecord& o : *obs) {
        QVERIFY2(seen.insert({int(o.type), o.value.toLower()}).second, qPrintable(o.value));
        if (o.type == ObservableType::Host) {
            hostEvents[o.value] = o.eventCount;
        }
        if (o.type == ObservableType::Ip && o.value == ip) {
            ipEvents = o.eventCount;
            QCOMPARE(o.firstSeenNs, 0);
            QCOMPARE(o.lastSeenNs, 4 * kMinute);
        }
    }
    QCOMPARE(hostEvents, (std::map<QString, qint64>{{u"a"_s, 4}, {u"b"_s, 1}}));
    QCOMPARE(ipEvents, 5);
    QVERIFY(ObservableQueries::forIncident(m_db, i2)->empty());

    for (const qint64 gone : {i2, i3}) {
        const IncidentRecord r = *IncidentQueries::load(m_db, gone);
        QCOMPARE(r.status, IncidentStatus::Closed);
        QCOMPARE(r.disposition, u"duplicate"_s);
        QCOMPARE(r.resolution, u"Merged into incident #%1"_s.arg(i1));
        QCOMPARE(r.alertCount, 0);
        auto j = Journal::forObject(m_db, u"incident"_s, gone);
        QCOMPARE(j->back().action, u"status"_s);
        QVERIFY(j->back().details.contains(member("merged_into", i1)));
        // Reopening a merged-away incident is refused: its alerts live on in the target.
        IncidentService svc(m_db, u"tester"_s);
        auto reopen = svc.changeStatus(gone, StatusChange::move(IncidentStatus::Investigating));
        QVERIFY(!reopen.has_value());
        QVERIFY(reopen.error().message.contains(u"merged into incident"));
    }
    auto j = Journal::forObject(m_db, u"incident"_s, i1);
    QCOMPARE(j->back().action, u"merged"_s);
    QVERIFY(j->back().details.contains(
        member("incidents", u"[%1,%2]"_s.arg(i2).arg(i3), false)));
    for (const qint64 id : {i1, i2, i3}) {
        QVERIFY2(IncidentQueries::journalDisagreements(m_db, id)->isEmpty(),
                 qPrintable(IncidentQueries::journalDisagreements(m_db, id)->join(u"; ")));
    }
    QVERIFY(Journal::verify(m_db)->ok());
}

void TestDetection::mergeRefusals_data()
{
    QTest::addColumn<QString>("what");
    QTest::addColumn<QString>("message");
    QTest::addRow("one incident") << u"single"_s << u"at least two"_s;
    QTest::addRow("unknown incident") << u"unknown"_s << u"no incident 999"_s;
    QTest::addRow("target not merged") << u"foreign target"_s << u"must be one of"_s;
    QTest::addRow("already merged") << u"twice"_s << u"already merged"_s;
    QTest::addRow("closed target") << u"closed"_s << u"reopen it"_s;
}

void TestDetection::mergeRefusals()
{
    QFETCH(QString, what);
    QFETCH(QString, message);
    const qint64 i1 = incidentOfAlerts(recordSpecs({{0, u"a"_s, {}, {}, {}}})).front();
    const qint64 i2 = incidentOfAlerts(recordSpecs({{0, u"b"_s, {}, {}, {}}})).front();
    const qint64 i3 = incidentOfAlerts(recordSpecs({{0, u"c"_s, {}, {}, {}}})).front();
    IncidentMerger merger(m_db, u"tester"_s);
    Result<MergeOutcome> r = makeError(ErrorCode::Usage, QString());
    if (what == u"single") {
        r = merger.merge({i1, i1});
    } else if (what == u"unknown") {
        r = merger.merge({i1, 999});
    } else if (what == u"foreign target") {
        r = merger.merge({i1, i2}, i3);
    } else if (what == u"twice") {
        QVERIFY(merger.merge({i1, i2}).has_value());
        r = merger.merge({i2, i3});
    } else if (what == u"closed") {
        IncidentService svc(m_db, u"tester"_s);
        QVERIFY(svc.changeStatus(i1, StatusChange::close(Disposition::FpLogic)).has_value());
        r = merger.merge({i1, i2}, i1);
    }
    QVERIFY(!r.has_value());
    QVERIFY2(r.error().message.contains(message), qPrintable(r.error().message));
    // Nothing moved: incident 3 still holds its alert.
    QCOMPARE(IncidentQueries::load(m_db, i3)->alertCount, 1);
}

void TestDetection::splitMovesAlertsAndEvents()
{
    const auto alerts = recordSpecs({{0, u"a"_s, u"u1"_s, u"192.0.2.1"_s, {}},
                                     {1, u"a"_s, u"u2"_s, u"192.0.2.2"_s, {}},
                                     {2, u"a"_s, u"u1"_s, u"192.0.2.1"_s, {}},
                                     {3, u"a"_s, u"u2"_s, u"192.0.2.2"_s, {}}});
    const qint64 source = incidentOfAlerts(alerts).front();
    QCOMPARE(IncidentQueries::load(m_db, source)->alertCount, 4);
    ObservableService observables(m_db, u"tester"_s);
    QVERIFY(observables.refresh(source).has_value());

    IncidentMerger merger(m_db, u"tester"_s);
    auto split = merger.split(source, {alerts[3], alerts[1]});
    QVERIFY2(split.has_value(), qPrintable(split ? QString() : split.error().message));
    const qint64 created = *split;
    QCOMPARE(incidentOfAlerts(alerts), (std::vector<qint64>{source, created, source, created}));
    for (std::size_t i = 0; i < alerts.size(); ++i) {
        QCOMPARE(AlertQueries::load(m_db, alerts[i])->alert.timeNs, qint64(i) * kMinute);
    }
    const IncidentRecord kept = *IncidentQueries::load(m_db, source);
    const IncidentRecord fresh = *IncidentQueries::load(m_db, created);
    QCOMPARE(kept.alertCount, 2);
    QCOMPARE(kept.firstSeenNs, 0);
    QCOMPARE(kept.lastSeenNs, 2 * kMinute);
    QCOMPARE(fresh.alertCount, 2);
    QCOMPARE(fresh.firstSeenNs, 1 * kMinute);
    QCOMPARE(fresh.lastSeenNs, 3 * kMinute);
    QCOMPARE(fresh.status, IncidentStatus::New);
    QCOMPARE(fresh.ruleUid, u"r1"_s);
    QCOMPARE(fresh.host, u"a"_s);
    QCOMPARE(IncidentQueries::events(m_db, source, 100)->size(), 2u);
    QCOMPARE(IncidentQueries::events(m_db, created, 100)->size(), 2u);
    // The observables went with their events: 192.0.2.2 only in the new incident.
    auto hasIp = [&](qint64 incident, const QString& value) {
        const auto list = ObservableQueries::forIncident(m_db, incident);
        for (const ObservableRecord& o : *list) {
            if (o.type == ObservableType::Ip && o.value == value) {
                return true;
            }
        }
        return false;
    };
    QVERIFY(hasIp(source, u"192.0.2.1"_s));
    QVERIFY(!hasIp(source, u"192.0.2.2"_s));
    QVERIFY(hasIp(created, u"192.0.2.2"_s));
    QVERIFY(!hasIp(created, u"192.0.2.1"_s));

    auto sourceJournal = Journal::forObject(m_db, u"incident"_s, source);
    QVERIFY(std::any_of(sourceJournal->begin(), sourceJournal->end(), [&](const JournalEntry& e) {
        return e.action == u"split" && e.details.contains(member("into", created));
    }));
    auto createdJournal = Journal::forObject(m_db, u"incident"_s, created);
    QCOMPARE(createdJournal->front().action, u"created"_s);
    QVERIFY(createdJournal->front().details.contains(member("split_from", source)));
    QVERIFY(Journal::verify(m_db)->ok());
    // Merging it back restores one incident of four alerts.
    QVERIFY(merger.merge({source, created}).has_value());
    QCOMPARE(IncidentQueries::load(m_db, source)->alertCount, 4);
    QCOMPARE(IncidentQueries::events(m_db, source, 100)->size(), 4u);
}

void TestDetection::splitRefusals()
{
    const auto alerts = recordSpecs({{0, u"a"_s, {}, {}, {}}, {1, u"a"_s, {}, {}, {}}});
    const auto other = recordSpecs({{0, u"b"_s, {}, {}, {}}});
    const qint64 incident = incidentOfAlerts(alerts).front();
    IncidentMerger merger(m_db, u"tester"_s);
    auto r = merger.split(incident, {alerts[0], alerts[1]});
    QVERIFY(!r.has_value());
    QVERIFY(r.error().message.contains(u"keep at least one"));
    r = merger.split(incident, {other[0]});
    QVERIFY(!r.has_value());
    QVERIFY(r.error().message.contains(u"is not in incident"));
    r = merger.split(incident, {});
    QVERIFY(!r.has_value());
    r = merger.split(999, {alerts[0]});
    QCOMPARE(r.error().code, ErrorCode::NotFound);
    QCOMPARE(IncidentQueries::load(m_db, incident)->alertCount, 2);
    QCOMPARE(IncidentQueries::list(m_db)->size(), 2u);

    QString why;
    QCOMPARE(*parseIdList(u"3, 4,7"_s, &why), (std::vector<qint64>{3, 4, 7}));
    QVERIFY(!parseIdList(u"3,x"_s, &why));
    QVERIFY(!parseIdList(u"3,3"_s, &why));
    QVERIFY(why.contains(u"twice"));
    QVERIFY(!parseIdList(u"0"_s, &why));
}

void TestDetection::suppressionPreview_data()
{
    QTest::addColumn<QStringList>("fields");
    QTest::addColumn<qint64>("matched");
    QTest::addRow("user") << QStringList{u"user=alice"_s} << qint64(2);
    QTest::addRow("user in another case") << QStringList{u"user=ALICE"_s} << qint64(2);
    QTest::addRow("host") << QStringList{u"host=b"_s} << qint64(2);
    QTest::addRow("user and address") << QStringList{u"user=alice"_s, u"src_ip=192.0.2.1"_s}
                                      << qint64(1);
    QTest::addRow("event field") << QStringList{u"IpAddress=192.0.2.1"_s} << qint64(3);
    QTest::addRow("nobody") << QStringList{u"user=nobody"_s} << qint64(0);
    QTest::addRow("empty value matches an absent field") << QStringList{u"TargetUserName="_s}
                                                         << qint64(4);
    QTest::addRow("whole values only") << QStringList{u"user=ali"_s} << qint64(0);
}

void TestDetection::suppressionPreview()
{
    QFETCH(QStringList, fields);
    QFETCH(qint64, matched);
    recordSpecs({{0, u"a"_s, u"alice"_s, u"192.0.2.1"_s, {}},
                 {1, u"a"_s, u"alice"_s, u"192.0.2.2"_s, {}},
                 {2, u"b"_s, u"bob"_s, u"192.0.2.1"_s, {}},
                 {3, u"b"_s, u"svc"_s, u"192.0.2.1"_s, {}}});
    recordSpecs({{4, u"a"_s, u"alice"_s, u"192.0.2.1"_s, {}}}, u"r2"_s); // another rule
    Suppression s;
    s.ruleUid = u"r1"_s;
    QString why;
    s.fields = *Suppression::parseFields(fields, &why);
    auto p = Suppressions::preview(m_db, s);
    QVERIFY(p.has_value());
    QCOMPARE(p->ruleAlerts, 4);
    QCOMPARE(p->matched, matched);
    // Saving records the same count.
    s.expiresNs = nowNs() + 7 * 24 * 60 * kMinute;
    auto id = Suppressions::add(m_db, s, u"tester"_s);
    QVERIFY(id.has_value());
    QCOMPARE(Suppressions::list(m_db)->front().previewCount, matched);
}

void TestDetection::suppressedAlertsStayCountable()
{
    QString why;
    QVERIFY(!Suppression::parseFields({u"user"_s}, &why));
    QVERIFY(why.contains(u"NAME=VALUE"));
    QVERIFY(!Suppression::parseFields({u"user=a"_s, u"user=b"_s}, &why));
    Suppression s;
    s.ruleUid = u"r1"_s;
    s.expiresNs = nowNs() + 60 * kMinute;
    QVERIFY(!Suppressions::add(m_db, s, u"tester"_s).has_value()); // no field values
    s.fields = {{u"user"_s, u"svc-backup"_s}};
    s.expiresNs = nowNs() - 1;
    QVERIFY(!Suppressions::add(m_db, s, u"tester"_s).has_value()); // already expired
    s.expiresNs = nowNs() + 60 * kMinute;
    s.reason = u"nightly backup job"_s;
    const qint64 id = *Suppressions::add(m_db, s, u"tester"_s);

    IncidentService svc(m_db, u"tester"_s);
    std::vector<Hit> hits;
    const std::vector<Spec> specs{{0, u"a"_s, u"svc-backup"_s, {}, {}},
                                  {1, u"a"_s, u"alice"_s, {}, {}},
                                  {2, u"b"_s, u"SVC-BACKUP"_s, {}, {}}};
    for (const Spec& sp : specs) {
        hits.push_back(Hit{u"r1"_s, u"Rule r1"_s, 2, addEvent(sp), sp.minute * kMinute, 0, sp.host});
    }
    Transaction tx(m_db);
    auto counts = svc.recordHits(hits);
    QVERIFY(counts.has_value() && tx.commit().has_value());
    QCOMPARE(counts->alertsNew, 3);
    QCOMPARE(counts->alertsSuppressed, 2);
    QCOMPARE(counts->incidentsOpened, 1);
    auto suppressed = AlertQueries::list(m_db, AlertStatus::Suppressed, 100);
    QCOMPARE(suppressed->size(), 2u);
    for (const AlertListing& a : *suppressed) {
        QCOMPARE(a.alert.incidentId, 0);
        QCOMPARE(a.suppressionId, id);
        QCOMPARE(a.statusBy, u"vigil"_s);
    }
    QCOMPARE(AlertQueries::countByStatus(m_db)->at(AlertStatus::Suppressed), 2);
    QCOMPARE(AlertQueries::countByStatus(m_db)->at(AlertStatus::New), 1);
    QCOMPARE(Suppressions::list(m_db)->front().suppressedCount, 2);
    auto j = Journal::forObject(m_db, u"suppression"_s, id);
    QCOMPARE(j->size(), 2u);
    QCOMPARE(j->at(0).action, u"created"_s);
    QCOMPARE(j->at(1).action, u"alerts_suppressed"_s);
    QVERIFY(j->at(1).details.contains("\"count\":2"));

    // Once expired, matching alerts form incidents again.
    QVERIFY(m_db.exec(u"UPDATE suppressions SET expires_ns = 1").has_value());
    const auto later = recordSpecs({{3, u"c"_s, u"svc-backup"_s, {}, {}}});
    QVERIFY(incidentOfAlerts(later).front() != 0);
    QCOMPARE(AlertQueries::countByStatus(m_db)->at(AlertStatus::Suppressed), 2);
    QVERIFY(Journal::verify(m_db)->ok());
}

void TestDetection::suppressedAlertEscalatesIntoIncident()
{
    Suppression s;
    s.ruleUid = u"r1"_s;
    s.fields = {{u"host"_s, u"a"_s}};
    s.expiresNs = nowNs() + 60 * kMinute;
    QVERIFY(Suppressions::add(m_db, s, u"tester"_s).has_value());
    const qint64 alert = recordSpecs({{0, u"a"_s, {}, {}, {}}}).front();
    QCOMPARE(AlertQueries::load(m_db, alert)->alert.status, u"suppressed"_s);
    QVERIFY(IncidentQueries::list(m_db)->empty());
    AlertService svc(m_db, u"tester"_s);
    auto refused = svc.changeStatus(alert, AlertStatus::Escalated);
    QVERIFY(!refused.has_value());
    QVERIFY(refused.error().message.contains(u"allowed: In triage"));
    QVERIFY(svc.changeStatus(alert, AlertStatus::InTriage).has_value());
    QVERIFY(svc.changeStatus(alert, AlertStatus::Escalated, u"real after all"_s).has_value());
    const AlertListing a = *AlertQueries::load(m_db, alert);
    QCOMPARE(a.alert.status, u"escalated"_s);
    QVERIFY(a.alert.incidentId != 0);
    const IncidentRecord inc = *IncidentQueries::load(m_db, a.alert.incidentId);
    QCOMPARE(inc.alertCount, 1);
    QCOMPARE(inc.firstSeenNs, 0);
    QCOMPARE(IncidentQueries::events(m_db, inc.id, 10)->size(), 1u);
    auto j = Journal::forObject(m_db, u"alert"_s, alert);
    QCOMPARE(j->size(), 2u);
    QVERIFY(j->back().details.contains(member("incident_id", inc.id)));
    QVERIFY(j->back().details.contains("\"comment\":\"real after all\""));
}

void TestDetection::suppressionEndsEarly()
{
    Suppression s;
    s.ruleUid = u"r1"_s;
    s.fields = {{u"host"_s, u"a"_s}};
    s.expiresNs = nowNs() + 7 * 24 * 60 * kMinute;
    const qint64 id = *Suppressions::add(m_db, s, u"tester"_s);
    const qint64 hidden = recordSpecs({{0, u"a"_s, {}, {}, {}}}).front();
    QCOMPARE(AlertQueries::load(m_db, hidden)->alert.status, u"suppressed"_s);

    const qint64 before = nowNs();
    QVERIFY(Suppressions::end(m_db, id, u"lead"_s, u"maintenance is over"_s).has_value());
    const Suppression ended = Suppressions::list(m_db)->front();
    QVERIFY(!ended.isActive(nowNs()));
    QCOMPARE(ended.stateCode(nowNs()), u"ended"_s);
    QCOMPARE(ended.expiresNs, s.expiresNs); // the expiry it had is kept
    QVERIFY(ended.endedNs >= before && ended.endedNs <= nowNs());
    QCOMPARE(ended.endedBy, u"lead"_s);
    QCOMPARE(ended.endReason, u"maintenance is over"_s);
    QCOMPARE(ended.suppressedCount, 1);
    QVERIFY(Suppressions::active(m_db, nowNs())->empty());
    // What it already hid stays hidden and countable; new matching alerts form incidents.
    QCOMPARE(AlertQueries::load(m_db, hidden)->alert.status, u"suppressed"_s);
    const auto after = recordSpecs({{1, u"a"_s, {}, {}, {}}});
    QVERIFY(incidentOfAlerts(after).front() != 0);
    auto j = Journal::forObject(m_db, u"suppression"_s, id);
    QCOMPARE(j->back().action, u"ended"_s);
    QCOMPARE(j->back().actor, u"lead"_s);
    QVERIFY(j->back().details.contains("\"reason\":\"maintenance is over\""));
    QVERIFY(j->back().details.contains("\"expires\":"));

    // Ending it again, or an unknown one, is refused with the reason.
    auto again = Suppressions::end(m_db, id, u"lead"_s, QString());
    QVERIFY(!again.has_value());
    QCOMPARE(again.error().code, ErrorCode::Usage);
    QVERIFY(again.error().message.contains(u"no longer active: lead ended it"));
    auto unknown = Suppressions::end(m_db, 999, u"lead"_s, QString());
    QVERIFY(!unknown.has_value());
    QCOMPARE(unknown.error().code, ErrorCode::NotFound);
    QCOMPARE(Journal::forObject(m_db, u"suppression"_s, id)->size(), j->size());
    QVERIFY(Journal::verify(m_db)->ok());
}

QTEST_GUILESS_MAIN(TestDetection)
#include "tst_detection.moc"
