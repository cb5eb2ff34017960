// Values, wildcards, escapes and modifiers: every example of sigma-semantics.md §1–§4.
#include <QTest>

#include "model/event.h"
#include "sigma/rule.h"
#include "sigma/rule_set.h"
#include "util/json.h"

using namespace vigil;
using namespace Qt::StringLiterals;

namespace {

/** `sel` holds the YAML of the selection (indented by 4); condition defaults to `sel`. */
QString ruleText(const QString& sel, const QString& condition = u"sel"_s)
{
    return u"title: t\ndetection:\n  sel:\n"_s + sel + u"\n  condition: "_s + condition + u'\n';
}

Event eventFromJson(const QByteArray& json)
{
    Event e;
    JsonError err;
    if (!parseJsonObjectFlat(json, e.fields, &err)) {
        qFatal("bad test JSON %s: %s", json.constData(), qPrintable(err.message));
    }
    return e;
}

std::shared_ptr<const sigma::Rule> loadOne(const QString& text)
{
    sigma::RuleSet set;
    set.addText(text, u"test"_s);
    if (!set.issues().empty()) {
        qWarning("%s", qPrintable(set.issues().front().toString()));
        return nullptr;
    }
    return set.rules().size() == 1 ? set.rules().front() : nullptr;
}

} // namespace

class TestSigmaValues : public QObject {
    Q_OBJECT
private slots:
    void matching_data() const;
    void matching() const;
    void rejected_data() const;
    void rejected() const;
    void b25WindashUnicodeDashes() const;
    void b28NullVersusEmpty() const;
    void b16Int64Exact() const;
};

