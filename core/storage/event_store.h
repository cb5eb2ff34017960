#pragma once

#include <span>
#include <vector>

#include <QByteArray>
#include <QString>

#include "storage/database.h"
#include "util/result.h"

namespace vigil {

struct Event;

/** @brief A record that could not be parsed: kept byte for byte with where and why. */
struct Reject {
    QString source;
    qint64 line = 0;
    qint64 byteOffset = 0;
    QString format;
    QString reason;
    QByteArray raw;
    qint64 receivedNs = 0;
};

/** @brief Counters of one import run as recorded in import_runs. */
struct ImportRunCounts {
    qint64 recordsRead = 0;
    qint64 eventsStored = 0;
    qint64 rejected = 0;
};

/**
 * @brief An event's text columns as UTF-8, ready to bind: made by EventWriter::encode(), which
 * the import pipeline runs on its parsing thread so the storing thread only binds and steps.
 */
struct EncodedEvent {
    QByteArray host; ///< null for an event without host (stored as NULL)
    QByteArray summary;
    QByteArray fields;
    QByteArray raw;
    QByteArray common;
};

/**
 * @brief Bulk writer for events and rejects with statements prepared once.
 *
 * The caller owns the transaction (one per batch); the writer only inserts.
 * Threading: use from the thread that owns the Database.
 */
class EventWriter {
public:
    static Result<EventWriter> create(Database& db);

    /** @brief Inserts @p event and sets its id. */
    Result<void> insert(Event& event, qint64 importId);
    /**
     * @brief Inserts @p events in order and sets their ids, several rows per statement (the
     * bulk path of imports: a fraction of the per-statement cost of insert()).
     */
    Result<void> insertMany(std::span<Event> events, qint64 importId);
    /** @brief As above with the text columns already encoded (@p encoded parallel to @p events). */
    Result<void> insertMany(std::span<Event> events, std::span<const EncodedEvent> encoded,
                            qint64 importId);
    /** @brief The text columns of @p event as stored (thread-safe: touches no writer state). */
    static EncodedEvent encode(const Event& event);
    Result<void> insertReject(const Reject& reject, qint64 importId);

    /** @brief Rows per statement of insertMany(). */
    static constexpr int kRowsPerInsert = 32;

private:
    /** @brief Binds @p e as the row starting at parameter @p first (keeps UTF-8 in m_scratch). */
    void bindRow(Statement& s, int first, const Event& e, const EncodedEvent& text,
                 qint64 importId);
    /** @brief @p text as UTF-8, converted once per writer (sources and formats repeat). */
    const QByteArray& utf8Cached(const QString& text);
    /** @brief Forgets the cached texts when there are many; only between statements. */
    void trimCache();

    Database* m_db = nullptr;
    Statement m_insertEvent;
    Statement m_insertMany; ///< kRowsPerInsert rows
    Statement m_insertReject;
    /// Bound with SQLITE_STATIC: an entry must outlive every statement that bound it.
    std::vector<std::pair<QString, QByteArray>> m_utf8Cache;
};

/** @brief Records the start of an import run and returns its id. */
Result<qint64> beginImportRun(Database& db, const QString& source, const QString& format);

/** @brief Records the SHA-256 of the content an import run reads. */
Result<void> setImportRunContentHash(Database& db, qint64 runId, const QString& sha256);

/**
 * @brief Records the end of an import run: status is "done", "cancelled" or "failed"; @p format
 * is the format used (detected or forced).
 */
Result<void> finishImportRun(Database& db, qint64 runId, const QString& status,
                             const QString& format, const ImportRunCounts& counts,
                             const QString& message);

/** @brief Reads the event columns of a row (see kEventColumns) into @p event. */
void readEventRow(const Statement& stmt, int firstColumn, Event& event);

/** @brief Column list matching readEventRow(), for SELECTs over the events table. */
inline constexpr char16_t kEventColumns[] =
    u"id, time_ns, time_digits, time_source, received_ns, host, source, source_pos, "
    u"source_is_record, format, severity, summary, fields, raw, common";

/** @brief Loads one event by id. */
Result<Event> loadEvent(Database& db, qint64 id);

} // namespace vigil
