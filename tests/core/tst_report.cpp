#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include "investigation/evidence.h"
#include "investigation/observables.h"
#include "report/incident_report.h"
#include "response/playbook_library.h"
#include "response/task_service.h"
#include "storage/journal_anchor.h"

#include "investigation_fixture.h"

using namespace vigil;
using namespace Qt::StringLiterals;

namespace {

const QString kScript = u"<script>alert(\"x\")</script>"_s;
const QString kImg = u"\"><img src=x onerror=alert(1)>"_s;

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run cli(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(VIGIL_BINARY_DIR) + u"/app/vigil-cli"_s, args);
    p.waitForFinished(60000);
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

// Sample reports for people reviewing them: written only when VIGIL_REPORT_DUMP_DIR is set.
void dump(const QString& name, const QString& text)
{
    const QString dir = qEnvironmentVariable("VIGIL_REPORT_DUMP_DIR");
    QFile f(dir + u'/' + name);
    if (!dir.isEmpty() && f.open(QIODevice::WriteOnly)) {
        f.write(text.toUtf8());
    }
}

QString readText(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

// Hostile values in every place a report shows stored text.
bool addHostileEvent(test::CaseStore& c)
{
    Event e;
    e.timeNs = civilToNs(2024, 5, 14, 9, 30, 0, 0);
    e.receivedNs = e.timeNs;
    e.host = kImg;
    e.source = kScript + u".log"_s;
    e.format = u"json"_s;
    e.summary = kScript + kImg;
    e.fields.set(u"user"_s, FieldValue::fromString(kScript));
    e.raw = e.summary;
    auto writer = EventWriter::create(c.db);
    if (!writer || !writer->insert(e, 0)) {
        return false;
    }
    return c.db
        .exec(u"INSERT INTO incident_events VALUES (%1, %2, 1, 'related')"_s.arg(c.incidentId).arg(e.id))
        .has_value();
}

// The Markdown with fenced blocks and code spans taken out, as a renderer would not read them.
QString outsideCode(const QString& md)
{
    QString out;
    int fence = 0;
    for (const QString& line : md.split(u'\n')) {
        const qsizetype ticks = line.size() - QString(line).remove(QRegularExpression(u"^`+"_s)).size();
        if (fence > 0) {
            if (ticks >= fence && line.trimmed().size() == ticks) {
                fence = 0;
            }
            continue;
        }
        if (ticks >= 3) {
            fence = int(ticks);
            continue;
        }
        for (qsizetype i = 0; i < line.size();) {
            if (line[i] != u'`') {
                out += line[i++];
                continue;
            }
            qsizetype run = 0;
            while (i + run < line.size() && line[i + run] == u'`') {
                ++run;
            }
            const QString closing(run, u'`');
            qsizetype end = line.indexOf(closing, i + run);
            while (end >= 0 && end + run < line.size() && line[end + run] == u'`') {
                end = line.indexOf(closing, end + run + 1);
            }
            i = end < 0 ? line.size() : end + run;
        }
        out += u'\n';
    }
    return out;
}

} // namespace

class TestReport : public QObject {
    Q_OBJECT
private slots:
    void init();
    void htmlEscapesHostileValues();
    void markdownShowsStoredTextLiterally();
    void sectionsAndContent();
    void priorityAbsent();
    void priorityWhenPresent();
    void journalHeadHashPresent();
    void evidenceFailureIsLoud();
    void tasksAppear();
    void cliEndToEnd_data();
    void cliEndToEnd();

private:
    test::CaseStore m_case;
    qint64 m_markedId = 0;
};

void TestReport::init()
{
    m_case = test::makeCaseStore(kScript + u" title"_s);
    QVERIFY2(m_case.error.isEmpty(), qPrintable(m_case.error));
    QVERIFY(addHostileEvent(m_case));
    ObservableService observables(m_case.db, u"analyst1"_s);
    QVERIFY(observables.refresh(m_case.incidentId).has_value());
    const auto stored = ObservableQueries::forIncident(m_case.db, m_case.incidentId);
    QVERIFY(stored.has_value());
    for (const ObservableRecord& o : *stored) {
        if (o.value == u"198.51.100.23"_s) {
            m_markedId = o.id;
        }
    }
    QVERIFY(*observables.setMarking(m_markedId, Tlp::Red, Pap::Green));
    const QString mail = m_case.dir->filePath(kImg.mid(2) + u".eml"_s);
    QFile f(mail);
    QVERIFY(f.open(QIODevice::WriteOnly) && f.write("mail\n") == 5);
    f.close();
    QVERIFY(EvidenceRegister::attach(m_case.db, m_case.incidentId, mail, u"analyst1"_s).has_value());
    IncidentService hostileActor(m_case.db, u"<b>mallory</b>"_s);
    QVERIFY(hostileActor.addNote(m_case.incidentId, kScript + u"\n```\n"_s + kImg).has_value());
    IncidentService service(m_case.db, u"analyst1"_s);
    QVERIFY(service.changeStatus(m_case.incidentId, StatusChange::move(IncidentStatus::Investigating)));
    QVERIFY(service.changeStatus(m_case.incidentId,
                                 StatusChange::close(Disposition::TpMaliciousNoImpact,
                                                     u"Blocked at the proxy. "_s + kImg,
                                                     u"Alert on Office spawning PowerShell.\n"_s + kScript)));
}

void TestReport::htmlEscapesHostileValues()
{
    auto report = collectIncidentReport(m_case.db, m_case.incidentId);
    QVERIFY2(report.has_value(), qPrintable(report ? QString() : report.error().toString()));
    const QString html = renderHtml(*report);
    // Every tag is one of the writer's own, and no tag carries an event handler or a link.
    static const QStringList allowed = {
        u"!DOCTYPE"_s, u"html"_s, u"head"_s, u"meta"_s, u"title"_s, u"style"_s, u"body"_s,
        u"h1"_s, u"h2"_s, u"h3"_s, u"p"_s, u"table"_s, u"thead"_s, u"tbody"_s, u"tr"_s, u"th"_s,
        u"td"_s, u"span"_s, u"br"_s, u"ul"_s, u"li"_s, u"pre"_s};
    const QRegularExpression tag(u"<(/?)([^\\s>/]+)([^>]*)>"_s);
    int tags = 0;
    for (auto it = tag.globalMatch(html); it.hasNext(); ++tags) {
        const auto m = it.next();
        QVERIFY2(allowed.contains(m.captured(2)), qPrintable(u"unexpected tag: "_s + m.captured(0)));
        const QString attributes = m.captured(3).toLower();
        QVERIFY2(!attributes.contains(QRegularExpression(u"\\bon\\w+\\s*="_s)), qPrintable(m.captured(0)));
        QVERIFY2(!attributes.contains(u"src="_s) && !attributes.contains(u"href="_s), qPrintable(m.captured(0)));
    }
    QVERIFY(tags > 100);
    QVERIFY(!html.contains(u"<script"_s, Qt::CaseInsensitive));
    QVERIFY(!html.contains(u"<img"_s, Qt::CaseInsensitive));
    QVERIFY(!html.contains(u"url("_s) && !html.contains(u"@import"_s));
    // The values are there, escaped: title, host, user observable, note, actor, closure, file.
    QVERIFY(html.contains(u"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; title"_s));
    QVERIFY(html.contains(u"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"_s));
    QVERIFY(html.contains(u"&lt;b&gt;mallory&lt;/b&gt;"_s));
    QVERIFY(html.contains(u"Blocked at the proxy. &quot;&gt;&lt;img"_s));
    QVERIFY(html.contains(u"<td>&lt;img src=x onerror=alert(1)&gt;.eml</td>"_s));
    QVERIFY(html.contains(u"default-src 'none'"_s));
}

void TestReport::markdownShowsStoredTextLiterally()
{
    auto report = collectIncidentReport(m_case.db, m_case.incidentId);
    QVERIFY(report.has_value());
    const QString md = renderMarkdown(*report);
    // Single values are code spans; in tables '|' would be escaped.
    QVERIFY(md.contains(u"`<script>alert(\"x\")</script> title`"_s));
    QVERIFY(md.contains(u"`\"><img src=x onerror=alert(1)>`"_s));
    // The note tries to close a ``` fence: its block is fenced with four backticks.
    QVERIFY(md.contains(u"````text\n<script>alert(\"x\")</script>\n```\n\"><img src=x onerror=alert(1)>\n````"_s));
    // Outside code spans and fenced blocks, no '<' at all: nothing from the data is markup.
    const QString rest = outsideCode(md);
    QVERIFY(rest.size() > 1000);
    QVERIFY2(!rest.contains(u'<'), qPrintable(rest.mid(rest.indexOf(u'<') - 80, 160)));
    QVERIFY(!md.contains(u"](http"_s));
}

void TestReport::sectionsAndContent()
{
    auto report = collectIncidentReport(m_case.db, m_case.incidentId);
    QVERIFY(report.has_value());
    const QString md = renderMarkdown(*report);
    dump(u"report.md"_s, md);
    dump(u"report.html"_s, renderHtml(*report));
    const QStringList order = {u"# Incident report #1"_s, u"## Summary"_s, u"## Priority"_s,
                               u"## Timeline"_s, u"## Tasks"_s, u"## Observables"_s,
                               u"## Evidence"_s, u"## Disposition and closure"_s,
                               u"### Resolution summary"_s, u"### Lessons learned"_s, u"## Notes"_s,
                               u"## Journal excerpt"_s, u"## Journal integrity"_s};
    const QString lines = u'\n' + md;
    qsizetype at = 0;
    for (const QString& h : order) {
        const qsizetype next = lines.indexOf(u'\n' + h + u'\n', at);
        QVERIFY2(next >= 0, qPrintable(u"missing or out of order: "_s + h));
        at = next + 1;
    }
    QVERIFY(md.contains(u"No response tasks: no playbook fitted this incident's rule"_s));
    QVERIFY(md.contains(u"| IP address | `198.51.100.23` | `TLP:RED` | `PAP:GREEN` | 2 |"_s));
    QVERIFY(md.contains(u"| Domain | `cdn.bad-updates.example` | `TLP:AMBER` | `PAP:AMBER` | 3 |"_s));
    QVERIFY(md.contains(u"`True positive, no impact (tp_malicious_no_impact)`"_s));
    QVERIFY(md.contains(u"```text\nAlert on Office spawning PowerShell.\n"_s));
    // The evidence: sha256("mail\n") as sha256sum prints it, 5 bytes, verified.
    QVERIFY(md.contains(u"### Evidence #1\n\n- **File:** `<img src=x onerror=alert(1)>.eml`\n"
                        u"- **Size:** 5 bytes\n- **SHA-256 (recorded):** "
                        u"`1fa29985befabc26454c975082da12b11b388d18d6a69eca08872015880d4ef8`\n"
                        u"- **Added by:** `analyst1`\n"_s));
    QVERIFY(md.contains(u"✔ verified"_s));
    QVERIFY(md.contains(u"Integrity: the journal's hash chain is intact"_s));
    // Timeline: the alert, events in time order, then the analyst's actions.
    const qsizetype alert = md.indexOf(u"| Alert |"_s);
    const qsizetype proxy = md.indexOf(u"`proxy-1`"_s);
    const qsizetype sshd = md.indexOf(u"`bastion-1`"_s);
    const qsizetype closed = md.indexOf(u"· to: closed"_s);
    QVERIFY(alert > 0 && proxy > alert && sshd > proxy);
    QVERIFY2(closed > sshd, qPrintable(md.mid(md.indexOf(u"## Timeline"_s), 3000)));
    QCOMPARE(report->eventTotal, 7);
    QCOMPARE(report->integrityProblems(), QStringList());
}

void TestReport::priorityAbsent()
{
    // Stores from before prioritisation have incidents without a priority.
    QVERIFY(m_case.db.exec(u"UPDATE incidents SET priority = NULL"_s).has_value());
    auto report = collectIncidentReport(m_case.db, m_case.incidentId);
    const QString md = renderMarkdown(*report);
    QVERIFY(md.contains(u"## Priority\n\nNot prioritised.\n"_s));
}

void TestReport::priorityWhenPresent()
{
    QVERIFY(m_case.db
                .exec(u"UPDATE incidents SET priority = 'P2', priority_score = 68, priority_parts = "
                      u"'{\"formula\":\"v1\",\"priority\":\"P2\",\"score\":68,\"level\":\"high\","
                      u"\"base\":75,\"host\":\"WS-042\",\"host_criticality\":\"high\","
                      u"\"asset_factor\":1.2,\"user_criticality\":\"unknown\",\"identity_factor\":1,"
                      u"\"rule_status\":\"test\",\"confidence\":0.75}'"_s)
                .has_value());
    auto report = collectIncidentReport(m_case.db, m_case.incidentId);
    const QString md = renderMarkdown(*report);
    QVERIFY(!md.contains(u"Not prioritised."_s));
    QVERIFY(md.contains(u"- **Priority:** `P2`"_s));
    QVERIFY(md.contains(u"- **Risk score (0–100):** 68"_s));
    // The why, one line an analyst can check by hand: 75 × 1.2 × 1 × 0.75 = 67.5 → 68.
    QVERIFY2(md.contains(u"`P2 (score 68) = high rule 75 × host WS-042 high 1.2 × no user 1 × "
                         u"confidence (test) 0.75` (formula v1)"_s),
             qPrintable(md.section(u"Why"_s, 1).left(300)));
}

void TestReport::journalHeadHashPresent()
{
    auto report = collectIncidentReport(m_case.db, m_case.incidentId);
    QVERIFY(report.has_value());
    auto id = JournalAnchor::storeId(m_case.db);
    QVERIFY(id.has_value());
    const auto head = JournalAnchor::load(*id);
    QVERIFY(head.has_value());
    QCOMPARE(head->hash.size(), 64);
    QVERIFY(report->recordedHead.has_value());
    QCOMPARE(report->recordedHead->hash, head->hash);
    QVERIFY(report->chain.has_value());
    QCOMPARE(report->chain->headHash, head->hash); // nothing written since
    for (const QString& text : {renderMarkdown(*report), renderHtml(*report)}) {
        QVERIFY(text.contains(u"entry #%1, %2"_s.arg(head->seq).arg(head->hash)));
        QVERIFY(text.contains(u"Head recorded outside the database"_s));
    }
}

void TestReport::evidenceFailureIsLoud()
{
    const auto records = EvidenceRegister::forIncident(m_case.db, m_case.incidentId);
    const QString copy = EvidenceRegister::pathOf(m_case.path(), records->front());
    QFile::setPermissions(copy, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QFile f(copy);
    QVERIFY(f.open(QIODevice::WriteOnly) && f.write("forged\n") == 7);
    f.close();
    auto report = collectIncidentReport(m_case.db, m_case.incidentId);
    QCOMPARE(report->integrityProblems().size(), 1);
    QVERIFY(report->integrityProblems().front().contains(u"ALTERED after it was attached"_s));
    const QString html = renderHtml(*report);
    QVERIFY(html.contains(u"INTEGRITY WARNING: 1 problem(s) found"_s));
    QVERIFY(html.contains(u"EVIDENCE VERIFICATION FAILED"_s));
    QVERIFY(html.contains(u"✘ ALTERED since attached"_s));
    QVERIFY(renderMarkdown(*report).contains(u"> **INTEGRITY WARNING"_s));
}

void TestReport::tasksAppear()
{
    IncidentService incidents(m_case.db, u"analyst1"_s);
    QVERIFY(incidents.changeStatus(m_case.incidentId, StatusChange::move(IncidentStatus::Investigating)));
    TaskService tasks(m_case.db, u"analyst1"_s);
    const PlaybookLibrary lib = PlaybookLibrary::loadStandard();
    auto attached = tasks.attachPlaybook(m_case.incidentId, *lib.find(u"malware"_s));
    QVERIFY(attached.has_value());
    auto own = tasks.addTask(m_case.incidentId, TaskPhase::Recovery, kScript + u" rebuild"_s);
    QVERIFY(own.has_value());
    TaskUpdate done;
    done.status = TaskStatus::Done;
    done.owner = kImg;
    done.notes = u"Isolated via EDR at 09:40.\n"_s + kScript;
    done.effectiveNs = civilToNs(2024, 5, 14, 9, 40, 0, 0);
    QVERIFY(tasks.update(attached->firstTaskId, done).has_value());
    TaskUpdate skipped;
    skipped.status = TaskStatus::Skipped;
    QVERIFY(tasks.update(*own, skipped).has_value());

    auto report = collectIncidentReport(m_case.db, m_case.incidentId);
    QVERIFY(report.has_value());
    QCOMPARE(report->tasks.size(), size_t(attached->taskCount + 1));
    QVERIFY(report->integrityProblems().isEmpty());
    const QString md = renderMarkdown(*report);
    dump(u"report_tasks.md"_s, md);
    const QString first = lib.find(u"malware"_s)->tasks.front().title;
    QVERIFY(md.contains(u"| Phase | Task | Status | Owner | Done (UTC) |"_s));
    QVERIFY2(md.contains(u"| Containment | `#%1 %2` | ✔ Done | `\"><img src=x onerror=alert(1)>` | "
                         u"2024-05-14T09:40:00Z |"_s.arg(attached->firstTaskId).arg(first)),
             qPrintable(md));
    QVERIFY(md.contains(u"12 tasks: 1 done, 1 skipped, 10 still open."_s));
    QVERIFY(md.contains(u"```text\nIsolated via EDR at 09:40.\n<script>"_s));
    const QString html = renderHtml(*report);
    QVERIFY(html.contains(u"<th>Phase</th><th>Task</th><th>Status</th><th>Owner</th><th>Done (UTC)</th>"_s)
            || html.contains(u"<th>Phase</th>"_s));
    QVERIFY(html.contains(u"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; rebuild"_s));
    QVERIFY(!html.contains(u"<script"_s, Qt::CaseInsensitive));
    QVERIFY(html.contains(u"2024-05-14T09:40:00Z"_s));
}

void TestReport::cliEndToEnd_data()
{
    QTest::addColumn<QStringList>("args");  // %DB% and %DIR% are replaced
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("written");   // file expected afterwards, or empty
    QTest::addColumn<QString>("says");      // stdout or stderr holds this
    QTest::addRow("html") << QStringList{u"--db"_s, u"%DB%"_s, u"--incident"_s, u"1"_s, u"--out"_s, u"%DIR%/r.html"_s}
                          << 0 << u"r.html"_s << u"report: incident 1 written to"_s;
    QTest::addRow("markdown") << QStringList{u"--db"_s, u"%DB%"_s, u"--incident=1"_s, u"--out"_s, u"%DIR%/r.md"_s}
                              << 0 << u"r.md"_s << u"1 of 1 evidence files verified"_s;
    QTest::addRow("pdf belongs to the app") << QStringList{u"--db"_s, u"%DB%"_s, u"--incident"_s, u"1"_s, u"--out"_s, u"%DIR%/r.pdf"_s}
                                            << 1 << QString() << u"vigil --report"_s;
    QTest::addRow("unknown extension") << QStringList{u"--db"_s, u"%DB%"_s, u"--incident"_s, u"1"_s, u"--out"_s, u"%DIR%/r.txt"_s}
                                       << 1 << QString() << u".html or .md"_s;
    QTest::addRow("no such incident") << QStringList{u"--db"_s, u"%DB%"_s, u"--incident"_s, u"42"_s, u"--out"_s, u"%DIR%/r.md"_s}
                                      << 1 << QString() << u"no incident 42"_s;
    QTest::addRow("incident not a number") << QStringList{u"--db"_s, u"%DB%"_s, u"--incident"_s, u"one"_s, u"--out"_s, u"%DIR%/r.md"_s}
                                           << 1 << QString() << u"incident number"_s;
    QTest::addRow("missing out") << QStringList{u"--db"_s, u"%DB%"_s, u"--incident"_s, u"1"_s}
                                 << 1 << QString() << u"are required"_s;
    QTest::addRow("tampered evidence: written, exit 3") << QStringList{u"tamper"_s, u"--db"_s, u"%DB%"_s, u"--incident"_s, u"1"_s, u"--out"_s, u"%DIR%/t.html"_s}
                                                        << 3 << u"t.html"_s << u"WARNING"_s;
}

void TestReport::cliEndToEnd()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, written);
    QFETCH(QString, says);
    if (args.first() == u"tamper"_s) {
        args.removeFirst();
        const auto records = EvidenceRegister::forIncident(m_case.db, m_case.incidentId);
        const QString copy = EvidenceRegister::pathOf(m_case.path(), records->front());
        QVERIFY(QFile::setPermissions(copy, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        QVERIFY(QFile::remove(copy));
    }
    QStringList full = {u"report"_s};
    for (QString a : args) {
        full << a.replace(u"%DB%"_s, m_case.path()).replace(u"%DIR%"_s, m_case.dir->path());
    }
    const Run run = cli(full);
    QVERIFY2(run.exitCode == exitCode, qPrintable(run.out + run.err));
    QVERIFY2(QString(run.out + run.err).contains(says), qPrintable(run.out + run.err));
    if (!written.isEmpty()) {
        const QString text = readText(m_case.dir->filePath(written));
        QVERIFY(text.contains(u"Incident report #1"_s));
        QVERIFY(text.contains(u"198.51.100.23"_s));
        QVERIFY(!text.contains(u"<script"_s) || written.endsWith(u".md"_s));
    }
}

QTEST_GUILESS_MAIN(TestReport)
#include "tst_report.moc"
