// EVTX reader against the shared corpus: SigmaHQ's regression samples (fields equal to the
// .jsonl made with libevtx, record counts equal to SigmaHQ's .json), the public EVTX samples
// (record counts, damage), the .snap renderings of the Rust evtx crate, and a round trip through
// our XML rendering and the Windows XML export reader.
#include <QBuffer>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

#include "ingest/evtx/winxml_reader.h"
#include "tst_evtx_builder.h"
#include "util/json.h"
#include "util/timestamp.h"

using namespace vigil;
using namespace vigil::evtx;
using namespace evtxtest;
using namespace Qt::StringLiterals;

namespace {

QString corpus()
{
    return QString::fromUtf8(VIGIL_SHARED_CORPUS);
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QStringList filesUnder(const QString& dir, const QString& pattern)
{
    QStringList out;
    QDirIterator it(dir, {pattern}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        out << it.next();
    }
    out.sort();
    return out;
}

// Top-level JSON objects in a SigmaHQ .json export: one object, or several one after another.
int countJsonObjects(const QByteArray& text)
{
    int depth = 0;
    int objects = 0;
    bool inString = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                inString = false;
            }
        } else if (c == '"') {
            inString = true;
        } else if (c == '{' && depth++ == 0) {
            ++objects;
        } else if (c == '}') {
            --depth;
        }
    }
    return objects;
}

qint64 timeNs(const QString& iso)
{
    const auto t = parseIso8601(iso);
    return t ? t->ns : -1;
}

bool isParam(const QString& name)
{
    return name.startsWith(u"param") && name.size() > 5 && name.at(5).isDigit();
}

// Differences between @p expected (an oracle's fields) and @p ours, ignoring the time's
// precision (@p timeUnitNs) and fields the oracle does not show.
QStringList differences(const Fields& expected, const Fields& ours, qint64 timeUnitNs)
{
    QStringList out;
    for (const auto& [name, value] : expected.entries()) {
        const FieldValue* mine = ours.find(name);
        if (!mine) {
            out << name + u" missing"_s;
        } else if (name == u"TimeCreated_SystemTime") {
            const qint64 a = timeNs(value.text());
            const qint64 b = timeNs(mine->text());
            if (a < 0 || a / timeUnitNs != b / timeUnitNs) {
                out << u"%1: %2 vs %3"_s.arg(name, value.text(), mine->text());
            }
        } else if (value.isList() || mine->isList()) {
            if (value.isList() != mine->isList() || value.items().size() != mine->items().size()) {
                out << name + u": lists differ"_s;
            }
        } else if (!(value == *mine) && value.text() != mine->text()) {
            out << u"%1: '%2' vs '%3'"_s.arg(name, value.text(), mine->text());
        }
    }
    return out;
}

} // namespace

class TestEvtxCorpus : public QObject {
    Q_OBJECT
private slots:
    void regressionSamplesMatchTheirJsonl() const;
    void recordCounts_data() const;
    void recordCounts() const;
    void badChunkMagicSample() const;
    void snapshots_data() const;
    void snapshots() const;
    void xmlRoundTrip() const;
};

void TestEvtxCorpus::regressionSamplesMatchTheirJsonl() const
{
    const QString root = corpus() + u"/sigma-regression/regression_data"_s;
    const QStringList files = filesUnder(root, u"*.evtx"_s);
    if (files.isEmpty()) {
        QSKIP(qPrintable(u"no SigmaHQ regression samples at "_s + root));
    }
    int records = 0;
    QStringList failures;
    for (const QString& path : files) {
        const QString stem = path.chopped(5);
        const ReadResult r = readAll(readFile(path));
        // SigmaHQ's own rendering (.json) counts the records.
        const int expectedCount = countJsonObjects(readFile(stem + u".json"_s));
        if (int(r.events.size()) != expectedCount || r.stats.failed != 0) {
            failures << u"%1: %2 records, SigmaHQ's .json has %3"_s.arg(path)
                            .arg(r.events.size())
                            .arg(expectedCount);
            continue;
        }
        const QList<QByteArray> lines = readFile(stem + u".jsonl"_s).split('\n');
        std::size_t index = 0;
        for (const QByteArray& line : lines) {
            if (line.trimmed().isEmpty()) {
                continue;
            }
            Fields expected;
            JsonError error;
            QVERIFY2(parseJsonObjectFlat(line, expected, &error), qPrintable(error.message));
            if (index >= r.events.size()) {
                failures << path + u": more .jsonl lines than records"_s;
                break;
            }
            const Fields& ours = r.events[index++];
            // Field by field; the .jsonl's times have 100 ns too (libevtx), so they are equal.
            for (const QString& d : differences(expected, ours, 100)) {
                failures << u"%1 #%2: %3"_s.arg(path).arg(index).arg(d);
            }
            // Ours adds param1..N only (the .jsonl keeps unnamed Data as the list alone).
            for (const auto& entry : ours.entries()) {
                if (!expected.contains(entry.first) && !isParam(entry.first)) {
                    failures << u"%1 #%2: extra field %3"_s.arg(path).arg(index).arg(entry.first);
                }
            }
            ++records;
        }
    }
    qInfo("%d regression samples, %d records compared field by field", int(files.size()), records);
    QVERIFY2(failures.isEmpty(), qPrintable(failures.mid(0, 20).join(u'\n')));
    QCOMPARE(records, 188);
}

