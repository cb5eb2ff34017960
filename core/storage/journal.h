#pragma once

#include <vector>

#include <QByteArray>
#include <QString>

#include "util/result.h"

namespace vigil {

class Database;

/**
 * @brief One append-only journal entry: who did what to which object, when it was written and
 * the effective time the analyst states (equal unless documenting the past).
 */
struct JournalEntry {
    qint64 seq = 0;
    qint64 writtenNs = 0;
    qint64 effectiveNs = 0;
    QString actor;
    QString objectType; ///< "incident", "alert", "note", "rule", "import"
    qint64 objectId = 0;
    QString action;     ///< "created", "status", "note", "alerts_added" ...
    QByteArray details; ///< flat JSON object
    QString prevHash;
    QString hash;
};

/** @brief Outcome of checking the hash chain. */
struct JournalCheck {
    qint64 entries = 0;
    qint64 firstBrokenSeq = 0; ///< 0 when the chain is intact
    QString problem;           ///< what is wrong at firstBrokenSeq (or with the guards)
    QString headHash;
    bool guardsIntact = true;  ///< the triggers that refuse UPDATE and DELETE are in place
    bool keyMatches = true;    ///< written with this installation's key (content verifiable)
    bool anchored = false;     ///< this installation recorded a head for the store to check against
    bool ok() const { return firstBrokenSeq == 0 && guardsIntact && keyMatches; }
};

/**
 * @brief The journal's hash chain: each entry's HMAC-SHA256 (keyed by the installation's secret,
 * see JournalAnchor) covers its content and the previous hash, and the latest committed head is
 * recorded outside the database; so editing, deleting, reordering, inserting or cutting off
 * entries, and recomputing the chain, are detected by verify().
 *
 * append() must run inside the caller's write transaction, so the entry commits (or rolls back)
 * together with the change it records. Triggers in the schema refuse UPDATE and DELETE.
 */
class Journal {
public:
    /** @brief Appends @p entry (seq, writtenNs if 0, prevHash and hash are filled in). */
    static Result<void> append(Database& db, JournalEntry& entry);
    static Result<std::vector<JournalEntry>> forObject(Database& db, const QString& objectType,
                                                       qint64 objectId);
    static Result<JournalCheck> verify(Database& db);
    /**
     * @brief Puts back the triggers that refuse UPDATE and DELETE if someone removed them, and
     * records that in the journal itself, so the removal stays on record. Returns whether it did.
     */
    static Result<bool> restoreGuards(Database& db);
    /** @brief The hash an entry must carry given its content, prevHash and the key. */
    static QString computeHash(const JournalEntry& entry, const QByteArray& key);

private:
    static void checkAnchor(Database& db, JournalCheck& check);
};

/** @brief The name recorded as actor for the local analyst (the OS user). */
QString localActor();

} // namespace vigil
