#include "ingest/evtx/xml_renderer.h"

#include "ingest/evtx/token_text.h"

using namespace Qt::StringLiterals;

namespace vigil::evtx {

namespace {

bool needsEscape(char16_t c, bool attribute)
{
    return c == u'&' || c == u'<' || c == u'>' || (c == u'"' && attribute) ||
           (c < 0x20 && c != u'\t' && c != u'\n') || c == 0xfffe || c == 0xffff;
}

// Runs of ordinary characters are appended in one go; most values have nothing to escape.
void appendEscaped(QString& out, QStringView text, bool attribute)
{
    qsizetype run = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (!needsEscape(c, attribute)) {
            continue;
        }
        out.append(text.sliced(run, i - run));
        run = i + 1;
        switch (c) {
        case u'&':
            out += u"&amp;"_s;
            break;
        case u'<':
            out += u"&lt;"_s;
            break;
        case u'>':
            out += u"&gt;"_s;
            break;
        case u'"':
            out += u"&quot;"_s;
            break;
        default:
            out += u"&#"_s + QString::number(c) + u';';
            break;
        }
    }
    out.append(text.sliced(run));
}

} // namespace

QString XmlRenderer::render(const TokenStream& stream, const NamePool& names)
{
    const std::vector<Token>& tokens = stream.tokens;
    QString out;
    out.reserve(qsizetype(tokens.size()) * 24);
    m_open.clear();
    bool startPending = false; // "<Name attrs" written, neither ">" nor "/>" yet
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const Token& t = tokens[i];
        switch (t.kind) {
        case TokenKind::Open:
            if (startPending) {
                out += u'>';
            }
            out += u'<' + names.name(t.name);
            m_open.push_back(t.name);
            startPending = true;
            break;
        case TokenKind::Attr: {
            const std::size_t end = skipText(tokens, i + 1);
            m_scratch.truncate(0); // keeps its capacity for the next piece
            for (std::size_t k = i + 1; k < end; ++k) {
                appendPiece(m_scratch, tokens[k], names);
            }
            if (!m_scratch.isEmpty()) {
                out += u' ' + names.name(t.name) + u"=\""_s;
                appendEscaped(out, m_scratch, true);
                out += u'"';
            }
            i = end - 1;
            break;
        }
        case TokenKind::EndStart:
            break;
        case TokenKind::Text:
            if (startPending) {
                out += u'>';
                startPending = false;
            }
            if (t.piece == PieceKind::Str) {
                appendEscaped(out, *t.str, false);
            } else {
                m_scratch.truncate(0);
                appendPiece(m_scratch, t, names);
                appendEscaped(out, m_scratch, false);
            }
            break;
        case TokenKind::Close:
            if (m_open.empty()) {
                break;
            }
            if (startPending) {
                out += u"/>"_s;
                startPending = false;
            } else {
                out += u"</"_s + names.name(m_open.back()) + u'>';
            }
            m_open.pop_back();
            break;
        }
    }
    return out;
}

} // namespace vigil::evtx
