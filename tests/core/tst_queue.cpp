// Queue actions (acknowledge, assign, bulk), queue filters and saved views, and the incident
// timeline with annotations and events added by hand.
#include <QTest>

#include "investigation/case_timeline.h"
#include "investigation_fixture.h"
#include "storage/journal.h"
#include "triage/alert_service.h"
#include "triage/bulk_triage.h"
#include "triage/metrics.h"
#include "triage/queue_filter.h"

using namespace vigil;
using namespace Qt::StringLiterals;

namespace {

QStringList actions(Database& db, qint64 incidentId)
{
    QStringList out;
    const auto entries = Journal::forObject(db, u"incident"_s, incidentId);
    if (!entries) {
        return out;
    }
    for (const JournalEntry& e : *entries) {
        out << e.action;
    }
    return out;
}

IncidentRecord incident(qint64 id, IncidentStatus status, const QString& priority,
                        const QString& assignee, const QString& host = u"web-1"_s)
{
    IncidentRecord r;
    r.id = id;
    r.title = u"SSH brute force"_s;
    r.ruleUid = u"rule-ssh-bf"_s;
    r.host = host;
    r.status = status;
    r.priority = priority;
    r.assignee = assignee;
    return r;
}

} // namespace

class TestQueue : public QObject {
    Q_OBJECT
private slots:
    void queueOrderIsPriorityFirst();
    void acknowledgeIsJournalledAndCountsForMtta();
    void acknowledgeRefusals();
    void assignAndUnassign();
    void assignmentEditedBehindVigilsBack();
    void bulkStatusRefusesPerIncident();
    void filterMatches_data();
    void filterMatches();
    void filterJsonRoundTrip();
    void savedViews();
    void timelineOrderAndAnnotations();
    void annotationMustBelongToIncident();
    void addEventToIncident();
    void timelineShowsAlertActions();
};

void TestQueue::acknowledgeIsJournalledAndCountsForMtta()
{
    auto c = test::makeCaseStore();
    QVERIFY2(c.error.isEmpty(), qPrintable(c.error));
    IncidentService service(c.db, u"ana"_s);
    QVERIFY(service.acknowledge(c.incidentId).has_value());
    const IncidentRecord r = *IncidentQueries::load(c.db, c.incidentId);
    QVERIFY(r.acknowledgedNs > 0);
    QCOMPARE(r.acknowledgedBy, u"ana"_s);
    QCOMPARE(r.status, IncidentStatus::New); // acknowledging is not a status change
    QCOMPARE(actions(c.db, c.incidentId).last(), u"acknowledged"_s);
    auto timelines = Metrics::timelines(c.db);
    QVERIFY(timelines.has_value());
    QCOMPARE(timelines->size(), 1u);
    QCOMPARE(timelines->front().tAck, r.acknowledgedNs);
    const auto report = Metrics::compute(c.db);
    QCOMPARE(report->mtta.count, 1);
    QVERIFY(Journal::verify(c.db)->ok());
}

void TestQueue::acknowledgeRefusals()
{
    auto c = test::makeCaseStore();
    IncidentService service(c.db, u"ana"_s);
    QVERIFY(service.acknowledge(c.incidentId).has_value());
    auto again = service.acknowledge(c.incidentId);
    QVERIFY(!again);
    QVERIFY2(again.error().message.contains(u"already acknowledged by ana"_s),
             qPrintable(again.error().message));
    auto missing = service.acknowledge(c.incidentId + 100);
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, ErrorCode::NotFound);
    // A closed incident is not acknowledged after the fact.
    auto other = test::makeCaseStore();
    IncidentService second(other.db, u"ana"_s);
    QVERIFY(second.changeStatus(other.incidentId, StatusChange::close(Disposition::FpLogic))
                .has_value());
    auto closed = second.acknowledge(other.incidentId);
    QVERIFY(!closed);
    QVERIFY(closed.error().message.contains(u"only open incidents"_s));
}

