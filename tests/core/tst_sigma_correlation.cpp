// Correlation semantics of the engine (sigma-semantics.md §7, case B33): every type, every
// condition operator, group-by, aliases, generate, chaining, windows and their edges.
#include <algorithm>
#include <random>

#include <QTest>

#include "model/event.h"
#include "sigma/correlation_engine.h"
#include "sigma/correlation_rule.h"
#include "sigma/rule.h"
#include "sigma/rule_set.h"
#include "util/timestamp.h"

using namespace vigil;
using namespace Qt::StringLiterals;

namespace {

// Three base rules: A, B and C match events whose Tag contains a, b or c ("ab" matches both).
const QString kBaseRules = u"title: A\nname: rule_a\nid: 0000000a-0000-4000-8000-000000000000\n"
                           u"detection: {sel: {Tag|contains: a}, condition: sel}\n"
                           u"---\n"
                           u"title: B\nname: rule_b\nid: 0000000b-0000-4000-8000-000000000000\n"
                           u"detection: {sel: {Tag|contains: b}, condition: sel}\n"
                           u"---\n"
                           u"title: C\nname: rule_c\nid: 0000000c-0000-4000-8000-000000000000\n"
                           u"detection: {sel: {Tag|contains: c}, condition: sel}\n"_s;

constexpr qint64 kSec = 1'000'000'000LL;
const qint64 kBase = parseIso8601(u"2024-05-01T10:00:00Z")->ns;

/**
 * Events as "<seconds> <Tag> Field=value ...", separated by ';'. Event n (1-based, in this
 * order) gets id n, so ties in time are broken by the order written.
 */
std::vector<Event> makeEvents(const QString& spec)
{
    std::vector<Event> out;
    for (const QString& part : spec.split(u';', Qt::SkipEmptyParts)) {
        const QStringList tokens = part.trimmed().split(u' ', Qt::SkipEmptyParts);
        Event e;
        e.id = qint64(out.size()) + 1;
        e.timeNs = kBase + tokens.value(0).toLongLong() * kSec;
        e.source = u"t.log"_s;
        e.sourcePos = e.id;
        e.fields.set(u"Tag"_s, FieldValue::fromString(tokens.value(1)));
        for (qsizetype i = 2; i < tokens.size(); ++i) {
            const qsizetype eq = tokens[i].indexOf(u'=');
            e.fields.set(tokens[i].left(eq), FieldValue::fromString(tokens[i].mid(eq + 1)));
        }
        out.push_back(std::move(e));
    }
    return out;
}

/** "group|count|ids" per alert, sorted. */
QStringList describe(const std::vector<sigma::CorrelationAlert>& alerts)
{
    QStringList out;
    for (const auto& a : alerts) {
        QStringList ids;
        for (const auto& e : a.events) {
            ids << QString::number(e.eventId);
        }
        out << a.groupValues.join(u',') + u'|' + QString::number(a.count) + u'|' + ids.join(u',');
    }
    out.sort();
    return out;
}

std::vector<sigma::CorrelationAlert> run(const sigma::RuleSet& set,
                                         const std::vector<Event>& events,
                                         sigma::CorrelationEngine::Options options = {})
{
    sigma::CorrelationEngine engine(set, options);
    std::vector<sigma::CorrelationAlert> alerts;
    std::vector<const sigma::Rule*> matched;
    for (const Event& e : events) {
        matched.clear();
        set.match(e, matched);
        engine.add(e, matched, alerts);
    }
    engine.finish(alerts);
    return alerts;
}

QString issuesText(const sigma::RuleSet& set)
{
    QStringList out;
    for (const sigma::LoadIssue& i : set.issues()) {
        out << i.toString();
    }
    return out.join(u'\n');
}

} // namespace

class TestSigmaCorrelation : public QObject {
    Q_OBJECT
private slots:
    void semantics_data() const;
    void semantics() const;
    void windowEndIsInclusiveToTheNanosecond() const;
    void caseB33SlidingWindow() const;
    void generateDecidesWhetherBaseRulesAlert_data() const;
    void generateDecidesWhetherBaseRulesAlert() const;
    void shuffledWithinTheWindowGivesTheSameAlerts() const;
    void eventsLaterThanTheAllowanceOpenALane() const;
    void stateExpiresWithTheWindow() const;
};

