#include <QTest>

#include "ingest/live/line_splitter.h"
#include "ingest/live/live_counters.h"
#include "ingest/live/live_queue.h"
#include "ingest/live/stream_framer.h"

using namespace vigil;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

// Feeds @p input in pieces of @p step bytes (0: all at once) and closes the stream.
std::vector<Frame> frameStream(const QByteArray& input, qsizetype maxBytes, qsizetype step)
{
    StreamFramer framer(maxBytes);
    std::vector<Frame> out;
    if (step <= 0) {
        framer.feed(input, out);
    } else {
        for (qsizetype i = 0; i < input.size(); i += step) {
            framer.feed(QByteArrayView(input).sliced(i, std::min(step, input.size() - i)), out);
        }
    }
    framer.finish(out);
    return out;
}

QStringList describe(const std::vector<Frame>& frames)
{
    QStringList out;
    for (const Frame& f : frames) {
        out << QString::fromUtf8(f.bytes) + (f.problem.isEmpty() ? QString() : u" !"_s);
    }
    return out;
}

} // namespace

/** The pieces between the sockets and the store: framing, the queue and the counters. */
class TestLiveFraming : public QObject {
    Q_OBJECT
private slots:
    void tcpFraming_data();
    void tcpFraming();
    void framingProblemsSayWhy_data();
    void framingProblemsSayWhy();
    void lineSplitterNumbersLinesAndHoldsPartials();
    void queueBoundsByCountAndBytes();
    void queueDrainsAfterClose();
    void countersReconcilePerSender();
};

void TestLiveFraming::tcpFraming_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("messages"); // " !" marks a message kept with a problem
    QTest::addColumn<int>("mode");

    const int lines = int(StreamFramer::Mode::Lines);
    const int octets = int(StreamFramer::Mode::OctetCounting);
    QTest::addRow("lf framing") << QByteArray("<13>a\n<13>b\n") << QStringList{u"<13>a"_s, u"<13>b"_s}
                                << lines;
    QTest::addRow("crlf and blank lines between messages")
        << QByteArray("\r\n<13>a\r\n\r\n<13>b\r\n") << QStringList{u"<13>a"_s, u"<13>b"_s} << lines;
    QTest::addRow("lf framing, last line without lf comes out at close")
        << QByteArray("<13>a\n<13>b") << QStringList{u"<13>a"_s, u"<13>b"_s} << lines;
    QTest::addRow("octet counting")
        << QByteArray("5 <13>a5 <13>b") << QStringList{u"<13>a"_s, u"<13>b"_s} << octets;
    QTest::addRow("octet counting keeps newlines inside a message")
        << QByteArray("9 <13>a\nb\nc5 <13>d") << QStringList{u"<13>a\nb\nc"_s, u"<13>d"_s}
        << octets;
    QTest::addRow("octet counting with line ends between frames")
        << QByteArray("5 <13>a\n5 <13>b\r\n") << QStringList{u"<13>a"_s, u"<13>b"_s} << octets;
    QTest::addRow("a line starting with digits is lf framing")
        << QByteArray("2024-01-01 up\n") << QStringList{u"2024-01-01 up"_s} << lines;
    QTest::addRow("digits and space without <PRI> is lf framing")
        << QByteArray("12 apples\n") << QStringList{u"12 apples"_s} << lines;
    QTest::addRow("leading zero is no length") << QByteArray("05 <13>a\n")
                                               << QStringList{u"05 <13>a"_s} << lines;
    QTest::addRow("line longer than the maximum is cut and flagged")
        << QByteArray("<13>0123456789abcdef\n<13>ok\n")
        << QStringList{u"<13>0123456789ab !"_s, u"<13>ok"_s} << lines;
    QTest::addRow("octet frame longer than the maximum is cut, the next one reads on")
        << QByteArray("20 <13>0123456789abcdef5 <13>b")
        << QStringList{u"<13>0123456789ab !"_s, u"<13>b"_s} << octets;
}

void TestLiveFraming::tcpFraming()
{
    QFETCH(QByteArray, input);
    QFETCH(QStringList, messages);
    QFETCH(int, mode);
    // Whatever the pieces the bytes arrive in, the same messages come out.
    for (const qsizetype step : {qsizetype(0), qsizetype(1), qsizetype(3), qsizetype(7)}) {
        StreamFramer framer(16);
        std::vector<Frame> frames = frameStream(input, 16, step);
        QCOMPARE(describe(frames), messages);
        framer.feed(input, frames);
        QCOMPARE(int(framer.mode()), mode);
    }
}

void TestLiveFraming::framingProblemsSayWhy_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QByteArray>("kept");

    QTest::addRow("frame header is not a length")
        << QByteArray("5 <13>aXY <13>b\n5 <13>c")
        << u"octet-counting frame at byte 7 of the connection does not start with a message "
           "length (RFC 6587); the bytes up to the next line end are kept"_s
        << QByteArray("XY <13>b");
    QTest::addRow("connection closed inside a frame")
        << QByteArray("5 <13>a9 <13>b")
        << u"the connection closed after 5 of the 9 bytes of an octet-counted message"_s
        << QByteArray("<13>b");
    QTest::addRow("length over the maximum")
        << QByteArray("70000 <13>")
        << u"the connection closed after 4 of the 70,000 bytes of an octet-counted message"_s
        << QByteArray("<13>");
}