void TestQueue::assignAndUnassign()
{
    auto c = test::makeCaseStore();
    IncidentService service(c.db, u"ana"_s);
    QVERIFY(service.assign(c.incidentId, u"  bob  "_s).has_value());
    QCOMPARE(IncidentQueries::load(c.db, c.incidentId)->assignee, u"bob"_s);
    auto same = service.assign(c.incidentId, u"bob"_s);
    QVERIFY(!same);
    QVERIFY(same.error().message.contains(u"already assigned to bob"_s));
    QVERIFY(!service.assign(c.incidentId, u"two\nlines"_s));
    QVERIFY(service.assign(c.incidentId, QString()).has_value());
    QVERIFY(IncidentQueries::load(c.db, c.incidentId)->assignee.isEmpty());
    auto entries = *Journal::forObject(c.db, u"incident"_s, c.incidentId);
    QCOMPARE(entries.back().action, u"assigned"_s);
    QCOMPARE(entries.back().details, QByteArray(R"({"from":"bob","to":""})"));
    QVERIFY(IncidentQueries::journalDisagreements(c.db, c.incidentId)->isEmpty());
    // Assigning counts as the first human action (t_ack).
    QVERIFY(Metrics::timelines(c.db)->front().tAck > 0);
}

void TestQueue::assignmentEditedBehindVigilsBack()
{
    auto c = test::makeCaseStore();
    IncidentService service(c.db, u"ana"_s);
    QVERIFY(service.assign(c.incidentId, u"bob"_s).has_value());
    QVERIFY(c.db.exec(u"UPDATE incidents SET assignee = 'mallory'").has_value());
    const QStringList problems = *IncidentQueries::journalDisagreements(c.db, c.incidentId);
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems.front().contains(u"mallory"_s), qPrintable(problems.front()));
}

void TestQueue::bulkStatusRefusesPerIncident()
{
    auto c = test::makeCaseStore();
    IncidentService service(c.db, u"ana"_s);
    // A second incident on another host, moved to Investigating: Contained is allowed there
    // but not from New.
    const Hit hit{u"rule-other"_s, u"Other"_s, 2, c.otherEvents.front(), 1, 0, u"fw-edge"_s};
    Transaction tx(c.db);
    QVERIFY(service.recordHits({hit}).has_value());
    QVERIFY(tx.commit().has_value());
    const qint64 second = IncidentQueries::list(c.db)->back().id;
    QVERIFY(second != c.incidentId);
    QVERIFY(service.changeStatus(second, StatusChange::move(IncidentStatus::Investigating))
                .has_value());
    const BulkOutcome out = applyToEach({c.incidentId, second}, [&](qint64 id) {
        return service.changeStatus(id, StatusChange::move(IncidentStatus::Contained));
    });
    QCOMPARE(out.done, std::vector<qint64>{second});
    QCOMPARE(out.refused.size(), 1u);
    QCOMPARE(out.refused.front().first, c.incidentId);
    QVERIFY2(out.refused.front().second.message.contains(u"allowed: Investigating, On hold, Closed"_s),
             qPrintable(out.refused.front().second.message));
    QCOMPARE(IncidentQueries::load(c.db, second)->status, IncidentStatus::Contained);
    QCOMPARE(IncidentQueries::load(c.db, c.incidentId)->status, IncidentStatus::New);
}

