#include <QTest>

#include "model/event.h"
#include "util/json.h"

using namespace vigil;
using namespace Qt::StringLiterals;

class TestJson : public QObject {
    Q_OBJECT
private slots:
    void b16Int64Exact() const;
    void flattening() const;
    void malformed_data() const;
    void malformed() const;
    void roundTrip() const;
    void escapes() const;
    void repeatedNamesKeepEveryValue() const;
};

// Case B16: integers above 2^53 must not pass through double; 1.5e3 is the integer 1500.
void TestJson::b16Int64Exact() const
{
    Fields f;
    JsonError err;
    QVERIFY(parseJsonObjectFlat(R"({"event_id":9007199254740993,"user":"user1","bytes":1.5e3})", f, &err));
    QCOMPARE(f.find(u"event_id")->type(), FieldValue::Type::Int);
    QCOMPARE(f.find(u"event_id")->toInt(), Q_INT64_C(9007199254740993));
    QCOMPARE(f.text(u"event_id"), u"9007199254740993"_s);
    QCOMPARE(f.find(u"bytes")->type(), FieldValue::Type::Int);
    QCOMPARE(f.find(u"bytes")->toInt(), 1500);
    QCOMPARE(fieldsToJson(f), QByteArray(R"({"event_id":9007199254740993,"user":"user1","bytes":1500})"));
}

void TestJson::flattening() const
{
    Fields f;
    QVERIFY(parseJsonObjectFlat(
        R"({"a":{"b":{"c":1}},"list":[1,"x",null],"objs":[{"k":"v"},{"k":"w"}],"big":18446744073709551615,"neg":-9223372036854775808,"f":0.25,"t":true,"n":null,"e":{}})",
        f, nullptr));
    QCOMPARE(f.text(u"a.b.c"), u"1"_s);
    QVERIFY(f.find(u"list")->isList());
    QCOMPARE(f.find(u"list")->items().size(), 3u);
    QVERIFY(f.find(u"list")->items()[2].isNull());
    QCOMPARE(f.text(u"objs.0.k"), u"v"_s);
    QCOMPARE(f.text(u"objs.1.k"), u"w"_s);
    QCOMPARE(f.text(u"big"), u"18446744073709551615"_s);
    QCOMPARE(f.find(u"neg")->toInt(), std::numeric_limits<qint64>::min());
    QCOMPARE(f.text(u"f"), u"0.25"_s);
    QCOMPARE(f.text(u"t"), u"true"_s);
    QVERIFY(f.find(u"n")->isNull());
    QVERIFY(!f.contains(u"e"));
}

void TestJson::malformed_data() const
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("reason");
    QTest::addRow("truncated object") << QByteArray(R"({"a":1,"b":)") << u"truncated"_s;
    QTest::addRow("truncated string") << QByteArray(R"({"a":"abc)") << u"not terminated"_s;
    QTest::addRow("not an object") << QByteArray(R"([1,2])") << u"expected '{'"_s;
    QTest::addRow("trailing text") << QByteArray(R"({"a":1} x)") << u"after the JSON object"_s;
    QTest::addRow("bare word") << QByteArray(R"({"a":nope})") << u"invalid JSON value"_s;
    QTest::addRow("deep nesting") << QByteArray(200, '[').prepend("{\"a\":") << u"nested too deeply"_s;
}

void TestJson::malformed() const
{
    QFETCH(QByteArray, input);
    QFETCH(QString, reason);
    Fields f;
    JsonError err;
    QVERIFY(!parseJsonObjectFlat(input, f, &err));
    QVERIFY2(err.message.contains(reason), qPrintable(err.message));
}

void TestJson::roundTrip() const
{
    Fields f;
    f.append(u"s"_s, FieldValue::fromString(u"quote \" backslash \\ tab \t nl \n ü €"_s));
    f.append(u"i"_s, FieldValue::fromInt(-42));
    f.append(u"l"_s, FieldValue::fromList({FieldValue::fromString(u"a"_s), FieldValue::fromInt(2)}));
    f.append(u"n"_s, FieldValue());
    Fields back;
    QVERIFY(parseJsonObjectFlat(fieldsToJson(f), back, nullptr));
    QCOMPARE(back.entries().size(), f.entries().size());
    for (std::size_t i = 0; i < f.size(); ++i) {
        QCOMPARE(back.entries()[i].first, f.entries()[i].first);
        QVERIFY(back.entries()[i].second == f.entries()[i].second);
    }
}

void TestJson::escapes() const
{
    Fields f;
    QVERIFY(parseJsonObjectFlat(R"({"u":"\u00e9\ud83d\ude00\u001b[0m"})", f, nullptr));
    QCOMPARE(f.text(u"u"), u"é😀\x1b[0m"_s);
    QByteArray out;
    appendJsonString(out, u"\x1b");
    QCOMPARE(out, QByteArray(R"("\u001b")"));
    // C1 controls and bidi overrides are escaped too (terminal safety), other text is kept.
    out.clear();
    appendJsonString(out, u"a\u009b2Jb\u202Egnp.exe\u2066c\u061Cd é€😀");
    QCOMPARE(out, QByteArray(R"("a\u009b2Jb\u202egnp.exe\u2066c\u061cd )") + QByteArray("é€😀\""));
    Fields back;
    QVERIFY(parseJsonObjectFlat(QByteArray("{\"k\":" + out + "}"), back, nullptr));
    QCOMPARE(back.text(u"k"), u"a\u009b2Jb\u202Egnp.exe\u2066c\u061Cd é€😀"_s);
}

// {"CommandLine":"benign","CommandLine":"mimikatz"} must not hide the second value from rules.
void TestJson::repeatedNamesKeepEveryValue() const
{
    Fields f;
    QVERIFY(parseJsonObjectFlat(R"({"CommandLine":"benign","x":1,"CommandLine":"mimikatz"})", f, nullptr));
    QCOMPARE(f.size(), 2u);
    const FieldValue* cmd = f.find(u"CommandLine");
    QVERIFY(cmd && cmd->isList());
    QCOMPARE(cmd->items().size(), 2u);
    QCOMPARE(cmd->items()[1].text(), u"mimikatz"_s);
    Fields g;
    QVERIFY(parseJsonObjectFlat(R"({"a":{"b":1},"a.b":[2,3]})", g, nullptr));
    QCOMPARE(g.size(), 1u);
    QCOMPARE(g.find(u"a.b")->items().size(), 3u);
}

QTEST_APPLESS_MAIN(TestJson)
#include "tst_json.moc"
