#include "ingest/evtx/evtx_chunk.h"

#include <algorithm>
#include <cstring>

#include "ingest/evtx/byte_view.h"
#include "ingest/evtx/crc32.h"

namespace vigil::evtx {

namespace {

constexpr quint32 kRecordMagic = 0x00002a2a;

bool allZero(const uchar* p, std::size_t n)
{
    // Word at a time: unused chunks and their zeroed tails are common.
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        quint64 w;
        std::memcpy(&w, p + i, 8);
        if (w != 0) {
            return false;
        }
    }
    for (; i < n; ++i) {
        if (p[i] != 0) {
            return false;
        }
    }
    return true;
}

// The next record frame at or after @p from. Windows starts records at 8-byte boundaries, but
// other writers and damage need not keep to that, so every byte is a candidate; memchr finds the
// first byte of the signature quickly.
quint32 nextFrame(const uchar* chunk, quint32 from, quint32 limit)
{
    quint32 p = from;
    while (p + kMinRecordSize <= limit) {
        const void* hit = std::memchr(chunk + p, 0x2a, limit - p);
        if (!hit) {
            break;
        }
        const auto at = quint32(static_cast<const uchar*>(hit) - chunk);
        if (recordFrameAt(chunk, at, limit)) {
            return at;
        }
        p = at + 1;
    }
    return limit;
}

void readHeader(const uchar* c, ChunkLayout& out)
{
    out.signature = std::memcmp(c, "ElfChnk\0", 8) == 0;
    if (!out.signature) {
        out.freeOffset = kChunkSize;
        return;
    }
    out.firstId = le64(c + 24);
    out.lastId = le64(c + 32);
    const quint32 free = le32(c + 48);
    const bool freeOk = free >= kChunkHeaderSize && free <= kChunkSize;
    out.freeOffset = freeOk ? free : kChunkSize;
    // The header checksum leaves out bytes 120..128 (flags and the checksum itself).
    const quint32 headerCrc = crc32(c + 128, kChunkHeaderSize - 128, crc32(c, 120));
    out.headerCrcOk = headerCrc == le32(c + 124);
    out.dataCrcOk = freeOk && crc32(c + kChunkHeaderSize, free - kChunkHeaderSize) == le32(c + 52);
    // At most one record per 28 bytes fits; anything beyond is a damaged header.
    constexpr quint64 kMaxRecords = (kChunkSize - kChunkHeaderSize) / kMinRecordSize;
    if (out.lastId >= out.firstId && out.lastId - out.firstId < kMaxRecords) {
        out.announced = out.lastId - out.firstId + 1;
    }
}

} // namespace

bool recordFrameAt(const uchar* chunk, quint32 offset, quint32 limit)
{
    if (offset + kMinRecordSize > limit || le32(chunk + offset) != kRecordMagic) {
        return false;
    }
    const quint32 size = le32(chunk + offset + 4);
    return size >= kMinRecordSize && size <= limit - offset &&
           le32(chunk + offset + size - 4) == size;
}

ChunkLayout scanChunk(const uchar* chunk, quint32 valid)
{
    ChunkLayout out;
    if (allZero(chunk, valid)) {
        out.empty = true;
        return out;
    }
    readHeader(chunk, out);
    const quint32 liveEnd = std::min(out.freeOffset, valid);
    quint32 p = kChunkHeaderSize;
    quint64 lastId = 0;
    while (p + kMinRecordSize <= liveEnd) {
        if (recordFrameAt(chunk, p, liveEnd)) {
            const quint32 size = le32(chunk + p + 4);
            lastId = le64(chunk + p + 8);
            out.records.push_back({p, size, lastId, false});
            p += size;
            continue;
        }
        const quint32 q = nextFrame(chunk, p + 1, liveEnd);
        ChunkGap gap{p, q, allZero(chunk + p, q - p), lastId, 0};
        if (q < liveEnd) {
            gap.idAfter = le64(chunk + q + 8);
        }
        // Zero padding after the last record (free offset at the chunk's end) is no damage.
        const bool trailingPadding = q == liveEnd && gap.zeroed &&
                                     (!out.signature || out.announced == 0 || lastId >= out.lastId);
        if (!trailingPadding) {
            out.gaps.push_back(gap);
        }
        p = q;
    }
    if (p < liveEnd && !allZero(chunk + p, liveEnd - p)) {
        out.gaps.push_back({p, liveEnd, false, lastId, 0});
    }
    for (quint32 s = nextFrame(chunk, liveEnd, valid); s < valid;
         s = nextFrame(chunk, s + le32(chunk + s + 4), valid)) {
        out.records.push_back({s, le32(chunk + s + 4), le64(chunk + s + 8), true});
    }
    return out;
}

} // namespace vigil::evtx
