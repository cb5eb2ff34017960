#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "response/playbook_library.h"

using namespace vigil;
using namespace Qt::StringLiterals;

namespace {

const QString kGood = uR"(id: good-one
title: A good playbook
match:
  tags: [attack.t1110]
tasks:
  containment:
    - title: Block it
      description: Block the source.
)"_s;

bool writeFile(const QString& path, const QString& text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text.toUtf8()) >= 0;
}

} // namespace

/** Playbook files: the shipped ones, broken ones (with the line), matching and replacing. */
class TestPlaybooks : public QObject {
    Q_OBJECT
private slots:
    void shippedPlaybooksLoad();
    void everyShippedFileIsBuiltIn();
    void brokenPlaybookNamesLine_data();
    void brokenPlaybookNamesLine();
    void brokenFileDoesNotStopOthers();
    void userFolderReplacesShippedPlaybook();
    void missingFolderIsReported();
    void matching_data();
    void matching();
};

void TestPlaybooks::shippedPlaybooksLoad()
{
    PlaybookLibrary lib;
    lib.addFolder(PlaybookLibrary::builtInFolder());
    for (const Error& e : lib.issues()) {
        qWarning("%s", qUtf8Printable(e.toString()));
    }
    QVERIFY(lib.issues().empty());
    QStringList ids;
    for (const Playbook& p : lib.playbooks()) {
        ids << p.id;
        QVERIFY2(!p.title.isEmpty() && !p.description.isEmpty(), qPrintable(p.id));
        QVERIFY2(!p.tags.isEmpty() || !p.categories.isEmpty(), qPrintable(p.id + u": no match"_s));
        for (TaskPhase phase : allTaskPhases()) {
            QVERIFY2(p.taskCount(phase) >= 2, qPrintable(p.id + u' ' + codeOf(phase)));
        }
        for (const PlaybookTask& t : p.tasks) {
            QVERIFY2(t.description.size() > 40, qPrintable(p.id + u": " + t.title));
        }
    }
    ids.sort();
    QCOMPARE(ids, (QStringList{u"brute-force"_s, u"data-exfiltration"_s, u"malware"_s,
                               u"phishing"_s, u"unauthorised-access"_s, u"web-attack"_s}));
}

void TestPlaybooks::everyShippedFileIsBuiltIn()
{
    const QDir source(QStringLiteral(VIGIL_SOURCE_DIR) + u"/resources/playbooks"_s);
    const QStringList files = source.entryList({u"*.yml"_s, u"*.yaml"_s}, QDir::Files, QDir::Name);
    const QStringList built = QDir(PlaybookLibrary::builtInFolder()).entryList(QDir::Files, QDir::Name);
    QCOMPARE(built, files);
}

void TestPlaybooks::brokenPlaybookNamesLine_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("reason");
    QTest::addRow("YAML syntax: unclosed flow list")
        << u"id: x\ntitle: X\nmatch:\n  tags: [attack.t1110\ntasks:\n"_s << 5 << u"end of sequence flow not found"_s;
    QTest::addRow("unknown phase")
        << u"id: x\ntitle: X\ntasks:\n  containment:\n    - title: a\n  detection:\n    - title: b\n"_s
        << 6 << u"unknown phase \"detection\""_s;
    QTest::addRow("task without title")
        << u"id: x\ntitle: X\ntasks:\n  recovery:\n    - description: only words\n"_s << 5
        << u"a task has no title"_s;
    QTest::addRow("unknown top-level key")
        << u"id: x\ntitle: X\nsteps: []\ntasks:\n  recovery:\n    - title: a\n"_s << 3
        << u"unknown key \"steps\""_s;
    QTest::addRow("bad id") << u"id: Brute Force\ntitle: X\n"_s << 1 << u"lower-case letters"_s;
    QTest::addRow("no tasks") << u"id: x\ntitle: X\n"_s << 1 << u"has no tasks"_s;
    QTest::addRow("tasks not a list")
        << u"id: x\ntitle: X\ntasks:\n  eradication: reimage\n"_s << 4 << u"must be a list"_s;
    QTest::addRow("unknown match key")
        << u"id: x\ntitle: X\nmatch:\n  level: high\ntasks:\n  recovery:\n    - title: a\n"_s << 4
        << u"unknown match key \"level\""_s;
    QTest::addRow("two documents")
        << u"id: x\ntitle: X\ntasks:\n  recovery:\n    - title: a\n---\nid: y\n"_s << 7
        << u"one playbook per file"_s;
}

