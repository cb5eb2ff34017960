#include <QTest>

#include "investigation/observable_extractor.h"
#include "investigation/observables.h"
#include "storage/journal.h"
#include "util/json.h"

#include "investigation_fixture.h"

using namespace vigil;
using namespace Qt::StringLiterals;

namespace {

// "type=value" for every observable of one record, sorted.
QStringList observablesOf(const QString& format, const QByteArray& line)
{
    Event e;
    if (!test::parseRecord({format, line}, 1, e)) {
        return {u"<rejected>"_s};
    }
    QStringList out;
    for (const ObservableHit& h : extractObservables(e)) {
        out << codeOf(h.type) + u'=' + h.value;
    }
    out.sort();
    return out;
}

qint64 journalCount(Database& db, const QString& action)
{
    auto entries = Journal::forObject(db, u"incident"_s, 1);
    qint64 n = 0;
    for (const JournalEntry& e : *entries) {
        n += e.action == action ? 1 : 0;
    }
    return n;
}

const ObservableRecord* find(const std::vector<ObservableRecord>& list, ObservableType type,
                             const QString& value)
{
    for (const ObservableRecord& r : list) {
        if (r.type == type && r.value == value) {
            return &r;
        }
    }
    return nullptr;
}

const QString kPowerShell = uR"(C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe)"_s;

} // namespace

class TestObservables : public QObject {
    Q_OBJECT
private slots:
    void extractsPerType_data();
    void extractsPerType();
    void normalises_data();
    void normalises();
    void markingCodes_data();
    void markingCodes();
    void dedupPerIncident();
    void markingsAreJournalled();
    void collectShowsUnextracted();
    void pivot_data();
    void pivot();
    void pivotLimitTruncates();
    void hostileTextStaysLinear();
};

