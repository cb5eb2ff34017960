// EVTX reader on hand-built files: BinXML tokens, templates, value types, flattening, XML.
#include <QTest>

#include "ingest/evtx/binxml_value.h"
#include "tst_evtx_builder.h"

using namespace vigil;
using namespace evtxtest;
using namespace Qt::StringLiterals;

namespace {

QString text(const Fields& f, const QString& name)
{
    const FieldValue* v = f.find(name);
    return v ? v->text() : u"<absent>"_s;
}

} // namespace

class TestEvtxBinXml : public QObject {
    Q_OBJECT
private slots:
    void valueText_data() const;
    void valueText() const;
    void templateInstancesAreFlattenedToSigmaNames() const;
    void templateInstancesRenderAsWindowsXml() const;
    void templateIsCompiledOncePerChunk() const;
    void recordWithoutTemplateAndReferences() const;
    void nestedBinXmlValue() const;
    void repeatedNamesAreKept() const;
};

void TestEvtxBinXml::valueText_data() const
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");
    QTest::newRow("string without its NUL") << 0x01 << utf16(u"cmd.exe\0"_s) << u"cmd.exe"_s;
    QTest::newRow("ansi string") << 0x02 << QByteArray("abc\0", 4) << u"abc"_s;
    QTest::newRow("int8 negative") << 0x03 << QByteArray(1, '\xff') << u"-1"_s;
    QTest::newRow("uint8") << 0x04 << QByteArray(1, '\xff') << u"255"_s;
    QTest::newRow("int16") << 0x05 << le16(0xfffe) << u"-2"_s;
    QTest::newRow("uint16") << 0x06 << le16(4624) << u"4624"_s;
    QTest::newRow("int32") << 0x07 << le32(0xfffffffb) << u"-5"_s;
    QTest::newRow("uint32 max") << 0x08 << le32(0xffffffff) << u"4294967295"_s;
    QTest::newRow("int64 min") << 0x09 << le64(0x8000000000000000ULL) << u"-9223372036854775808"_s;
    QTest::newRow("uint64 max") << 0x0a << le64(~0ULL) << u"18446744073709551615"_s;
    QTest::newRow("real64") << 0x0c << QByteArray("\x00\x00\x00\x00\x00\x00\xf8\x3f", 8)
                            << u"1.5"_s;
    QTest::newRow("bool true") << 0x0d << le32(1) << u"true"_s;
    QTest::newRow("bool false") << 0x0d << le32(0) << u"false"_s;
    QTest::newRow("binary upper-case hex") << 0x0e << QByteArray("\x01\xab\xff", 3) << u"01ABFF"_s;
    QTest::newRow("guid mixed endian")
        << 0x0f
        << QByteArray("\x5f\x38\x70\x57\x2a\xc2\xe0\x43\xbf\x4c\x06\xf5\x69\x8f\xfb\xd9", 16)
        << u"{5770385F-C22A-43E0-BF4C-06F5698FFBD9}"_s;
    QTest::newRow("size_t 64-bit as hex") << 0x10 << le64(0x1fffff) << u"0x1fffff"_s;
    QTest::newRow("filetime 100 ns")
        << 0x11 << le64(kWrittenTime) << u"2019-03-04T05:06:07.1234567Z"_s;
    QTest::newRow("systemtime") << 0x12
                                << le16(2019) + le16(3) + le16(1) + le16(4) + le16(5) + le16(6) +
                                       le16(7) + le16(123)
                                << u"2019-03-04T05:06:07.123Z"_s;
    QTest::newRow("sid") << 0x13
                         << QByteArray("\x01\x05\x00\x00\x00\x00\x00\x05\x15\x00\x00\x00", 12) +
                                le32(186559946) + le32(3925841745) + le32(111227986) + le32(500)
                         << u"S-1-5-21-186559946-3925841745-111227986-500"_s;
    QTest::newRow("hex int32 unpadded") << 0x14 << le32(0x3e7) << u"0x3e7"_s;
    QTest::newRow("hex int64 unpadded") << 0x15 << le64(0x1fffff) << u"0x1fffff"_s;
    QTest::newRow("hex int64 zero") << 0x15 << le64(0) << u"0x0"_s;
    QTest::newRow("string array") << 0x81 << utf16(u"a\0bc\0"_s) << u"a, bc"_s;
    QTest::newRow("uint16 array") << 0x86 << le16(1) + le16(2) << u"1, 2"_s;
    QTest::newRow("int32 of 3 bytes is shown as bytes")
        << 0x07 << QByteArray("\x01\x02\x03", 3) << u"010203"_s;
    QTest::newRow("sid cut short is shown as bytes")
        << 0x13 << QByteArray("\x01\x05\x00", 3) << u"010500"_s;
}

void TestEvtxBinXml::valueText() const
{
    QFETCH(int, type);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    QString out;
    evtx::appendValueText(out, quint8(type), reinterpret_cast<const uchar*>(bytes.constData()),
                          quint32(bytes.size()));
    QCOMPARE(out, expected);
}

