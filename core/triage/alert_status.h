#pragma once

#include <optional>
#include <vector>

#include <QString>
#include <QStringView>

namespace vigil {

/**
 * @brief An alert's own workflow (iem-vocabulary.md §1), separate from its incident's:
 * New → Acknowledged → In triage → Escalated (into an incident) or Closed, plus Suppressed
 * (hidden by a suppression, still stored and counted) and Merged (a duplicate of another alert).
 *
 * Stored by code name (codeOf); the UI translates the display names.
 */
enum class AlertStatus : quint8 {
    New,
    Acknowledged,
    InTriage,
    Escalated,
    Closed,
    Suppressed,
    Merged,
};

QString codeOf(AlertStatus status);
std::optional<AlertStatus> alertStatusFromCode(QStringView code);
/** @brief English display name ("In triage"); UI code wraps these in tr(). */
QString displayName(AlertStatus status);
std::vector<AlertStatus> allAlertStatuses();
/** @brief The codes of every status, comma-separated, for messages. */
QString alertStatusCodes();

/**
 * @brief The states an alert may move to from @p from.
 *
 * Escalated and Merged are final (the incident carries the work on); a Closed alert can be
 * taken back into triage, and so can a Suppressed one (an analyst looks at what was hidden).
 */
std::vector<AlertStatus> allowedTransitions(AlertStatus from);

} // namespace vigil
