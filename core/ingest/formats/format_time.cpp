#include "ingest/formats/format_time.h"

#include <QTimeZone>

#include "ingest/formats/format_util.h"
#include "ingest/parser.h"
#include "ingest/time_scan.h"
#include "model/event.h"
#include "util/timestamp.h"

using namespace Qt::StringLiterals;

namespace vigil::fmt {

namespace {

// " UTC", " GMT", "Z", " +02:00", "+0200" after a BSD-style time: the offset in seconds.
std::optional<int> trailingZone(QByteArrayView rest)
{
    while (!rest.isEmpty() && rest.front() == ' ') {
        rest = rest.sliced(1);
    }
    if (rest == "UTC" || rest == "GMT" || rest == "Z") {
        return 0;
    }
    if (rest.size() < 3 || (rest[0] != '+' && rest[0] != '-')) {
        return std::nullopt;
    }
    const QByteArrayView digits = rest.sliced(1);
    int hh = 0;
    int mm = 0;
    if (digits.size() == 5 && digits[2] == ':') {
        const auto h = toInt(digits.first(2));
        const auto m = toInt(digits.sliced(3));
        if (!h || !m) {
            return std::nullopt;
        }
        hh = int(*h);
        mm = int(*m);
    } else if (digits.size() == 4 || digits.size() == 2) {
        const auto h = toInt(digits.first(2));
        const auto m = digits.size() == 4 ? toInt(digits.sliced(2)) : std::optional<qint64>(0);
        if (!h || !m) {
            return std::nullopt;
        }
        hh = int(*h);
        mm = int(*m);
    } else {
        return std::nullopt;
    }
    if (hh > 23 || mm > 59) {
        return std::nullopt;
    }
    const int seconds = hh * 3600 + mm * 60;
    return rest[0] == '-' ? -seconds : seconds;
}

bool allDigits(QByteArrayView s)
{
    for (const char c : s) {
        if (c < '0' || c > '9') {
            return false;
        }
    }
    return !s.isEmpty();
}

// Sets the event time; a time the record gives replaces an earlier one (a syslog header's)
// together with its note.
void commitTime(Event& out, qint64 ns, int digits, bool zoneAssumed, const ParseContext& ctx)
{
    out.timeNs = ns;
    out.timeDigits = digits;
    out.timeSource = TimeSource::Event;
    removeField(out.common, u"time_zone_assumed");
    if (zoneAssumed) {
        noteZoneAssumed(out, ctx);
    }
}

} // namespace

bool setTimeFromText(Event& out, QByteArrayView text, const ParseContext& ctx)
{
    text = text.trimmed();
    if (text.isEmpty() || text.size() > 64) {
        return false;
    }
    if (allDigits(text) || (text.contains('.') && allDigits(text.first(text.indexOf('.'))))) {
        const auto t = parseEpoch(QString::fromLatin1(text));
        if (!t || t->consumed != text.size()) {
            return false;
        }
        commitTime(out, t->ns, t->digits, false, ctx);
        return true;
    }
    if (const auto iso = scanIsoTime(text); iso && iso->consumed == text.size()) {
        commitTime(out, iso->hasZone ? iso->ns : wallToUtc(iso->ns, ctx.zone), iso->digits,
                   !iso->hasZone, ctx);
        return true;
    }
    const auto bsd = scanBsdTime(text);
    if (!bsd) {
        return false;
    }
    const QByteArrayView rest = text.sliced(bsd->consumed);
    const auto offset = trailingZone(rest);
    if (!rest.trimmed().isEmpty() && !offset) {
        return false;
    }
    const qint64 reference = referenceTimeOf(ctx);
    if (offset) {
        commitTime(
            out, resolveBsdTime(*bsd, reference, QTimeZone::utc()) - qint64(*offset) * kNsPerSecond,
            bsd->digits, false, ctx);
    } else {
        commitTime(out, resolveBsdTime(*bsd, reference, ctx.zone), bsd->digits, true, ctx);
    }
    return true;
}

bool setTimeFromText(Event& out, QStringView text, const ParseContext& ctx)
{
    if (text.size() > 64) {
        return false;
    }
    return setTimeFromText(out, QByteArrayView(text.toUtf8()), ctx);
}

bool setCtimeTime(Event& out, QByteArrayView text, const ParseContext& ctx)
{
    if (text.size() < 24 || text[3] != ' ') {
        return false;
    }
    const QByteArrayView rest = text.sliced(4);
    auto bsd = scanBsdTime(rest);
    if (!bsd || bsd->year != 0 || rest.size() != bsd->consumed + 5 || rest[bsd->consumed] != ' ') {
        return false;
    }
    const auto year = toInt(rest.sliced(bsd->consumed + 1));
    if (!year || !yearInRange(int(*year))) {
        return false;
    }
    bsd->year = int(*year);
    const qint64 wall =
        civilToNs(bsd->year, bsd->month, bsd->day, bsd->hour, bsd->minute, bsd->second, bsd->nanos);
    int y = 0;
    int m = 0;
    int d = 0;
    civilFromDays(daysFromCivil(bsd->year, bsd->month, bsd->day), y, m, d);
    if (m != bsd->month || d != bsd->day) {
        return false; // 31 April
    }
    commitTime(out, wallToUtc(wall, ctx.zone), bsd->digits, true, ctx);
    return true;
}

} // namespace vigil::fmt
