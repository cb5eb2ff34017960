// Loading correlation rules: our test set, references across documents and files, and every
// rejected form with its position (sigma-semantics.md §7).
#include <QTest>

#include "sigma/correlation_rule.h"
#include "sigma/rule.h"
#include "sigma/rule_set.h"

using namespace vigil;
using namespace Qt::StringLiterals;

namespace {

// Two base rules on lines 1-8; a correlation document appended after it starts on line 10.
const QString kBase = u"title: A\nname: rule_a\nid: 0000000a-0000-4000-8000-000000000000\n"
                      u"detection: {sel: {Tag: a}, condition: sel}\n"
                      u"---\n"
                      u"title: B\nname: rule_b\ndetection: {sel: {Tag: b}, condition: sel}\n"
                      u"---\n"_s;
constexpr int kFirstLine = 10;

QString data(const QString& name)
{
    return QStringLiteral(VIGIL_TEST_DATA) + u"/sigma/correlation/"_s + name;
}

QString issuesText(const sigma::RuleSet& set)
{
    QStringList out;
    for (const sigma::LoadIssue& i : set.issues()) {
        out << i.toString();
    }
    return out.join(u'\n');
}

QStringList refNames(const sigma::CorrelationRule& c)
{
    QStringList out;
    for (const sigma::CorrelationRef& r : c.references()) {
        out << (r.rule ? r.rule->meta().title : r.correlation->meta().title);
    }
    return out;
}

} // namespace

class TestSigmaCorrelationLoad : public QObject {
    Q_OBJECT
private slots:
    void testSetLoads_data() const;
    void testSetLoads() const;
    void caseB33MultiDocumentFile() const;
    void variantsThatLoad() const;
    void rejected_data() const;
    void rejected() const;
    void referenceResolvesWhenTheRuleArrivesLater() const;
    void ambiguousNameIsRefused() const;
    void chains_data() const;
    void chains() const;
    void unsupportedKindStaysUnsupported() const;
    void deepChainsAreRefused() const;
};

void TestSigmaCorrelationLoad::testSetLoads_data() const
{
    QTest::addColumn<QString>("uid");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QStringList>("refs");
    QTest::addColumn<QStringList>("groupBy");
    QTest::addColumn<qint64>("timespanSeconds");
    QTest::addColumn<QString>("condition");
    QTest::addColumn<bool>("generate");
    const QString p = u"6b1f7a52-3c1e-4d0a-9a51-0c7e1f4a2c0"_s;
    QTest::newRow("event_count gte, by name")
        << p + u'1' << u"event_count"_s << QStringList{u"Failed logon"_s}
        << QStringList{u"TargetUserName"_s} << 300LL << u"gte 3"_s << false;
    QTest::newRow("value_count gt, by id")
        << p + u'2' << u"value_count"_s << QStringList{u"Failed logon"_s}
        << QStringList{u"IpAddress"_s} << 600LL << u"gt 2"_s << false;
    QTest::newRow("temporal_ordered chained, default condition")
        << p + u'3' << u"temporal_ordered"_s
        << QStringList{u"Brute force on one account"_s, u"Successful logon"_s}
        << QStringList{u"TargetUserName"_s} << 600LL << u"gte 2"_s << false;
    QTest::newRow("temporal with generate")
        << p + u'4' << u"temporal"_s
        << QStringList{u"whoami executed"_s, u"Domain groups listed with net.exe"_s,
                       u"Domain trusts listed with nltest"_s}
        << QStringList{u"Computer"_s} << 300LL << u"gte 3"_s << true;
    QTest::newRow("temporal with an alias")
        << p + u'5' << u"temporal"_s << QStringList{u"Failed logon"_s, u"SMB connection"_s}
        << QStringList{u"ip"_s} << 300LL << u"gte 2"_s << false;
    QTest::newRow("lte, rules and group-by as plain strings")
        << p + u'6' << u"event_count"_s << QStringList{u"Successful logon"_s}
        << QStringList{u"TargetUserName"_s} << 3600LL << u"lte 1"_s << false;
    QTest::newRow("lt") << p + u'7' << u"event_count"_s << QStringList{u"Successful logon"_s}
                        << QStringList{u"IpAddress"_s} << 3600LL << u"lt 3"_s << false;
    QTest::newRow("eq") << p + u'8' << u"value_count"_s << QStringList{u"Successful logon"_s}
                        << QStringList{u"TargetUserName"_s} << 3600LL << u"eq 1"_s << false;
    QTest::newRow("neq") << p + u'9' << u"value_count"_s << QStringList{u"Successful logon"_s}
                         << QStringList{u"TargetUserName"_s} << 3600LL << u"neq 1"_s << false;
}

