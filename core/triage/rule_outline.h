#pragma once

#include <QString>
#include <QStringList>

namespace vigil {

/** @brief What the Rules view groups by: a rule's ATT&CK tags and log source. */
struct RuleOutline {
    QStringList tactics;    ///< tag form in kill-chain order, e.g. "defense-evasion"
    QStringList techniques; ///< e.g. "T1059.001"
    QString product;
    QString category;
    QString service;

    /** @brief "windows / process_creation", "linux / sshd", or "any". */
    QString logSource() const;
};

/** @brief Reads the outline from a rule's YAML text; fields stay empty where it has none. */
RuleOutline outlineOf(const QString& yaml);

/** @brief The 14 enterprise ATT&CK tactics in kill-chain order, in Sigma tag form. */
const QStringList& attackTactics();

/** @brief "defense-evasion" → "Defense Evasion" (English names; ATT&CK's own). */
QString tacticName(const QString& tactic);

} // namespace vigil
