#include <QBuffer>
#include <QFile>
#include <QRandomGenerator>
#include <QTest>

#include "ingest/parser.h"
#include "ingest/record_reader.h"

using namespace vigil;
using namespace Qt::StringLiterals;

namespace {

// "line offset bytes" with control characters spelled out, so table rows stay readable.
QString describe(const Record& r)
{
    QString bytes;
    for (const char c : r.bytes) {
        switch (c) {
        case '\n': bytes += u"\\n"_s; break;
        case '\r': bytes += u"\\r"_s; break;
        case '\t': bytes += u"\\t"_s; break;
        case '\0': bytes += u"\\0"_s; break;
        default: bytes += QLatin1Char(c); break;
        }
    }
    return u"%1 %2 %3"_s.arg(r.line).arg(r.offset).arg(bytes);
}

QStringList readAll(QIODevice* device, bool join, qsizetype maxRecord = 0)
{
    RecordReader reader(device, join);
    if (maxRecord > 0) {
        reader.setMaxRecordBytes(maxRecord);
    }
    QStringList out;
    Record rec;
    while (reader.next(rec)) {
        out << describe(rec) + (rec.truncated ? u" [cut]"_s : QString());
    }
    return out;
}

QStringList readAll(const QByteArray& input, bool join, qsizetype maxRecord = 0)
{
    QBuffer buffer;
    buffer.setData(input);
    buffer.open(QIODevice::ReadOnly);
    return readAll(&buffer, join, maxRecord);
}

/** Serves its bytes, then fails every read. */
class FailingDevice : public QIODevice {
public:
    explicit FailingDevice(QByteArray data) : m_data(std::move(data)) {}
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char* out, qint64 max) override
    {
        if (m_pos >= m_data.size()) {
            setErrorString(u"disk went away"_s);
            return -1;
        }
        const qint64 n = std::min<qint64>(max, m_data.size() - m_pos);
        std::memcpy(out, m_data.constData() + m_pos, size_t(n));
        m_pos += n;
        return n;
    }
    qint64 writeData(const char*, qint64) override { return -1; }

private:
    QByteArray m_data;
    qsizetype m_pos = 0;
};

QString corpusFile(const QString& sub)
{
    return QStringLiteral(VIGIL_SHARED_CORPUS) + u"/logs/"_s + sub;
}

} // namespace

class TestIngestReader : public QObject {
    Q_OBJECT
private slots:
    void split_data() const;
    void split() const;
    void chunkBoundaries() const;
    void longLinesCut_data() const;
    void longLinesCut() const;
    void utf16Refused() const;
    void deviceNotOpen() const;
    void readError() const;
    void detectSample_data() const;
    void detectSample() const;
    void detectCorpus_data() const;
    void detectCorpus() const;
    void factory() const;
};