void TestSigmaCorrelationLoad::testSetLoads() const
{
    QFETCH(QString, uid);
    QFETCH(QString, type);
    QFETCH(QStringList, refs);
    QFETCH(QStringList, groupBy);
    QFETCH(qint64, timespanSeconds);
    QFETCH(QString, condition);
    QFETCH(bool, generate);
    sigma::RuleSet set;
    set.addPath(data(u"set"_s)); // three files; references cross them
    QVERIFY2(set.issues().empty(), qPrintable(issuesText(set)));
    QCOMPARE(set.rules().size(), 6u);
    QCOMPARE(set.correlations().size(), 9u);
    QCOMPARE(set.documentCount(), 15);
    const sigma::CorrelationRule* c = nullptr;
    for (const auto& x : set.correlations()) {
        c = x->uid() == uid ? x.get() : c;
    }
    QVERIFY(c);
    QCOMPARE(sigma::correlationTypeName(c->type()), type);
    QCOMPARE(refNames(*c), refs);
    QCOMPARE(c->groupBy(), groupBy);
    QCOMPARE(c->timespanNs(), timespanSeconds * 1'000'000'000LL);
    QCOMPARE(c->condition().toString(), condition);
    QCOMPARE(c->generate(), generate);
    QVERIFY(c->canMatch());
    QVERIFY(c->path().endsWith(u"correlations.yml"));
}

void TestSigmaCorrelationLoad::caseB33MultiDocumentFile() const
{
    sigma::RuleSet set;
    set.addPath(data(u"b33.yml"_s));
    QVERIFY2(set.issues().empty(), qPrintable(issuesText(set)));
    QCOMPARE(set.rules().size(), 1u);
    QCOMPARE(set.correlations().size(), 1u);
    const sigma::CorrelationRule& c = *set.correlations().front();
    QCOMPARE(c.references().front().rule, set.rules().front().get());
    QCOMPARE(c.references().front().line, 13); // "  rules: [failed_logon]" in the file
    QCOMPARE(c.references().front().column, 11);
    QVERIFY(c.uid().startsWith(u"sha1:")); // no id: the document text's hash
    QCOMPARE(c.meta().level, sigma::Level::Medium);
    QVERIFY(c.text().startsWith(u"title: brute force\n"));
}

void TestSigmaCorrelationLoad::variantsThatLoad() const
{
    sigma::RuleSet set;
    set.addText(kBase
                    + u"title: c\ncorrelation:\n  type: value_count\n  rules: rule_a\n"
                      u"  group-by: User\n  timeframe: 2w\n"
                      u"  condition: {field: [Host, Port], gt: 100, lte: 200, neq: 150}\n"_s,
                u"v"_s);
    QVERIFY2(set.issues().empty(), qPrintable(issuesText(set)));
    const sigma::CorrelationRule& c = *set.correlations().front();
    QCOMPARE(c.groupBy(), QStringList{u"User"_s});
    QCOMPARE(c.valueFields(), (QStringList{u"Host"_s, u"Port"_s}));
    QCOMPARE(c.timespanNs(), 14 * 86400 * 1'000'000'000LL);
    QCOMPARE(c.condition().toString(), u"gt 100 and lte 200 and neq 150"_s);
    QVERIFY(!c.condition().isMonotone());
    QVERIFY(c.condition().test(151));
    QVERIFY(!c.condition().test(150));
    QVERIFY(!c.condition().test(201));
    QCOMPARE(c.condition().smallestSatisfying(1000), 101);
}

void TestSigmaCorrelationLoad::rejected_data() const
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("line"); // within the correlation document
    QTest::addColumn<int>("column");
    QTest::addColumn<bool>("unsupported");
    const QString head = u"title: c\ncorrelation:\n"_s;
    const QString rules = u"  rules: [rule_a]\n"_s;
    const QString span = u"  timespan: 5m\n"_s;
    const QString cond = u"  condition: {gte: 1}\n"_s;
    const QString ec = u"  type: event_count\n"_s;
    QTest::newRow("unknown type") << head + u"  type: sum\n"_s + rules + span + cond
                                  << u"unknown correlation type 'sum'"_s << 3 << 9 << false;
    QTest::newRow("value_sum is not supported yet")
        << head + u"  type: value_sum\n"_s + rules + span + cond
        << u"correlation type 'value_sum' is not supported yet"_s << 3 << 9 << true;
    QTest::newRow("extended temporal condition")
        << head + u"  type: temporal\n  rules: [rule_a, rule_b]\n"_s + span
               + u"  condition: rule_a and not rule_b\n"_s
        << u"extended temporal form"_s << 6 << 14 << true;
    QTest::newRow("no timespan") << head + ec + rules + cond << u"no 'timespan'"_s << 3 << 3
                                 << false;
    QTest::newRow("unknown unit") << head + ec + rules + u"  timespan: 5x\n"_s + cond
                                  << u"unknown timespan unit 'x'"_s << 5 << 13 << false;
    QTest::newRow("months are calendar units") << head + ec + rules + u"  timespan: 1M\n"_s + cond
                                               << u"calendar timespans"_s << 5 << 13 << true;
    QTest::newRow("zero timespan") << head + ec + rules + u"  timespan: 0m\n"_s + cond
                                   << u"positive whole number"_s << 5 << 13 << false;
    QTest::newRow("timespan overflow")
        << head + ec + rules + u"  timespan: 99999999999999999d\n"_s + cond << u"too long"_s << 5
        << 13 << false;
    QTest::newRow("unknown operator") << head + ec + rules + span + u"  condition: {ge: 1}\n"_s
                                      << u"unknown condition 'ge'"_s << 6 << 15 << false;
    QTest::newRow("negative count") << head + ec + rules + span + u"  condition: {gte: -1}\n"_s
                                    << u"needs a whole number"_s << 6 << 20 << false;
    QTest::newRow("value_count without field")
        << head + u"  type: value_count\n"_s + rules + span + u"  condition: {gte: 2}\n"_s
        << u"needs 'field'"_s << 6 << 14 << false;
    QTest::newRow("field on event_count")
        << head + ec + rules + span + u"  condition: {field: X, gte: 1}\n"_s
        << u"'field' only applies to value_count"_s << 6 << 15 << false;
    QTest::newRow("range that can never hold")
        << head + ec + rules + span + u"  condition: {gt: 5, lt: 3}\n"_s
        << u"'gt 5 and lt 3' can never hold"_s << 6 << 14 << false;
    QTest::newRow("lt 1: a window always has an event")
        << head + ec + rules + span + u"  condition: {lt: 1}\n"_s << u"can never hold"_s << 6
        << 14 << false;
    QTest::newRow("temporal count above the rule count")
        << head + u"  type: temporal\n  rules: [rule_a, rule_b]\n"_s + span
               + u"  condition: {gte: 3}\n"_s
        << u"can never hold with 2 referenced rules"_s << 6 << 14 << false;
    QTest::newRow("no comparison") << head + ec + rules + span + u"  condition: {}\n"_s
                                   << u"no comparison"_s << 6 << 14 << false;
    QTest::newRow("unknown key") << head + ec + rules + u"  group_by: [User]\n"_s + span + cond
                                 << u"unknown key 'group_by'"_s << 5 << 3 << false;
    QTest::newRow("rule listed twice") << head + ec + u"  rules: [rule_a, rule_a]\n"_s + span + cond
                                       << u"listed twice"_s << 4 << 19 << false;
    QTest::newRow("no rules") << head + ec + span + cond << u"no 'rules'"_s << 3 << 3 << false;
    QTest::newRow("empty rules") << head + ec + u"  rules: []\n"_s + span + cond
                                 << u"'rules' is empty"_s << 4 << 10 << false;
    QTest::newRow("unknown reference") << head + ec + u"  rules: [rule_a, nope]\n"_s + span + cond
                                       << u"unknown rule 'nope'"_s << 4 << 19 << false;
    QTest::newRow("references itself")
        << u"title: c\nname: self\ncorrelation:\n"_s + ec + u"  rules: [self]\n"_s + span + cond
        << u"references itself"_s << 5 << 11 << false;
    QTest::newRow("alias names a rule not in rules")
        << head + ec + rules + u"  group-by: [ip]\n"_s + span + cond
               + u"  aliases: {ip: {rule_a: X, rule_b: Y}}\n"_s
        << u"alias 'ip' names rule 'rule_b', which is not in 'rules'"_s << 3 << 3 << false;
    QTest::newRow("alias leaves a rule out")
        << head + ec + u"  rules: [rule_a, rule_b]\n  group-by: [ip]\n"_s + span + cond
               + u"  aliases: {ip: {rule_a: X}}\n"_s
        << u"alias 'ip' does not say which field the events of 'rule_b' use"_s << 3 << 3
        << false;
    QTest::newRow("generate not a boolean") << head + ec + rules + span + cond
                                                   + u"  generate: maybe\n"_s
                                            << u"'generate' must be true or false"_s << 7 << 13
                                            << false;
    QTest::newRow("group-by twice") << head + ec + rules + u"  group-by: [U, U]\n"_s + span + cond
                                    << u"names a field twice"_s << 5 << 13 << false;
    QTest::newRow("correlation and detection")
        << u"title: c\ncorrelation: {type: event_count, rules: [rule_a], timespan: 5m, "
           u"condition: {gte: 1}}\ndetection: {sel: {A: 1}, condition: sel}\n"_s
        << u"both 'detection' and 'correlation'"_s << 3 << 12 << false;
    QTest::newRow("correlation not a map") << u"title: c\ncorrelation: x\n"_s
                                           << u"'correlation' must be a map"_s << 2 << 14
                                           << false;
}

void TestSigmaCorrelationLoad::rejected() const
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(bool, unsupported);
    sigma::RuleSet set;
    set.addText(kBase + text, u"bad"_s);
    QCOMPARE(set.rules().size(), 2u);
    QCOMPARE(set.correlations().size(), 0u);
    QCOMPARE(set.issues().size(), 1u);
    const sigma::LoadIssue& issue = set.issues().front();
    QVERIFY2(issue.message.contains(message), qPrintable(issue.toString()));
    QCOMPARE(issue.file, u"bad"_s);
    QCOMPARE(issue.line, kFirstLine + line - 1);
    QCOMPARE(issue.column, column);
    QCOMPARE(issue.unsupported, unsupported);
    QCOMPARE(issue.title, u"c"_s);
}

