#include "storage/journal_anchor.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QMutex>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUuid>

#include "storage/database.h"
#include "util/timestamp.h"

namespace vigil {

namespace {

constexpr int kKeyBytes = 32;

QString headPath(const QString& storeId)
{
    return JournalAnchor::configDir() + QStringLiteral("/journal-heads/") + storeId
        + QStringLiteral(".json");
}

} // namespace

QString JournalAnchor::configDir()
{
    const QString overridden = qEnvironmentVariable("VIGIL_CONFIG_DIR");
    if (!overridden.isEmpty()) {
        return overridden;
    }
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
        + QStringLiteral("/vigil");
}

Result<QByteArray> JournalAnchor::installationKey()
{
    static QMutex mutex;
    static QByteArray cached;
    static QString cachedFor;
    QMutexLocker lock(&mutex);
    const QString dir = configDir();
    if (!cached.isEmpty() && cachedFor == dir) {
        return cached;
    }
    const QString path = dir + QStringLiteral("/journal.key");
    QFile file(path);
    if (file.exists()) {
        if (!file.open(QIODevice::ReadOnly)) {
            Error e = makeError(ErrorCode::Io, QStringLiteral("cannot read the journal key: ")
                                                   + file.errorString());
            e.file = path;
            return e;
        }
        const QByteArray key = file.readAll();
        if (key.size() != kKeyBytes) {
            Error e = makeError(ErrorCode::Io, QStringLiteral("the journal key file is damaged "
                                                              "(expected 32 bytes)"));
            e.file = path;
            return e;
        }
        cached = key;
        cachedFor = dir;
        return cached;
    }
    if (!QDir().mkpath(dir)) {
        Error e = makeError(ErrorCode::Io, QStringLiteral("cannot create the settings folder"));
        e.file = dir;
        return e;
    }
    QByteArray key(kKeyBytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(key.data()),
                                          kKeyBytes / int(sizeof(quint32)));
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(key) != kKeyBytes || !out.commit()) {
        Error e = makeError(ErrorCode::Io, QStringLiteral("cannot write the journal key: ")
                                               + out.errorString());
        e.file = path;
        return e;
    }
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    cached = key;
    cachedFor = dir;
    return cached;
}

QString JournalAnchor::keyId(const QByteArray& key)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(QByteArray(QByteArray("vigil journal key id:") + key),
                                 QCryptographicHash::Sha256)
            .toHex()
            .left(16));
}

Result<QString> JournalAnchor::storeId(Database& db)
{
    auto read = db.prepare(u"SELECT value FROM meta WHERE key = 'store_id'");
    if (!read) {
        return read.error();
    }
    auto row = read->step();
    if (!row) {
        return row.error();
    }
    if (*row) {
        return read->text(0);
    }
    read->reset();
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    auto write = db.prepare(u"INSERT OR IGNORE INTO meta (key, value) VALUES ('store_id', ?1)");
    if (!write) {
        return write.error();
    }
    write->bind(1, id);
    if (auto r = write->run(); !r) {
        return r.error();
    }
    return id;
}

std::optional<JournalAnchor::Head> JournalAnchor::load(const QString& storeId)
{
    QFile file(headPath(storeId));
    if (!file.open(QIODevice::ReadOnly)) {
        return std::nullopt;
    }
    const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
    if (!o.contains(u"seq") || !o.contains(u"hash")) {
        return std::nullopt;
    }
    return Head{o.value(u"seq").toInteger(), o.value(u"hash").toString(),
                o.value(u"written_ns").toInteger()};
}

Result<void> JournalAnchor::save(const QString& storeId, const QString& dbPath, const Head& head)
{
    const QString path = headPath(storeId);
    QDir().mkpath(QFileInfo(path).absolutePath());
    // Several connections (the app, a background import) commit to one store: never let an
    // older head overwrite a newer one.
    QLockFile lock(path + QStringLiteral(".lock"));
    if (!lock.tryLock(2000)) {
        return makeError(ErrorCode::Io, QStringLiteral("the journal head file is locked"));
    }
    if (const auto current = load(storeId); current && current->seq >= head.seq) {
        return {};
    }
    QJsonObject o;
    o.insert(u"store_id", storeId);
    o.insert(u"database", dbPath);
    o.insert(u"seq", head.seq);
    o.insert(u"hash", head.hash);
    o.insert(u"written_ns", head.writtenNs);
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(QJsonDocument(o).toJson()) < 0 || !out.commit()) {
        Error e = makeError(ErrorCode::Io, QStringLiteral("cannot record the journal head: ")
                                               + out.errorString());
        e.file = path;
        return e;
    }
    return {};
}

void JournalAnchor::attach(Database& db)
{
    auto id = storeId(db);
    if (!id) {
        qWarning("journal head not recorded: %s", qPrintable(id.error().toString()));
        return;
    }
    const QString store = *id;
    auto lastSaved = std::make_shared<qint64>(load(store) ? load(store)->seq : 0);
    db.setAfterCommit([store, lastSaved](Database& committed) {
        auto s = committed.prepare(u"SELECT seq, hash, written_ns FROM journal ORDER BY seq DESC LIMIT 1");
        if (!s) {
            return;
        }
        auto row = s->step();
        if (!row || !*row || s->int64(0) <= *lastSaved) {
            return;
        }
        const Head head{s->int64(0), s->text(1), s->int64(2)};
        if (save(store, committed.path(), head)) {
            *lastSaved = head.seq;
        }
    });
}

} // namespace vigil
