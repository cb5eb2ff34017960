#pragma once

#include <cstdint>
#include <optional>

#include <QString>
#include <QStringView>

class QTimeZone;

namespace vigil {

/** @brief Nanoseconds per second, for arithmetic on the integer timestamps Vigil stores. */
inline constexpr qint64 kNsPerSecond = 1'000'000'000;

/**
 * @brief The years whose times fit in 64-bit nanoseconds since 1970 (1677-09-21 to 2262-04-11,
 * whole years only). Times outside are not read as times: they would wrap around silently.
 */
inline constexpr int kMinYear = 1678;
inline constexpr int kMaxYear = 2261;
inline constexpr bool yearInRange(int year)
{
    return year >= kMinYear && year <= kMaxYear;
}

/**
 * @brief A point in time read from text: nanoseconds since the Unix epoch plus how many
 * fractional digits the source wrote (0..9), so output keeps exactly the precision given.
 *
 * When @c hasZone is false the text carried no zone and @c ns is the wall-clock time as if it
 * were UTC; call applyZone() to interpret it in a source's time zone.
 */
struct ParsedTime {
    qint64 ns = 0;
    int digits = 0;
    bool hasZone = false;
    int consumed = 0; ///< characters of the input that formed the timestamp
};

/** @brief Days since 1970-01-01 for a proleptic Gregorian date (month 1..12). */
qint64 daysFromCivil(int year, int month, int day);

/** @brief Inverse of daysFromCivil(). */
void civilFromDays(qint64 days, int& year, int& month, int& day);

/** @brief UTC nanoseconds for a civil date and time (no validation beyond the ranges). */
qint64 civilToNs(int year, int month, int day, int hour, int minute, int second, qint64 nanos);

/**
 * @brief Parses an ISO 8601 / RFC 3339 timestamp at the start of @p text.
 *
 * Accepts `YYYY-MM-DD[T| ]hh:mm[:ss[.f{1,9}]]` followed by an optional zone: `Z`, `±hh:mm`,
 * `±hhmm` or `±hh`. More than nine fractional digits are read and truncated to nine.
 * Returns nothing when the text does not start with such a timestamp or a part is out of range.
 */
std::optional<ParsedTime> parseIso8601(QStringView text);

/**
 * @brief Reads a Unix epoch number: seconds (with an optional fraction), or integer
 * milliseconds, microseconds or nanoseconds chosen by magnitude (journald writes microseconds).
 */
std::optional<ParsedTime> parseEpoch(QStringView text);

/** @brief Interprets a zone-less wall-clock time in @p zone (UTC when the zone is invalid). */
qint64 applyZone(qint64 wallNs, const QTimeZone& zone);

/** @brief `YYYY-MM-DDThh:mm:ss[.fff…]Z` with exactly @p digits fractional digits (0..9). */
QString formatUtc(qint64 ns, int digits);

/**
 * @brief Like formatUtc(), with as many digits as the value needs in groups of three
 * (for times Vigil computed itself, whose source precision is not known).
 */
QString formatUtcTrimmed(qint64 ns);

/** @brief Current time as UTC nanoseconds since the epoch. */
qint64 nowNs();

/** @brief Month number 1..12 for an English three-letter abbreviation (any case), else 0. */
int monthFromAbbrev(QStringView name);

} // namespace vigil
