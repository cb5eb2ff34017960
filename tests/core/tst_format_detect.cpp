#include <QDirIterator>
#include <QSet>
#include <QTest>

#include "ingest/formats/format_registry.h"
#include "tst_format_support.h"

using namespace fmttest;

namespace {

// Files of the shared corpus that are not line-oriented logs: archives, metadata, EVTX and its
// snapshots (read by the EVTX importer, not by these parsers).
bool notALineLog(const QString& name)
{
    return name == u"MANIFEST.md" || name.endsWith(u".zip") || name.endsWith(u".yaml")
           || name.endsWith(u".evtx") || name.endsWith(u".snap");
}

struct CorpusFile {
    const char16_t* path;
    const char16_t* format;
    qsizetype records;
    QStringList rejects; // "line: reason"
};

const std::vector<CorpusFile>& corpusTable()
{
    static const std::vector<CorpusFile> kFiles = {
        {u"apache-access/lnav-logfile_access_log.0", u"apache-access", 3, {}},
        {u"apache-access/lnav-logfile_access_log.1", u"apache-access", 1, {}},
        // The "bad" file: its second line has no ident and user before the time.
        {u"apache-access/lnav-logfile_bad_access_log.0",
         u"apache-access",
         3,
         {u"2: access log line: expected host, ident and user, then [time] at byte 45"_s}},
        {u"apache-error/Apache_2k.log", u"apache-error", 2000, {}},
        {u"apache-error/Apache_2k.log_structured.csv", u"csv", 2000, {}},
        {u"cef/elastic-test-cef.log", u"cef", 4, {}},
        {u"csv/Proxifier_2k.log", u"text", 2000, {}},
        {u"csv/Proxifier_2k.log_structured.csv", u"csv", 2000, {}},
        {u"iptables/elastic-test-iptables-raw.log", u"iptables", 24, {}},
        {u"json-lines/lnav-logfile_ecs_log.json", u"json", 5, {}},
        {u"json-lines/lnav-logfile_journald.json", u"json", 2, {}},
        {u"json-lines/lnav-logfile_json.json", u"json", 14, {}},
        {u"json-lines/lnav-logfile_nested_json.json", u"json", 13, {}},
        {u"leef/tenzir-leef1.log", u"leef", 5, {}},
        {u"linux-auth/OpenSSH_2k.log", u"syslog", 2000, {}},
        {u"linux-auth/OpenSSH_2k.log_structured.csv", u"csv", 2000, {}},
        {u"misc-text/Mac_2k.log", u"syslog", 2000, {}},
        {u"misc-text/Mac_2k.log_structured.csv", u"csv", 2000, {}},
        {u"misc-text/Windows_2k.log", u"text", 2000, {}},
        {u"misc-text/Windows_2k.log_structured.csv", u"csv", 2000, {}},
        {u"misc-text/lnav-logfile_crlf.0", u"text", 2, {}},
        {u"misc-text/lnav-logfile_w3c.0", u"w3c", 1, {}},
        {u"misc-text/lnav-logfile_with_zones.0", u"syslog", 3, {}},
        {u"pfsense/elastic-test-pfsense-bsd.log", u"pfsense", 19, {}},
        {u"snort-suricata-fast/suricata-verify-http2-files-6-fast.log", u"fast-log", 13, {}},
        {u"snort-suricata-fast/suricata-verify-http2-files-fast.log", u"fast-log", 28, {}},
        {u"suricata-eve/elastic-test-eve-small.log", u"suricata-eve", 12, {}},
        // Malformed syslog lines still carry a timestamp: the rest becomes the message.
        {u"syslog-rfc3164/lnav-logfile_bad_syslog.0", u"syslog", 4, {}},
        {u"syslog-rfc3164/lnav-logfile_syslog.0", u"syslog", 4, {}},
        {u"syslog-rfc3164/lnav-logfile_syslog.3", u"syslog", 7, {}},
        {u"syslog-rfc3164/lnav-logfile_syslog_fr.0", u"syslog", 1, {}},
        {u"syslog-rfc3164/lnav-logfile_syslog_with_mixed_times.0", u"syslog", 13, {}},
        {u"syslog-rfc3164/rsyslog-rfc3164-basic.txt", u"syslog", 1, {}},
        {u"syslog-rfc3164/rsyslog-rfc3164-no-pri.txt", u"syslog", 1, {}},
        {u"syslog-rfc3164/rsyslog-rfc3164-rfc3339.txt", u"syslog", 1, {}},
        {u"syslog-rfc3164/rsyslog-rfc3164-short.txt", u"syslog", 1, {}},
        {u"syslog-rfc5424/rsyslog-rfc5424-basic.txt", u"syslog", 1, {}},
        {u"syslog-rfc5424/rsyslog-rfc5424-escaped-sd.txt", u"syslog", 1, {}},
        {u"windows-snare/sample-events.data", u"snare", 4, {}},
        {u"windows-snare/sample-windows2022-security.data", u"snare", 278, {}},
        // Zeek test baselines: the first line is a "### BTest" comment (a text event in JSON).
        {u"zeek-json/zeek-scripts.base.frameworks.logging.ascii-json-iso-timestamps-ssh.log",
         u"json",
         11,
         {}},
        // Canonified by the test suite: `"t":XXXXXXXXXX.XXXXXX` is not JSON.
        {u"zeek-json/zeek-scripts.base.frameworks.logging.ascii-json-ssh.log",
         u"json",
         2,
         {u"2: invalid JSON value at byte 94"_s}},
        {u"zeek-json/zeek-scripts.base.frameworks.logging.ascii-json-utf8-ssh.log.hex",
         u"json",
         50,
         {}},
        {u"zeek-tsv/lnav-logfile_bro_conn.log.0", u"zeek-tsv", 92, {}},
        {u"zeek-tsv/lnav-logfile_bro_http.log.0", u"zeek-tsv", 197, {}},
        {u"zeek-tsv/zeek-core.pcap.filter-warning-notice.log", u"zeek-tsv", 1, {}},
        {u"zeek-tsv/zeek-opt.basic-dns.log", u"zeek-tsv", 34, {}},
        {u"zeek-tsv/zeek-opt.basic-http.log", u"zeek-tsv", 14, {}},
        // Named "-tsv" but holds JSON lines.
        {u"zeek-tsv/zeek-scripts.base.frameworks.logging.ascii-json-utf8-ssh-tsv.log",
         u"json",
         50,
         {}},
        // zeek-cut output: a tab-separated header line without #fields.
        {u"zeek-tsv/zeek-scripts.base.protocols.ssh.max-lengths-4-weird.log", u"csv", 14, {}},
    };
    return kFiles;
}

} // namespace