void TestQueue::filterMatches_data()
{
    QTest::addColumn<QByteArray>("filter");
    QTest::addColumn<QList<qint64>>("expected");
    // The incidents: 1 new P1 ana web-1, 2 investigating P2 bob db-1, 3 closed P3 unassigned
    // web-2, 4 on hold (no priority) ana web-1.
    QTest::newRow("empty: all but closed") << QByteArray("{}") << QList<qint64>{1, 2, 4};
    QTest::newRow("show closed") << QByteArray(R"({"show_closed":true})")
                                 << QList<qint64>{1, 2, 3, 4};
    QTest::newRow("status closed shows closed") << QByteArray(R"({"statuses":"closed"})")
                                                << QList<qint64>{3};
    QTest::newRow("two statuses") << QByteArray(R"({"statuses":"new,on_hold"})")
                                  << QList<qint64>{1, 4};
    QTest::newRow("priority P1 or none") << QByteArray(R"({"priorities":"P1,none"})")
                                         << QList<qint64>{1, 4};
    QTest::newRow("assignee me") << QByteArray(R"({"assignee":"@me"})") << QList<qint64>{1, 4};
    QTest::newRow("assignee name ignores case") << QByteArray(R"({"assignee":"BOB"})")
                                                << QList<qint64>{2};
    QTest::newRow("unassigned with closed")
        << QByteArray(R"({"assignee":"@unassigned","show_closed":true})") << QList<qint64>{3};
    QTest::newRow("host part") << QByteArray(R"({"host":"WEB"})") << QList<qint64>{1, 4};
    QTest::newRow("rule id part") << QByteArray(R"({"rule":"ssh-bf"})") << QList<qint64>{1, 2, 4};
    QTest::newRow("rule title part") << QByteArray(R"({"rule":"brute"})")
                                     << QList<qint64>{1, 2, 4};
    QTest::newRow("rule no match") << QByteArray(R"({"rule":"phishing"})") << QList<qint64>{};
    QTest::newRow("text status name") << QByteArray(R"({"text":"on hold"})") << QList<qint64>{4};
    QTest::newRow("text id") << QByteArray(R"({"text":"#2"})") << QList<qint64>{2};
    QTest::newRow("combined") << QByteArray(R"({"assignee":"@me","priorities":"P1","host":"web"})")
                              << QList<qint64>{1};
}

void TestQueue::filterMatches()
{
    QFETCH(QByteArray, filter);
    QFETCH(QList<qint64>, expected);
    const std::vector<IncidentRecord> all{
        incident(1, IncidentStatus::New, u"P1"_s, u"ana"_s),
        incident(2, IncidentStatus::Investigating, u"P2"_s, u"bob"_s, u"db-1"_s),
        incident(3, IncidentStatus::Closed, u"P3"_s, QString(), u"web-2"_s),
        incident(4, IncidentStatus::OnHold, QString(), u"Ana"_s),
    };
    auto f = QueueFilter::fromJson(filter);
    QVERIFY2(f.has_value(), qPrintable(f ? QString() : f.error().message));
    QList<qint64> got;
    for (const IncidentRecord& r : all) {
        if (f->matches(r, u"ana"_s)) {
            got << r.id;
        }
    }
    QCOMPARE(got, expected);
}

void TestQueue::filterJsonRoundTrip()
{
    QueueFilter f;
    f.statuses = {IncidentStatus::New, IncidentStatus::OnHold};
    f.priorities = {u"P1"_s, u"none"_s};
    f.assignee = u"@me"_s;
    f.rule = u"\"quoted\" rule"_s;
    f.host = u"web"_s;
    f.text = u"a,b"_s;
    f.showClosed = true;
    auto back = QueueFilter::fromJson(f.toJson());
    QVERIFY(back.has_value());
    QVERIFY(*back == f);
    auto bad = QueueFilter::fromJson(R"({"statuses":"new,pending"})");
    QVERIFY(!bad);
    QVERIFY(bad.error().message.contains(u"unknown status \"pending\""_s));
    QVERIFY(!QueueFilter::fromJson(R"({"priorities":"P9"})"));
    QVERIFY(!QueueFilter::fromJson("not json"));
}

void TestQueue::savedViews()
{
    auto c = test::makeCaseStore();
    QueueFilter mine;
    mine.assignee = u"@me"_s;
    QueueFilter urgent;
    urgent.priorities = {u"P1"_s};
    QVERIFY(QueueViews::save(c.db, u"My queue"_s, mine).has_value());
    QVERIFY(QueueViews::save(c.db, u"Urgent"_s, urgent).has_value());
    QVERIFY(!QueueViews::save(c.db, u"   "_s, urgent));
    // Saving under the same name (ignoring case) replaces the view.
    urgent.statuses = {IncidentStatus::New};
    QVERIFY(QueueViews::save(c.db, u"urgent"_s, urgent).has_value());
    auto views = QueueViews::list(c.db);
    QVERIFY(views.has_value());
    QCOMPARE(views->size(), 2u);
    QCOMPARE(views->at(0).name, u"My queue"_s);
    QVERIFY(views->at(0).filter == mine);
    QCOMPARE(views->at(1).name, u"urgent"_s);
    QVERIFY(views->at(1).filter == urgent);
    QVERIFY(*QueueViews::find(c.db, u"URGENT"_s) == urgent);
    QVERIFY(QueueViews::remove(c.db, u"My queue"_s).has_value());
    QCOMPARE(QueueViews::list(c.db)->size(), 1u);
    auto missing = QueueViews::remove(c.db, u"My queue"_s);
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, ErrorCode::NotFound);
}

