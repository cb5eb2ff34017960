// Loading: files and folders, issues with positions, duplicates, multi-document files,
// unsupported kinds, metadata and log-source filtering.
#include <atomic>
#include <thread>

#include <QCryptographicHash>
#include <QTest>

#include "model/event.h"
#include "sigma/rule.h"
#include "sigma/rule_set.h"

using namespace vigil;

Q_DECLARE_METATYPE(vigil::Event)
using namespace Qt::StringLiterals;

namespace {

const QString kSysmon = u"Microsoft-Windows-Sysmon/Operational"_s;

QString dataDir()
{
    return QString::fromUtf8(VIGIL_TEST_DATA) + u"/sigma/tree"_s;
}

Event makeEvent(std::initializer_list<std::pair<const char*, FieldValue>> fields,
                const QString& format = QString(), const QString& raw = QString())
{
    Event e;
    for (const auto& [name, value] : fields) {
        e.fields.append(QString::fromUtf8(name), value);
    }
    e.format = format;
    e.raw = raw;
    return e;
}

FieldValue s(const char* text)
{
    return FieldValue::fromString(QString::fromUtf8(text));
}

FieldValue s(const QString& text)
{
    return FieldValue::fromString(text);
}

FieldValue n(qint64 v)
{
    return FieldValue::fromInt(v);
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

class TestSigmaLoader : public QObject {
    Q_OBJECT
private slots:
    void folderIsLoadedSortedWithIssues() const;
    void metadata() const;
    void uidFromSha1WithoutId() const;
    void multiDocumentPositions() const;
    void unsupportedKinds_data() const;
    void unsupportedKinds() const;
    void badMetadata_data() const;
    void badMetadata() const;
    void logSourceFilter_data() const;
    void logSourceFilter() const;
    void unmappedLogSourceWarns() const;
    void keywordsSearchRawSyslogOnly() const;
    void brokenMapping_data() const;
    void brokenMapping() const;
    void matchKeepsLoadOrder() const;
    void indexedMatchingAgreesWithRules_data() const;
    void indexedMatchingAgreesWithRules() const;
    void concurrentMatching() const;
    void levels() const;
};

void TestSigmaLoader::folderIsLoadedSortedWithIssues() const
{
    sigma::RuleSet set;
    set.addPath(dataDir());
    const QString b = dataDir() + u"/sub/b_multi.yaml"_s;
    const QString c = dataDir() + u"/sub/c_syntax.yml"_s;
    QCOMPARE(set.documentCount(), 5); // notes.txt is not a rule file
    QCOMPARE(set.rules().size(), 2u);
    QCOMPARE(set.rules()[0]->meta().title, u"Whoami execution"_s);
    QCOMPARE(set.rules()[1]->meta().title, u"First of two"_s);
    QCOMPARE(set.rules()[1]->path(), b);
    QCOMPARE(set.issues().size(), 3u);

    const sigma::LoadIssue& bogus = set.issues()[0];
    QCOMPARE(bogus.file, b);
    QCOMPARE(bogus.line, 19);
    QCOMPARE(bogus.column, 9);
    QCOMPARE(bogus.ruleId, u"33333333-3333-4333-8333-333333333333"_s);
    QCOMPARE(bogus.title, u"Second of two, broken"_s);
    QCOMPARE(bogus.message, u"unknown modifier 'bogus'"_s);
    QVERIFY(!bogus.unsupported);

    const sigma::LoadIssue& dup = set.issues()[1];
    QCOMPARE(dup.file, b);
    QCOMPARE(dup.line, 23);
    QCOMPARE(dup.column, 5);
    QCOMPARE(dup.message,
             u"duplicate rule id, first loaded from "_s + dataDir() + u"/a_process.yml:2"_s);

    const sigma::LoadIssue& syntax = set.issues()[2];
    QCOMPARE(syntax.file, c);
    QVERIFY2(syntax.message.startsWith(u"YAML: "_s), qPrintable(syntax.toString()));
    QCOMPARE(syntax.line, 5);
    QCOMPARE(syntax.column, 14);
}

void TestSigmaLoader::metadata() const
{
    sigma::RuleSet set;
    set.addPath(dataDir() + u"/a_process.yml"_s);
    QCOMPARE(set.rules().size(), 1u);
    const sigma::Rule& r = *set.rules().front();
    const sigma::RuleMeta& m = r.meta();
    QCOMPARE(m.id, u"11111111-1111-4111-8111-111111111111"_s);
    QCOMPARE(r.uid(), m.id);
    QCOMPARE(m.status, u"test"_s);
    QCOMPARE(m.description, u"Test rule for the loader test"_s);
    QCOMPARE(m.author, u"Vigil tests"_s);
    QCOMPARE(m.date, u"2026-01-02"_s);
    QCOMPARE(m.modified, u"2026-02-03"_s);
    QCOMPARE(m.tags, (QStringList{u"attack.discovery"_s, u"attack.t1033"_s}));
    QCOMPARE(m.references, QStringList{u"https://example.invalid/whoami"_s});
    QCOMPARE(m.falsePositives, QStringList{u"Admins"_s});
    QCOMPARE(m.level, sigma::Level::High);
    QCOMPARE(m.product, u"windows"_s);
    QCOMPARE(m.category, u"process_creation"_s);
    QVERIFY(m.service.isEmpty());
    QVERIFY(r.text().startsWith(u"title: Whoami execution\n"_s));
    QVERIFY(r.warnings().isEmpty()); // windows/process_creation is mapped
}

void TestSigmaLoader::uidFromSha1WithoutId() const
{
    const QString text = u"title: no id\ndetection:\n  sel: {A: 1}\n  condition: sel\n"_s;
    sigma::RuleSet set;
    set.addText(text, u"mem"_s);
    QCOMPARE(set.rules().size(), 1u);
    const sigma::Rule& r = *set.rules().front();
    QCOMPARE(r.text(), text);
    QCOMPARE(r.uid(),
             u"sha1:"_s
                 + QString::fromLatin1(
                     QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha1).toHex()));
    QCOMPARE(r.meta().level, sigma::Level::Medium); // default
    QCOMPARE(r.path(), u"mem"_s); // the origin given to addText
}

void TestSigmaLoader::multiDocumentPositions() const
{
    const QString text = u"title: one\ndetection:\n  sel: {A: 1}\n  condition: sel\n"
                         u"---\n"
                         u"title: two\ndetection:\n  sel: {A|nope: 1}\n  condition: sel\n"
                         u"...\n"
                         u"--- # third\n"
                         u"title: three\ndetection:\n  sel: {A: 3}\n  condition: sel or x\n"_s;
    sigma::RuleSet set;
    set.addText(text, u"multi"_s);
    QCOMPARE(set.documentCount(), 3);
    QCOMPARE(set.rules().size(), 1u);
    QCOMPARE(set.rules().front()->text(),
             u"title: one\ndetection:\n  sel: {A: 1}\n  condition: sel"_s);
    QCOMPARE(set.issues().size(), 2u);
    QCOMPARE(set.issues()[0].toString(), u"multi:8:9: unknown modifier 'nope'"_s);
    QCOMPARE(set.issues()[0].title, u"two"_s);
    QCOMPARE(set.issues()[1].toString(), u"multi:15:21: unknown identifier 'x'"_s);
}

void TestSigmaLoader::unsupportedKinds_data() const
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("line");
    QTest::newRow("correlation type value_sum")
        << u"title: c\nname: c\ncorrelation:\n  type: value_sum\n  rules: [a]\n"
           u"  group-by: [User]\n  timespan: 5m\n  condition: {field: B, gte: 3}\n"_s
        << u"correlation type 'value_sum' is not supported yet"_s << 4;
    QTest::newRow("global filter")
        << u"title: f\nlogsource: {product: windows}\nfilter:\n  rules: [a]\n"
           u"  selection: {User: x}\n  condition: not selection\n"_s
        << u"global filters are not supported yet"_s << 4;
    QTest::newRow("sigma 1 collection")
        << u"action: global\ntitle: g\n"_s << u"action: global/repeat/reset"_s << 1;
}