void TestEvtxCorpus::recordCounts_data() const
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<qint64>("announced");
    QTest::addColumn<qint64>("read");
    QTest::addColumn<qint64>("stale");
    // announced: the chunk headers' first..last record ids; read: records decoded; stale:
    // deleted records after a chunk's free-space offset, left out (counted by an independent
    // scan for record frames). Every file reads all it announces except the damaged sample,
    // see badChunkMagicSample(). libevtx 20181227 reads 0 of the two WEC files (records without
    // templates) and 267 of the damaged one; python-evtx and libevtx agree with the rest.
    const auto row = [](const QString& f, qint64 announced, qint64 read, qint64 stale) {
        QTest::newRow(qPrintable(f)) << f << announced << read << stale;
    };
    const QString plain = u"windows-evtx/"_s;
    row(plain + u"evtxrs-Application_no_crc32.evtx"_s, 17, 17, 34);
    row(plain + u"evtxrs-MSExchange_Management_wec.evtx"_s, 1, 1, 9);
    row(plain + u"evtxrs-issue_201.evtx"_s, 1, 1, 9);
    row(plain + u"evtxrs-sample_with_a_bad_chunk_magic.evtx"_s, 467, 380, 50);
    // The file headers of these two are stale (next record id 2226 and 309): their chunk
    // headers are what counts, and every chunk in the file is read.
    row(plain + u"evtxrs-security.evtx"_s, 2261, 2261, 30);
    row(plain + u"evtxrs-system.evtx"_s, 1881, 1881, 79);
    const QString attack = u"windows-evtx-attack/"_s;
    row(attack + u"eas-AutomatedTestingTools__Malware__rundll32_cmd_schtask.evtx"_s, 50, 50, 0);
    row(attack + u"eas-AutomatedTestingTools__Malware__sideloading_injection_persistence_run_key"
                 u".evtx"_s,
        7, 7, 0);
    row(attack + u"eas-AutomatedTestingTools__Malware__sideloading_uacbypass_rundll32_injection_c2"
                 u".evtx"_s,
        18, 18, 99);
    row(attack + u"eas-Command_and_Control__DE_RDP_Tunnel_5156.evtx"_s, 101, 101, 0);
    row(attack + u"eas-Command_and_Control__DE_sysmon-3-rdp-tun.evtx"_s, 73, 73, 0);
    row(attack + u"eas-Credential_Access__MSSQL_multiple_failed_logon_EventID_18456.evtx"_s, 10, 10,
        120);
    row(attack + u"eas-Credential_Access__sysmon_10_11_outlfank_dumpert_and_andrewspecial_memdump"
                 u".evtx"_s,
        15, 15, 0);
    row(attack + u"eas-Credential_Access__tutto_malseclogon.evtx"_s, 15, 15, 17);
    row(attack + u"eas-Defense_Evasion__de_powershell_execpolicy_changed_sysmon_13.evtx"_s, 5, 5,
        0);
    row(attack + u"eas-Defense_Evasion__de_unmanagedpowershell_psinject_sysmon_7_8_10.evtx"_s, 84,
        84, 0);
    row(attack + u"eas-Defense_Evasion__evasion_codeinj_odzhan_spoolsv_sysmon_10_1.evtx"_s, 4, 4,
        0);
    row(attack + u"eas-Discovery__4799_remote_local_groups_enumeration.evtx"_s, 5, 5, 246);
    row(attack + u"eas-Discovery__Discovery_Remote_System_NamedPipes_Sysmon_18.evtx"_s, 20, 20,
        126);
    row(attack + u"eas-Discovery__discovery_enum_shares_target_sysmon_3_18.evtx"_s, 4, 4, 126);
    row(attack + u"eas-Discovery__discovery_local_user_or_group_windows_security_4799_4798.evtx"_s,
        3, 3, 143);
    row(attack + u"eas-Execution__exec_sysmon_1_11_lolbin_rundll32_openurl_FileProtocolHandler"
                 u".evtx"_s,
        11, 11, 91);
    row(attack + u"eas-Execution__exec_sysmon_1_rundll32_pcwutl_LaunchApplication.evtx"_s, 1, 1,
        84);
    row(attack + u"eas-Execution__execution_evasion_visual_studio_prebuild_event.evtx"_s, 29, 29,
        0);
    row(attack + u"eas-Lateral_Movement__LM_ImageLoad_NFSH_Sysmon_7.evtx"_s, 2, 2, 87);
    row(attack + u"eas-Lateral_Movement__lm_sysmon_18_remshell_over_namedpipe.evtx"_s, 7, 7, 7);
    row(attack + u"eas-Lateral_Movement__powercat_revShell_sysmon_1_3.evtx"_s, 9, 9, 0);
    row(attack + u"eas-Lateral_Movement__sysmon_1_exec_via_sql_xpcmdshell.evtx"_s, 1, 1, 137);
    row(attack + u"eas-Other__emotet__exec_emotet_ps_800_invoke-item.evtx"_s, 1, 1, 0);
    row(attack + u"eas-Other__emotet__exec_emotet_ps_800_new-object.evtx"_s, 1, 1, 109);
    row(attack + u"eas-Other__emotet__exec_emotet_sysmon_1.evtx"_s, 1, 1, 11);
    row(attack + u"eas-Other__maldoc_mshta_via_shellbrowserwind_rundll32.evtx"_s, 11, 11, 0);
    row(attack + u"eas-Persistence__Persistence_Shime_Microsoft-Windows-Application-Experience_"
                 u"Program-Telemetry_500.evtx"_s,
        7, 7, 0);
    row(attack + u"eas-Persistence__persist_turla_outlook_backdoor_comhijack.evtx"_s, 3, 3, 100);
    row(attack + u"eas-Persistence__persistence_startup_UserShellStartup_Folder_Changed_sysmon_13"
                 u".evtx"_s,
        1, 1, 97);
    row(attack + u"eas-Persistence__sysmon_13_1_persistence_via_winlogon_shell.evtx"_s, 25, 25, 0);
    row(attack + u"eas-Privilege_Escalation__PrivEsc_CVE-2020-1313_Sysmon_13_UScheduler_Cmdline"
                 u".evtx"_s,
        4, 4, 109);
    row(attack + u"eas-Privilege_Escalation__UACME_59_Sysmon.evtx"_s, 7, 7, 29);
    row(attack + u"hayabusa-Sysmon-27-BlockExeWrite_AbusingCertutil.evtx"_s, 7, 7, 0);
    row(attack + u"hayabusa-T1197_BitsClient.evtx"_s, 7, 7, 149);
    row(attack + u"hayabusa-T1210_Zerologon_WindowsDefaultLogging.evtx"_s, 35, 35, 71);
    row(attack + u"hayabusa-T1558.003_StealOrForgeKerberosTicketsKerberoasting_Security.evtx"_s, 6,
        6, 0);
    row(attack + u"hayabusa-T1558.004_StealOrForgeKerberosTicketsAS-REP-Roasting_Security.evtx"_s,
        43, 43, 38);
    // The file header says next record 731: the file was saved from a larger log; its one
    // chunk announces records 705..730.
    row(attack + u"hayabusa-T1562.010_DowngradeAttack_PowerShell.evtx"_s, 26, 26, 23);
}

