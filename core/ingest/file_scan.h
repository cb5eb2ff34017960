#pragma once

#include <functional>
#include <utility>

#include <QString>

#include "ingest/importer.h"
#include "util/result.h"

class QFile;

namespace vigil {

class Database;
struct Event;
struct Reject;

/** @brief The pieces of importing one file; used by importer.cpp and its tests only. */
namespace detail {

/** @brief A reason without the record's own content or position, for grouping rejects. */
QString reasonClass(const QString& reason);
/** @brief Counts a reject in the summary (by reason class) and keeps the first samples. */
void countReject(IngestSummary& summary, const Reject& r);
/** @brief Why a file is not line-oriented UTF-8 text, or an empty string when it is. */
QString binaryFileProblem(QFile& file);
/** @brief The format of a file from a sample read without consuming it (pipes work too). */
QString detectFileFormat(QFile& file);

using EventFn = std::function<Result<void>(Event&)>;
using RejectFn = std::function<Result<void>(Reject&)>;

/**
 * @brief Reads one file record by record into @p onEvent and @p onReject. Problems with the
 * file itself land in @p report (error); an error is returned only when a callback fails.
 */
Result<void> scanOne(const QString& path, const IngestOptions& opts, FileReport& report,
                     const EventFn& onEvent, const RejectFn& onReject, const CancelFlag* cancel,
                     const std::function<void(qint64)>& progress, bool& cancelled);

/** @brief SHA-256 of a regular file's content; empty for streams and unreadable files. */
QString contentHash(const QString& path, const CancelFlag* cancel);
/** @brief The completed import run (id, start) that read content with this hash, or {0, 0}. */
std::pair<qint64, qint64> earlierImport(Database& db, const QString& sha256);

} // namespace detail
} // namespace vigil
