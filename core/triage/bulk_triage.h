#pragma once

#include <functional>
#include <utility>
#include <vector>

#include "util/result.h"

namespace vigil {

/** @brief What a bulk action did: the incidents it changed and each refusal with its reason. */
struct BulkOutcome {
    std::vector<qint64> done;
    std::vector<std::pair<qint64, Error>> refused;
};

/**
 * @brief Applies @p action to each incident in @p ids in turn. Each runs in its own transaction,
 * so a refused incident (a transition its state does not allow) leaves the others done.
 */
BulkOutcome applyToEach(const std::vector<qint64>& ids,
                        const std::function<Result<void>(qint64)>& action);

} // namespace vigil
