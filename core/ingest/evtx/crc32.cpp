#include "ingest/evtx/crc32.h"

#include <array>

namespace vigil::evtx {

namespace {

// Eight tables let the loop consume 8 bytes per step ("slicing by 8"); chunks are checked twice
// per 64 KiB, so this keeps the checksum well below the cost of parsing the records.
using Tables = std::array<std::array<quint32, 256>, 8>;

constexpr Tables makeTables()
{
    Tables t{};
    for (quint32 i = 0; i < 256; ++i) {
        quint32 c = i;
        for (int k = 0; k < 8; ++k) {
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }
        t[0][i] = c;
    }
    for (quint32 i = 0; i < 256; ++i) {
        for (std::size_t k = 1; k < 8; ++k) {
            t[k][i] = (t[k - 1][i] >> 8) ^ t[0][t[k - 1][i] & 0xff];
        }
    }
    return t;
}

constexpr Tables kTables = makeTables();

} // namespace

quint32 crc32(const uchar* data, std::size_t size, quint32 crc)
{
    crc = ~crc;
    while (size >= 8) {
        const quint32 lo = crc ^ (quint32(data[0]) | quint32(data[1]) << 8 |
                                  quint32(data[2]) << 16 | quint32(data[3]) << 24);
        const quint32 hi = quint32(data[4]) | quint32(data[5]) << 8 | quint32(data[6]) << 16 |
                           quint32(data[7]) << 24;
        crc = kTables[7][lo & 0xff] ^ kTables[6][(lo >> 8) & 0xff] ^ kTables[5][(lo >> 16) & 0xff] ^
              kTables[4][lo >> 24] ^ kTables[3][hi & 0xff] ^ kTables[2][(hi >> 8) & 0xff] ^
              kTables[1][(hi >> 16) & 0xff] ^ kTables[0][hi >> 24];
        data += 8;
        size -= 8;
    }
    while (size-- > 0) {
        crc = kTables[0][(crc ^ *data++) & 0xff] ^ (crc >> 8);
    }
    return ~crc;
}

} // namespace vigil::evtx