void TestSigmaCorrelation::semantics_data() const
{
    QTest::addColumn<QString>("correlation");
    QTest::addColumn<QString>("events");
    QTest::addColumn<QStringList>("expected");
    const QString ec = u"title: c\ncorrelation:\n  type: event_count\n  rules: [rule_a]\n"
                       u"  group-by: [User]\n  timespan: 5m\n  condition: "_s;
    // event_count (sigma-semantics.md §7 sketches)
    QTest::newRow("event_count gte 3, one user in 2 minutes")
        << ec + u"{gte: 3}"_s << u"0 a User=bob; 60 a User=bob; 120 a User=bob"_s
        << QStringList{u"bob|3|1,2,3"_s};
    QTest::newRow("event_count gte 3, split over two users")
        << ec + u"{gte: 3}"_s << u"0 a User=bob; 60 a User=bob; 120 a User=alice"_s
        << QStringList();
    QTest::newRow("event_count gte 3, third event outside the window")
        << ec + u"{gte: 3}"_s << u"0 a User=bob; 60 a User=bob; 360 a User=bob"_s
        << QStringList();
    QTest::newRow("event_count slides: old event drops out, later three fire")
        << ec + u"{gte: 3}"_s << u"0 a User=bob; 200 a User=bob; 400 a User=bob; 450 a User=bob"_s
        << QStringList{u"bob|3|2,3,4"_s};
    QTest::newRow("event_count alert consumes its events: 9 events, 3 alerts")
        << ec + u"{gte: 3}"_s
        << u"0 a User=u; 1 a User=u; 2 a User=u; 3 a User=u; 4 a User=u; 5 a User=u; "
           u"6 a User=u; 7 a User=u; 8 a User=u"_s
        << QStringList{u"u|3|1,2,3"_s, u"u|3|4,5,6"_s, u"u|3|7,8,9"_s};
    QTest::newRow("event_count gt 2 is gte 3")
        << ec + u"{gt: 2}"_s << u"0 a User=bob; 1 a User=bob; 2 a User=bob"_s
        << QStringList{u"bob|3|1,2,3"_s};
    QTest::newRow("event_count counts only referenced rules")
        << ec + u"{gte: 2}"_s << u"0 a User=bob; 1 b User=bob; 2 c User=bob"_s << QStringList();
    QTest::newRow("event_count: event without the group-by field is left out")
        << ec + u"{gte: 2}"_s << u"0 a User=bob; 1 a; 2 a Other=bob"_s << QStringList();
    QTest::newRow("event_count: group values are case-sensitive text")
        << ec + u"{gte: 2}"_s << u"0 a User=bob; 1 a User=Bob"_s << QStringList();
    // Conditions judged when the window has passed (anchored at the group's first event).
    QTest::newRow("lt 3: two events, judged when the window closes")
        << ec + u"{lt: 3}"_s << u"0 a User=bob; 100 a User=bob; 400 a User=alice"_s
        << QStringList{u"alice|1|3"_s, u"bob|2|1,2"_s};
    QTest::newRow("lt 3: three events in the window, no alert")
        << ec + u"{lt: 3}"_s << u"0 a User=bob; 100 a User=bob; 299 a User=bob"_s
        << QStringList();
    QTest::newRow("lte 2 with a second window after the first closed")
        << ec + u"{lte: 2}"_s
        << u"0 a User=bob; 10 a User=bob; 20 a User=bob; 400 a User=bob"_s
        << QStringList{u"bob|1|4"_s};
    QTest::newRow("eq 2") << ec + u"{eq: 2}"_s
                          << u"0 a User=bob; 10 a User=bob; 0 a User=al; 5 a User=al; 9 a User=al"_s
                          << QStringList{u"bob|2|1,2"_s};
    QTest::newRow("neq 2") << ec + u"{neq: 2}"_s
                           << u"0 a User=bob; 10 a User=bob; 20 a User=al"_s
                           << QStringList{u"al|1|3"_s};
    QTest::newRow("range gt 1 and lte 3 (AND-ed)")
        << ec + u"{gt: 1, lte: 3}"_s
        << u"0 a User=x; 0 a User=y; 1 a User=y; 0 a User=z; 1 a User=z; 2 a User=z; 3 a User=z"_s
        << QStringList{u"y|2|2,3"_s};
    QTest::newRow("range gte 2 and lt 4 is judged at the close")
        << ec + u"{gte: 2, lt: 4}"_s << u"0 a User=y; 1 a User=y; 2 a User=y"_s
        << QStringList{u"y|3|1,2,3"_s};
    // No group-by: one group for everything.
    QTest::newRow("event_count without group-by")
        << u"title: c\ncorrelation: {type: event_count, rules: rule_a, timespan: 1m, "
           u"condition: {gte: 2}}"_s
        << u"0 a User=bob; 30 a User=alice"_s << QStringList{u"|2|1,2"_s};
    QTest::newRow("two group-by fields")
        << u"title: c\ncorrelation: {type: event_count, rules: [rule_a], timespan: 1m, "
           u"group-by: [User, Host], condition: {gte: 2}}"_s
        << u"0 a User=bob Host=h1; 1 a User=bob Host=h2; 2 a User=bob Host=h1"_s
        << QStringList{u"bob,h1|2|1,3"_s};
    QTest::newRow("event matched by two referenced rules counts once")
        << u"title: c\ncorrelation: {type: event_count, rules: [rule_a, rule_b], "
           u"timespan: 1m, condition: {gte: 2}}"_s
        << u"0 ab; 1 c"_s << QStringList();

    // value_count
    const QString vc = u"title: v\ncorrelation:\n  type: value_count\n  rules: [rule_a]\n"
                       u"  group-by: [User]\n  timespan: 5m\n  condition: "_s;
    QTest::newRow("value_count same host twice")
        << vc + u"{field: TargetHost, gte: 2}"_s
        << u"0 a User=bob TargetHost=h1; 60 a User=bob TargetHost=h1"_s << QStringList();
    QTest::newRow("value_count two hosts")
        << vc + u"{field: TargetHost, gte: 2}"_s
        << u"0 a User=bob TargetHost=h1; 60 a User=bob TargetHost=h1; 61 a User=bob TargetHost=H2"_s
        << QStringList{u"bob|2|1,2,3"_s};
    QTest::newRow("value_count values are case-sensitive")
        << vc + u"{field: TargetHost, gte: 2}"_s
        << u"0 a User=bob TargetHost=h1; 60 a User=bob TargetHost=H1"_s
        << QStringList{u"bob|2|1,2"_s};
    QTest::newRow("value_count ignores events without the field")
        << vc + u"{field: TargetHost, gte: 2}"_s
        << u"0 a User=bob TargetHost=h1; 60 a User=bob; 70 a User=bob TargetHost=h2"_s
        << QStringList{u"bob|2|1,3"_s};
    QTest::newRow("value_count of a field tuple")
        << vc + u"{field: [TargetHost, Port], gte: 2}"_s
        << u"0 a User=bob TargetHost=h1 Port=1; 1 a User=bob TargetHost=h1 Port=1; "
           u"2 a User=bob TargetHost=h1 Port=2"_s
        << QStringList{u"bob|2|1,2,3"_s};
    QTest::newRow("value_count lt 2 at the close")
        << vc + u"{field: TargetHost, lt: 2}"_s
        << u"0 a User=bob TargetHost=h1; 60 a User=bob TargetHost=h1; 0 a User=al TargetHost=x; "
           u"1 a User=al TargetHost=y"_s
        << QStringList{u"bob|1|1,2"_s};

    // temporal
    const QString tp = u"title: t\ncorrelation:\n  type: temporal\n  rules: [rule_a, rule_b]\n"
                       u"  group-by: [User]\n  timespan: 5m\n"_s;
    QTest::newRow("temporal B then A")
        << tp << u"0 b User=bob; 180 a User=bob"_s << QStringList{u"bob|2|1,2"_s};
    QTest::newRow("temporal A then B too late")
        << tp << u"0 a User=bob; 301 b User=bob"_s << QStringList();
    QTest::newRow("temporal one event matching both rules counts for each")
        << tp << u"0 ab User=bob"_s << QStringList{u"bob|2|1"_s};
    QTest::newRow("temporal lists all events in the window")
        << tp << u"0 a User=bob; 10 a User=bob; 20 b User=bob"_s
        << QStringList{u"bob|2|1,2,3"_s};
    QTest::newRow("temporal with condition gte 2 of three rules")
        << u"title: t\ncorrelation: {type: temporal, rules: [rule_a, rule_b, rule_c], "
           u"timespan: 5m, condition: {gte: 2}}"_s
        << u"0 a; 10 c"_s << QStringList{u"|2|1,2"_s};
    QTest::newRow("temporal lt 2: only one rule seen in the window")
        << tp + u"  condition: {lt: 2}\n"_s
        << u"0 a User=bob; 10 a User=bob; 0 a User=x; 1 b User=x"_s
        << QStringList{u"bob|1|1,2"_s};
    QTest::newRow("temporal with aliases groups different fields together")
        << u"title: t\ncorrelation:\n  type: temporal\n  rules: [rule_a, rule_b]\n"
           u"  group-by: [ip]\n  timespan: 5m\n  aliases:\n    ip:\n      rule_a: SourceIp\n"
           u"      0000000b-0000-4000-8000-000000000000: DestinationIp\n"_s
        << u"0 a SourceIp=10.0.0.1 DestinationIp=1.1.1.1; 60 b SourceIp=9.9.9.9 "
           u"DestinationIp=10.0.0.1"_s
        << QStringList{u"10.0.0.1|2|1,2"_s};

    // temporal_ordered
    const QString to = u"title: o\ncorrelation:\n  type: temporal_ordered\n"
                       u"  rules: [rule_a, rule_b]\n  group-by: [User]\n  timespan: 5m\n"_s;
    QTest::newRow("temporal_ordered B then A: wrong order")
        << to << u"0 b User=bob; 180 a User=bob"_s << QStringList();
    QTest::newRow("temporal_ordered A then B")
        << to << u"0 a User=bob; 180 b User=bob"_s << QStringList{u"bob|2|1,2"_s};
    QTest::newRow("temporal_ordered B, A, B: not only first matches")
        << to << u"0 b User=bob; 60 a User=bob; 120 b User=bob"_s
        << QStringList{u"bob|2|2,3"_s};
    QTest::newRow("temporal_ordered A then B outside the window")
        << to << u"0 a User=bob; 360 b User=bob"_s << QStringList();
    QTest::newRow("temporal_ordered latest start wins after an old A expires")
        << to << u"0 a User=bob; 200 a User=bob; 400 b User=bob"_s
        << QStringList{u"bob|2|2,3"_s};
    QTest::newRow("temporal_ordered one event cannot be two steps")
        << to << u"0 ab User=bob"_s << QStringList();
    QTest::newRow("temporal_ordered equal times follow arrival order")
        << to << u"0 a User=bob; 0 b User=bob"_s << QStringList{u"bob|2|1,2"_s};
    QTest::newRow("temporal_ordered equal times, B arrived first")
        << to << u"0 b User=bob; 0 a User=bob"_s << QStringList();
    QTest::newRow("temporal_ordered gte 2 of A, B, C: A then C")
        << u"title: o\ncorrelation: {type: temporal_ordered, rules: [rule_a, rule_b, rule_c], "
           u"timespan: 5m, condition: {gte: 2}}"_s
        << u"0 c; 10 a; 20 c"_s << QStringList{u"|2|2,3"_s};
    QTest::newRow("temporal_ordered all three in order")
        << u"title: o\ncorrelation: {type: temporal_ordered, rules: [rule_a, rule_b, rule_c], "
           u"timespan: 5m}"_s
        << u"0 a; 10 c; 20 b; 30 a; 40 c"_s << QStringList{u"|3|1,3,5"_s};
    QTest::newRow("temporal_ordered eq 1 at the close: never in order")
        << to + u"  condition: {eq: 1}\n"_s
        << u"0 b User=bob; 10 a User=bob; 0 a User=x; 5 b User=x"_s
        << QStringList{u"bob|1|1,2"_s};

    // Chaining: an inner correlation's alerts feed an outer one.
    const QString inner = u"title: burst\nname: burst\ncorrelation: {type: event_count, "
                          u"rules: [rule_a], group-by: [User, Host], timespan: 1m, "
                          u"condition: {gte: 2}}\n---\n"_s;
    QTest::newRow("chain: burst of A, then B, ordered per user")
        << inner + u"title: o\ncorrelation: {type: temporal_ordered, rules: [burst, rule_b], "
                   u"group-by: [User], timespan: 10m}"_s
        << u"0 a User=bob Host=h; 10 a User=bob Host=h; 100 b User=bob; 0 b User=al"_s
        << QStringList{u"bob|2|1,2,3"_s};
    QTest::newRow("chain: event_count of inner alerts across hosts")
        << inner + u"title: o\ncorrelation: {type: value_count, rules: [burst], "
                   u"group-by: [User], timespan: 10m, condition: {field: Host, gte: 2}}"_s
        << u"0 a User=bob Host=h1; 1 a User=bob Host=h1; 2 a User=bob Host=h2; "
           u"3 a User=bob Host=h2"_s
        << QStringList{u"bob|2|1,2,3,4"_s};
}