void TestQueue::timelineOrderAndAnnotations()
{
    auto c = test::makeCaseStore();
    IncidentService service(c.db, u"ana"_s);
    QVERIFY(service.acknowledge(c.incidentId).has_value());
    const qint64 alertId = IncidentQueries::alerts(c.db, c.incidentId)->front().id;
    auto note = service.annotate(c.incidentId, u"alert"_s, alertId, u"<b>Word macro</b>"_s);
    QVERIFY(note.has_value());
    QVERIFY(service.annotate(c.incidentId, u"event"_s, c.incidentEvents[3], u"stage 2"_s)
                .has_value());
    auto t = CaseTimeline::load(c.db, c.incidentId);
    QVERIFY(t.has_value());
    QCOMPARE(t->eventsTotal, 6);
    QCOMPARE(t->eventsShown, 6);
    // 6 events + 1 alert + every journal entry of the incident (created, priority,
    // acknowledged, the two notes, and whatever else opening it recorded).
    const auto entries = *Journal::forObject(c.db, u"incident"_s, c.incidentId);
    QVERIFY(entries.size() >= 5u);
    QCOMPARE(t->items.size(), 7u + entries.size());
    for (size_t i = 1; i < t->items.size(); ++i) {
        QVERIFY(t->items[i - 1].timeNs <= t->items[i].timeNs);
    }
    // The alert's event and the alert share a time: the event comes first.
    QCOMPARE(t->items[0].kind, TimelineKind::Event);
    QCOMPARE(t->items[0].refId, c.incidentEvents[0]);
    QCOMPARE(t->items[1].kind, TimelineKind::Alert);
    QCOMPARE(t->items[1].refId, alertId);
    QCOMPARE(t->items[1].annotations.size(), 1u);
    QCOMPARE(t->items[1].annotations.front().body, u"<b>Word macro</b>"_s);
    QCOMPARE(t->items[1].annotations.front().noteId, *note);
    // Events of 2024 before the journal entries written now.
    QList<qint64> events;
    for (const TimelineItem& i : t->items) {
        if (i.kind == TimelineKind::Event) {
            events << i.refId;
            QCOMPARE(i.annotations.size(), i.refId == c.incidentEvents[3] ? 1u : 0u);
        }
    }
    QCOMPARE(events.size(), 6);
    const TimelineItem& last = t->items.back();
    QCOMPARE(last.kind, TimelineKind::Action);
    QCOMPARE(last.what, u"note"_s);
    QVERIFY(last.detail.contains(u"\"ref_type\":\"event\""_s));
    // Annotations are notes: the note count still agrees with the journal.
    QVERIFY(IncidentQueries::journalDisagreements(c.db, c.incidentId)->isEmpty());
    // A limit leaves events out and says so.
    auto limited = CaseTimeline::load(c.db, c.incidentId, 2);
    QCOMPARE(limited->eventsShown, 2);
    QCOMPARE(limited->eventsTotal, 6);
}

void TestQueue::annotationMustBelongToIncident()
{
    auto c = test::makeCaseStore();
    IncidentService service(c.db, u"ana"_s);
    auto foreign = service.annotate(c.incidentId, u"event"_s, c.otherEvents.front(), u"x"_s);
    QVERIFY(!foreign);
    QVERIFY(foreign.error().message.contains(u"is not part of incident"_s));
    QVERIFY(!service.annotate(c.incidentId, u"rule"_s, 1, u"x"_s));
    QVERIFY(!service.annotate(c.incidentId, u"event"_s, c.incidentEvents[0], u"  "_s));
    const qint64 seq = Journal::forObject(c.db, u"incident"_s, c.incidentId)->front().seq;
    QVERIFY(service.annotate(c.incidentId, u"journal"_s, seq, u"created by the hunt"_s)
                .has_value());
}

