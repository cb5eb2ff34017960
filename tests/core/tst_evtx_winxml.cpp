// Windows event XML exports (wevtutil qe /f:xml, Event Viewer "Save as XML") read into the same
// flattened events as EVTX records; case B22 (unnamed Data and EventID qualifiers).
#include <QBuffer>
#include <QStringEncoder>
#include <QTest>

#include "ingest/evtx/event_builder.h"
#include "ingest/evtx/winxml_reader.h"
#include "model/event.h"
#include "util/timestamp.h"

using namespace vigil;
using namespace vigil::evtx;
using namespace Qt::StringLiterals;

namespace {

struct XmlResult {
    std::vector<Event> events;
    QStringList problems;
    std::vector<qint64> problemLines;
};

XmlResult readXml(const QByteArray& bytes)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    WinXmlReader reader(&buffer);
    EventBuilder builder;
    XmlResult r;
    for (auto item = reader.next(); item != WinXmlReader::Item::End; item = reader.next()) {
        if (item == WinXmlReader::Item::Problem) {
            r.problems << reader.problem();
            r.problemLines.push_back(reader.line());
            continue;
        }
        Event e;
        e.format = u"winxml"_s;
        e.sourcePos = reader.line();
        e.raw = reader.raw();
        builder.build(reader.tokens(), reader.names(), 0, false, e);
        r.events.push_back(std::move(e));
    }
    return r;
}

const QString kB22 =
    u"<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\"><System><Provider "
    u"Name=\"EventLog\"/><EventID Qualifiers=\"32768\">6013</EventID><Level>4</Level><TimeCreated "
    u"SystemTime=\"2019-03-04T05:06:07.123456700Z\"/><EventRecordID>1001</EventRecordID><Channel>"
    u"System</Channel><Computer>host-a</Computer></System><EventData><Data/><Data/><Data>39420"
    u"</Data><Data>0</Data><Data>60 GMT Standard Time</Data></EventData></Event>"_s;

QString windowsEvent(int id, const QString& data)
{
    return u"<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"
           u"<Provider Name='Microsoft-Windows-Security-Auditing' Guid='{54849625-5478-4994-A5BA-"
           u"3E3B0328C30D}'/><EventID>%1</EventID><Level>0</Level><TimeCreated SystemTime='2024-"
           u"01-02T03:04:05.1234567Z'/><EventRecordID>%1</EventRecordID><Channel>Security"
           u"</Channel><Computer>dc1.corp</Computer></System><EventData>%2</EventData>"
           u"<RenderingInfo Culture='en-US'><Message>An account was logged on.</Message>"
           u"</RenderingInfo></Event>"_s.arg(id)
               .arg(data);
}

QStringList texts(const FieldValue* v)
{
    QStringList out;
    if (v) {
        for (const FieldValue& item : v->items()) {
            out << item.text();
        }
    }
    return out;
}

} // namespace

class TestEvtxWinXml : public QObject {
    Q_OBJECT
private slots:
    void caseB22UnnamedDataAndQualifiers() const;
    void wevtutilOutputWithoutRoot() const;
    void eventViewerExportInUtf16() const;
    void brokenEventIsReportedAndReadingGoesOn() const;
    void userDataLeaves() const;
    void detection_data() const;
    void detection() const;
};