void TestSigmaCorrelation::semantics() const
{
    QFETCH(QString, correlation);
    QFETCH(QString, events);
    QFETCH(QStringList, expected);
    sigma::RuleSet set;
    set.addText(kBaseRules + u"---\n"_s + correlation, u"test"_s);
    QVERIFY2(set.issues().empty(), qPrintable(issuesText(set)));
    QVERIFY(!set.correlations().empty());
    QCOMPARE(describe(run(set, makeEvents(events))), expected);
}

void TestSigmaCorrelation::windowEndIsInclusiveToTheNanosecond() const
{
    sigma::RuleSet set;
    set.addText(kBaseRules + u"---\ntitle: c\ncorrelation: {type: event_count, rules: [rule_a], "
                             u"timespan: 5m, condition: {gte: 2}}"_s,
                u"test"_s);
    for (const qint64 extra : {0LL, 1LL}) {
        std::vector<Event> events = makeEvents(u"0 a; 300 a"_s);
        events[1].timeNs += extra;
        QCOMPARE(run(set, events).size(), extra == 0 ? 1u : 0u);
    }
}

void TestSigmaCorrelation::caseB33SlidingWindow() const
{
    // shared/corpus/cases/B33: the rule text and events as the case gives them; the events carry
    // Channel: Security, which every Windows Security record has (the log source needs it).
    const QString rules = u"title: failed logon\nname: failed_logon\n"
                          u"logsource: {product: windows, service: security}\n"
                          u"detection:\n  sel:\n    EventID: 4625\n  condition: sel\n"
                          u"---\n"
                          u"title: brute force\ncorrelation:\n  type: event_count\n"
                          u"  rules: [failed_logon]\n  group-by: [TargetUserName]\n"
                          u"  timespan: 5m\n  condition:\n    gte: 3\n"_s;
    sigma::RuleSet set;
    set.addText(rules, u"B33"_s);
    QVERIFY2(set.issues().empty(), qPrintable(issuesText(set)));
    const std::pair<const char16_t*, std::pair<int, const char16_t*>> input[] = {
        {u"2024-05-01T10:04:00Z", {4625, u"user1"}}, {u"2024-05-01T10:05:30Z", {4625, u"user1"}},
        {u"2024-05-01T10:06:00Z", {4625, u"user1"}}, {u"2024-05-01T10:00:00Z", {4625, u"user2"}},
        {u"2024-05-01T10:03:00Z", {4625, u"user2"}}, {u"2024-05-01T10:06:01Z", {4625, u"user2"}},
        {u"2024-05-01T10:04:30Z", {4624, u"user1"}},
    };
    std::vector<Event> events;
    for (const auto& [ts, values] : input) {
        Event e;
        e.id = qint64(events.size()) + 1;
        e.timeNs = parseIso8601(QStringView(ts))->ns;
        e.fields.set(u"EventID"_s, FieldValue::fromInt(values.first));
        e.fields.set(u"TargetUserName"_s,
                     FieldValue::fromString(QString::fromUtf16(values.second)));
        e.fields.set(u"Channel"_s, FieldValue::fromString(u"Security"_s));
        events.push_back(std::move(e));
    }
    const auto alerts = run(set, events);
    QCOMPARE(alerts.size(), 1u);
    const sigma::CorrelationAlert& a = alerts.front();
    QCOMPARE(a.rule->meta().title, u"brute force"_s);
    QCOMPARE(a.groupValues, QStringList{u"user1"_s});
    QCOMPARE(a.count, 3);
    QCOMPARE(a.events.size(), 3u);
    QCOMPARE(formatUtc(a.events.front().timeNs, 0), u"2024-05-01T10:04:00Z"_s);
    QCOMPARE(formatUtc(a.events.back().timeNs, 0), u"2024-05-01T10:06:00Z"_s);
    QCOMPARE(a.completing().eventId, 3); // not the 4624 event (id 7)
    QCOMPARE(a.events[1].eventId, 2);
}

