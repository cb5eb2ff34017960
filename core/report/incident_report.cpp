#include "report/incident_report.h"

#include <QFileInfo>
#include <QSaveFile>

#include "storage/database.h"
#include "util/text.h"
#include "util/timestamp.h"

namespace vigil {

namespace {

Result<qint64> linkedEventCount(Database& db, qint64 incidentId)
{
    auto s = db.prepare(u"SELECT count(*) FROM incident_events WHERE incident_id = ?1");
    if (!s) {
        return s.error();
    }
    s->bind(1, incidentId);
    auto row = s->step();
    if (!row) {
        return row.error();
    }
    return s->int64(0);
}

// The store's journal as a whole, and the head this installation keeps outside the database.
void collectIntegrity(Database& db, IncidentReport& r)
{
    auto check = Journal::verify(db);
    if (check) {
        r.chain = *check;
    } else {
        r.chainError = check.error().toString();
    }
    auto disagreements = IncidentQueries::journalDisagreements(db, r.incident.id);
    if (disagreements) {
        r.disagreements = *disagreements;
    }
    auto id = JournalAnchor::storeId(db); // a reader cannot create one: then none is recorded
    if (id) {
        r.recordedHead = JournalAnchor::load(*id);
        r.headFile = JournalAnchor::configDir() + QStringLiteral("/journal-heads/") + *id
            + QStringLiteral(".json");
    }
}

} // namespace

QStringList IncidentReport::integrityProblems() const
{
    QStringList problems;
    if (!chainError.isEmpty()) {
        problems << QStringLiteral("The journal could not be checked: ") + chainError;
    } else if (chain && !chain->ok()) {
        problems << (chain->firstBrokenSeq != 0
                         ? fill(u"The journal was altered outside Vigil at entry %1: %2",
                                {QString::number(chain->firstBrokenSeq), chain->problem})
                         : QStringLiteral("The journal was altered outside Vigil: ") + chain->problem);
    }
    for (const QString& d : disagreements) {
        problems << QStringLiteral("This incident was changed outside Vigil: ") + d;
    }
    for (const EvidenceCheck& c : evidence) {
        if (!c.ok()) {
            problems << c.message;
        }
    }
    return problems;
}

Result<IncidentReport> collectIncidentReport(Database& db, qint64 incidentId,
                                             const ReportOptions& options)
{
    IncidentReport r;
    auto incident = IncidentQueries::load(db, incidentId);
    if (!incident) {
        return incident.error();
    }
    r.incident = *incident;
    auto alerts = IncidentQueries::alerts(db, incidentId);
    if (!alerts) {
        return alerts.error();
    }
    r.alerts = std::move(*alerts);
    auto events = IncidentQueries::events(db, incidentId, std::max(0, options.eventLimit));
    if (!events) {
        return events.error();
    }
    r.events = std::move(*events);
    auto total = linkedEventCount(db, incidentId);
    if (!total) {
        return total.error();
    }
    r.eventTotal = *total;
    auto notes = IncidentQueries::notes(db, incidentId);
    if (!notes) {
        return notes.error();
    }
    r.notes = std::move(*notes);
    auto journal = Journal::forObject(db, QStringLiteral("incident"), incidentId);
    if (!journal) {
        return journal.error();
    }
    r.journal = std::move(*journal);
    auto observables = ObservableQueries::collect(db, incidentId);
    if (!observables) {
        return observables.error();
    }
    r.observables = std::move(*observables);
    auto evidence = EvidenceRegister::verify(db, incidentId);
    if (!evidence) {
        return evidence.error();
    }
    r.evidence = std::move(*evidence);
    auto tasks = TaskQueries::forIncident(db, incidentId);
    if (!tasks) {
        return tasks.error();
    }
    r.tasks = std::move(*tasks);
    collectIntegrity(db, r);
    r.generatedNs = nowNs();
    r.generatedBy = localActor();
    r.storeName = QFileInfo(db.path()).fileName();
    return r;
}

std::optional<ReportFormat> reportFormatForPath(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"html" || suffix == u"htm") {
        return ReportFormat::Html;
    }
    if (suffix == u"md" || suffix == u"markdown") {
        return ReportFormat::Markdown;
    }
    if (suffix == u"pdf") {
        return ReportFormat::Pdf;
    }
    return std::nullopt;
}

Result<void> writeTextReport(const IncidentReport& report, ReportFormat format, const QString& path)
{
    if (format == ReportFormat::Pdf) {
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("PDF reports are written by the app (vigil --report)"));
    }
    const QString text = format == ReportFormat::Html ? renderHtml(report) : renderMarkdown(report);
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(text.toUtf8()) < 0 || !out.commit()) {
        Error e = makeError(ErrorCode::Io, QStringLiteral("cannot write the report: ")
                                               + out.errorString());
        e.file = path;
        return e;
    }
    return {};
}

} // namespace vigil
