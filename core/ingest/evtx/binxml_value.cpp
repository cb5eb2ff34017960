#include "ingest/evtx/binxml_value.h"

#include <cstring>

#include <QLocale>

#include "ingest/evtx/binxml_tokens.h"
#include "ingest/evtx/byte_view.h"
#include "util/timestamp.h"

using namespace Qt::StringLiterals;

namespace vigil::evtx {

namespace {

constexpr qint64 kDaysFrom1601To1970 = 134774;
constexpr quint64 kTicksPerSecond = 10'000'000;

// Text is built in a small buffer of char16_t and appended once: snprintf costs more than
// the rest of a value's decoding put together.
class Digits {
public:
    void ch(char16_t c) { m_buf[m_n++] = c; }
    void str(const char* s)
    {
        while (*s) {
            ch(char16_t(*s++));
        }
    }
    void dec(quint64 v, int minWidth = 1)
    {
        char16_t tmp[20];
        int n = 0;
        do {
            tmp[n++] = char16_t(u'0' + v % 10);
            v /= 10;
        } while (v != 0);
        for (; n < minWidth; ++n) {
            tmp[n] = u'0';
        }
        while (n > 0) {
            ch(tmp[--n]);
        }
    }
    void hex(quint64 v, int width, bool upper)
    {
        const char* digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
        char16_t tmp[16];
        int n = 0;
        do {
            tmp[n++] = char16_t(digits[v & 0xf]);
            v >>= 4;
        } while (v != 0);
        for (; n < width; ++n) {
            tmp[n] = u'0';
        }
        while (n > 0) {
            ch(tmp[--n]);
        }
    }
    void appendTo(QString& out) const { out.append(reinterpret_cast<const QChar*>(m_buf), m_n); }

private:
    char16_t m_buf[96];
    int m_n = 0;
};

void appendHexBytes(QString& out, const uchar* data, quint32 size)
{
    static const char kDigits[] = "0123456789ABCDEF";
    const qsizetype at = out.size();
    out.resize(at + qsizetype(size) * 2);
    QChar* p = out.data() + at;
    for (quint32 i = 0; i < size; ++i) {
        *p++ = QLatin1Char(kDigits[data[i] >> 4]);
        *p++ = QLatin1Char(kDigits[data[i] & 0xf]);
    }
}

void appendHexInt(QString& out, quint64 v)
{
    Digits d;
    d.str("0x");
    d.hex(v, 1, false);
    d.appendTo(out);
}

void appendGuid(QString& out, const uchar* p)
{
    Digits d;
    d.ch(u'{');
    d.hex(le32(p), 8, true);
    d.ch(u'-');
    d.hex(le16(p + 4), 4, true);
    d.ch(u'-');
    d.hex(le16(p + 6), 4, true);
    d.ch(u'-');
    for (int i = 8; i < 16; ++i) {
        if (i == 10) {
            d.ch(u'-');
        }
        d.hex(p[i], 2, true);
    }
    d.ch(u'}');
    d.appendTo(out);
}

void appendDateTime(Digits& d, int y, int mo, int day, int h, int mi, int s)
{
    d.dec(quint64(y), 4);
    d.ch(u'-');
    d.dec(quint64(mo), 2);
    d.ch(u'-');
    d.dec(quint64(day), 2);
    d.ch(u'T');
    d.dec(quint64(h), 2);
    d.ch(u':');
    d.dec(quint64(mi), 2);
    d.ch(u':');
    d.dec(quint64(s), 2);
}

void appendFileTime(QString& out, quint64 ft)
{
    const quint64 secs = ft / kTicksPerSecond;
    const auto days = qint64(secs / 86400);
    const auto rem = int(secs % 86400);
    int y = 0;
    int m = 0;
    int d = 0;
    civilFromDays(days - kDaysFrom1601To1970, y, m, d);
    Digits t;
    appendDateTime(t, y, m, d, rem / 3600, rem / 60 % 60, rem % 60);
    t.ch(u'.');
    t.dec(ft % kTicksPerSecond, 7);
    t.ch(u'Z');
    t.appendTo(out);
}

void appendSysTime(QString& out, const uchar* p)
{
    Digits t;
    appendDateTime(t, le16(p), le16(p + 2), le16(p + 6), le16(p + 8), le16(p + 10), le16(p + 12));
    t.ch(u'.');
    t.dec(le16(p + 14), 3);
    t.ch(u'Z');
    t.appendTo(out);
}

// Size of one SID at p (revision, count, 6-byte authority, count sub-authorities), or 0.
quint32 sidSize(const uchar* p, quint32 size)
{
    if (size < 8) {
        return 0;
    }
    const quint32 need = 8 + 4 * quint32(p[1]);
    return need <= size ? need : 0;
}

void appendSid(QString& out, const uchar* p)
{
    quint64 authority = 0;
    for (int i = 2; i < 8; ++i) {
        authority = (authority << 8) | p[i];
    }
    Digits d;
    d.str("S-");
    d.dec(p[0]);
    d.ch(u'-');
    if (authority >> 32) {
        d.str("0x");
        d.hex(authority, 1, false);
    } else {
        d.dec(authority);
    }
    d.appendTo(out);
    for (int i = 0; i < p[1]; ++i) {
        Digits sub;
        sub.ch(u'-');
        sub.dec(le32(p + 8 + 4 * i));
        sub.appendTo(out);
    }
}

void appendDecimal(QString& out, qint64 v)
{
    Digits d;
    if (v < 0) {
        d.ch(u'-');
    }
    d.dec(v < 0 ? quint64(0) - quint64(v) : quint64(v));
    d.appendTo(out);
}

void appendUnsigned(QString& out, quint64 v)
{
    Digits d;
    d.dec(v);
    d.appendTo(out);
}

// Fixed item size of a scalar type, 0 for variable-size types.
quint32 fixedSize(quint8 base, quint32 totalSize)
{
    switch (base) {
    case kInt8:
    case kUInt8:
        return 1;
    case kInt16:
    case kUInt16:
        return 2;
    case kInt32:
    case kUInt32:
    case kReal32:
    case kBool:
    case kHexInt32:
        return 4;
    case kInt64:
    case kUInt64:
    case kReal64:
    case kFileTime:
    case kHexInt64:
        return 8;
    case kGuid:
    case kSysTime:
        return 16;
    case kSizeT:
        return totalSize % 8 == 0 ? 8 : 4;
    default:
        return 0;
    }
}

// One scalar of a fixed-size type whose size has been checked.
void appendScalar(QString& out, quint8 type, const uchar* p, quint32 size)
{
    switch (type) {
    case kInt8:
        appendDecimal(out, qint8(p[0]));
        break;
    case kUInt8:
        appendUnsigned(out, p[0]);
        break;
    case kInt16:
        appendDecimal(out, qint16(le16(p)));
        break;
    case kUInt16:
        appendUnsigned(out, le16(p));
        break;
    case kInt32:
        appendDecimal(out, qint32(le32(p)));
        break;
    case kUInt32:
        appendUnsigned(out, le32(p));
        break;
    case kInt64:
        appendDecimal(out, qint64(le64(p)));
        break;
    case kUInt64:
        appendUnsigned(out, le64(p));
        break;
    case kReal32: {
        float f;
        std::memcpy(&f, p, 4);
        out += QString::number(double(f), 'g', QLocale::FloatingPointShortest);
        break;
    }
    case kReal64: {
        double f;
        std::memcpy(&f, p, 8);
        out += QString::number(f, 'g', QLocale::FloatingPointShortest);
        break;
    }
    case kBool:
        out += le32(p) != 0 ? u"true"_s : u"false"_s;
        break;
    case kGuid:
        appendGuid(out, p);
        break;
    case kSizeT:
    case kHexInt32:
    case kHexInt64:
        appendHexInt(out, size == 8 ? le64(p) : le32(p));
        break;
    case kFileTime:
        appendFileTime(out, le64(p));
        break;
    case kSysTime:
        appendSysTime(out, p);
        break;
    default:
        appendHexBytes(out, p, size);
        break;
    }
}

void stripTrailingNuls(const uchar* data, std::size_t& chars)
{
    while (chars > 0 && data[2 * chars - 2] == 0 && data[2 * chars - 1] == 0) {
        --chars;
    }
}

template <typename Fn>
void forEachItem(quint8 type, const uchar* data, quint32 size, Fn&& fn)
{
    const quint8 base = type & ~kArray;
    if (base == kString) {
        // NUL-terminated UTF-16 strings one after the other.
        const quint32 chars = size / 2;
        quint32 start = 0;
        for (quint32 i = 0; i < chars; ++i) {
            if (le16(data + 2 * i) == 0) {
                fn(base, data + 2 * start, (i - start) * 2);
                start = i + 1;
            }
        }
        if (start < chars) {
            fn(base, data + 2 * start, (chars - start) * 2);
        }
        return;
    }
    if (base == kAnsiString) {
        quint32 start = 0;
        for (quint32 i = 0; i < size; ++i) {
            if (data[i] == 0) {
                fn(base, data + start, i - start);
                start = i + 1;
            }
        }
        if (start < size) {
            fn(base, data + start, size - start);
        }
        return;
    }
    if (base == kSid) {
        quint32 at = 0;
        while (at < size) {
            const quint32 n = sidSize(data + at, size - at);
            if (n == 0) {
                fn(kBinary, data + at, size - at);
                return;
            }
            fn(base, data + at, n);
            at += n;
        }
        return;
    }
    const quint32 item = fixedSize(base, size);
    if (item == 0 || size % item != 0) {
        fn(kBinary, data, size);
        return;
    }
    for (quint32 at = 0; at < size; at += item) {
        fn(base, data + at, item);
    }
}

} // namespace

void appendUtf16(QString& out, const uchar* data, std::size_t chars)
{
    const qsizetype at = out.size();
    out.resize(at + qsizetype(chars));
    std::memcpy(static_cast<void*>(out.data() + at), data, chars * 2);
}

void appendValueText(QString& out, quint8 type, const uchar* data, quint32 size)
{
    if (type & kArray) {
        bool first = true;
        forEachItem(type, data, size, [&](quint8 base, const uchar* p, quint32 n) {
            if (!first) {
                out += u", "_s;
            }
            first = false;
            appendValueText(out, base, p, n);
        });
        return;
    }
    switch (type) {
    case kNull:
        return;
    case kString: {
        std::size_t chars = size / 2;
        stripTrailingNuls(data, chars);
        appendUtf16(out, data, chars);
        return;
    }
    case kAnsiString: {
        quint32 n = size;
        while (n > 0 && data[n - 1] == 0) {
            --n;
        }
        // The ANSI code page is not recorded in the file; Latin-1 keeps every byte visible.
        out += QString::fromLatin1(reinterpret_cast<const char*>(data), qsizetype(n));
        return;
    }
    case kSid:
        if (sidSize(data, size) == size) {
            appendSid(out, data);
        } else {
            appendHexBytes(out, data, size);
        }
        return;
    case kBinary:
    case kEvtHandle:
    case kEvtXml:
    case kBinXml:
        appendHexBytes(out, data, size);
        return;
    default:
        break;
    }
    const quint32 need = fixedSize(type, size);
    const bool sizeOk = type == kSizeT ? (size == 4 || size == 8) : (need != 0 && size == need);
    if (sizeOk) {
        appendScalar(out, type, data, size);
    } else {
        appendHexBytes(out, data, size);
    }
}

void forEachArrayItem(quint8 type, const uchar* data, quint32 size,
                      const std::function<void(quint8, const uchar*, quint32)>& fn)
{
    forEachItem(type, data, size, fn);
}

std::vector<QString> arrayItems(quint8 type, const uchar* data, quint32 size)
{
    std::vector<QString> items;
    forEachItem(type, data, size, [&](quint8 base, const uchar* p, quint32 n) {
        QString s;
        appendValueText(s, base, p, n);
        items.push_back(std::move(s));
    });
    return items;
}

QString fileTimeText(quint64 fileTime)
{
    QString s;
    appendFileTime(s, fileTime);
    return s;
}

bool fileTimeToNs(quint64 fileTime, qint64& ns)
{
    const qint64 days = qint64(fileTime / kTicksPerSecond / 86400) - kDaysFrom1601To1970;
    int y = 0;
    int m = 0;
    int d = 0;
    civilFromDays(days, y, m, d);
    if (!yearInRange(y)) {
        return false;
    }
    const qint64 ticksSince1970 =
        qint64(fileTime) - kDaysFrom1601To1970 * 86400 * qint64(kTicksPerSecond);
    ns = ticksSince1970 * 100;
    return true;
}

} // namespace vigil::evtx