void TestEvtxCorpus::recordCounts() const
{
    QFETCH(QString, file);
    QFETCH(qint64, announced);
    QFETCH(qint64, read);
    QFETCH(qint64, stale);
    const QByteArray bytes = readFile(corpus() + u"/logs/"_s + file);
    if (bytes.isEmpty()) {
        QSKIP(qPrintable(u"corpus file missing: "_s + file));
    }
    const ReadResult r = readAll(bytes);
    QCOMPARE(r.stats.announced, announced);
    QCOMPARE(r.stats.read, read);
    QCOMPARE(qint64(r.events.size()), read);
    QCOMPARE(r.stats.stale, stale);
    QCOMPARE(r.stats.failed, 0);
    QCOMPARE(r.issuesOf(EvtxIssue::Kind::Stale), stale > 0 ? 1 : 0);
    for (const Fields& f : r.events) {
        QVERIFY(f.contains(u"EventID"));
        QVERIFY(f.contains(u"Channel"));
        QVERIFY(f.contains(u"Computer"));
    }
    if (read == announced) {
        QCOMPARE(r.stats.missing, 0);
        QCOMPARE(r.issuesOf(EvtxIssue::Kind::Lost), 0);
    }
}

void TestEvtxCorpus::badChunkMagicSample() const
{
    const QByteArray bytes =
        readFile(corpus() + u"/logs/windows-evtx/evtxrs-sample_with_a_bad_chunk_magic.evtx"_s);
    if (bytes.isEmpty()) {
        QSKIP("corpus file missing");
    }
    const ReadResult r = readAll(bytes);
    // 16 chunks: 10 all zero; chunks 0, 7, 8, 9 have headers announcing 130 + 78 + 129 + 130 =
    // 467 records; chunks 6 and 10 lost their headers (zeroed) but hold 15 and 67 records.
    QCOMPARE(r.stats.chunks, 16);
    QCOMPARE(r.stats.emptyChunks, 10);
    QCOMPARE(r.stats.headerlessChunks, 2);
    // Read: 13 + 43 + 129 + 113 from the chunks with a header, 15 + 67 without = 380.
    // Missing (zeroed but for the first bytes of the first record, where the header says
    // records were): 117 in chunk 0 (46741-46857), 35 in
    // chunk 7 (47640-47674), 17 in chunk 9 (45933-45949) = 169 = 467 - 298.
    QCOMPARE(r.stats.read, 380);
    QCOMPARE(r.stats.missing, 169);
    QCOMPARE(r.stats.failed, 0);
    const QString reasons = r.reasons();
    for (const QString& expected :
         {u"chunk 0 (byte 4096): bytes 8128–65128 hold no readable "
          u"record; records 46741–46857 (117) are "
          u"missing"_s,
          u"chunk 7 (byte 462848): bytes 7784–25040 hold no readable "
          u"record; records 47640–47674 (35) are "
          u"missing"_s,
          u"chunk 9 (byte 593920): bytes 56896–65240 hold no readable "
          u"record; records 45933–45949 (17) are "
          u"missing"_s,
          u"chunk 6 (byte 397312) has no chunk signature"_s,
          u"chunk 10 (byte 659456) has no chunk signature"_s,
          u"chunk 0 (byte 4096): the records checksum does not match"_s,
          u"chunk 7 (byte 462848): 50 deleted records (ids 45641–45690)"_s}) {
        QVERIFY2(reasons.contains(expected), qPrintable(expected + u"\n---\n"_s + reasons));
    }
    // The records of the headerless chunks lost their templates with the chunk's start; they
    // are read with the same templates from the intact chunks.
    QVERIFY(r.stats.borrowedTemplates > 0);
    QSet<quint64> ids(r.ids.begin(), r.ids.end());
    QCOMPARE(ids.size(), 380);
    QVERIFY(ids.contains(47613) && ids.contains(47627)); // chunk 6
    QVERIFY(ids.contains(45963) && ids.contains(46029)); // chunk 10
    for (const Fields& f : r.events) {
        QCOMPARE(f.text(u"Computer"), u"DESKTOP-1N4R894"_s);
    }
}

