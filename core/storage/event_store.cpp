#include "storage/event_store.h"

#include "model/event.h"
#include "util/json.h"
#include "util/timestamp.h"

namespace vigil {

namespace {

constexpr int kEventParams = 15;

// INSERT INTO events ... VALUES (?1..?15), (?16..?30), ... for @p rows rows.
QString insertEventsSql(int rows)
{
    QString sql = QStringLiteral(
        "INSERT INTO events (time_ns, time_digits, time_source, received_ns, host, source, "
        "source_pos, source_is_record, format, severity, summary, fields, raw, import_id, common) "
        "VALUES ");
    for (int r = 0; r < rows; ++r) {
        sql += r == 0 ? QStringLiteral("(") : QStringLiteral(", (");
        for (int c = 1; c <= kEventParams; ++c) {
            sql += QStringLiteral("?%1").arg(r * kEventParams + c);
            sql += c == kEventParams ? u')' : u',';
        }
    }
    return sql;
}

} // namespace

Result<EventWriter> EventWriter::create(Database& db)
{
    EventWriter w;
    w.m_db = &db;
    auto ev = db.prepare(insertEventsSql(1));
    if (!ev) {
        return ev.error();
    }
    auto many = db.prepare(insertEventsSql(kRowsPerInsert));
    if (!many) {
        return many.error();
    }
    w.m_insertMany = std::move(*many);
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
    return insertMany(std::span<Event>(&e, 1), importId);
}

const QByteArray& EventWriter::utf8Cached(const QString& text)
{
    // An import's events share their source and few formats: convert each once, not per row.
    for (const auto& [known, utf8] : m_utf8Cache) {
        if (known == text) {
            return utf8;
        }
    }
    QByteArray utf8 = text.toUtf8();
    m_utf8Cache.emplace_back(text, utf8.isNull() ? QByteArray("") : utf8);
    return m_utf8Cache.back().second;
}

void EventWriter::trimCache()
{
    constexpr std::size_t kMaxCached = 16;
    if (m_utf8Cache.size() > kMaxCached) {
        m_utf8Cache.clear();
    }
}

EncodedEvent EventWriter::encode(const Event& e)
{
    auto nonNull = [](QByteArray bytes) { return bytes.isNull() ? QByteArray("") : bytes; };
    EncodedEvent out;
    if (!e.host.isEmpty()) {
        out.host = e.host.toUtf8();
    }
    out.summary = nonNull(e.summary.toUtf8());
    out.fields = fieldsToJson(e.fields);
    out.raw = nonNull(e.raw.toUtf8());
    out.common = e.common.isEmpty() ? QByteArray("{}") : fieldsToJson(e.common);
    return out;
}

void EventWriter::bindRow(Statement& s, int first, const Event& e, const EncodedEvent& text,
                          qint64 importId)
{
    const int p = first - 1;
    s.bind(p + 1, e.timeNs);
    s.bind(p + 2, e.timeDigits);
    s.bind(p + 3, int(e.timeSource));
    s.bind(p + 4, e.receivedNs);
    if (text.host.isNull()) {
        s.bindNull(p + 5);
    } else {
        s.bindUtf8Static(p + 5, text.host);
    }
    s.bindUtf8Static(p + 6, utf8Cached(e.source));
    s.bind(p + 7, e.sourcePos);
    s.bind(p + 8, e.sourceIsRecord ? 1 : 0);
    s.bindUtf8Static(p + 9, utf8Cached(e.format));
    if (e.severity >= 0) {
        s.bind(p + 10, e.severity);
    } else {
        s.bindNull(p + 10);
    }
    s.bindUtf8Static(p + 11, text.summary);
    s.bindUtf8Static(p + 12, text.fields);
    s.bindUtf8Static(p + 13, text.raw);
    if (importId > 0) {
        s.bind(p + 14, importId);
    } else {
        s.bindNull(p + 14);
    }
    s.bindUtf8Static(p + 15, text.common);
}

Result<void> EventWriter::insertMany(std::span<Event> events, qint64 importId)
{
    // Encoded in slices, so the text of a whole batch is never held at once.
    std::vector<EncodedEvent> encoded;
    for (std::size_t start = 0; start < events.size(); start += kRowsPerInsert) {
        const std::size_t n = std::min<std::size_t>(kRowsPerInsert, events.size() - start);
        encoded.clear();
        for (std::size_t i = 0; i < n; ++i) {
            encoded.push_back(encode(events[start + i]));
        }
        if (auto r = insertMany(events.subspan(start, n), encoded, importId); !r) {
            return r;
        }
    }
    return {};
}

Result<void> EventWriter::insertMany(std::span<Event> events,
                                     std::span<const EncodedEvent> encoded, qint64 importId)
{
    Q_ASSERT(events.size() == encoded.size());
    std::size_t done = 0;
    while (events.size() - done >= std::size_t(kRowsPerInsert)) {
        trimCache();
        for (int r = 0; r < kRowsPerInsert; ++r) {
            const std::size_t i = done + std::size_t(r);
            bindRow(m_insertMany, r * kEventParams + 1, events[i], encoded[i], importId);
        }
        if (auto r = m_insertMany.run(); !r) {
            return r.error();
        }
        // One statement assigns consecutive rowids (max + 1 each) to its rows, in order.
        const qint64 last = m_db->lastInsertId();
        for (int r = 0; r < kRowsPerInsert; ++r) {
            events[done + std::size_t(r)].id = last - (kRowsPerInsert - 1) + r;
        }
        done += std::size_t(kRowsPerInsert);
    }
    for (; done < events.size(); ++done) {
        trimCache();
        bindRow(m_insertEvent, 1, events[done], encoded[done], importId);
        if (auto r = m_insertEvent.run(); !r) {
            return r.error();
        }
        events[done].id = m_db->lastInsertId();
    }
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
