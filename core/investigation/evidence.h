#pragma once

#include <atomic>
#include <functional>
#include <vector>

#include <QString>

#include "util/result.h"

namespace vigil {

class Database;

/** @brief A file attached to an incident, as registered. */
struct EvidenceRecord {
    qint64 id = 0;
    qint64 incidentId = 0;
    QString name;       ///< the file name as the analyst chose it
    QString storedName; ///< the copy's path inside the evidence folder ("incident-3/7-mail.eml")
    qint64 size = 0;
    QString sha256;     ///< lower-case hex of the copy, computed while copying
    QString addedBy;
    qint64 addedNs = 0;
    QString sourcePath; ///< where it was copied from
};

/** @brief The verdict on one evidence file. */
enum class EvidenceState : quint8 {
    Verified,        ///< the copy's SHA-256 and size are the ones recorded when attached
    Mismatch,        ///< the copy was changed after it was attached
    Missing,         ///< the copy is gone
    Unreadable,      ///< the copy exists but cannot be read
    RegisterAltered, ///< the register disagrees with the journal (edited outside Vigil)
};

/** @brief What verifying one evidence file found; message says it in one sentence. */
struct EvidenceCheck {
    EvidenceRecord record;
    EvidenceState state = EvidenceState::Verified;
    QString actualSha256; ///< empty when the copy could not be read
    qint64 actualSize = -1;
    QString message;
    bool ok() const { return state == EvidenceState::Verified; }
};

/** @brief A file copied into the evidence folder but not registered yet (see stage()). */
struct StagedEvidence {
    QString tempPath;
    QString name;
    QString sourcePath;
    qint64 size = 0;
    QString sha256;
};

/**
 * @brief The evidence register: files attached to incidents, each copied into the store's
 * evidence folder (folderFor()) with its SHA-256 computed from the bytes written while copying,
 * so the recorded hash is the hash of the copy Vigil keeps. Attaching is a journal entry
 * ("evidence_added", with name, size and hash), so verify() can tell a changed copy from a
 * changed register.
 *
 * Files are streamed in 1 MiB blocks: any size works, and stage() can report progress and stop.
 */
class EvidenceRegister {
public:
    /** @brief The evidence folder of the store at @p dbPath: "<dbPath>-evidence". */
    static QString folderFor(const QString& dbPath);
    /** @brief Where the copy of @p record lives for the store at @p dbPath. */
    static QString pathOf(const QString& dbPath, const EvidenceRecord& record);

    /**
     * @brief Copies @p sourcePath (a regular file) into the evidence folder of @p dbPath under a
     * temporary name, hashing what it writes. Touches no database, so it may run on a worker
     * thread; @p progress gets (bytes done, total). A stopped or failed copy leaves nothing.
     */
    static Result<StagedEvidence> stage(const QString& dbPath, const QString& sourcePath,
                                        const std::atomic<bool>* cancel = nullptr,
                                        const std::function<void(qint64, qint64)>& progress = {});

    /**
     * @brief Registers a staged copy for @p incidentId (own transaction): the register row and
     * the journal entry, then the copy moves to its place (read-only). On failure nothing is
     * registered and the staged copy is removed.
     */
    static Result<EvidenceRecord> commit(Database& db, qint64 incidentId,
                                         const StagedEvidence& staged, const QString& actor);

    /** @brief stage() and commit() in one call (CLI, tests). */
    static Result<EvidenceRecord> attach(Database& db, qint64 incidentId,
                                         const QString& sourcePath, const QString& actor);

    /** @brief Removes a staged copy that will not be committed. */
    static void discard(const StagedEvidence& staged);

    static Result<std::vector<EvidenceRecord>> forIncident(Database& db, qint64 incidentId);

    /**
     * @brief Hashes every copy of the incident's evidence again and compares it with the
     * register and with the journal entry made when it was attached.
     */
    static Result<std::vector<EvidenceCheck>> verify(Database& db, qint64 incidentId,
                                                     const std::atomic<bool>* cancel = nullptr);

    /** @brief Streams @p path through SHA-256; sets @p size. */
    static Result<QString> sha256Of(const QString& path, qint64* size,
                                    const std::atomic<bool>* cancel = nullptr);
};

/** @brief "verified", "altered", "missing", "unreadable", "register altered". */
QString codeOf(EvidenceState state);

} // namespace vigil