void TestIngestReader::split_data() const
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("join");
    QTest::addColumn<QStringList>("records"); // "line offset bytes"
    QTest::addRow("LF") << "a\nb\n"_ba << false << QStringList{u"1 0 a"_s, u"2 2 b"_s};
    QTest::addRow("CRLF") << "a\r\nb\r\n"_ba << false << QStringList{u"1 0 a"_s, u"2 3 b"_s};
    QTest::addRow("BOM removed, offsets count it")
        << "\xEF\xBB\xBF" "a\nb"_ba << false << QStringList{u"1 3 a"_s, u"2 5 b"_s};
    QTest::addRow("BOM only at the start") << "a\n\xEF\xBB\xBF" "b\n"_ba << false
                                           << QStringList{u"1 0 a"_s, u"2 2 \u00EF\u00BB\u00BFb"_s};
    QTest::addRow("no final newline") << "a\nb"_ba << false << QStringList{u"1 0 a"_s, u"2 2 b"_s};
    QTest::addRow("blank lines skipped, still counted")
        << "a\n\n  \n\t\nb\n"_ba << false << QStringList{u"1 0 a"_s, u"5 8 b"_s};
    QTest::addRow("continuations joined")
        << "A 1\n\tx\n  y\nB 2\n"_ba << true
        << QStringList{u"1 0 A 1\\n\\tx\\n  y"_s, u"4 11 B 2"_s};
    QTest::addRow("continuations kept apart without joining")
        << "A 1\n\tx\n  y\nB 2\n"_ba << false
        << QStringList{u"1 0 A 1"_s, u"2 4 \\tx"_s, u"3 7   y"_s, u"4 11 B 2"_s};
    QTest::addRow("line numbers after joined records")
        << "A\n\tx\n\ty\nB\nC\n\tz\nD"_ba << true
        << QStringList{u"1 0 A\\n\\tx\\n\\ty"_s, u"4 8 B"_s, u"5 10 C\\n\\tz"_s, u"7 15 D"_s};
    QTest::addRow("blank line ends a record")
        << "A\n\n\tx\n"_ba << true << QStringList{u"1 0 A"_s, u"3 3 \\tx"_s};
    QTest::addRow("indented first line is a record") << "\tx\nA\n"_ba << true
                                                     << QStringList{u"1 0 \\tx"_s, u"2 3 A"_s};
    QTest::addRow("CRLF with continuation") << "A\r\n\tx\r\nB\r\n"_ba << true
                                            << QStringList{u"1 0 A\\n\\tx"_s, u"3 7 B"_s};
    QTest::addRow("lone CR stays inside a line") << "a\rb\n"_ba << false
                                                 << QStringList{u"1 0 a\\rb"_s};
    QTest::addRow("only the CR before LF is dropped") << "a\r\r\n"_ba << false
                                                      << QStringList{u"1 0 a\\r"_s};
    QTest::addRow("NUL bytes kept") << QByteArray("a\0b\n", 4) << false
                                    << QStringList{u"1 0 a\\0b"_s};
    QTest::addRow("empty input") << QByteArray() << true << QStringList();
    QTest::addRow("only a BOM") << "\xEF\xBB\xBF"_ba << true << QStringList();
    QTest::addRow("only blank lines") << "\n\r\n \n"_ba << true << QStringList();
}

void TestIngestReader::split() const
{
    QFETCH(QByteArray, input);
    QFETCH(bool, join);
    QFETCH(QStringList, records);
    QCOMPARE(readAll(input, join), records);
}

// Many lines of random length across the 64 KiB read chunks, against a naive split.
void TestIngestReader::chunkBoundaries() const
{
    QRandomGenerator rng(7);
    QByteArray input;
    QStringList expected;
    qint64 line = 0;
    while (input.size() < 600 * 1024) {
        ++line;
        const qint64 offset = input.size();
        const int kind = int(rng.bounded(10));
        QByteArray text(qsizetype(rng.bounded(400)), 'a' + char(line % 26));
        if (kind == 0) {
            text.clear(); // blank line
        }
        input += text + (kind == 1 ? "\r\n"_ba : "\n"_ba);
        if (!text.isEmpty()) {
            expected << u"%1 %2 %3"_s.arg(line).arg(offset).arg(QString::fromLatin1(text));
        }
    }
    QCOMPARE(readAll(input, false), expected);
    QCOMPARE(readAll(input, true), expected); // no indented lines: joining changes nothing

    QBuffer buffer(&input);
    buffer.open(QIODevice::ReadOnly);
    RecordReader reader(&buffer, false);
    Record rec;
    while (reader.next(rec)) {
    }
    QCOMPARE(reader.bytesRead(), input.size());
    QVERIFY(reader.errorString().isEmpty());
}

void TestIngestReader::longLinesCut_data() const
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("join");
    QTest::addColumn<QStringList>("records");
    const QString cut10 = u"xxxxxxxxxx"_s;
    QTest::addRow("long line cut, next line intact")
        << "short\n"_ba + QByteArray(1000, 'x') + "\nnext\n"_ba << false
        << QStringList{u"1 0 short"_s, u"2 6 "_s + cut10 + u" [cut]"_s, u"3 1007 next"_s};
    QTest::addRow("long line longer than a read chunk")
        << QByteArray(200 * 1024, 'x') + "\nnext"_ba << false
        << QStringList{u"1 0 "_s + cut10 + u" [cut]"_s, u"2 204801 next"_s};
    QTest::addRow("long last line without newline") << "a\n"_ba + QByteArray(50, 'x') << false
                                                    << QStringList{u"1 0 a"_s,
                                                                   u"2 2 "_s + cut10 + u" [cut]"_s};
    QTest::addRow("joining stops at the record limit")
        << "A\n\t1234567\n\tz\n"_ba << true
        << QStringList{u"1 0 A\\n\\t1234567"_s, u"3 11 \\tz"_s};
}

