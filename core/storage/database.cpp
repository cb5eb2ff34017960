#include "storage/database.h"

#include <sqlite3.h>

namespace vigil {

struct Database::Hooks {
    Database* owner = nullptr;
    std::function<void(Database&)> afterCommit;
    bool running = false;
    int checkpointPages = Database::kDefaultCheckpointPages;
};

namespace {

int walHook(void* context, sqlite3* db, const char* name, int pages)
{
    auto* hooks = static_cast<Database::Hooks*>(context);
    // A callback that commits itself would call back in; once is enough.
    if (hooks->owner && hooks->afterCommit && !hooks->running) {
        hooks->running = true;
        hooks->afterCommit(*hooks->owner);
        hooks->running = false;
    }
    // Registering a WAL hook replaces SQLite's automatic checkpoint: keep doing it.
    if (pages >= hooks->checkpointPages) {
        sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    }
    return SQLITE_OK;
}

} // namespace

Database::~Database()
{
    closeHandle();
}

void Database::closeHandle()
{
    if (m_db) {
        sqlite3_wal_hook(m_db, nullptr, nullptr);
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
}

Database::Database(Database&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
    , m_path(std::move(other.m_path))
    , m_hooks(std::move(other.m_hooks))
{
    if (m_hooks) {
        m_hooks->owner = this;
    }
}

Database& Database::operator=(Database&& other) noexcept
{
    if (this != &other) {
        closeHandle();
        m_db = std::exchange(other.m_db, nullptr);
        m_path = std::move(other.m_path);
        m_hooks = std::move(other.m_hooks);
        if (m_hooks) {
            m_hooks->owner = this;
        }
    }
    return *this;
}

void Database::setAfterCommit(std::function<void(Database&)> fn)
{
    if (!m_hooks) {
        m_hooks = std::make_shared<Hooks>();
    }
    m_hooks->owner = this;
    m_hooks->afterCommit = std::move(fn);
    // The WAL hook runs after the commit is durable in the log and the write lock is released.
    // It also does the automatic checkpoints (installing a hook replaces SQLite's own).
    sqlite3_wal_hook(m_db, walHook, m_hooks.get());
}

void Database::setCheckpointPages(int pages)
{
    if (!m_hooks) {
        m_hooks = std::make_shared<Hooks>();
        m_hooks->owner = this;
        sqlite3_wal_hook(m_db, walHook, m_hooks.get());
    }
    m_hooks->checkpointPages = pages;
}

void Database::checkpoint()
{
    sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
}

Result<Database> Database::open(const QString& path, Mode mode)
{
    Database db;
    db.m_path = path;
    const int flags = (mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY
                                              : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        | SQLITE_OPEN_NOMUTEX;
    const QByteArray encoded = path.toUtf8();
    const int rc = sqlite3_open_v2(encoded.constData(), &db.m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        Error e = makeError(ErrorCode::Database,
                            QStringLiteral("cannot open database: ")
                                + QString::fromUtf8(db.m_db ? sqlite3_errmsg(db.m_db)
                                                            : sqlite3_errstr(rc)));
        e.file = path;
        return e;
    }
    sqlite3_busy_timeout(db.m_db, 10'000);
    sqlite3_extended_result_codes(db.m_db, 1);
    return db;
}

Result<void> Database::exec(QStringView sql)
{
    char* message = nullptr;
    const QByteArray encoded = sql.toUtf8();
    const int rc = sqlite3_exec(m_db, encoded.constData(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        Error e = makeError(ErrorCode::Database,
                            QString::fromUtf8(message ? message : sqlite3_errstr(rc)));
        e.file = m_path;
        sqlite3_free(message);
        return e;
    }
    return {};
}

Result<Statement> Database::prepare(QStringView sql) const
{
    sqlite3_stmt* stmt = nullptr;
    const QByteArray encoded = sql.toUtf8();
    const int rc = sqlite3_prepare_v3(m_db, encoded.constData(), int(encoded.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) {
        return lastError(QStringLiteral("prepare ") + sql.left(80).toString());
    }
    return Statement(stmt);
}

Error Database::lastError(const QString& context) const
{
    Error e = makeError(ErrorCode::Database,
                        context + QStringLiteral(": ") + QString::fromUtf8(sqlite3_errmsg(m_db)));
    e.file = m_path;
    return e;
}

qint64 Database::lastInsertId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

int Database::changes() const
{
    return sqlite3_changes(m_db);
}

Statement::~Statement()
{
    if (m_stmt) {
        sqlite3_finalize(m_stmt);
    }
}

Statement::Statement(Statement&& other) noexcept : m_stmt(std::exchange(other.m_stmt, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept
{
    if (this != &other) {
        if (m_stmt) {
            sqlite3_finalize(m_stmt);
        }
        m_stmt = std::exchange(other.m_stmt, nullptr);
    }
    return *this;
}

void Statement::bind(int index, qint64 value)
{
    sqlite3_bind_int64(m_stmt, index, value);
}

void Statement::bind(int index, double value)
{
    sqlite3_bind_double(m_stmt, index, value);
}

void Statement::bind(int index, QStringView value)
{
    // The database is UTF-8: converting here (Qt's converter is vectorised) is cheaper than
    // letting SQLite translate UTF-16.
    const QByteArray utf8 = value.toUtf8();
    sqlite3_bind_text(m_stmt, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
}

void Statement::bindUtf8(int index, const QByteArray& value)
{
    sqlite3_bind_text(m_stmt, index, value.constData(), int(value.size()), SQLITE_TRANSIENT);
}

void Statement::bindUtf8Static(int index, const QByteArray& value)
{
    sqlite3_bind_text(m_stmt, index, value.constData(), int(value.size()), SQLITE_STATIC);
}

void Statement::bindBlob(int index, const QByteArray& value)
{
    sqlite3_bind_blob(m_stmt, index, value.constData(), int(value.size()), SQLITE_TRANSIENT);
}

void Statement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
}

void Statement::bindOptional(int index, const QString& value)
{
    if (value.isNull()) {
        bindNull(index);
    } else {
        bind(index, QStringView(value));
    }
}

Result<bool> Statement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    sqlite3* db = sqlite3_db_handle(m_stmt);
    Error e = makeError(ErrorCode::Database, QString::fromUtf8(sqlite3_errmsg(db)));
    e.file = QString::fromUtf8(sqlite3_db_filename(db, "main"));
    return e;
}

Result<void> Statement::run()
{
    while (true) {
        auto r = step();
        if (!r) {
            reset();
            return r.error();
        }
        if (!r.value()) {
            reset();
            return {};
        }
    }
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

qint64 Statement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

double Statement::real(int column) const
{
    return sqlite3_column_double(m_stmt, column);
}

QString Statement::text(int column) const
{
    const auto* data = static_cast<const char16_t*>(sqlite3_column_text16(m_stmt, column));
    if (!data) {
        return {};
    }
    const int bytes = sqlite3_column_bytes16(m_stmt, column);
    return QString(reinterpret_cast<const QChar*>(data), bytes / 2);
}

QByteArray Statement::blob(int column) const
{
    const void* data = sqlite3_column_blob(m_stmt, column);
    const int bytes = sqlite3_column_bytes(m_stmt, column);
    return QByteArray(static_cast<const char*>(data), bytes);
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

Transaction::Transaction(Database& db) : m_db(db), m_begin(db.exec(u"BEGIN IMMEDIATE")) {}

Transaction::~Transaction()
{
    if (m_begin && !m_done) {
        m_db.exec(u"ROLLBACK");
    }
}

Result<void> Transaction::commit()
{
    m_done = true;
    return m_db.exec(u"COMMIT");
}

} // namespace vigil
