// Windows event logs through the importer: detection by content, events with record ids and
// XML raw text, rejects with offsets and reasons in quarantine, damage notes.
#include <QFile>
#include <QStringEncoder>
#include <QTemporaryDir>
#include <QTest>

#include "ingest/importer.h"
#include "storage/database.h"
#include "storage/store.h"
#include "tst_evtx_builder.h"
#include "util/timestamp.h"

using namespace vigil;
using namespace evtxtest;
using namespace Qt::StringLiterals;

namespace {

struct Scan {
    IngestSummary summary;
    std::vector<Event> events;
};

Scan scan(const QString& path, const QString& format = {})
{
    Scan s;
    IngestOptions options;
    options.format = format;
    auto summary = scanFiles({path}, options, [&](Event& e) { s.events.push_back(e); });
    if (summary) {
        s.summary = *summary;
    }
    return s;
}

QByteArray twoRecords(std::vector<quint32>* offsets = nullptr)
{
    ChunkWriter w;
    quint32 definition = 0;
    for (quint64 id = 41; id <= 43; ++id) {
        if (offsets) {
            offsets->push_back(w.pos());
        }
        securityRecord(w, id, definition, id == 42 ? 4625 : 4624);
    }
    return w.finish();
}

} // namespace

class TestEvtxImport : public QObject {
    Q_OBJECT
private slots:
    void init();
    void evtxRecordsBecomeEvents() const;
    void damageBecomesRejectsAndNotes();
    void forcedFormat() const;
    void xmlExportInUtf16() const;
    void corpusSampleWithBadChunks() const;

private:
    QString write(const QString& name, const QByteArray& content) const;
    qint64 scalar(const QString& sql);

    std::unique_ptr<QTemporaryDir> m_dir;
    Database m_db;
};

void TestEvtxImport::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    auto db = Store::openWriter(m_dir->filePath(u"i.sqlite"_s));
    QVERIFY(db.has_value());
    m_db = std::move(*db);
}

QString TestEvtxImport::write(const QString& name, const QByteArray& content) const
{
    const QString path = m_dir->filePath(name);
    QFile f(path);
    if (f.open(QIODevice::WriteOnly)) {
        f.write(content);
    }
    return path;
}

qint64 TestEvtxImport::scalar(const QString& sql)
{
    auto s = m_db.prepare(sql);
    auto row = s->step();
    return row && *row ? s->int64(0) : -1;
}

void TestEvtxImport::evtxRecordsBecomeEvents() const
{
    // Detected by its signature, whatever the file is called.
    const QString path = write(u"exported.dat"_s, evtxFile({twoRecords()}));
    const Scan s = scan(path);
    QCOMPARE(s.summary.files.size(), 1u);
    const FileReport& report = s.summary.files[0];
    QCOMPARE(report.format, u"evtx"_s);
    QVERIFY2(report.error.isEmpty(), qPrintable(report.error));
    QCOMPARE(report.read, 3);
    QCOMPARE(report.rejected, 0);
    QVERIFY(report.notes.isEmpty());
    QCOMPARE(s.events.size(), 3u);
    const Event& e = s.events[1];
    QCOMPARE(e.format, u"evtx"_s);
    QCOMPARE(e.sourcePos, 42);
    QVERIFY(e.sourceIsRecord);
    QCOMPARE(e.sourceRef(), path + u"#42"_s);
    QCOMPARE(e.host, u"host-a"_s);
    QCOMPARE(e.severity, 6); // Level 0 (LogAlways) reads as information
    QCOMPARE(e.timeDigits, 7);
    QCOMPARE(e.timeSource, TimeSource::Event);
    QCOMPARE(formatUtc(e.timeNs, 7), u"2019-03-04T05:06:07.1234567Z"_s);
    QCOMPARE(e.fields.find(u"EventID")->toInt(), 4625);
    QVERIFY2(e.summary.contains(u"4625"), qPrintable(e.summary));
    QVERIFY(e.raw.startsWith(u"<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/"
                             u"event\"><System><Provider Name=\"Microsoft-Windows-Security-"
                             u"Auditing\"/><EventID>4625</EventID>"));
}

