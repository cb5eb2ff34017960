#include <QDirIterator>
#include <QRandomGenerator>
#include <QTest>

#include "ingest/formats/format_registry.h"
#include "tst_format_support.h"

using namespace fmttest;

/**
 * Hostile input for every parser of core/ingest/formats: no crash, no hang, every record ends
 * as an event, a reject or a header. Replays the inputs that once crashed a fuzz target
 * (tests/data/formats/fuzz/<format>/) and a fixed set of nasty shapes.
 */
class TestFormatRobustness : public QObject {
    Q_OBJECT
private slots:
    void hostileShapes_data() const;
    void hostileShapes() const;
    void randomBytesNeverCrash() const;
    void fuzzRegressions() const;
};

namespace {

QStringList allFormats()
{
    return QStringList{u"json"_s, u"syslog"_s, u"text"_s} + formatParserNames();
}

// Every record of @p text accounted for: events + rejects + header lines = records.
void checkAccounted(const QByteArray& text, const QString& format)
{
    const Parsed p = parseText(text, format);
    qsizetype records = 0;
    for (const QByteArray& line : text.split('\n')) {
        records += line.trimmed().isEmpty() ? 0 : 1;
    }
    const qsizetype seen = qsizetype(p.events.size()) + p.rejects.size() + qsizetype(p.headers);
    // Continuation lines join the record before them for syslog and text.
    QVERIFY2(seen <= records && seen > 0, qPrintable(format));
}

} // namespace

void TestFormatRobustness::hostileShapes_data() const
{
    QTest::addColumn<QByteArray>("text");
    QTest::addRow("only separators") << QByteArray(5000, '|') + "\n" + QByteArray(5000, '\t');
    QTest::addRow("CEF with 10000 keys")
        << "CEF:0|V|P|1|1|n|1|" + QByteArray("k=v ").repeated(10000);
    QTest::addRow("CEF backslash at the end") << "CEF:0|V|P|1|1|n|1|a=b\\"_ba;
    QTest::addRow("CEF header escape at the end") << "CEF:0|V|P\\"_ba;
    QTest::addRow("LEEF hex delimiter without digits") << "LEEF:2.0|V|P|1|2|0x|a=b"_ba;
    QTest::addRow("Zeek headers only") << "#separator \\x\n#fields\n#types\n#set_separator\t\n"_ba;
    QTest::addRow("Zeek escapes cut short") << "#fields\tts\ta\n#types\ttime\tstring\n1\t\\x4\n"_ba;
    QTest::addRow("Zeek empty set separator")
        << "#set_separator\t\n#fields\tts\ta\n#types\ttime\tset[string]\n1\ta,b\n"_ba;
    QTest::addRow("CSV only quotes") << "a,b\n\"\"\"\"\"\",\"\n"_ba;
    QTest::addRow("W3C fields empty") << "#Fields:\n\n-\n"_ba;
    QTest::addRow("access log brackets") << "a b c [ \"\n[[[[ \"\"\" ]]]]\n"_ba;
    QTest::addRow("error log bracket soup") << "[Sun Dec 04 04:47:44 2005] [[[[[[\n[\n"_ba;
    QTest::addRow("fast.log fragments") << "[**] [\n01/01-00:00:00 [**] [::] [**] { -> \n"_ba;
    QTest::addRow("iptables keys without values") << "IN= OUT= = == [ ] ] [ SRC\n"_ba;
    QTest::addRow("filterlog 200 commas") << "<1>Jan 1 00:00:00 filterlog: " + QByteArray(200, ',');
    QTest::addRow("Snare many tabs") << "MSWinEventLog" + QByteArray(300, '\t');
    QTest::addRow("Snare message of colons") << "MSWinEventLog\t1\tS\t1\tx\t1\ts\tu\tt\te\tc\tc\t\t"
                                                    + QByteArray(4000, ':') + "   "
                                                    + QByteArray(50, ' ');
    QTest::addRow("auth without parts")
        << "Jan 1 00:00:00 h sshd[1]: Failed password for\nJan 1 00:00:00 h sshd[1]: "
           "Accepted x for  from  port \nJan 1 00:00:00 h sudo: : \n"
           "Jan 1 00:00:00 h sshd[1]: message repeated 1 times: [ ]\n"_ba;
    QTest::addRow("deep JSON") << QByteArray(5000, '[') + QByteArray(5000, ']');
    QTest::addRow("NUL bytes") << QByteArray("CEF:0|\0|\0|1|1|n|1|a=\0\n", 24);
}

void TestFormatRobustness::hostileShapes() const
{
    QFETCH(QByteArray, text);
    for (const QString& format : allFormats()) {
        checkAccounted(text, format);
    }
    checkAccounted(text, QString()); // detected
}

void TestFormatRobustness::randomBytesNeverCrash() const
{
    QRandomGenerator rng(20240601);
    static const char* const kPieces[] = {"CEF:0|",
                                          "LEEF:2.0|",
                                          "|",
                                          "=",
                                          "\\",
                                          "\t",
                                          " ",
                                          "\n",
                                          "#fields\t",
                                          "#types\t",
                                          "[**] [",
                                          " -> ",
                                          "{",
                                          "\"",
                                          "IN=",
                                          " OUT=",
                                          "MSWinEventLog\t",
                                          "filterlog: ",
                                          "[Sun Dec 04 04:47:44 2005] ",
                                          "(empty)",
                                          "\\x",
                                          ",",
                                          "sshd[1]: ",
                                          "Failed password for "};
    for (int round = 0; round < 300; ++round) {
        QByteArray text;
        const int parts = rng.bounded(1, 60);
        for (int k = 0; k < parts; ++k) {
            if (rng.bounded(3) == 0) {
                text += char(rng.bounded(256));
            } else {
                text += kPieces[rng.bounded(int(std::size(kPieces)))];
            }
        }
        for (const QString& format : allFormats()) {
            (void)parseText(text, format);
        }
        (void)parseText(text);
    }
}

void TestFormatRobustness::fuzzRegressions() const
{
    const QString root = fixturePath(u"fuzz"_s);
    QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
    int replayed = 0;
    while (it.hasNext()) {
        QFile f(it.next());
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        const QString format = QFileInfo(f.fileName()).dir().dirName().replace(u'_', u'-');
        (void)parseText(bytes, format == u"auto" ? QString() : format);
        ++replayed;
    }
    qInfo("replayed %d inputs that once crashed a fuzz target", replayed);
}

QTEST_GUILESS_MAIN(TestFormatRobustness)
#include "tst_format_robustness.moc"
