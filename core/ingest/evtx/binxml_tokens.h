#pragma once

#include <deque>
#include <vector>

#include <QHash>
#include <QString>
#include <QStringView>

namespace vigil::evtx {

/** @brief BinXML value types (MS-EVEN6 2.2.18); 0x80 marks an array of the base type. */
enum ValueType : quint8 {
    kNull = 0x00,
    kString = 0x01,
    kAnsiString = 0x02,
    kInt8 = 0x03,
    kUInt8 = 0x04,
    kInt16 = 0x05,
    kUInt16 = 0x06,
    kInt32 = 0x07,
    kUInt32 = 0x08,
    kInt64 = 0x09,
    kUInt64 = 0x0a,
    kReal32 = 0x0b,
    kReal64 = 0x0c,
    kBool = 0x0d,
    kBinary = 0x0e,
    kGuid = 0x0f,
    kSizeT = 0x10,
    kFileTime = 0x11,
    kSysTime = 0x12,
    kSid = 0x13,
    kHexInt32 = 0x14,
    kHexInt64 = 0x15,
    kEvtHandle = 0x20,
    kBinXml = 0x21,
    kEvtXml = 0x23,
    kArray = 0x80,
};

/** @brief What one token of a rendered event is. */
enum class TokenKind : quint8 {
    Open,     ///< an element starts: name
    Attr,     ///< an attribute of the open element: name; its value is the Text tokens after it
    EndStart, ///< the start tag is complete: Text tokens after it are the element's content
    Close,    ///< the element ends
    Text,     ///< a piece of character data (attribute value or content)
};

/** @brief The form a Text token's data has. */
enum class PieceKind : quint8 {
    Utf16,  ///< @c size bytes of UTF-16LE at @c data
    Str,    ///< the string @c str (template literals, XML text)
    Value,  ///< a typed BinXML value (@c valueType) of @c size bytes at @c data
    Char,   ///< one character reference; the code point is in @c name
    Entity, ///< an entity reference (&amp; ...); the entity's name id is in @c name
    Sub,    ///< template only: substitution number @c size, declared type @c valueType
    OptSub, ///< template only: optional substitution
};

/**
 * @brief One token of an event as elements, attributes and character data. Pointers refer to
 * the chunk being read, to a compiled template or to a TokenStream's own strings; a token is
 * valid only while those live.
 */
struct Token {
    TokenKind kind = TokenKind::Text;
    PieceKind piece = PieceKind::Str;
    quint8 valueType = 0;
    quint32 name = 0;
    quint32 size = 0;
    const uchar* data = nullptr;
    const QString* str = nullptr;
};

/** @brief The tokens of one event plus the strings they own (XML input). Reused per record. */
struct TokenStream {
    std::vector<Token> tokens;
    std::deque<QString> strings;

    void clear()
    {
        tokens.clear();
        strings.clear();
    }
};

/**
 * @brief Interned element and attribute names: each distinct name is decoded once and compared
 * as an integer afterwards. The names the flattening looks for have fixed ids.
 */
class NamePool {
public:
    enum Known : quint32 {
        Event,
        System,
        EventData,
        UserData,
        Data,
        Name,
        Binary,
        RenderingInfo,
        EventID,
        Version,
        Level,
        Task,
        Opcode,
        EventRecordID,
        Computer,
        Channel,
        Provider,
        TimeCreated,
        SystemTime,
        Amp,
        Lt,
        Gt,
        Quot,
        Apos,
        KnownCount
    };

    NamePool();

    /** @brief The id of @p name, adding it when new. */
    quint32 intern(QStringView name);
    const QString& name(quint32 id) const { return m_names[id]; }
    /** @brief `xmlns` or `xmlns:prefix`: a namespace declaration, not data. */
    bool isNamespaceDeclaration(quint32 id) const { return m_xmlns[id]; }
    /** @brief "Element_Attribute", built once per pair (System attribute field names). */
    const QString& joined(quint32 element, quint32 attribute);
    std::size_t size() const { return m_names.size(); }

private:
    std::deque<QString> m_names;
    std::vector<bool> m_xmlns;
    QHash<QString, quint32> m_ids;
    QHash<quint64, QString> m_joined;
};

} // namespace vigil::evtx
