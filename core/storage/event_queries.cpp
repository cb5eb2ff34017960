#include "storage/event_queries.h"

#include <unordered_map>

#include <QStringList>

#include "storage/database.h"

namespace vigil {

namespace {

QString likeEscaped(const QString& text)
{
    QString escaped = text;
    escaped.replace(u'\\', QStringLiteral("\\\\"));
    escaped.replace(u'%', QStringLiteral("\\%"));
    escaped.replace(u'_', QStringLiteral("\\_"));
    return escaped;
}

QStringList splitTerms(const QString& text)
{
    QStringList terms;
    QString current;
    bool quoted = false;
    for (const QChar c : text) {
        if (c == u'"') {
            quoted = !quoted;
        } else if (c.isSpace() && !quoted) {
            if (!current.isEmpty()) {
                terms << current;
                current.clear();
            }
        } else {
            current += c;
        }
    }
    if (!current.isEmpty()) {
        terms << current;
    }
    return terms;
}

struct Clause {
    QString sql;
    QString bind; ///< the one value the clause binds, as parameter ?N
};

// One term of the filter as SQL with a bound value: the text itself never becomes SQL.
Clause clauseFor(QString term, int param)
{
    const bool negate = term.startsWith(u'-') && term.size() > 1;
    if (negate) {
        term.remove(0, 1);
    }
    const QString p = QStringLiteral("?%1").arg(param);
    const QString like = QStringLiteral(" LIKE %1 ESCAPE '\\'").arg(p);
    Clause c;
    const qsizetype colon = term.indexOf(u':');
    const QString field = colon > 0 ? term.left(colon).toLower() : QString();
    const QString value = colon > 0 ? term.mid(colon + 1) : term;
    const qsizetype lastColon = term.lastIndexOf(u':');
    bool lineOk = false;
    const qint64 line = lastColon > 0 ? term.mid(lastColon + 1).toLongLong(&lineOk) : 0;
    if ((field == u"host" || field == u"format" || field == u"source") && !value.isEmpty()) {
        c.sql = field + like;
        c.bind = u'%' + likeEscaped(value) + u'%';
    } else if (lineOk) {
        c.sql = QStringLiteral("(source%1 AND source_pos = %2)").arg(like).arg(line);
        c.bind = u'%' + likeEscaped(term.left(lastColon));
    } else {
        c.sql = QStringLiteral("(host%1 OR source%1 OR raw%1)").arg(like);
        c.bind = u'%' + likeEscaped(term) + u'%';
    }
    if (negate) {
        c.sql = QStringLiteral("NOT coalesce(") + c.sql + QStringLiteral(", 0)");
    }
    return c;
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
    QStringList where;
    QStringList binds;
    for (const QString& term : splitTerms(filter.text)) {
        const Clause c = clauseFor(term, int(binds.size()) + 1);
        where << c.sql;
        binds << c.bind;
    }
    const QString sql = QStringLiteral("SELECT id FROM events %1 ORDER BY %2")
                            .arg(where.isEmpty() ? QString()
                                                 : QStringLiteral("WHERE ") + where.join(QStringLiteral(" AND ")),
                                 order);
    auto s = db.prepare(sql);
    if (!s) {
        return s.error();
    }
    for (int i = 0; i < binds.size(); ++i) {
        s->bind(i + 1, binds[i]);
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