void TestSigmaCorrelationLoad::referenceResolvesWhenTheRuleArrivesLater() const
{
    sigma::RuleSet set;
    set.addText(u"title: c\ncorrelation: {type: event_count, rules: [late], timespan: 5m, "
                u"condition: {gte: 2}}\n"_s,
                u"corr.yml"_s);
    QCOMPARE(set.correlations().size(), 0u);
    QCOMPARE(set.issues().size(), 1u);
    QCOMPARE(set.issues().front().toString(),
             u"corr.yml:2:42: unknown rule 'late': no rule or correlation of this set has that "
             u"name or id (rules are found in the same folder, file or rule library)"_s);
    set.addText(u"title: L\nname: late\ndetection: {sel: {A: 1}, condition: sel}\n"_s,
                u"late.yml"_s);
    QVERIFY2(set.issues().empty(), qPrintable(issuesText(set)));
    QCOMPARE(set.correlations().size(), 1u);
    QCOMPARE(set.correlations().front()->references().front().rule, set.rules().front().get());
    // A later load problem is kept; the resolved reference stays resolved.
    set.addText(u"title: broken\ndetection: {sel: {A|nope: 1}, condition: sel}\n"_s, u"x"_s);
    QCOMPARE(set.issues().size(), 1u);
    QCOMPARE(set.correlations().size(), 1u);
}

