#include "storage/event_queries.h"

#include <unordered_map>

#include "storage/database.h"

namespace vigil {

namespace {

QString likePattern(const QString& text)
{
    QString escaped = text;
    escaped.replace(u'\\', QStringLiteral("\\\\"));
    escaped.replace(u'%', QStringLiteral("\\%"));
    escaped.replace(u'_', QStringLiteral("\\_"));
    return u'%' + escaped + u'%';
}

} // namespace

Result<qint64> EventQueries::countAll(Database& db)
{
    // MAX(id) would be faster but wrong once events can be deleted; count(*) on the time index
    // stays well under 100 ms per million rows.
    auto s = db.prepare(u"SELECT count(*) FROM events");
    if (!s) {
        return s.error();
    }
    auto row = s->step();
    if (!row) {
        return row.error();
    }
    return s->int64(0);
}

Result<std::vector<qint64>> EventQueries::orderedIds(Database& db, const EventFilter& filter,
                                                     const std::atomic<bool>* cancel)
{
    const QString order = filter.newestFirst ? QStringLiteral("time_ns DESC, id DESC")
                                             : QStringLiteral("time_ns, id");
    QString sql;
    if (filter.text.isEmpty()) {
        sql = QStringLiteral("SELECT id FROM events ORDER BY %1").arg(order);
    } else {
        sql = QStringLiteral("SELECT id FROM events WHERE host LIKE ?1 ESCAPE '\\' OR source LIKE "
                             "?1 ESCAPE '\\' OR raw LIKE ?1 ESCAPE '\\' ORDER BY %1")
                  .arg(order);
    }
    auto s = db.prepare(sql);
    if (!s) {
        return s.error();
    }
    if (!filter.text.isEmpty()) {
        s->bind(1, likePattern(filter.text));
    }
    std::vector<qint64> ids;
    while (true) {
        auto row = s->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            break;
        }
        ids.push_back(s->int64(0));
        if ((ids.size() & 0xfff) == 0 && cancel && cancel->load(std::memory_order_relaxed)) {
            break;
        }
    }
    return ids;
}

Result<std::vector<EventRow>> EventQueries::rows(Database& db, std::span<const qint64> ids)
{
    std::vector<EventRow> out;
    if (ids.empty()) {
        return out;
    }
    // carray is not in Debian's SQLite build; a bound IN list per page is fast enough.
    constexpr std::size_t kMaxBind = 500;
    std::unordered_map<qint64, EventRow> byId;
    for (std::size_t start = 0; start < ids.size(); start += kMaxBind) {
        const std::size_t n = std::min(kMaxBind, ids.size() - start);
        QString sql = QStringLiteral(
            "SELECT id, time_ns, time_digits, time_source, host, source, source_pos, "
            "source_is_record, format, severity, summary FROM events WHERE id IN (");
        for (std::size_t i = 0; i < n; ++i) {
            sql += i == 0 ? QStringLiteral("?") : QStringLiteral(",?");
        }
        sql += u')';
        auto s = db.prepare(sql);
        if (!s) {
            return s.error();
        }
        for (std::size_t i = 0; i < n; ++i) {
            s->bind(int(i + 1), ids[start + i]);
        }
        while (true) {
            auto row = s->step();
            if (!row) {
                return row.error();
            }
            if (!*row) {
                break;
            }
            EventRow r;
            r.id = s->int64(0);
            r.timeNs = s->int64(1);
            r.timeDigits = int(s->int64(2));
            r.timeFromReceipt = s->int64(3) == 1;
            r.host = s->text(4);
            r.source = s->text(5);
            r.sourcePos = s->int64(6);
            r.sourceIsRecord = s->int64(7) != 0;
            r.format = s->text(8);
            r.severity = s->isNull(9) ? -1 : int(s->int64(9));
            r.summary = s->text(10);
            byId.emplace(r.id, std::move(r));
        }
    }
    out.reserve(ids.size());
    for (qint64 id : ids) {
        auto it = byId.find(id);
        if (it != byId.end()) {
            out.push_back(std::move(it->second));
        }
    }
    return out;
}

} // namespace vigil
