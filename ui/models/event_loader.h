#pragma once

#include <optional>

#include <QObject>
#include <QString>

#include "storage/database.h"

namespace vigil {

/**
 * @brief Runs event queries on its own thread with its own reader connection.
 *
 * Only EventTableModel uses it: the model queues lambdas to this object; the connection is
 * opened on first use in the loader's thread and closed with it.
 */
class EventLoader : public QObject {
    Q_OBJECT
public:
    explicit EventLoader(QString dbPath) : m_path(std::move(dbPath)) {}

    /** @brief The reader connection, opened on first use; nullptr with @p error set on failure. */
    Database* database(QString* error);

private:
    QString m_path;
    std::optional<Database> m_db;
};

} // namespace vigil
