#include "ingest/evtx/token_text.h"

#include <cstring>

#include "ingest/evtx/binxml_value.h"
#include "ingest/evtx/byte_view.h"

using namespace Qt::StringLiterals;

namespace vigil::evtx {

void appendPiece(QString& out, const Token& t, const NamePool& names)
{
    switch (t.piece) {
    case PieceKind::Utf16:
        appendUtf16(out, t.data, t.size / 2);
        break;
    case PieceKind::Str:
        out += *t.str;
        break;
    case PieceKind::Value:
        appendValueText(out, t.valueType, t.data, t.size);
        break;
    case PieceKind::Char:
        out += QChar(char16_t(t.name));
        break;
    case PieceKind::Entity:
        switch (t.name) {
        case NamePool::Amp:
            out += u'&';
            break;
        case NamePool::Lt:
            out += u'<';
            break;
        case NamePool::Gt:
            out += u'>';
            break;
        case NamePool::Quot:
            out += u'"';
            break;
        case NamePool::Apos:
            out += u'\'';
            break;
        default:
            out += u'&' + names.name(t.name) + u';';
            break;
        }
        break;
    case PieceKind::Sub:
    case PieceKind::OptSub:
        break;
    }
}

QString piecesText(const Token* begin, const Token* end, const NamePool& names)
{
    if (end - begin == 1 && begin->piece == PieceKind::Str) {
        return *begin->str;
    }
    QString out;
    for (const Token* t = begin; t != end; ++t) {
        appendPiece(out, *t, names);
    }
    return out;
}

QString trimmedText(const Token* begin, const Token* end, const NamePool& names)
{
    if (end - begin == 1) {
        const Token& t = *begin;
        const bool utf16 =
            t.piece == PieceKind::Utf16 || (t.piece == PieceKind::Value && t.valueType == kString);
        if (utf16) {
            std::size_t first = 0;
            std::size_t last = t.size / 2;
            while (last > first && le16(t.data + 2 * (last - 1)) == 0) {
                --last; // string values carry their terminating NUL
            }
            while (last > first && QChar::isSpace(le16(t.data + 2 * (last - 1)))) {
                --last;
            }
            while (first < last && QChar::isSpace(le16(t.data + 2 * first))) {
                ++first;
            }
            QString out(qsizetype(last - first), Qt::Uninitialized);
            std::memcpy(static_cast<void*>(out.data()), t.data + 2 * first, (last - first) * 2);
            return out;
        }
        if (t.piece == PieceKind::Str) {
            return t.str->trimmed();
        }
    }
    return piecesText(begin, end, names).trimmed();
}

} // namespace vigil::evtx
