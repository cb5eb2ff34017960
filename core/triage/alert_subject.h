#pragma once

#include <QString>

#include "model/event.h"
#include "storage/database.h"
#include "util/result.h"

namespace vigil {

/**
 * @brief What grouping keys and suppressions look at in an alert's event: its host, its fields
 * (as rules see them) and its common fields (user, src_ip ...).
 */
struct AlertSubject {
    QString host;
    Fields fields;
    Fields common;

    /**
     * @brief The value of @p name: "host" is the event's host; other names are looked up in the
     * event's fields (exact name first, then any case), then in its common fields. Empty when
     * absent.
     */
    QString value(QStringView name) const;
};

/**
 * @brief Loads AlertSubjects of stored events by id with one prepared statement.
 *
 * Threading: use on the thread that owns the Database it was created on.
 */
class AlertSubjectLoader {
public:
    explicit AlertSubjectLoader(Database& db) : m_db(db) {}

    /** @brief The subject of event @p eventId; NotFound when the event is not stored. */
    Result<AlertSubject> load(qint64 eventId);

private:
    Database& m_db;
    Statement m_select;
};

} // namespace vigil
