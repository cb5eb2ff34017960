#pragma once

#include <initializer_list>

#include <QString>
#include <QStringView>

namespace vigil {

/**
 * @brief Replaces %1..%9 in @p pattern with @p args in one pass.
 *
 * Unlike chained QString::arg() calls, text inserted for one placeholder is never scanned for
 * the next, so log content holding "%2" cannot pull other values into itself.
 */
QString fill(QStringView pattern, std::initializer_list<QString> args);

/**
 * @brief Makes untrusted text safe to print on a terminal: C0 and C1 control characters, DEL
 * and the bidirectional overrides (which can reorder what a reader sees) become `\xNN` or
 * `\u{NNNN}`. With @p keepLineBreaks, '\n' and '\t' pass through (for whole messages);
 * without it they are escaped too (for one field of a line).
 */
QString escapeControls(QStringView text, bool keepLineBreaks = false);

/** @brief Whether @p c is a bidirectional embedding, override or isolate control. */
bool isBidiControl(char16_t c);

} // namespace vigil
