#pragma once

#include <QString>

#include "report/incident_report.h"
#include "util/result.h"

namespace vigil {

class Database;

/** @brief What an export wrote. */
struct ReportExportResult {
    ReportFormat format = ReportFormat::Html;
    int pages = 0;              ///< PDF only
    QStringList problems;       ///< integrity problems the report carries (evidence, journal)
};

/**
 * @brief Writes @p report as an A4 PDF: the HTML report laid out by QTextDocument, each page
 * with a footer naming the incident, the page ("page 2 of 5") and the journal head. Returns
 * the number of pages. Needs a QGuiApplication (the offscreen platform will do).
 */
Result<int> writePdfReport(const IncidentReport& report, const QString& path);

/** @brief Collects the report of @p incidentId and writes it in the format of @p path's extension. */
Result<ReportExportResult> exportIncidentReport(Database& db, qint64 incidentId,
                                                const QString& path);

/**
 * @brief `vigil --report N --db FILE --out FILE.pdf|.html|.md`: writes the report without a
 * window and returns the exit code (0 written, 1 usage, 2 the store could not be read, 3 written
 * but evidence or journal failed verification); messages go to stderr.
 */
int runReportCommand(const QString& dbPath, const QString& incident, const QString& outPath);

} // namespace vigil
