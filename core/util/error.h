#pragma once

#include <QString>

namespace vigil {

/** @brief What kind of failure an Error describes; the UI builds its message from this. */
enum class ErrorCode {
    Io,            ///< a file could not be opened, read or written
    Parse,         ///< input text breaks its format
    Database,      ///< SQLite reported an error
    Schema,        ///< the database schema is newer than this build or damaged
    Rule,          ///< a Sigma rule is invalid
    Unsupported,   ///< valid input this build cannot handle yet
    InvalidState,  ///< an operation is not allowed in the current state
    NotFound,      ///< a referenced object does not exist
    Usage,         ///< bad arguments from the caller
};

/**
 * @brief A failure with a developer-facing message and optional location context.
 *
 * Lines and columns are 1-based; 0 means "unknown".
 */
struct Error {
    ErrorCode code = ErrorCode::Io;
    QString message;
    QString file;
    int line = 0;
    int column = 0;
    QString ruleId;

    /** @brief "file:line:column: message", leaving out the parts that are unknown. */
    QString toString() const;
};

inline QString Error::toString() const
{
    QString where = file;
    if (line > 0) {
        where += (where.isEmpty() ? QString() : QStringLiteral(":")) + QString::number(line);
        if (column > 0) {
            where += QStringLiteral(":") + QString::number(column);
        }
    }
    return where.isEmpty() ? message : where + QStringLiteral(": ") + message;
}

inline Error makeError(ErrorCode code, QString message)
{
    Error e;
    e.code = code;
    e.message = std::move(message);
    return e;
}

} // namespace vigil