void TestPlaybooks::brokenPlaybookNamesLine()
{
    QFETCH(QString, text);
    QFETCH(int, line);
    QFETCH(QString, reason);
    auto parsed = PlaybookLibrary::parse(text, u"broken.yml"_s);
    QVERIFY(!parsed.has_value());
    QCOMPARE(parsed.error().file, u"broken.yml"_s);
    QCOMPARE(parsed.error().line, line);
    QVERIFY2(parsed.error().message.contains(reason), qPrintable(parsed.error().message));
    QVERIFY(parsed.error().toString().startsWith(u"broken.yml:%1:"_s.arg(line)));
}

void TestPlaybooks::brokenFileDoesNotStopOthers()
{
    QTemporaryDir dir;
    QVERIFY(writeFile(dir.filePath(u"a_broken.yml"_s),
                      u"id: broken\ntitle: Broken\ntasks:\n  containment:\n    - title: [oops\n"_s));
    QVERIFY(writeFile(dir.filePath(u"b_good.yml"_s), kGood));
    QVERIFY(writeFile(dir.filePath(u"notes.txt"_s), u"not a playbook"_s));
    PlaybookLibrary lib;
    lib.addFolder(dir.path());
    QCOMPARE(lib.playbooks().size(), size_t(1));
    QCOMPARE(lib.playbooks().front().id, u"good-one"_s);
    QCOMPARE(lib.issues().size(), size_t(1));
    QCOMPARE(lib.issues().front().file, dir.filePath(u"a_broken.yml"_s));
    QCOMPARE(lib.issues().front().line, 6); // the flow sequence runs to the end of the file
}

void TestPlaybooks::userFolderReplacesShippedPlaybook()
{
    QTemporaryDir dir;
    QString own = kGood;
    own.replace(u"id: good-one"_s, u"id: brute-force"_s).replace(u"A good playbook"_s, u"Ours"_s);
    QVERIFY(writeFile(dir.filePath(u"brute.yml"_s), own));
    QVERIFY(writeFile(dir.filePath(u"brute_copy.yml"_s), own));
    const PlaybookLibrary lib = PlaybookLibrary::loadStandard({dir.path()});
    QCOMPARE(lib.playbooks().size(), size_t(6));
    QCOMPARE(lib.find(u"brute-force"_s)->title, u"Ours"_s);
    QCOMPARE(lib.notes().size(), 1);
    // The same id twice in one folder is a mistake, not a replacement.
    QCOMPARE(lib.issues().size(), size_t(1));
    QVERIFY(lib.issues().front().message.contains(u"already used"_s));
}

void TestPlaybooks::missingFolderIsReported()
{
    PlaybookLibrary lib;
    lib.addFolder(u"/nonexistent/playbooks"_s);
    QCOMPARE(lib.issues().size(), size_t(1));
    QCOMPARE(lib.issues().front().file, u"/nonexistent/playbooks"_s);
}

void TestPlaybooks::matching_data()
{
    QTest::addColumn<QString>("ruleYaml");
    QTest::addColumn<QString>("playbook");
    QTest::addColumn<QString>("reason");
    const QString sshd = u"title: t\ntags: [attack.credential-access, attack.T1110.001]\n"
                         u"logsource: {product: linux, service: sshd}\n"_s;
    QTest::addRow("sub-technique fits technique") << sshd << u"brute-force"_s
                                                  << u"tag attack.t1110.001"_s;
    QTest::addRow("tactic alone is not brute force")
        << u"tags: [attack.credential-access]\n"_s << u"brute-force"_s << QString();
    QTest::addRow("prefix of another technique does not fit")
        << u"tags: [attack.t11100]\n"_s << u"brute-force"_s << QString();
    QTest::addRow("webserver category")
        << u"logsource: {category: webserver}\ndetection: {}\n"_s << u"web-attack"_s
        << u"log source category webserver"_s;
    QTest::addRow("tactic tag") << u"tags: [attack.exfiltration]\n"_s << u"data-exfiltration"_s
                                << u"tag attack.exfiltration"_s;
    QTest::addRow("unreadable rule fits nothing") << u"tags: [attack.t1110"_s << u"brute-force"_s
                                                  << QString();
}

void TestPlaybooks::matching()
{
    QFETCH(QString, ruleYaml);
    QFETCH(QString, playbook);
    QFETCH(QString, reason);
    const PlaybookLibrary lib = PlaybookLibrary::loadStandard();
    const Playbook* p = lib.find(playbook);
    QVERIFY(p);
    QCOMPARE(p->matchReason(ruleFactsOf(ruleYaml)), reason);
}

QTEST_APPLESS_MAIN(TestPlaybooks)
#include "tst_playbooks.moc"
