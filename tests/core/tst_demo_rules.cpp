#include <QDir>
#include <QFile>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include "demo/demo_generator.h"
#include "ingest/parser.h"
#include "model/event.h"
#include "sigma/rule.h"
#include "sigma/rule_set.h"
#include "util/timestamp.h"

using namespace vigil;
using namespace Qt::StringLiterals;

namespace {

const QString kRulesDir = QStringLiteral(VIGIL_SOURCE_DIR "/resources/rules");

QStringList ruleFiles(const QString& dir)
{
    return QDir(dir).entryList({u"*.yml"_s}, QDir::Files, QDir::Name);
}

/** Rule id -> number of events it matched. */
using HitCounts = QHash<QString, int>;

} // namespace

class TestDemoRules : public QObject {
    Q_OBJECT
private slots:
    void rulesLoadWithoutIssue() const;
    void rulesAreWellFormed() const;
    void resourceHoldsEveryRule() const;
    void storyIsDetected_data() const;
    void storyIsDetected() const;
    void sshdRulesFireOnRealOpenSshLog() const;
};

void TestDemoRules::rulesLoadWithoutIssue() const
{
    sigma::RuleSet set;
    set.addPath(kRulesDir);
    QStringList issues;
    for (const sigma::LoadIssue& issue : set.issues()) {
        issues << issue.toString();
    }
    QVERIFY2(issues.isEmpty(), qPrintable(issues.join(u'\n')));
    QCOMPARE(set.documentCount(), 16);
    QCOMPARE(int(set.rules().size()), 16);
    for (const auto& rule : set.rules()) {
        QVERIFY2(rule->warnings().isEmpty(),
                 qPrintable(rule->meta().title + u": "_s + rule->warnings().join(u"; ")));
    }
}

void TestDemoRules::rulesAreWellFormed() const
{
    sigma::RuleSet set;
    set.addPath(kRulesDir);
    static const QRegularExpression uuid4(
        u"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"_s);
    static const QRegularExpression snakeCase(u"^[a-z0-9]+(_[a-z0-9]+)*\\.yml$"_s);
    static const QRegularExpression technique(u"^attack\\.t\\d{4}(\\.\\d{3})?$"_s);
    QSet<QString> ids;
    QSet<sigma::Level> levels;
    for (const auto& rule : set.rules()) {
        const sigma::RuleMeta& m = rule->meta();
        const QString file = QFileInfo(rule->path()).fileName();
        QVERIFY2(snakeCase.match(file).hasMatch(), qPrintable(file));
        QVERIFY2(uuid4.match(m.id).hasMatch(), qPrintable(file + u": "_s + m.id));
        QVERIFY2(!ids.contains(m.id), qPrintable(file));
        ids.insert(m.id);
        QCOMPARE(m.status, u"experimental"_s);
        QCOMPARE(m.author, u"Vigil team"_s);
        QCOMPARE(m.date, u"2026-12-03"_s);
        QVERIFY2(!m.title.isEmpty() && !m.description.isEmpty(), qPrintable(file));
        QVERIFY2(!m.falsePositives.isEmpty(), qPrintable(file));
        QVERIFY2(!m.references.isEmpty(), qPrintable(file));
        QVERIFY2(!m.product.isEmpty(), qPrintable(file));
        bool hasTechnique = false;
        for (const QString& tag : m.tags) {
            QVERIFY2(tag.startsWith(u"attack."), qPrintable(file + u": "_s + tag));
            hasTechnique = hasTechnique || technique.match(tag).hasMatch();
        }
        QVERIFY2(hasTechnique, qPrintable(file));
        levels.insert(m.level);
    }
    QCOMPARE(levels, (QSet<sigma::Level>{sigma::Level::Low, sigma::Level::Medium,
                                         sigma::Level::High, sigma::Level::Critical}));
}

// sources.cmake lists the rule files one by one; a rule added to the folder must be listed too.
void TestDemoRules::resourceHoldsEveryRule() const
{
    QCOMPARE(ruleFiles(u":/rules"_s), ruleFiles(kRulesDir));
    sigma::RuleSet set;
    set.addPath(u":/rules"_s);
    QVERIFY(set.issues().empty());
    QCOMPARE(int(set.rules().size()), 16);
}

