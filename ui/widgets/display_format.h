#pragma once

#include <QColor>
#include <QString>

namespace vigil::ui {

/** @brief ISO 8601 UTC with at most @p maxDigits of the source's fractional digits. */
QString timeText(qint64 ns, int digits, int maxDigits = 3);

/** @brief "3 h 12 min", "2 d 4 h": a duration for people. */
QString durationText(qint64 ns);

/** @brief 1,234,567 in the user's locale. */
QString numberText(qint64 n);

/**
 * @brief Severity colours that stay apart for colour-blind users (grey, blue, amber,
 * orange-red, magenta); always shown together with the word.
 */
QColor severityColor(int level);
/** @brief Translated severity name, 0 informational .. 4 critical. */
QString severityText(int level);

/** @brief Translated incident status and disposition names from their codes. */
QString statusText(const QString& code);
QString dispositionText(const QString& code);

/** @brief The accent colour used for selection and primary buttons. */
QColor accentColor();

} // namespace vigil::ui
