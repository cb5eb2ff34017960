#pragma once

#include <cstdint>
#include <cstring>

#include <QtEndian>
#include <QtGlobal>

namespace vigil::evtx {

/** @brief Little-endian loads from unaligned bytes (the caller has checked the bounds). */
inline quint16 le16(const uchar* p)
{
    return quint16(p[0] | (p[1] << 8));
}

inline quint32 le32(const uchar* p)
{
    quint32 v;
    std::memcpy(&v, p, 4);
    return qFromLittleEndian(v);
}

inline quint64 le64(const uchar* p)
{
    quint64 v;
    std::memcpy(&v, p, 8);
    return qFromLittleEndian(v);
}

/**
 * @brief A read position inside an untrusted byte range. Every read checks the bounds; a failed
 * read leaves the cursor where it was and returns false, so callers stop with a reason.
 */
class ByteCursor {
public:
    ByteCursor() = default;
    ByteCursor(const uchar* begin, const uchar* end)
        : m_pos(begin)
        , m_end(end)
    {
    }

    const uchar* pos() const { return m_pos; }
    const uchar* end() const { return m_end; }
    std::size_t left() const { return std::size_t(m_end - m_pos); }
    bool has(std::size_t n) const { return left() >= n; }
    bool atEnd() const { return m_pos >= m_end; }

    bool skip(std::size_t n)
    {
        if (!has(n)) {
            return false;
        }
        m_pos += n;
        return true;
    }
    bool u8(quint8& v)
    {
        if (!has(1)) {
            return false;
        }
        v = *m_pos++;
        return true;
    }
    bool u16(quint16& v)
    {
        if (!has(2)) {
            return false;
        }
        v = le16(m_pos);
        m_pos += 2;
        return true;
    }
    bool u32(quint32& v)
    {
        if (!has(4)) {
            return false;
        }
        v = le32(m_pos);
        m_pos += 4;
        return true;
    }
    quint8 peek() const { return m_pos < m_end ? *m_pos : 0; }

private:
    const uchar* m_pos = nullptr;
    const uchar* m_end = nullptr;
};

} // namespace vigil::evtx