void TestSigmaValues::matching_data() const
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QByteArray>("event");
    QTest::addColumn<bool>("expected");
    auto row = [](const char* name, const QString& sel, const char* json, bool expected,
                  const QString& condition = u"sel"_s) {
        QTest::newRow(name) << ruleText(sel, condition) << QByteArray(json) << expected;
    };

    // §1 structure
    const QString s1 = uR"(    EventID: 1
    Image|endswith: '\cmd.exe')"_s;
    row("map AND, endswith ignores case", s1,
        R"({"EventID":1,"Image":"C:\\Windows\\System32\\CMD.EXE"})", true);
    row("map AND, endswith needs the end", s1, R"({"EventID":1,"Image":"C:\\x\\cmd.exe.bak"})",
        false);
    row("map AND, one entry fails", s1, R"({"EventID":2,"Image":"C:\\cmd.exe"})", false);
    const QString s2 = uR"(    - Image|endswith: '\a.exe'
    - Description: 'Test')"_s;
    row("list of maps OR, first", s2, R"({"Image":"c:\\z\\a.exe"})", true);
    row("list of maps OR, second ignores case", s2, R"({"Description":"TEST"})", true);
    row("list of maps OR, plain value is whole-value", s2, R"({"Description":"Test executable"})",
        false);
    const QString s3 = u"    CommandLine|contains|all: ['-enc', 'hidden']"_s;
    row("contains|all, all present", s3, R"({"CommandLine":"powershell -W Hidden -Enc AAA"})",
        true);
    row("contains|all, one missing", s3, R"({"CommandLine":"powershell -enc AAA"})", false);
    row("value list OR", u"    EventID: [4688, '1']"_s, R"({"EventID":1})", true);
    row("value list OR, none", u"    EventID: [4688, '1']"_s, R"({"EventID":2})", false);
    row("empty list is a null test", u"    F: []"_s, R"({"G":1})", true);
    row("empty list is a null test, present", u"    F: []"_s, R"({"F":"x"})", false);

    // §2 keywords
    const QString kw = u"    - 'Trojan*FOUND'\n    - 'Rootkit*FOUND'"_s;
    row("keyword substring with star", kw, R"({"Message":"/tmp/x: Win.Trojan.Agent FOUND"})", true);
    row("keyword star matches a space, ignores case", kw, R"({"Message":"trojan found"})", true);
    row("keyword star may be empty", kw, R"({"Message":"TrojanFOUND"})", true);
    row("keyword order matters", kw, R"({"Message":"FOUND Trojan"})", false);
    row("keyword never spans fields", kw, R"({"Path":"/tmp/Trojan","Result":"FOUND"})", false);
    row("keyword never matches field names", u"    - 'Message'"_s, R"({"Message":"x"})", false);
    row("keyword all with number", u"    '|all': ['POST', 200]"_s,
        R"({"method":"POST","status":200})", true);
    row("keyword all, one missing", u"    '|all': ['POST', 200]"_s,
        R"({"method":"POST","status":404})", false);
    row("single keyword scalar", u"    'evil'"_s, R"({"a":"an EVIL thing"})", true);

    // §3 values, wildcards, escapes, case
    row("escaped double backslash then star is a wildcard",
        uR"(    Image: 'C:\Windows\\*\cmd.exe')"_s, R"({"Image":"c:\\windows\\system32\\cmd.exe"})",
        true);
    row("backslash star is a literal star", uR"(    Image: 'C:\Windows\*\cmd.exe')"_s,
        R"({"Image":"c:\\windows\\system32\\cmd.exe"})", false);
    row("backslash star matches the literal star", uR"(    Image: 'C:\Windows\*\cmd.exe')"_s,
        R"({"Image":"C:\\Windows*\\cmd.exe"})", true);
    row("contains two backslashes", uR"(    CommandLine|contains: ' \\\\')"_s,
        R"({"CommandLine":"rundll32 \\\\host\\s\\x.dll"})", true);
    row("contains two backslashes, one present", uR"(    CommandLine|contains: ' \\\\')"_s,
        R"({"CommandLine":"rundll32 \\host"})", false);
    row("a\\*b literal star", uR"(    Name: 'a\*b')"_s, R"({"Name":"a*b"})", true);
    row("a\\*b not a wildcard", uR"(    Name: 'a\*b')"_s, R"({"Name":"axxb"})", false);
    row("a\\\\*b backslash then wildcard", uR"(    Name: 'a\\*b')"_s, R"({"Name":"a\\zzb"})", true);
    row("a\\\\*b needs the backslash", uR"(    Name: 'a\\*b')"_s, R"({"Name":"azzb"})", false);
    row("a\\\\\\*b backslash and star", uR"(    Name: 'a\\\*b')"_s, R"({"Name":"a\\*b"})", true);
    row("a\\\\\\*b no wildcard", uR"(    Name: 'a\\\*b')"_s, R"({"Name":"a\\zb"})", false);
    row("a\\\\\\b two backslashes", uR"(    Name: 'a\\\b')"_s, R"({"Name":"a\\\\b"})", true);
    row("a\\\\\\b not one", uR"(    Name: 'a\\\b')"_s, R"({"Name":"a\\b"})", false);
    row("trailing backslash", uR"(    Name: 'x\')"_s, R"({"Name":"x\\"})", true);
    row("question mark one char", u"    Name: 'prog?.exe'"_s, R"({"Name":"prog1.exe"})", true);
    row("question mark not zero", u"    Name: 'prog?.exe'"_s, R"({"Name":"prog.exe"})", false);
    row("question mark not two", u"    Name: 'prog?.exe'"_s, R"({"Name":"prog12.exe"})", false);
    row("empty string, empty value", u"    Name: ''"_s, R"({"Name":""})", true);
    row("empty string, absent", u"    Name: ''"_s, R"({})", false);
    row("null, absent", u"    Name: null"_s, R"({})", true);
    row("null, explicit null", u"    Name: null"_s, R"({"Name":null})", true);
    row("null, empty string", u"    Name: null"_s, R"({"Name":""})", false);
    row("integer, integer event", u"    EventID: 4688"_s, R"({"EventID":4688})", true);
    row("integer, string event", u"    EventID: 4688"_s, R"({"EventID":"4688"})", true);
    row("integer, leading zero", u"    EventID: 4688"_s, R"({"EventID":"04688"})", true);
    row("integer, other", u"    EventID: 4688"_s, R"({"EventID":4689})", false);
    row("quoted number is text", u"    EventID: '4688'"_s, R"({"EventID":4688})", true);
    row("simple folding: sharp s is not SS", u"    Name: 'straße'"_s, R"({"Name":"STRASSE"})",
        false);
    row("simple folding: non-ASCII case", u"    Name: 'ÄRGER'"_s, R"({"Name":"ärger"})", true);
    row("multi-valued field, any element", u"    F: 'b'"_s, R"({"F":["a","B"]})", true);
    row("multi-valued field, none", u"    F: 'c'"_s, R"({"F":["a","b"]})", false);
    row("missing field: not is true", u"    F: 'x'"_s, R"({})", true, u"not sel"_s);
    row("boolean value", u"    F: true"_s, R"({"F":true})", true);
    row("boolean value as text", u"    F: true"_s, R"({"F":"True"})", true);
    row("field name falls back to any case", u"    commandline: 'x'"_s, R"({"CommandLine":"X"})",
        true);
    row("plain value with inner star", u"    F: 'a*c'"_s, R"({"F":"abbbc"})", true);
    row("star and question mark", u"    F: '*a?c*'"_s, R"({"F":"xxabcxx"})", true);
    row("star and question mark, no", u"    F: '*a?c*'"_s, R"({"F":"xxacxx"})", false);
    row("unquoted number with contains uses its text", u"    F|contains: 200"_s,
        R"({"F":"HTTP 200 OK"})", true);

    // §4 modifiers
    const QString b64 = u"    CommandLine|base64offset|contains: 'http'"_s;
    row("base64offset offset 0", b64, R"({"CommandLine":"... aHR0cDovL3g= ..."})", true);
    row("base64offset offset 1", b64, R"({"CommandLine":"YWh0dHA6Ly94"})", true);
    row("base64offset offset 2", b64, R"({"CommandLine":"YWJodHRwOi8veA=="})", true);
    row("base64offset plain text", b64, R"({"CommandLine":"http://x"})", false);
    row("base64 keeps padding", u"    F|base64|contains: 'http'"_s, R"({"F":"x aHR0cA== y"})",
        true);
    row("base64 padding hurts", u"    F|base64|contains: 'http'"_s, R"({"F":"aHR0cDovL3g="})",
        false);
    const QString wide = u"    F|wide|base64offset|contains: 'IEX'"_s;
    row("utf16le base64offset 0", wide, R"({"F":"xSQBFAFgAx"})", true);
    row("utf16le base64offset 1", wide, R"({"F":"xkARQBYAx"})", true);
    row("utf16le base64offset 2", wide, R"({"F":"xJAEUAWAx"})", true);
    row("utf16le alias", u"    F|utf16le|base64offset|contains: 'IEX'"_s, R"({"F":"SQBFAFgA"})",
        true);
    row("utf16be base64", u"    F|utf16be|base64|contains: 'IEX'"_s, R"({"F":"AEkARQBY"})", true);
    row("utf16 with BOM FF FE", u"    F|utf16|base64|contains: 'IEX'"_s, R"({"F":"//5JAEUAWAA="})",
        true);
    const QString wd = u"    CommandLine|contains|windash: ' -enc '"_s;
    row("windash slash", wd, R"({"CommandLine":"powershell /enc AAA"})", true);
    row("windash en dash", wd, R"({"CommandLine":"powershell –enc AAA"})", true);
    row("windash needs a dash", wd, R"({"CommandLine":"powershell enc AAA"})", false);
    row("windash mid-word dash untouched", u"    CommandLine|windash|contains: 'a-b'"_s,
        R"({"CommandLine":"a/b"})", false);
    row("windash second dash of --x", u"    CommandLine|windash: '--x'"_s,
        R"({"CommandLine":"-/x"})", true);
    row("windash first dash of --x untouched", u"    CommandLine|windash: '--x'"_s,
        R"({"CommandLine":"/-x"})", false);
    const QString re = uR"(    CommandLine|re: '\s-e(nc)?\s')"_s;
    row("re search", re, R"({"CommandLine":"x -enc y"})", true);
    row("re case-sensitive", re, R"({"CommandLine":"x -ENC y"})", false);
    row("re|i", uR"(    CommandLine|re|i: '\s-e(nc)?\s')"_s, R"({"CommandLine":"x -ENC y"})", true);
    row("re is a search, not a full match", u"    F|re: 'abc'"_s, R"({"F":"xxabcxx"})", true);
    row("re dot stops at newline", u"    F|re: '^a.c$'"_s, R"({"F":"a\nc"})", false);
    row("re|s dot matches newline", u"    F|re|s: '^a.c$'"_s, R"({"F":"a\nc"})", true);
    row("re|m line anchors", u"    F|re|m: '^b$'"_s, R"({"F":"a\nb\nc"})", true);
    row("re without m", u"    F|re: '^b$'"_s, R"({"F":"a\nb\nc"})", false);
    row("re look-ahead via PCRE2 fallback", u"    F|re: 'a(?=b)'"_s, R"({"F":"xab"})", true);
    row("re look-ahead, no", u"    F|re: 'a(?=b)'"_s, R"({"F":"xac"})", false);
    row("re catastrophic pattern stays fast", u"    F|re: '(a+)+$'"_s,
        R"({"F":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab"})", false);
    row("re catastrophic pattern, match", u"    F|re: '(a+)+$'"_s, R"({"F":"baaaa"})", true);
    // RE2 rejects the look-ahead; PCRE2 runs it under a match limit instead of for minutes.
    row("re PCRE2 fallback is bounded", u"    F|re: '(a+)+(?=b)'"_s,
        R"({"F":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac"})", false);
    row("cidr inside", u"    DestinationIp|cidr: '10.0.0.0/8'"_s, R"({"DestinationIp":"10.1.2.3"})",
        true);
    row("cidr outside", u"    DestinationIp|cidr: '10.0.0.0/8'"_s,
        R"({"DestinationIp":"11.0.0.1"})", false);
    row("cidr v4 network, v6 address", u"    DestinationIp|cidr: '10.0.0.0/8'"_s,
        R"({"DestinationIp":"fe80::1"})", false);
    row("cidr v6 any case", u"    DestinationIp|cidr: 'fe80::/10'"_s,
        R"({"DestinationIp":"FE80::1"})", true);
    row("cidr bare address", u"    Ip|cidr: '192.168.1.5'"_s, R"({"Ip":"192.168.1.5"})", true);
    row("cidr not an address", u"    Ip|cidr: '10.0.0.0/8'"_s, R"({"Ip":"host"})", false);
    const QString gt = u"    Count|gt: 5"_s;
    row("gt int", gt, R"({"Count":6})", true);
    row("gt string", gt, R"({"Count":"6"})", true);
    row("gt numeric not lexical", gt, R"({"Count":"10"})", true);
    row("gt equal", gt, R"({"Count":5})", false);
    row("gt not a number", gt, R"({"Count":"abc"})", false);
    row("gt absent", gt, R"({})", false);
    row("gte equal", u"    Count|gte: 5"_s, R"({"Count":5})", true);
    row("lt float", u"    Count|lt: 2.5"_s, R"({"Count":"2.4"})", true);
    row("lte hex extension", u"    Count|lte: 16"_s, R"({"Count":"0x10"})", true);
    row("exists true, empty", u"    F|exists: true"_s, R"({"F":""})", true);
    row("exists true, null", u"    F|exists: true"_s, R"({"F":null})", true);
    row("exists true, absent", u"    F|exists: true"_s, R"({})", false);
    row("exists false, absent", u"    F|exists: false"_s, R"({})", true);
    row("exists false, present", u"    F|exists: false"_s, R"({"F":"x"})", false);
    row("exists false, null", u"    F|exists: false"_s, R"({"F":null})", false);
    const QString fr = u"    TargetUserName|fieldref: SubjectUserName"_s;
    row("fieldref ignores case", fr, R"({"TargetUserName":"Bob","SubjectUserName":"bob"})", true);
    row("fieldref referenced field absent", fr, R"({"TargetUserName":"Bob"})", false);
    row("fieldref|startswith", u"    A|fieldref|startswith: B"_s, R"({"A":"abc","B":"AB"})", true);
    row("cased differs", uR"(    Image|cased: 'C:\Temp\x.exe')"_s, R"({"Image":"c:\\temp\\x.exe"})",
        false);
    row("cased same", uR"(    Image|cased: 'C:\Temp\x.exe')"_s, R"({"Image":"C:\\Temp\\x.exe"})",
        true);
    row("neq other", u"    F|neq: 'a'"_s, R"({"F":"b"})", true);
    row("neq same", u"    F|neq: 'a'"_s, R"({"F":"A"})", false);
    row("neq absent is true", u"    F|neq: 'a'"_s, R"({})", true);
    row("neq list is NOT(OR)", u"    F|neq: ['a', 'b']"_s, R"({"F":"b"})", false);
    row("startswith", u"    F|startswith: 'ab'"_s, R"({"F":"ABC"})", true);
    row("startswith, not at start", u"    F|startswith: 'bc'"_s, R"({"F":"abc"})", false);
    row("all with one value", u"    F|contains|all: 'x'"_s, R"({"F":"axb"})", true);
    row("expand without placeholder is plain", u"    F|expand: 'abc'"_s, R"({"F":"abc"})", true);
}

