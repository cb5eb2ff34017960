#pragma once

#include <functional>
#include <memory>
#include <vector>

#include <QByteArray>
#include <QString>
#include <QStringView>

#include "util/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace vigil {

class Statement;

/**
 * @brief An owned SQLite connection (C API) with the pragmas Vigil relies on.
 *
 * Threading: one Database per thread. Vigil opens one writer (import and triage) and separate
 * reader connections (views); WAL mode lets readers run while the writer commits.
 */
class Database {
public:
    Database() = default;
    ~Database();
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    enum class Mode { ReadWrite, ReadOnly };

    /** @brief Opens (creating if needed for ReadWrite) @p path, or ":memory:". */
    static Result<Database> open(const QString& path, Mode mode = Mode::ReadWrite);

    bool isOpen() const { return m_db != nullptr; }
    sqlite3* handle() const { return m_db; }
    const QString& path() const { return m_path; }

    /** @brief Runs one or more statements that return no rows. */
    Result<void> exec(QStringView sql);
    /** @brief Prepares a statement; the error names the SQL on failure. */
    Result<Statement> prepare(QStringView sql) const;

    /** @brief The last error as a vigil::Error with SQLite's message. */
    Error lastError(const QString& context) const;

    qint64 lastInsertId() const;
    int changes() const;

    /**
     * @brief Calls @p fn after every commit that reached the database (WAL mode), on the
     * committing thread; @p fn may read the database. One callback per connection.
     */
    void setAfterCommit(std::function<void(Database&)> fn);

    /** @brief SQLite's automatic checkpoint threshold (WAL pages). */
    static constexpr int kDefaultCheckpointPages = 1000;
    /**
     * @brief Lets the WAL grow to @p pages before a commit checkpoints it. Bulk imports raise it:
     * each checkpoint ends in a sync of the WAL and the database file, and pages rewritten by
     * consecutive batches are copied once.
     */
    void setCheckpointPages(int pages);
    /** @brief Copies what the WAL holds into the database file now (passive: waits for no one). */
    void checkpoint();

    struct Hooks; ///< implementation detail of setAfterCommit()

private:
    void closeHandle();

    sqlite3* m_db = nullptr;
    QString m_path;
    std::shared_ptr<Hooks> m_hooks; // address stays put when the Database moves
};

/**
 * @brief A prepared statement. Bind indices are 1-based as in SQLite; column indices 0-based.
 */
class Statement {
public:
    Statement() = default;
    explicit Statement(sqlite3_stmt* stmt) : m_stmt(stmt) {}
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    bool isValid() const { return m_stmt != nullptr; }

    void bind(int index, qint64 value);
    void bind(int index, int value) { bind(index, qint64(value)); }
    void bind(int index, double value);
    void bind(int index, QStringView value);
    void bind(int index, const QString& value) { bind(index, QStringView(value)); }
    void bindUtf8(int index, const QByteArray& value);
    /** @brief Binds without a copy: @p value must stay unchanged until the statement is reset. */
    void bindUtf8Static(int index, const QByteArray& value);
    void bindBlob(int index, const QByteArray& value);
    void bindNull(int index);
    /** @brief Binds the text, or NULL when @p value is a null QString. */
    void bindOptional(int index, const QString& value);

    /** @brief Steps once: true when a row is available, false when done; error on failure. */
    Result<bool> step();
    /** @brief Steps to completion, for statements without rows. */
    Result<void> run();
    void reset();

    qint64 int64(int column) const;
    double real(int column) const;
    QString text(int column) const;
    QByteArray blob(int column) const;
    bool isNull(int column) const;

private:
    sqlite3_stmt* m_stmt = nullptr;
};

/** @brief Steps @p stmt to the end and turns every row into a T with @p read(stmt). */
template <typename T, typename Read>
Result<std::vector<T>> collectRows(Statement& stmt, Read read)
{
    std::vector<T> out;
    while (true) {
        auto row = stmt.step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            return out;
        }
        out.push_back(read(stmt));
    }
}

/**
 * @brief RAII transaction: BEGIN IMMEDIATE on construction, ROLLBACK unless commit() is called.
 */
class Transaction {
public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    /** @brief Whether BEGIN succeeded. */
    const Result<void>& begun() const { return m_begin; }
    Result<void> commit();

private:
    Database& m_db;
    Result<void> m_begin;
    bool m_done = false;
};

} // namespace vigil
