// EVTX reader on damaged hand-built files: every readable record is read, everything else is
// reported with its place and reason, and nothing crashes or hangs.
#include <QTest>

#include "ingest/evtx/binxml_decoder.h"
#include "tst_evtx_builder.h"

using namespace vigil;
using namespace vigil::evtx;
using namespace evtxtest;
using namespace Qt::StringLiterals;

namespace {

using Kind = EvtxIssue::Kind;

// Three records of the Security template in one chunk; @p offsets receives where they start.
QByteArray threeRecordChunk(std::vector<quint32>* offsets = nullptr)
{
    ChunkWriter w;
    quint32 definition = 0;
    for (quint64 id = 1; id <= 3; ++id) {
        if (offsets) {
            offsets->push_back(w.pos());
        }
        securityRecord(w, id, definition);
    }
    return w.finish();
}

// One record whose BinXML is written by @p body inside a template-less fragment.
template <typename Body>
QByteArray singleRecord(Body&& body)
{
    ChunkWriter w;
    w.beginRecord(1, kWrittenTime);
    w.fragmentHeader();
    body(w);
    w.eof();
    w.endRecord();
    return evtxFile({w.finish()});
}

void put32(QByteArray& b, qsizetype at, quint32 v)
{
    b.replace(at, 4, le32(v));
}

} // namespace

class TestEvtxDamage : public QObject {
    Q_OBJECT
private slots:
    void damagedChunks_data() const;
    void damagedChunks() const;
    void brokenRecords_data() const;
    void brokenRecords() const;
    void deletedRecordsInUnusedSpace() const;
    void templateFromAnotherChunk() const;
    void expansionIsBounded() const;
    void notAnEvtxFile() const;
};

void TestEvtxDamage::damagedChunks_data() const
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QList<quint64>>("ids");
    QTest::addColumn<int>("lost");
    QTest::addColumn<int>("damage");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<qint64>("missing");

    std::vector<quint32> at;
    const QByteArray chunk = threeRecordChunk(&at);
    const QList<quint64> all{1, 2, 3};
    QTest::newRow("intact") << evtxFile({chunk}) << all << 0 << 0 << QString() << qint64(0);

    QByteArray noSignature = chunk;
    noSignature.replace(0, 8, QByteArray(8, '\0'));
    QTest::newRow("chunk signature zeroed: records found by scanning")
        << evtxFile({noSignature}) << all << 0 << 1 << u"has no chunk signature"_s << qint64(0);

    QByteArray headerCrc = chunk;
    headerCrc[60] = 'x'; // an unused header byte, covered by the checksum
    QTest::newRow("header checksum wrong")
        << evtxFile({headerCrc}) << all << 0 << 1 << u"chunk header checksum does not match"_s
        << qint64(0);

    QByteArray dataCrc = chunk;
    const qsizetype first = dataCrc.indexOf(utf16(u"first"_s));
    dataCrc[first] = 'F'; // a value changed after the checksum was written
    QTest::newRow("records checksum wrong") << evtxFile({dataCrc}) << all << 0 << 1
                                            << u"records checksum does not match"_s << qint64(0);

    QTest::newRow("no checksums by file flag")
        << evtxFile({dataCrc}, 0x4) << all << 0 << 1 << u"without checksums"_s << qint64(0);

    QByteArray zeroedMiddle = chunk;
    zeroedMiddle.replace(at[1], int(at[2] - at[1]), QByteArray(int(at[2] - at[1]), '\0'));
    QTest::newRow("middle record zeroed") << evtxFile({zeroedMiddle}) << QList<quint64>{1, 3} << 1
                                          << 1 << u"records 2 (1) are missing"_s << qint64(1);

    QByteArray badSizeCopy = chunk;
    put32(badSizeCopy, at[2] - 4, 12345); // record 2's trailing size copy
    QTest::newRow("size copy wrong: resumes at the next record")
        << evtxFile({badSizeCopy}) << QList<quint64>{1, 3} << 1 << 1 << u"hold no readable record"_s
        << qint64(1);

    QByteArray zeroedTail = chunk;
    zeroedTail.replace(at[2], 512, QByteArray(512, '\0'));
    QTest::newRow("last record zeroed") << evtxFile({zeroedTail}) << QList<quint64>{1, 2} << 1 << 1
                                        << u"records 3 (1) are missing"_s << qint64(1);

    const QByteArray whole = evtxFile({chunk});
    QTest::newRow("file cut inside the chunk")
        << whole.left(4096 + qsizetype(at[2]) + 40) << QList<quint64>{1, 2} << 2 << 1
        << u"the file ends"_s << qint64(1);
}