void TestObservables::extractsPerType_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QStringList>("expected");
    const auto records = test::intrusionRecords();
    QTest::addRow("sysmon process: paths, user, labelled hashes, no imphash or version")
        << records[0].format << records[0].line
        << QStringList{
               u"file_path="_s + kPowerShell,
               uR"(file_path=C:\Program Files\Microsoft Office\root\Office16\WINWORD.EXE)"_s,
               uR"(file_path=C:\Users\jdoe\Documents\)"_s,
               u"host=WS-042.corp.example.com"_s,
               u"md5=0a1b2c3d4e5f60718293a4b5c6d7e8f9"_s,
               u"sha1=5b0e3e1f2c3d4a5b6c7d8e9f0a1b2c3d4e5f6a7b"_s,
               u"sha256=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"_s,
               uR"(user=CORP\jdoe)"_s};
    QTest::addRow("sysmon dns: domain, address inside the results text")
        << records[1].format << records[1].line
        << QStringList{u"domain=cdn.bad-updates.example"_s, u"file_path="_s + kPowerShell,
                       u"host=WS-042.corp.example.com"_s, u"ip=198.51.100.23"_s,
                       uR"(user=CORP\jdoe)"_s};
    QTest::addRow("sysmon network: both addresses, destination host name as domain")
        << records[2].format << records[2].line
        << QStringList{u"domain=cdn.bad-updates.example"_s, u"file_path="_s + kPowerShell,
                       u"host=WS-042.corp.example.com"_s, u"ip=10.20.30.42"_s,
                       u"ip=198.51.100.23"_s, uR"(user=CORP\jdoe)"_s};
    QTest::addRow("proxy: url and its domain, ECS user")
        << records[3].format << records[3].line
        << QStringList{u"domain=cdn.bad-updates.example"_s, u"host=proxy-1"_s, u"ip=10.20.30.42"_s,
                       u"url=http://cdn.bad-updates.example/payload/stage2.bin?id=42"_s,
                       u"user=jdoe"_s};
    QTest::addRow("edr: unix path, whole hash lower-cased, loopback left out")
        << records[4].format << records[4].line
        << QStringList{u"file_path=/srv/share/finance/invoice.docm"_s, u"host=fs-01"_s,
                       u"sha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"_s};
    QTest::addRow("sshd: address in the message, invalid user")
        << records[5].format << records[5].line
        << QStringList{u"host=bastion-1"_s, u"ip=203.0.113.45"_s, u"user=admin"_s};
    QTest::addRow("ipv6 canonical, url with port and user info, trailing dot")
        << u"json"_s
        << QByteArray(R"({"host":"h1","client":"2001:DB8:0:0:0:0:0:1","note":"see HTTPS://Admin@Files.Example.ORG:8443/x.zip."})")
        << QStringList{u"domain=files.example.org"_s, u"host=h1"_s, u"ip=2001:db8::1"_s,
                       u"url=https://admin@files.example.org:8443/x.zip"_s};
    QTest::addRow("lookalikes: dotted run, unlabelled hex, url path, registry, placeholders")
        << u"json"_s
        << QByteArray(R"({"host":"-","msg":"build 1.2.3.4.5 token 0a1b2c3d4e5f60718293a4b5c6d7e8f9","url":"/index.php?x=1","TargetObject":"HKLM\\Software\\Run\\x","TargetUserName":"-","IpAddress":"::","dst":"0.0.0.0","CommandLine":"C:\\Windows\\system32\\cmd.exe /c whoami"})")
        << QStringList{};
    QTest::addRow("sysmon process access: a call trace is no file path")
        << u"json"_s
        << QByteArray(R"j({"Computer":"ws-7","EventID":10,"SourceImage":"C:\\Windows\\System32\\svchost.exe","CallTrace":"C:\\Windows\\SYSTEM32\\ntdll.dll+9d1e4|C:\\Windows\\System32\\KERNELBASE.dll+2c13e|UNKNOWN(00000000016B2A1B)"})j")
        << QStringList{uR"(file_path=C:\Windows\System32\svchost.exe)"_s, u"host=ws-7"_s};
    QTest::addRow("lists: every element")
        << u"json"_s << QByteArray(R"({"host":"h2","answers":["192.0.2.1","192.0.2.2"]})")
        << QStringList{u"host=h2"_s, u"ip=192.0.2.1"_s, u"ip=192.0.2.2"_s};
}

void TestObservables::extractsPerType()
{
    QFETCH(QString, format);
    QFETCH(QByteArray, line);
    QFETCH(QStringList, expected);
    expected.sort();
    QCOMPARE(observablesOf(format, line), expected);
}

void TestObservables::normalises_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::addRow("ipv4 leading zeros") << u"ip"_s << u"010.001.002.003"_s << u"10.1.2.3"_s;
    QTest::addRow("ipv4 octet too big") << u"ip"_s << u"10.1.2.256"_s << QString();
    QTest::addRow("ipv4 three parts") << u"ip"_s << u"10.1.2"_s << QString();
    QTest::addRow("ipv6 brackets") << u"ip"_s << u"[FE80::1]"_s << u"fe80::1"_s;
    QTest::addRow("domain upper, trailing dot") << u"domain"_s << u"Evil.Example.COM."_s
                                                << u"evil.example.com"_s;
    QTest::addRow("domain single label") << u"domain"_s << u"localhost"_s << QString();
    QTest::addRow("domain numeric tld") << u"domain"_s << u"a.b.123"_s << QString();
    QTest::addRow("md5 upper") << u"md5"_s << u"0A1B2C3D4E5F60718293A4B5C6D7E8F9"_s
                               << u"0a1b2c3d4e5f60718293a4b5c6d7e8f9"_s;
    QTest::addRow("md5 wrong length") << u"md5"_s << u"0a1b2c"_s << QString();
    QTest::addRow("sha1 given a sha256") << u"sha1"_s
                                         << u"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"_s
                                         << QString();
    QTest::addRow("path in quotes") << u"file_path"_s << uR"("C:\Temp\a b.exe")"_s
                                    << uR"(C:\Temp\a b.exe)"_s;
    QTest::addRow("user placeholder") << u"user"_s << u" - "_s << QString();
    QTest::addRow("url exact") << u"url"_s << u"http://x.example/a"_s << u"http://x.example/a"_s;
    QTest::addRow("url with text around") << u"url"_s << u"see http://x.example/a"_s << QString();
}

