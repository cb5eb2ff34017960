#include "triage/bulk_triage.h"

namespace vigil {

BulkOutcome applyToEach(const std::vector<qint64>& ids,
                        const std::function<Result<void>(qint64)>& action)
{
    BulkOutcome out;
    for (const qint64 id : ids) {
        if (auto r = action(id); r) {
            out.done.push_back(id);
        } else {
            out.refused.emplace_back(id, r.error());
        }
    }
    return out;
}

} // namespace vigil
