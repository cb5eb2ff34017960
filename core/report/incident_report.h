#pragma once

#include <optional>
#include <vector>

#include <QString>
#include <QStringList>

#include "investigation/evidence.h"
#include "investigation/observables.h"
#include "model/event.h"
#include "response/task.h"
#include "storage/journal.h"
#include "storage/journal_anchor.h"
#include "triage/incident_queries.h"
#include "util/result.h"

namespace vigil {

class Database;

/** @brief What goes into an incident report; collected once, rendered in any format. */
struct IncidentReport {
    IncidentRecord incident;
    std::vector<AlertRecord> alerts;
    std::vector<Event> events;     ///< the first linked events in time order (see eventLimit)
    qint64 eventTotal = 0;         ///< every event linked to the incident
    std::vector<NoteRecord> notes;
    std::vector<JournalEntry> journal; ///< the incident's own entries
    std::vector<ObservableRecord> observables;
    std::vector<EvidenceCheck> evidence; ///< each file verified while collecting
    std::vector<TaskRecord> tasks;       ///< response tasks in phase order

    std::optional<JournalCheck> chain; ///< the whole store's chain
    QString chainError;                ///< why the chain could not be checked
    QStringList disagreements;         ///< incident vs. its journal (edits behind Vigil's back)
    std::optional<JournalAnchor::Head> recordedHead; ///< as recorded outside the database
    QString headFile;                  ///< where that record is kept

    qint64 generatedNs = 0;
    QString generatedBy;
    QString storeName; ///< the store's file name (not its folder)

    /** @brief Everything that makes the report's content untrustworthy, one sentence each. */
    QStringList integrityProblems() const;
};

/** @brief Limits of a report. */
struct ReportOptions {
    int eventLimit = 200; ///< events listed in the timeline (alerts and actions are all listed)
};

/**
 * @brief Reads everything an incident report shows from @p db (a reader is enough): the
 * incident, its alerts, events, notes and journal entries; its observables (stored ones with
 * their markings, plus those its events hold that were not extracted yet); its evidence, each
 * file hashed again; the journal chain and the head this installation recorded outside the
 * database.
 */
Result<IncidentReport> collectIncidentReport(Database& db, qint64 incidentId,
                                             const ReportOptions& options = {});

/** @brief Output formats: the text ones come from core, PDF from the UI (QtGui). */
enum class ReportFormat : quint8 { Html, Markdown, Pdf };

/** @brief The format named by a file's extension (.html/.htm, .md/.markdown, .pdf). */
std::optional<ReportFormat> reportFormatForPath(const QString& path);

/** @brief The report as GitHub-flavoured Markdown; every stored value shown literally. */
QString renderMarkdown(const IncidentReport& report);

/**
 * @brief The report as one self-contained HTML page: every value escaped, no scripts, no
 * external resources (a Content-Security-Policy says so too), print-friendly CSS.
 */
/** @brief Where the HTML goes: a browser, or Qt's rich-text layout that paints the PDF pages. */
enum class HtmlFlavour { Browser, QtPrint };
QString renderHtml(const IncidentReport& report, HtmlFlavour flavour = HtmlFlavour::Browser);

/** @brief Writes the HTML or Markdown report to @p path atomically (UTF-8). */
Result<void> writeTextReport(const IncidentReport& report, ReportFormat format,
                             const QString& path);

} // namespace vigil