void TestEvtxWinXml::caseB22UnnamedDataAndQualifiers() const
{
    const XmlResult r = readXml(kB22.toUtf8());
    QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems.join(u'\n')));
    QCOMPARE(r.events.size(), 1u);
    const Event& e = r.events[0];
    const Fields& f = e.fields;
    // EventID without its qualifiers (32768 << 16 | 6013 would be 2147489661).
    QCOMPARE(f.find(u"EventID")->type(), FieldValue::Type::Int);
    QCOMPARE(f.find(u"EventID")->toInt(), 6013);
    QCOMPARE(f.text(u"EventID_Qualifiers"), u"32768"_s);
    QCOMPARE(f.text(u"Channel"), u"System"_s);
    QCOMPARE(f.text(u"Computer"), u"host-a"_s);
    QCOMPARE(f.text(u"param1"), QString());
    QCOMPARE(f.text(u"param2"), QString());
    QCOMPARE(f.text(u"param3"), u"39420"_s);
    QCOMPARE(f.text(u"param4"), u"0"_s);
    QCOMPARE(f.text(u"param5"), u"60 GMT Standard Time"_s);
    QVERIFY(!f.contains(u"param6"));
    QCOMPARE(texts(f.find(u"Data")),
             (QStringList{QString(), QString(), u"39420"_s, u"0"_s, u"60 GMT Standard Time"_s}));
    // The case's convention shows microseconds, truncated; the issue asks for 100 ns, so the
    // event keeps 7 digits and its first 6 are the case's.
    QCOMPARE(formatUtc(e.timeNs, 6), u"2019-03-04T05:06:07.123456Z"_s);
    QCOMPARE(e.timeDigits, 7);
    QCOMPARE(formatUtc(e.timeNs, 7), u"2019-03-04T05:06:07.1234567Z"_s);
    QCOMPARE(e.timeSource, TimeSource::Event);
    QCOMPARE(e.host, u"host-a"_s);
    QCOMPARE(e.severity, 6); // Level 4: information
    QCOMPARE(e.raw, kB22);
}

void TestEvtxWinXml::wevtutilOutputWithoutRoot() const
{
    // wevtutil qe Security /f:xml: one event per line, no root element, no declaration.
    const QString text = windowsEvent(4624, u"<Data Name='TargetUserName'>alice</Data>"_s) +
                         u"\r\n"_s +
                         windowsEvent(4625, u"<Data Name='Target User Name'> bob </Data>"
                                            u"<Data Name='Status'>0xc000006d</Data>"_s) +
                         u"\r\n"_s;
    const XmlResult r = readXml(text.toUtf8());
    QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems.join(u'\n')));
    QCOMPARE(r.events.size(), 2u);
    QCOMPARE(r.events[0].fields.find(u"EventID")->toInt(), 4624);
    QCOMPARE(r.events[0].fields.text(u"TargetUserName"), u"alice"_s);
    QCOMPARE(r.events[0].fields.text(u"Provider_Guid"),
             u"{54849625-5478-4994-A5BA-3E3B0328C30D}"_s);
    QVERIFY(!r.events[0].fields.contains(u"Message")); // RenderingInfo is not event data
    QCOMPARE(r.events[1].fields.text(u"TargetUserName"), u"bob"_s);
    QCOMPARE(r.events[1].fields.text(u"Status"), u"0xc000006d"_s);
    QCOMPARE(r.events[0].sourcePos, 1);
    QCOMPARE(r.events[1].sourcePos, 2);
    QCOMPARE(r.events[1].raw, text.section(u"\r\n"_s, 1, 1));
    QCOMPARE(formatUtc(r.events[0].timeNs, 7), u"2024-01-02T03:04:05.1234567Z"_s);
    QCOMPARE(r.events[0].host, u"dc1.corp"_s);
    QCOMPARE(r.events[0].severity, 6);
}

void TestEvtxWinXml::eventViewerExportInUtf16() const
{
    // Event Viewer "Save as XML": declaration, <Events> root, indented, UTF-16 with a BOM.
    const QString text =
        u"<?xml version=\"1.0\" encoding=\"UTF-16\"?>\r\n<Events>\r\n"_s +
        windowsEvent(1102, u"\r\n    <Data Name='SubjectUserName'>admin</Data>\r\n    "_s) +
        u"\r\n"_s + windowsEvent(4720, u"<Data Name='TargetUserName'>x&amp;y &lt;z&gt;</Data>"_s) +
        u"\r\n</Events>\r\n"_s;
    QStringEncoder encoder(QStringEncoder::Utf16LE, QStringEncoder::Flag::WriteBom);
    const QByteArray bytes = encoder.encode(text);
    QVERIFY(WinXmlReader::looksLikeWinXml(bytes.left(4096)));
    const XmlResult r = readXml(bytes);
    QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems.join(u'\n')));
    QCOMPARE(r.events.size(), 2u);
    QCOMPARE(r.events[0].fields.text(u"SubjectUserName"), u"admin"_s);
    QCOMPARE(r.events[1].fields.text(u"TargetUserName"), u"x&y <z>"_s);
    QCOMPARE(r.events[0].sourcePos, 3);
    QCOMPARE(r.events[1].sourcePos, 6);
    QVERIFY(r.events[1].raw.startsWith(u"<Event xmlns="));
    QVERIFY(r.events[1].raw.endsWith(u"</Event>"));
}