void TestObservables::normalises()
{
    QFETCH(QString, type);
    QFETCH(QString, input);
    QFETCH(QString, expected);
    const auto t = observableTypeFromCode(type);
    QVERIFY(t.has_value());
    QCOMPARE(normaliseObservable(*t, input), expected);
}

void TestObservables::markingCodes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("tlp"); // the TLP label it reads as, or empty
    QTest::addColumn<QString>("pap"); // the PAP label it reads as, or empty
    QTest::addRow("TLP 1.0 white is clear") << u"TLP:WHITE"_s << u"TLP:CLEAR"_s << QString();
    QTest::addRow("bare lower case") << u"amber+strict"_s << u"TLP:AMBER+STRICT"_s << QString();
    QTest::addRow("bare red is both") << u"red"_s << u"TLP:RED"_s << u"PAP:RED"_s;
    QTest::addRow("pap white is clear") << u"PAP:white"_s << QString() << u"PAP:CLEAR"_s;
    QTest::addRow("spaces") << u" tlp: green "_s << u"TLP:GREEN"_s << QString();
    QTest::addRow("nonsense") << u"purple"_s << QString() << QString();
}

void TestObservables::markingCodes()
{
    QFETCH(QString, text);
    QFETCH(QString, tlp);
    QFETCH(QString, pap);
    const auto t = tlpFromCode(text);
    const auto p = papFromCode(text);
    QCOMPARE(t ? labelOf(*t) : QString(), tlp);
    QCOMPARE(p ? labelOf(*p) : QString(), pap);
}

void TestObservables::dedupPerIncident()
{
    auto c = test::makeCaseStore();
    QVERIFY2(c.error.isEmpty(), qPrintable(c.error));
    ObservableService service(c.db, u"analyst1"_s);
    auto counts = service.refresh(c.incidentId);
    QVERIFY2(counts.has_value(), qPrintable(counts ? QString() : counts.error().toString()));
    // 4 hosts, 4 paths, 3 users, 3 addresses, 1 domain, 1 URL, 1 MD5, 1 SHA-1, 2 SHA-256.
    QCOMPARE(counts->eventsRead, 6);
    QCOMPARE(counts->observables, 20);
    QCOMPARE(counts->added, 20);
    auto stored = ObservableQueries::forIncident(c.db, c.incidentId);
    QVERIFY(stored.has_value());
    QCOMPARE(stored->size(), 20u);
    const ObservableRecord* domain = find(*stored, ObservableType::Domain, u"cdn.bad-updates.example"_s);
    QVERIFY(domain);
    QCOMPARE(domain->eventCount, 3); // DNS query, connection, proxy request
    QCOMPARE(domain->tlp, Tlp::Amber);
    QCOMPARE(domain->pap, Pap::Amber);
    const ObservableRecord* ps = find(*stored, ObservableType::FilePath, kPowerShell);
    QVERIFY(ps);
    QCOMPARE(ps->eventCount, 3);
    QCOMPARE(ps->field, u"fields.Image"_s);
    QCOMPARE(find(*stored, ObservableType::Ip, u"198.51.100.23"_s)->eventCount, 2);
    QCOMPARE(journalCount(c.db, u"observables_extracted"_s), 0); // derived data: not journalled

    // Again: nothing new.
    auto again = service.refresh(c.incidentId);
    QVERIFY(again.has_value());
    QCOMPARE(again->added, 0);
    QCOMPARE(again->observables, 20);
    QCOMPARE(ObservableQueries::forIncident(c.db, c.incidentId)->size(), 20u);
    QCOMPARE(journalCount(c.db, u"observables_extracted"_s), 0); // derived data: not journalled
    QCOMPARE(service.refresh(999).error().code, ErrorCode::NotFound);
}