void TestEvtxBinXml::templateInstancesAreFlattenedToSigmaNames() const
{
    ChunkWriter w;
    quint32 definition = 0;
    securityRecord(w, 1001, definition);
    securityRecord(w, 1002, definition, 4625, le16(16384), u"  bob"_s);
    const ReadResult r = readAll(evtxFile({w.finish()}));
    QVERIFY2(r.issues.empty(), qPrintable(r.reasons()));
    QCOMPARE(r.events.size(), 2u);
    const Fields& f = r.events[0];
    QCOMPARE(text(f, u"Provider_Name"_s), u"Microsoft-Windows-Security-Auditing"_s);
    QCOMPARE(f.find(u"EventID")->type(), FieldValue::Type::Int);
    QCOMPARE(f.find(u"EventID")->toInt(), 4624);
    QCOMPARE(f.find(u"Level")->toInt(), 0);
    QCOMPARE(f.find(u"EventRecordID")->toInt(), 1001);
    QCOMPARE(text(f, u"TimeCreated_SystemTime"_s), u"2019-03-04T05:06:07.1234567Z"_s);
    QCOMPARE(text(f, u"Channel"_s), u"Security"_s);
    QCOMPARE(text(f, u"Computer"_s), u"host-a"_s);
    QCOMPARE(text(f, u"Security_UserID"_s), u"S-1-5-18"_s);
    QCOMPARE(text(f, u"SubjectUserName"_s), u"alice"_s); // trimmed, NUL dropped
    QCOMPARE(text(f, u"LogonId"_s), u"0x3e7"_s);         // "Logon Id": spaces removed
    QCOMPARE(text(f, u"param1"_s), u"first"_s);
    QCOMPARE(text(f, u"param2"_s), QString()); // optional and null: ''
    QVERIFY(f.find(u"param2")->type() == FieldValue::Type::String);
    const FieldValue* list = f.find(u"Data");
    QVERIFY(list && list->isList());
    QCOMPARE(list->items().size(), 2u);
    QCOMPARE(list->items()[0].text(), u"first"_s);
    QCOMPARE(list->items()[1].text(), QString());
    QVERIFY(!f.contains(u"EventID_Qualifiers")); // a null optional attribute is left out
    QVERIFY(!f.contains(u"Event_xmlns"));
    // Second record: the same template by reference, the qualifiers kept apart from EventID.
    const Fields& g = r.events[1];
    QCOMPARE(g.find(u"EventID")->toInt(), 4625);
    QCOMPARE(text(g, u"EventID_Qualifiers"_s), u"16384"_s);
    QCOMPARE(text(g, u"SubjectUserName"_s), u"bob"_s);
    QCOMPARE(r.ids, (std::vector<quint64>{1001, 1002}));
}

void TestEvtxBinXml::templateInstancesRenderAsWindowsXml() const
{
    ChunkWriter w;
    quint32 definition = 0;
    securityRecord(w, 7, definition, 4624, le16(16384));
    const ReadResult r = readAll(evtxFile({w.finish()}));
    QCOMPARE(r.xml.size(), 1u);
    QCOMPARE(r.xml[0],
             u"<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\"><System>"
             u"<Provider Name=\"Microsoft-Windows-Security-Auditing\"/>"
             u"<EventID Qualifiers=\"16384\">4624</EventID><Level>0</Level>"
             u"<TimeCreated SystemTime=\"2019-03-04T05:06:07.1234567Z\"/>"
             u"<EventRecordID>7</EventRecordID><Channel>Security</Channel>"
             u"<Computer>host-a</Computer><Security UserID=\"S-1-5-18\"/></System><EventData>"
             u"<Data Name=\"SubjectUserName\">alice </Data><Data Name=\"Logon Id\">0x3e7</Data>"
             u"<Data>first</Data><Data/></EventData></Event>"_s);
}

void TestEvtxBinXml::templateIsCompiledOncePerChunk() const
{
    // Two chunks: each defines the template again at its own offset (as Windows writes them).
    ChunkWriter a;
    ChunkWriter b;
    quint32 defA = 0;
    quint32 defB = 0;
    for (quint64 id = 1; id <= 50; ++id) {
        securityRecord(a, id, defA);
    }
    for (quint64 id = 51; id <= 60; ++id) {
        securityRecord(b, id, defB);
    }
    const ReadResult r = readAll(evtxFile({a.finish(), b.finish()}));
    QVERIFY2(r.issues.empty(), qPrintable(r.reasons()));
    QCOMPARE(r.stats.announced, 60);
    QCOMPARE(r.stats.read, 60);
    QCOMPARE(r.stats.borrowedTemplates, 0);
    QCOMPARE(r.events.back().find(u"EventRecordID")->toInt(), 60);
    QCOMPARE(r.xml[0].size(), r.xml[55].size() - 1); // "1" vs "56" in EventRecordID
}

