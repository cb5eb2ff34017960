#include "sigma/rule.h"

#include <array>

#include "model/event.h"
#include "sigma/detection.h"
#include "sigma/log_source_map.h"
#include "sigma/match_context.h"

using namespace Qt::StringLiterals;

namespace vigil::sigma {

namespace {

constexpr std::array<const char16_t*, 5> kLevelNames = {u"informational", u"low", u"medium",
                                                        u"high", u"critical"};

} // namespace

QString levelName(Level level)
{
    return QString::fromUtf16(kLevelNames[std::size_t(level)]);
}

std::optional<Level> levelFromName(QStringView name)
{
    for (std::size_t i = 0; i < kLevelNames.size(); ++i) {
        if (name.compare(QStringView(kLevelNames[i]), Qt::CaseInsensitive) == 0) {
            return Level(i);
        }
    }
    return std::nullopt;
}

Rule::Rule() = default;
Rule::~Rule() = default;

bool Rule::canMatch() const
{
    return !m_logSource->inert;
}

bool Rule::appliesTo(const Event& e) const
{
    detail::MatchContext ctx(e);
    return m_logSource->test(ctx) >= 0;
}

bool Rule::matches(const Event& e) const
{
    // One scratch context per thread keeps its buffers between calls.
    thread_local detail::MatchContext ctx;
    ctx.reset(e);
    const int alternative = m_logSource->test(ctx);
    return alternative >= 0 && m_detection->eval(ctx, alternative);
}

bool Rule::matchesDetection(detail::MatchContext& ctx, int alternative) const
{
    return m_detection->eval(ctx, alternative);
}

} // namespace vigil::sigma
