#include <QTest>

#include "util/text.h"

using namespace vigil;
using namespace Qt::StringLiterals;

class TestText : public QObject {
    Q_OBJECT
private slots:
    void fillIsOnePass() const;
    void escapeControls_data() const;
    void escapeControls() const;
};

// Chained QString::arg() would let "%2" inside the host pull the next value into it.
void TestText::fillIsOnePass() const
{
    QCOMPARE(fill(u"host %1 · rule %2", {u"db%2-%1"_s, u"R"_s}), u"host db%2-%1 · rule R"_s);
    QCOMPARE(fill(u"%1%", {u"50"_s}), u"50%"_s);
    QCOMPARE(fill(u"%3 missing", {u"a"_s}), u"%3 missing"_s);
}

void TestText::escapeControls_data() const
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<bool>("keepLineBreaks");
    QTest::addColumn<QString>("expected");
    QTest::addRow("ANSI colour") << u"evil\x1b[31mred"_s << false << u"evil\\x1b[31mred"_s;
    QTest::addRow("OSC title with BEL") << u"\x1b]0;pwned\x07"_s << true << u"\\x1b]0;pwned\\x07"_s;
    QTest::addRow("C1 CSI") << u"a\u009b2Jb"_s << false << u"a\\x9b2Jb"_s;
    QTest::addRow("bidi override") << u"invoice\u202Efdp.exe"_s << false << u"invoice\\u{202e}fdp.exe"_s;
    QTest::addRow("tab and newline in a field") << u"a\tb\nc"_s << false << u"a\\x09b\\x0ac"_s;
    QTest::addRow("tab and newline in a message") << u"a\tb\nc"_s << true << u"a\tb\nc"_s;
    QTest::addRow("plain unicode kept") << u"Zürich 東京 😀"_s << false << u"Zürich 東京 😀"_s;
}

void TestText::escapeControls() const
{
    QFETCH(QString, input);
    QFETCH(bool, keepLineBreaks);
    QFETCH(QString, expected);
    QCOMPARE(vigil::escapeControls(input, keepLineBreaks), expected);
}

QTEST_APPLESS_MAIN(TestText)
#include "tst_text.moc"
