#include "sigma/sigma_string.h"

#include <array>

namespace vigil::sigma::detail {

SigmaString SigmaString::parse(QStringView text)
{
    SigmaString s;
    s.m_chars.reserve(text.size());
    s.m_kinds.reserve(std::size_t(text.size()));
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c == u'\\') {
            // Only `*`, `?` and `\` can be escaped; any other backslash is literal text.
            if (i + 1 < text.size()) {
                const QChar next = text[i + 1];
                if (next == u'*' || next == u'?' || next == u'\\') {
                    s.appendLiteral(next);
                    ++i;
                    continue;
                }
            }
            s.appendLiteral(c);
        } else if (c == u'*') {
            s.appendWildcard(Kind::Star);
        } else if (c == u'?') {
            s.appendWildcard(Kind::QuestionMark);
        } else {
            s.appendLiteral(c);
        }
    }
    return s;
}

SigmaString SigmaString::literal(QStringView text)
{
    SigmaString s;
    s.appendLiteral(text);
    return s;
}

bool SigmaString::hasWildcards() const
{
    for (Kind k : m_kinds) {
        if (k != Kind::Literal) {
            return true;
        }
    }
    return false;
}

void SigmaString::appendLiteral(QChar c)
{
    m_chars.append(c);
    m_kinds.push_back(Kind::Literal);
}

void SigmaString::appendLiteral(QStringView s)
{
    m_chars.append(s);
    m_kinds.insert(m_kinds.end(), std::size_t(s.size()), Kind::Literal);
}

void SigmaString::appendWildcard(Kind kind)
{
    m_chars.append(kind == Kind::Star ? u'*' : u'?');
    m_kinds.push_back(kind);
}

void SigmaString::addStars(bool atStart, bool atEnd)
{
    if (atStart && (m_kinds.empty() || m_kinds.front() != Kind::Star)) {
        m_chars.prepend(u'*');
        m_kinds.insert(m_kinds.begin(), Kind::Star);
    }
    if (atEnd && (m_kinds.empty() || m_kinds.back() != Kind::Star)) {
        appendWildcard(Kind::Star);
    }
}

QString SigmaString::toDisplay() const
{
    QString out;
    for (qsizetype i = 0; i < m_chars.size(); ++i) {
        const QChar c = m_chars[i];
        if (m_kinds[std::size_t(i)] == Kind::Literal && (c == u'*' || c == u'?' || c == u'\\')) {
            out.append(u'\\');
        }
        out.append(c);
    }
    return out;
}

namespace {

bool isWordChar(QChar c)
{
    return c == u'_' || c.isLetterOrNumber();
}

} // namespace

bool expandWindash(const SigmaString& value, std::vector<SigmaString>& out, int limit)
{
    using Kind = SigmaString::Kind;
    std::vector<qsizetype> positions;
    for (qsizetype i = 0; i < value.size(); ++i) {
        if (value.kindAt(i) != Kind::Literal) {
            continue;
        }
        const QChar c = value.charAt(i);
        if (c != u'-' && c != u'/') {
            continue;
        }
        // A wildcard neighbour ends the plain-text run, like the start of a string does.
        const bool prevWord =
            i > 0 && value.kindAt(i - 1) == Kind::Literal && isWordChar(value.charAt(i - 1));
        const bool nextWord = i + 1 < value.size() && value.kindAt(i + 1) == Kind::Literal
            && isWordChar(value.charAt(i + 1));
        if (!prevWord && nextWord) {
            positions.push_back(i);
        }
    }
    static constexpr std::array<char16_t, 5> kDashes = {u'-', u'/', u'\u2013', u'\u2014',
                                                        u'\u2015'};
    long long total = 1;
    for (std::size_t k = 0; k < positions.size(); ++k) {
        total *= qsizetype(kDashes.size());
        if (total > limit) {
            return false;
        }
    }
    std::vector<int> digits(positions.size(), 0);
    for (long long n = 0; n < total; ++n) {
        SigmaString alt;
        std::size_t next = 0;
        for (qsizetype i = 0; i < value.size(); ++i) {
            if (next < positions.size() && positions[next] == i) {
                alt.appendLiteral(QChar(kDashes[std::size_t(digits[next])]));
                ++next;
            } else if (value.kindAt(i) == Kind::Literal) {
                alt.appendLiteral(value.charAt(i));
            } else {
                alt.appendWildcard(value.kindAt(i));
            }
        }
        out.push_back(std::move(alt));
        for (std::size_t d = 0; d < digits.size(); ++d) {
            if (++digits[d] < int(kDashes.size())) {
                break;
            }
            digits[d] = 0;
        }
    }
    return true;
}

QString base64Text(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toBase64());
}

std::vector<QString> base64OffsetAlternatives(const QByteArray& bytes)
{
    static constexpr std::array<qsizetype, 3> kStartCut = {0, 2, 3};
    static constexpr std::array<qsizetype, 3> kEndCut = {0, 3, 2};
    std::vector<QString> out;
    for (qsizetype i = 0; i < 3; ++i) {
        const QByteArray shifted = QByteArray(i, '\0') + bytes;
        const QString encoded = base64Text(shifted);
        const qsizetype start = kStartCut[std::size_t(i)];
        const qsizetype end = encoded.size() - kEndCut[std::size_t((bytes.size() + i) % 3)];
        out.push_back(end > start ? encoded.mid(start, end - start) : QString());
    }
    return out;
}

QByteArray encodeUtf16Le(QStringView text)
{
    QByteArray out;
    out.reserve(text.size() * 2);
    for (QChar c : text) {
        out.append(char(c.unicode() & 0xff));
        out.append(char(c.unicode() >> 8));
    }
    return out;
}

QByteArray encodeUtf16Be(QStringView text)
{
    QByteArray out;
    out.reserve(text.size() * 2);
    for (QChar c : text) {
        out.append(char(c.unicode() >> 8));
        out.append(char(c.unicode() & 0xff));
    }
    return out;
}

QByteArray encodeUtf16WithBom(QStringView text)
{
    return QByteArray("\xff\xfe", 2) + encodeUtf16Le(text);
}

} // namespace vigil::sigma::detail
