#include <QTest>
#include <QTimeZone>

#include "util/timestamp.h"

using namespace vigil;
using namespace Qt::StringLiterals;

class TestTimestamp : public QObject {
    Q_OBJECT
private slots:
    void iso_data() const;
    void iso() const;
    void rejects_data() const;
    void rejects() const;
    void epoch_data() const;
    void epoch() const;
    void epochOutOfRange() const;
    void zoneApplied() const;
    void civilRoundTrip() const;
};

void TestTimestamp::iso_data() const
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("utc");
    QTest::addColumn<bool>("hasZone");
    QTest::addRow("Z, milliseconds") << u"2003-10-11T22:14:15.003Z"_s << u"2003-10-11T22:14:15.003Z"_s << true;
    // Case B04: colon-less offsets, both signs, microseconds kept.
    QTest::addRow("B04 +0200") << u"2022-12-13 01:19:30.429319+0200"_s
                               << u"2022-12-12T23:19:30.429319Z"_s << true;
    QTest::addRow("B04 -0200") << u"2022-12-13 01:19:30.429319-0200"_s
                               << u"2022-12-13T03:19:30.429319Z"_s << true;
    QTest::addRow("offset with colon") << u"2026-07-23T09:30:45.123+02:00"_s
                                       << u"2026-07-23T07:30:45.123Z"_s << true;
    QTest::addRow("hour-only offset") << u"2026-07-23T09:30:45-05"_s << u"2026-07-23T14:30:45Z"_s << true;
    QTest::addRow("100 ns digits") << u"2025-10-24T23:34:34.649129600Z"_s
                                   << u"2025-10-24T23:34:34.649129600Z"_s << true;
    QTest::addRow("no zone") << u"2025-10-24 23:34:34.634"_s << u"2025-10-24T23:34:34.634Z"_s << false;
    QTest::addRow("no seconds") << u"2025-10-24T23:34Z"_s << u"2025-10-24T23:34:00Z"_s << true;
    QTest::addRow("leap day") << u"2024-02-29T00:00:00Z"_s << u"2024-02-29T00:00:00Z"_s << true;
    QTest::addRow("more than 9 digits truncated") << u"2024-01-01T00:00:00.1234567891Z"_s
                                                  << u"2024-01-01T00:00:00.123456789Z"_s << true;
    QTest::addRow("before 1970") << u"1969-12-31T23:59:59.5Z"_s << u"1969-12-31T23:59:59.5Z"_s << true;
}

void TestTimestamp::iso() const
{
    QFETCH(QString, input);
    QFETCH(QString, utc);
    QFETCH(bool, hasZone);
    const auto t = parseIso8601(input);
    QVERIFY(t.has_value());
    QCOMPARE(formatUtc(t->ns, t->digits), utc);
    QCOMPARE(t->hasZone, hasZone);
    QCOMPARE(t->consumed, input.size());
}

void TestTimestamp::rejects_data() const
{
    QTest::addColumn<QString>("input");
    QTest::addRow("month 13") << u"2024-13-01T00:00:00Z"_s;
    QTest::addRow("feb 30") << u"2023-02-30T00:00:00Z"_s;
    QTest::addRow("hour 24") << u"2024-01-01T24:00:00Z"_s;
    QTest::addRow("text") << u"Aug  4 07:08:09"_s;
    QTest::addRow("truncated") << u"2024-01-01T1"_s;
    QTest::addRow("empty") << QString();
    // 64-bit nanoseconds cover 1677..2262: anything outside would wrap around silently.
    QTest::addRow("year 9999") << u"9999-12-31T23:59:59Z"_s;
    QTest::addRow("year 0001") << u"0001-01-01T00:00:00Z"_s;
    QTest::addRow("year 2300") << u"2300-01-01T00:00:00Z"_s;
    QTest::addRow("year 1600") << u"1600-01-01T00:00:00Z"_s;
}

void TestTimestamp::rejects() const
{
    QFETCH(QString, input);
    QVERIFY(!parseIso8601(input).has_value());
}

void TestTimestamp::epoch_data() const
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("utc");
    QTest::addRow("seconds") << u"1534860261"_s << u"2018-08-21T14:04:21Z"_s;
    QTest::addRow("seconds.fraction") << u"1534860261.221373"_s << u"2018-08-21T14:04:21.221373Z"_s;
    QTest::addRow("milliseconds") << u"1534860261221"_s << u"2018-08-21T14:04:21.221Z"_s;
    QTest::addRow("journald microseconds") << u"1534860261221373"_s << u"2018-08-21T14:04:21.221373Z"_s;
    QTest::addRow("last representable year") << u"9100000000"_s << u"2258-05-15T01:46:40Z"_s;
}

void TestTimestamp::epoch() const
{
    QFETCH(QString, input);
    QFETCH(QString, utc);
    const auto t = parseEpoch(input);
    QVERIFY(t.has_value());
    QCOMPARE(formatUtc(t->ns, t->digits), utc);
}

void TestTimestamp::epochOutOfRange() const
{
    QVERIFY(!parseEpoch(u"99999999999").has_value());          // seconds in year 5138
    QVERIFY(!parseEpoch(u"99999999999.5").has_value());
    QVERIFY(!parseEpoch(u"99999999999999").has_value());       // milliseconds
    QVERIFY(!parseEpoch(u"99999999999999999").has_value());    // microseconds
    QVERIFY(!parseEpoch(u"99999999999999999999").has_value()); // too many digits
}

void TestTimestamp::zoneApplied() const
{
    const auto t = parseIso8601(u"2024-07-01 12:00:00");
    QVERIFY(t.has_value());
    const QTimeZone berlin("Europe/Berlin");
    QVERIFY(berlin.isValid());
    QCOMPARE(formatUtc(applyZone(t->ns, berlin), 0), u"2024-07-01T10:00:00Z"_s);
    QCOMPARE(formatUtc(applyZone(t->ns, QTimeZone::utc()), 0), u"2024-07-01T12:00:00Z"_s);
}

void TestTimestamp::civilRoundTrip() const
{
    for (qint64 days = -800000; days < 800000; days += 997) {
        int y = 0, m = 0, d = 0;
        civilFromDays(days, y, m, d);
        QCOMPARE(daysFromCivil(y, m, d), days);
    }
    QCOMPARE(daysFromCivil(1970, 1, 1), 0);
    QCOMPARE(formatUtcTrimmed(0), u"1970-01-01T00:00:00Z"_s);
    QCOMPARE(formatUtcTrimmed(1'500'000'000), u"1970-01-01T00:00:01.500Z"_s);
    QCOMPARE(formatUtcTrimmed(1'000'001'000), u"1970-01-01T00:00:01.000001Z"_s);
    QCOMPARE(formatUtcTrimmed(1'000'000'001), u"1970-01-01T00:00:01.000000001Z"_s);
    QCOMPARE(monthFromAbbrev(u"AUG"), 8);
    QCOMPARE(monthFromAbbrev(u"août"), 0);
}

QTEST_APPLESS_MAIN(TestTimestamp)
#include "tst_timestamp.moc"