void TestEvtxDamage::damagedChunks() const
{
    QFETCH(QByteArray, file);
    QFETCH(QList<quint64>, ids);
    QFETCH(int, lost);
    QFETCH(int, damage);
    QFETCH(QString, reason);
    QFETCH(qint64, missing);
    const ReadResult r = readAll(file);
    QCOMPARE(QList<quint64>(r.ids.begin(), r.ids.end()), ids);
    QCOMPARE(r.issuesOf(Kind::Lost), lost);
    QCOMPARE(r.issuesOf(Kind::Damage), damage);
    QCOMPARE(r.stats.missing, missing);
    QVERIFY2(reason.isEmpty() || r.reasons().contains(reason), qPrintable(r.reasons()));
    for (const EvtxIssue& issue : r.issues) {
        QVERIFY2(issue.reason.contains(u"chunk 0 (byte 4096)") || issue.chunk < 0 ||
                     issue.reason.contains(u"chunk 0"),
                 qPrintable(issue.reason)); // every issue says where
    }
    // The records that are there are complete.
    for (const Fields& f : r.events) {
        QCOMPARE(f.text(u"SubjectUserName"), u"alice"_s);
        QCOMPARE(f.find(u"Data")->items().size(), 2u);
    }
}

void TestEvtxDamage::brokenRecords_data() const
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QString>("reason");

    QTest::newRow("unknown token") << singleRecord([](ChunkWriter& w) { w.u8(0x1f); })
                                   << u"unknown BinXML token 0x1f at chunk offset"_s;
    QTest::newRow("attribute outside a start tag")
        << singleRecord([](ChunkWriter& w) { w.attribute(u"Name"_s); })
        << u"attribute outside a start tag"_s;
    QTest::newRow("end of an element never opened")
        << singleRecord([](ChunkWriter& w) { w.u8(0x04); }) << u"end of an element"_s;
    QTest::newRow("substitution outside a template") << singleRecord([](ChunkWriter& w) {
        w.open(u"Event"_s, false, false);
        w.closeStart();
        w.substitution(0, 0x01);
        w.end();
    }) << u"substitution outside a template"_s;
    QTest::newRow("name offset outside the chunk") << singleRecord([](ChunkWriter& w) {
        w.u8(0x01);
        w.u32(0);
        w.u32(0x7fffffff);
    }) << u"outside the chunk"_s;
    QTest::newRow("name with a wrong hash") << singleRecord([](ChunkWriter& w) {
        w.u8(0x01);
        w.u32(0);
        w.u32(w.pos() + 4);
        w.u32(0);
        w.u16(0xbeef); // not the hash of "Event"
        w.u16(5);
        w.raw(utf16(u"Event"_s));
        w.u16(0);
    }) << u"is damaged (its hash"_s;
    QTest::newRow("text longer than the record") << singleRecord([](ChunkWriter& w) {
        w.open(u"Event"_s, false, false);
        w.closeStart();
        w.u8(0x05);
        w.u8(0x01);
        w.u16(60000);
    }) << u"text of 60000 characters runs past its data"_s;
    QTest::newRow("template definition outside the chunk") << singleRecord([](ChunkWriter& w) {
        w.templateReference(0x1234, 0xfffffff0);
        w.values({});
    }) << u"template definition at chunk offset 4294967280 is outside the chunk"_s;
    QTest::newRow("template instance with absurd value count") << singleRecord([](ChunkWriter& w) {
        w.beginInlineTemplate(0x99);
        w.fragmentHeader();
        w.open(u"Event"_s, false, true);
        w.closeEmpty();
        w.eof();
        w.endDefinition();
        w.u32(0x40000000);
    }) << u"announces 1073741824 values"_s;
    QTest::newRow("elements nested too deep") << singleRecord([](ChunkWriter& w) {
        for (int i = 0; i < 70; ++i) {
            w.open(u"E"_s, false, false);
            w.closeStart();
        }
    }) << u"nested deeper than 64"_s;
}

void TestEvtxDamage::brokenRecords() const
{
    QFETCH(QByteArray, file);
    QFETCH(QString, reason);
    const ReadResult r = readAll(file);
    QCOMPARE(r.events.size(), 0u);
    QCOMPARE(r.stats.failed, 1);
    QCOMPARE(r.issuesOf(Kind::Lost), 1);
    const EvtxIssue& issue = r.issues.back();
    QVERIFY2(issue.reason.contains(reason), qPrintable(issue.reason));
    QVERIFY2(issue.reason.startsWith(u"record 1 at byte 4608 (chunk 0)"), qPrintable(issue.reason));
    QCOMPARE(issue.recordId, 1u);
    QCOMPARE(issue.fileOffset, 4096 + 512);
    QCOMPARE(issue.raw.left(4), QByteArray("\x2a\x2a\x00\x00", 4)); // the record, for quarantine
}

