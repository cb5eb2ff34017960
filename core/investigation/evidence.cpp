#include "investigation/evidence.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUuid>

#include "model/event.h"
#include "storage/database.h"
#include "storage/journal.h"
#include "util/json.h"
#include "util/timestamp.h"

namespace vigil {

namespace {

constexpr qint64 kBlock = 1 << 20;

// A file name that is safe in any file system: ASCII letters, digits, '.', '-', '_'.
QString safeName(const QString& name)
{
    QString out;
    for (QChar c : name) {
        const char16_t u = c.unicode();
        const bool ok = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z')
            || (u >= u'0' && u <= u'9') || u == u'.' || u == u'-' || u == u'_';
        out += ok ? c : QChar(u'_');
    }
    while (out.startsWith(u'.')) {
        out.remove(0, 1);
    }
    out.truncate(80);
    return out.isEmpty() ? QStringLiteral("file") : out;
}

Error ioError(const QString& message, const QString& path)
{
    Error e = makeError(ErrorCode::Io, message);
    e.file = path;
    return e;
}

EvidenceRecord readRecord(const Statement& s)
{
    EvidenceRecord r;
    r.id = s.int64(0);
    r.incidentId = s.int64(1);
    r.name = s.text(2);
    r.storedName = s.text(3);
    r.size = s.int64(4);
    r.sha256 = s.text(5);
    r.addedBy = s.text(6);
    r.addedNs = s.int64(7);
    r.sourcePath = s.text(8);
    return r;
}

Result<qint64> nextEvidenceId(Database& db)
{
    auto s = db.prepare(u"SELECT coalesce(max(id), 0) + 1 FROM evidence");
    if (!s) {
        return s.error();
    }
    auto row = s->step();
    if (!row) {
        return row.error();
    }
    return s->int64(0);
}

Result<void> insertRecord(Database& db, const EvidenceRecord& r)
{
    auto ins = db.prepare(u"INSERT INTO evidence (id, incident_id, name, stored_name, size, sha256, "
                          u"added_by, added_ns, source_path) "
                          u"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!ins) {
        return ins.error();
    }
    ins->bind(1, r.id);
    ins->bind(2, r.incidentId);
    ins->bind(3, r.name);
    ins->bind(4, r.storedName);
    ins->bind(5, r.size);
    ins->bind(6, r.sha256);
    ins->bind(7, r.addedBy);
    ins->bind(8, r.addedNs);
    ins->bind(9, r.sourcePath);
    return ins->run();
}

} // namespace

QString codeOf(EvidenceState state)
{
    switch (state) {
    case EvidenceState::Verified:
        return QStringLiteral("verified");
    case EvidenceState::Mismatch:
        return QStringLiteral("altered");
    case EvidenceState::Missing:
        return QStringLiteral("missing");
    case EvidenceState::Unreadable:
        return QStringLiteral("unreadable");
    case EvidenceState::RegisterAltered:
        return QStringLiteral("register altered");
    }
    return {};
}

QString EvidenceRegister::folderFor(const QString& dbPath)
{
    return dbPath + QStringLiteral("-evidence");
}

QString EvidenceRegister::pathOf(const QString& dbPath, const EvidenceRecord& record)
{
    return folderFor(dbPath) + u'/' + record.storedName;
}

Result<QString> EvidenceRegister::sha256Of(const QString& path, qint64* size,
                                           const std::atomic<bool>* cancel)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        return ioError(QStringLiteral("the file does not exist"), path);
    }
    if (!info.isFile()) {
        return ioError(QStringLiteral("not a regular file"), path);
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return ioError(QStringLiteral("cannot read: ") + file.errorString(), path);
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QByteArray block(kBlock, Qt::Uninitialized);
    qint64 total = 0;
    while (true) {
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            return makeError(ErrorCode::InvalidState, QStringLiteral("stopped"));
        }
        const qint64 n = file.read(block.data(), kBlock);
        if (n < 0) {
            return ioError(QStringLiteral("read failed: ") + file.errorString(), path);
        }
        if (n == 0) {
            break;
        }
        hash.addData(QByteArrayView(block.constData(), n));
        total += n;
    }
    *size = total;
    return QString::fromLatin1(hash.result().toHex());
}