namespace {

// The fields a Rust evtx JSON snapshot shows, named as we flatten them.
void addJsonValue(Fields& out, const QString& name, const QJsonValue& v)
{
    if (v.isNull()) {
        return;
    }
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        const QJsonObject attributes = o.value(u"#attributes").toObject();
        for (auto it = attributes.begin(); it != attributes.end(); ++it) {
            addJsonValue(out, name + u'_' + it.key(), it.value());
        }
        if (o.contains(u"#text")) {
            addJsonValue(out, name, o.value(u"#text"));
        }
        return;
    }
    if (v.isArray()) {
        std::vector<FieldValue> items;
        for (const QJsonValue& item : v.toArray()) {
            items.push_back(FieldValue::fromString(item.toString().trimmed()));
        }
        out.set(name, FieldValue::fromList(std::move(items)));
        return;
    }
    const QString text = v.isDouble() ? QString::number(v.toInteger()) : v.toString().trimmed();
    out.set(name, FieldValue::fromString(text));
}

Fields fieldsOfJsonSnapshot(const QByteArray& json)
{
    Fields out;
    const QJsonObject root = QJsonDocument::fromJson(json).object();
    const QJsonObject event = root.value(u"Event").toObject();
    for (const QString& section : {u"System"_s, u"EventData"_s}) {
        const QJsonObject s = event.value(section).toObject();
        for (auto it = s.begin(); it != s.end(); ++it) {
            if (it.key().endsWith(u"_attributes")) { // the other JSON layout of the crate
                addJsonValue(out, it.key().chopped(11),
                             QJsonObject{{u"#attributes"_s, it.value()}});
            } else {
                addJsonValue(out, it.key(), it.value());
            }
        }
    }
    return out;
}

