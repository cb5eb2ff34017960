#pragma once

#include <QByteArrayView>
#include <QStringView>

namespace vigil {

struct Event;
struct ParseContext;

/** @brief Reading the times device formats write (CEF, LEEF, CSV, Snare, Apache). */
namespace fmt {

/**
 * @brief Sets @p out's time from a device time written as epoch seconds or milliseconds,
 * ISO 8601, or `Mmm dd [yyyy] hh:mm:ss[.f][ zone]` (zone `UTC`, `GMT`, `Z` or `±hh[:]mm`).
 * Zone-less times are read in @p ctx's zone and noted (noteZoneAssumed()); a missing year is
 * the one closest to the reference time. Returns false, leaving @p out alone, for other text.
 */
bool setTimeFromText(Event& out, QByteArrayView text, const ParseContext& ctx);
bool setTimeFromText(Event& out, QStringView text, const ParseContext& ctx);

/**
 * @brief Sets @p out's time from exactly a ctime-style text `Www Mmm dd hh:mm:ss[.f] yyyy`
 * (Apache error logs, Snare), read in @p ctx's zone and noted as assumed. False otherwise.
 */
bool setCtimeTime(Event& out, QByteArrayView text, const ParseContext& ctx);

} // namespace fmt
} // namespace vigil
