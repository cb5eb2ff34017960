#include <sys/stat.h>

#include <QDir>
#include <QFile>
#include <QTest>

#include "investigation/evidence.h"
#include "storage/journal.h"
#include "util/json.h"

#include "investigation_fixture.h"

using namespace vigil;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kMail = "From: it-support@bad-updates.example\nSubject: invoice\n\n"
                         "open the attachment\n";
// sha256sum of kMail, of kMail + "X", and of 5 MiB + 123 bytes of (i * 7 + 3) mod 256.
const QString kMailSha = u"a4d8026c4c5923ba271906b1915e91bddb6a7fd8c2089f4673b7f14fd2d9f4b5"_s;
const QString kTamperedSha = u"fac90233c01a2529508a54ec93eb7cff0c092610e221e802803645971db02427"_s;
const QString kBigSha = u"d6f33c6f2fae1d8dfbefcefc1100c20d2845113d050bc0f2bec036e251138752"_s;
constexpr qint64 kBigSize = 5 * 1024 * 1024 + 123;

bool writeFile(const QString& path, const QByteArray& data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QStringList stagingLeftovers(const QString& dbPath)
{
    return QDir(EvidenceRegister::folderFor(dbPath) + u"/.staging"_s)
        .entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
}

} // namespace

class TestEvidence : public QObject {
    Q_OBJECT
private slots:
    void init();
    void attachCopiesAndHashes();
    void largeFileIsStreamed();
    void verifies_data();
    void verifies();
    void refusesWhatIsNotAFile_data();
    void refusesWhatIsNotAFile();
    void stoppedOrRefusedAttachLeavesNothing();
    void hostileNameIsKeptButNotUsedAsPath();

private:
    test::CaseStore m_case;
    QString source(const QString& name) const { return m_case.dir->filePath(name); }
};

void TestEvidence::init()
{
    m_case = test::makeCaseStore();
    QVERIFY2(m_case.error.isEmpty(), qPrintable(m_case.error));
}

void TestEvidence::attachCopiesAndHashes()
{
    QVERIFY(writeFile(source(u"phish.eml"_s), kMail));
    const qint64 before = nowNs();
    auto r = EvidenceRegister::attach(m_case.db, m_case.incidentId, source(u"phish.eml"_s), u"analyst1"_s);
    QVERIFY2(r.has_value(), qPrintable(r ? QString() : r.error().toString()));
    QCOMPARE(r->name, u"phish.eml"_s);
    QCOMPARE(r->size, kMail.size());
    QCOMPARE(r->sha256, kMailSha);
    QCOMPARE(r->addedBy, u"analyst1"_s);
    QVERIFY(r->addedNs >= before && r->addedNs <= nowNs());
    QCOMPARE(r->storedName, u"incident-%1/1-phish.eml"_s.arg(m_case.incidentId));

    // The copy sits in the store's evidence folder, byte for byte; the original is untouched.
    const QString copy = EvidenceRegister::pathOf(m_case.path(), *r);
    QCOMPARE(copy, m_case.path() + u"-evidence/incident-%1/1-phish.eml"_s.arg(m_case.incidentId));
    QCOMPARE(readFile(copy), kMail);
    QCOMPARE(readFile(source(u"phish.eml"_s)), kMail);
    QVERIFY(stagingLeftovers(m_case.path()).isEmpty());

    auto listed = EvidenceRegister::forIncident(m_case.db, m_case.incidentId);
    QCOMPARE(listed->size(), 1u);
    QCOMPARE(listed->front().sha256, kMailSha);

    auto entries = Journal::forObject(m_case.db, u"incident"_s, m_case.incidentId);
    const JournalEntry& e = entries->back();
    QCOMPARE(e.action, u"evidence_added"_s);
    QCOMPARE(e.actor, u"analyst1"_s);
    Fields d;
    QVERIFY(parseJsonObjectFlat(e.details, d, nullptr));
    QCOMPARE(d.text(u"sha256"), kMailSha);
    QCOMPARE(d.text(u"name"), u"phish.eml"_s);
    QCOMPARE(d.find(u"size")->toInt(), kMail.size());
    QVERIFY(Journal::verify(m_case.db)->ok());
}

void TestEvidence::largeFileIsStreamed()
{
    QByteArray big(kBigSize, Qt::Uninitialized);
    for (qint64 i = 0; i < kBigSize; ++i) {
        big[i] = char((i * 7 + 3) % 256);
    }
    QVERIFY(writeFile(source(u"memory.dmp"_s), big));
    std::vector<qint64> progress;
    auto staged = EvidenceRegister::stage(m_case.path(), source(u"memory.dmp"_s), nullptr,
                                          [&](qint64 done, qint64 total) {
                                              QCOMPARE(total, kBigSize);
                                              progress.push_back(done);
                                          });
    QVERIFY(staged.has_value());
    QCOMPARE(staged->sha256, kBigSha);
    QCOMPARE(staged->size, kBigSize);
    QCOMPARE(progress.size(), 6u); // five full 1 MiB blocks and the rest
    QCOMPARE(progress.back(), kBigSize);
    auto r = EvidenceRegister::commit(m_case.db, m_case.incidentId, *staged, u"a"_s);
    QVERIFY(r.has_value());
    auto checks = EvidenceRegister::verify(m_case.db, m_case.incidentId);
    QCOMPARE(checks->size(), 1u);
    QVERIFY2(checks->front().ok(), qPrintable(checks->front().message));
    QCOMPARE(checks->front().actualSha256, kBigSha);
}