std::vector<Fields> fieldsOfXml(const QByteArray& xml, QStringList* problems)
{
    QBuffer buffer;
    buffer.setData(xml);
    buffer.open(QIODevice::ReadOnly);
    WinXmlReader reader(&buffer);
    RecordFlattener flattener;
    std::vector<Fields> out;
    for (auto item = reader.next(); item != WinXmlReader::Item::End; item = reader.next()) {
        if (item == WinXmlReader::Item::Problem) {
            *problems << reader.problem();
            continue;
        }
        Fields f;
        flattener.flatten(reader.tokens(), reader.names(), f);
        out.push_back(std::move(f));
    }
    return out;
}

QStringList listDifferences(const Fields& expected, const Fields& ours)
{
    QStringList out;
    for (const auto& [name, value] : expected.entries()) {
        const FieldValue* mine = ours.find(name);
        if (value.isList() && mine && mine->isList()) {
            QStringList a;
            QStringList b;
            for (const FieldValue& v : value.items()) {
                a << v.text();
            }
            for (const FieldValue& v : mine->items()) {
                b << v.text();
            }
            if (a != b) {
                out << u"%1: [%2] vs [%3]"_s.arg(name, a.join(u'|'), b.join(u'|'));
            }
        } else if (value.isList()) {
            out << name + u" is not a list"_s;
        }
    }
    return out;
}

} // namespace

void TestEvtxCorpus::snapshots_data() const
{
    QTest::addColumn<QString>("snap");
    QTest::addColumn<QString>("evtx");
    const QString dir = u"/logs/windows-evtx/"_s;
    const auto row = [&](const QString& evtx, const QString& snap) {
        QTest::newRow(qPrintable(snap)) << dir + evtx + u'.' + snap << dir + evtx;
    };
    row(u"evtxrs-security.evtx"_s, u"event_xml_sample.snap"_s);
    row(u"evtxrs-security.evtx"_s, u"event_json_sample.snap"_s);
    row(u"evtxrs-security.evtx"_s, u"event_xml_sample_with_string_with_trailing_spaces.snap"_s);
    row(u"evtxrs-system.evtx"_s,
        u"event_xml_sample_with_event_data_with_attributes_and_text.snap"_s);
    row(u"evtxrs-system.evtx"_s,
        u"event_json_sample_with_event_data_with_attributes_and_text.snap"_s);
    row(u"evtxrs-MSExchange_Management_wec.evtx"_s,
        u"event_json_with_multiple_data_elements.snap"_s);
    row(u"evtxrs-MSExchange_Management_wec.evtx"_s,
        u"event_json_with_multiple_data_elements-2.snap"_s);
    row(u"evtxrs-issue_201.evtx"_s, u"event_json_multiple_empty_data_nodes_not_ignored.snap"_s);
}

