#include <QTest>

#include "ingest/formats/csv_parser.h"
#include "tst_format_support.h"

using namespace fmttest;

/** Delimited text with a header line, and the loghub structured CSVs as oracles. */
class TestFormatCsv : public QObject {
    Q_OBJECT
private slots:
    void splitLine_data() const;
    void splitLine() const;
    void delimiter_data() const;
    void delimiter() const;
    void fixture() const;
    void headerOnlyAndRejects() const;
    void corpusOpenSshCsvColumns() const;
    void corpusZeekCutOutput() const;
    void corpusMacMatchesStructuredCsv() const;
    void corpusWindowsAndProxifierMatchStructuredCsv() const;
};

void TestFormatCsv::splitLine_data() const
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<char>("delimiter");
    QTest::addColumn<QStringList>("values");
    QTest::addColumn<bool>("ok");
    QTest::addRow("plain") << "a,b,c"_ba << ',' << QStringList{u"a"_s, u"b"_s, u"c"_s} << true;
    QTest::addRow("empty values") << ",,"_ba << ',' << QStringList{u""_s, u""_s, u""_s} << true;
    QTest::addRow("quoted with delimiter and quote")
        << "\"a,b\",\"say \"\"x\"\"\",c"_ba << ',' << QStringList{u"a,b"_s, u"say \"x\""_s, u"c"_s}
        << true;
    QTest::addRow("text after a closing quote")
        << "\"a\"b,c"_ba << ',' << QStringList{u"ab"_s, u"c"_s} << true;
    QTest::addRow("tab") << "a b\tc"_ba << '\t' << QStringList{u"a b"_s, u"c"_s} << true;
    QTest::addRow("unclosed quote") << "a,\"b"_ba << ',' << QStringList{u"a"_s} << false;
    QTest::addRow("unicode") << "Zürich;東京"_ba << ';' << QStringList{u"Zürich"_s, u"東京"_s}
                             << true;
}

void TestFormatCsv::splitLine() const
{
    QFETCH(QByteArray, line);
    QFETCH(char, delimiter);
    QFETCH(QStringList, values);
    QFETCH(bool, ok);
    QList<QString> got;
    QCOMPARE(CsvParser::splitLine(line, delimiter, got), ok);
    if (ok) {
        QCOMPARE(QStringList(got), values);
    }
}

void TestFormatCsv::delimiter_data() const
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<char>("delimiter");
    QTest::addRow("comma") << "a,b,c"_ba << ',';
    QTest::addRow("tab beats a comma inside quotes") << "\"a,b\"\tc\td"_ba << '\t';
    QTest::addRow("semicolon") << "Datum;Zeit;Nachricht"_ba << ';';
    QTest::addRow("pipe") << "time|host|msg"_ba << '|';
    QTest::addRow("none") << "single"_ba << '\0';
}

void TestFormatCsv::delimiter() const
{
    QFETCH(QByteArray, header);
    QFETCH(char, delimiter);
    QCOMPARE(CsvParser::detectDelimiter(header), delimiter);
}

void TestFormatCsv::fixture() const
{
    const Parsed p = parseFile(fixturePath(u"proxy.csv"_s));
    QCOMPARE(p.format, u"csv"_s);
    QCOMPARE(p.rejects, QStringList());
    QCOMPARE(p.headers, qint64(2)); // the comment and the header line
    QCOMPARE(p.events.size(), std::size_t(3));
    const Event& a = p.events[0];
    QCOMPARE(timeOf(a), u"2024-05-01T10:00:00Z"_s);
    QCOMPARE(field(a, u"note"), u"first, with comma"_s);
    QCOMPARE(field(a, u"dst_port"), u"443"_s);
    QCOMPARE(a.fields.find(u"dst_port")->type(), FieldValue::Type::String); // kept as written
    QCOMPARE(common(a, u"src_ip"), u"192.0.2.4"_s);
    QCOMPARE(common(a, u"dst_port"), u"443"_s);
    QCOMPARE(common(a, u"user"), u"alice"_s);
    const Event& b = p.events[1];
    QCOMPARE(timeOf(b), u"2024-05-01T10:00:01.5Z"_s);
    QCOMPARE(field(b, u"note"), u"said \"hi\""_s);
    const Event& c = p.events[2];
    QCOMPARE(timeOf(c), u"received"_s);
    QCOMPARE(field(c, u"dst_ip"), u""_s);
    QCOMPARE(common(c, u"dst_ip"), QString());
}

