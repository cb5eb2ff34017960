#include "ingest/file_preview.h"

#include "ingest/file_scan.h"
#include "ingest/summary.h"
#include "storage/event_store.h"

namespace vigil {

FilePreview previewFile(const QString& path, const IngestOptions& options, int maxRecords)
{
    FilePreview preview;
    preview.path = path;
    FileReport report;
    report.path = path;
    // The scan stops by failing a callback once the preview is full; that error is ours.
    const Error full = makeError(ErrorCode::InvalidState, QStringLiteral("preview full"));
    const auto take = [&](PreviewRecord&& record) -> Result<void> {
        if (qsizetype(preview.records.size()) >= maxRecords) {
            preview.more = true;
            return full;
        }
        preview.records.push_back(std::move(record));
        return {};
    };
    const auto onEvent = [&](Event& e) -> Result<void> {
        PreviewRecord r;
        r.line = e.sourcePos;
        r.raw = e.raw.toUtf8();
        r.event = std::move(e);
        if (r.event.summary.isEmpty()) {
            r.event.summary = summarize(r.event);
        }
        return take(std::move(r));
    };
    const auto onReject = [&](Reject& j) -> Result<void> {
        PreviewRecord r;
        r.rejected = true;
        r.line = j.line;
        r.reason = j.reason;
        r.raw = j.raw;
        return take(std::move(r));
    };
    bool cancelled = false;
    const auto scanned =
        detail::scanOne(path, options, report, onEvent, onReject, nullptr, [](qint64) {}, cancelled);
    preview.format = report.format;
    preview.notes = report.notes;
    if (!report.error.isEmpty()) {
        preview.problem = report.error;
    } else if (!scanned && !preview.more) {
        preview.problem = scanned.error().message;
    }
    return preview;
}

} // namespace vigil