void TestObservables::markingsAreJournalled()
{
    auto c = test::makeCaseStore();
    QVERIFY2(c.error.isEmpty(), qPrintable(c.error));
    ObservableService service(c.db, u"analyst1"_s);
    QVERIFY(service.refresh(c.incidentId).has_value());
    const auto before = ObservableQueries::forIncident(c.db, c.incidentId);
    const ObservableRecord* ip = find(*before, ObservableType::Ip, u"203.0.113.45"_s);
    QVERIFY(ip);
    auto changed = service.setMarking(ip->id, Tlp::Red, Pap::Green);
    QVERIFY(changed.has_value());
    QVERIFY(*changed);
    const auto after = ObservableQueries::forIncident(c.db, c.incidentId);
    QCOMPARE(find(*after, ObservableType::Ip, u"203.0.113.45"_s)->tlp, Tlp::Red);
    QCOMPARE(find(*after, ObservableType::Ip, u"203.0.113.45"_s)->pap, Pap::Green);

    auto entries = Journal::forObject(c.db, u"incident"_s, c.incidentId);
    const JournalEntry& last = entries->back();
    QCOMPARE(last.action, u"observable_marking"_s);
    QCOMPARE(last.actor, u"analyst1"_s);
    Fields d;
    QVERIFY(parseJsonObjectFlat(last.details, d, nullptr));
    QCOMPARE(d.text(u"value"), u"203.0.113.45"_s);
    QCOMPARE(d.text(u"type"), u"ip"_s);
    QCOMPARE(d.text(u"tlp"), u"TLP:RED"_s);
    QCOMPARE(d.text(u"tlp_before"), u"TLP:AMBER"_s);
    QCOMPARE(d.text(u"pap"), u"PAP:GREEN"_s);
    QCOMPARE(d.text(u"pap_before"), u"PAP:AMBER"_s);

    // The same markings again change nothing and write nothing.
    const qint64 count = journalCount(c.db, u"observable_marking"_s);
    QCOMPARE(*service.setMarking(ip->id, Tlp::Red, Pap::Green), false);
    QCOMPARE(journalCount(c.db, u"observable_marking"_s), count);
    QCOMPARE(service.setMarking(12345, Tlp::Red, Pap::Red).error().code, ErrorCode::NotFound);
    auto check = Journal::verify(c.db);
    QVERIFY(check.has_value());
    QVERIFY2(check->ok(), qPrintable(check->problem));
}

void TestObservables::collectShowsUnextracted()
{
    auto c = test::makeCaseStore();
    QVERIFY2(c.error.isEmpty(), qPrintable(c.error));
    auto found = ObservableQueries::collect(c.db, c.incidentId);
    QVERIFY(found.has_value());
    QCOMPARE(found->size(), 20u);
    for (const ObservableRecord& r : *found) {
        QCOMPARE(r.id, 0); // nothing stored yet: collect() writes nothing
    }
    QCOMPARE(ObservableQueries::forIncident(c.db, c.incidentId)->size(), 0u);
    // Once stored and marked, collect() shows the marking.
    ObservableService service(c.db, u"a"_s);
    QVERIFY(service.refresh(c.incidentId).has_value());
    const qint64 id = find(*ObservableQueries::forIncident(c.db, c.incidentId), ObservableType::User,
                           u"admin"_s)->id;
    QVERIFY(*service.setMarking(id, Tlp::Green, Pap::Clear));
    found = ObservableQueries::collect(c.db, c.incidentId);
    QCOMPARE(find(*found, ObservableType::User, u"admin"_s)->tlp, Tlp::Green);
    QCOMPARE(find(*found, ObservableType::User, u"admin"_s)->id, id);
}

