#pragma once

#include <vector>

#include <QString>

namespace vigil::evtx {

inline constexpr quint32 kChunkSize = 65536;
inline constexpr quint32 kChunkHeaderSize = 512;
inline constexpr quint32 kFileHeaderSize = 4096;
inline constexpr quint32 kRecordHeaderSize = 24; // magic, size, id, FILETIME
inline constexpr quint32 kMinRecordSize = kRecordHeaderSize + 4;

/** @brief A record found in a chunk by its framing (signature, size, size copy). */
struct RecordSlot {
    quint32 offset = 0; ///< in the chunk
    quint32 size = 0;
    quint64 id = 0;
    bool stale = false; ///< after the chunk's free-space offset: a deleted or overwritten record
};

/** @brief A stretch of a chunk that holds no readable record where records were expected. */
struct ChunkGap {
    quint32 begin = 0;
    quint32 end = 0;
    bool zeroed = false;
    quint64 idBefore = 0; ///< id of the record before the gap, 0 when none
    quint64 idAfter = 0;  ///< id of the record after the gap, 0 when none
};

/** @brief What a chunk's header says and how much of it can be trusted. */
struct ChunkLayout {
    bool empty = false;       ///< all zero bytes: an unused chunk
    bool signature = false;   ///< "ElfChnk\0"
    bool headerCrcOk = false; ///< CRC32 of the header matches
    bool dataCrcOk = false;   ///< CRC32 of the records area matches
    quint64 firstId = 0;
    quint64 lastId = 0;
    quint64 announced = 0;  ///< records the header announces (0 when the header is unusable)
    quint32 freeOffset = 0; ///< end of the records area as used (kChunkSize when unknown)
    std::vector<RecordSlot> records; ///< live records first, then stale ones
    std::vector<ChunkGap> gaps;
};

/**
 * @brief Finds the records of a chunk of @p valid bytes (the rest of the 64 KiB is zero).
 *
 * With a usable header the records are walked from offset 512 up to the free-space offset;
 * where the walk breaks (zeroed or overwritten data) it resumes at the next valid record
 * signature and the skipped stretch is reported as a gap. Without a signature the whole chunk
 * is scanned for records. Records after the free-space offset are returned as stale.
 */
ChunkLayout scanChunk(const uchar* chunk, quint32 valid);

/** @brief True when a record frame (signature, size, matching size copy) starts at @p offset. */
bool recordFrameAt(const uchar* chunk, quint32 offset, quint32 limit);

} // namespace vigil::evtx
