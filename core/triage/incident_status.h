#pragma once

#include <optional>
#include <vector>

#include <QString>
#include <QStringView>

namespace vigil {

/**
 * @brief Incident states, mirroring the NIST response phases (iem-vocabulary.md §1).
 *
 * Stored by code name (codeOf); the UI translates the display names.
 */
enum class IncidentStatus : quint8 {
    New,
    Investigating,
    Contained,
    Eradicated,
    Recovered,
    Resolved,
    Closed,
    OnHold,
};

/** @brief Analyst verdicts required to close an incident (iem-vocabulary.md §3). */
enum class Disposition : quint8 {
    Undetermined,
    TpMaliciousImpact,
    TpMaliciousNoImpact,
    BenignPositive,
    FpLogic,
    FpData,
    Duplicate,
    Other,
};

QString codeOf(IncidentStatus status);
std::optional<IncidentStatus> incidentStatusFromCode(QStringView code);
/** @brief English display name ("On hold"); UI code wraps these in tr(). */
QString displayName(IncidentStatus status);
/** @brief Whether the incident still needs work (everything but Resolved and Closed). */
bool isOpen(IncidentStatus status);
std::vector<IncidentStatus> allIncidentStatuses();

QString codeOf(Disposition disposition);
std::optional<Disposition> dispositionFromCode(QStringView code);
QString displayName(Disposition disposition);
std::vector<Disposition> allDispositions();

/**
 * @brief The states an incident may move to from @p from.
 *
 * @p heldFrom is the state an On hold incident came from: On hold only returns there.
 * Closing needs a disposition; the service enforces that, not this table.
 */
std::vector<IncidentStatus> allowedTransitions(IncidentStatus from,
                                               std::optional<IncidentStatus> heldFrom);

/** @brief Whether the move from @p from to @p to is a reopen (back to Investigating). */
bool isReopen(IncidentStatus from, IncidentStatus to);

/** @brief Sigma-level style severity names, 0 informational .. 4 critical. */
QString severityCode(int level);
int severityFromCode(QStringView code);

} // namespace vigil
