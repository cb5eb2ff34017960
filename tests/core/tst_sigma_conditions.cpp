// Condition grammar, precedence, patterns and errors with positions (sigma-semantics.md §5).
#include <QTest>

#include "model/event.h"
#include "sigma/rule.h"
#include "sigma/rule_set.h"
#include "util/json.h"

using namespace vigil;
using namespace Qt::StringLiterals;

namespace {

// Lines 1-7; the condition starts on line 8, column 14 (after "  condition: ").
const QString kDetection = u"title: t\n"
                           u"detection:\n"
                           u"  a: {F: 1}\n"
                           u"  b: {G: 2}\n"
                           u"  filter_x: {H: 3}\n"
                           u"  _tmp: {F: 9}\n"
                           u"  'odd.name|x': {J: 4}\n"
                           u"  condition: "_s;

Event eventFromJson(const QByteArray& json)
{
    Event e;
    if (!parseJsonObjectFlat(json, e.fields, nullptr)) {
        qFatal("bad test JSON %s", json.constData());
    }
    return e;
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

class TestSigmaConditions : public QObject {
    Q_OBJECT
private slots:
    void evaluation_data() const;
    void evaluation() const;
    void odd_identifiers_data() const;
    void odd_identifiers() const;
    void errors_data() const;
    void errors() const;
    void deepNestingIsRejected() const;
};

void TestSigmaConditions::evaluation_data() const
{
    QTest::addColumn<QString>("condition");
    QTest::addColumn<QByteArray>("event");
    QTest::addColumn<bool>("expected");
    auto row = [](const char* name, const char* cond, const char* json, bool expected) {
        QTest::newRow(name) << QString::fromUtf8(cond) << QByteArray(json) << expected;
    };
    const char* prec = "a and not b or filter_x";
    row("precedence: or branch", prec, R"({"F":1,"G":2,"H":3})", true);
    row("precedence: not b fails", prec, R"({"F":1,"G":2})", false);
    row("precedence: a and not b", prec, R"({"F":1})", true);
    row("and binds tighter than or", "a or b and filter_x", R"({"G":2})", false);
    row("and binds tighter than or, a", "a or b and filter_x", R"({"F":1})", true);
    row("parentheses", "(a or b) and filter_x", R"({"G":2,"H":3})", true);
    row("parentheses, missing part", "(a or b) and filter_x", R"({"G":2})", false);
    row("all of them", "all of them", R"({"F":1,"G":2,"H":3,"J":4})", true);
    row("all of them ignores _tmp", "all of them", R"({"F":1,"G":2,"H":3,"J":4})", true);
    row("all of them, one missing", "all of them", R"({"F":1,"G":2})", false);
    row("1 of them", "1 of them", R"({"G":2})", true);
    row("any of them", "any of them", R"({"H":3})", true);
    row("them skips underscore ids", "1 of them", R"({"F":9})", false);
    row("pattern", "1 of filter*", R"({"H":3})", true);
    row("all of a*, only a", "all of a*", R"({"F":1})", true);
    row("not 1 of binds tighter than and", "not 1 of filter* and a", R"({"F":1})", true);
    row("not 1 of, filter present", "not 1 of filter* and a", R"({"F":1,"H":3})", false);
    row("underscore pattern", "1 of _*", R"({"F":9})", true);
    row("star pattern skips underscore", "1 of *", R"({"F":9})", false);
    row("not not", "not not a", R"({"F":1})", true);
    row("at least N (extension)", "2 of them", R"({"F":1,"G":2})", true);
    row("at least N (extension), one", "2 of them", R"({"F":1})", false);
    row("left associative and/or chain", "a and b and filter_x or b", R"({"G":2})", true);
    row("pattern reaches odd names", "1 of odd*", R"({"J":4})", true);
    row("not over a missing field", "not a", R"({})", true);
}

void TestSigmaConditions::evaluation() const
{
    QFETCH(QString, condition);
    QFETCH(QByteArray, event);
    QFETCH(bool, expected);
    sigma::RuleSet set;
    set.addText(kDetection + condition + u'\n', u"test"_s);
    QVERIFY2(set.issues().empty(), qPrintable(issuesText(set)));
    QCOMPARE(set.rules().size(), 1u);
    QCOMPARE(set.rules().front()->matches(eventFromJson(event)), expected);
}

void TestSigmaConditions::odd_identifiers_data() const
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QByteArray>("event");
    QTest::addColumn<bool>("expected");
    const QString pipes = u"detection:\n  select_a: {Image: '/usr/bin/mdfind'}\n"
                          u"  'select_b|endswith': {Image: '/tree'}\n  condition: 1 of select*\n"_s;
    QTest::newRow("pipe in name is not a modifier")
        << pipes << QByteArray(R"({"Image":"/tree"})") << true;
    QTest::newRow("pipe in name, no endswith")
        << pipes << QByteArray(R"({"Image":"/usr/bin/tree"})") << false;
    const QString dots = u"detection:\n  selection: {A: 1}\n  filter_main_mdadm.conf: {B: 2}\n"
                         u"  condition: selection and not 1 of filter_main_*\n"_s;
    QTest::newRow("dotted filter reached by pattern")
        << dots << QByteArray(R"({"A":1,"B":2})") << false;
    QTest::newRow("dotted filter absent") << dots << QByteArray(R"({"A":1})") << true;
    const QString words = u"detection:\n  notify: {A: 1}\n  andy: {B: 2}\n"
                          u"  condition: notify and andy\n"_s;
    QTest::newRow("operators are whole words") << words << QByteArray(R"({"A":1,"B":2})") << true;
    const QString list =
        u"detection:\n  a: {A: 1}\n  b: {B: 2}\n  condition:\n    - a\n    - b\n"_s;
    QTest::newRow("condition list is OR") << list << QByteArray(R"({"B":2})") << true;
    QTest::newRow("condition list is OR, none") << list << QByteArray(R"({"C":3})") << false;
}

void TestSigmaConditions::odd_identifiers() const
{
    QFETCH(QString, rule);
    QFETCH(QByteArray, event);
    QFETCH(bool, expected);
    sigma::RuleSet set;
    set.addText(rule, u"test"_s);
    QVERIFY2(set.issues().empty(), qPrintable(issuesText(set)));
    QCOMPARE(set.rules().front()->matches(eventFromJson(event)), expected);
}

void TestSigmaConditions::errors_data() const
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<bool>("unsupported");
    auto row = [](const char* name, const QString& cond, const QString& message, int line,
                  int column, bool unsupported = false) {
        QTest::newRow(name) << kDetection + cond + u'\n' << message << line << column
                            << unsupported;
    };
    row("unknown identifier", u"a and c"_s, u"unknown identifier 'c'"_s, 8, 20);
    row("upper-case operator", u"a AND b"_s, u"'AND' is not an operator"_s, 8, 16);
    row("pattern without match", u"1 of zz*"_s, u"pattern 'zz*' matches no identifier"_s, 8, 19);
    row("missing closing parenthesis", u"a and (b"_s, u"missing ')'"_s, 8, 20);
    row("dangling and", u"a and"_s, u"ends where an identifier was expected"_s, 8, 19);
    row("two identifiers", u"a b"_s, u"unexpected 'b'"_s, 8, 16);
    row("stray closing parenthesis", u"a)"_s, u"unexpected ')'"_s, 8, 15);
    row("them alone", u"them"_s, u"unexpected 'them'"_s, 8, 14);
    row("zero of", u"0 of them"_s, u"'0 of' needs"_s, 8, 14);
    row("of without pattern", u"all of"_s, u"'of' must be followed"_s, 8, 20);
    row("aggregation", u"a | count() > 5"_s, u"aggregation expressions"_s, 8, 16, true);
    row("near", u"a near b"_s, u"'near' is Sigma 1.x syntax"_s, 8, 16, true);
    row("quoted condition", u"'a and c'"_s, u"unknown identifier 'c'"_s, 8, 21);
    row("block condition", u"|\n    a and c"_s, u"unknown identifier 'c'"_s, 9, 11);
    row("empty condition", u"''"_s, u"the condition is empty"_s, 8, 15);
    row("second condition of a list", u"\n    - a\n    - b or zz"_s, u"unknown identifier 'zz'"_s,
        10, 12);
    QTest::newRow("timeframe") << u"detection:\n  a: {F: 1}\n  timeframe: 5m\n  condition: a\n"_s
                               << u"'timeframe' is Sigma 1.x syntax"_s << 3 << 3 << true;
    QTest::newRow("missing condition")
        << u"detection:\n  a: {F: 1}\n"_s << u"no 'condition'"_s << 2 << 3 << false;
}

void TestSigmaConditions::errors() const
{
    QFETCH(QString, rule);
    QFETCH(QString, message);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(bool, unsupported);
    sigma::RuleSet set;
    set.addText(rule, u"cond.yml"_s);
    QCOMPARE(set.rules().size(), 0u);
    QCOMPARE(set.issues().size(), 1u);
    const sigma::LoadIssue& issue = set.issues().front();
    QVERIFY2(issue.message.contains(message), qPrintable(issue.toString()));
    QCOMPARE(issue.file, u"cond.yml"_s);
    QCOMPARE(issue.line, line);
    QCOMPARE(issue.column, column);
    QCOMPARE(issue.unsupported, unsupported);
}

void TestSigmaConditions::deepNestingIsRejected() const
{
    sigma::RuleSet set;
    const QString cond = QString(5000, u'(') + u'a' + QString(5000, u')');
    set.addText(kDetection + cond + u'\n', u"deep"_s);
    QCOMPARE(set.rules().size(), 0u);
    QCOMPARE(set.issues().size(), 1u);
    QVERIFY(set.issues().front().message.contains(u"nested too deeply"_s));
}

QTEST_APPLESS_MAIN(TestSigmaConditions)
#include "tst_sigma_conditions.moc"