/** Format detection for every corpus folder and our fixtures; zero rejects in valid files. */
class TestFormatDetect : public QObject {
    Q_OBJECT
private slots:
    void corpusFile_data() const;
    void corpusFile() const;
    void corpusTableCoversEveryFile() const;
    void fixtures_data() const;
    void fixtures() const;
    void samples_data() const;
    void samples() const;
    void everyNameHasAParser() const;
};

void TestFormatDetect::corpusFile_data() const
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("format");
    QTest::addColumn<qsizetype>("records");
    QTest::addColumn<QStringList>("rejects");
    for (const CorpusFile& f : corpusTable()) {
        QTest::addRow("%s", qPrintable(QString::fromUtf16(f.path)))
            << QString::fromUtf16(f.path) << QString::fromUtf16(f.format) << f.records << f.rejects;
    }
}

void TestFormatDetect::corpusFile() const
{
    FMT_REQUIRE_CORPUS();
    QFETCH(QString, path);
    QFETCH(QString, format);
    QFETCH(qsizetype, records);
    QFETCH(QStringList, rejects);
    const Parsed p = parseFile(corpusPath(path));
    QCOMPARE(p.format, format);
    QCOMPARE(p.rejects, rejects);
    QCOMPARE(qsizetype(p.events.size()) + rejects.size(), records);
}

void TestFormatDetect::corpusTableCoversEveryFile() const
{
    FMT_REQUIRE_CORPUS();
    QSet<QString> listed;
    for (const CorpusFile& f : corpusTable()) {
        listed.insert(QString::fromUtf16(f.path));
    }
    const QString root = corpusPath(QString());
    QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
    QStringList missing;
    while (it.hasNext()) {
        const QString path = it.next();
        if (!notALineLog(it.fileName()) && !listed.contains(path.mid(root.size()))) {
            missing << path.mid(root.size());
        }
    }
    QCOMPARE(missing, QStringList());
}

void TestFormatDetect::fixtures_data() const
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QStringList>("rejects");
    QTest::addRow("zeek conn") << fixturePath(u"zeek_conn.log"_s) << u"zeek-tsv"_s << QStringList();
    QTest::addRow("IIS") << fixturePath(u"iis_w3c.log"_s) << u"w3c"_s << QStringList();
    QTest::addRow("proxy csv") << fixturePath(u"proxy.csv"_s) << u"csv"_s << QStringList();
    QTest::addRow("existing sshd fixture")
        << QStringLiteral(VIGIL_TEST_DATA) + u"/logs/auth_bruteforce.log"_s << u"syslog"_s
        << QStringList();
    QTest::addRow("existing journald fixture")
        << QStringLiteral(VIGIL_TEST_DATA) + u"/logs/journal_export.jsonl"_s << u"json"_s
        << QStringList();
    // Its third line is a JSON object cut short on purpose.
    QTest::addRow("existing mixed JSON fixture")
        << QStringLiteral(VIGIL_TEST_DATA) + u"/logs/mixed.jsonl"_s << u"json"_s
        << QStringList{u"3: JSON string is not terminated (truncated input?) at byte 104"_s};
}

