#pragma once

#include "util/result.h"

namespace vigil {

class Database;

/** @brief The schema version this build writes; databases are migrated up to it on open. */
int currentSchemaVersion();

/**
 * @brief Brings @p db to currentSchemaVersion(), one migration per transaction.
 *
 * A database newer than this build is refused (ErrorCode::Schema) rather than touched.
 */
Result<void> migrate(Database& db);

/** @brief The version recorded in the database (PRAGMA user_version). */
Result<int> schemaVersion(Database& db);

} // namespace vigil
