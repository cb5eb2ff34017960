#pragma once

#include <optional>

#include <QByteArrayView>

#include "util/timestamp.h"

class QTimeZone;

namespace vigil {

/**
 * @brief Wall-clock parts of a BSD syslog timestamp (`Mmm dd hh:mm:ss`); @c year is 0 when the
 * text gave none. @c consumed counts the bytes that formed the timestamp.
 */
struct BsdTime {
    int year = 0;
    int month = 0;
    int day = 0;
    int hour = 0;
    int minute = 0;
    int second = 0;
    qint64 nanos = 0;
    int digits = 0;
    int consumed = 0;
};

/** @brief A time found at the start of a line, already in UTC nanoseconds. */
struct LeadingTime {
    qint64 ns = 0;
    int digits = 0;
    int consumed = 0;
    bool zoned = false; ///< the text gave its zone; otherwise the caller's zone was assumed
};

/**
 * @brief Reads `Mmm dd[ yyyy] hh:mm:ss[.f]` at the start of @p s. The day may be space-padded
 * (`Aug  4`); month names are English or French abbreviations, any case.
 */
std::optional<BsdTime> scanBsdTime(QByteArrayView s);

/** @brief parseIso8601() over ASCII bytes; @c consumed is in bytes. */
std::optional<ParsedTime> scanIsoTime(QByteArrayView s);

/**
 * @brief UTC nanoseconds for a BSD time: a missing year is the one that puts the time closest to
 * @p referenceNs, and the wall-clock time is read in @p zone.
 */
qint64 resolveBsdTime(const BsdTime& t, qint64 referenceNs, const QTimeZone& zone);

/** @brief Like applyZone(), with a fast path for UTC (the common case on import). */
qint64 wallToUtc(qint64 wallNs, const QTimeZone& zone);

/**
 * @brief Finds a timestamp at the start of a free-text line.
 *
 * Shapes: ISO 8601 / RFC 3339 (also `yyyy-mm-dd hh:mm:ss,fff`), BSD syslog `Mmm dd hh:mm:ss`,
 * `yyyy/mm/dd hh:mm:ss`, `dd/Mon/yyyy:hh:mm:ss ±zzzz`, ctime `Www Mmm dd hh:mm:ss yyyy`,
 * `mm/dd/yyyy-hh:mm:ss.f` (Suricata fast.log); each may sit in square brackets. An Apache
 * `[dd/Mon/yyyy:hh:mm:ss ±zzzz]` within the first 128 bytes is found as well.
 */
std::optional<LeadingTime> scanLeadingTime(QByteArrayView line, qint64 referenceNs,
                                           const QTimeZone& zone);

} // namespace vigil
