#pragma once

#include <cstddef>

#include <QtGlobal>

namespace vigil::evtx {

/** @brief CRC-32 (IEEE 802.3, as in zlib and RFC 1952) of @p size bytes, continuing @p crc. */
quint32 crc32(const uchar* data, std::size_t size, quint32 crc = 0);

} // namespace vigil::evtx