void TestIngestReader::longLinesCut() const
{
    QFETCH(QByteArray, input);
    QFETCH(bool, join);
    QFETCH(QStringList, records);
    QCOMPARE(readAll(input, join, 10), records);
}

void TestIngestReader::utf16Refused() const
{
    QBuffer buffer;
    buffer.setData("\xFF\xFE" "a\0\n\0"_ba);
    buffer.open(QIODevice::ReadOnly);
    RecordReader reader(&buffer, false);
    Record rec;
    QVERIFY(!reader.next(rec));
    QVERIFY2(reader.errorString().contains(u"UTF-16"), qPrintable(reader.errorString()));
}

void TestIngestReader::deviceNotOpen() const
{
    QBuffer buffer;
    RecordReader reader(&buffer, false);
    Record rec;
    QVERIFY(!reader.next(rec));
    QVERIFY(!reader.errorString().isEmpty());
}

void TestIngestReader::readError() const
{
    FailingDevice device("one\ntwo\nthr"_ba);
    device.open(QIODevice::ReadOnly);
    RecordReader reader(&device, false);
    Record rec;
    QStringList got;
    while (reader.next(rec)) {
        got << QString::fromLatin1(rec.bytes);
    }
    QCOMPARE(got, (QStringList{u"one"_s, u"two"_s})); // the cut-off "thr" is not a record
    QCOMPARE(reader.errorString(), u"disk went away"_s);
}

void TestIngestReader::detectSample_data() const
{
    QTest::addColumn<QList<QByteArray>>("lines");
    QTest::addColumn<QString>("format");
    QTest::addRow("nothing") << QList<QByteArray>() << u"text"_s;
    QTest::addRow("blank lines only") << QList<QByteArray>{""_ba, "  "_ba} << u"text"_s;
    QTest::addRow("JSON objects") << QList<QByteArray>{"{\"a\":1}"_ba, "  {\"b\":2}\r\n"_ba}
                                  << u"json"_s;
    QTest::addRow("JSON after a BOM and a # header")
        << QList<QByteArray>{"\xEF\xBB\xBF# header"_ba, "{\"a\":1}"_ba} << u"json"_s;
    QTest::addRow("JSON mixed with text") << QList<QByteArray>{"{\"a\":1}"_ba, "plain"_ba}
                                          << u"text"_s;
    QTest::addRow("BSD syslog with continuation lines")
        << QList<QByteArray>{"Aug 16 00:32:15 host-a app[1]: notice:"_ba, "\tmore"_ba,
                             "\tmore"_ba, "\tmore"_ba, "Aug 16 00:32:16 host-a app[1]: x"_ba}
        << u"syslog"_s;
    QTest::addRow("RFC 5424") << QList<QByteArray>{"<14>1 - host-a app-x - - - m"_ba}
                              << u"syslog"_s;
    QTest::addRow("B04 ISO time, host and tag")
        << QList<QByteArray>{
               "2022-12-13 01:19:30.429319+0200  localhost sshd[2211]: Failed password"_ba}
        << u"syslog"_s;
    QTest::addRow("ISO time without a tag is text")
        << QList<QByteArray>{"2002-05-02 17:42:15 192.0.2.1 - 192.0.2.2 80 GET /x - 200"_ba}
        << u"text"_s;
    QTest::addRow("mostly text") << QList<QByteArray>{"<13>Jan  2 03:04:05 host-a app: m"_ba,
                                                      "hello"_ba, "world"_ba}
                                 << u"text"_s;
}

void TestIngestReader::detectSample() const
{
    QFETCH(QList<QByteArray>, lines);
    QFETCH(QString, format);
    QCOMPARE(detectFormat(lines), format);
}

