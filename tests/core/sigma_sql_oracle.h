// An independent oracle for the Sigma engine: events in an in-memory SQLite table `logs` laid out
// the way Zircolite's loader lays them out, so the SQL that pySigma's SQLite backend wrote for the
// SigmaHQ rules (shared/corpus/zircolite-rulesets) runs over exactly the events Vigil sees.
//
// The layout (shared/tools/oracle_zircolite.py documents it; this is our own code):
// - one column per field name; SQLite names ignore case, so names differing only in case share
//   a column and the first spelling seen names it;
// - INTEGER for a column whose values are all integers (or null), TEXT COLLATE NOCASE otherwise;
// - lists joined by newlines, booleans as true/false;
// - Hashes/Hash/ConfigurationFileHash "MD5=..,SHA256=.." also split into one column per
//   algorithm, and Zircolite's short names for System attributes (UserID, ProcessID ...);
// - REGEXP(pattern, value) is an unanchored search, case-sensitive unless the pattern says
//   otherwise, 0 when either side is NULL; RE2 first, QRegularExpression for what RE2 rejects;
// - a column a query names but no event has is added as all-NULL and the query retried.
#pragma once

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <QHash>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <re2/re2.h>
#include <sqlite3.h>

#include "model/event.h"
#include "storage/database.h"

