#include "storage/store.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include "storage/schema.h"

namespace vigil {

Result<Database> Store::openWriter(const QString& path)
{
    if (path != u":memory:") {
        const QFileInfo info(path);
        if (!info.absoluteDir().exists() && !QDir().mkpath(info.absolutePath())) {
            Error e = makeError(ErrorCode::Io, QStringLiteral("cannot create the folder for the database"));
            e.file = path;
            return e;
        }
    }
    auto db = Database::open(path);
    if (!db) {
        return db.error();
    }
    // journal_mode returns a row; exec ignores it. WAL lets readers run beside the writer.
    for (const char16_t* pragma : {u"PRAGMA journal_mode = WAL", u"PRAGMA synchronous = NORMAL",
                                   u"PRAGMA foreign_keys = ON", u"PRAGMA temp_store = MEMORY",
                                   u"PRAGMA cache_size = -65536"}) {
        if (auto r = db->exec(QStringView(pragma)); !r) {
            Error e = r.error();
            e.message = QStringLiteral("not a usable Vigil database: ") + e.message;
            return e;
        }
    }
    if (auto r = migrate(*db); !r) {
        return r.error();
    }
    return db;
}

Result<Database> Store::openReader(const QString& path)
{
    if (!QFileInfo::exists(path)) {
        Error e = makeError(ErrorCode::Io, QStringLiteral("database does not exist"));
        e.file = path;
        return e;
    }
    auto db = Database::open(path);
    if (!db) {
        return db.error();
    }
    if (auto r = db->exec(u"PRAGMA query_only = ON; PRAGMA cache_size = -32768"); !r) {
        return r.error();
    }
    auto version = schemaVersion(*db);
    if (!version) {
        Error e = version.error();
        e.message = QStringLiteral("not a usable Vigil database: ") + e.message;
        return e;
    }
    if (*version != currentSchemaVersion()) {
        Error e = makeError(ErrorCode::Schema,
                            QStringLiteral("database schema version %1, expected %2")
                                .arg(*version)
                                .arg(currentSchemaVersion()));
        e.file = path;
        return e;
    }
    return db;
}

QString Store::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + QStringLiteral("/vigil.sqlite");
}

} // namespace vigil