void TestEvtxWinXml::brokenEventIsReportedAndReadingGoesOn() const
{
    const QString text = windowsEvent(1, u"<Data Name='A'>one</Data>"_s) + u"\n"_s +
                         windowsEvent(2, u"<Data Name='A'>two</Dta>"_s) + u"\n"_s +
                         windowsEvent(3, u"<Data Name='A'>three</Data>"_s) + u"\n"_s;
    const XmlResult r = readXml(text.toUtf8());
    QCOMPARE(r.events.size(), 2u);
    QCOMPARE(r.events[0].fields.text(u"A"), u"one"_s);
    QCOMPARE(r.events[1].fields.text(u"A"), u"three"_s);
    QCOMPARE(r.events[1].sourcePos, 3);
    QCOMPARE(r.problems.size(), 1);
    QVERIFY2(r.problems[0].startsWith(u"event 2 at line 2 is not well-formed XML"),
             qPrintable(r.problems[0]));
    QCOMPARE(r.problemLines, std::vector<qint64>{2});

    // Cut off in the middle of the last event.
    const XmlResult cut = readXml(text.left(text.size() - 30).toUtf8());
    QCOMPARE(cut.events.size(), 1u);
    QCOMPARE(cut.problems.size(), 2);
    QVERIFY2(cut.problems[1].startsWith(u"event 3 at line 3"), qPrintable(cut.problems[1]));
}

void TestEvtxWinXml::userDataLeaves() const
{
    const QString text =
        u"<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"
        u"<EventID>1102</EventID><Channel>Security</Channel><Computer>h</Computer></System>"
        u"<UserData><LogFileCleared xmlns='http://manifests.microsoft.com/win/2004/08/windows/"
        u"eventlog'><SubjectUserSid>S-1-5-21-1</SubjectUserSid><SubjectUserName>admin"
        u"</SubjectUserName><Param Kind='a'>1</Param><Param>2</Param></LogFileCleared>"
        u"</UserData></Event>"_s;
    const XmlResult r = readXml(text.toUtf8());
    QCOMPARE(r.events.size(), 1u);
    const Fields& f = r.events[0].fields;
    QCOMPARE(f.text(u"SubjectUserSid"), u"S-1-5-21-1"_s);
    QCOMPARE(f.text(u"SubjectUserName"), u"admin"_s);
    QCOMPARE(f.text(u"Param_Kind"), u"a"_s);
    QCOMPARE(f.text(u"Param"), u"1"_s);
    QCOMPARE(f.text(u"Param_2"), u"2"_s);
    QVERIFY(!f.contains(u"LogFileCleared_xmlns"));
    QVERIFY(r.events[0].summary.contains(u"1102"));
}

void TestEvtxWinXml::detection_data() const
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<bool>("windows");
    QTest::newRow("wevtutil event") << kB22.toUtf8() << true;
    QTest::newRow("declaration and Events root")
        << QByteArray("\xef\xbb\xbf<?xml version=\"1.0\"?>\n<!-- saved -->\n<Events><Event "
                      "xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>")
        << true;
    QTest::newRow("other XML") << QByteArray("<?xml version=\"1.0\"?><root><Event/></root>")
                               << false;
    QTest::newRow("Event without the Windows namespace")
        << QByteArray("<Event><System/></Event>") << false;
    QTest::newRow("JSON") << QByteArray("{\"EventID\": 4624}") << false;
    QTest::newRow("EVTX") << QByteArray("ElfFile\0", 8) << false;
}

void TestEvtxWinXml::detection() const
{
    QFETCH(QByteArray, head);
    QFETCH(bool, windows);
    QCOMPARE(WinXmlReader::looksLikeWinXml(head), windows);
}

QTEST_APPLESS_MAIN(TestEvtxWinXml)
#include "tst_evtx_winxml.moc"
