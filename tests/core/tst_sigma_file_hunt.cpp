// sigma::huntFiles (parallel parsing and matching) against the one-thread reference: scanFiles
// with RuleSet::matchNaive() on every event. Same hits in the same order, same counts, same
// rejects, for JSON lines with bad and foreign lines, a header-driven CSV file and a file that
// cannot be read, on one and on several worker threads; a cancelled hunt stops.
#include <atomic>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "ingest/importer.h"
#include "model/event.h"
#include "sigma/file_hunt.h"
#include "sigma/rule.h"
#include "sigma/rule_set.h"

using namespace vigil;
using namespace Qt::StringLiterals;

namespace {

const char kRules[] = R"(title: Whoami
id: 11111111-1111-1111-1111-111111111111
logsource:
    product: windows
    category: process_creation
detection:
    selection:
        Image|endswith: '\whoami.exe'
    condition: selection
level: medium
---
title: Encoded PowerShell
id: 22222222-2222-2222-2222-222222222222
logsource:
    product: windows
    category: process_creation
detection:
    selection:
        CommandLine|contains: ' -enc '
    condition: selection
level: high
---
title: Keyword mimikatz
id: 33333333-3333-3333-3333-333333333333
logsource:
    product: windows
detection:
    keywords:
        - 'mimikatz'
    condition: keywords
level: critical
---
title: CSV user bob
id: 44444444-4444-4444-4444-444444444444
logsource:
    category: test
detection:
    selection:
        user: bob
    condition: selection
level: low
)";

/** "line rule-ids raw" for every event with hits, in the order they came. */
using Hits = QStringList;

QString hitLine(const Event& e, const std::vector<const sigma::Rule*>& rules)
{
    QStringList ids;
    for (const sigma::Rule* r : rules) {
        ids << r->uid();
    }
    // The raw text too: the hunt makes it only for events with hits.
    return e.sourceRef() + u' ' + ids.join(u',') + u' ' + e.raw;
}

QByteArray jsonLines(int n)
{
    QByteArray out;
    for (int i = 0; i < n; ++i) {
        const char* image = (i % 7 == 3) ? "C:\\\\Windows\\\\System32\\\\whoami.exe"
                                         : "C:\\\\Windows\\\\explorer.exe";
        const char* cmd = (i % 11 == 5) ? "powershell -enc SQBFAFgA" : "explorer.exe";
        out += "{\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"EventID\":1,"
               "\"Image\":\"" + QByteArray(image) + "\",\"CommandLine\":\"" + cmd
            + "\",\"Note\":\"" + ((i % 13 == 0) ? "ran mimikatz here" : "nothing") + "\"}\n";
        if (i % 97 == 50) {
            out += "{\"Channel\": broken\n"; // a JSON reject
        }
        if (i % 89 == 60) {
            out += "plain text line about mimikatz\n"; // foreign: a text event
        }
    }
    return out;
}

} // namespace

class TestSigmaFileHunt : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_rules.addText(QString::fromUtf8(kRules), u"test"_s);
        QCOMPARE(m_rules.rules().size(), std::size_t(4));
        write(u"a.jsonl"_s, jsonLines(3000));
        QByteArray csv = "time,user,action\n";
        for (int i = 0; i < 700; ++i) {
            csv += "2024-01-01T00:00:" + QByteArray::number(10 + i % 50) + "Z,"
                + (i % 5 == 0 ? "bob" : "alice") + ",login\n";
        }
        write(u"b.csv"_s, csv);
        write(u"c.jsonl"_s, jsonLines(40));
        m_files = {m_dir.filePath(u"a.jsonl"_s), m_dir.filePath(u"b.csv"_s),
                   m_dir.filePath(u"missing.jsonl"_s), m_dir.filePath(u"c.jsonl"_s)};
    }

    void sameAsOneThreadScan_data()
    {
        QTest::addColumn<int>("threads");
        QTest::newRow("one worker") << 1;
        QTest::newRow("two workers") << 2;
        QTest::newRow("five workers") << 5;
    }

    void sameAsOneThreadScan()
    {
        QFETCH(int, threads);
        Hits expected;
        auto reference = scanFiles(m_files, IngestOptions(), [&](Event& e) {
            std::vector<const sigma::Rule*> hits;
            m_rules.matchNaive(e, hits);
            if (!hits.empty()) {
                expected << hitLine(e, hits);
            }
        });
        QVERIFY(reference.has_value());
        QVERIFY2(expected.size() > 500, qPrintable(QString::number(expected.size())));

        Hits got;
        auto hunted = sigma::huntFiles(
            m_files, IngestOptions(), m_rules,
            [&](Event& e, const std::vector<const sigma::Rule*>& rules) {
                got << hitLine(e, rules);
            },
            nullptr, threads);
        QVERIFY(hunted.has_value());
        QCOMPARE(got, expected);
        QCOMPARE(hunted->read, reference->read);
        QCOMPARE(hunted->stored, reference->stored);
        QCOMPARE(hunted->rejected, reference->rejected);
        QCOMPARE_GT(hunted->rejected, 0);
        QCOMPARE(hunted->timeFromReceipt, reference->timeFromReceipt);
        QCOMPARE(hunted->rejectReasons, reference->rejectReasons);
        QCOMPARE(hunted->rejectSamples.size(), reference->rejectSamples.size());
        for (std::size_t i = 0; i < hunted->rejectSamples.size(); ++i) {
            QCOMPARE(hunted->rejectSamples[i].where(), reference->rejectSamples[i].where());
            QCOMPARE(hunted->rejectSamples[i].reason, reference->rejectSamples[i].reason);
        }
        QCOMPARE(hunted->files.size(), reference->files.size());
        for (std::size_t i = 0; i < hunted->files.size(); ++i) {
            const FileReport& h = hunted->files[i];
            const FileReport& r = reference->files[i];
            QCOMPARE(h.format, r.format);
            QCOMPARE(h.read, r.read);
            QCOMPARE(h.stored, r.stored);
            QCOMPARE(h.rejected, r.rejected);
            QCOMPARE(h.headerLines, r.headerLines);
            QCOMPARE(h.error, r.error);
        }
        QCOMPARE(hunted->files[1].headerLines, 1);
        QVERIFY(!hunted->files[2].error.isEmpty());
    }

    void cancelStops() const
    {
        std::atomic<bool> cancel{false};
        qint64 seen = 0;
        auto hunted = sigma::huntFiles(
            m_files, IngestOptions(), m_rules,
            [&](Event&, const std::vector<const sigma::Rule*>&) {
                ++seen;
                cancel = true;
            },
            &cancel, 2);
        QVERIFY(hunted.has_value());
        QVERIFY(hunted->cancelled);
        QCOMPARE_GT(seen, 0);
        QCOMPARE_LT(hunted->read, 3000);
    }

private:
    void write(const QString& name, const QByteArray& content)
    {
        QFile f(m_dir.filePath(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    }

    QTemporaryDir m_dir;
    sigma::RuleSet m_rules;
    QStringList m_files;
};

QTEST_GUILESS_MAIN(TestSigmaFileHunt)
#include "tst_sigma_file_hunt.moc"
