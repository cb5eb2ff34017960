#include "sigma/regex_matcher.h"

#include <re2/re2.h>

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace vigil::sigma::detail {

RegexMatcher::~RegexMatcher() = default;
RegexMatcher::RegexMatcher(RegexMatcher&&) noexcept = default;
RegexMatcher& RegexMatcher::operator=(RegexMatcher&&) noexcept = default;

std::unique_ptr<RegexMatcher> RegexMatcher::compile(const QString& pattern, Flags flags,
                                                    QString* error)
{
    std::unique_ptr<RegexMatcher> m(new RegexMatcher);
    const QByteArray utf8 = pattern.toUtf8();
    RE2::Options opts;
    opts.set_log_errors(false);
    opts.set_case_sensitive(!flags.ignoreCase);
    opts.set_dot_nl(flags.dotAll);
    opts.set_never_capture(true);
    opts.set_max_mem(32 << 20);
    // RE2 has no multi-line option outside the pattern; the inline flag means the same.
    const std::string text = flags.multiLine ? "(?m)" + utf8.toStdString() : utf8.toStdString();
    auto re = std::make_unique<RE2>(text, opts);
    if (re->ok()) {
        m->m_re2 = std::move(re);
        return m;
    }
    const QString re2Error = QString::fromStdString(re->error());

    // Limits only lower PCRE2's defaults; a hit reports "no match" for that event.
    QString bounded = u"(*LIMIT_MATCH=100000)(*LIMIT_DEPTH=10000)"_s + pattern;
    QRegularExpression::PatternOptions popts = QRegularExpression::NoPatternOption;
    if (flags.ignoreCase) {
        popts |= QRegularExpression::CaseInsensitiveOption;
    }
    if (flags.multiLine) {
        popts |= QRegularExpression::MultilineOption;
    }
    if (flags.dotAll) {
        popts |= QRegularExpression::DotMatchesEverythingOption;
    }
    auto pcre = std::make_unique<QRegularExpression>(bounded, popts);
    if (!pcre->isValid()) {
        if (error) {
            *error = u"invalid regular expression: "_s + re2Error + u" (RE2); "_s
                + pcre->errorString() + u" (PCRE2)"_s;
        }
        return nullptr;
    }
    pcre->optimize();
    m->m_pcre = std::move(pcre);
    return m;
}

bool RegexMatcher::searchUtf8(QByteArrayView utf8) const
{
    if (!m_re2) {
        return searchUtf16(QString::fromUtf8(utf8));
    }
    return RE2::PartialMatch(re2::StringPiece(utf8.data(), std::size_t(utf8.size())), *m_re2);
}

bool RegexMatcher::searchUtf16(QStringView text) const
{
    if (!m_pcre) {
        const QByteArray utf8 = text.toUtf8();
        return searchUtf8(utf8);
    }
    return m_pcre->match(text.left(kMaxFallbackSubject)).hasMatch();
}

} // namespace vigil::sigma::detail