void TestSigmaCorrelation::generateDecidesWhetherBaseRulesAlert_data() const
{
    QTest::addColumn<QString>("generateC");
    QTest::addColumn<QString>("generateD");
    QTest::addColumn<bool>("aAlerts");
    QTest::addColumn<bool>("bAlerts");
    QTest::addColumn<QStringList>("titles");
    // c counts A; d is temporal over B and c (chaining). C is used by nothing.
    QTest::newRow("default is false: only the outermost alerts")
        << QString() << QString() << false << false << QStringList{u"d"_s};
    QTest::newRow("generate false said explicitly")
        << u", generate: false"_s << u", generate: false"_s << false << false
        << QStringList{u"d"_s};
    QTest::newRow("generate true on c: A alerts again")
        << u", generate: true"_s << QString() << true << false << QStringList{u"d"_s};
    QTest::newRow("generate true on d: B and c alert too")
        << QString() << u", generate: true"_s << false << true
        << QStringList{u"c"_s, u"d"_s};
}

void TestSigmaCorrelation::generateDecidesWhetherBaseRulesAlert() const
{
    QFETCH(QString, generateC);
    QFETCH(QString, generateD);
    QFETCH(bool, aAlerts);
    QFETCH(bool, bAlerts);
    QFETCH(QStringList, titles);
    const QString corr = u"---\ntitle: c\nname: c\ncorrelation: {type: event_count, "
                         u"rules: [rule_a], timespan: 5m, condition: {gte: 2}%1}\n"
                         u"---\ntitle: d\ncorrelation: {type: temporal, rules: [rule_b, c], "
                         u"timespan: 5m%2}"_s;
    sigma::RuleSet set;
    set.addText(kBaseRules + corr.arg(generateC, generateD), u"test"_s);
    QVERIFY2(set.issues().empty(), qPrintable(issuesText(set)));
    sigma::CorrelationEngine engine(set);
    QCOMPARE(engine.alertsOnItsOwn(*set.rules()[0]), aAlerts);
    QCOMPARE(engine.alertsOnItsOwn(*set.rules()[1]), bAlerts);
    QCOMPARE(engine.alertsOnItsOwn(*set.rules()[2]), true);
    QStringList got;
    for (const auto& a : run(set, makeEvents(u"0 a; 1 a; 2 b"_s))) {
        got << a.rule->meta().title;
    }
    got.sort();
    QCOMPARE(got, titles);
}