void TestObservables::pivot_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QList<int>>("incidentRecords"); // indexes into intrusionRecords()
    QTest::addColumn<QList<int>>("otherRecords");    // indexes into otherRecords()
    QTest::addRow("ip as a whole token, not 198.51.100.230")
        << u"ip"_s << u"198.51.100.23"_s << QList<int>{1, 2} << QList<int>{0, 2};
    QTest::addRow("ip of the workstation, also a logon elsewhere")
        << u"ip"_s << u"10.20.30.42"_s << QList<int>{2, 3} << QList<int>{0, 3};
    QTest::addRow("domain in fields and inside the URL")
        << u"domain"_s << u"cdn.bad-updates.example"_s << QList<int>{1, 2, 3} << QList<int>{};
    QTest::addRow("hash in any case")
        << u"sha256"_s << u"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"_s
        << QList<int>{4} << QList<int>{};
    QTest::addRow("windows path through the JSON escaping")
        << u"file_path"_s << kPowerShell << QList<int>{0, 1, 2} << QList<int>{};
    QTest::addRow("user equal in any case, not CORP\\jdoe")
        << u"user"_s << u"jdoe"_s << QList<int>{3} << QList<int>{3};
    QTest::addRow("host column") << u"host"_s << u"ws-042.corp.example.com"_s << QList<int>{0, 1, 2}
                                 << QList<int>{};
    QTest::addRow("nothing") << u"ip"_s << u"192.0.2.99"_s << QList<int>{} << QList<int>{};
}

void TestObservables::pivot()
{
    QFETCH(QString, type);
    QFETCH(QString, value);
    QFETCH(QList<int>, incidentRecords);
    QFETCH(QList<int>, otherRecords);
    auto c = test::makeCaseStore();
    QVERIFY2(c.error.isEmpty(), qPrintable(c.error));
    std::vector<qint64> expected;
    for (int i : incidentRecords) {
        expected.push_back(c.incidentEvents[size_t(i)]);
    }
    for (int i : otherRecords) {
        expected.push_back(c.otherEvents[size_t(i)]);
    }
    std::sort(expected.begin(), expected.end());
    auto result = ObservableQueries::pivot(c.db, *observableTypeFromCode(type), value, 1000);
    QVERIFY2(result.has_value(), qPrintable(result ? QString() : result.error().toString()));
    std::vector<qint64> ids = result->eventIds;
    std::sort(ids.begin(), ids.end());
    QCOMPARE(ids, expected);
    QVERIFY(!result->truncated);
}

void TestObservables::pivotLimitTruncates()
{
    auto c = test::makeCaseStore();
    QVERIFY2(c.error.isEmpty(), qPrintable(c.error));
    auto result = ObservableQueries::pivot(c.db, ObservableType::Ip, u"198.51.100.23"_s, 2);
    QVERIFY(result.has_value());
    QCOMPARE(result->eventIds.size(), 2u);
    QVERIFY(result->truncated);
    // Time order: the firewall record of the evening before comes first.
    QCOMPARE(result->eventIds.front(), c.otherEvents[0]);
    std::atomic<bool> cancel{true};
    auto stopped = ObservableQueries::pivot(c.db, ObservableType::Ip, u"198.51.100.23"_s, 10, &cancel);
    QVERIFY(stopped->cancelled);
    QVERIFY(stopped->eventIds.empty());
}

void TestObservables::hostileTextStaysLinear()
{
    // 200,000 characters of near-misses: dotted runs, bare schemes, labels without hashes.
    QString text;
    for (int i = 0; i < 10000; ++i) {
        text += u"1.1.1.1.1 http:// sha256= "_s;
    }
    Event e;
    e.host = u"h"_s;
    e.fields.set(u"message"_s, FieldValue::fromString(text));
    const auto hits = extractObservables(e);
    QCOMPARE(hits.size(), 1u); // the host only
}

QTEST_GUILESS_MAIN(TestObservables)
#include "tst_observables.moc"