void TestSigmaValues::matching() const
{
    QFETCH(QString, rule);
    QFETCH(QByteArray, event);
    QFETCH(bool, expected);
    const auto r = loadOne(rule);
    QVERIFY2(r, qPrintable(rule));
    QCOMPARE(r->matches(eventFromJson(event)), expected);
}

void TestSigmaValues::rejected_data() const
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<bool>("unsupported");
    auto row = [](const char* name, const QString& sel, const QString& reason,
                  bool unsupported = false) {
        QTest::newRow(name) << ruleText(sel) << reason << unsupported;
    };
    row("unknown modifier", u"    F|contain: 'x'"_s, u"unknown modifier 'contain'"_s);
    row("re not first", u"    F|contains|re: 'x'"_s, u"'re' must be the first modifier"_s);
    row("i without re", u"    F|i: 'x'"_s, u"only valid after 're'"_s);
    row("re with base64", u"    F|re|base64: 'x'"_s, u"cannot be combined with 're'"_s);
    row("cidr with contains", u"    F|cidr|contains: '10.0.0.0/8'"_s,
        u"cannot be combined with 'cidr'"_s);
    row("cidr host bits", u"    F|cidr: '10.0.0.1/8'"_s, u"host bits"_s);
    row("cidr garbage", u"    F|cidr: 'nonsense'"_s, u"not an IPv4 or IPv6 network"_s);
    row("exists with a string", u"    F|exists: 'true'"_s, u"YAML boolean"_s);
    row("exists with another modifier", u"    F|exists|all: true"_s, u"only modifier"_s);
    row("gt with a quoted value", u"    Count|gt: '5'"_s, u"unquoted YAML number"_s);
    row("expand placeholder", u"    F|expand: '%admins%'"_s,
        u"placeholder %admins% needs a value list; none configured"_s, true);
    row("base64 with a wildcard", u"    F|base64: 'a*'"_s,
        u"cannot encode a value with wildcards"_s);
    row("utf16 without base64", u"    F|utf16le: 'a'"_s, u"must be followed by base64"_s);
    row("fieldref with wildcard", u"    F|fieldref: 'Oth*'"_s, u"without wildcards"_s);
    row("invalid regex", u"    F|re: '(unclosed'"_s, u"invalid regular expression"_s);
    row("time modifier", u"    F|hour: 3"_s, u"not supported"_s, true);
    row("map as value", u"    F: {a: 1}"_s, u"not a map"_s);
    row("nested list as value", u"    F: [[1]]"_s, u"must be a scalar"_s);
    row("keyword with cidr", u"    '|cidr': '10.0.0.0/8'"_s, u"needs a field name"_s);
}