void TestFormatCsv::headerOnlyAndRejects() const
{
    const Parsed p = parseText("name;count\nx;1\ny;2;3\n\"z;4\nw\n"_ba, u"csv"_s);
    QCOMPARE(p.headers, qint64(1));
    QCOMPARE(p.events.size(), std::size_t(1));
    QCOMPARE(field(p.events[0], u"count"), u"1"_s);
    QCOMPARE(p.rejects, (QStringList{u"3: CSV line has 3 values; the header has 2"_s,
                                     u"4: CSV quoted value is not closed (values spanning lines "
                                     u"are not supported)"_s,
                                     u"5: CSV line has 1 values; the header has 2"_s}));
    // Repeated and empty column names still give every value a field of its own.
    const Parsed named = parseText("a,a,\n1,2,3\n"_ba, u"csv"_s);
    QCOMPARE(field(named.events[0], u"a"), u"1"_s);
    QCOMPARE(field(named.events[0], u"a_2"), u"2"_s);
    QCOMPARE(field(named.events[0], u"column3"), u"3"_s);
}

void TestFormatCsv::corpusOpenSshCsvColumns() const
{
    FMT_REQUIRE_CORPUS();
    const Parsed csv = parseFile(corpusPath(u"linux-auth/OpenSSH_2k.log_structured.csv"_s));
    QCOMPARE(csv.events.size(), std::size_t(2000));
    // 1,Dec,10,06:55:46,LabSZ,24200,reverse mapping checking getaddrinfo for ... ,E27,...
    const Event& e = csv.events[0];
    QCOMPARE(field(e, u"LineId"), u"1"_s);
    QCOMPARE(field(e, u"Date"), u"Dec"_s);
    QCOMPARE(field(e, u"Pid"), u"24200"_s);
    QCOMPARE(field(e, u"EventId"), u"E27"_s);
    QCOMPARE(
        field(e, u"EventTemplate"),
        u"reverse mapping checking getaddrinfo for <*> [<*>] failed - POSSIBLE BREAK-IN "
        u"ATTEMPT!"_s);
}

void TestFormatCsv::corpusZeekCutOutput() const
{
    FMT_REQUIRE_CORPUS();
    // zeek-cut output: a "### BTest" comment, then a tab-separated header line without #fields.
    const Parsed p =
        parseFile(corpusPath(u"zeek-tsv/zeek-scripts.base.protocols.ssh.max-lengths-4-weird"
        u".log"_s));
    QCOMPARE(p.format, u"csv"_s);
    QCOMPARE(p.headers, qint64(2));
    QCOMPARE(p.events.size(), std::size_t(14));
    const Event& e = p.events[0];
    QCOMPARE(field(e, u"uid"), u"CHhAvVGS1DHFjwGM9"_s);
    QCOMPARE(field(e, u"id.orig_h"), u"192.168.1.79"_s);
    QCOMPARE(field(e, u"name"), u"SSH_max_packet_length_exceeded"_s);
    QCOMPARE(field(e, u"addl"), u"1268 > 1000"_s);
    QCOMPARE(field(e, u"notice"), u"F"_s);
    QCOMPARE(field(p.events[11], u"addl"), u"359 > 200"_s);
    QCOMPARE(field(p.events[13], u"id.resp_h"), u"131.103.20.168"_s);
    QCOMPARE(field(p.events[13], u"addl"), u"212 > 200"_s);
}

