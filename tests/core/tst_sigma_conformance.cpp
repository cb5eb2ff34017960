// SigmaHQ regression samples and the full SigmaHQ rule tree, read from the shared corpus. The
// samples are read from their .evtx with Vigil's EVTX reader, as an import would read them.
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QMap>
#include <QRegularExpression>
#include <QTest>

#include "sigma/rule.h"
#include "sigma/rule_set.h"
#include "sigma_regression_corpus.h"

using namespace vigil;
using namespace Qt::StringLiterals;

using regression::Case;
using regression::corpus;
using regression::readIndex;
using regression::readSample;

class TestSigmaConformance : public QObject {
    Q_OBJECT
private slots:
    void regressionSamples() const;
    void fullRuleTree() const;
};

void TestSigmaConformance::regressionSamples() const
{
    const QString root = corpus() + u"/sigma-regression"_s;
    const std::vector<Case> cases = readIndex(root);
    if (cases.empty()) {
        QSKIP(qPrintable(u"no SigmaHQ regression corpus at "_s + root));
    }
    int passed = 0;
    QStringList failures;
    std::vector<Event> allEvents;
    sigma::RuleSet all; // every regression rule, for the throughput figure
    for (const Case& c : cases) {
        sigma::RuleSet set;
        set.addPath(c.rulePath);
        all.addPath(c.rulePath);
        if (set.rules().size() != 1) {
            const QString why =
                set.issues().empty() ? u"no rule"_s : set.issues().front().toString();
            failures << u"%1: not loaded: %2"_s.arg(c.rulePath.mid(root.size() + 1), why);
            continue;
        }
        QString error;
        const std::vector<Event> events = readSample(c.samplePath, &error);
        if (!error.isEmpty()) {
            failures << error;
            continue;
        }
        const auto& rule = set.rules().front();
        int matches = 0;
        int applies = 0;
        for (const Event& e : events) {
            matches += rule->matches(e) ? 1 : 0;
            applies += rule->appliesTo(e) ? 1 : 0;
        }
        allEvents.insert(allEvents.end(), events.begin(), events.end());
        if (matches >= c.expected) {
            ++passed;
        } else {
            failures << u"%1: %2 of %3 events match, expected >= %4 (%5 pass the log-source "
                        u"filter)"_s.arg(c.rulePath.mid(root.size() + 1))
                            .arg(matches)
                            .arg(events.size())
                            .arg(c.expected)
                            .arg(applies);
        }
    }
    const double rate = 100.0 * passed / double(cases.size());
    qInfo("regression conformance: %d of %d rules pass (%.1f%%)", passed, int(cases.size()), rate);
    for (const QString& f : failures) {
        qInfo("  FAIL %s", qPrintable(f));
    }

    // Throughput: every regression event against every regression rule, repeated.
    QElapsedTimer timer;
    timer.start();
    std::vector<const sigma::Rule*> hits;
    qint64 evaluated = 0;
    int rounds = 0;
    while (timer.elapsed() < 500) {
        for (const Event& e : allEvents) {
            hits.clear();
            all.match(e, hits);
        }
        evaluated += qint64(allEvents.size());
        ++rounds;
    }
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    qInfo("throughput: %lld events x %d rules in %.2f s = %.0f events/s", evaluated,
          int(all.rules().size()), seconds, double(evaluated) / seconds);
    // Every case passes with its sample read from the .evtx (162 of 162 at the time of writing).
    QVERIFY2(passed == int(cases.size()), qPrintable(u"pass rate %1%"_s.arg(rate)));
}

void TestSigmaConformance::fullRuleTree() const
{
    const QString root = corpus() + u"/sigma-rules/rules"_s;
    if (!QDir(root).exists()) {
        QSKIP(qPrintable(u"no SigmaHQ rule tree at "_s + root));
    }
    QElapsedTimer timer;
    timer.start();
    sigma::RuleSet set;
    set.addPath(root);
    const qint64 ms = timer.elapsed();
    const int failed = int(set.issues().size());
    qInfo("SigmaHQ rules/: %d documents, %d loaded, %d not loaded, in %lld ms", set.documentCount(),
          int(set.rules().size()), failed, ms);
    QMap<QString, QStringList> byReason;
    for (const sigma::LoadIssue& issue : set.issues()) {
        QString reason = issue.message;
        reason.replace(QRegularExpression(u"'[^']*'"_s), u"'…'"_s);
        byReason[(issue.unsupported ? u"[unsupported] "_s : QString()) + reason]
            << issue.toString();
    }
    for (auto it = byReason.cbegin(); it != byReason.cend(); ++it) {
        qInfo("  %4lld x %s", qlonglong(it.value().size()), qPrintable(it.key()));
        for (const QString& example : it.value().mid(0, 3)) {
            qInfo("         e.g. %s", qPrintable(example));
        }
    }
    QMap<QString, int> warnings;
    for (const auto& rule : set.rules()) {
        for (const QString& w : rule->warnings()) {
            ++warnings[w];
        }
    }
    qInfo("rule warnings (distinct: %d):", int(warnings.size()));
    for (auto it = warnings.cbegin(); it != warnings.cend(); ++it) {
        qInfo("  %4d x %s", it.value(), qPrintable(it.key()));
    }
    // Throughput of the whole tree over the regression samples (real Sysmon/Security events).
    std::vector<Event> events;
    const std::vector<Case> cases = readIndex(corpus() + u"/sigma-regression"_s);
    for (const Case& c : cases) {
        QString error;
        const std::vector<Event> some = readSample(c.samplePath, &error);
        events.insert(events.end(), some.begin(), some.end());
    }
    if (!events.empty()) {
        // The indexed RuleSet path must agree with evaluating each rule on its own.
        int disagreements = 0;
        QStringList examples;
        std::vector<const sigma::Rule*> setHits;
        for (const Event& e : events) {
            setHits.clear();
            set.match(e, setHits);
            for (const auto& rule : set.rules()) {
                const bool alone = rule->matches(e);
                const bool inSet =
                    std::find(setHits.begin(), setHits.end(), rule.get()) != setHits.end();
                if (alone != inSet && ++disagreements <= 5) {
                    examples << rule->path();
                }
            }
        }
        QVERIFY2(disagreements == 0, qPrintable(examples.join(u", "_s)));

        std::vector<const sigma::Rule*> hits;
        qint64 evaluated = 0;
        qint64 hitCount = 0;
        timer.restart();
        while (timer.elapsed() < 1000) {
            for (const Event& e : events) {
                hits.clear();
                set.match(e, hits);
                hitCount += qint64(hits.size());
            }
            evaluated += qint64(events.size());
        }
        const double seconds = double(timer.nsecsElapsed()) / 1e9;
        qInfo("throughput: %lld events x %d rules in %.2f s = %.0f events/s (%.1f hits/event)",
              evaluated, int(set.rules().size()), seconds, double(evaluated) / seconds,
              double(hitCount) / double(evaluated));
    }
    QCOMPARE_EQ(set.documentCount(), int(set.rules().size()) + failed);
    // Nearly every active SigmaHQ rule is plain detection logic we support.
    QCOMPARE_GE(double(set.rules().size()), 0.98 * set.documentCount());
}

QTEST_APPLESS_MAIN(TestSigmaConformance)
#include "tst_sigma_conformance.moc"
