#pragma once

#include <optional>

#include <QByteArray>
#include <QString>

#include "util/result.h"

namespace vigil {

class Database;

/**
 * @brief What this installation keeps outside the database to make the journal trustworthy:
 * the secret key of the chain's HMACs and, per store, the last journal head it saw committed.
 *
 * Both live in the settings folder ($VIGIL_CONFIG_DIR, or the user's config folder + "/vigil"),
 * so someone editing the database alone can neither recompute the chain nor cut entries off its
 * end unnoticed. Thread-safe.
 */
class JournalAnchor {
public:
    struct Head {
        qint64 seq = 0;
        QString hash;
        qint64 writtenNs = 0;
    };

    /** @brief The settings folder used for the key and the heads. */
    static QString configDir();
    /** @brief The installation's 32-byte key, created (mode 0600) on first use. */
    static Result<QByteArray> installationKey();
    /** @brief A short public fingerprint of a key, stored with the store to recognise it. */
    static QString keyId(const QByteArray& key);

    /** @brief The store's identity (meta 'store_id'), created on first use. */
    static Result<QString> storeId(Database& db);
    /** @brief The last head recorded for a store on this installation. */
    static std::optional<Head> load(const QString& storeId);
    /** @brief Records @p head unless a later one is already recorded. */
    static Result<void> save(const QString& storeId, const QString& dbPath, const Head& head);

    /**
     * @brief Makes @p db record its journal head here after every commit that added entries
     * (installed on writer connections by Store::openWriter).
     */
    static void attach(Database& db);
};

} // namespace vigil