void TestEvtxImport::damageBecomesRejectsAndNotes()
{
    std::vector<quint32> at;
    QByteArray chunk = twoRecords(&at);
    chunk.replace(at[1], int(at[2] - at[1]), QByteArray(int(at[2] - at[1]), '\0'));
    const QString path = write(u"Security.evtx"_s, evtxFile({chunk}));
    auto summary = importFiles(m_db, nullptr, {path}, IngestOptions());
    QVERIFY(summary.has_value());
    const FileReport& report = summary->files[0];
    QCOMPARE(report.stored, 2);
    QCOMPARE(report.rejected, 1);
    QCOMPARE(report.read, 3);
    QVERIFY(report.error.isEmpty());
    QCOMPARE(report.notes.size(), 1);
    QVERIFY2(report.notes[0].contains(u"records checksum does not match"),
             qPrintable(report.notes[0]));
    QCOMPARE(summary->rejectSamples.size(), 1u);
    QVERIFY2(summary->rejectSamples[0].reason.contains(u"records 42 (1) are missing"),
             qPrintable(summary->rejectSamples[0].reason));
    // In quarantine with where it was: the stretch starts at the second record.
    QCOMPARE(scalar(u"SELECT count(*) FROM rejects WHERE format = 'evtx'"_s), 1);
    QCOMPARE(scalar(u"SELECT byte_offset FROM rejects"_s), 4096 + qint64(at[1]));
    QCOMPARE(scalar(u"SELECT count(*) FROM events WHERE format = 'evtx'"_s), 2);
    QCOMPARE(scalar(u"SELECT count(*) FROM import_runs WHERE status = 'done'"_s), 1);
}

void TestEvtxImport::forcedFormat() const
{
    // --format evtx on something else: read as a damaged file, reported, nothing invented.
    QByteArray noise(4096 + 65536, 'x');
    const Scan s = scan(write(u"noise.bin"_s, noise), u"evtx"_s);
    QCOMPARE(s.events.size(), 0u);
    QCOMPARE(s.summary.files[0].format, u"evtx"_s);
    QVERIFY(s.summary.files[0].rejected >= 1);
    QVERIFY(s.summary.files[0].notes.join(u'\n').contains(u"no EVTX file signature"));
    // Another format forced on an EVTX file: refused with the reason, not read as text.
    const Scan asText = scan(write(u"x.evtx"_s, evtxFile({twoRecords()})), u"text"_s);
    QCOMPARE(asText.events.size(), 0u);
    QVERIFY(asText.summary.files[0].error.contains(u"format evtx"));
}

void TestEvtxImport::xmlExportInUtf16() const
{
    const QString xml =
        u"<?xml version=\"1.0\" encoding=\"UTF-16\"?>\r\n<Events>\r\n<Event xmlns='http://schemas."
        u"microsoft.com/win/2004/08/events/event'><System><Provider Name='Service Control "
        u"Manager'/><EventID Qualifiers='16384'>7045</EventID><Level>4</Level><TimeCreated "
        u"SystemTime='2024-05-06T07:08:09.5Z'/><Channel>System</Channel><Computer>ws1</Computer>"
        u"</System><EventData><Data Name='ServiceName'>evil</Data><Data Name='ImagePath'>"
        u"C:\\x.exe </Data></EventData></Event>\r\n</Events>\r\n"_s;
    QStringEncoder encoder(QStringEncoder::Utf16LE, QStringEncoder::Flag::WriteBom);
    const Scan s = scan(write(u"system.xml"_s, encoder.encode(xml)));
    QCOMPARE(s.summary.files[0].format, u"winxml"_s);
    QVERIFY2(s.summary.files[0].error.isEmpty(), qPrintable(s.summary.files[0].error));
    QCOMPARE(s.events.size(), 1u);
    const Event& e = s.events[0];
    QCOMPARE(e.format, u"winxml"_s);
    QCOMPARE(e.sourcePos, 3); // the event's line
    QVERIFY(!e.sourceIsRecord);
    QCOMPARE(e.fields.find(u"EventID")->toInt(), 7045);
    QCOMPARE(e.fields.text(u"ImagePath"), u"C:\\x.exe"_s);
    QCOMPARE(formatUtc(e.timeNs, e.timeDigits), u"2024-05-06T07:08:09.5000000Z"_s);
    QCOMPARE(e.host, u"ws1"_s);
    QVERIFY(e.raw.startsWith(u"<Event xmlns='http"));
}

void TestEvtxImport::corpusSampleWithBadChunks() const
{
    const QString path = QStringLiteral(VIGIL_SHARED_CORPUS) +
                         u"/logs/windows-evtx/evtxrs-sample_with_a_bad_chunk_magic.evtx"_s;
    if (!QFile::exists(path)) {
        QSKIP("no shared corpus");
    }
    const Scan s = scan(path);
    const FileReport& report = s.summary.files[0];
    QCOMPARE(report.format, u"evtx"_s);
    QCOMPARE(s.events.size(), 380u);
    // Rejects: the stretches where records are missing (chunks 0, 7, 9) and the unreadable
    // start and end of the two chunks without header (6, 10).
    QCOMPARE(report.rejected, 7);
    QCOMPARE(report.read, 387);
    // Notes: three records checksums, two chunks without header, the deleted records of chunk 7.
    QCOMPARE(report.notes.size(), 6);
    QVERIFY(report.notes.join(u'\n').contains(u"50 deleted records (ids 45641–45690)"));
    for (const Event& e : s.events) {
        QVERIFY(e.sourcePos > 0);
        QCOMPARE(e.timeDigits, 7);
    }
}

QTEST_GUILESS_MAIN(TestEvtxImport)
#include "tst_evtx_import.moc"
