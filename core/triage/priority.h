#pragma once

#include <array>
#include <optional>

#include <QByteArray>
#include <QString>

#include "util/result.h"

namespace vigil {

class Database;

/** @brief How much an asset or identity matters to the organisation. */
enum class Criticality : quint8 { Unknown, Low, Medium, High, Critical };

/** @brief "low", "medium", "high", "critical" ("unknown" for Unknown). */
QString criticalityCode(Criticality c);
/** @brief Parses a code (case-insensitive); nothing for anything else. */
std::optional<Criticality> criticalityFromCode(QStringView code);

/** @brief What the priority of an incident is computed from. */
struct PriorityInput {
    int level = 2;                  ///< the highest rule level: 0 informational .. 4 critical
    QString host;                   ///< empty when the alerts name no host
    Criticality hostCriticality = Criticality::Unknown;
    QString user;                   ///< the most critical identity among the alerts' events
    Criticality userCriticality = Criticality::Unknown;
    QString ruleStatus;             ///< Sigma status of the rule (stable, test, experimental ...)
};

/**
 * @brief A priority with the parts it was computed from, so an analyst can see why.
 *
 * Formula v1 (docs/design.md, "Prioritisation"): score = base(level) × asset factor ×
 * identity factor × confidence, rounded and capped to 0..100; P1 from 80, P2 from 60, P3 from
 * 35, P4 below. base: informational 10, low 25, medium 50, high 75, critical 95. Factors for
 * criticality: unknown 1.0, low 0.8, medium 1.0, high 1.2, critical 1.4. Confidence from the
 * rule status: stable 1.0, test 0.9, experimental 0.8, deprecated or unsupported 0.6, other or
 * none 0.9.
 */
struct Priority {
    int score = 0;    ///< 0..100 risk score
    int level = 4;    ///< 1 (P1, most urgent) .. 4
    double base = 0;
    double assetFactor = 1;
    double identityFactor = 1;
    double confidence = 1;
    PriorityInput input;

    /** @brief "P1" .. "P4". */
    QString code() const;
    /** @brief One line: "P2 (score 68) = high rule 75 × host dc01 critical 1.4 × …". */
    QString explanation() const;
    /** @brief The parts as a JSON object, with the formula version. */
    QByteArray partsJson() const;
    /** @brief Reads partsJson() back (as stored with an incident); nothing if unreadable. */
    static std::optional<Priority> fromPartsJson(const QByteArray& json);
};

/** @brief The version recorded with every computed priority. */
inline constexpr char16_t kPriorityFormula[] = u"v1";

/** @brief Computes the priority of @p input with formula v1. */
Priority computePriority(const PriorityInput& input);

/**
 * @brief Due times per priority (service level): how long after an incident is declared it
 * should be resolved. Stored per store in the meta table (keys sla.p1 … sla.p4, seconds).
 */
struct SlaPolicy {
    std::array<qint64, 4> dueSeconds{4 * 3600, 24 * 3600, 72 * 3600, 7 * 24 * 3600};

    qint64 dueNs(int priorityLevel) const;

    /** @brief The store's policy (defaults where nothing is set). */
    static Result<SlaPolicy> load(Database& db);
    /** @brief Saves the policy into the store (caller's transaction or autocommit). */
    Result<void> save(Database& db) const;
};

} // namespace vigil
