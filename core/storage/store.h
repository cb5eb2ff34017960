#pragma once

#include <QString>

#include "storage/database.h"
#include "util/result.h"

namespace vigil {

/**
 * @brief Opens Vigil's SQLite store with the pragmas and schema it needs.
 *
 * Threading: the writer connection (openWriter) is used by one thread at a time — the import
 * job or the triage actions; SQLite serialises writers across connections and the busy timeout
 * makes a second writer wait for the current batch. Views open their own reader connections
 * (openReader); in WAL mode readers never block the writer.
 */
class Store {
public:
    /**
     * @brief Opens or creates @p path for writing, switches to WAL and migrates the schema.
     * The folder must exist (see defaultPath() for the one Vigil creates itself).
     */
    static Result<Database> openWriter(const QString& path);
    /** @brief Opens an existing store for reading only; fails when the schema is unknown. */
    static Result<Database> openReader(const QString& path);
    /** @brief Default store location: the user's data folder + "/vigil.sqlite". */
    static QString defaultPath();
};

} // namespace vigil