void TestEvtxBinXml::recordWithoutTemplateAndReferences() const
{
    // Forwarded events (WEC) store plain BinXML without templates and without the dependency
    // ids that template definitions carry; character, entity references and CDATA join the
    // text around them.
    ChunkWriter w;
    w.beginRecord(5, kWrittenTime);
    w.fragmentHeader();
    w.open(u"Event"_s, false, false);
    w.closeStart();
    w.open(u"System"_s, false, false);
    w.closeStart();
    w.open(u"EventID"_s, false, false);
    w.closeStart();
    w.text(u"1"_s);
    w.end();
    w.open(u"Channel"_s, false, false);
    w.closeStart();
    w.text(u"MSExchange Management"_s);
    w.end();
    w.end();
    w.open(u"EventData"_s, false, false);
    w.closeStart();
    w.open(u"Data"_s, false, false);
    w.closeStart();
    w.text(u"a"_s, true);
    w.entityRef(u"amp"_s);
    w.charRef(0x42);
    w.cdata(u"<c>"_s);
    w.end();
    w.open(u"Data"_s, false, false);
    w.closeEmpty();
    w.end();
    w.end();
    w.eof();
    w.endRecord();
    const ReadResult r = readAll(evtxFile({w.finish()}));
    QVERIFY2(r.issues.empty(), qPrintable(r.reasons()));
    QCOMPARE(r.events.size(), 1u);
    QCOMPARE(r.events[0].find(u"EventID")->toInt(), 1);
    QCOMPARE(text(r.events[0], u"Channel"_s), u"MSExchange Management"_s);
    QCOMPARE(text(r.events[0], u"param1"_s), u"a&B<c>"_s);
    QCOMPARE(text(r.events[0], u"param2"_s), QString());
    QCOMPARE(r.xml[0], u"<Event><System><EventID>1</EventID><Channel>MSExchange Management"
                       u"</Channel></System><EventData><Data>a&amp;B&lt;c&gt;</Data><Data/>"
                       u"</EventData></Event>"_s);
}

void TestEvtxBinXml::nestedBinXmlValue() const
{
    // A substitution whose value is itself BinXML (type 0x21): its elements appear in place.
    ChunkWriter w;
    w.beginRecord(9, kWrittenTime);
    w.fragmentHeader();
    w.beginInlineTemplate(0x77);
    w.fragmentHeader();
    w.open(u"Event"_s, false, true);
    w.closeStart();
    w.open(u"UserData"_s, false, true);
    w.closeStart();
    w.substitution(0, 0x21);
    w.end();
    w.end();
    w.eof();
    w.endDefinition();
    // The value: <LogFileCleared><SubjectUserName>bob</SubjectUserName></LogFileCleared>
    w.u32(1);
    const quint32 descriptorAt = w.pos();
    w.u32(0);
    const quint32 valueAt = w.pos();
    w.fragmentHeader();
    w.open(u"LogFileCleared"_s, true, false);
    w.attribute(u"xmlns"_s);
    w.text(u"urn:x"_s);
    w.closeStart();
    w.open(u"SubjectUserName"_s, false, false);
    w.closeStart();
    w.text(u"bob"_s);
    w.end();
    w.end();
    w.eof();
    const quint32 size = w.pos() - valueAt;
    w.bytes().replace(int(descriptorAt), 4,
                      QByteArray(le16(quint16(size)) + QByteArray("\x21\x00", 2)));
    w.eof();
    w.endRecord();
    const ReadResult r = readAll(evtxFile({w.finish()}));
    QVERIFY2(r.issues.empty(), qPrintable(r.reasons()));
    QCOMPARE(r.events.size(), 1u);
    QCOMPARE(text(r.events[0], u"SubjectUserName"_s), u"bob"_s);
    QVERIFY(!r.events[0].contains(u"LogFileCleared_xmlns")); // a declaration, not data
    QCOMPARE(r.xml[0], u"<Event><UserData><LogFileCleared xmlns=\"urn:x\"><SubjectUserName>bob"
                       u"</SubjectUserName></LogFileCleared></UserData></Event>"_s);
}

void TestEvtxBinXml::repeatedNamesAreKept() const
{
    ChunkWriter w;
    w.beginRecord(3, kWrittenTime);
    w.fragmentHeader();
    w.open(u"Event"_s, false, false);
    w.closeStart();
    w.open(u"EventData"_s, false, false);
    w.closeStart();
    for (const QString& value : {u"one"_s, u"two"_s, u"three"_s}) {
        w.open(u"Data"_s, true, false);
        w.attribute(u"Name"_s);
        w.text(u"Path"_s);
        w.closeStart();
        w.text(value);
        w.end();
    }
    w.end();
    w.end();
    w.eof();
    w.endRecord();
    const ReadResult r = readAll(evtxFile({w.finish()}));
    QCOMPARE(r.events.size(), 1u);
    QCOMPARE(text(r.events[0], u"Path"_s), u"one"_s);
    QCOMPARE(text(r.events[0], u"Path_2"_s), u"two"_s);
    QCOMPARE(text(r.events[0], u"Path_3"_s), u"three"_s);
}

QTEST_APPLESS_MAIN(TestEvtxBinXml)
#include "tst_evtx_binxml.moc"
