#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "ingest/live/file_follower.h"
#include "ingest/live/live_session.h"
#include "tst_live_support.h"

using namespace vigil;
using namespace livetest;
using namespace Qt::StringLiterals;

namespace {

bool writeFile(const QString& path, const QByteArray& bytes, QIODevice::OpenMode mode)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | mode) && f.write(bytes) == bytes.size();
}

// "line@number" for each line; "!" marks a line kept with a problem.
QString describe(const std::vector<Frame>& frames)
{
    QStringList out;
    for (const Frame& f : frames) {
        out << QString::fromUtf8(f.bytes) + u'@' + QString::number(f.line)
                   + (f.problem.isEmpty() ? QString() : u"!"_s);
    }
    return out.join(u'|');
}

} // namespace

/** Following a file as it grows, is rotated and truncated, with partial last lines held. */
class TestFileFollow : public QObject {
    Q_OBJECT
private slots:
    void init();
    void follows_data();
    void follows();
    void budgetSplitsLargeAppends();
    void sessionStoresEveryLineAcrossRotationAndTruncation();

private:
    QString path() const { return m_dir->filePath(u"app.log"_s); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestFileFollow::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestFileFollow::follows_data()
{
    // Steps: "append TEXT", "rewrite TEXT" (same file, truncated first), "rotate" (renamed
    // away), "create TEXT" (a new file at the path), "remove", "poll EXPECTED",
    // "finish EXPECTED"; EXPECTED lists line@number, '|'-separated.
    QTest::addColumn<QStringList>("steps");
    QTest::addColumn<int>("rotations");
    QTest::addColumn<int>("truncations");

    QTest::addRow("grows, partial last line held until complete")
        << QStringList{u"append one\ntwo\nthr"_s, u"poll one@1|two@2"_s, u"append ee"_s,
                       u"poll "_s, u"append \nfour\n"_s, u"poll three@3|four@4"_s}
        << 0 << 0;
    QTest::addRow("crlf line ends and blank lines")
        << QStringList{u"append a\r\n\r\nb\r\n"_s, u"poll a@1|b@3"_s} << 0 << 0;
    QTest::addRow("rotation: the old file is finished, then the new one read from its start")
        << QStringList{u"append 1\n2\n"_s, u"poll 1@1|2@2"_s, u"append 3\nlast-partial"_s,
                       u"rotate"_s, u"create n1\nn2\n"_s, u"poll 3@3|last-partial@4|n1@1|n2@2"_s}
        << 1 << 0;
    QTest::addRow("rotation with a gap before the new file appears")
        << QStringList{u"append a\n"_s, u"poll a@1"_s, u"append b\n"_s, u"remove"_s,
                       u"poll b@2"_s, u"poll "_s, u"create c\n"_s, u"poll c@1"_s}
        << 1 << 0;
    QTest::addRow("truncation: start again at offset 0")
        << QStringList{u"append x1\nx2\n"_s, u"poll x1@1|x2@2"_s, u"rewrite y\n"_s,
                       u"poll y@1"_s}
        << 0 << 1;
    QTest::addRow("truncation gives out the held partial line first")
        << QStringList{u"append x1\nhalf"_s, u"poll x1@1"_s, u"rewrite z\n"_s,
                       u"poll half@2|z@1"_s}
        << 0 << 1;
    QTest::addRow("copytruncate grown back past the offset is noticed by its first bytes")
        << QStringList{u"append aaaa\n"_s, u"poll aaaa@1"_s, u"rewrite bbbbbbbbbb\ncc\n"_s,
                       u"poll bbbbbbbbbb@1|cc@2"_s}
        << 0 << 1;
    QTest::addRow("a line longer than the maximum is cut and flagged")
        << QStringList{u"append 0123456789abcdefXYZ\nok\n"_s,
                       u"poll 0123456789abcdef@1!|ok@2"_s}
        << 0 << 0;
    QTest::addRow("finish gives out the partial last line")
        << QStringList{u"append a\nb"_s, u"poll a@1"_s, u"finish b@2"_s} << 0 << 0;
}

void TestFileFollow::follows()
{
    QFETCH(QStringList, steps);
    QFETCH(int, rotations);
    QFETCH(int, truncations);
    QVERIFY(writeFile(path(), {}, QIODevice::Truncate));
    FileFollower follower(path(), 16);
    for (const QString& step : std::as_const(steps)) {
        const QString op = step.section(u' ', 0, 0);
        const QString arg = step.section(u' ', 1);
        if (op == u"append") {
            QVERIFY(writeFile(path(), arg.toUtf8(), QIODevice::Append));
        } else if (op == u"rewrite") {
            QVERIFY(writeFile(path(), arg.toUtf8(), QIODevice::ReadWrite | QIODevice::Truncate));
        } else if (op == u"create") {
            QVERIFY(writeFile(path(), arg.toUtf8(), QIODevice::NewOnly));
        } else if (op == u"rotate") {
            QVERIFY(QFile::rename(path(), path() + u".1"_s));
        } else if (op == u"remove") {
            QVERIFY(QFile::remove(path()));
        } else {
            std::vector<Frame> frames;
            if (op == u"poll") {
                follower.poll(frames, 1 << 20);
            } else {
                follower.finish(frames, 1 << 20);
            }
            QCOMPARE(describe(frames), arg);
        }
    }
    QCOMPARE(follower.rotations(), rotations);
    QCOMPARE(follower.truncations(), truncations);
}

void TestFileFollow::budgetSplitsLargeAppends()
{
    QByteArray content;
    for (int i = 1; i <= 1000; ++i) {
        content += "line " + QByteArray::number(i) + '\n';
    }
    QVERIFY(writeFile(path(), content, QIODevice::Truncate));
    FileFollower follower(path(), 1024);
    std::vector<Frame> frames;
    int polls = 0;
    while (follower.poll(frames, 1000)) {
        ++polls;
    }
    QCOMPARE(frames.size(), std::size_t(1000));
    QVERIFY(polls >= 8); // 8,893 bytes at most 1,000 per poll
    QCOMPARE(frames.back().bytes, QByteArray("line 1000"));
    QCOMPARE(frames.back().line, 1000);
    QCOMPARE(follower.position(), content.size());

    FileFollower fromEnd(path(), 1024, FileFollower::Start::End);
    std::vector<Frame> none;
    fromEnd.poll(none, 1 << 20);
    QVERIFY(none.empty());
    QVERIFY(writeFile(path(), "appended\n", QIODevice::Append));
    fromEnd.poll(none, 1 << 20);
    QCOMPARE(describe(none), u"appended@1"_s);
}

void TestFileFollow::sessionStoresEveryLineAcrossRotationAndTruncation()
{
    const QString dbPath = m_dir->filePath(u"follow.sqlite"_s);
    QVERIFY(writeFile(path(), "Jan  5 10:00:01 host1 app: first\n", QIODevice::Truncate));
    LiveSession session(dbPath);
    QVERIFY(session.start().has_value());
    const auto file = session.follow(path());
    QVERIFY2(file.has_value(), qPrintable(problem(file)));
    const auto stored = [&] { return session.status().counters.totals.stored; };
    QVERIFY(waitUntil([&] { return stored() >= 1; }, 10000));
    QVERIFY(writeFile(path(), "Jan  5 10:00:02 host1 app: second\nJan  5 10:00:03 host1 app: thi",
                      QIODevice::Append));
    QVERIFY(waitUntil([&] { return stored() >= 2; }, 10000));
    QVERIFY(writeFile(path(), "rd\n", QIODevice::Append));
    QVERIFY(waitUntil([&] { return stored() >= 3; }, 10000));
    QVERIFY(QFile::rename(path(), path() + u".1"_s));
    QVERIFY(writeFile(path(), "Jan  5 10:00:04 host1 app: after rotation\n", QIODevice::NewOnly));
    QVERIFY(waitUntil([&] { return stored() >= 4; }, 10000));
    QVERIFY(writeFile(path(), "Jan  5 10:00:05 host1 app: after truncation\n",
                      QIODevice::ReadWrite | QIODevice::Truncate));
    QVERIFY(waitUntil([&] { return stored() >= 5; }, 10000));
    QVERIFY(writeFile(path(), "Jan  5 10:00:06 host1 app: unfinished", QIODevice::Append));
    const LiveResult r = session.stop(); // the unfinished last line is stored at the stop
    QCOMPARE(r.status.counters.totals.received, 6);
    QCOMPARE(r.status.counters.totals.stored, 6);
    const LiveSourceSnapshot& source = r.status.counters.sources.at(0);
    QCOMPARE(source.kind, LiveSourceKind::File);
    QCOMPARE(source.detail, u"rotated 1×; truncated 1×"_s);
    QCOMPARE(scalar(dbPath, u"SELECT count(*) FROM events WHERE format = 'syslog-rfc3164'"), 6);
    QCOMPARE(text(dbPath, u"SELECT group_concat(json_extract(fields, '$.message') || '@' || "
                          u"source_pos, '|') FROM (SELECT * FROM events ORDER BY id)"),
             u"first@1|second@2|third@3|after rotation@1|after truncation@1|unfinished@2"_s);
    QCOMPARE(text(dbPath, u"SELECT DISTINCT source FROM events"), path());
}

QTEST_GUILESS_MAIN(TestFileFollow)
#include "tst_file_follow.moc"