namespace vigil::oracle {

using namespace Qt::StringLiterals;

/** @brief One cell of a row: Int, String or Null (everything else is turned into text). */
struct Cell {
    QString name;
    FieldValue value;
};

/** @brief The row Zircolite's loader makes of @p fields (first spelling of a name wins). */
inline std::vector<Cell> rowFor(const Fields& fields)
{
    std::vector<Cell> row;
    QHash<QString, int> seen; // lower-case name -> index in row
    auto add = [&](const QString& name, FieldValue value) {
        const QString key = name.toLower();
        if (!seen.contains(key)) {
            seen.insert(key, int(row.size()));
            row.push_back({name, std::move(value)});
        }
    };
    for (const Fields::Entry& entry : fields.entries()) {
        const FieldValue& v = entry.second;
        if (v.isList()) {
            QStringList parts;
            for (const FieldValue& item : v.items()) {
                parts << item.text();
            }
            add(entry.first, FieldValue::fromString(parts.join(u'\n')));
        } else if (v.isNull() || v.type() == FieldValue::Type::Int) {
            add(entry.first, v);
        } else {
            add(entry.first, FieldValue::fromString(v.text()));
        }
    }
    static const std::pair<QString, QString> aliases[] = {
        {u"Security_UserID"_s, u"UserID"_s},
        {u"TimeCreated_SystemTime"_s, u"SystemTime"_s},
        {u"Execution_ProcessID"_s, u"ProcessID"_s},
        {u"Execution_ThreadID"_s, u"ThreadID"_s},
        {u"Provider_Guid"_s, u"Guid"_s},
        {u"EventID_Qualifiers"_s, u"Qualifiers"_s},
    };
    for (const auto& [from, to] : aliases) {
        const auto it = seen.constFind(from.toLower());
        if (it != seen.cend()) {
            add(to, row[std::size_t(*it)].value);
        }
    }
    for (const QString& name : {u"Hashes"_s, u"Hash"_s, u"ConfigurationFileHash"_s}) {
        const auto it = seen.constFind(name.toLower());
        if (it == seen.cend() || row[std::size_t(*it)].value.type() != FieldValue::Type::String) {
            continue;
        }
        const QStringList parts = row[std::size_t(*it)].value.text().split(u',');
        for (const QString& part : parts) {
            const qsizetype eq = part.indexOf(u'=');
            const QString algorithm = part.left(eq).trimmed();
            if (eq > 0 && !algorithm.isEmpty()) {
                add(algorithm, FieldValue::fromString(part.mid(eq + 1).trimmed()));
            }
        }
    }
    return row;
}

/**
 * @brief Rewrites SQL of the "windows-logsources" pipeline (Security 4688 process creation,
 * 4657 registry value set) into its Sysmon form (EventID 1 with Image/ParentImage, EventID 13
 * with Details). Field names are renamed outside string literals only. Other SQL is returned
 * unchanged; @p rewritten says whether a rewrite applied.
 */
inline QString sysmonRewrite(const QString& sql, bool* rewritten)
{
    const QString select = u"SELECT * FROM logs WHERE "_s;
    const QString sysmon = select + u"Channel='Microsoft-Windows-Sysmon/Operational' AND "_s;
    const QString security = select + u"Channel='Security' AND "_s;
    const QString modified = u"OperationType='Existing registry value modified'"_s;
    struct Head {
        QString from, to;
        std::map<QString, QString> renames;
    };
    const Head heads[] = {
        {security + u"(EventID=4688 AND "_s, sysmon + u"(EventID=1 AND "_s,
         {{u"NewProcessName"_s, u"Image"_s}, {u"ParentProcessName"_s, u"ParentImage"_s}}},
        {security + u"((EventID=4657 AND "_s + modified + u") AND "_s,
         sysmon + u"((EventID=13) AND "_s,
         {{u"NewProcessName"_s, u"Image"_s}, {u"NewValue"_s, u"Details"_s}}},
        {security + u"((EventID=4657 AND (OperationType='New registry value created' OR "_s +
             modified + u")) AND "_s,
         sysmon + u"((EventID=13) AND "_s,
         {{u"NewProcessName"_s, u"Image"_s}, {u"NewValue"_s, u"Details"_s}}},
    };
    *rewritten = false;
    for (const Head& head : heads) {
        if (!sql.startsWith(head.from)) {
            continue;
        }
        *rewritten = true;
        QString out = head.to;
        const QString body = sql.mid(head.from.size());
        bool inString = false;
        for (qsizetype i = 0; i < body.size();) {
            const QChar c = body[i];
            if (c == u'\'') {
                inString = !inString; // '' inside a literal toggles twice
                out += c;
                ++i;
                continue;
            }
            if (inString || !(c.isLetter() || c == u'_')) {
                out += c;
                ++i;
                continue;
            }
            qsizetype end = i;
            while (end < body.size() && (body[end].isLetterOrNumber() || body[end] == u'_')) {
                ++end;
            }
            const QString word = body.mid(i, end - i);
            const auto it = head.renames.find(word);
            out += it == head.renames.end() ? word : it->second;
            i = end;
        }
        return out;
    }
    return sql;
}

/** @brief The first `Channel='...'` and `EventID=N` of a statement; EventID -1 when none. */
inline std::pair<QString, qint64> statementLogSource(const QString& sql)
{
    static const QRegularExpression channel(uR"(Channel='([^']*)')"_s);
    static const QRegularExpression eventId(uR"(\bEventID=(\d+))"_s);
    const auto c = channel.match(sql);
    const auto e = eventId.match(sql);
    return {c.hasMatch() ? c.captured(1) : QString(),
            e.hasMatch() ? e.captured(1).toLongLong() : -1};
}

/**
 * @brief Every `Column='text'` and `Column LIKE 'pattern'` of a statement, each with a value
 * that satisfies it: LIKE's `%` dropped, `_` as `x`, `\` escapes undone, `''` as `'`.
 */
inline std::vector<std::pair<QString, QString>> statementLiterals(const QString& sql)
{
    static const QRegularExpression literal(uR"((\w+)( LIKE |=)'((?:[^']|'')*)')"_s);
    std::vector<std::pair<QString, QString>> out;
    for (auto it = literal.globalMatch(sql); it.hasNext();) {
        const auto m = it.next();
        const QString text = m.captured(3).replace(u"''"_s, u"'"_s);
        if (m.captured(2) == u"=") {
            out.emplace_back(m.captured(1), text);
            continue;
        }
        QString value;
        for (qsizetype i = 0; i < text.size(); ++i) {
            if (text[i] == u'\\' && i + 1 < text.size()) {
                value += text[++i];
            } else if (text[i] == u'_') {
                value += u'x';
            } else if (text[i] != u'%') {
                value += text[i];
            }
        }
        out.emplace_back(m.captured(1), value);
    }
    return out;
}

/**
 * @brief The table `logs` over a list of events (row_id = index + 1) and the SQL runner.
 * Not copyable or movable: SQLite holds a pointer to it for REGEXP.
 */
class SqlOracle {
public:
    SqlOracle() = default;
    SqlOracle(const SqlOracle&) = delete;
    SqlOracle& operator=(const SqlOracle&) = delete;

