#pragma once

#include <vector>

#include <QString>
#include <QStringList>

#include "sigma/detection.h"

namespace vigil::sigma::detail {

/** @brief Why a condition was rejected; @c offset is the 0-based position in the text. */
struct ConditionError {
    QString message;
    qsizetype offset = 0;
    bool unsupported = false;
};

/**
 * @brief Parses a Sigma condition (sigma-semantics.md §5) over the search identifiers
 * @p identifiers: `not` > `and` > `or`, parentheses, `1|any|all|N of pattern|them`.
 *
 * Operators are lower-case whole words. Patterns use `*` only and skip identifiers starting
 * with `_` unless the pattern itself starts with `_`. Legacy aggregations (`|`, `near`) are
 * reported as unsupported. Returns false and fills @p error on failure; @p warnings receives
 * remarks about extensions used (`N of` with N > 1).
 */
bool parseCondition(const QString& text, const std::vector<QString>& identifiers, CondNode& out,
                    ConditionError& error, QStringList& warnings);

} // namespace vigil::sigma::detail