void TestDemoRules::storyIsDetected_data() const
{
    QTest::addColumn<quint64>("seed");
    QTest::addColumn<qint64>("endNs");
    QTest::addColumn<int>("benignHits");
    // The one benign hit is deliberate: an administrator's `sudo bash` on bastion-01.
    QTest::addRow("seed 1") << quint64(1) << civilToNs(2026, 12, 3, 17, 0, 0, 0) << 1;
    QTest::addRow("seed 42") << quint64(42) << civilToNs(2026, 6, 15, 3, 30, 12, 0) << 1;
    QTest::addRow("seed 7, new year") << quint64(7) << civilToNs(2027, 1, 1, 0, 20, 0, 0) << 1;
}

void TestDemoRules::storyIsDetected() const
{
    QFETCH(quint64, seed);
    QFETCH(qint64, endNs);
    QFETCH(int, benignHits);
    sigma::RuleSet set;
    set.addPath(kRulesDir);
    QCOMPARE(int(set.rules().size()), 16);

    QHash<QString, int> stepHits;
    HitCounts storyHitsPerRule;
    QStringList benign;
    int maliciousHit = 0;
    int malicious = 0;
    std::vector<const sigma::Rule*> hits;
    for (const GeneratedEvent& g : generateDemo(seed, endNs)) {
        hits.clear();
        set.match(g.event, hits);
        if (g.malicious) {
            ++malicious;
            maliciousHit += hits.empty() ? 0 : 1;
            stepHits[g.storyStep] += hits.empty() ? 0 : 1;
            for (const sigma::Rule* rule : hits) {
                ++storyHitsPerRule[rule->meta().title];
            }
        } else if (!hits.empty()) {
            benign << hits.front()->meta().title + u" <- "_s + g.event.raw;
        }
    }
    for (const QString& step : demoStorySteps()) {
        QVERIFY2(stepHits.value(step) > 0, qPrintable(u"no rule detects step "_s + step));
    }
    // Every starter rule shows something in the demo.
    for (const auto& rule : set.rules()) {
        QVERIFY2(storyHitsPerRule.value(rule->meta().title) > 0,
                 qPrintable(u"rule never fires on the story: "_s + rule->meta().title));
    }
    QVERIFY2(benign.size() == benignHits, qPrintable(benign.join(u'\n')));
    QVERIFY(benign.front().startsWith(u"Interactive Root Shell Through sudo <- "));
    qInfo("%d of %d story events hit, %d benign hits", maliciousHit, malicious, int(benign.size()));
}

void TestDemoRules::sshdRulesFireOnRealOpenSshLog() const
{
    const QString path = QStringLiteral(VIGIL_SHARED_CORPUS "/logs/linux-auth/OpenSSH_2k.log");
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        QSKIP(qPrintable(u"shared corpus not available: "_s + path));
    }
    sigma::RuleSet set;
    set.addPath(kRulesDir);
    const std::unique_ptr<LineParser> parser = makeParser(u"syslog");
    ParseContext ctx;
    ctx.receivedNs = civilToNs(2026, 1, 5, 0, 0, 0, 0);
    ctx.source = path;
    HitCounts counts;
    int lines = 0;
    std::vector<const sigma::Rule*> hits;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine();
        if (line.trimmed().isEmpty()) {
            continue;
        }
        Event e;
        e.source = path;
        e.sourcePos = ++lines;
        e.raw = QString::fromUtf8(line).trimmed();
        QVERIFY(parser->parse(line, ctx, e).ok);
        hits.clear();
        set.match(e, hits);
        for (const sigma::Rule* rule : hits) {
            ++counts[QFileInfo(rule->path()).fileName()];
        }
    }
    QCOMPARE(lines, 2000);
    // Lines with "Failed password for", "Invalid user " or "POSSIBLE BREAK-IN ATTEMPT" (any case),
    // counted with grep -ciE on the file; and the one "Accepted password" from a public address.
    QCOMPARE(counts.value(u"lnx_sshd_auth_failures.yml"_s), 835);
    QCOMPARE(counts.value(u"lnx_sshd_accepted_from_external.yml"_s), 1);
    QCOMPARE(counts.size(), 2);
}

QTEST_APPLESS_MAIN(TestDemoRules)
#include "tst_demo_rules.moc"
