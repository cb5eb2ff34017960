// Template instances: definitions compiled once and instantiated with each record's values.
#include "ingest/evtx/binxml_decoder.h"

#include "ingest/evtx/binxml_value.h"
#include "ingest/evtx/byte_view.h"

using namespace Qt::StringLiterals;

namespace vigil::evtx {

namespace {

// next-definition offset (4), GUID (16), data size (4)
constexpr quint32 kTemplateHeader = 24;

} // namespace

bool BinXmlDecoder::readTemplateInstance(ByteCursor& c, Sink& sink)
{
    const uchar* at = c.pos() - 1;
    quint8 unknown = 0;
    quint32 id = 0;
    quint32 definition = 0;
    if (!c.u8(unknown) || !c.u32(id) || !c.u32(definition)) {
        return fail(at, u"template instance cut off"_s);
    }
    if (definition == offsetOf(c.pos())) {
        // First use in this chunk: the definition is stored here; compileTemplate() reads it.
        if (!c.has(kTemplateHeader) || !c.skip(kTemplateHeader + std::size_t(le32(c.pos() + 20)))) {
            return fail(at, u"template definition runs past the record"_s);
        }
    }
    const std::shared_ptr<Template> t = templateFor(definition, id);
    if (!t) {
        return fail(at, m_error);
    }
    quint32 count = 0;
    if (!c.u32(count)) {
        return fail(at, u"template values cut off"_s);
    }
    if (count > c.left() / 4) {
        return fail(
            at, u"template instance announces %1 values, more than the record holds"_s.arg(count));
    }
    std::vector<ValueRef>& values = m_valuePool[std::size_t(sink.nesting)];
    values.clear();
    const uchar* descriptors = c.pos();
    c.skip(4 * std::size_t(count));
    for (quint32 i = 0; i < count; ++i) {
        const quint32 size = le16(descriptors + 4 * i);
        const quint8 type = descriptors[4 * i + 2];
        const uchar* data = c.pos();
        if (!c.skip(size)) {
            return fail(at,
                        u"template value %1 (%2 bytes) runs past the record"_s.arg(i).arg(size));
        }
        values.push_back({data, size, type});
    }
    return instantiate(*t, values, sink);
}

// The chunk's own definition when it is intact and has the wanted id; otherwise the same
// template seen in an earlier chunk (records in chunks with zeroed or overwritten data).
std::shared_ptr<BinXmlDecoder::Template> BinXmlDecoder::templateFor(quint32 offset, quint32 id)
{
    std::shared_ptr<Template>& slot = m_chunkTemplates[offset];
    if (!slot) {
        slot = compileTemplate(offset);
        if (slot->ok && !m_templatesById.contains(slot->id) &&
            std::size_t(m_templatesById.size()) < kMaxTemplates) {
            m_templatesById.insert(slot->id, slot);
        }
    }
    if (slot->ok && slot->id == id) {
        return slot;
    }
    if (auto other = m_templatesById.value(id)) {
        ++m_borrowed;
        return other;
    }
    m_missingTemplate = true;
    m_error = slot->ok
                  ? u"the template at chunk offset %1 is not the one the record names "
                    u"(0x%2); no other chunk had that template"_s.arg(offset)
                        .arg(id, 8, 16, QLatin1Char('0'))
                  : slot->error +
                        u"; no other chunk had template 0x%1"_s.arg(id, 8, 16, QLatin1Char('0'));
    return nullptr;
}

std::shared_ptr<BinXmlDecoder::Template> BinXmlDecoder::compileTemplate(quint32 offset)
{
    auto t = std::make_shared<Template>();
    if (quint64(offset) + kTemplateHeader > m_chunkSize) {
        t->error = u"template definition at chunk offset %1 is outside the chunk"_s.arg(offset);
        return t;
    }
    const uchar* p = m_chunk + offset;
    const quint32 size = le32(p + 20);
    if (size > m_chunkSize - offset - kTemplateHeader) {
        t->error = u"template definition at chunk offset %1 runs past the chunk"_s.arg(offset);
        return t;
    }
    t->id = le32(p + 4); // the first 4 bytes of the template's GUID
    ByteCursor c(p + kTemplateHeader, p + kTemplateHeader + size);
    if (c.peek() != 0x0f) {
        t->error = u"no template definition at chunk offset %1"_s.arg(offset);
        return t;
    }
    Sink sink{Mode::Template, &t->ops, &t->strings, 0};
    if (!parseTokens(c, sink)) {
        t->error =
            u"template definition at chunk offset %1 is damaged: %2"_s.arg(offset).arg(m_error);
        t->ops.clear();
        return t;
    }
    for (std::size_t i = 0; i < t->ops.size(); ++i) {
        const PieceKind k = t->ops[i].piece;
        if (t->ops[i].kind == TokenKind::Text && (k == PieceKind::Sub || k == PieceKind::OptSub)) {
            t->subs.push_back(i);
        }
    }
    t->ok = true;
    return t;
}

bool BinXmlDecoder::instantiate(const Template& t, const std::vector<ValueRef>& values, Sink& sink)
{
    std::vector<Token>& out = *sink.tokens;
    std::size_t from = 0;
    for (std::size_t s = 0; s <= t.subs.size(); ++s) {
        // The literal part up to the next substitution is copied in one go.
        const std::size_t to = s < t.subs.size() ? t.subs[s] : t.ops.size();
        if (out.size() + (to - from) > kMaxTokens) {
            m_error = u"the record expands to more than %1 XML tokens"_s.arg(kMaxTokens);
            return false;
        }
        out.insert(out.end(), t.ops.begin() + std::ptrdiff_t(from),
                   t.ops.begin() + std::ptrdiff_t(to));
        if (to == t.ops.size()) {
            break;
        }
        from = to + 1;
        if (!substitute(t, to, values, sink)) {
            return false;
        }
    }
    return true;
}

// One substitution: nothing for a missing, null or empty value; BinXML values in place; an
// array that is an element's whole content repeats the element once per item, as Windows
// renders it (<Data>a</Data><Data>b</Data>); any other value as one text piece.
bool BinXmlDecoder::substitute(const Template& t, std::size_t at,
                               const std::vector<ValueRef>& values, Sink& sink)
{
    const Token& op = t.ops[at];
    if (op.size >= values.size()) {
        return true;
    }
    const ValueRef& v = values[op.size];
    if (v.type == kNull || v.size == 0) {
        return true;
    }
    if (v.type == kBinXml && op.name == 0) {
        if (sink.nesting >= kMaxNesting) {
            return fail(v.data, u"BinXML values nested deeper than %1"_s.arg(kMaxNesting));
        }
        Sink nested{Mode::Record, sink.tokens, nullptr, sink.nesting + 1};
        ByteCursor vc(v.data, v.data + v.size);
        return parseTokens(vc, nested);
    }
    const bool wholeContent = at > 0 && at + 1 < t.ops.size() &&
                              t.ops[at - 1].kind == TokenKind::EndStart &&
                              t.ops[at + 1].kind == TokenKind::Close;
    if ((v.type & kArray) && wholeContent && v.type != (kArray | kBinXml)) {
        return repeatForArray(t, at, v, sink, values);
    }
    Token value;
    value.kind = TokenKind::Text;
    value.piece = PieceKind::Value;
    value.valueType = v.type;
    value.size = v.size;
    value.data = v.data;
    return push(sink, value);
}

bool BinXmlDecoder::repeatForArray(const Template& t, std::size_t at, const ValueRef& v, Sink& sink,
                                   const std::vector<ValueRef>& values)
{
    // The element's start tag: its Open, attributes and EndStart, just before the substitution.
    std::size_t open = at - 1;
    while (open > 0 && t.ops[open].kind != TokenKind::Open) {
        --open;
    }
    bool ok = true;
    bool first = true;
    forEachArrayItem(v.type, v.data, v.size, [&](quint8 type, const uchar* data, quint32 size) {
        if (!ok) {
            return;
        }
        if (!first) {
            // Close the previous copy and open the next one, attributes substituted again.
            ok = push(sink, t.ops[at + 1]);
            for (std::size_t k = open; ok && k < at; ++k) {
                const Token& op = t.ops[k];
                const bool isSub = op.kind == TokenKind::Text &&
                                   (op.piece == PieceKind::Sub || op.piece == PieceKind::OptSub);
                ok = isSub ? substitute(t, k, values, sink) : push(sink, op);
            }
        }
        first = false;
        if (ok && size > 0) {
            Token item;
            item.kind = TokenKind::Text;
            item.piece = PieceKind::Value;
            item.valueType = type;
            item.size = size;
            item.data = data;
            ok = push(sink, item);
        }
    });
    return ok;
}

} // namespace vigil::evtx
