#include "ingest/time_scan.h"

#include <cstdlib>
#include <cstring>

#include <QTimeZone>

namespace vigil {

namespace {

constexpr qint64 kNsPerDay = 86400 * kNsPerSecond;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isAsciiAlpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

// Reads exactly n digits at i and advances; -1 (i unchanged) when any is missing.
int readFixed(QByteArrayView s, qsizetype& i, int n)
{
    if (s.size() - i < n) {
        return -1;
    }
    int v = 0;
    for (int k = 0; k < n; ++k) {
        const char c = s[i + k];
        if (!isDigit(c)) {
            return -1;
        }
        v = v * 10 + (c - '0');
    }
    i += n;
    return v;
}

// Reads one or two digits at i and advances; -1 when there is none.
int readOneOrTwo(QByteArrayView s, qsizetype& i)
{
    if (i >= s.size() || !isDigit(s[i])) {
        return -1;
    }
    int v = s[i++] - '0';
    if (i < s.size() && isDigit(s[i])) {
        v = v * 10 + (s[i++] - '0');
    }
    return v;
}

bool equalsLower(QByteArrayView token, const char* word)
{
    const auto n = qsizetype(std::strlen(word));
    if (token.size() != n) {
        return false;
    }
    for (qsizetype k = 0; k < n; ++k) {
        if (lower(token[k]) != word[k]) {
            return false;
        }
    }
    return true;
}

// English abbreviations, plus the French ones glibc writes for fr_FR (%b), dots removed.
int monthFromToken(QByteArrayView token)
{
    static constexpr const char* kEnglish[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                               "jul", "aug", "sep", "oct", "nov", "dec"};
    for (int m = 0; m < 12; ++m) {
        if (equalsLower(token, kEnglish[m])) {
            return m + 1;
        }
    }
    struct Alias {
        const char* name;
        int month;
    };
    static constexpr Alias kFrench[] = {
        {"janv", 1}, {"f\xc3\xa9vr", 2}, {"fevr", 2}, {"mars", 3}, {"avr", 4}, {"avril", 4},
        {"mai", 5}, {"juin", 6}, {"juil", 7}, {"ao\xc3\xbbt", 8}, {"aout", 8}, {"sept", 9},
        {"d\xc3\xa9""c", 12}};
    for (const Alias& a : kFrench) {
        if (equalsLower(token, a.name)) {
            return a.month;
        }
    }
    return 0;
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

// `hh:mm:ss[.f…]` (',' also separates a fraction). Fills t and advances i.
bool readClock(QByteArrayView s, qsizetype& i, BsdTime& t)
{
    qsizetype j = i;
    t.hour = readFixed(s, j, 2);
    if (t.hour < 0 || t.hour > 23 || j >= s.size() || s[j] != ':') {
        return false;
    }
    ++j;
    t.minute = readFixed(s, j, 2);
    if (t.minute < 0 || t.minute > 59 || j >= s.size() || s[j] != ':') {
        return false;
    }
    ++j;
    t.second = readFixed(s, j, 2);
    if (t.second < 0 || t.second > 60) {
        return false;
    }
    if (t.second == 60) { // leap second, folded as parseIso8601() does
        t.second = 59;
        t.nanos = kNsPerSecond - 1;
    }
    if (j + 1 < s.size() && (s[j] == '.' || s[j] == ',') && isDigit(s[j + 1])) {
        ++j;
        qint64 scale = 100'000'000;
        t.nanos = 0;
        for (; j < s.size() && isDigit(s[j]); ++j) {
            if (t.digits < 9) {
                t.nanos += (s[j] - '0') * scale;
                scale /= 10;
                ++t.digits;
            }
        }
    }
    i = j;
    return true;
}

// `±hhmm` or `±hh:mm`; offset in seconds.
bool readOffset(QByteArrayView s, qsizetype& i, int& offsetSeconds)
{
    if (i >= s.size() || (s[i] != '+' && s[i] != '-')) {
        return false;
    }
    const int sign = s[i] == '-' ? -1 : 1;
    qsizetype j = i + 1;
    const int hh = readFixed(s, j, 2);
    if (j < s.size() && s[j] == ':') {
        ++j;
    }
    const int mm = readFixed(s, j, 2);
    if (hh < 0 || hh > 23 || mm < 0 || mm > 59) {
        return false;
    }
    offsetSeconds = sign * (hh * 3600 + mm * 60);
    i = j;
    return true;
}

qint64 wallNs(const BsdTime& t)
{
    return civilToNs(t.year, t.month, t.day, t.hour, t.minute, t.second, t.nanos);
}

LeadingTime leading(qint64 ns, int digits, qsizetype consumed, bool zoned = false)
{
    return LeadingTime{ns, digits, int(consumed), zoned};
}

// `dd/Mon/yyyy:hh:mm:ss[ ±zzzz]` (common log format) at i.
std::optional<LeadingTime> scanClf(QByteArrayView s, qsizetype i, const QTimeZone& zone)
{
    BsdTime t;
    t.day = readFixed(s, i, 2);
    if (t.day < 1 || s.size() - i < 10 || s[i] != '/' || s[i + 4] != '/') {
        return std::nullopt;
    }
    t.month = monthFromToken(s.sliced(i + 1, 3));
    i += 5;
    t.year = readFixed(s, i, 4);
    if (t.month == 0 || !yearInRange(t.year) || i >= s.size() || s[i] != ':') {
        return std::nullopt;
    }
    ++i;
    if (t.day > daysInMonth(t.year, t.month) || !readClock(s, i, t)) {
        return std::nullopt;
    }
    int offset = 0;
    qsizetype j = i + 1;
    if (i < s.size() && s[i] == ' ' && readOffset(s, j, offset)) {
        return leading(wallNs(t) - qint64(offset) * kNsPerSecond, t.digits, j, true);
    }
    return leading(wallToUtc(wallNs(t), zone), t.digits, i);
}

// `yyyy/m/d hh:mm:ss` and `mm/dd/yyyy-hh:mm:ss.f`, zone-less.
std::optional<LeadingTime> scanSlashDate(QByteArrayView s, const QTimeZone& zone)
{
    BsdTime t;
    qsizetype i = 0;
    if (s.size() > 4 && s[4] == '/') {
        t.year = readFixed(s, i, 4);
        ++i;
        t.month = readOneOrTwo(s, i);
        if (i >= s.size() || s[i] != '/') {
            return std::nullopt;
        }
        ++i;
        t.day = readOneOrTwo(s, i);
    } else {
        t.month = readFixed(s, i, 2);
        if (i >= s.size() || s[i] != '/') {
            return std::nullopt;
        }
        ++i;
        t.day = readFixed(s, i, 2);
        if (i >= s.size() || s[i] != '/') {
            return std::nullopt;
        }
        ++i;
        t.year = readFixed(s, i, 4);
    }
    if (!yearInRange(t.year) || t.month < 1 || t.month > 12 || t.day < 1
        || t.day > daysInMonth(t.year, t.month) || i >= s.size()
        || (s[i] != ' ' && s[i] != 'T' && s[i] != '-')) {
        return std::nullopt;
    }
    ++i;
    if (!readClock(s, i, t)) {
        return std::nullopt;
    }
    return leading(wallToUtc(wallNs(t), zone), t.digits, i);
}

} // namespace

std::optional<BsdTime> scanBsdTime(QByteArrayView s)
{
    qsizetype i = 0;
    while (i < s.size() && i < 6 && (isAsciiAlpha(s[i]) || static_cast<uchar>(s[i]) >= 0x80)) {
        ++i;
    }
    BsdTime t;
    t.month = monthFromToken(s.first(i));
    if (t.month == 0) {
        return std::nullopt;
    }
    if (i < s.size() && s[i] == '.') {
        ++i;
    }
    const qsizetype spaces = i;
    while (i < s.size() && s[i] == ' ' && i - spaces < 3) {
        ++i;
    }
    t.day = i > spaces ? readOneOrTwo(s, i) : -1;
    if (t.day < 1 || t.day > daysInMonth(2000, t.month) || i >= s.size() || s[i] != ' ') {
        return std::nullopt;
    }
    ++i;
    // Some devices (Cisco) put the year between the day and the clock.
    if (s.size() - i > 5 && s[i + 4] == ' ') {
        qsizetype j = i;
        const int year = readFixed(s, j, 4);
        if (yearInRange(year)) {
            if (t.day > daysInMonth(year, t.month)) {
                return std::nullopt;
            }
            t.year = year;
            i = j + 1;
        }
    }
    if (!readClock(s, i, t)) {
        return std::nullopt;
    }
    t.consumed = int(i);
    return t;
}

std::optional<ParsedTime> scanIsoTime(QByteArrayView s)
{
    char16_t buf[64];
    qsizetype n = 0;
    for (; n < s.size() && n < qsizetype(std::size(buf)); ++n) {
        const auto c = static_cast<uchar>(s[n]);
        if (c >= 0x80) {
            break;
        }
        buf[n] = char16_t(c);
    }
    return parseIso8601(QStringView(buf, n));
}

qint64 resolveBsdTime(const BsdTime& t, qint64 referenceNs, const QTimeZone& zone)
{
    BsdTime when = t;
    if (when.year == 0) {
        qint64 days = referenceNs / kNsPerDay;
        if (referenceNs < 0 && referenceNs % kNsPerDay != 0) {
            --days;
        }
        int refYear = 0;
        int refMonth = 0;
        int refDay = 0;
        civilFromDays(days, refYear, refMonth, refDay);
        // The year closest to the reference, where a record more than a day after the reference
        // (the file's last change, or the time received) cannot be right: "Dec 10" in a file last
        // written on Dec 3 is from last December. The zone shifts a time by hours; choosing the
        // year on wall-clock time is enough.
        int bestYear = refYear;
        qint64 bestDistance = -1;
        bool bestPlausible = false;
        for (int year = refYear - 1; year <= refYear + 1; ++year) {
            if (t.day > daysInMonth(year, t.month)) {
                continue;
            }
            when.year = year;
            const qint64 delta = wallNs(when) - referenceNs;
            const bool plausible = delta <= kNsPerDay;
            const qint64 distance = std::llabs(delta);
            if (bestDistance < 0 || (plausible && !bestPlausible)
                || (plausible == bestPlausible && distance < bestDistance)) {
                bestDistance = distance;
                bestYear = year;
                bestPlausible = plausible;
            }
        }
        when.year = bestYear;
    }
    return wallToUtc(wallNs(when), zone);
}

qint64 wallToUtc(qint64 wallNs, const QTimeZone& zone)
{
    if (!zone.isValid()) {
        return wallNs;
    }
    static const QByteArray kUtc = QByteArrayLiteral("UTC");
    if (zone.id() == kUtc) {
        return wallNs;
    }
    return applyZone(wallNs, zone);
}

std::optional<LeadingTime> scanLeadingTime(QByteArrayView line, qint64 referenceNs,
                                           const QTimeZone& zone)
{
    const qsizetype start = (!line.isEmpty() && line[0] == '[') ? 1 : 0;
    const QByteArrayView s = line.sliced(start);
    if (s.size() >= 8 && isDigit(s[0]) && isDigit(s[1])) {
        if (s[4] == '-') {
            if (const auto iso = scanIsoTime(s)) {
                const qint64 ns = iso->hasZone ? iso->ns : wallToUtc(iso->ns, zone);
                return leading(ns, iso->digits, start + iso->consumed, iso->hasZone);
            }
        } else if (s[4] == '/' || (s[2] == '/' && isDigit(s[3]))) {
            if (auto t = scanSlashDate(s, zone)) {
                t->consumed += int(start);
                return t;
            }
        } else if (s[2] == '/') {
            return scanClf(line, start, zone);
        }
    } else if (!s.isEmpty() && isAsciiAlpha(s[0])) {
        if (const auto bsd = scanBsdTime(s)) {
            return leading(resolveBsdTime(*bsd, referenceNs, zone), bsd->digits,
                           start + bsd->consumed);
        }
        // ctime: `Www Mmm dd hh:mm:ss yyyy`
        if (s.size() > 4 && s[3] == ' ') {
            auto bsd = scanBsdTime(s.sliced(4));
            qsizetype i = bsd ? 4 + bsd->consumed : 0;
            if (bsd && bsd->year == 0 && i < s.size() && s[i] == ' ') {
                ++i;
                bsd->year = readFixed(s, i, 4);
                if (yearInRange(bsd->year) && bsd->day <= daysInMonth(bsd->year, bsd->month)) {
                    return leading(wallToUtc(wallNs(*bsd), zone), bsd->digits, start + i);
                }
            }
        }
    }
    // Apache access logs: `host ident user [dd/Mon/yyyy:hh:mm:ss ±zzzz] ...`
    const qsizetype limit = std::min<qsizetype>(line.size(), 128);
    for (qsizetype i = 1; i + 1 < limit; ++i) {
        if (line[i] == '[' && isDigit(line[i + 1])) {
            if (auto t = scanClf(line, i + 1, zone)) {
                return t;
            }
        }
    }
    return std::nullopt;
}

} // namespace vigil
