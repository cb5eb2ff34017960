#include "storage/event_store.h"

#include "model/event.h"
#include "util/json.h"
#include "util/timestamp.h"

namespace vigil {

Result<EventWriter> EventWriter::create(Database& db)
{
    EventWriter w;
    w.m_db = &db;
    auto ev = db.prepare(
        u"INSERT INTO events (time_ns, time_digits, time_source, received_ns, host, source, "
        u"source_pos, source_is_record, format, severity, summary, fields, raw, import_id, common) "
        u"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
    if (!ev) {
        return ev.error();
    }
    auto rej = db.prepare(
        u"INSERT INTO rejects (import_id, source, line, byte_offset, format, reason, raw, "
        u"received_ns) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (!rej) {
        return rej.error();
    }
    w.m_insertEvent = std::move(*ev);
    w.m_insertReject = std::move(*rej);
    return w;
}

Result<void> EventWriter::insert(Event& e, qint64 importId)
{
    Statement& s = m_insertEvent;
    s.bind(1, e.timeNs);
    s.bind(2, e.timeDigits);
    s.bind(3, int(e.timeSource));
    s.bind(4, e.receivedNs);
    s.bindOptional(5, e.host.isEmpty() ? QString() : e.host);
    s.bind(6, e.source);
    s.bind(7, e.sourcePos);
    s.bind(8, e.sourceIsRecord ? 1 : 0);
    s.bind(9, e.format);
    if (e.severity >= 0) {
        s.bind(10, e.severity);
    } else {
        s.bindNull(10);
    }
    s.bind(11, e.summary.isNull() ? QStringLiteral("") : e.summary);
    s.bindUtf8(12, fieldsToJson(e.fields));
    s.bind(13, e.raw.isNull() ? QStringLiteral("") : e.raw);
    if (importId > 0) {
        s.bind(14, importId);
    } else {
        s.bindNull(14);
    }
    s.bindUtf8(15, e.common.isEmpty() ? QByteArray("{}") : fieldsToJson(e.common));
    if (auto r = s.run(); !r) {
        return r.error();
    }
    e.id = m_db->lastInsertId();
    return {};
}

Result<void> EventWriter::insertReject(const Reject& r, qint64 importId)
{
    Statement& s = m_insertReject;
    if (importId > 0) {
        s.bind(1, importId);
    } else {
        s.bindNull(1);
    }
    s.bind(2, r.source);
    s.bind(3, r.line);
    s.bind(4, r.byteOffset);
    s.bindOptional(5, r.format);
    s.bind(6, r.reason);
    s.bindBlob(7, r.raw);
    s.bind(8, r.receivedNs);
    return s.run();
}

Result<qint64> beginImportRun(Database& db, const QString& source, const QString& format)
{
    auto s = db.prepare(u"INSERT INTO import_runs (started_ns, source, format, status) "
                        u"VALUES (?1, ?2, ?3, 'running')");
    if (!s) {
        return s.error();
    }
    s->bind(1, nowNs());
    s->bind(2, source);
    s->bindOptional(3, format);
    if (auto r = s->run(); !r) {
        return r.error();
    }
    return db.lastInsertId();
}

Result<void> setImportRunContentHash(Database& db, qint64 runId, const QString& sha256)
{
    auto s = db.prepare(u"UPDATE import_runs SET content_sha256 = ?2 WHERE id = ?1");
    if (!s) {
        return s.error();
    }
    s->bind(1, runId);
    s->bind(2, sha256);
    return s->run();
}

Result<void> finishImportRun(Database& db, qint64 runId, const QString& status,
                             const QString& format, const ImportRunCounts& counts,
                             const QString& message)
{
    auto s = db.prepare(u"UPDATE import_runs SET finished_ns = ?1, status = ?2, records_read = ?3, "
                        u"events_stored = ?4, rejected = ?5, message = ?6, "
                        u"format = coalesce(?8, format) WHERE id = ?7");
    if (!s) {
        return s.error();
    }
    s->bind(1, nowNs());
    s->bind(2, status);
    s->bind(3, counts.recordsRead);
    s->bind(4, counts.eventsStored);
    s->bind(5, counts.rejected);
    s->bindOptional(6, message);
    s->bind(7, runId);
    s->bindOptional(8, format.isEmpty() ? QString() : format);
    return s->run();
}

void readEventRow(const Statement& s, int c, Event& e)
{
    e.id = s.int64(c + 0);
    e.timeNs = s.int64(c + 1);
    e.timeDigits = int(s.int64(c + 2));
    e.timeSource = s.int64(c + 3) == 1 ? TimeSource::Received : TimeSource::Event;
    e.receivedNs = s.int64(c + 4);
    e.host = s.text(c + 5);
    e.source = s.text(c + 6);
    e.sourcePos = s.int64(c + 7);
    e.sourceIsRecord = s.int64(c + 8) != 0;
    e.format = s.text(c + 9);
    e.severity = s.isNull(c + 10) ? -1 : int(s.int64(c + 10));
    e.summary = s.text(c + 11);
    e.fields.clear();
    // Fields were written by fieldsToJson; a parse failure here means the row was edited by hand.
    if (!parseJsonObjectFlat(s.blob(c + 12), e.fields, nullptr)) {
        e.fields.clear();
    }
    e.raw = s.text(c + 13);
    e.common.clear();
    if (!parseJsonObjectFlat(s.blob(c + 14), e.common, nullptr)) {
        e.common.clear();
    }
}

Result<Event> loadEvent(Database& db, qint64 id)
{
    auto s = db.prepare(QStringLiteral("SELECT %1 FROM events WHERE id = ?1")
                            .arg(QStringView(kEventColumns)));
    if (!s) {
        return s.error();
    }
    s->bind(1, id);
    auto row = s->step();
    if (!row) {
        return row.error();
    }
    if (!*row) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no event with id %1").arg(id));
    }
    Event e;
    readEventRow(*s, 0, e);
    return e;
}

} // namespace vigil
