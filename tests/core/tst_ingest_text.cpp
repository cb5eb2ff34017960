#include <QTest>
#include <QTimeZone>

#include "ingest/text_parser.h"
#include "model/event.h"
#include "util/timestamp.h"

using namespace vigil;
using namespace Qt::StringLiterals;

namespace {

qint64 utc(const QString& iso)
{
    const auto t = parseIso8601(iso);
    return t ? t->ns : 0;
}

const QString kReceived = u"2030-01-01T00:00:00Z"_s;

} // namespace

class TestIngestText : public QObject {
    Q_OBJECT
private slots:
    void leadingTime_data() const;
    void leadingTime() const;
    void neverRejects_data() const;
    void neverRejects() const;
};

void TestIngestText::leadingTime_data() const
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("reference");
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QString>("time"); // kReceived: no time found
    const QString ref = u"2025-12-20T00:00:00Z"_s;
    QTest::addRow("ISO 8601 with Z") << "2024-01-02T03:04:05Z msg"_ba << ref << QString()
                                     << u"2024-01-02T03:04:05Z"_s;
    QTest::addRow("ISO 8601 without zone, in the source zone")
        << "2024-01-02 03:04:05 msg"_ba << ref << u"UTC+01:00"_s << u"2024-01-02T02:04:05Z"_s;
    QTest::addRow("Windows CBS log")
        << "2016-09-28 04:30:30, Info                  CBS    Loaded"_ba << ref << QString()
        << u"2016-09-28T04:30:30Z"_s;
    QTest::addRow("comma before milliseconds") << "2012-07-02 10:22:40,672:DEBUG:foo"_ba << ref
                                               << QString() << u"2012-07-02T10:22:40.672Z"_s;
    QTest::addRow("BSD syslog") << "Dec 10 06:55:46 host-a sshd[1]: x"_ba << ref << QString()
                                << u"2025-12-10T06:55:46Z"_s;
    QTest::addRow("BSD syslog, year rollover") << "Dec 31 23:59:59 x"_ba
                                               << u"2026-01-01T00:00:05Z"_s << QString()
                                               << u"2025-12-31T23:59:59Z"_s;
    QTest::addRow("BSD syslog in the source zone") << "Jul  2 03:04:05 x"_ba
                                                   << u"2025-07-05T00:00:00Z"_s << u"UTC-05:00"_s
                                                   << u"2025-07-02T08:04:05Z"_s;
    QTest::addRow("common log format at the start") << "20/Jul/2009:22:59:26 +0000 GET /"_ba << ref
                                                    << QString() << u"2009-07-20T22:59:26Z"_s;
    QTest::addRow("common log format in brackets, negative offset")
        << "[20/Jul/2009:22:59:26 -0700] x"_ba << ref << QString() << u"2009-07-21T05:59:26Z"_s;
    QTest::addRow("common log format without offset, in the source zone")
        << "[20/Jul/2009:22:59:26] x"_ba << ref << u"UTC+02:00"_s << u"2009-07-20T20:59:26Z"_s;
    QTest::addRow("Apache access log")
        << "192.0.2.1 - - [20/Jul/2009:22:59:26 +0000] \"GET / HTTP/1.0\" 200 134"_ba << ref
        << QString() << u"2009-07-20T22:59:26Z"_s;
    QTest::addRow("yyyy/mm/dd") << "2024/01/02 03:04:05 x"_ba << ref << QString()
                                << u"2024-01-02T03:04:05Z"_s;
    QTest::addRow("yyyy/m/d with a fraction") << "2024/1/2 03:04:05.5 x"_ba << ref << QString()
                                              << u"2024-01-02T03:04:05.5Z"_s;
    QTest::addRow("ctime in brackets (Apache error log)")
        << "[Sun Dec 04 04:47:44 2005] [notice] x"_ba << ref << QString()
        << u"2005-12-04T04:47:44Z"_s;
    QTest::addRow("ctime") << "Sun Dec 04 04:47:44 2005 x"_ba << ref << QString()
                           << u"2005-12-04T04:47:44Z"_s;
    QTest::addRow("Suricata fast.log") << "08/02/2014-10:50:25.823699  [**] x"_ba << ref
                                       << QString() << u"2014-08-02T10:50:25.823699Z"_s;
    QTest::addRow("no time") << "hello world"_ba << ref << QString() << kReceived;
    QTest::addRow("number that is no time") << "12345 items"_ba << ref << QString() << kReceived;
    QTest::addRow("impossible date") << "2024-02-30 10:00:00 x"_ba << ref << QString() << kReceived;
    QTest::addRow("impossible slash date") << "2024/02/30 10:00:00 x"_ba << ref << QString()
                                           << kReceived;
    QTest::addRow("month.day without year is not read") << "[10.30 16:49:06] chrome.exe"_ba << ref
                                                        << QString() << kReceived;
    QTest::addRow("bracketed time beyond 128 bytes")
        << QByteArray(130, ' ') + "[20/Jul/2009:22:59:26 +0000]"_ba << ref << QString()
        << kReceived;
    QTest::addRow("empty") << QByteArray() << ref << QString() << kReceived;
}

void TestIngestText::leadingTime() const
{
    QFETCH(QByteArray, line);
    QFETCH(QString, reference);
    QFETCH(QString, zone);
    QFETCH(QString, time);
    ParseContext ctx;
    ctx.referenceNs = utc(reference);
    ctx.receivedNs = utc(kReceived);
    if (!zone.isEmpty()) {
        ctx.zone = QTimeZone(zone.toLatin1());
    }
    Event e;
    const ParseResult r = TextParser().parse(line, ctx, e);
    QVERIFY(r.ok);
    QCOMPARE(formatUtc(e.timeNs, e.timeDigits), time);
    QCOMPARE(e.timeSource, time == kReceived ? TimeSource::Received : TimeSource::Event);
    QCOMPARE(e.fields.text(u"message"), QString::fromUtf8(line));
    QCOMPARE(e.format, u"text"_s);
}

void TestIngestText::neverRejects_data() const
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("summary");
    QTest::addRow("joined stack trace")
        << "Traceback (most recent call last):\n  File \"x.py\", line 1\nValueError"_ba
        << u"Traceback (most recent call last): \u23CE File \"x.py\", line 1 \u23CE ValueError"_s;
    QTest::addRow("CR at the end dropped") << "abc\r"_ba << u"abc"_s;
    QTest::addRow("NUL byte") << QByteArray("a\0b", 3) << u"a b"_s;
    QTest::addRow("invalid UTF-8") << "a\xff"_ba << u"a\uFFFD"_s;
    QTest::addRow("huge line") << QByteArray(1 << 22, 'z')
                               << QString(299, u'z') + u"\u2026"_s;
}

void TestIngestText::neverRejects() const
{
    QFETCH(QByteArray, line);
    QFETCH(QString, summary);
    Event e;
    e.fields.append(u"stale"_s, FieldValue::fromInt(1));
    const ParseResult r = TextParser().parse(line, ParseContext(), e);
    QVERIFY(r.ok);
    QVERIFY(r.reason.isEmpty());
    QCOMPARE(e.fields.size(), 1u);
    QCOMPARE(e.summary, summary);
}

QTEST_APPLESS_MAIN(TestIngestText)
#include "tst_ingest_text.moc"
