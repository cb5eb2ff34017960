#pragma once

#include <vector>

#include <QByteArray>
#include <QString>

#include "ingest/importer.h"
#include "model/event.h"

namespace vigil {

/** @brief One record of a preview: the event as it would be stored, or why it would be rejected. */
struct PreviewRecord {
    bool rejected = false;
    qint64 line = 0;   ///< line number, or 0 when the format has none (EVTX)
    Event event;       ///< when not rejected
    QString reason;    ///< when rejected
    QByteArray raw;    ///< the record as read
};

/** @brief The first records of a file, read exactly as an import would read them. */
struct FilePreview {
    QString path;
    QString format;  ///< the detected (or forced) format
    QString problem; ///< the file cannot be read or is not a log: nothing would be imported
    QStringList notes;
    std::vector<PreviewRecord> records;
    bool more = false; ///< the file holds more records than were read
};

/**
 * @brief Reads up to @p maxRecords records of @p path with @p options (format, zone) and stores
 * nothing. The same detection and parsers as an import, so what the preview shows is what the
 * import will store. Reads only as far as needed, so it is quick on any size of file.
 */
FilePreview previewFile(const QString& path, const IngestOptions& options, int maxRecords = 50);

} // namespace vigil