void TestSigmaLoader::unsupportedKinds() const
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    QFETCH(int, line);
    sigma::RuleSet set;
    set.addText(text, u"kinds"_s);
    QCOMPARE(set.documentCount(), 1);
    QCOMPARE(set.rules().size(), 0u);
    QCOMPARE(set.issues().size(), 1u);
    QVERIFY2(set.issues().front().message.contains(message), qPrintable(issuesText(set)));
    QVERIFY(set.issues().front().unsupported);
    QCOMPARE(set.issues().front().line, line);
}

void TestSigmaLoader::badMetadata_data() const
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    const QString det = u"detection:\n  sel: {A: 1}\n  condition: sel\n"_s;
    QTest::newRow("unknown level")
        << u"title: t\nlevel: severe\n"_s + det << u"unknown level 'severe'"_s << 2 << 8;
    QTest::newRow("logsource not a map")
        << u"title: t\nlogsource: windows\n"_s + det << u"'logsource' must be a map"_s << 2 << 12;
    QTest::newRow("no detection") << u"title: t\nlevel: low\n"_s << u"no 'detection' section"_s << 1
                                  << 1;
    QTest::newRow("not a map") << u"- a\n- b\n"_s << u"must be a YAML map"_s << 1 << 1;
    QTest::newRow("empty selection")
        << u"detection:\n  sel: {}\n  condition: sel\n"_s << u"empty map"_s << 2 << 8;
    QTest::newRow("tags not text")
        << u"title: t\ntags: {a: b}\n"_s + det << u"'tags' must be a list of text"_s << 2 << 7;
}

