#include "ingest/evtx/evtx_scan.h"

#include <QFile>

#include "ingest/evtx/event_builder.h"
#include "ingest/evtx/evtx_reader.h"
#include "ingest/evtx/winxml_reader.h"
#include "model/event.h"
#include "storage/event_store.h"
#include "util/timestamp.h"

using namespace Qt::StringLiterals;

namespace vigil::detail {

namespace {

constexpr int kCheckEvery = 256;
constexpr qsizetype kMaxNotes = 200;

struct ScanState {
    const QString& path;
    FileReport& report;
    const EventFn& onEvent;
    const RejectFn& onReject;
    const CancelFlag* cancel;
    const std::function<void(qint64)>& progress;
    bool& cancelled;
    qint64 receivedNs = nowNs();
    int sinceCheck = 0;

    Result<void> reject(qint64 line, qint64 offset, const QString& format, QString reason,
                        QByteArray raw)
    {
        Reject r;
        r.source = path;
        r.line = line;
        r.byteOffset = offset;
        r.format = format;
        r.reason = std::move(reason);
        r.raw = std::move(raw);
        r.receivedNs = receivedNs;
        ++report.read;
        ++report.rejected;
        return onReject(r);
    }

    void note(const QString& text)
    {
        if (report.notes.size() < kMaxNotes) {
            report.notes.append(text);
        } else if (report.notes.size() == kMaxNotes) {
            report.notes.append(u"… more notes left out"_s);
        }
    }

    // Progress and cancellation every few hundred items; true when the user stopped the scan.
    bool checkpoint(qint64 bytes)
    {
        if (++sinceCheck < kCheckEvery) {
            return false;
        }
        sinceCheck = 0;
        progress(bytes);
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            cancelled = true;
            return true;
        }
        return false;
    }
};

Result<void> scanEvtx(QFile& file, ScanState& s)
{
    evtx::EvtxReader reader(&file, {});
    evtx::EventBuilder builder;
    for (auto item = reader.next(); item != evtx::EvtxReader::Item::End; item = reader.next()) {
        if (item == evtx::EvtxReader::Item::Issue) {
            const evtx::EvtxIssue& issue = reader.issue();
            if (issue.kind == evtx::EvtxIssue::Kind::Lost && issue.chunk < 0) {
                s.report.error = issue.reason; // not even a file header: nothing to read
            } else if (issue.kind == evtx::EvtxIssue::Kind::Lost) {
                if (auto r = s.reject(qint64(issue.recordId), issue.fileOffset, u"evtx"_s,
                                      issue.reason, issue.raw);
                    !r) {
                    return r;
                }
            } else {
                s.note(issue.reason);
            }
        } else {
            const evtx::EvtxRecord& rec = reader.record();
            Event e;
            e.source = s.path;
            e.sourcePos = qint64(rec.id);
            e.sourceIsRecord = true;
            e.receivedNs = s.receivedNs;
            e.format = u"evtx"_s;
            builder.build(*rec.tokens, reader.names(), rec.fileTime, true, e);
            ++s.report.read;
            s.report.timeFromReceipt += e.timeSource == TimeSource::Received ? 1 : 0;
            if (auto r = s.onEvent(e); !r) {
                return r;
            }
        }
        if (s.checkpoint(reader.bytesRead())) {
            return {};
        }
    }
    if (!reader.errorString().isEmpty()) {
        s.report.error = reader.errorString();
    }
    s.progress(reader.bytesRead());
    return {};
}

Result<void> scanWinXml(QFile& file, ScanState& s)
{
    evtx::WinXmlReader reader(&file);
    evtx::EventBuilder builder;
    for (auto item = reader.next(); item != evtx::WinXmlReader::Item::End; item = reader.next()) {
        if (item == evtx::WinXmlReader::Item::Problem) {
            if (auto r = s.reject(reader.line(), 0, u"winxml"_s, reader.problem(),
                                  reader.raw().toUtf8());
                !r) {
                return r;
            }
        } else {
            Event e;
            e.source = s.path;
            e.sourcePos = reader.line();
            e.receivedNs = s.receivedNs;
            e.format = u"winxml"_s;
            e.raw = reader.raw();
            builder.build(reader.tokens(), reader.names(), 0, false, e);
            ++s.report.read;
            s.report.timeFromReceipt += e.timeSource == TimeSource::Received ? 1 : 0;
            if (auto r = s.onEvent(e); !r) {
                return r;
            }
        }
        if (s.checkpoint(reader.bytesRead())) {
            return {};
        }
    }
    s.progress(reader.bytesRead());
    return {};
}

} // namespace

QString windowsLogFormat(QFile& file, const QString& forced)
{
    for (const QString& name : {u"evtx"_s, u"winxml"_s}) {
        if (forced.compare(name, Qt::CaseInsensitive) == 0) {
            return name;
        }
    }
    if (!forced.isEmpty()) {
        return {};
    }
    const QByteArray head = file.peek(4096);
    if (evtx::EvtxReader::looksLikeEvtx(head)) {
        return u"evtx"_s;
    }
    if (evtx::WinXmlReader::looksLikeWinXml(head)) {
        return u"winxml"_s;
    }
    return {};
}

Result<void> scanWindowsLog(QFile& file, const QString& path, const QString& format,
                            FileReport& report, const EventFn& onEvent, const RejectFn& onReject,
                            const CancelFlag* cancel, const std::function<void(qint64)>& progress,
                            bool& cancelled)
{
    ScanState s{path, report, onEvent, onReject, cancel, progress, cancelled};
    return format == u"evtx" ? scanEvtx(file, s) : scanWinXml(file, s);
}

} // namespace vigil::detail
