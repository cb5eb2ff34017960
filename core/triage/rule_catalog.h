#pragma once

#include <QStringList>

#include "util/result.h"

namespace vigil {

class Database;
namespace sigma {
class RuleSet;
}

/**
 * @brief Bridges the database's rule library and the Sigma engine.
 *
 * Rules used by an import or a store hunt join the library, so the alerts they raise can always
 * be traced to the rule text that raised them, and later imports keep detecting with them.
 */
class RuleCatalog {
public:
    /** @brief Adds the library's enabled rules that @p rules does not hold yet (by uid). */
    static Result<int> loadEnabled(Database& db, sigma::RuleSet& rules);
    /**
     * @brief Records every rule of @p rules in the library and replaces the recorded load
     * problems of @p paths (files or folders) with the rule set's current ones.
     */
    static Result<void> remember(Database& db, const sigma::RuleSet& rules,
                                 const QStringList& paths);

    /**
     * @brief Adds Vigil's starter rules (resources/rules, shipped in the binary) to the library
     * the first time a store sees them; returns how many were added (0 when seeded before, also
     * if the user since disabled or changed them).
     */
    static Result<int> seedStarterRules(Database& db);

    /** @brief Loads the starter rules into @p rules (for tests and the demo). */
    static void addStarterRules(sigma::RuleSet& rules);
};

} // namespace vigil
