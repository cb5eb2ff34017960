#pragma once

#include <optional>
#include <vector>

#include <QString>
#include <QStringList>

#include "triage/priority.h"
#include "util/error.h"
#include "util/result.h"

namespace vigil {

class Database;

/** @brief A host or an identity (user account) and how much it matters. */
struct Asset {
    qint64 id = 0;
    QString kind; ///< "host" or "user"
    QString name; ///< compared case-insensitively (DC01 = dc01)
    Criticality criticality = Criticality::Unknown;
    QString owner;
    QStringList tags;
    qint64 updatedNs = 0;
};

/** @brief What an import of an inventory file did. Problems name file:line and the reason. */
struct AssetImportReport {
    int added = 0;
    int updated = 0;
    int unchanged = 0;
    std::vector<Error> problems; ///< rows left out; the other rows are imported
};

/**
 * @brief The store's asset and identity inventory (table `assets`). Every change is journalled
 * (object type "asset"). Names are matched case-insensitively, so an event's host "DC01"
 * finds the asset "dc01".
 *
 * Inventory files:
 * - CSV with a header line naming the columns `kind` (host or user), `name`, `criticality`
 *   (low, medium, high, critical) and optionally `owner` and `tags` (separated by `;`); fields
 *   may be quoted with `"` (`""` inside quotes is one quote).
 * - YAML: `hosts:` and `users:`, each a list of maps with `name`, `criticality`, `owner`, `tags`.
 */
class AssetInventory {
public:
    static Result<std::vector<Asset>> list(Database& db);
    static Result<std::optional<Asset>> find(Database& db, const QString& kind,
                                             const QString& name);

    /**
     * @brief Adds or updates @p asset (by kind and name) in its own transaction and journals it;
     * returns false when nothing changed.
     */
    static Result<bool> save(Database& db, const Asset& asset, const QString& actor);
    /** @brief Removes an asset (own transaction, journalled). */
    static Result<void> remove(Database& db, const QString& kind, const QString& name,
                               const QString& actor);

    /** @brief Reads a .csv or .yml/.yaml inventory file and saves its rows (one transaction). */
    static Result<AssetImportReport> importFile(Database& db, const QString& path,
                                                const QString& actor);

    /** @brief Parses inventory text; rows with problems are reported and left out. */
    static std::vector<Asset> parseCsv(const QByteArray& text, const QString& source,
                                       std::vector<Error>& problems);
    static std::vector<Asset> parseYaml(const QByteArray& text, const QString& source,
                                        std::vector<Error>& problems);
};

} // namespace vigil