    Result<void> load(const std::vector<Event>& events);
    /**
     * @brief The row ids a `SELECT * FROM logs WHERE ...` selects, sorted and unique; only
     * rows @p first..@p last when @p last is not 0.
     */
    Result<std::vector<qint64>> select(const QString& sql, qint64 first = 0, qint64 last = 0);
    /** @brief Patterns neither RE2 nor QRegularExpression accepted (REGEXP gave 0). */
    const QStringList& badPatterns() const { return m_badPatterns; }
    /** @brief Patterns RE2 rejected and QRegularExpression ran. */
    int fallbackPatterns() const { return m_fallbacks; }
    int columnCount() const { return int(m_columns.size()); }

private:
    struct Pattern {
        std::unique_ptr<re2::RE2> re2;
        QRegularExpression pcre;
        bool valid = false;
    };
    struct Column {
        QString name;
        bool integer = true;
    };

    static QString quoted(const QString& name)
    {
        return u'"' + QString(name).replace(u'"', u"\"\""_s) + u'"';
    }
    static void regexp(sqlite3_context* ctx, int argc, sqlite3_value** argv);
    const Pattern& pattern(const std::string& text);
    Error sqlError(const QString& what) const
    {
        return makeError(ErrorCode::Database,
                         what + u": "_s + QString::fromUtf8(sqlite3_errmsg(m_db.handle())));
    }