void TestSigmaCorrelation::shuffledWithinTheWindowGivesTheSameAlerts() const
{
    sigma::RuleSet set;
    set.addText(kBaseRules
                    + u"---\ntitle: n\ncorrelation: {type: event_count, rules: [rule_a], "
                      u"group-by: [User], timespan: 2m, condition: {gte: 3}}\n"
                      u"---\ntitle: l\ncorrelation: {type: event_count, rules: [rule_b], "
                      u"group-by: [User], timespan: 2m, condition: {lt: 3}}\n"
                      u"---\ntitle: o\ncorrelation: {type: temporal_ordered, "
                      u"rules: [rule_a, rule_b, rule_c], group-by: [User], timespan: 1m}"_s,
                u"test"_s);
    QVERIFY2(set.issues().empty(), qPrintable(issuesText(set)));
    std::mt19937 rng(42);
    QString spec;
    for (int i = 0; i < 3000; ++i) {
        spec += u"%1 %2 User=u%3;"_s.arg(i * 7 + int(rng() % 5))
                    .arg(QStringView(u"abc").mid(rng() % 3, 1))
                    .arg(rng() % 6);
    }
    std::vector<Event> sorted = makeEvents(spec);
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const Event& a, const Event& b) { return a.timeNs < b.timeNs; });
    const QStringList expected = describe(run(set, sorted));
    QVERIFY(expected.size() > 50);
    for (int round = 0; round < 5; ++round) {
        // Shuffle within blocks of 15 events (about 105 s, less than the 2 minute window).
        std::vector<Event> shuffled = sorted;
        for (std::size_t b = 0; b < shuffled.size(); b += 15) {
            std::shuffle(shuffled.begin() + std::ptrdiff_t(b),
                         shuffled.begin() + std::ptrdiff_t(std::min(b + 15, shuffled.size())), rng);
        }
        QCOMPARE(describe(run(set, shuffled)), expected);
    }
}

