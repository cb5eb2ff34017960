#include "sigma/string_matcher.h"

#include "sigma/sigma_string.h"

namespace vigil::sigma::detail {

QString foldCase(const QString& text)
{
    // Most event text is ASCII; skip the copy when there is nothing to fold.
    for (QChar c : text) {
        const char16_t u = c.unicode();
        if (u >= 0x80 || (u >= u'A' && u <= u'Z')) {
            return text.toCaseFolded();
        }
    }
    return text;
}

StringMatcher::StringMatcher(const SigmaString& value, bool caseSensitive)
    : m_caseSensitive(caseSensitive)
{
    using K = SigmaString::Kind;
    // Split into `*`-separated segments; `?` stays inside a segment.
    std::vector<Segment> segments(1);
    bool sawQuestion = false;
    m_anchorStart = value.isEmpty() || value.kindAt(0) != K::Star;
    m_anchorEnd = value.isEmpty() || value.kindAt(value.size() - 1) != K::Star;
    for (qsizetype i = 0; i < value.size(); ++i) {
        switch (value.kindAt(i)) {
        case K::Star:
            if (!segments.back().text.isEmpty()) {
                segments.emplace_back();
            }
            break;
        case K::QuestionMark:
            sawQuestion = true;
            segments.back().questionMarks.push_back(segments.back().text.size());
            segments.back().text.append(u'?');
            break;
        case K::Literal:
            segments.back().text.append(value.charAt(i));
            break;
        }
    }
    if (segments.back().text.isEmpty() && segments.size() > 1) {
        segments.pop_back();
    }
    if (!caseSensitive) {
        for (Segment& seg : segments) {
            seg.text = seg.text.toCaseFolded();
        }
    }
    const bool single = segments.size() == 1 && !sawQuestion;
    if (single && segments.front().text.isEmpty()) {
        m_kind = (m_anchorStart && m_anchorEnd) ? Kind::Exact : Kind::Any;
    } else if (single && m_anchorStart && m_anchorEnd) {
        m_kind = Kind::Exact;
    } else if (single && m_anchorStart) {
        m_kind = Kind::Prefix;
    } else if (single && m_anchorEnd) {
        m_kind = Kind::Suffix;
    } else if (single) {
        m_kind = Kind::Contains;
    } else {
        m_kind = Kind::Glob;
        m_segments = std::move(segments);
        return;
    }
    m_literal = std::move(segments.front().text);
}

bool StringMatcher::matches(QStringView text) const
{
    switch (m_kind) {
    case Kind::Exact:
        return text == m_literal;
    case Kind::Prefix:
        return text.startsWith(m_literal);
    case Kind::Suffix:
        return text.endsWith(m_literal);
    case Kind::Contains:
        return text.contains(m_literal);
    case Kind::Any:
        return true;
    case Kind::Glob:
        return matchGlob(text);
    }
    return false;
}

bool StringMatcher::Segment::matchesAt(QStringView s, qsizetype pos) const
{
    if (pos < 0 || pos + text.size() > s.size()) {
        return false;
    }
    if (questionMarks.empty()) {
        return s.mid(pos, text.size()) == text;
    }
    std::size_t q = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (q < questionMarks.size() && questionMarks[q] == i) {
            ++q;
            continue;
        }
        if (s[pos + i] != text[i]) {
            return false;
        }
    }
    return true;
}

qsizetype StringMatcher::Segment::find(QStringView s, qsizetype from, qsizetype last) const
{
    // last = the highest start position allowed.
    if (questionMarks.empty()) {
        const qsizetype at = s.left(last + text.size()).indexOf(text, from);
        return at;
    }
    for (qsizetype pos = from; pos <= last; ++pos) {
        if (matchesAt(s, pos)) {
            return pos;
        }
    }
    return -1;
}

bool StringMatcher::matchGlob(QStringView text) const
{
    const std::size_t n = m_segments.size();
    std::size_t first = 0;
    std::size_t endSeg = n;
    qsizetype pos = 0;
    qsizetype limit = text.size(); // segments must end at or before this
    if (m_anchorStart) {
        if (!m_segments[0].matchesAt(text, 0)) {
            return false;
        }
        pos = m_segments[0].text.size();
        first = 1;
        if (n == 1) {
            // No star at all (only `?`): the lengths must agree.
            return m_anchorEnd ? pos == text.size() : true;
        }
    }
    if (m_anchorEnd && endSeg > first) {
        const Segment& last = m_segments[n - 1];
        const qsizetype at = text.size() - last.text.size();
        if (at < pos || !last.matchesAt(text, at)) {
            return false;
        }
        limit = at;
        endSeg = n - 1;
    }
    // Leftmost placement of each middle segment is optimal: a later placement never helps.
    for (std::size_t i = first; i < endSeg; ++i) {
        const Segment& seg = m_segments[i];
        const qsizetype lastStart = limit - seg.text.size();
        if (lastStart < pos) {
            return false;
        }
        const qsizetype at = seg.find(text, pos, lastStart);
        if (at < 0) {
            return false;
        }
        pos = at + seg.text.size();
    }
    return true;
}

} // namespace vigil::sigma::detail