void TestQueue::addEventToIncident()
{
    auto c = test::makeCaseStore();
    IncidentService service(c.db, u"ana"_s);
    const qint64 eventId = c.otherEvents.front();
    QVERIFY(service.addEvent(c.incidentId, eventId).has_value());
    auto again = service.addEvent(c.incidentId, eventId);
    QVERIFY(!again);
    QVERIFY(again.error().message.contains(u"already part of incident"_s));
    QCOMPARE(service.addEvent(c.incidentId, 999999).error().code, ErrorCode::NotFound);
    QCOMPARE(service.addEvent(c.incidentId + 50, eventId).error().code, ErrorCode::NotFound);
    auto reason = c.db.prepare(u"SELECT reason FROM incident_events WHERE event_id = ?1");
    reason->bind(1, eventId);
    QVERIFY(*reason->step());
    QCOMPARE(reason->text(0), u"analyst"_s);
    auto entries = *Journal::forObject(c.db, u"incident"_s, c.incidentId);
    QCOMPARE(entries.back().action, u"event_added"_s);
    const QByteArray expectedStart = "{\"event_id\":" + QByteArray::number(eventId) + ',';
    QVERIFY(entries.back().details.startsWith(expectedStart));
    auto t = CaseTimeline::load(c.db, c.incidentId);
    QCOMPARE(t->eventsTotal, 7);
    // The firewall event of the evening before is now the first item.
    QCOMPARE(t->items.front().refId, eventId);
    QVERIFY(Journal::verify(c.db)->ok());
}

// An analyst's action on one of the incident's alerts (its own workflow) is on the timeline too,
// and can be annotated.
void TestQueue::timelineShowsAlertActions()
{
    auto c = test::makeCaseStore();
    const qint64 alertId = IncidentQueries::alerts(c.db, c.incidentId)->front().id;
    AlertService alerts(c.db, u"ana"_s);
    QVERIFY(alerts.changeStatus(alertId, AlertStatus::Acknowledged).has_value());
    auto t = CaseTimeline::load(c.db, c.incidentId);
    QVERIFY(t.has_value());
    const TimelineItem& last = t->items.back();
    QCOMPARE(last.kind, TimelineKind::Action);
    QCOMPARE(last.object, u"alert %1"_s.arg(alertId));
    QCOMPARE(last.who, u"ana"_s);
    IncidentService service(c.db, u"ana"_s);
    QVERIFY(service.annotate(c.incidentId, u"journal"_s, last.refId, u"seen on the console"_s)
                .has_value());
    // An entry of another incident's object is refused.
    QVERIFY(!service.annotate(c.incidentId, u"journal"_s, last.refId + 100, u"x"_s));
}

void TestQueue::queueOrderIsPriorityFirst()
{
    // The app's queue and `vigil-cli queue` share this order (a first-time user found the CLI
    // listing by latest activity, its first P1 in row 11).
    const auto make = [](qint64 id, IncidentStatus st, const QString& prio, int sev, qint64 last) {
        IncidentRecord r;
        r.id = id;
        r.status = st;
        r.priority = prio;
        r.severity = sev;
        r.lastSeenNs = last;
        return r;
    };
    std::vector<IncidentRecord> list = {
        make(1, IncidentStatus::Closed, u"P1"_s, 4, 900),
        make(2, IncidentStatus::New, u"P3"_s, 2, 800),
        make(3, IncidentStatus::Investigating, u"P1"_s, 3, 100),
        make(4, IncidentStatus::New, QString(), 4, 999),
        make(5, IncidentStatus::New, u"P1"_s, 4, 50),
        make(6, IncidentStatus::OnHold, u"P3"_s, 2, 850),
    };
    std::stable_sort(list.begin(), list.end(), queueOrder);
    QList<qint64> ids;
    for (const IncidentRecord& r : list) {
        ids << r.id;
    }
    // Open first; P1 (critical before high), then P3 by latest activity, then no priority;
    // the closed one last.
    QCOMPARE(ids, (QList<qint64>{5, 3, 6, 2, 4, 1}));
}

QTEST_GUILESS_MAIN(TestQueue)
#include "tst_queue.moc"
