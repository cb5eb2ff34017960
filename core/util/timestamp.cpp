#include "util/timestamp.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include <QDateTime>
#include <QTimeZone>

namespace vigil {

namespace {

int digitAt(QStringView s, qsizetype i)
{
    if (i >= s.size()) {
        return -1;
    }
    const char16_t c = s[i].unicode();
    return (c >= u'0' && c <= u'9') ? int(c - u'0') : -1;
}

// Reads exactly n digits at i; -1 when any is missing.
int readDigits(QStringView s, qsizetype i, int n)
{
    int v = 0;
    for (int k = 0; k < n; ++k) {
        const int d = digitAt(s, i + k);
        if (d < 0) {
            return -1;
        }
        v = v * 10 + d;
    }
    return v;
}

bool isLeap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int daysInMonth(int y, int m)
{
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return (m == 2 && isLeap(y)) ? 29 : kDays[m - 1];
}

// Parses a zone designator at i. Returns the offset in seconds and advances i; nullopt if none.
std::optional<int> parseZone(QStringView s, qsizetype& i)
{
    if (i >= s.size()) {
        return std::nullopt;
    }
    const QChar c = s[i];
    if (c == u'Z' || c == u'z') {
        ++i;
        return 0;
    }
    if (c != u'+' && c != u'-') {
        return std::nullopt;
    }
    const int sign = c == u'-' ? -1 : 1;
    const int hh = readDigits(s, i + 1, 2);
    if (hh < 0 || hh > 23) {
        return std::nullopt;
    }
    qsizetype j = i + 3;
    int mm = 0;
    if (j < s.size() && s[j] == u':') {
        mm = readDigits(s, j + 1, 2);
        if (mm < 0) {
            return std::nullopt;
        }
        j += 3;
    } else if (digitAt(s, j) >= 0) {
        mm = readDigits(s, j, 2);
        if (mm < 0) {
            return std::nullopt;
        }
        j += 2;
    }
    if (mm > 59 || digitAt(s, j) >= 0) {
        return std::nullopt;
    }
    i = j;
    return sign * (hh * 3600 + mm * 60);
}

} // namespace

qint64 daysFromCivil(int y, int m, int d)
{
    // Howard Hinnant's days_from_civil.
    y -= m <= 2 ? 1 : 0;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = unsigned((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + qint64(doe) - 719468;
}

void civilFromDays(qint64 z, int& y, int& m, int& d)
{
    z += 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = unsigned(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = int(doy - (153 * mp + 2) / 5 + 1);
    m = int(mp < 10 ? mp + 3 : mp - 9);
    y = int(qint64(yoe) + era * 400 + (m <= 2 ? 1 : 0));
}

qint64 civilToNs(int year, int month, int day, int hour, int minute, int second, qint64 nanos)
{
    const qint64 days = daysFromCivil(year, month, day);
    return ((days * 24 + hour) * 60 + minute) * 60 * kNsPerSecond + qint64(second) * kNsPerSecond
        + nanos;
}

std::optional<ParsedTime> parseIso8601(QStringView s)
{
    const int year = readDigits(s, 0, 4);
    if (!yearInRange(year) || s.size() < 16 || s[4] != u'-' || s[7] != u'-') {
        return std::nullopt;
    }
    const int month = readDigits(s, 5, 2);
    const int day = readDigits(s, 8, 2);
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
        return std::nullopt;
    }
    if (s[10] != u'T' && s[10] != u't' && s[10] != u' ') {
        return std::nullopt;
    }
    const int hour = readDigits(s, 11, 2);
    const int minute = readDigits(s, 14, 2);
    if (hour < 0 || hour > 23 || s[13] != u':' || minute < 0 || minute > 59) {
        return std::nullopt;
    }
    qsizetype i = 16;
    int second = 0;
    if (i < s.size() && s[i] == u':') {
        second = readDigits(s, i + 1, 2);
        if (second < 0 || second > 60) { // 60: a leap second, folded into :59 below
            return std::nullopt;
        }
        i += 3;
    }
    qint64 nanos = 0;
    int digits = 0;
    if (i + 1 < s.size() && (s[i] == u'.' || s[i] == u',') && digitAt(s, i + 1) >= 0) {
        ++i;
        qint64 scale = 100'000'000;
        for (int d = digitAt(s, i); d >= 0; d = digitAt(s, ++i)) {
            if (digits < 9) {
                nanos += d * scale;
                scale /= 10;
                ++digits;
            }
        }
    }
    if (second == 60) {
        second = 59;
        nanos = kNsPerSecond - 1;
    }
    ParsedTime t;
    t.digits = digits;
    t.ns = civilToNs(year, month, day, hour, minute, second, nanos);
    if (const auto offset = parseZone(s, i)) {
        t.ns -= qint64(*offset) * kNsPerSecond;
        t.hasZone = true;
    }
    t.consumed = int(i);
    return t;
}

std::optional<ParsedTime> parseEpoch(QStringView s)
{
    qsizetype i = 0;
    qint64 whole = 0;
    int intDigits = 0;
    for (int d = digitAt(s, i); d >= 0; d = digitAt(s, ++i)) {
        if (++intDigits > 19) {
            return std::nullopt;
        }
        whole = whole * 10 + d;
    }
    if (intDigits == 0 || (intDigits == 19 && whole < 0)) {
        return std::nullopt;
    }
    // Seconds beyond 2261 would overflow the nanosecond count; check before multiplying.
    constexpr qint64 kMaxSeconds = 9'200'000'000LL;
    ParsedTime t;
    if (i < s.size() && s[i] == u'.') {
        ++i;
        qint64 frac = 0;
        qint64 scale = 100'000'000;
        for (int d = digitAt(s, i); d >= 0; d = digitAt(s, ++i)) {
            if (t.digits < 9) {
                frac += d * scale;
                scale /= 10;
                ++t.digits;
            }
        }
        if (intDigits > 11 || whole > kMaxSeconds) {
            return std::nullopt; // fractional epochs are seconds; more is not a time
        }
        t.ns = whole * kNsPerSecond + frac;
    } else if (intDigits <= 11) {
        if (whole > kMaxSeconds) {
            return std::nullopt;
        }
        t.ns = whole * kNsPerSecond;
    } else if (intDigits <= 14) {
        if (whole > kMaxSeconds * 1'000) {
            return std::nullopt;
        }
        t.ns = whole * 1'000'000;
        t.digits = 3;
    } else if (intDigits <= 17) {
        if (whole > kMaxSeconds * 1'000'000) {
            return std::nullopt;
        }
        t.ns = whole * 1'000;
        t.digits = 6;
    } else {
        t.ns = whole;
        t.digits = 9;
    }
    t.hasZone = true;
    t.consumed = int(i);
    return t;
}

qint64 applyZone(qint64 wallNs, const QTimeZone& zone)
{
    if (!zone.isValid()) {
        return wallNs;
    }
    // The offset is in whole seconds; resolve it at millisecond precision and keep our nanos.
    const qint64 wallMs = wallNs / 1'000'000;
    const QDateTime asUtc = QDateTime::fromMSecsSinceEpoch(wallMs, QTimeZone::utc());
    const QDateTime local(asUtc.date(), asUtc.time(), zone);
    const qint64 offsetSeconds = local.offsetFromUtc();
    return wallNs - offsetSeconds * kNsPerSecond;
}

QString formatUtc(qint64 ns, int digits)
{
    qint64 secs = ns / kNsPerSecond;
    qint64 frac = ns % kNsPerSecond;
    if (frac < 0) {
        frac += kNsPerSecond;
        --secs;
    }
    qint64 days = secs / 86400;
    qint64 rem = secs % 86400;
    if (rem < 0) {
        rem += 86400;
        --days;
    }
    int y = 0;
    int m = 0;
    int d = 0;
    civilFromDays(days, y, m, d);
    char buf[48];
    int n = std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", y, m, d,
                          int(rem / 3600), int(rem / 60 % 60), int(rem % 60));
    digits = std::clamp(digits, 0, 9);
    if (digits > 0) {
        char fracBuf[16];
        std::snprintf(fracBuf, sizeof fracBuf, "%09lld", static_cast<long long>(frac));
        buf[n++] = '.';
        for (int k = 0; k < digits; ++k) {
            buf[n++] = fracBuf[k];
        }
    }
    buf[n++] = 'Z';
    return QString::fromLatin1(buf, n);
}

QString formatUtcTrimmed(qint64 ns)
{
    const qint64 frac = ((ns % kNsPerSecond) + kNsPerSecond) % kNsPerSecond;
    const int digits = frac == 0 ? 0 : frac % 1'000'000 == 0 ? 3 : frac % 1'000 == 0 ? 6 : 9;
    return formatUtc(ns, digits);
}

qint64 nowNs()
{
    using namespace std::chrono;
    return duration_cast<nanoseconds>(system_clock::now().time_since_epoch()).count();
}

int monthFromAbbrev(QStringView name)
{
    static constexpr const char16_t* kMonths[] = {u"jan", u"feb", u"mar", u"apr", u"may", u"jun",
                                                  u"jul", u"aug", u"sep", u"oct", u"nov", u"dec"};
    if (name.size() != 3) {
        return 0;
    }
    for (int i = 0; i < 12; ++i) {
        if (name.compare(QStringView(kMonths[i]), Qt::CaseInsensitive) == 0) {
            return i + 1;
        }
    }
    return 0;
}

} // namespace vigil
