#include "sigma/condition_parser.h"

#include "sigma/sigma_string.h"
#include "sigma/string_matcher.h"

using namespace Qt::StringLiterals;

namespace vigil::sigma::detail {

namespace {

struct Token {
    QString text;
    qsizetype offset = 0;
};

struct ParseFailure {
    ConditionError error;
};

bool isOperatorWord(const QString& w)
{
    return w == u"and" || w == u"or" || w == u"not" || w == u"of" || w == u"them";
}

class Parser {
public:
    Parser(const QString& text, const std::vector<QString>& idents, QStringList& warnings)
        : m_text(text)
        , m_idents(idents)
        , m_warnings(warnings)
    {
        tokenize();
    }

    CondNode parse()
    {
        if (m_tokens.empty()) {
            fail(u"the condition is empty"_s, 0);
        }
        CondNode node = parseOr();
        if (m_pos < m_tokens.size()) {
            const Token& t = m_tokens[m_pos];
            failOnCase(t);
            fail(u"unexpected '%1'"_s.arg(t.text), t.offset);
        }
        return node;
    }

private:
    static constexpr int kMaxDepth = 200;

    [[noreturn]] void fail(const QString& message, qsizetype offset, bool unsupported = false)
    {
        throw ParseFailure{ConditionError{message, offset, unsupported}};
    }

    void tokenize()
    {
        const qsizetype n = m_text.size();
        qsizetype i = 0;
        while (i < n) {
            const QChar c = m_text[i];
            if (c.isSpace()) {
                ++i;
            } else if (c == u'(' || c == u')') {
                m_tokens.push_back({QString(c), i});
                ++i;
            } else if (c == u'|') {
                fail(u"aggregation expressions ('| count() ...') are Sigma 1.x syntax and are not "
                     u"supported; use a correlation rule"_s,
                     i, true);
            } else {
                const qsizetype start = i;
                while (i < n && !m_text[i].isSpace() && m_text[i] != u'(' && m_text[i] != u')'
                       && m_text[i] != u'|') {
                    ++i;
                }
                m_tokens.push_back({m_text.mid(start, i - start), start});
                if (m_tokens.back().text == u"near") {
                    fail(u"'near' is Sigma 1.x syntax and is not supported; use a temporal "
                         u"correlation"_s,
                         start, true);
                }
            }
        }
    }

    const Token* peek() const { return m_pos < m_tokens.size() ? &m_tokens[m_pos] : nullptr; }
    bool peekIs(QStringView word) const { return peek() && peek()->text == word; }
    qsizetype endOffset() const { return m_text.size(); }

    CondNode combine(CondNode::Type type, CondNode left, CondNode right)
    {
        if (left.type == type) {
            left.children.push_back(std::move(right));
            return left;
        }
        CondNode node;
        node.type = type;
        node.children.push_back(std::move(left));
        node.children.push_back(std::move(right));
        return node;
    }

    CondNode parseOr()
    {
        CondNode left = parseAnd();
        while (peekIs(u"or")) {
            ++m_pos;
            left = combine(CondNode::Type::Or, std::move(left), parseAnd());
        }
        return left;
    }

    CondNode parseAnd()
    {
        CondNode left = parseNot();
        while (peekIs(u"and")) {
            ++m_pos;
            left = combine(CondNode::Type::And, std::move(left), parseNot());
        }
        return left;
    }

    CondNode parseNot()
    {
        if (peekIs(u"not")) {
            const qsizetype at = peek()->offset;
            ++m_pos;
            if (++m_depth > kMaxDepth) {
                fail(u"the condition is nested too deeply"_s, at);
            }
            CondNode node;
            node.type = CondNode::Type::Not;
            node.children.push_back(parseNot());
            --m_depth;
            return node;
        }
        return parsePrimary();
    }