void TestSigmaValues::rejected() const
{
    QFETCH(QString, rule);
    QFETCH(QString, reason);
    QFETCH(bool, unsupported);
    sigma::RuleSet set;
    set.addText(rule, u"test"_s);
    QCOMPARE(set.rules().size(), 0u);
    QCOMPARE(set.issues().size(), 1u);
    const sigma::LoadIssue& issue = set.issues().front();
    QVERIFY2(issue.message.contains(reason), qPrintable(issue.toString()));
    QCOMPARE(issue.unsupported, unsupported);
    QCOMPARE_GT(issue.line, 0); // every such error points at the offending node
    QCOMPARE_GT(issue.column, 0);
}

// Case B25: windash must try en dash, em dash and horizontal bar too.
void TestSigmaValues::b25WindashUnicodeDashes() const
{
    const auto rule = loadOne(u"title: procdump flag\nlogsource: {product: windows, category: "
                              u"process_creation}\ndetection:\n  sel:\n    "
                              u"CommandLine|windash|contains: ' -ma '\n  condition: sel\n"_s);
    QVERIFY(rule);
    const QStringList lines = {u"pd.exe -ma 123 out.dmp"_s,      u"pd.exe /ma 123 out.dmp"_s,
                               u"pd.exe \u2013ma 123 out.dmp"_s, u"pd.exe \u2014ma 123 out.dmp"_s,
                               u"pd.exe \u2015ma 123 out.dmp"_s, u"pd.exe ma 123 out.dmp"_s,
                               u"pd.exe --ma 123 out.dmp"_s};
    const QList<bool> expected = {true, true, true, true, true, false, false};
    QList<bool> actual;
    for (const QString& line : lines) {
        Event e;
        // A Sysmon process creation, so the log-source filter lets it through.
        e.fields.append(u"EventID"_s, FieldValue::fromInt(1));
        e.fields.append(u"Channel"_s,
                        FieldValue::fromString(u"Microsoft-Windows-Sysmon/Operational"_s));
        e.fields.append(u"CommandLine"_s, FieldValue::fromString(line));
        actual << rule->matches(e);
    }
    QCOMPARE(actual, expected);
}

