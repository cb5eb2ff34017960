#pragma once

#include <QString>

#include "ingest/file_scan.h"

class QFile;

namespace vigil::detail {

/**
 * @brief "evtx" or "winxml" when @p file is a Windows event log — an EVTX file (signature
 * "ElfFile") or a Windows event XML export — or when @p forced names one of them; otherwise an
 * empty string (the file is read line by line). Peeks without consuming.
 */
QString windowsLogFormat(QFile& file, const QString& forced);

/**
 * @brief Reads a Windows event log (format from windowsLogFormat()) into events and rejects.
 *
 * EVTX: one event per record (sourcePos = record id, raw = the record as XML). Records that
 * cannot be read and stretches of a chunk where records are missing become rejects with the byte
 * offset and reason; damage that cost nothing (checksums, chunks without header) and deleted
 * records left in unused space are listed in FileReport::notes. XML exports: one event per
 * `<Event>` (sourcePos = its line, raw = its XML); an event that is not well-formed is rejected.
 */
Result<void> scanWindowsLog(QFile& file, const QString& path, const QString& format,
                            FileReport& report, const EventFn& onEvent, const RejectFn& onReject,
                            const CancelFlag* cancel, const std::function<void(qint64)>& progress,
                            bool& cancelled);

} // namespace vigil::detail