void TestSigmaCorrelationLoad::ambiguousNameIsRefused() const
{
    sigma::RuleSet set;
    set.addText(kBase + u"title: A2\nname: rule_a\ndetection: {sel: {Tag: x}, condition: sel}\n"
                        u"---\ntitle: by name\ncorrelation: {type: event_count, rules: [rule_a], "
                        u"timespan: 5m, condition: {gte: 2}}\n"
                        u"---\ntitle: by id\ncorrelation: {type: event_count, "
                        u"rules: [0000000a-0000-4000-8000-000000000000], timespan: 5m, "
                        u"condition: {gte: 2}}\n"_s,
                u"amb"_s);
    QCOMPARE(set.correlations().size(), 1u);
    QCOMPARE(set.correlations().front()->meta().title, u"by id"_s);
    QCOMPARE(set.issues().size(), 1u);
    QCOMPARE(set.issues().front().title, u"by name"_s);
    QVERIFY2(set.issues().front().message.contains(u"'rule_a' names several rules (amb, amb)"),
             qPrintable(issuesText(set)));
}

void TestSigmaCorrelationLoad::chains_data() const
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("usable");
    QTest::addColumn<QStringList>("messages");
    const QString inner = u"title: inner\nname: inner\ncorrelation: {type: event_count, "
                          u"rules: [rule_a], group-by: [User, Host], timespan: 5m, "
                          u"condition: {%1: 2}}\n---\n"_s;
    QTest::newRow("outer groups by an inner group-by field")
        << inner.arg(u"gte"_s) + u"title: outer\ncorrelation: {type: temporal, "
                                 u"rules: [inner, rule_b], group-by: [User], timespan: 5m}\n"_s
        << 2 << QStringList();
    QTest::newRow("outer groups by a field the inner alerts lack")
        << inner.arg(u"gte"_s) + u"title: outer\ncorrelation: {type: temporal, "
                                 u"rules: [inner, rule_b], group-by: [Ip], timespan: 5m}\n"_s
        << 1
        << QStringList{u"'Ip' is not a group-by field of correlation 'inner' (User, Host), so "
                       u"its alerts do not carry it"_s};
    QTest::newRow("an alias can name the inner group-by field")
        << inner.arg(u"gte"_s)
               + u"title: outer\ncorrelation: {type: temporal, rules: [inner, rule_b], "
                 u"group-by: [who], timespan: 5m, aliases: {who: {inner: User, rule_b: Name}}}\n"_s
        << 2 << QStringList();
    QTest::newRow("inner judged only when its window closes")
        << inner.arg(u"lt"_s) + u"title: outer\ncorrelation: {type: temporal, "
                                u"rules: [inner, rule_b], group-by: [User], timespan: 5m}\n"_s
        << 1
        << QStringList{u"correlation 'inner' has the condition 'lt 2'; a correlation used by "
                       u"another one must only use gt/gte, so its alerts are known when they "
                       u"happen"_s};
    QTest::newRow("a loop")
        << u"title: one\nname: one\ncorrelation: {type: temporal, rules: [two, rule_a], "
           u"timespan: 5m}\n---\ntitle: two\nname: two\ncorrelation: {type: temporal, "
           u"rules: [one, rule_b], timespan: 5m}\n"_s
        << 0
        << QStringList{u"correlation 'one' leads back to this one (a loop)"_s,
                       u"correlation 'two' cannot be used"_s};
}