void TestFormatDetect::fixtures() const
{
    QFETCH(QString, path);
    QFETCH(QString, format);
    QFETCH(QStringList, rejects);
    const Parsed p = parseFile(path);
    QCOMPARE(p.format, format);
    QCOMPARE(p.rejects, rejects);
}

void TestFormatDetect::samples_data() const
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("format");
    QTest::addRow("bare CEF") << "CEF:0|V|P|1|1|n|1|a=b\nCEF:0|V|P|1|2|n|1|a=c\n"_ba << u"cef"_s;
    QTest::addRow("CEF in syslog")
        << "<13>Jan  1 00:00:00 h CEF:0|V|P|1|1|n|1|a=b\n<13>Jan  1 00:00:01 h "
           "CEF:0|V|P|1|1|n|1|a=b\n"_ba
        << u"cef"_s;
    QTest::addRow("LEEF") << "LEEF:1.0|V|P|1|1|a=b\n"_ba << u"leef"_s;
    QTest::addRow("a few iptables lines in a syslog file stay syslog")
        << "Jan  1 00:00:00 h sshd[1]: a\nJan  1 00:00:01 h sshd[1]: b\nJan  1 00:00:02 h cron[2]: "
           "c\n"
           "Jan  1 00:00:03 h kernel: IN=eth0 OUT= SRC=1.2.3.4 DST=5.6.7.8 PROTO=TCP\n"_ba
        << u"syslog"_s;
    QTest::addRow("Apache access, one bad line of three")
        << "1.2.3.4 - - [01/Jan/2024:00:00:00 +0000] \"GET / HTTP/1.1\" 200 1\nbroken\n"
           "1.2.3.4 - - [01/Jan/2024:00:00:01 +0000] \"GET / HTTP/1.1\" 200 1\n"_ba
        << u"apache-access"_s;
    QTest::addRow("EVE")
        << "{\"timestamp\":\"2024-01-01T00:00:00Z\",\"event_type\":\"flow\",\"src_ip\":\"1.2"
           ".3.4\"}\n"_ba
        << u"suricata-eve"_s;
    QTest::addRow("JSON with a timestamp but no event_type")
        << "{\"timestamp\":\"2024-01-01T00:00:00Z\",\"msg\":\"x\"}\n"_ba << u"json"_s;
    QTest::addRow("prose with commas is not CSV")
        << "Hello, world, how are you\nFine, thanks, and you\n"_ba << u"text"_s;
    QTest::addRow("numbers first is not a CSV header") << "1,2,3\n4,5,6\n"_ba << u"text"_s;
    QTest::addRow("key=value log is not CSV") << "a=1,b=2\na=3,b=4\n"_ba << u"text"_s;
    QTest::addRow("semicolon CSV") << "Datum;Wert\n2024-01-01;5\n2024-01-02;6\n"_ba << u"csv"_s;
    QTest::addRow("header alone is not CSV") << "name,value\n"_ba << u"text"_s;
    QTest::addRow("Snare over syslog")
        << "<14>Jan  1 00:00:00 h MSWinEventLog\t1\tSecurity\t1\tMon Jan 01 00:00:00 "
           "2024\t4624\ts\tu\tt\tSuccess Audit\th\tc\t\tm\t1\n"_ba
        << u"snare"_s;
    QTest::addRow("fast.log")
        << "01/01/2024-00:00:00.1  [**] [1:2:3] m [**] {TCP} 1.2.3.4:1 -> 5.6.7.8:2\n"_ba
        << u"fast-log"_s;
    QTest::addRow("pfSense") << "<134>Jan  1 00:00:00 filterlog[1]: 5,,,1,em0,match,block,in,4\n"_ba
                             << u"pfsense"_s;
}

void TestFormatDetect::samples() const
{
    QFETCH(QByteArray, text);
    QFETCH(QString, format);
    QList<QByteArray> lines = text.split('\n');
    lines.removeAll(QByteArray());
    QCOMPARE(detectFormat(lines), format);
}

void TestFormatDetect::everyNameHasAParser() const
{
    for (const QString& name : formatParserNames()) {
        const auto parser = makeParser(name);
        QVERIFY2(parser, qPrintable(name));
        QVERIFY(knownFormats().contains(name));
        QVERIFY(!formatDescription(name).isEmpty());
        QCOMPARE(makeParser(name.toUpper()) != nullptr, true);
    }
    QCOMPARE(makeFormatParser(u"no-such-format"), nullptr);
}

QTEST_GUILESS_MAIN(TestFormatDetect)
#include "tst_format_detect.moc"