Result<StagedEvidence> EvidenceRegister::stage(const QString& dbPath, const QString& sourcePath,
                                               const std::atomic<bool>* cancel,
                                               const std::function<void(qint64, qint64)>& progress)
{
    const QFileInfo info(sourcePath);
    if (!info.exists()) {
        return ioError(QStringLiteral("the file does not exist"), sourcePath);
    }
    // A FIFO or device would block or never end: only regular files are evidence files.
    if (!info.isFile()) {
        return ioError(QStringLiteral("not a regular file (a folder, pipe or device cannot be "
                                      "attached)"),
                       sourcePath);
    }
    const QString staging = folderFor(dbPath) + QStringLiteral("/.staging");
    if (!QDir().mkpath(staging)) {
        return ioError(QStringLiteral("cannot create the evidence folder"), staging);
    }
    QFile in(sourcePath);
    if (!in.open(QIODevice::ReadOnly)) {
        return ioError(QStringLiteral("cannot read: ") + in.errorString(), sourcePath);
    }
    StagedEvidence staged;
    staged.name = info.fileName();
    staged.sourcePath = info.absoluteFilePath();
    staged.tempPath = staging + u'/' + QUuid::createUuid().toString(QUuid::WithoutBraces)
        + QStringLiteral(".part");
    QFile out(staged.tempPath);
    if (!out.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
        return ioError(QStringLiteral("cannot write the copy: ") + out.errorString(),
                       staged.tempPath);
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QByteArray block(kBlock, Qt::Uninitialized);
    const qint64 total = in.size();
    auto fail = [&](Error e) -> Result<StagedEvidence> {
        out.close();
        QFile::remove(staged.tempPath);
        return e;
    };
    while (true) {
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            return fail(makeError(ErrorCode::InvalidState, QStringLiteral("attaching was stopped")));
        }
        const qint64 n = in.read(block.data(), kBlock);
        if (n < 0) {
            return fail(ioError(QStringLiteral("read failed: ") + in.errorString(), sourcePath));
        }
        if (n == 0) {
            break;
        }
        if (out.write(block.constData(), n) != n) {
            return fail(ioError(QStringLiteral("cannot write the copy: ") + out.errorString(),
                                staged.tempPath));
        }
        hash.addData(QByteArrayView(block.constData(), n));
        staged.size += n;
        if (progress) {
            progress(staged.size, total);
        }
    }
    if (!out.flush()) {
        return fail(ioError(QStringLiteral("cannot write the copy: ") + out.errorString(),
                            staged.tempPath));
    }
    out.close();
    staged.sha256 = QString::fromLatin1(hash.result().toHex());
    return staged;
}

void EvidenceRegister::discard(const StagedEvidence& staged)
{
    if (!staged.tempPath.isEmpty()) {
        QFile::remove(staged.tempPath);
    }
}

Result<EvidenceRecord> EvidenceRegister::commit(Database& db, qint64 incidentId,
                                                const StagedEvidence& staged, const QString& actor)
{
    auto fail = [&](Error e) -> Result<EvidenceRecord> {
        discard(staged);
        return e;
    };
    Transaction tx(db);
    if (!tx.begun()) {
        return fail(tx.begun().error());
    }
    auto exists = db.prepare(u"SELECT 1 FROM incidents WHERE id = ?1");
    if (!exists) {
        return fail(exists.error());
    }
    exists->bind(1, incidentId);
    auto row = exists->step();
    if (!row || !*row) {
        return fail(row ? makeError(ErrorCode::NotFound, QStringLiteral("no incident %1").arg(incidentId))
                        : row.error());
    }
    auto id = nextEvidenceId(db);
    if (!id) {
        return fail(id.error());
    }
    EvidenceRecord r;
    r.id = *id;
    r.incidentId = incidentId;
    r.name = staged.name;
    r.storedName = QStringLiteral("incident-%1/%2-%3").arg(incidentId).arg(r.id).arg(safeName(staged.name));
    r.size = staged.size;
    r.sha256 = staged.sha256;
    r.addedBy = actor;
    r.addedNs = nowNs();
    r.sourcePath = staged.sourcePath;
    if (auto ins = insertRecord(db, r); !ins) {
        return fail(ins.error());
    }
    JournalEntry e;
    e.actor = actor;
    e.objectType = QStringLiteral("incident");
    e.objectId = incidentId;
    e.action = QStringLiteral("evidence_added");
    e.details = JsonObjectWriter()
                    .add(u"evidence_id", r.id)
                    .add(u"name", r.name)
                    .add(u"size", r.size)
                    .add(u"sha256", r.sha256)
                    .add(u"stored_as", r.storedName)
                    .finish();
    e.writtenNs = r.addedNs;
    if (auto j = Journal::append(db, e); !j) {
        return fail(j.error());
    }
    const QString target = pathOf(db.path(), r);
    QDir().mkpath(QFileInfo(target).absolutePath());
    if (QFileInfo::exists(target)) {
        // Left by an attach that stopped between moving its copy and committing: the id is new,
        // so the file is in no register. Keep it aside rather than delete anything.
        const QString aside = folderFor(db.path()) + QStringLiteral("/.staging/orphaned-")
            + QUuid::createUuid().toString(QUuid::WithoutBraces);
        if (!QFile::rename(target, aside)) {
            return fail(ioError(QStringLiteral("a file that is in no register is in the way"),
                                target));
        }
    }
    if (!QFile::rename(staged.tempPath, target)) {
        return fail(ioError(QStringLiteral("cannot move the copy into the evidence folder"), target));
    }
    if (auto c = tx.commit(); !c) {
        QFile::remove(target);
        return c.error();
    }
    QFile::setPermissions(target, QFileDevice::ReadOwner | QFileDevice::ReadGroup);
    return r;
}

Result<EvidenceRecord> EvidenceRegister::attach(Database& db, qint64 incidentId,
                                                const QString& sourcePath, const QString& actor)
{
    auto staged = stage(db.path(), sourcePath);
    if (!staged) {
        return staged.error();
    }
    return commit(db, incidentId, *staged, actor);
}

Result<std::vector<EvidenceRecord>> EvidenceRegister::forIncident(Database& db, qint64 incidentId)
{
    auto s = db.prepare(u"SELECT id, incident_id, name, stored_name, size, sha256, added_by, "
                        u"added_ns, source_path FROM evidence WHERE incident_id = ?1 "
                        u"ORDER BY added_ns, id");
    if (!s) {
        return s.error();
    }
    s->bind(1, incidentId);
    return collectRows<EvidenceRecord>(*s, readRecord);
}

} // namespace vigil
