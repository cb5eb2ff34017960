#pragma once

// Building blocks shared by the report's section builders (report_text.cpp,
// report_sections.cpp). Internal to core/report.

#include <vector>

#include <QByteArray>
#include <QString>
#include <QStringList>

#include "report/report_text.h"

namespace vigil {
struct IncidentReport;
}

namespace vigil::report::detail {

/** @brief ISO 8601 UTC to the second, or "—" for 0. */
QString when(qint64 ns);
/** @brief 1,234,567 (locale-independent). */
QString grouped(qint64 n);
/** @brief "1.5 MiB (1,572,864 bytes)". */
QString sizeText(qint64 bytes);
/** @brief A journal entry's JSON details as "key: value · key: value". */
// Brief leaves out nested objects (such as a priority's parts): the timeline gives the gist, the
// journal excerpt every field.
enum class DetailLevel { Full, Brief };
QString readableDetails(const QByteArray& json, DetailLevel level = DetailLevel::Full);
/** @brief Display name of a disposition code (the code itself when unknown). */
QString dispositionName(const QString& code);

Block heading(const QString& text, int level = 2, bool pageBreak = false);
Block paragraph(std::vector<Span> spans);
Block keyValues(std::vector<std::vector<Span>> rows);
Block table(QStringList headers, std::vector<std::vector<Span>> rows);
Block literal(const QString& text);

void addTimeline(const IncidentReport& r, Document& doc);
void addInvestigation(const IncidentReport& r, Document& doc);
void addTasks(const IncidentReport& r, Document& doc); // report_tasks.cpp
void addClosure(const IncidentReport& r, Document& doc);
void addJournal(const IncidentReport& r, Document& doc);

} // namespace vigil::report::detail