void TestSigmaLoader::badMetadata() const
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    QFETCH(int, line);
    QFETCH(int, column);
    sigma::RuleSet set;
    set.addText(text, u"meta"_s);
    QCOMPARE(set.rules().size(), 0u);
    QCOMPARE(set.issues().size(), 1u);
    const sigma::LoadIssue& issue = set.issues().front();
    QVERIFY2(issue.message.contains(message), qPrintable(issue.toString()));
    QCOMPARE(issue.line, line);
    QCOMPARE(issue.column, column);
}

void TestSigmaLoader::logSourceFilter_data() const
{
    QTest::addColumn<QString>("logsource");
    QTest::addColumn<Event>("event");
    QTest::addColumn<bool>("applies");
    QTest::addColumn<bool>("matches");
    const QString pc = u"{product: windows, category: process_creation}"_s;
    const QString whoami = u"C:\\Windows\\System32\\whoami.exe"_s;
    QTest::newRow("sysmon process creation")
        << pc << makeEvent({{"EventID", n(1)}, {"Channel", s(kSysmon)}, {"Image", s(whoami)}})
        << true << true;
    QTest::newRow("sysmon registry event is not process creation")
        << pc << makeEvent({{"EventID", n(13)}, {"Channel", s(kSysmon)}, {"Image", s(whoami)}})
        << false << false;
    QTest::newRow("sysmon image load is not process creation")
        << pc << makeEvent({{"EventID", n(7)}, {"Channel", s(kSysmon)}, {"Image", s(whoami)}})
        << false << false;
    QTest::newRow("security 4688 through the Image alias")
        << pc
        << makeEvent(
               {{"EventID", n(4688)}, {"Channel", s("Security")}, {"NewProcessName", s(whoami)}})
        << true << true;
    QTest::newRow("4688 in another channel")
        << pc
        << makeEvent(
               {{"EventID", n(4688)}, {"Channel", s("Application")}, {"NewProcessName", s(whoami)}})
        << false << false;
    QTest::newRow("event id given as text")
        << pc << makeEvent({{"EventID", s("1")}, {"Channel", s(kSysmon)}, {"Image", s(whoami)}})
        << true << true;
    QTest::newRow("not a windows event")
        << pc << makeEvent({{"EventID", n(1)}, {"Image", s(whoami)}}) << false << false;
    const QString sec = u"{product: windows, service: security}"_s;
    QTest::newRow("service security")
        << sec << makeEvent({{"EventID", n(1)}, {"Channel", s("security")}, {"Image", s(whoami)}})
        << true << true;
    QTest::newRow("service security, sysmon channel")
        << sec << makeEvent({{"EventID", n(1)}, {"Channel", s(kSysmon)}, {"Image", s(whoami)}})
        << false << false;
    const QString reg = u"{product: windows, category: registry_delete}"_s;
    QTest::newRow("registry_delete needs the event type")
        << reg
        << makeEvent({{"EventID", n(12)},
                      {"Channel", s(kSysmon)},
                      {"EventType", s("DeleteKey")},
                      {"Image", s(whoami)}})
        << true << true;
    QTest::newRow("registry_delete, create key") << reg
                                                 << makeEvent({{"EventID", n(12)},
                                                               {"Channel", s(kSysmon)},
                                                               {"EventType", s("CreateKey")},
                                                               {"Image", s(whoami)}})
                                                 << false << false;
    const QString ssh = u"{product: linux, service: sshd}"_s;
    QTest::newRow("linux sshd syslog line")
        << ssh << makeEvent({{"app_name", s("sshd")}, {"Image", s(whoami)}}, u"syslog-rfc3164"_s)
        << true << true;
    QTest::newRow("linux sshd, other program")
        << ssh << makeEvent({{"app_name", s("cron")}, {"Image", s(whoami)}}, u"syslog-rfc3164"_s)
        << false << false;
    QTest::newRow("linux sshd, not syslog")
        << ssh << makeEvent({{"app_name", s("sshd")}, {"Image", s(whoami)}}, u"jsonl"_s) << false
        << false;
}

