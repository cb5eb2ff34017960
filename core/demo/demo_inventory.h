#pragma once

#include "util/result.h"

namespace vigil {
class Database;
}

namespace vigil::demo {

/**
 * @brief Adds the demo company's asset and identity inventory (the domain controller and the
 * firewall critical, servers, finance and IT machines high, other workstations medium; the
 * administrators' accounts), so the demo's incidents are prioritised as a SOC would. Names
 * are those the demo's events carry (Windows FQDNs, Linux short names). Returns how many rows
 * were added or changed.
 */
Result<int> seedInventory(Database& db);

} // namespace vigil::demo