    CondNode parsePrimary()
    {
        const Token* t = peek();
        if (!t) {
            fail(u"the condition ends where an identifier was expected"_s, endOffset());
        }
        if (t->text == u"(") {
            const qsizetype open = t->offset;
            ++m_pos;
            if (++m_depth > kMaxDepth) {
                fail(u"the condition is nested too deeply"_s, open);
            }
            CondNode inner = parseOr();
            --m_depth;
            if (!peekIs(u")")) {
                fail(u"missing ')' for the '(' here"_s, open);
            }
            ++m_pos;
            return inner;
        }
        if (m_pos + 1 < m_tokens.size() && m_tokens[m_pos + 1].text == u"of") {
            return parseQuantifier();
        }
        if (t->text == u")" || isOperatorWord(t->text)) {
            fail(u"unexpected '%1' where an identifier was expected"_s.arg(t->text), t->offset);
        }
        ++m_pos;
        return identifier(*t);
    }

    CondNode identifier(const Token& t)
    {
        for (std::size_t i = 0; i < m_idents.size(); ++i) {
            if (m_idents[i] == t.text) {
                CondNode node;
                node.type = CondNode::Type::Ident;
                node.ident = int(i);
                return node;
            }
        }
        failOnCase(t);
        fail(u"unknown identifier '%1'"_s.arg(t.text), t.offset);
    }

    void failOnCase(const Token& t)
    {
        const QString lower = t.text.toLower();
        if (isOperatorWord(lower) && lower != t.text) {
            fail(u"'%1' is not an operator: operators are lower case ('%2')"_s.arg(t.text, lower),
                 t.offset);
        }
    }

    CondNode parseQuantifier()
    {
        const Token quant = m_tokens[m_pos];
        m_pos += 2; // quantifier and "of"
        CondNode node;
        int count = 1;
        if (quant.text == u"all") {
            node.type = CondNode::Type::AllOf;
        } else if (quant.text == u"any") {
            node.type = CondNode::Type::AnyOf;
        } else {
            bool ok = false;
            count = quant.text.toInt(&ok);
            if (!ok || count < 1) {
                fail(u"'%1 of' needs 1, any, all or a positive number"_s.arg(quant.text),
                     quant.offset);
            }
            node.type = count == 1 ? CondNode::Type::AnyOf : CondNode::Type::AtLeast;
            node.count = count;
            if (count > 1) {
                m_warnings << u"'%1 of' (at least %1) is an extension that pySigma rejects"_s.arg(
                    count);
            }
        }
        const Token* pat = peek();
        if (!pat || pat->text == u"(" || pat->text == u")") {
            fail(u"'of' must be followed by 'them' or an identifier pattern"_s,
                 pat ? pat->offset : endOffset());
        }
        ++m_pos;
        const bool them = pat->text == u"them";
        const bool underscore = pat->text.startsWith(u'_');
        StringMatcher glob;
        if (!them) {
            SigmaString p;
            for (QChar c : pat->text) {
                if (c == u'*') {
                    p.appendWildcard(SigmaString::Kind::Star);
                } else {
                    p.appendLiteral(c);
                }
            }
            glob = StringMatcher(p, true);
        }
        for (std::size_t i = 0; i < m_idents.size(); ++i) {
            const QString& name = m_idents[i];
            if (name.startsWith(u'_') && !underscore) {
                continue;
            }
            if (them || glob.matches(name)) {
                node.idents.push_back(int(i));
            }
        }
        if (node.idents.empty()) {
            fail(them ? u"'them' matches no identifier"_s
                      : u"pattern '%1' matches no identifier"_s.arg(pat->text),
                 pat->offset);
        }
        return node;
    }

    const QString& m_text;
    const std::vector<QString>& m_idents;
    QStringList& m_warnings;
    std::vector<Token> m_tokens;
    std::size_t m_pos = 0;
    int m_depth = 0;
};

} // namespace

bool parseCondition(const QString& text, const std::vector<QString>& identifiers, CondNode& out,
                    ConditionError& error, QStringList& warnings)
{
    try {
        Parser parser(text, identifiers, warnings);
        out = parser.parse();
        return true;
    } catch (const ParseFailure& f) {
        error = f.error;
        return false;
    }
}

} // namespace vigil::sigma::detail