// Case B28: `null` (absent or null) and '' (present and empty) are different predicates.
void TestSigmaValues::b28NullVersusEmpty() const
{
    const auto rNull = loadOne(u"detection:\n  sel:\n    FieldB: null\n  condition: sel\n"_s);
    const auto rEmpty = loadOne(u"detection:\n  sel:\n    FieldB: ''\n  condition: sel\n"_s);
    QVERIFY(rNull && rEmpty);
    const QList<QByteArray> events = {R"({"FieldA":"x"})", R"({"FieldA":"x","FieldB":""})",
                                      R"({"FieldA":"x","FieldB":null})",
                                      R"({"FieldA":"x","FieldB":"v"})"};
    QList<bool> nulls;
    QList<bool> empties;
    for (const QByteArray& json : events) {
        const Event e = eventFromJson(json);
        nulls << rNull->matches(e);
        empties << rEmpty->matches(e);
    }
    QCOMPARE(nulls, (QList<bool>{true, false, true, false}));
    QCOMPARE(empties, (QList<bool>{false, true, false, false}));
}

// Case B16: integers beyond 2^53 compare exactly.
void TestSigmaValues::b16Int64Exact() const
{
    const Event e = eventFromJson(R"({"event_id":9007199254740993,"user":"user1","bytes":1.5e3})");
    const QString tmpl = u"title: big id\nlogsource: {product: test}\ndetection:\n  sel:\n    "
                         u"event_id: %1\n  condition: sel\n"_s;
    const auto exact = loadOne(tmpl.arg(u"9007199254740993"_s));
    const auto off = loadOne(tmpl.arg(u"9007199254740992"_s));
    QVERIFY(exact && off);
    QVERIFY(exact->matches(e));
    QVERIFY(!off->matches(e));
}

QTEST_APPLESS_MAIN(TestSigmaValues)
#include "tst_sigma_values.moc"