void TestSigmaCorrelationLoad::chains() const
{
    QFETCH(QString, text);
    QFETCH(int, usable);
    QFETCH(QStringList, messages);
    sigma::RuleSet set;
    set.addText(kBase + text, u"chain"_s);
    QCOMPARE(int(set.correlations().size()), usable);
    QStringList got;
    for (const sigma::LoadIssue& i : set.issues()) {
        got << i.message;
    }
    QCOMPARE(got, messages);
}

void TestSigmaCorrelationLoad::unsupportedKindStaysUnsupported() const
{
    sigma::RuleSet set;
    set.addText(kBase + u"title: p\ncorrelation: {type: value_percentile, rules: [rule_a], "
                        u"timespan: 5m, condition: {field: X, percentile: 95, gte: 1}}\n"_s,
                u"p"_s);
    QCOMPARE(set.issues().size(), 1u);
    QVERIFY(set.issues().front().unsupported);
    QCOMPARE(set.documentCount(), 3);
}

void TestSigmaCorrelationLoad::deepChainsAreRefused() const
{
    // c0 uses c1 uses c2 ... c39 uses rule_a, outermost first: the linker stops at depth 16
    // instead of recursing through a hostile rule set.
    QString text = kBase;
    for (int i = 0; i < 40; ++i) {
        const QString inner = i == 39 ? u"rule_a"_s : u"c%1"_s.arg(i + 1);
        text += u"title: c%1\nname: c%1\ncorrelation: {type: event_count, rules: [%2], "
                u"timespan: 5m, condition: {gte: 1}}\n---\n"_s.arg(i).arg(inner);
    }
    sigma::RuleSet set;
    set.addText(text, u"deep"_s);
    QVERIFY(!set.issues().empty());
    QVERIFY2(set.issues().front().message.contains(u"chained more than 16 deep"),
             qPrintable(issuesText(set)));
    QCOMPARE_LT(set.correlations().size(), 40u);
    QCOMPARE_GT(set.correlations().size(), 0u);
}

QTEST_APPLESS_MAIN(TestSigmaCorrelationLoad)
#include "tst_sigma_correlation_load.moc"
