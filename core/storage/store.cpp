#include "storage/store.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include "storage/journal.h"
#include "storage/journal_anchor.h"
#include "storage/schema.h"

namespace vigil {

Result<Database> Store::openWriter(const QString& path)
{
    if (path != u":memory:") {
        // A typo in a folder name must not quietly start a new, empty case store elsewhere.
        const QFileInfo info(path);
        if (!info.absoluteDir().exists()) {
            Error e = makeError(ErrorCode::Io, QStringLiteral("the folder %1 does not exist")
                                                   .arg(info.absolutePath()));
            e.file = path;
            return e;
        }
        if (info.isDir()) {
            Error e = makeError(ErrorCode::Io, QStringLiteral("this is a folder, not a database file"));
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
    if (auto r = Journal::restoreGuards(*db); !r) {
        return r.error();
    }
    if (path != u":memory:") {
        JournalAnchor::attach(*db);
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
    if (*version <= 0) {
        Error e = makeError(ErrorCode::Schema, QStringLiteral("not a Vigil database (no Vigil schema)"));
        e.file = path;
        return e;
    }
    if (*version != currentSchemaVersion()) {
        Error e = makeError(ErrorCode::Schema,
                            *version > currentSchemaVersion()
                                ? QStringLiteral("the database has schema version %1; this build of "
                                                 "Vigil knows up to %2 — use a newer Vigil")
                                      .arg(QString::number(*version), QString::number(currentSchemaVersion()))
                                : QStringLiteral("the database has the older schema version %1; open "
                                                 "it once with vigil or vigil-cli ingest to upgrade it")
                                      .arg(*version));
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
