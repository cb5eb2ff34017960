#pragma once

#include <vector>

#include <QString>
#include <QStringView>

namespace vigil::sigma::detail {

class SigmaString;

/**
 * @brief A Sigma string value compiled for fast matching against one text.
 *
 * Literals are folded once at compile time (simple Unicode case folding, as
 * QString::toCaseFolded) unless the value is case-sensitive; callers pass the event text
 * folded the same way. Values without wildcards, or with a single leading/trailing `*`, use
 * plain comparisons; anything else runs a segment matcher that places each `*`-separated
 * segment at its leftmost position, which is linear in the number of segment placements and
 * never backtracks.
 */
class StringMatcher {
public:
    enum class Kind : quint8 { Exact, Prefix, Suffix, Contains, Any, Glob };

    StringMatcher() = default;
    StringMatcher(const SigmaString& value, bool caseSensitive);

    bool caseSensitive() const { return m_caseSensitive; }
    Kind kind() const { return m_kind; }
    /** @brief The folded literal of Exact/Prefix/Suffix/Contains matchers. */
    const QString& literal() const { return m_literal; }
    /** @brief Matches @p text, which must be case-folded unless the matcher is case-sensitive. */
    bool matches(QStringView text) const;

private:
    struct Segment {
        QString text;
        std::vector<qsizetype> questionMarks; // positions inside text that match any char
        bool matchesAt(QStringView s, qsizetype pos) const;
        qsizetype find(QStringView s, qsizetype from, qsizetype last) const;
    };

    bool matchGlob(QStringView text) const;

    Kind m_kind = Kind::Exact;
    bool m_caseSensitive = false;
    QString m_literal; // Exact/Prefix/Suffix/Contains
    std::vector<Segment> m_segments;
    bool m_anchorStart = true;
    bool m_anchorEnd = true;
};

/** @brief Simple case folding, returning @p text itself when nothing changes (no copy). */
QString foldCase(const QString& text);

} // namespace vigil::sigma::detail