void TestSigmaCorrelation::eventsLaterThanTheAllowanceOpenALane() const
{
    sigma::RuleSet set;
    set.addText(kBaseRules + u"---\ntitle: n\ncorrelation: {type: event_count, rules: [rule_a], "
                             u"group-by: [User], timespan: 5m, condition: {gte: 2}}"_s,
                u"test"_s);
    // A newer file (a day later) read before an older one: both are still correlated.
    const std::vector<Event> events = makeEvents(
        u"86400 a User=bob; 86460 a User=bob; 0 a User=bob; 60 a User=bob; 86500 a User=x"_s);
    sigma::CorrelationEngine engine(set);
    std::vector<sigma::CorrelationAlert> alerts;
    std::vector<const sigma::Rule*> matched;
    for (const Event& e : events) {
        matched.clear();
        set.match(e, matched);
        engine.add(e, matched, alerts);
    }
    QCOMPARE(engine.stats().extraLanes, 1);
    engine.finish(alerts);
    QCOMPARE(describe(alerts), (QStringList{u"bob|2|1,2"_s, u"bob|2|3,4"_s}));
    QCOMPARE(engine.stats().liveGroups, 0u);
}

void TestSigmaCorrelation::stateExpiresWithTheWindow() const
{
    sigma::RuleSet set;
    set.addText(kBaseRules + u"---\ntitle: n\ncorrelation: {type: event_count, rules: [rule_a], "
                             u"group-by: [User], timespan: 1m, condition: {gte: 2}}\n"
                             u"---\ntitle: l\ncorrelation: {type: value_count, rules: [rule_a], "
                             u"group-by: [User], timespan: 1m, "
                             u"condition: {field: Host, lt: 5}}"_s,
                u"test"_s);
    // 100,000 users, one event each, one per second: only the last minute's groups are live.
    sigma::CorrelationEngine engine(set);
    std::vector<sigma::CorrelationAlert> alerts;
    std::vector<const sigma::Rule*> matched{set.rules()[0].get()};
    std::size_t most = 0;
    Event e;
    for (int i = 0; i < 100000; ++i) {
        e.id = i + 1;
        e.timeNs = kBase + i * kSec;
        e.fields.clear();
        e.fields.set(u"User"_s, FieldValue::fromString(u"user%1"_s.arg(i)));
        e.fields.set(u"Host"_s, FieldValue::fromString(u"h"_s));
        engine.add(e, matched, alerts);
        most = std::max(most, engine.stats().liveGroups);
    }
    // Per correlation: 61 groups in the window, 60 more waiting in the reorder buffer.
    QCOMPARE_LE(most, 2u * 62u);
    QCOMPARE_LE(engine.stats().buffered, 62u);
    engine.finish(alerts);
    QCOMPARE(alerts.size(), 100000u); // every user's lt-5 window
    QCOMPARE(engine.stats().liveGroups, 0u);
}

QTEST_APPLESS_MAIN(TestSigmaCorrelation)
#include "tst_sigma_correlation.moc"
