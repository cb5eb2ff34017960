#pragma once

#include <memory>

#include <QByteArrayView>
#include <QString>
#include <QStringView>

class QRegularExpression;
namespace re2 {
class RE2;
}

namespace vigil::sigma::detail {

/**
 * @brief A Sigma `re` value: an unanchored search, case-sensitive unless @c i.
 *
 * RE2 (linear time, no backtracking) runs every pattern it accepts. Patterns RE2 rejects
 * (look-arounds, back-references, possessive quantifiers...) fall back to PCRE2 through
 * QRegularExpression with `(*LIMIT_MATCH=...)`/`(*LIMIT_DEPTH=...)` set in the pattern and the
 * subject cut to kMaxFallbackSubject characters, so one event can never run away; a pattern
 * neither engine accepts is a load error. Thread-safe for concurrent matching.
 */
class RegexMatcher {
public:
    struct Flags {
        bool ignoreCase = false;
        bool multiLine = false;
        bool dotAll = false;
    };
    static constexpr qsizetype kMaxFallbackSubject = 64 * 1024;

    ~RegexMatcher();
    RegexMatcher(RegexMatcher&&) noexcept;
    RegexMatcher& operator=(RegexMatcher&&) noexcept;

    /** @brief Compiles @p pattern; on failure returns nullptr and sets @p error. */
    static std::unique_ptr<RegexMatcher> compile(const QString& pattern, Flags flags,
                                                 QString* error);

    /** @brief True when the RE2 engine runs this pattern (false: PCRE2 fallback). */
    bool usesRe2() const { return m_re2 != nullptr; }
    /** @brief Searches UTF-8 text (used with RE2). */
    bool searchUtf8(QByteArrayView utf8) const;
    /** @brief Searches UTF-16 text (used with the PCRE2 fallback). */
    bool searchUtf16(QStringView text) const;

private:
    RegexMatcher() = default;

    std::unique_ptr<re2::RE2> m_re2;
    std::unique_ptr<QRegularExpression> m_pcre;
};

} // namespace vigil::sigma::detail