void TestLiveFraming::framingProblemsSayWhy()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, reason);
    QFETCH(QByteArray, kept);
    const std::vector<Frame> frames = frameStream(input, 1024, 0);
    qsizetype withProblem = 0;
    for (const Frame& f : frames) {
        if (!f.problem.isEmpty()) {
            ++withProblem;
            QCOMPARE(f.problem, reason);
            QCOMPARE(f.bytes, kept);
        }
    }
    QCOMPARE(withProblem, 1);
}

void TestLiveFraming::lineSplitterNumbersLinesAndHoldsPartials()
{
    LineSplitter s(8);
    std::vector<Frame> out;
    s.feed("one\n\ntwo\nthr", out);
    QCOMPARE(out.size(), std::size_t(2));
    QCOMPARE(out[1].bytes, QByteArray("two"));
    QCOMPARE(out[1].line, 3); // the blank line counts as a line, not as a message
    QCOMPARE(out[1].offset, 5);
    QCOMPARE(s.held(), 3);
    s.feed("ee\n0123456789\nok", out);
    QCOMPARE(out.size(), std::size_t(4));
    QCOMPARE(out[2].bytes, QByteArray("three"));
    QCOMPARE(out[3].bytes, QByteArray("01234567"));
    QCOMPARE(out[3].problem, u"message of 10 bytes is longer than the maximum message size of 8 "
                             "bytes; its first 8 bytes are kept"_s);
    s.finish(out);
    QCOMPARE(out.size(), std::size_t(5));
    QCOMPARE(out[4].bytes, QByteArray("ok"));
    QCOMPARE(out[4].line, 6);
    QCOMPARE(s.position(), 28);
}

void TestLiveFraming::queueBoundsByCountAndBytes()
{
    LiveQueue byCount(3, 1 << 20);
    LiveMessage m;
    m.bytes = "x";
    for (int i = 0; i < 3; ++i) {
        LiveMessage copy = m;
        QVERIFY(byCount.tryPush(copy));
    }
    LiveMessage fourth = m;
    QVERIFY(!byCount.tryPush(fourth));
    QCOMPARE(fourth.bytes, QByteArray("x")); // a refused message stays with the caller

    LiveMessage big;
    big.bytes = QByteArray(1000, 'b');
    LiveQueue byBytes(100, 2 * big.footprint());
    for (int i = 0; i < 2; ++i) {
        LiveMessage copy = big;
        QVERIFY(byBytes.tryPush(copy));
    }
    LiveMessage third = big;
    QVERIFY(!byBytes.tryPush(third));
    QCOMPARE(byBytes.stats().bytes, 2 * big.footprint());
    QCOMPARE(byBytes.popBatch(1, 0ms, 0ms).size(), std::size_t(1));
    QVERIFY(byBytes.tryPush(third));

    // A message larger than the byte bound still passes through an empty queue.
    LiveQueue tiny(10, 10);
    LiveMessage huge = big;
    QVERIFY(tiny.tryPush(huge));
}

void TestLiveFraming::queueDrainsAfterClose()
{
    LiveQueue q(10, 1 << 20);
    for (int i = 0; i < 5; ++i) {
        LiveMessage m;
        m.position = i;
        QVERIFY(q.tryPush(m));
    }
    q.close();
    LiveMessage late;
    QVERIFY(!q.tryPush(late));
    QVERIFY(!q.finished());
    const std::vector<LiveMessage> batch = q.popBatch(100, 10ms, 10ms);
    QCOMPARE(batch.size(), std::size_t(5));
    QCOMPARE(batch[4].position, 4);
    QVERIFY(q.finished());
    QVERIFY(q.popBatch(100, 10ms, 0ms).empty());
    QCOMPARE(q.stats().highWater, 5);
}

void TestLiveFraming::countersReconcilePerSender()
{
    LiveCounters c;
    const int udp = c.addSource(LiveSourceKind::Udp, u"127.0.0.1:5514"_s);
    SenderCounters* a = c.sender(udp, u"udp://192.0.2.1"_s);
    SenderCounters* b = c.sender(udp, u"udp://192.0.2.2"_s);
    QCOMPARE(c.sender(udp, u"udp://192.0.2.1"_s), a);
    a->received += 5;
    a->stored += 3;
    a->rejected += 1;
    b->received += 2;
    b->dropped += 2;
    const LiveSnapshot s = c.snapshot();
    QCOMPARE(s.sources.size(), std::size_t(1));
    QCOMPARE(s.sources[0].senders.size(), std::size_t(2));
    QCOMPARE(s.sources[0].senders[0].key, u"udp://192.0.2.1"_s);
    QCOMPARE(s.sources[0].senders[0].counts.inFlight(), 1);
    QCOMPARE(s.totals.received, 7);
    QCOMPARE(s.totals.stored + s.totals.rejected + s.totals.dropped + s.totals.inFlight(), 7);
    // Spoofed senders cannot grow the table without end.
    for (int i = 0; i < LiveCounters::kMaxSendersPerSource + 10; ++i) {
        c.sender(udp, u"udp://10.0.%1.%2"_s.arg(i / 256).arg(i % 256));
    }
    const LiveSnapshot many = c.snapshot();
    QCOMPARE(int(many.sources[0].senders.size()), LiveCounters::kMaxSendersPerSource + 1);
    QCOMPARE(many.sources[0].senders.back().key, u"(other senders)"_s);
}

QTEST_APPLESS_MAIN(TestLiveFraming)
#include "tst_live_framing.moc"