void TestEvtxDamage::deletedRecordsInUnusedSpace() const
{
    // Records after the free-space offset are left over from before the chunk was reused.
    ChunkWriter w;
    quint32 definition = 0;
    securityRecord(w, 10, definition);
    securityRecord(w, 11, definition);
    const quint32 usedEnd = w.pos();
    securityRecord(w, 4, definition);
    QByteArray chunk = w.finish();
    chunk.replace(32, 8, le64(11));
    chunk.replace(48, 4, le32(usedEnd));
    const quint32 headerCrc =
        referenceCrc32(chunk.constData() + 128, 384, referenceCrc32(chunk.constData(), 120));
    chunk.replace(52, 4, le32(referenceCrc32(chunk.constData() + 512, usedEnd - 512)));
    chunk.replace(124, 4, le32(headerCrc));
    chunk.replace(
        124, 4,
        le32(referenceCrc32(chunk.constData() + 128, 384, referenceCrc32(chunk.constData(), 120))));
    const QByteArray file = evtxFile({chunk});

    const ReadResult normal = readAll(file);
    QCOMPARE(normal.ids, (std::vector<quint64>{10, 11}));
    QCOMPARE(normal.stats.stale, 1);
    QCOMPARE(normal.issuesOf(Kind::Stale), 1);
    QVERIFY2(normal.reasons().contains(u"1 deleted records (ids 4) in the unused space"),
             qPrintable(normal.reasons()));
    QCOMPARE(normal.issuesOf(Kind::Lost) + normal.issuesOf(Kind::Damage), 0);

    const ReadResult recovered = readAll(file, true);
    QCOMPARE(recovered.ids, (std::vector<quint64>{10, 11, 4}));
    QCOMPARE(recovered.stale, (std::vector<bool>{false, false, true}));
    QCOMPARE(recovered.stats.staleRead, 1);
    QCOMPARE(recovered.stats.read, 2);
}

void TestEvtxDamage::templateFromAnotherChunk() const
{
    // Chunk 0 lost the record that defined the template (zeroed); its second record refers to
    // that definition. Chunk 1 defines the same template: the record is read with it, once the
    // whole file has been seen.
    std::vector<quint32> at;
    QByteArray first = threeRecordChunk(&at);
    first.replace(at[0], int(at[1] - at[0]), QByteArray(int(at[1] - at[0]), '\0'));
    ChunkWriter later;
    quint32 definition = 0;
    securityRecord(later, 4, definition);
    const ReadResult r = readAll(evtxFile({first, later.finish()}));
    QCOMPARE(r.ids, (std::vector<quint64>{4, 2, 3}));
    QCOMPARE(r.stats.read, 3);
    QCOMPARE(r.stats.failed, 0);
    QCOMPARE(r.stats.missing, 1);
    QCOMPARE(r.stats.borrowedTemplates, 2);
    QCOMPARE(r.events[1].text(u"SubjectUserName"), u"alice"_s);
    QVERIFY2(r.reasons().contains(u"records 1 (1) are missing"), qPrintable(r.reasons()));

    // Without another chunk to borrow from, the records are reported, not guessed at.
    const ReadResult alone = readAll(evtxFile({first}));
    QCOMPARE(alone.stats.read, 0);
    QCOMPARE(alone.stats.failed, 2);
    QVERIFY2(alone.reasons().contains(u"no other chunk had template 0x5eed1234"),
             qPrintable(alone.reasons()));
}

void TestEvtxDamage::expansionIsBounded() const
{
    // A template that uses one BinXML value 200 times, the value holding 500 elements: 300,000
    // tokens from a 5 KB record. The reader stops at its budget instead of exhausting memory.
    ChunkWriter w;
    w.beginRecord(1, kWrittenTime);
    w.fragmentHeader();
    w.beginInlineTemplate(0x42);
    w.fragmentHeader();
    w.open(u"Event"_s, false, true);
    w.closeStart();
    for (int i = 0; i < 200; ++i) {
        w.substitution(0, 0x21);
    }
    w.end();
    w.eof();
    w.endDefinition();
    w.u32(1);
    const quint32 descriptor = w.pos();
    w.u32(0);
    const quint32 value = w.pos();
    for (int i = 0; i < 500; ++i) {
        w.open(u"X"_s, false, false);
        w.closeEmpty();
    }
    w.bytes().replace(descriptor, 2, le16(quint16(w.pos() - value)));
    w.bytes()[descriptor + 2] = 0x21;
    w.eof();
    w.endRecord();
    const ReadResult r = readAll(evtxFile({w.finish()}));
    QCOMPARE(r.stats.failed, 1);
    QVERIFY2(r.reasons().contains(
                 u"expands to more than %1 XML tokens"_s.arg(BinXmlDecoder::kMaxTokens)),
             qPrintable(r.reasons()));
}

void TestEvtxDamage::notAnEvtxFile() const
{
    const ReadResult tiny = readAll(QByteArray("ElfFile\0\0\0", 10));
    QCOMPARE(tiny.events.size(), 0u);
    QCOMPARE(tiny.issues.size(), 1u);
    QVERIFY(tiny.issues[0].reason.contains(u"shorter than an EVTX file header"));
    // Random bytes: every chunk is reported, nothing is read, nothing hangs.
    QByteArray noise(4096 + 65536 * 2, '\0');
    quint32 x = 12345;
    for (char& c : noise) {
        x = x * 1103515245u + 12345u;
        c = char(x >> 24);
    }
    const ReadResult r = readAll(noise);
    QCOMPARE(r.events.size(), 0u);
    QVERIFY(r.reasons().contains(u"no EVTX file signature"));
    QVERIFY(r.reasons().contains(u"chunk 1 (byte 69632) has no chunk signature"));
}

QTEST_APPLESS_MAIN(TestEvtxDamage)
#include "tst_evtx_damage.moc"