void TestEvtxCorpus::snapshots() const
{
    QFETCH(QString, snap);
    QFETCH(QString, evtx);
    const QByteArray text = readFile(corpus() + snap);
    if (text.isEmpty()) {
        QSKIP(qPrintable(u"corpus file missing: "_s + snap));
    }
    // insta snapshot: "---", metadata, "---", then the rendering.
    const qsizetype second = text.indexOf("\n---\n");
    QVERIFY(second > 0);
    const QByteArray body = text.mid(second + 5).trimmed();
    Fields expected;
    if (body.startsWith("<?xml")) {
        QStringList problems;
        const std::vector<Fields> events = fieldsOfXml(body, &problems);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        QCOMPARE(events.size(), 1u);
        expected = events[0];
    } else {
        expected = fieldsOfJsonSnapshot(body);
    }
    const qint64 id = expected.text(u"EventRecordID").toLongLong();
    QVERIFY(id > 0);
    const ReadResult r = readAll(readFile(corpus() + evtx));
    const auto at = std::find_if(r.events.begin(), r.events.end(), [id](const Fields& f) {
        return f.find(u"EventRecordID") && f.find(u"EventRecordID")->toInt() == id;
    });
    QVERIFY(at != r.events.end());
    const Fields& ours = *at;
    // The crate prints SystemTime with microseconds and GUIDs without braces (Windows, libevtx
    // and we write {...}); values are compared trimmed (the XML snapshots keep "Advapi  " with
    // its blanks, Sigma rules see it trimmed).
    for (const auto& [name, value] : expected.entries()) {
        static const QRegularExpression guid(u"^[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}$"_s);
        if (guid.match(value.text()).hasMatch()) {
            expected.set(name, FieldValue::fromString(u'{' + value.text() + u'}'));
        }
    }
    QStringList diffs = differences(expected, ours, 1000);
    diffs << listDifferences(expected, ours);
    QVERIFY2(diffs.isEmpty(), qPrintable(diffs.join(u'\n')));
    QVERIFY(expected.size() >= 9);
}

void TestEvtxCorpus::xmlRoundTrip() const
{
    // Every corpus record rendered as XML (our raw text) and read back with the XML export
    // reader flattens to the same fields: the renderer escapes what it must, and both readers
    // flatten alike.
    QStringList files = filesUnder(corpus() + u"/logs"_s, u"*.evtx"_s);
    files << filesUnder(corpus() + u"/sigma-regression/regression_data"_s, u"*.evtx"_s);
    if (files.isEmpty()) {
        QSKIP("no corpus");
    }
    qint64 compared = 0;
    QStringList unrepresentable;
    QStringList failures;
    for (const QString& path : files) {
        const ReadResult r = readAll(readFile(path));
        QByteArray xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<Events>\r\n";
        std::vector<std::size_t> kept;
        for (std::size_t i = 0; i < r.xml.size(); ++i) {
            // XML 1.0 cannot carry control characters other than tab, CR and LF, not even as
            // references: the raw text keeps them as &#3; for people, XML parsers refuse it.
            static const QRegularExpression control(u"&#([0-8]|1[124-9]|2[0-9]|3[01]);"_s);
            if (r.xml[i].contains(control)) {
                unrepresentable << u"%1 record %2"_s.arg(path.section(u'/', -1)).arg(r.ids[i]);
                continue;
            }
            xml += r.xml[i].toUtf8() + "\r\n";
            kept.push_back(i);
        }
        xml += "</Events>\r\n";
        QStringList problems;
        const std::vector<Fields> back = fieldsOfXml(xml, &problems);
        failures << problems;
        if (back.size() != kept.size()) {
            failures << u"%1: %2 events back of %3"_s.arg(path).arg(back.size()).arg(kept.size());
            continue;
        }
        for (std::size_t k = 0; k < back.size(); ++k) {
            const Fields& original = r.events[kept[k]];
            QStringList d = differences(original, back[k], 100);
            d << listDifferences(original, back[k]);
            if (back[k].size() != original.size()) {
                d << u"%1 fields back of %2"_s.arg(back[k].size()).arg(original.size());
            }
            for (const QString& x : d) {
                failures << u"%1 record %2: %3"_s.arg(path).arg(r.ids[kept[k]]).arg(x);
            }
            ++compared;
        }
    }
    qInfo("%lld records rendered and read back", compared);
    QVERIFY2(failures.isEmpty(), qPrintable(failures.mid(0, 20).join(u'\n')));
    // The one record whose values hold a control character (U+0003, as libevtx shows too).
    QCOMPARE(unrepresentable, QStringList{u"evtxrs-security.evtx record 55"_s});
    QVERIFY(compared > 5000);
}

QTEST_APPLESS_MAIN(TestEvtxCorpus)
#include "tst_evtx_corpus.moc"