void TestIngestReader::detectCorpus_data() const
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("format");
    const struct {
        const char16_t* file;
        const char16_t* format;
    } rows[] = {
        {u"syslog-rfc3164/lnav-logfile_bad_syslog.0", u"syslog"},
        {u"syslog-rfc3164/lnav-logfile_syslog.0", u"syslog"},
        {u"syslog-rfc3164/lnav-logfile_syslog.3", u"syslog"},
        {u"syslog-rfc3164/lnav-logfile_syslog_fr.0", u"syslog"},
        {u"syslog-rfc3164/lnav-logfile_syslog_with_mixed_times.0", u"syslog"},
        {u"syslog-rfc3164/rsyslog-rfc3164-basic.txt", u"syslog"},
        {u"syslog-rfc3164/rsyslog-rfc3164-no-pri.txt", u"syslog"},
        {u"syslog-rfc3164/rsyslog-rfc3164-rfc3339.txt", u"syslog"},
        {u"syslog-rfc3164/rsyslog-rfc3164-short.txt", u"syslog"},
        {u"syslog-rfc5424/rsyslog-rfc5424-basic.txt", u"syslog"},
        {u"syslog-rfc5424/rsyslog-rfc5424-escaped-sd.txt", u"syslog"},
        {u"linux-auth/OpenSSH_2k.log", u"syslog"},
        {u"iptables/elastic-test-iptables-raw.log", u"iptables"},
        {u"pfsense/elastic-test-pfsense-bsd.log", u"pfsense"},
        {u"windows-snare/sample-events.data", u"snare"},
        {u"windows-snare/sample-windows2022-security.data", u"snare"},
        {u"misc-text/Mac_2k.log", u"syslog"},
        {u"misc-text/lnav-logfile_with_zones.0", u"syslog"},
        {u"json-lines/lnav-logfile_ecs_log.json", u"json"},
        {u"json-lines/lnav-logfile_journald.json", u"json"},
        {u"json-lines/lnav-logfile_json.json", u"json"},
        {u"json-lines/lnav-logfile_nested_json.json", u"json"},
        {u"suricata-eve/elastic-test-eve-small.log", u"suricata-eve"},
        {u"zeek-json/zeek-scripts.base.frameworks.logging.ascii-json-ssh.log", u"json"},
        {u"zeek-json/zeek-scripts.base.frameworks.logging.ascii-json-iso-timestamps-ssh.log",
         u"json"},
        {u"misc-text/Windows_2k.log", u"text"},
        {u"misc-text/lnav-logfile_crlf.0", u"text"},
        {u"misc-text/lnav-logfile_w3c.0", u"w3c"},
        {u"apache-access/lnav-logfile_access_log.0", u"apache-access"},
        {u"apache-error/Apache_2k.log", u"apache-error"},
        {u"cef/elastic-test-cef.log", u"cef"},
        {u"leef/tenzir-leef1.log", u"leef"},
        {u"csv/Proxifier_2k.log", u"text"},
        {u"snort-suricata-fast/suricata-verify-http2-files-fast.log", u"fast-log"},
        {u"zeek-tsv/lnav-logfile_bro_conn.log.0", u"zeek-tsv"},
        {u"zeek-tsv/zeek-opt.basic-dns.log", u"zeek-tsv"},
    };
    for (const auto& row : rows) {
        const QString file = QString::fromUtf16(row.file);
        QTest::addRow("%s", qPrintable(file)) << file << QString::fromUtf16(row.format);
    }
}

void TestIngestReader::detectCorpus() const
{
    QFETCH(QString, file);
    QFETCH(QString, format);
    QFile f(corpusFile(file));
    if (!f.open(QIODevice::ReadOnly)) {
        QSKIP("the shared corpus (VIGIL_SHARED_CORPUS) is not available");
    }
    RecordReader reader(&f, false);
    QList<QByteArray> sample;
    Record rec;
    while (sample.size() < 20 && reader.next(rec)) {
        sample << rec.bytes;
    }
    QCOMPARE(detectFormat(sample), format);
}

void TestIngestReader::factory() const
{
    const QStringList formats = knownFormats();
    const QStringList builtIn = {u"json"_s, u"syslog"_s, u"syslog-rfc3164"_s, u"syslog-rfc5424"_s,
                                 u"text"_s};
    QCOMPARE(formats.mid(0, builtIn.size()), builtIn);
    for (const QString& name : builtIn) {
        const auto parser = makeParser(name);
        QVERIFY(parser);
        QCOMPARE(parser->format(), name);
        QCOMPARE(parser->joinsContinuationLines(), name != u"json");
    }
    QVERIFY(makeParser(u"JSON"));
    // The formats of core/ingest/formats follow (tst_format_detect checks each of them).
    QVERIFY(formats.contains(u"cef"_s));
    QVERIFY(makeParser(u"cef"));
    QVERIFY(!makeParser(u""));
    QVERIFY(!makeParser(u"no-such-format"));
}

QTEST_APPLESS_MAIN(TestIngestReader)
#include "tst_ingest_reader.moc"
