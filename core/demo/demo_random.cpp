#include "demo/demo_random.h"

#include <QByteArray>

using namespace Qt::StringLiterals;

namespace vigil::demo {

namespace {

quint64 splitmix64(quint64& state)
{
    quint64 z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

quint64 rotl(quint64 x, int k)
{
    return (x << k) | (x >> (64 - k));
}

} // namespace

DemoRandom::DemoRandom(quint64 seed)
{
    quint64 state = seed;
    for (quint64& s : m_s) {
        s = splitmix64(state);
    }
}

DemoRandom DemoRandom::fork(const QString& label) const
{
    // Mixing the whole parent state keeps forks of different seeds apart.
    quint64 mixed = stableHash(label);
    for (const quint64 s : m_s) {
        mixed = rotl(mixed, 17) ^ s;
        mixed = splitmix64(mixed);
    }
    return DemoRandom(mixed);
}

quint64 DemoRandom::next()
{
    const quint64 result = rotl(m_s[1] * 5, 7) * 9;
    const quint64 t = m_s[1] << 17;
    m_s[2] ^= m_s[0];
    m_s[3] ^= m_s[1];
    m_s[1] ^= m_s[2];
    m_s[0] ^= m_s[3];
    m_s[2] ^= t;
    m_s[3] = rotl(m_s[3], 45);
    return result;
}

quint64 DemoRandom::below(quint64 n)
{
    if (n == 0) {
        return 0;
    }
    // Rejection keeps the draw unbiased without floating point.
    const quint64 limit = ~0ULL - (~0ULL % n);
    quint64 x = next();
    while (x >= limit) {
        x = next();
    }
    return x % n;
}

qint64 DemoRandom::range(qint64 lo, qint64 hi)
{
    if (hi <= lo) {
        return lo;
    }
    return lo + qint64(below(quint64(hi - lo) + 1));
}

bool DemoRandom::chance(int perMille)
{
    return qint64(below(1000)) < perMille;
}

QString DemoRandom::hex(int count)
{
    static constexpr char16_t kDigits[] = u"0123456789ABCDEF";
    QString out;
    out.reserve(count);
    for (int i = 0; i < count; ++i) {
        out += QChar(kDigits[below(16)]);
    }
    return out;
}

QString DemoRandom::base64(int bytes)
{
    QByteArray raw;
    raw.reserve(bytes);
    for (int i = 0; i < bytes; ++i) {
        raw.append(char(below(256)));
    }
    return QString::fromLatin1(raw.toBase64(QByteArray::OmitTrailingEquals));
}

QString DemoRandom::guid()
{
    // One draw per statement: the operands of + are evaluated in an unspecified order.
    QString g = u"{"_s;
    g += hex(8);
    g += u'-';
    g += hex(4);
    g += u'-';
    g += hex(4);
    g += u'-';
    g += hex(4);
    g += u'-';
    g += hex(12);
    g += u'}';
    return g;
}

quint64 stableHash(QStringView text)
{
    quint64 h = 0xCBF29CE484222325ULL;
    for (const QChar c : text) {
        h ^= c.unicode();
        h *= 0x100000001B3ULL;
    }
    return splitmix64(h);
}

} // namespace vigil::demo