void TestSigmaLoader::logSourceFilter() const
{
    QFETCH(QString, logsource);
    QFETCH(Event, event);
    QFETCH(bool, applies);
    QFETCH(bool, matches);
    sigma::RuleSet set;
    set.addText(u"title: t\nlogsource: "_s + logsource
                    + u"\ndetection:\n  sel:\n    Image|endswith: '\\whoami.exe'\n"
                      u"  condition: sel\n"_s,
                u"ls"_s);
    QCOMPARE(set.rules().size(), 1u);
    const sigma::Rule& r = *set.rules().front();
    QCOMPARE(r.appliesTo(event), applies);
    QCOMPARE(r.matches(event), matches);
    std::vector<const sigma::Rule*> hits;
    set.match(event, hits);
    QCOMPARE(hits.size(), matches ? 1u : 0u);
}

void TestSigmaLoader::unmappedLogSourceWarns() const
{
    sigma::RuleSet set;
    // A source Vigil knows but does not collect: the rule loads and matches nothing.
    set.addText(u"title: t\nlogsource: {product: aws, service: cloudtrail}\n"
                u"detection:\n  sel: {eventName: DeleteTrail}\n  condition: sel\n"_s,
                u"aws"_s);
    // A Zeek rule whose condition is "not selection" would otherwise fire on every event.
    set.addText(u"title: z\nlogsource: {product: zeek, service: rdp}\n"
                u"detection:\n  selection: {id.resp_p: 3389}\n  condition: not selection\n"_s,
                u"zeek"_s);
    // An unmapped category under a product Vigil collects: not recognisable yet, so inert too.
    set.addText(u"title: l\nlogsource: {product: linux, category: process_creation}\n"
                u"detection:\n  sel: {Image|endswith: '/whoami'}\n  condition: sel\n"_s,
                u"lnx"_s);
    // A product nobody knows (a custom source): not restricted, with a warning.
    set.addText(u"title: c\nlogsource: {product: acme_app}\n"
                u"detection:\n  sel: {action: delete}\n  condition: sel\n"_s,
                u"custom"_s);
    QCOMPARE(set.rules().size(), 4u);
    const sigma::Rule& aws = *set.rules()[0];
    QCOMPARE(aws.warnings().size(), 1);
    QVERIFY2(aws.warnings()[0].contains(u"does not collect log source product 'aws'"_s),
             qPrintable(aws.warnings()[0]));
    QVERIFY(!aws.appliesTo(makeEvent({{"Channel", s("Security")}})));
    QVERIFY(!aws.matches(makeEvent({{"eventName", s("DeleteTrail")}}, u"jsonl"_s)));
    const sigma::Rule& zeek = *set.rules()[1];
    QVERIFY(!zeek.matches(makeEvent({{"message", s("anything")}}, u"syslog-rfc3164"_s)));
    const sigma::Rule& lnx = *set.rules()[2];
    QVERIFY(lnx.warnings()[0].contains(u"category 'process_creation'"_s));
    QVERIFY(!lnx.matches(makeEvent({{"Image", s("/usr/bin/whoami")}}, u"syslog-rfc3164"_s)));
    const sigma::Rule& custom = *set.rules()[3];
    QVERIFY(custom.warnings()[0].contains(u"unknown to Vigil"_s));
    QVERIFY(custom.matches(makeEvent({{"action", s("delete")}}, u"json"_s)));
    std::vector<const sigma::Rule*> hits;
    set.match(makeEvent({{"eventName", s("DeleteTrail")}, {"action", s("delete")}}, u"json"_s), hits);
    QCOMPARE(hits.size(), 1u);
    QCOMPARE(hits[0], &custom);
}

