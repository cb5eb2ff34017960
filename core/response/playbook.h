#pragma once

#include <optional>
#include <vector>

#include <QString>
#include <QStringList>

namespace vigil {

/** @brief The response phases a task belongs to (NIST SP 800-61: containment, eradication, recovery). */
enum class TaskPhase { Containment, Eradication, Recovery };

/** @brief The three phases in the order they are worked. */
const std::vector<TaskPhase>& allTaskPhases();
/** @brief "containment", "eradication", "recovery": stored and written in playbooks. */
QString codeOf(TaskPhase phase);
/** @brief "Containment"... for people. */
QString displayName(TaskPhase phase);
std::optional<TaskPhase> taskPhaseFromCode(const QString& code);

/** @brief One task a playbook adds: its phase, a short title and what to do. */
struct PlaybookTask {
    TaskPhase phase = TaskPhase::Containment;
    QString title;
    QString description;
};

/** @brief What a rule that raised an incident says about itself (from its YAML in the library). */
struct RuleFacts {
    QStringList tags;   ///< lower case as written: "attack.credential-access", "attack.t1110.001"
    QString category;   ///< logsource category, lower case
    QString service;    ///< logsource service, lower case
    QString product;    ///< logsource product, lower case
};

/** @brief Reads tags and log source from a Sigma rule's YAML; empty when it cannot be read. */
RuleFacts ruleFactsOf(const QString& yaml);

/**
 * @brief A response playbook: tasks per phase and the rules it fits.
 *
 * A playbook fits a rule when any of its match tags equals one of the rule's tags, or is a
 * technique the rule's tag refines (`attack.t1110` fits `attack.t1110.001`), or when the rule's
 * log source category or service is one it lists.
 */
struct Playbook {
    QString id;          ///< lower-case letters, digits, '-' and '_'
    QString title;
    QString description;
    QStringList tags;       ///< match: Sigma tags, lower case
    QStringList categories; ///< match: log source categories, lower case
    QStringList services;   ///< match: log source services, lower case
    std::vector<PlaybookTask> tasks; ///< in phase order, then as written
    QString file;           ///< where it was read from (":/playbooks/..." for shipped ones)

    /** @brief Why this playbook fits @p rule ("tag attack.t1110"), or empty when it does not. */
    QString matchReason(const RuleFacts& rule) const;
    /** @brief Tasks of one phase. */
    int taskCount(TaskPhase phase) const;
};

} // namespace vigil
