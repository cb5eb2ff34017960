#pragma once

#include <span>

#include <QString>
#include <QStringView>

namespace vigil::demo {

/**
 * @brief A small deterministic random source (xoshiro256** seeded through splitmix64).
 *
 * Every draw is integer arithmetic, so a seed gives the same sequence on every machine and
 * compiler; the standard distributions are implementation-defined and are never used here.
 * Not thread-safe; each generator part forks its own stream.
 */
class DemoRandom {
public:
    explicit DemoRandom(quint64 seed);

    /** @brief An independent stream for @p label, so one part's draws never shift another's. */
    DemoRandom fork(const QString& label) const;

    quint64 next();
    /** @brief Uniform in [0, n); 0 when @p n is 0. */
    quint64 below(quint64 n);
    /** @brief Uniform in [lo, hi] (inclusive). */
    qint64 range(qint64 lo, qint64 hi);
    /** @brief True with probability @p perMille / 1000. */
    bool chance(int perMille);

    template <typename T> const T& pick(std::span<const T> items)
    {
        return items[below(items.size())];
    }
    template <typename T, std::size_t N> const T& pick(const T (&items)[N])
    {
        return items[below(N)];
    }

    /** @brief @p count upper-case hex digits. */
    QString hex(int count);
    /** @brief @p bytes random bytes in unpadded base64 (as OpenSSH prints key fingerprints). */
    QString base64(int bytes);
    /** @brief A GUID in braces, upper case: {8-4-4-4-12}. */
    QString guid();

private:
    quint64 m_s[4];
};

/** @brief A stable 64-bit hash of text (FNV-1a over UTF-16 code units, then mixed). */
quint64 stableHash(QStringView text);

} // namespace vigil::demo