void TestSigmaLoader::keywordsSearchRawSyslogOnly() const
{
    sigma::RuleSet set;
    set.addText(u"title: k\ndetection:\n  keywords: ['Failed password', 'user']\n"
                u"  condition: keywords\n"_s,
                u"kw"_s);
    QCOMPARE(set.rules().size(), 1u);
    const sigma::Rule& r = *set.rules().front();
    QVERIFY(r.matches(makeEvent({}, u"syslog-rfc3164"_s, u"sshd[12]: Failed password for x"_s)));
    // For structured records the raw text would expose field names: not searched.
    QVERIFY(!r.matches(makeEvent({{"name", s("x")}}, u"jsonl"_s, u"{\"user\":\"x\"}"_s)));
}

void TestSigmaLoader::brokenMapping_data() const
{
    QTest::addColumn<QString>("mapping");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::newRow("yaml syntax") << u"products: [\n"_s << u"log-source mapping"_s << 2 << 1;
    QTest::newRow("unknown key")
        << u"version: 1\nproducts:\n  windows:\n    required_fieldz: [Channel]\n"_s
        << u"unknown key 'required_fieldz' in a product"_s << 4 << 5;
    QTest::newRow("entry without sources") << u"categories:\n  - name: process_creation\n"_s
                                           << u"an entry needs 'name' and 'sources'"_s << 2 << 5;
}

void TestSigmaLoader::brokenMapping() const
{
    QFETCH(QString, mapping);
    QFETCH(QString, message);
    QFETCH(int, line);
    QFETCH(int, column);
    sigma::RuleSet set;
    set.setLogSourceMapText(mapping, u"bad.yml"_s);
    QCOMPARE(set.issues().size(), 1u);
    const sigma::LoadIssue& issue = set.issues().front();
    QCOMPARE(issue.file, u"bad.yml"_s);
    QVERIFY2(issue.message.contains(message), qPrintable(issue.toString()));
    QCOMPARE(issue.line, line);
    QCOMPARE(issue.column, column);
    // A broken mapping is a hard error: no rule loads.
    set.addText(u"detection:\n  sel: {A: 1}\n  condition: sel\n"_s, u"r"_s);
    QCOMPARE(set.rules().size(), 0u);
    QCOMPARE(set.documentCount(), 1);
    QCOMPARE(set.issues().size(), 2u);
    QVERIFY(set.issues()[1].message.contains(u"mapping is broken"_s));
}

void TestSigmaLoader::matchKeepsLoadOrder() const
{
    sigma::RuleSet set;
    set.addText(u"title: r1\ndetection:\n  s: {A: 1}\n  condition: s\n---\n"
                u"title: r2\ndetection:\n  s: {A: 2}\n  condition: s\n---\n"
                u"title: r3\ndetection:\n  s: {B: 1}\n  condition: s\n"_s,
                u"order"_s);
    QCOMPARE(set.rules().size(), 3u);
    std::vector<const sigma::Rule*> hits;
    hits.push_back(nullptr); // match() appends
    set.match(makeEvent({{"A", n(1)}, {"B", n(1)}}), hits);
    QCOMPARE(hits.size(), 3u);
    QCOMPARE(hits[1]->meta().title, u"r1"_s);
    QCOMPARE(hits[2]->meta().title, u"r3"_s);
}

