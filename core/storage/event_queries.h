#pragma once

#include <atomic>
#include <span>
#include <vector>

#include <QString>

#include "util/result.h"

namespace vigil {

class Database;

/** @brief The columns an event list shows: everything but the fields and the raw record. */
struct EventRow {
    qint64 id = 0;
    qint64 timeNs = 0;
    int timeDigits = 0;
    bool timeFromReceipt = false;
    QString host;
    QString source;
    qint64 sourcePos = 0;
    bool sourceIsRecord = false;
    QString format;
    int severity = -1;
    QString summary;
};

/**
 * @brief Which events a list shows and in which order.
 *
 * @c text holds terms separated by spaces, all of which must hold (case-insensitive):
 * - `word` or `"a phrase"`: contained in the host, the source or the raw record;
 * - `host:x`, `format:x`, `source:x`: contained in that column;
 * - `file.log:42`: the record at line 42 of a source whose name ends in file.log;
 * - `-term`: the opposite of any of the above.
 */
struct EventFilter {
    QString text;
    bool newestFirst = false;
};

/**
 * @brief Read-only event queries for virtual lists: the ordered ids of a filter first, then
 * rows for any range of them, so a view of millions of events fetches only what is visible.
 *
 * Threading: call on the thread that owns @p db (a reader connection per worker).
 */
class EventQueries {
public:
    static Result<qint64> countAll(Database& db);
    /**
     * @brief All matching ids in display order. Checks @p cancel every few thousand rows and
     * returns what it has when set (the caller discards it).
     */
    static Result<std::vector<qint64>> orderedIds(Database& db, const EventFilter& filter,
                                                  const std::atomic<bool>* cancel = nullptr);
    /** @brief Rows for @p ids, in the order of @p ids (missing ids are left out). */
    static Result<std::vector<EventRow>> rows(Database& db, std::span<const qint64> ids);
};

} // namespace vigil
