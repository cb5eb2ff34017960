#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

#include "investigation/evidence.h"
#include "investigation/observables.h"
#include "report/report_export.h"

#include "../core/investigation_fixture.h"

using namespace vigil;
using namespace Qt::StringLiterals;

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run run(const QString& program, const QStringList& args)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
    }
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

QString vigilApp()
{
    return QStringLiteral(VIGIL_BINARY_DIR) + u"/app/vigil"_s;
}

int pdfPages(const QString& pdf)
{
    const Run info = run(u"pdfinfo"_s, {pdf});
    for (const QString& line : info.out.split(u'\n')) {
        if (line.startsWith(u"Pages:"_s)) {
            return line.mid(6).trimmed().toInt();
        }
    }
    return -1;
}

// The text of one page (1-based), as pdftotext reads it.
QString pdfText(const QString& pdf, int page)
{
    // DejaVu Sans sets "fi" and "fl" as ligatures; pdftotext gives them as one character each.
    // NFKC turns them back into letters, as a PDF reader's search does.
    return run(u"pdftotext"_s, {u"-f"_s, QString::number(page), u"-l"_s, QString::number(page),
                                u"-layout"_s, pdf, u"-"_s})
        .out.normalized(QString::NormalizationForm_KC);
}

void keep(const QString& pdf, const QString& name)
{
    const QString dir = qEnvironmentVariable("VIGIL_REPORT_DUMP_DIR");
    if (!dir.isEmpty()) {
        QFile::remove(dir + u'/' + name);
        QFile::copy(pdf, dir + u'/' + name);
    }
}

} // namespace

/** PDF reports: headless from `vigil --report`, checked with poppler's pdfinfo and pdftotext. */
class TestReportPdf : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void headlessReportHasExpectedPagesAndText();
    void longerIncidentTakesMorePages();
    void headlessReportErrors_data();
    void headlessReportErrors();
    void helpAndVersionWithoutDisplay();

private:
    test::CaseStore m_case;
};

void TestReportPdf::initTestCase()
{
    if (QStandardPaths::findExecutable(u"pdfinfo"_s).isEmpty()
        || QStandardPaths::findExecutable(u"pdftotext"_s).isEmpty()) {
        QSKIP("pdfinfo/pdftotext not found: install poppler-utils (scripts/test.sh does) to check "
              "PDF reports");
    }
}

void TestReportPdf::init()
{
    m_case = test::makeCaseStore();
    QVERIFY2(m_case.error.isEmpty(), qPrintable(m_case.error));
    ObservableService observables(m_case.db, u"analyst1"_s);
    QVERIFY(observables.refresh(m_case.incidentId).has_value());
    const QString mail = m_case.dir->filePath(u"invoice-mail.eml"_s);
    QFile f(mail);
    QVERIFY(f.open(QIODevice::WriteOnly) && f.write("From: it-support@bad-updates.example\n") > 0);
    f.close();
    QVERIFY(EvidenceRegister::attach(m_case.db, m_case.incidentId, mail, u"analyst1"_s).has_value());
    IncidentService service(m_case.db, u"analyst1"_s);
    QVERIFY(service.addNote(m_case.incidentId, u"Workstation isolated; proxy blocks the domain."_s));
}

void TestReportPdf::headlessReportHasExpectedPagesAndText()
{
    const QString pdf = m_case.dir->filePath(u"incident.pdf"_s);
    const Run r = run(vigilApp(), {u"--report"_s, QString::number(m_case.incidentId), u"--db"_s,
                                   m_case.path(), u"--out"_s, pdf});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.err.contains(u"written to"_s), qPrintable(r.err));
    keep(pdf, u"incident.pdf"_s);
    // Page 1: header, summary, priority and why, the timeline's start; page 2: the rest of the
    // timeline, tasks, observables, evidence, disposition; page 3: lessons learned and notes;
    // page 4: the journal, which starts on a page of its own.
    const int pages = pdfPages(pdf);
    QCOMPARE(pages, 4);
    const QString first = pdfText(pdf, 1);
    for (const QString& s : {u"Incident report #1"_s, u"Encoded PowerShell"_s, u"Summary"_s,
                             u"Timeline"_s, u"WS-042.corp.example.com"_s, u"page 1 of 4"_s}) {
        QVERIFY2(first.contains(s), qPrintable(s));
    }
    QString all;
    for (int p = 1; p <= pages; ++p) {
        const QString text = pdfText(pdf, p);
        QVERIFY2(text.contains(u"page %1 of %2"_s.arg(p).arg(pages)), qPrintable(text.right(300)));
        all += text;
    }
    for (const QString& s : {u"Observables"_s, u"cdn.bad-updates.example"_s, u"TLP:AMBER"_s,
                             u"Evidence #1"_s, u"invoice-mail.eml"_s, u"verified"_s,
                             u"Workstation isolated"_s, u"Journal integrity"_s}) {
        QVERIFY2(all.contains(s), qPrintable(s));
    }
    const QString last = pdfText(pdf, pages);
    QVERIFY(last.trimmed().startsWith(u"Journal excerpt"_s));
    auto id = JournalAnchor::storeId(m_case.db);
    const auto head = JournalAnchor::load(*id);
    QVERIFY(head.has_value());
    QVERIFY2(last.contains(head->hash), qPrintable(last));
}

