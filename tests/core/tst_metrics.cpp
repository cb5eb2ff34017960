#include <QTest>

#include "storage/database.h"
#include "storage/journal.h"
#include "storage/store.h"
#include "triage/metrics.h"
#include "util/json.h"
#include "util/timestamp.h"

using namespace vigil;
using namespace Qt::StringLiterals;

namespace {

qint64 at(const char16_t* iso) {
    return parseIso8601(QStringView(iso))->ns;
}

constexpr qint64 kMinute = 60LL * kNsPerSecond;

} // namespace

class TestMetrics : public QObject {
    Q_OBJECT
private slots:
    void init();
    void b36BackfilledCasesUseEffectiveTimes();
    void fullLifecycleWithReopen();
    void statsMedianAndP90_data() const;
    void statsMedianAndP90() const;

private:
    void entry(qint64 incident, const QString& actor, const QString& action,
               const QByteArray& details, qint64 effective, qint64 written = 0);
    Database m_db;
};

void TestMetrics::init() {
    auto db = Store::openWriter(u":memory:"_s);
    QVERIFY(db.has_value());
    m_db = std::move(*db);
}

void TestMetrics::entry(qint64 incident, const QString& actor, const QString& action,
                        const QByteArray& details, qint64 effective, qint64 written) {
    JournalEntry e;
    e.actor = actor;
    e.objectType = u"incident"_s;
    e.objectId = incident;
    e.action = action;
    e.details = details;
    e.effectiveNs = effective;
    e.writtenNs = written != 0 ? written : effective;
    QVERIFY(Journal::append(m_db, e).has_value());
}

// Case B36: case-1 was documented months later; its duration comes from the stated times
// (23,400 s), not from when the record was written (which would give -8,793,000 s).
void TestMetrics::b36BackfilledCasesUseEffectiveTimes() {
    const QByteArray close = JsonObjectWriter()
                                 .add(u"from", u"investigating")
                                 .add(u"to", u"closed")
                                 .add(u"reopen", false)
                                 .add(u"disposition", u"tp_malicious_impact")
                                 .finish();
    entry(1, u"analyst"_s, u"created"_s, "{}", at(u"2020-11-02T08:00:00Z"),
          at(u"2021-02-12T09:00:00Z"));
    entry(1, u"analyst"_s, u"status"_s, close, at(u"2020-11-02T14:30:00Z"),
          at(u"2021-02-12T09:00:30Z"));
    entry(2, u"analyst"_s, u"created"_s, "{}", at(u"2021-02-12T09:05:00Z"),
          at(u"2021-02-12T09:05:00Z"));
    entry(2, u"analyst"_s, u"status"_s, close, at(u"2021-02-12T11:05:00Z"),
          at(u"2021-02-12T11:05:00Z"));
    auto timelines = Metrics::timelines(m_db);
    QCOMPARE(timelines->size(), 2u);
    QCOMPARE(timelines->at(0).openNs / kNsPerSecond, 23400);
    QCOMPARE(timelines->at(1).openNs / kNsPerSecond, 7200);
    auto report = Metrics::compute(m_db);
    QCOMPARE(report->mttrResolve.count, 2);
    QCOMPARE(report->mttrResolve.mean, 15300.0);
    QCOMPARE(report->closed, 2);
    QCOMPARE(report->truePositives, 2);
}

void TestMetrics::fullLifecycleWithReopen() {
    const qint64 t = at(u"2024-05-01T10:00:00Z");
    auto status = [](const char16_t* from, const char16_t* to, bool reopen,
                     const char16_t* disposition) {
        JsonObjectWriter w;
        w.add(u"from", from).add(u"to", to).add(u"reopen", reopen);
        if (disposition) {
            w.add(u"disposition", disposition);
        }
        return w.finish();
    };
    const QByteArray created = JsonObjectWriter()
                                   .add(u"first_alert_id", 1)
                                   .add(u"first_seen", u"2024-05-01T09:30:00Z")
                                   .finish();
    entry(7, u"vigil"_s, u"created"_s, created, t);
    entry(7, u"alice"_s, u"status"_s, status(u"new", u"investigating", false, nullptr),
          t + 10 * kMinute);
    entry(7, u"alice"_s, u"status"_s, status(u"investigating", u"contained", false, nullptr),
          t + 20 * kMinute);
    entry(7, u"alice"_s, u"status"_s, status(u"contained", u"resolved", false, nullptr),
          t + 60 * kMinute);
    entry(7, u"alice"_s, u"status"_s, status(u"resolved", u"investigating", true, nullptr),
          t + 120 * kMinute);
    entry(7, u"alice"_s, u"status"_s,
          status(u"investigating", u"closed", false, u"tp_malicious_no_impact"), t + 150 * kMinute);
    auto report = Metrics::compute(m_db);
    QCOMPARE(report->mtta.mean, 600.0);  // first human action 10 min after the alert
    QCOMPARE(report->mttc.mean, 1200.0); // contained 20 min after declaration
    QCOMPARE(report->mttrRespond.mean, 1200.0);
    QCOMPARE(report->mttrResolve.mean,
             5400.0); // 60 min + 30 min; the 60 min it stayed resolved are left out
    QCOMPARE(report->timeToVerdict.mean, 9000.0);
    QCOMPARE(report->mttd.mean, 1800.0); // evidence 30 min before the alert
    auto timelines = Metrics::timelines(m_db);
    QVERIFY(timelines->front().reopened);
}

void TestMetrics::statsMedianAndP90_data() const {
    QTest::addColumn<QList<double>>("values");
    QTest::addColumn<double>("median");
    QTest::addColumn<double>("p90");
    QTest::addRow("one") << QList<double>{5} << 5.0 << 5.0;
    QTest::addRow("even count") << QList<double>{4, 1, 3, 2} << 2.5 << 4.0;
    QTest::addRow("ten values") << QList<double>{1, 2, 3, 4, 5, 6, 7, 8, 9, 100} << 5.5 << 9.0;
}

void TestMetrics::statsMedianAndP90() const {
    QFETCH(QList<double>, values);
    QFETCH(double, median);
    QFETCH(double, p90);
    std::vector<std::pair<qint64, double>> samples;
    for (int i = 0; i < values.size(); ++i) {
        samples.emplace_back(i + 1, values[i]);
    }
    const DurationStats s = Metrics::stats(samples);
    QCOMPARE(s.median, median);
    QCOMPARE(s.p90, p90);
    QCOMPARE(s.longest.front().second, *std::max_element(values.begin(), values.end()));
}

QTEST_GUILESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
