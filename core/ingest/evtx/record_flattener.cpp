#include "ingest/evtx/record_flattener.h"

#include "ingest/evtx/token_text.h"
#include "model/event.h"

using namespace Qt::StringLiterals;

namespace vigil::evtx {

namespace {

bool isIntegerSystemField(quint32 name)
{
    return name == NamePool::EventID || name == NamePool::Version || name == NamePool::Level ||
           name == NamePool::Task || name == NamePool::Opcode || name == NamePool::EventRecordID;
}

FieldValue systemValue(quint32 name, QString text)
{
    if (isIntegerSystemField(name)) {
        bool ok = false;
        const qint64 n = text.toLongLong(&ok);
        if (ok) {
            return FieldValue::fromInt(n);
        }
    }
    return FieldValue::fromString(std::move(text));
}

quint64 nameBit(const QString& name)
{
    const qsizetype n = name.size();
    if (n == 0) {
        return 1;
    }
    const quint32 h = quint32(n) * 7u + name[0].unicode() + name[n - 1].unicode() * 3u +
                      name[n / 2].unicode() * 5u;
    return quint64(1) << (h & 63);
}

} // namespace

void putField(Fields& out, const QString& name, FieldValue value)
{
    if (!out.contains(name)) {
        out.append(name, std::move(value));
        return;
    }
    for (int n = 2;; ++n) {
        QString alt = name + u'_' + QString::number(n);
        if (!out.contains(alt)) {
            out.append(std::move(alt), std::move(value));
            return;
        }
    }
}

// Most records have no repeated names; the bit set spares the linear search for them.
void RecordFlattener::put(Fields& out, const QString& name, FieldValue value)
{
    const quint64 bit = nameBit(name);
    if ((m_seen & bit) == 0) {
        m_seen |= bit;
        out.append(name, std::move(value));
    } else {
        putField(out, name, std::move(value));
    }
}

void RecordFlattener::flatten(const TokenStream& stream, NamePool& names, Fields& out)
{
    const std::vector<Token>& tokens = stream.tokens;
    m_seen = 0;
    for (const auto& entry : out.entries()) {
        m_seen |= nameBit(entry.first);
    }
    m_stack.clear();
    m_unnamed.clear();
    m_section = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const Token& t = tokens[i];
        switch (t.kind) {
        case TokenKind::Open:
            if (!m_stack.empty()) {
                m_stack.back().hasChild = true;
            }
            m_stack.push_back({t.name, 0, 0, false, false, {}});
            if (m_stack.size() == 2) {
                m_section = t.name;
                m_unnamed.clear();
            }
            break;
        case TokenKind::Attr: {
            const std::size_t end = skipText(tokens, i + 1);
            if (!m_stack.empty() && m_stack.size() >= 3) {
                attribute(m_stack.back(), t.name,
                          piecesText(tokens.data() + i + 1, tokens.data() + end, names), names,
                          out);
            }
            i = end - 1;
            break;
        }
        case TokenKind::EndStart:
            if (!m_stack.empty()) {
                // el.text: the character data before the first child element.
                m_stack.back().contentFrom = i + 1;
                m_stack.back().contentTo = skipText(tokens, i + 1);
            }
            break;
        case TokenKind::Close:
            if (!m_stack.empty()) {
                closeElement(m_stack.back(), stream, names, out);
                m_stack.pop_back();
            }
            break;
        case TokenKind::Text:
            break;
        }
    }
}

void RecordFlattener::attribute(const Frame& element, quint32 attr, QString value, NamePool& names,
                                Fields& out)
{
    if (names.isNamespaceDeclaration(attr)) {
        return; // xmlns="..." is how the XML is written, not what the event says
    }
    if (m_section == NamePool::EventData) {
        if (m_stack.size() == 3 && element.name == NamePool::Data && attr == NamePool::Name) {
            Frame& f = m_stack.back();
            f.named = true;
            f.dataName = value.contains(u' ') ? value.remove(u' ') : std::move(value);
        }
        return;
    }
    if (m_section != NamePool::System && m_section != NamePool::UserData) {
        return;
    }
    if (m_section == NamePool::System && m_stack.size() != 3) {
        return;
    }
    value = std::move(value).trimmed();
    if (!value.isEmpty()) {
        put(out, names.joined(element.name, attr), FieldValue::fromString(std::move(value)));
    }
}

void RecordFlattener::closeElement(const Frame& f, const TokenStream& s, NamePool& names,
                                   Fields& out)
{
    const std::size_t depth = m_stack.size();
    const auto text = [&] {
        const Token* base = s.tokens.data();
        return trimmedText(base + f.contentFrom, base + std::max(f.contentFrom, f.contentTo),
                           names);
    };
    if (m_section == NamePool::System) {
        if (depth == 3) {
            QString value = text();
            if (!value.isEmpty()) {
                put(out, names.name(f.name), systemValue(f.name, std::move(value)));
            }
        }
    } else if (m_section == NamePool::EventData) {
        if (depth == 3 && f.name == NamePool::Data) {
            if (f.named) {
                put(out, f.dataName, FieldValue::fromString(text()));
            } else {
                m_unnamed.push_back(FieldValue::fromString(text()));
            }
        } else if (depth == 3) {
            put(out, names.name(f.name), FieldValue::fromString(text()));
        } else if (depth == 2 && !m_unnamed.empty()) {
            for (std::size_t i = 0; i < m_unnamed.size(); ++i) {
                put(out, u"param"_s + QString::number(i + 1), m_unnamed[i]);
            }
            put(out, names.name(NamePool::Data), FieldValue::fromList(std::move(m_unnamed)));
            m_unnamed.clear();
        }
    } else if (m_section == NamePool::UserData) {
        if (depth >= 3 && !f.hasChild) {
            put(out, names.name(f.name), FieldValue::fromString(text()));
        }
    }
    if (depth == 2) {
        m_section = 0;
    }
}

} // namespace vigil::evtx