void TestReportPdf::longerIncidentTakesMorePages()
{
    IncidentService service(m_case.db, u"analyst1"_s);
    for (int i = 1; i <= 60; ++i) {
        QVERIFY(service.addNote(m_case.incidentId, u"Checked mailbox %1 of the finance team: the "
                                                   u"invoice mail was deleted unopened."_s.arg(i)));
    }
    const QString pdf = m_case.dir->filePath(u"long.pdf"_s);
    auto written = exportIncidentReport(m_case.db, m_case.incidentId, pdf);
    QVERIFY2(written.has_value(), qPrintable(written ? QString() : written.error().toString()));
    keep(pdf, u"long.pdf"_s);
    QCOMPARE(pdfPages(pdf), written->pages);
    QVERIFY2(written->pages >= 6, qPrintable(QString::number(written->pages)));
    const QString last = pdfText(pdf, written->pages);
    QVERIFY(last.contains(u"page %1 of %1"_s.arg(written->pages)));
    QVERIFY(last.contains(u"Journal integrity"_s));
}

void TestReportPdf::headlessReportErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("says");
    QTest::addRow("no such incident") << QStringList{u"--report"_s, u"9"_s, u"--out"_s, u"%DIR%/x.pdf"_s}
                                      << 1 << u"no incident 9"_s;
    QTest::addRow("not a number") << QStringList{u"--report"_s, u"x"_s, u"--out"_s, u"%DIR%/x.pdf"_s}
                                  << 1 << u"usage: vigil --report"_s;
    QTest::addRow("no out") << QStringList{u"--report"_s, u"1"_s} << 1 << u"usage: vigil --report"_s;
    QTest::addRow("bad extension") << QStringList{u"--report"_s, u"1"_s, u"--out"_s, u"%DIR%/x.doc"_s}
                                   << 1 << u".pdf, .html or .md"_s;
    QTest::addRow("evidence missing: written, exit 3")
        << QStringList{u"tamper"_s, u"--report"_s, u"1"_s, u"--out"_s, u"%DIR%/t.pdf"_s} << 3
        << u"WARNING: evidence #1"_s;
}

void TestReportPdf::headlessReportErrors()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, says);
    if (args.first() == u"tamper"_s) {
        args.removeFirst();
        const auto records = EvidenceRegister::forIncident(m_case.db, m_case.incidentId);
        const QString copy = EvidenceRegister::pathOf(m_case.path(), records->front());
        QFile::setPermissions(copy, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        QVERIFY(QFile::remove(copy));
    }
    QStringList full = {u"--db"_s, m_case.path()};
    for (QString a : args) {
        full << a.replace(u"%DIR%"_s, m_case.dir->path());
    }
    const Run r = run(vigilApp(), full);
    QVERIFY2(r.exitCode == exitCode, qPrintable(r.err));
    QVERIFY2(r.err.contains(says), qPrintable(r.err));
    if (exitCode == 3) {
        QVERIFY(pdfPages(m_case.dir->filePath(u"t.pdf"_s)) >= 1);
    }
}

void TestReportPdf::helpAndVersionWithoutDisplay()
{
    // Found by a first-time user: `vigil --help` aborted on a machine without a display.
    for (const QString& option : {u"--help"_s, u"--version"_s}) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(u"QT_QPA_PLATFORM"_s);
        env.remove(u"DISPLAY"_s);
        env.remove(u"WAYLAND_DISPLAY"_s);
        p.setProcessEnvironment(env);
        p.start(vigilApp(), {option});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY2(out.contains(option == u"--help" ? u"--report"_s : u"vigil 0.1"_s), qPrintable(out));
    }
}

QTEST_MAIN(TestReportPdf)
#include "tst_report_pdf.moc"