void TestEvidence::verifies_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addColumn<int>("state");
    QTest::addColumn<QStringList>("messageHolds");
    QTest::addRow("untouched") << u"none"_s << int(EvidenceState::Verified)
                               << QStringList{u"SHA-256 verified"_s};
    QTest::addRow("copy changed") << u"append"_s << int(EvidenceState::Mismatch)
                                  << QStringList{u"ALTERED after it was attached"_s, kTamperedSha,
                                                 kMailSha, u"1-phish.eml"_s, u"analyst1"_s};
    QTest::addRow("copy deleted") << u"delete"_s << int(EvidenceState::Missing)
                                  << QStringList{u"MISSING"_s, u"1-phish.eml"_s, kMailSha};
    QTest::addRow("register hash rewritten to match a changed copy")
        << u"register"_s << int(EvidenceState::RegisterAltered)
        << QStringList{u"register was edited outside Vigil"_s, kTamperedSha, kMailSha};
    QTest::addRow("register row inserted without a journal entry")
        << u"insert"_s << int(EvidenceState::RegisterAltered)
        << QStringList{u"no journal entry"_s};
}

void TestEvidence::verifies()
{
    QFETCH(QString, damage);
    QFETCH(int, state);
    QFETCH(QStringList, messageHolds);
    QVERIFY(writeFile(source(u"phish.eml"_s), kMail));
    auto r = EvidenceRegister::attach(m_case.db, m_case.incidentId, source(u"phish.eml"_s), u"analyst1"_s);
    QVERIFY(r.has_value());
    const QString copy = EvidenceRegister::pathOf(m_case.path(), *r);
    if (damage == u"append" || damage == u"register") {
        QFile::setPermissions(copy, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        QVERIFY(writeFile(copy, kMail + "X"));
    }
    if (damage == u"delete") {
        QFile::setPermissions(copy, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        QVERIFY(QFile::remove(copy));
    }
    if (damage == u"register") {
        QVERIFY(m_case.db.exec(u"UPDATE evidence SET sha256 = '%1', size = %2"_s.arg(kTamperedSha).arg(kMail.size() + 1)).has_value());
    }
    if (damage == u"insert") {
        QVERIFY(m_case.db.exec(u"DELETE FROM evidence").has_value());
        QVERIFY(m_case.db.exec(u"INSERT INTO evidence (id, incident_id, name, stored_name, size, "
                               u"sha256, added_by, added_ns, source_path) VALUES (7, %1, 'x', "
                               u"'incident-%1/1-phish.eml', %2, '%3', 'm', 1, '/x')"_s
                                   .arg(m_case.incidentId)
                                   .arg(kMail.size())
                                   .arg(kMailSha))
                    .has_value());
    }
    auto checks = EvidenceRegister::verify(m_case.db, m_case.incidentId);
    QVERIFY(checks.has_value());
    QCOMPARE(checks->size(), 1u);
    const EvidenceCheck& c = checks->front();
    QCOMPARE(int(c.state), state);
    for (const QString& part : messageHolds) {
        QVERIFY2(c.message.contains(part), qPrintable(c.message + u" lacks "_s + part));
    }
}

void TestEvidence::refusesWhatIsNotAFile_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addRow("folder") << u"folder"_s;
    QTest::addRow("fifo") << u"fifo"_s; // reading one would block forever
    QTest::addRow("missing") << u"missing"_s;
}

void TestEvidence::refusesWhatIsNotAFile()
{
    QFETCH(QString, kind);
    const QString path = source(u"thing"_s);
    if (kind == u"folder") {
        QVERIFY(QDir().mkpath(path));
    } else if (kind == u"fifo") {
        QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);
    }
    auto r = EvidenceRegister::attach(m_case.db, m_case.incidentId, path, u"a"_s);
    QVERIFY(!r.has_value());
    QCOMPARE(r.error().code, ErrorCode::Io);
    QCOMPARE(r.error().file, path);
    QCOMPARE(EvidenceRegister::forIncident(m_case.db, m_case.incidentId)->size(), 0u);
    QVERIFY(stagingLeftovers(m_case.path()).isEmpty());
}

void TestEvidence::stoppedOrRefusedAttachLeavesNothing()
{
    QVERIFY(writeFile(source(u"a.txt"_s), kMail));
    std::atomic<bool> cancel{true};
    auto stopped = EvidenceRegister::stage(m_case.path(), source(u"a.txt"_s), &cancel);
    QVERIFY(!stopped.has_value());
    QVERIFY(stagingLeftovers(m_case.path()).isEmpty());

    auto staged = EvidenceRegister::stage(m_case.path(), source(u"a.txt"_s));
    QVERIFY(staged.has_value());
    QCOMPARE(stagingLeftovers(m_case.path()).size(), 1);
    auto refused = EvidenceRegister::commit(m_case.db, 999, *staged, u"a"_s);
    QCOMPARE(refused.error().code, ErrorCode::NotFound);
    QVERIFY(stagingLeftovers(m_case.path()).isEmpty());
    QCOMPARE(EvidenceRegister::forIncident(m_case.db, 999)->size(), 0u);
}

void TestEvidence::hostileNameIsKeptButNotUsedAsPath()
{
    const QString name = u"..\"><img src=x onerror=alert(1)> ünïcode.eml"_s;
    QVERIFY(writeFile(source(name), kMail));
    auto r = EvidenceRegister::attach(m_case.db, m_case.incidentId, source(name), u"a"_s);
    QVERIFY(r.has_value());
    QCOMPARE(r->name, name);
    QCOMPARE(r->storedName, u"incident-%1/1-___img_src_x_onerror_alert_1____n_code.eml"_s.arg(m_case.incidentId));
    QVERIFY(EvidenceRegister::verify(m_case.db, m_case.incidentId)->front().ok());
}

QTEST_GUILESS_MAIN(TestEvidence)
#include "tst_evidence.moc"
