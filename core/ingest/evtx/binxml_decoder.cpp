#include "ingest/evtx/binxml_decoder.h"

#include "ingest/evtx/binxml_value.h"
#include "ingest/evtx/byte_view.h"

using namespace Qt::StringLiterals;

namespace vigil::evtx {

namespace {

// BinXML tokens (MS-EVEN6 2.2.12); 0x40 on some of them means "more data follows".
enum : quint8 {
    kEof = 0x00,
    kOpenStart = 0x01,
    kCloseStart = 0x02,
    kCloseEmpty = 0x03,
    kEndElement = 0x04,
    kValueText = 0x05,
    kAttribute = 0x06,
    kCData = 0x07,
    kCharRef = 0x08,
    kEntityRef = 0x09,
    kPiTarget = 0x0a,
    kPiData = 0x0b,
    kTemplateInstance = 0x0c,
    kNormalSub = 0x0d,
    kOptionalSub = 0x0e,
    kFragmentHeader = 0x0f,
    kMoreFlag = 0x40,
};

bool mayHaveMoreFlag(quint8 base)
{
    return base == kOpenStart || base == kValueText || base == kAttribute || base == kCData ||
           base == kCharRef || base == kEntityRef;
}

quint16 nameHash(const uchar* chars, quint32 count)
{
    quint32 h = 0;
    for (quint32 i = 0; i < count; ++i) {
        h = h * 65599u + le16(chars + 2 * i);
    }
    return quint16(h);
}

Token textToken(PieceKind piece)
{
    Token t;
    t.kind = TokenKind::Text;
    t.piece = piece;
    return t;
}

Token structural(TokenKind kind, quint32 name = 0)
{
    Token t;
    t.kind = kind;
    t.name = name;
    return t;
}

} // namespace

BinXmlDecoder::BinXmlDecoder(NamePool& names)
    : m_names(names)
    , m_valuePool(kMaxNesting + 1)
{
}

BinXmlDecoder::~BinXmlDecoder() = default;

void BinXmlDecoder::beginChunk(const uchar* chunk, quint32 size)
{
    m_chunk = chunk;
    m_chunkSize = size;
    m_nameCache.clear();
    m_chunkTemplates.clear();
}

bool BinXmlDecoder::decodeRecord(const uchar* begin, const uchar* end, TokenStream& out,
                                 QString& error)
{
    out.clear();
    m_missingTemplate = false;
    ByteCursor c(begin, end);
    Sink sink{Mode::Record, &out.tokens, nullptr, 0};
    if (!parseTokens(c, sink)) {
        error = m_error;
        return false;
    }
    if (out.tokens.empty()) {
        error = u"the record holds no XML"_s;
        return false;
    }
    return true;
}

bool BinXmlDecoder::fail(const uchar* at, const QString& why)
{
    m_error = u"%1 at chunk offset %2"_s.arg(why).arg(offsetOf(at));
    return false;
}

bool BinXmlDecoder::push(Sink& sink, const Token& t)
{
    if (sink.tokens->size() >= kMaxTokens) {
        m_error = u"the record expands to more than %1 XML tokens"_s.arg(kMaxTokens);
        return false;
    }
    sink.tokens->push_back(t);
    return true;
}

// Reads tokens until the end of file token or the end of the range. Elements left open at the
// end are closed, so every stream that leaves here is balanced.
bool BinXmlDecoder::parseTokens(ByteCursor& c, Sink& sink)
{
    int depth = 0;
    bool inStartTag = false;
    bool inAttr = false;
    while (!c.atEnd()) {
        const uchar* at = c.pos();
        quint8 token = 0;
        c.u8(token);
        const auto base = quint8(token & ~kMoreFlag);
        if ((token & kMoreFlag) && !mayHaveMoreFlag(base)) {
            return fail(at, u"unknown BinXML token 0x%1"_s.arg(token, 2, 16, QLatin1Char('0')));
        }
        if (base == kEof) {
            break;
        }
        switch (base) {
        case kFragmentHeader:
            if (!c.skip(3)) {
                return fail(at, u"fragment header cut off"_s);
            }
            break;
        case kOpenStart:
            if (inStartTag) {
                return fail(at, u"element starts inside a start tag"_s);
            }
            if (depth >= kMaxElementDepth) {
                return fail(at, u"elements nested deeper than %1"_s.arg(kMaxElementDepth));
            }
            if (!readElementStart(c, sink, token)) {
                return false;
            }
            ++depth;
            inStartTag = true;
            inAttr = false;
            break;
        case kCloseStart:
        case kCloseEmpty:
            if (!inStartTag) {
                return fail(at, u"end of a start tag outside a start tag"_s);
            }
            inStartTag = false;
            inAttr = false;
            if (!push(sink, structural(TokenKind::EndStart))) {
                return false;
            }
            if (base == kCloseEmpty) {
                --depth;
                if (!push(sink, structural(TokenKind::Close))) {
                    return false;
                }
            }
            break;
        case kEndElement:
            if (inStartTag || depth == 0) {
                return fail(at, u"end of an element that is not open"_s);
            }
            --depth;
            if (!push(sink, structural(TokenKind::Close))) {
                return false;
            }
            break;
        case kAttribute: {
            quint32 id = 0;
            if (!inStartTag) {
                return fail(at, u"attribute outside a start tag"_s);
            }
            if (!readName(c, id) || !push(sink, structural(TokenKind::Attr, id))) {
                return false;
            }
            inAttr = true;
            break;
        }
        case kValueText:
        case kCData:
        case kCharRef:
        case kEntityRef:
        case kNormalSub:
        case kOptionalSub:
            if ((inStartTag && !inAttr) || (depth == 0 && sink.nesting == 0)) {
                return fail(at, u"character data outside an element or attribute"_s);
            }
            if ((base == kNormalSub || base == kOptionalSub) && sink.mode != Mode::Template) {
                return fail(at, u"substitution outside a template"_s);
            }
            if (!readText(c, sink, base, inStartTag)) {
                return false;
            }
            break;
        case kPiTarget: {
            quint32 id = 0;
            if (!readName(c, id)) {
                return false;
            }
            break;
        }
        case kPiData: {
            quint16 chars = 0;
            if (!c.u16(chars) || !c.skip(2 * std::size_t(chars))) {
                return fail(at, u"processing instruction cut off"_s);
            }
            break;
        }
        case kTemplateInstance:
            if (sink.mode == Mode::Template) {
                return fail(at, u"template instance inside a template definition"_s);
            }
            if (inStartTag) {
                return fail(at, u"template instance inside a start tag"_s);
            }
            if (!readTemplateInstance(c, sink)) {
                return false;
            }
            break;
        default:
            return fail(at, u"unknown BinXML token 0x%1"_s.arg(token, 2, 16, QLatin1Char('0')));
        }
    }
    if (inStartTag && !push(sink, structural(TokenKind::EndStart))) {
        return false;
    }
    for (; depth > 0; --depth) {
        if (!push(sink, structural(TokenKind::Close))) {
            return false;
        }
    }
    return true;
}

// Template definitions carry a 2-byte dependency id before the element's size; record-level
// BinXML and BinXML values do not (forwarded-event files rely on that). The expected layout is
// tried first and the other one when its name cannot be right: names carry a hash, so a wrong
// guess does not pass.
bool BinXmlDecoder::readElementStart(ByteCursor& c, Sink& sink, quint8 token)
{
    const uchar* at = c.pos() - 1;
    bool withDependency = sink.mode == Mode::Template;
    QString firstError;
    for (int attempt = 0; attempt < 2; ++attempt, withDependency = !withDependency) {
        ByteCursor t = c;
        quint32 size = 0;
        quint32 id = 0;
        if ((withDependency && !t.skip(2)) || !t.u32(size)) {
            m_error = u"element start cut off"_s;
        } else if (size > t.left()) {
            m_error = u"element size %1 runs past its data"_s.arg(size);
        } else if (readName(t, id) && (!(token & kMoreFlag) || t.skip(4))) {
            c = t;
            return push(sink, structural(TokenKind::Open, id));
        }
        if (attempt == 0) {
            firstError = m_error;
        }
    }
    return fail(at, u"unreadable element start (%1)"_s.arg(firstError));
}

bool BinXmlDecoder::readName(ByteCursor& c, quint32& id)
{
    const uchar* at = c.pos();
    quint32 offset = 0;
    if (!c.u32(offset)) {
        return fail(at, u"name offset cut off"_s);
    }
    if (!nameAt(offset, id)) {
        return false;
    }
    if (offset == offsetOf(c.pos())) {
        // The name is stored right here, the first time the chunk uses it.
        const quint32 chars = le16(m_chunk + offset + 6);
        if (!c.skip(8 + 2 * std::size_t(chars) + 2)) {
            return fail(at, u"name runs past its data"_s);
        }
    }
    return true;
}

bool BinXmlDecoder::nameAt(quint32 offset, quint32& id)
{
    if (const auto it = m_nameCache.find(offset); it != m_nameCache.end()) {
        id = it->second;
        return true;
    }
    const QString where = u"name at chunk offset %1"_s.arg(offset);
    if (quint64(offset) + 8 > m_chunkSize) {
        m_error = where + u" is outside the chunk"_s;
        return false;
    }
    const uchar* p = m_chunk + offset;
    const quint32 chars = le16(p + 6);
    if (quint64(offset) + 8 + 2 * quint64(chars) + 2 > m_chunkSize) {
        m_error = where + u" runs past the chunk"_s;
        return false;
    }
    if (chars == 0 || nameHash(p + 8, chars) != le16(p + 4) || le16(p + 8 + 2 * chars) != 0) {
        m_error = where + u" is damaged (its hash or terminator does not match)"_s;
        return false;
    }
    QString text;
    appendUtf16(text, p + 8, chars);
    id = m_names.intern(text);
    m_nameCache.emplace(offset, id);
    return true;
}

bool BinXmlDecoder::readText(ByteCursor& c, Sink& sink, quint8 base, bool inAttr)
{
    const uchar* at = c.pos() - 1;
    if (base == kValueText || base == kCData) {
        quint8 type = kString;
        quint16 chars = 0;
        if ((base == kValueText && !c.u8(type)) || !c.u16(chars)) {
            return fail(at, u"text cut off"_s);
        }
        if (type != kString) {
            return fail(at,
                        u"text value of type 0x%1 (only strings are defined)"_s.arg(type, 0, 16));
        }
        const uchar* data = c.pos();
        if (!c.skip(2 * std::size_t(chars))) {
            return fail(at, u"text of %1 characters runs past its data"_s.arg(chars));
        }
        Token t = textToken(PieceKind::Utf16);
        if (sink.mode == Mode::Template) {
            // Templates outlive their chunk (see templateFor): they own their literals.
            QString& s = sink.strings->emplace_back();
            appendUtf16(s, data, chars);
            t.piece = PieceKind::Str;
            t.str = &s;
        } else {
            t.data = data;
            t.size = 2 * quint32(chars);
        }
        return push(sink, t);
    }
    if (base == kCharRef) {
        quint16 code = 0;
        if (!c.u16(code)) {
            return fail(at, u"character reference cut off"_s);
        }
        Token t = textToken(PieceKind::Char);
        t.name = code;
        return push(sink, t);
    }
    if (base == kEntityRef) {
        Token t = textToken(PieceKind::Entity);
        return readName(c, t.name) && push(sink, t);
    }
    quint16 index = 0;
    quint8 type = 0;
    if (!c.u16(index) || !c.u8(type)) {
        return fail(at, u"substitution cut off"_s);
    }
    Token t = textToken(base == kNormalSub ? PieceKind::Sub : PieceKind::OptSub);
    t.size = index;
    t.valueType = type;
    t.name = inAttr ? 1 : 0;
    return push(sink, t);
}

} // namespace vigil::evtx