    Database m_db;
    std::vector<Column> m_columns;
    std::unordered_map<std::string, Pattern> m_patterns;
    QStringList m_badPatterns;
    int m_fallbacks = 0;
};

inline Result<void> SqlOracle::load(const std::vector<Event>& events)
{
    auto db = Database::open(u":memory:"_s);
    if (!db) {
        return db.error();
    }
    m_db = std::move(*db);
    std::vector<std::vector<Cell>> rows;
    rows.reserve(events.size());
    QHash<QString, int> index; // lower-case name -> column
    for (const Event& e : events) {
        rows.push_back(rowFor(e.fields));
        for (const Cell& cell : rows.back()) {
            const QString key = cell.name.toLower();
            auto it = index.find(key);
            if (it == index.end()) {
                it = index.insert(key, int(m_columns.size()));
                m_columns.push_back({cell.name, true});
            }
            const bool isInt = cell.value.isNull() || cell.value.type() == FieldValue::Type::Int;
            m_columns[std::size_t(*it)].integer = m_columns[std::size_t(*it)].integer && isInt;
        }
    }
    QString create = u"CREATE TABLE logs (row_id INTEGER PRIMARY KEY"_s;
    QString insert = u"INSERT INTO logs VALUES (?"_s;
    for (const Column& c : m_columns) {
        create += u", "_s + quoted(c.name) +
                  (c.integer ? u" INTEGER"_s : u" TEXT COLLATE NOCASE"_s);
        insert += u", ?"_s;
    }
    if (auto r = m_db.exec(QString(create + u')')); !r) {
        return r.error();
    }
    const int rc = sqlite3_create_function(m_db.handle(), "regexp", 2,
                                           SQLITE_UTF8 | SQLITE_DETERMINISTIC, this,
                                           &SqlOracle::regexp, nullptr, nullptr);
    if (rc != SQLITE_OK) {
        return sqlError(u"REGEXP"_s);
    }
    auto stmt = m_db.prepare(QString(insert + u')'));
    if (!stmt) {
        return stmt.error();
    }
    Transaction tx(m_db);
    for (std::size_t r = 0; r < rows.size(); ++r) {
        stmt->reset();
        for (int c = 0; c <= int(m_columns.size()); ++c) {
            stmt->bindNull(c + 1);
        }
        stmt->bind(1, qint64(r + 1));
        for (const Cell& cell : rows[r]) {
            const int column = index.value(cell.name.toLower()) + 2;
            if (cell.value.type() == FieldValue::Type::Int) {
                stmt->bind(column, cell.value.toInt());
            } else if (!cell.value.isNull()) {
                stmt->bind(column, cell.value.text());
            }
        }
        if (auto done = stmt->run(); !done) {
            return done.error();
        }
    }
    return tx.commit();
}

inline Result<std::vector<qint64>> SqlOracle::select(const QString& sql, qint64 first,
                                                     qint64 last)
{
    QString query = u"SELECT row_id FROM ("_s + sql + u')';
    if (last > 0) {
        query += u" WHERE row_id BETWEEN %1 AND %2"_s.arg(first).arg(last);
    }
    const QByteArray wrapped = query.toUtf8();
    const QString missing = u"no such column: "_s;
    for (int attempt = 0; attempt < 100; ++attempt) {
        sqlite3_stmt* raw = nullptr;
        if (sqlite3_prepare_v2(m_db.handle(), wrapped.constData(), int(wrapped.size()), &raw,
                               nullptr) != SQLITE_OK) {
            const QString message = QString::fromUtf8(sqlite3_errmsg(m_db.handle()));
            if (!message.startsWith(missing)) {
                return makeError(ErrorCode::Database, message);
            }
            const QString column = message.mid(missing.size());
            if (auto r = m_db.exec(QString(u"ALTER TABLE logs ADD COLUMN "_s + quoted(column) +
                                           u" TEXT COLLATE NOCASE"_s));
                !r) {
                return r.error();
            }
            m_columns.push_back({column, false});
            continue;
        }
        Statement stmt(raw);
        std::vector<qint64> ids;
        while (true) {
            auto row = stmt.step();
            if (!row) {
                return row.error();
            }
            if (!*row) {
                break;
            }
            ids.push_back(stmt.int64(0));
        }
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        return ids;
    }
    return makeError(ErrorCode::Database, u"too many missing columns"_s);
}

inline const SqlOracle::Pattern& SqlOracle::pattern(const std::string& text)
{
    const auto found = m_patterns.find(text);
    if (found != m_patterns.end()) {
        return found->second;
    }
    Pattern p;
    re2::RE2::Options options;
    options.set_log_errors(false);
    p.re2 = std::make_unique<re2::RE2>(text, options);
    if (p.re2->ok()) {
        p.valid = true;
    } else {
        p.re2.reset();
        p.pcre.setPattern(QString::fromStdString(text));
        p.valid = p.pcre.isValid();
        if (p.valid) {
            ++m_fallbacks;
        } else {
            m_badPatterns << QString::fromStdString(text) + u": "_s + p.pcre.errorString();
        }
    }
    return m_patterns.emplace(text, std::move(p)).first->second;
}

inline void SqlOracle::regexp(sqlite3_context* ctx, int argc, sqlite3_value** argv)
{
    if (argc != 2 || sqlite3_value_type(argv[0]) == SQLITE_NULL ||
        sqlite3_value_type(argv[1]) == SQLITE_NULL) {
        sqlite3_result_int(ctx, 0);
        return;
    }
    auto* self = static_cast<SqlOracle*>(sqlite3_user_data(ctx));
    const auto* pat = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
    const Pattern& p = self->pattern(std::string(pat, std::size_t(sqlite3_value_bytes(argv[0]))));
    const auto* val = reinterpret_cast<const char*>(sqlite3_value_text(argv[1]));
    const int len = sqlite3_value_bytes(argv[1]);
    bool hit = false;
    if (p.re2) {
        hit = re2::RE2::PartialMatch(re2::StringPiece(val, std::size_t(len)), *p.re2);
    } else if (p.valid) {
        hit = p.pcre.match(QString::fromUtf8(val, len)).hasMatch();
    }
    sqlite3_result_int(ctx, hit ? 1 : 0);
}

} // namespace vigil::oracle