void TestSigmaLoader::indexedMatchingAgreesWithRules_data() const
{
    QTest::addColumn<Event>("event");
    QTest::addColumn<QStringList>("expected");
    const Event cmd = makeEvent({{"A", s("x")},
                                 {"CommandLine", s("procdump -ma lsass")},
                                 {"Image", s("C:\\Tools\\ProcDump.exe")}});
    QTest::newRow("keywords in a later field")
        << cmd << QStringList{u"glob keywords"_s, u"plain keywords"_s, u"image"_s, u"not x"_s};
    QTest::newRow("nothing") << makeEvent({{"A", s("x")}}) << QStringList{u"not x"_s};
    QTest::newRow("list field") << makeEvent(
        {{"Image", FieldValue::fromList({s("a"), s("c:\\procdump.exe")})}})
                                << QStringList{u"plain keywords"_s, u"image"_s, u"not x"_s};
}

// RuleSet::match() skips rules through its literal index; the result must equal
// Rule::matches(). A keyword rule answered value by value once clobbered the shared
// keyword scan of another rule.
void TestSigmaLoader::indexedMatchingAgreesWithRules() const
{
    QFETCH(Event, event);
    QFETCH(QStringList, expected);
    sigma::RuleSet set;
    set.addText(u"title: glob keywords\ndetection:\n  k: ['proc*ma', 'zzz']\n  condition: k\n---\n"
                u"title: plain keywords\ndetection:\n  k: ['dump', 'lsass']\n  condition: k\n---\n"
                u"title: image\ndetection:\n  s: {Image|endswith: '\\procdump.exe'}\n"
                u"  condition: s\n---\n"
                u"title: not x\ndetection:\n  s: {Other: 'x'}\n  condition: not s\n"_s,
                u"agree"_s);
    QCOMPARE(set.rules().size(), 4u);
    std::vector<const sigma::Rule*> hits;
    set.match(event, hits);
    QStringList viaSet;
    for (const sigma::Rule* r : hits) {
        viaSet << r->meta().title;
    }
    QStringList viaRules;
    for (const auto& r : set.rules()) {
        if (r->matches(event)) {
            viaRules << r->meta().title;
        }
    }
    QCOMPARE(viaSet, expected);
    QCOMPARE(viaRules, expected);
}

void TestSigmaLoader::concurrentMatching() const
{
    sigma::RuleSet set;
    set.addText(u"title: a\ndetection:\n  s: {CommandLine|contains: 'evil'}\n  condition: s\n---\n"
                u"title: b\ndetection:\n  s: {CommandLine|re: 'ev[il]+'}\n  condition: s\n"_s,
                u"mt"_s);
    QCOMPARE(set.rules().size(), 2u);
    const Event hit = makeEvent({{"CommandLine", s("run EVIL evil")}});
    const Event miss = makeEvent({{"CommandLine", s("benign")}});
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            std::vector<const sigma::Rule*> hits;
            for (int i = 0; i < 2000; ++i) {
                hits.clear();
                set.match(i % 2 ? hit : miss, hits);
                if (hits.size() != (i % 2 ? 2u : 0u)) {
                    ++wrong;
                }
            }
        });
    }
    for (auto& th : threads) {
        th.join();
    }
    QCOMPARE(wrong.load(), 0);
}

void TestSigmaLoader::levels() const
{
    QCOMPARE(sigma::levelName(sigma::Level::Informational), u"informational"_s);
    QCOMPARE(sigma::levelName(sigma::Level::Critical), u"critical"_s);
    QCOMPARE(sigma::levelFromName(u"HIGH"), sigma::Level::High);
    QCOMPARE(sigma::levelFromName(u"low"), sigma::Level::Low);
    QVERIFY(!sigma::levelFromName(u"severe").has_value());
    QVERIFY(sigma::Level::Critical > sigma::Level::High);
}

QTEST_APPLESS_MAIN(TestSigmaLoader)
#include "tst_sigma_loader.moc"
