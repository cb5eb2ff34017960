#pragma once

#include <deque>
#include <memory>
#include <vector>

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include "ingest/evtx/binxml_tokens.h"
#include "ingest/evtx/evtx_chunk.h"

class QIODevice;

namespace vigil::evtx {

class BinXmlDecoder;

/** @brief One decoded record; its tokens and bytes are valid until the next EvtxReader::next(). */
struct EvtxRecord {
    quint64 id = 0;
    quint64 fileTime = 0; ///< when the record was written (100 ns ticks since 1601)
    qint64 fileOffset = 0;
    int chunk = 0;
    bool stale = false;   ///< found after the chunk's free-space offset (readStale only)
    QByteArrayView bytes; ///< the whole record as stored
    const TokenStream* tokens = nullptr;
};

/** @brief Damage met while reading: what, where, and whether records were lost to it. */
struct EvtxIssue {
    enum class Kind : quint8 {
        Damage, ///< worked around, nothing lost (a checksum mismatch, a chunk without header)
        Lost,   ///< records or bytes that could not be read (raw holds the record when known)
        Stale,  ///< deleted records in a chunk's unused space, left out (see readStale)
    };
    Kind kind = Kind::Damage;
    qint64 fileOffset = 0;
    int chunk = -1;       ///< -1: the file header
    quint64 recordId = 0; ///< 0 when no single record is concerned
    QString reason;       ///< says where (chunk, byte offset) and what
    QByteArray raw;       ///< the record's bytes when a framed record could not be decoded
};

/** @brief Counts for the whole file so far. */
struct EvtxStats {
    qint64 chunks = 0;            ///< 64 KiB blocks after the file header
    qint64 emptyChunks = 0;       ///< all zero
    qint64 headerlessChunks = 0;  ///< no chunk signature but records found by scanning
    qint64 announced = 0;         ///< records the chunk headers announce
    qint64 read = 0;              ///< records decoded (stale ones excluded)
    qint64 failed = 0;            ///< framed records that could not be decoded
    qint64 missing = 0;           ///< announced ids that were not found in their chunk
    qint64 stale = 0;             ///< records after a free-space offset
    qint64 staleRead = 0;         ///< of those, decoded (readStale)
    qint64 borrowedTemplates = 0; ///< records read with a template from another chunk
};

/**
 * @brief Reads an EVTX file (Windows XML event log) record by record, without libevtx.
 *
 * Everything in the file is untrusted: chunks whose signature or checksums are wrong are still
 * searched for records, a record that cannot be decoded is reported with its offset, id and
 * reason, and reading goes on with the next one. Call next() until it returns End; between
 * calls, record() or issue() holds the item. Single-threaded; the device must stay open.
 */
class EvtxReader {
public:
    struct Options {
        /** @brief Also decode deleted records after each chunk's free-space offset. */
        bool readStale = false;
    };
    enum class Item : quint8 { Record, Issue, End };

    explicit EvtxReader(QIODevice* device, Options options);
    ~EvtxReader();
    EvtxReader(const EvtxReader&) = delete;
    EvtxReader& operator=(const EvtxReader&) = delete;

    Item next();
    const EvtxRecord& record() const { return m_record; }
    const EvtxIssue& issue() const { return m_issue; }
    const EvtxStats& stats() const { return m_stats; }
    NamePool& names() { return *m_names; }
    qint64 bytesRead() const { return m_offset; }
    /** @brief Why reading the device failed, or an empty string. */
    const QString& errorString() const { return m_error; }

    /** @brief True when @p head starts like an EVTX file or a bare EVTX chunk. */
    static bool looksLikeEvtx(const QByteArray& head);

private:
    struct Deferred {
        QByteArray chunk;
        qint64 fileOffset = 0;
        int index = 0;
        std::vector<RecordSlot> records;
    };

    qint64 readFully(char* into, qint64 size);
    void readFileHeader();
    bool loadChunk();
    void reportLayout(const ChunkLayout& layout);
    bool decodeSlot(const RecordSlot& slot, const uchar* chunk, qint64 chunkOffset, int index,
                    bool retry);
    void queueIssue(EvtxIssue::Kind kind, qint64 offset, int chunk, quint64 id, QString reason,
                    QByteArray raw = {});
    bool nextDeferred();

    QIODevice* m_device;
    Options m_options;
    std::unique_ptr<NamePool> m_names;
    std::unique_ptr<BinXmlDecoder> m_decoder;
    bool m_started = false;
    bool m_atEnd = false;
    bool m_noCrc = false; ///< the file header says chunks carry no checksums
    QString m_error;
    qint64 m_offset = 0; ///< bytes consumed from the device
    QByteArray m_chunk;  ///< the current chunk, zero-padded to 64 KiB
    qint64 m_chunkOffset = 0;
    int m_chunkIndex = -1;
    std::vector<RecordSlot> m_slots;
    std::size_t m_nextSlot = 0;
    std::deque<EvtxIssue> m_issues;
    std::vector<Deferred> m_deferred;
    std::size_t m_deferredChunk = 0;
    std::size_t m_deferredSlot = 0;
    TokenStream m_tokens;
    EvtxRecord m_record;
    EvtxIssue m_issue;
    EvtxStats m_stats;
};

} // namespace vigil::evtx
