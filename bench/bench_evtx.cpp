// vigil-bench-evtx: measures Vigil's own EVTX reader (no libevtx).
//
// Reads every .evtx under the shared corpus (or the files and folders given) into memory and
// times two workloads: "large file", one EVTX file made of the chunks of those files that are at
// least half full, repeated to about 200,000 records (what a live Security.evtx looks like to the
// reader), and "per file", the files one by one (the corpus has many one-record files, where
// opening a file costs more than its records). Each is parsed over and over for about two seconds
// per stage:
//   decode   chunks checked, records framed, BinXML decoded into tokens (templates cached)
//   fields   decode + flattening to the Sigma field map (Fields): the figure the issue asks for
//   event    decode + fields + the raw XML + time, host, severity, summary (what import stores)
// Options: --seconds S (per stage, default 2), --only decode|fields|event, paths (files or
// folders; default the corpus).

#include <QBuffer>
#include <QCoreApplication>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include "ingest/evtx/event_builder.h"
#include "ingest/evtx/evtx_reader.h"
#include "ingest/evtx/record_flattener.h"
#include "model/event.h"

using namespace vigil;
using namespace Qt::StringLiterals;

namespace {

enum class Stage { Decode, Fields, Event };

QStringList evtxFiles(const QStringList& paths)
{
    QStringList out;
    for (const QString& p : paths) {
        if (QFileInfo(p).isDir()) {
            QDirIterator it(p, {u"*.evtx"_s}, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                out << it.next();
            }
        } else {
            out << p;
        }
    }
    out.sort();
    return out;
}

// One pass over one file; returns the records read.
qint64 readOnce(const QByteArray& bytes, Stage stage, qint64& checksum)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    evtx::EvtxReader reader(&buffer, {});
    evtx::RecordFlattener flattener;
    evtx::EventBuilder builder;
    Fields fields;
    qint64 records = 0;
    for (auto item = reader.next(); item != evtx::EvtxReader::Item::End; item = reader.next()) {
        if (item != evtx::EvtxReader::Item::Record) {
            continue;
        }
        ++records;
        const evtx::EvtxRecord& rec = reader.record();
        if (stage == Stage::Fields) {
            fields.clear();
            flattener.flatten(*rec.tokens, reader.names(), fields);
            checksum += qint64(fields.size());
        } else if (stage == Stage::Event) {
            Event e;
            e.format = u"evtx"_s;
            builder.build(*rec.tokens, reader.names(), rec.fileTime, true, e);
            checksum += e.raw.size();
        } else {
            checksum += qint64(rec.tokens->tokens.size());
        }
    }
    return records;
}

// One EVTX file of the corpus chunks that are at least half full (as in a live log), repeated.
QByteArray largeFile(const std::vector<QByteArray>& files, qint64 wantedRecords)
{
    constexpr qsizetype kHeader = 4096;
    constexpr qsizetype kChunk = 65536;
    QByteArray chunks;
    for (const QByteArray& f : files) {
        for (qsizetype at = kHeader; at + kChunk <= f.size(); at += kChunk) {
            const auto* c = reinterpret_cast<const uchar*>(f.constData() + at);
            const quint32 freeOffset = c[48] | c[49] << 8 | c[50] << 16 | quint32(c[51]) << 24;
            if (f.mid(at, 8) == QByteArrayView("ElfChnk\0", 8) && freeOffset >= kChunk / 2 &&
                freeOffset <= kChunk) {
                chunks += f.mid(at, kChunk);
            }
        }
    }
    QByteArray out = files.front().left(kHeader);
    qint64 checksum = 0;
    const qint64 perCopy = readOnce(out + chunks, Stage::Decode, checksum);
    for (qint64 n = 0; n < wantedRecords && perCopy > 0; n += perCopy) {
        out += chunks;
    }
    return out;
}

void timeStages(const std::vector<QByteArray>& files, double seconds, const QString& only)
{
    qint64 checksum = 0;
    const std::pair<Stage, const char*> stages[] = {
        {Stage::Decode, "decode"}, {Stage::Fields, "fields"}, {Stage::Event, "event"}};
    for (const auto& [stage, name] : stages) {
        if (!only.isEmpty() && only != QLatin1StringView(name)) {
            continue;
        }
        QElapsedTimer timer;
        timer.start();
        qint64 records = 0;
        while (double(timer.nsecsElapsed()) < seconds * 1e9) {
            for (const QByteArray& f : files) {
                records += readOnce(f, stage, checksum);
            }
        }
        const double s = double(timer.nsecsElapsed()) / 1e9;
        qInfo("  %-7s %10.0f records/s  (%lld records in %.2f s, one thread)", name,
              double(records) / s, records, s);
    }
    qInfo("  (checksum %lld)", checksum);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    double seconds = 2.0;
    if (const qsizetype i = args.indexOf(u"--seconds"_s); i >= 0 && i + 1 < args.size()) {
        seconds = args[i + 1].toDouble();
        args.remove(i, 2);
    }
    QString only;
    if (const qsizetype i = args.indexOf(u"--only"_s); i >= 0 && i + 1 < args.size()) {
        only = args[i + 1];
        args.remove(i, 2);
    }
    if (args.isEmpty()) {
        const QString corpus = QStringLiteral(VIGIL_SHARED_CORPUS);
        args << corpus + u"/logs/windows-evtx"_s << corpus + u"/logs/windows-evtx-attack"_s
             << corpus + u"/sigma-regression/regression_data"_s;
    }
    std::vector<QByteArray> files;
    qint64 bytes = 0;
    for (const QString& path : evtxFiles(args)) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            qWarning("cannot read %s", qPrintable(path));
            continue;
        }
        files.push_back(f.readAll());
        bytes += files.back().size();
    }
    if (files.empty()) {
        qWarning("no .evtx files found");
        return 1;
    }
    qint64 checksum = 0;
    qint64 perPass = 0;
    for (const QByteArray& f : files) {
        perPass += readOnce(f, Stage::Decode, checksum);
    }
    const QByteArray large = largeFile(files, 200000);
    const qint64 largeRecords = readOnce(large, Stage::Decode, checksum);
    qInfo("large file: %.1f MiB, %lld records", double(large.size()) / (1024.0 * 1024.0),
          largeRecords);
    timeStages({large}, seconds, only);
    qInfo("per file: %d files, %.1f MiB, %lld records per pass", int(files.size()),
          double(bytes) / (1024.0 * 1024.0), perPass);
    timeStages(files, seconds, only);
    return 0;
}