void TestFormatCsv::corpusMacMatchesStructuredCsv() const
{
    FMT_REQUIRE_CORPUS();
    const Parsed log = parseFile(corpusPath(u"misc-text/Mac_2k.log"_s));
    const Parsed csv = parseFile(corpusPath(u"misc-text/Mac_2k.log_structured.csv"_s));
    QCOMPARE(log.format, u"syslog"_s);
    QCOMPARE(log.rejects, QStringList());
    QCOMPARE(csv.rejects, QStringList());
    QCOMPARE(log.events.size(), std::size_t(2000));
    QCOMPARE(csv.events.size(), std::size_t(2000));
    int spacedPrograms = 0;
    for (std::size_t i = 0; i < log.events.size(); ++i) {
        const Event& e = log.events[i];
        const Event& row = csv.events[i];
        if (field(row, u"Component").contains(u' ')) {
            // "Microsoft Word[14463]:" — RFC 3164 tags have no spaces; Vigil keeps such a
            // line's program in the message (a known gap, counted below).
            ++spacedPrograms;
            QCOMPARE(field(e, u"app_name"), QString());
            continue;
        }
        const QString clock =
            u"%1-%2T%3"_s.arg(monthFromAbbrev(field(row, u"Month")), 2, 10, QChar(u'0'))
                .arg(field(row, u"Date").toInt(), 2, 10, QChar(u'0'))
                .arg(field(row, u"Time"));
        QCOMPARE(timeOf(e).mid(5, 14), clock);
        QCOMPARE(field(e, u"hostname"), field(row, u"User"));
        QCOMPARE(field(e, u"app_name"), field(row, u"Component"));
        QCOMPARE(field(e, u"procid"),
                 field(row, u"PID").isEmpty() ? QString() : field(row, u"PID"));
        // loghub moves macOS's "(address):" into its own column and trims the content.
        const QString address = field(row, u"Address");
        const QString content = address.isEmpty()
                                    ? field(row, u"Content")
                                    : u'(' + address + u"): "_s + field(row, u"Content");
        QCOMPARE(field(e, u"message").trimmed(), content.trimmed());
    }
    QCOMPARE(spacedPrograms, 78);
}

void TestFormatCsv::corpusWindowsAndProxifierMatchStructuredCsv() const
{
    FMT_REQUIRE_CORPUS();
    // Windows CBS.log: text lines with an ISO time; the CSV splits Level, Component, Content.
    const Parsed win = parseFile(corpusPath(u"misc-text/Windows_2k.log"_s));
    const Parsed winCsv = parseFile(corpusPath(u"misc-text/Windows_2k.log_structured.csv"_s));
    QCOMPARE(win.format, u"text"_s);
    QCOMPARE(win.events.size(), std::size_t(2000));
    QCOMPARE(winCsv.events.size(), std::size_t(2000));
    for (std::size_t i = 0; i < win.events.size(); ++i) {
        const Event& e = win.events[i];
        const Event& row = winCsv.events[i];
        QCOMPARE(timeOf(e), field(row, u"Date") + u'T' + field(row, u"Time") + u'Z');
        const QStringList words = field(e, u"message").split(u' ', Qt::SkipEmptyParts);
        QCOMPARE(words[2], field(row, u"Level"));
        QCOMPARE(words[3], field(row, u"Component"));
        QVERIFY(field(e, u"message").trimmed().endsWith(field(row, u"Content")));
    }
    // Proxifier: "[10.30 16:49:06] chrome.exe - proxy...": a time without a year stays text.
    const Parsed proxy = parseFile(corpusPath(u"csv/Proxifier_2k.log"_s));
    const Parsed proxyCsv = parseFile(corpusPath(u"csv/Proxifier_2k.log_structured.csv"_s));
    QCOMPARE(proxy.format, u"text"_s);
    QCOMPARE(proxyCsv.format, u"csv"_s);
    QCOMPARE(proxy.events.size(), std::size_t(2000));
    QCOMPARE(proxyCsv.events.size(), std::size_t(2000));
    for (std::size_t i = 0; i < proxy.events.size(); ++i) {
        const Event& row = proxyCsv.events[i];
        QCOMPARE(field(proxy.events[i], u"message").trimmed(),
                 u'[' + field(row, u"Time") + u"] "_s + field(row, u"Program") + u" - "_s
                     + field(row, u"Content"));
    }
}

QTEST_GUILESS_MAIN(TestFormatCsv)
#include "tst_format_csv.moc"
