#include "ingest/evtx/evtx_reader.h"

#include <cstring>

#include <QIODevice>

#include "ingest/evtx/binxml_decoder.h"
#include "ingest/evtx/byte_view.h"
#include "ingest/evtx/crc32.h"

using namespace Qt::StringLiterals;

namespace vigil::evtx {

namespace {

constexpr quint32 kNoCrcFlag = 0x4;             // file header flag: chunks carry no checksums
constexpr std::size_t kMaxDeferredChunks = 256; // 16 MiB of damaged chunks kept for a retry
constexpr int kSequentialWaitMs = 30000;

QString idRange(quint64 first, quint64 last)
{
    return first == last ? QString::number(first) : u"%1–%2"_s.arg(first).arg(last);
}

} // namespace

EvtxReader::EvtxReader(QIODevice* device, Options options)
    : m_device(device)
    , m_options(options)
    , m_names(std::make_unique<NamePool>())
    , m_decoder(std::make_unique<BinXmlDecoder>(*m_names))
{
}

EvtxReader::~EvtxReader() = default;

bool EvtxReader::looksLikeEvtx(const QByteArray& head)
{
    return head.startsWith(QByteArrayView("ElfFile\0", 8)) ||
           head.startsWith(QByteArrayView("ElfChnk\0", 8));
}

qint64 EvtxReader::readFully(char* into, qint64 size)
{
    qint64 got = 0;
    while (got < size && m_device) {
        const qint64 n = m_device->read(into + got, size - got);
        if (n > 0) {
            got += n;
            continue;
        }
        if (n < 0) {
            m_error = m_device->errorString();
            break;
        }
        if (!m_device->isSequential() || !m_device->waitForReadyRead(kSequentialWaitMs)) {
            break;
        }
    }
    m_offset += got;
    return got;
}

EvtxReader::Item EvtxReader::next()
{
    if (!m_started) {
        m_started = true;
        readFileHeader();
    }
    while (true) {
        if (!m_issues.empty()) {
            m_issue = std::move(m_issues.front());
            m_issues.pop_front();
            return Item::Issue;
        }
        if (m_nextSlot < m_slots.size()) {
            const RecordSlot slot = m_slots[m_nextSlot++];
            if (decodeSlot(slot, reinterpret_cast<const uchar*>(m_chunk.constData()), m_chunkOffset,
                           m_chunkIndex, false)) {
                return Item::Record;
            }
            continue;
        }
        if (!m_atEnd && loadChunk()) {
            continue;
        }
        m_atEnd = true;
        if (nextDeferred()) {
            return Item::Record;
        }
        if (m_issues.empty()) {
            return Item::End;
        }
    }
}

void EvtxReader::readFileHeader()
{
    const QByteArray head = m_device ? m_device->peek(8) : QByteArray();
    if (head.startsWith(QByteArrayView("ElfChnk\0", 8))) {
        return; // a bare chunk (carved from a disk image): no file header to skip
    }
    QByteArray header(kFileHeaderSize, '\0');
    const qint64 n = readFully(header.data(), kFileHeaderSize);
    const auto* h = reinterpret_cast<const uchar*>(header.constData());
    if (n < kFileHeaderSize) {
        queueIssue(
            EvtxIssue::Kind::Lost, 0, -1, 0,
            u"the file is %1 bytes long, shorter than an EVTX file header (4096 bytes)"_s.arg(n));
        return;
    }
    if (std::memcmp(h, "ElfFile\0", 8) != 0) {
        queueIssue(EvtxIssue::Kind::Damage, 0, -1, 0,
                   u"no EVTX file signature; the chunks after the first 4096 bytes are read"_s);
        return;
    }
    m_noCrc = (le32(h + 120) & kNoCrcFlag) != 0;
    if (m_noCrc) {
        queueIssue(EvtxIssue::Kind::Damage, 0, -1, 0,
                   u"the file header says the file was written without checksums (flag 0x4); "
                   u"records are read unverified"_s);
    } else if (crc32(h, 120) != le32(h + 124)) {
        queueIssue(EvtxIssue::Kind::Damage, 0, -1, 0,
                   u"the file header checksum does not match; the header is not used"_s);
    }
}

bool EvtxReader::loadChunk()
{
    m_slots.clear();
    m_nextSlot = 0;
    m_chunkOffset = m_offset;
    m_chunk.resize(kChunkSize);
    const qint64 n = readFully(m_chunk.data(), kChunkSize);
    if (n <= 0) {
        return false;
    }
    ++m_chunkIndex;
    ++m_stats.chunks;
    auto* data = reinterpret_cast<uchar*>(m_chunk.data());
    if (n < kChunkSize) {
        std::memset(data + n, 0, std::size_t(kChunkSize - n));
    }
    ChunkLayout layout = scanChunk(data, quint32(n));
    if (layout.empty) {
        ++m_stats.emptyChunks;
        return true;
    }
    if (n < kChunkSize) {
        queueIssue(EvtxIssue::Kind::Lost, m_chunkOffset, m_chunkIndex, 0,
                   u"the file ends %1 bytes into chunk %2 (chunks are 65536 bytes): it was cut "
                   u"off; the complete records before the end are read"_s.arg(n)
                       .arg(m_chunkIndex));
    }
    m_decoder->beginChunk(data, kChunkSize);
    reportLayout(layout);
    for (RecordSlot& slot : layout.records) {
        if (slot.stale) {
            ++m_stats.stale;
            if (!m_options.readStale) {
                continue;
            }
        }
        m_slots.push_back(slot);
    }
    return true;
}

void EvtxReader::queueIssue(EvtxIssue::Kind kind, qint64 offset, int chunk, quint64 id,
                            QString reason, QByteArray raw)
{
    m_issues.push_back({kind, offset, chunk, id, std::move(reason), std::move(raw)});
}

bool EvtxReader::decodeSlot(const RecordSlot& slot, const uchar* chunk, qint64 chunkOffset,
                            int index, bool retry)
{
    const uchar* p = chunk + slot.offset;
    QString error;
    const qint64 at = chunkOffset + slot.offset;
    if (m_decoder->decodeRecord(p + kRecordHeaderSize, p + slot.size - 4, m_tokens, error)) {
        m_record.id = slot.id;
        m_record.fileTime = le64(p + 16);
        m_record.fileOffset = at;
        m_record.chunk = index;
        m_record.stale = slot.stale;
        m_record.bytes = QByteArrayView(p, slot.size);
        m_record.tokens = &m_tokens;
        ++(slot.stale ? m_stats.staleRead : m_stats.read);
        m_stats.borrowedTemplates = m_decoder->borrowedTemplates();
        return true;
    }
    // A template defined only in a later chunk: try again once the whole file has been seen.
    if (!retry && !slot.stale && m_decoder->missingTemplate()) {
        if (m_deferred.empty() || m_deferred.back().index != index) {
            if (m_deferred.size() < kMaxDeferredChunks) {
                m_deferred.push_back({m_chunk, chunkOffset, index, {}});
            }
        }
        if (!m_deferred.empty() && m_deferred.back().index == index) {
            m_deferred.back().records.push_back(slot);
            return false;
        }
    }
    QByteArray raw(reinterpret_cast<const char*>(p), slot.size);
    if (slot.stale) {
        queueIssue(EvtxIssue::Kind::Stale, at, index, slot.id,
                   u"deleted record %1 at byte %2 (chunk %3) cannot be read: %4"_s.arg(slot.id)
                       .arg(at)
                       .arg(index)
                       .arg(error),
                   raw);
        return false;
    }
    ++m_stats.failed;
    queueIssue(
        EvtxIssue::Kind::Lost, at, index, slot.id,
        u"record %1 at byte %2 (chunk %3) cannot be read: %4"_s.arg(slot.id).arg(at).arg(index).arg(
            error),
        raw);
    return false;
}

bool EvtxReader::nextDeferred()
{
    while (m_deferredChunk < m_deferred.size()) {
        Deferred& d = m_deferred[m_deferredChunk];
        if (m_deferredSlot >= d.records.size()) {
            ++m_deferredChunk;
            m_deferredSlot = 0;
            continue;
        }
        const auto* data = reinterpret_cast<const uchar*>(d.chunk.constData());
        if (m_deferredSlot == 0) {
            m_decoder->beginChunk(data, kChunkSize);
        }
        const RecordSlot slot = d.records[m_deferredSlot++];
        if (decodeSlot(slot, data, d.fileOffset, d.index, true)) {
            return true;
        }
        if (!m_issues.empty()) {
            return false;
        }
    }
    return false;
}

} // namespace vigil::evtx

namespace vigil::evtx {

// Turns what scanChunk() found into issues: header damage, stretches without records (with the
// record ids the header says were there) and deleted records that are left out.
void EvtxReader::reportLayout(const ChunkLayout& layout)
{
    using Kind = EvtxIssue::Kind;
    const int index = m_chunkIndex;
    const qint64 at = m_chunkOffset;
    const QString where = u"chunk %1 (byte %2)"_s.arg(index).arg(at);
    m_stats.announced += qint64(layout.announced);
    if (!layout.signature) {
        ++m_stats.headerlessChunks;
        queueIssue(Kind::Damage, at, index, 0,
                   where + u" has no chunk signature (its header is damaged); its records were "
                           u"found by scanning for record signatures"_s);
    } else {
        if (layout.announced == 0) {
            queueIssue(Kind::Damage, at, index, 0,
                       where + u": the header announces an impossible record range %1–%2"_s
                                   .arg(layout.firstId)
                                   .arg(layout.lastId));
        }
        if (!m_noCrc && !layout.headerCrcOk) {
            queueIssue(Kind::Damage, at, index, 0,
                       where + u": the chunk header checksum does not match"_s);
        }
        if (!m_noCrc && !layout.dataCrcOk) {
            queueIssue(Kind::Damage, at, index, 0,
                       where + u": the records checksum does not match; each record is "
                               u"checked on its own"_s);
        }
    }
    if (layout.announced > 0) {
        std::vector<bool> seen(layout.announced, false);
        quint64 found = 0;
        for (const RecordSlot& r : layout.records) {
            if (!r.stale && r.id >= layout.firstId && r.id <= layout.lastId &&
                !seen[r.id - layout.firstId]) {
                seen[r.id - layout.firstId] = true;
                ++found;
            }
        }
        m_stats.missing += qint64(layout.announced - found);
    }
    for (const ChunkGap& g : layout.gaps) {
        QString what = u"%1: bytes %2–%3 %4"_s.arg(where).arg(g.begin).arg(g.end).arg(
            g.zeroed ? u"are zeroed"_s : u"hold no readable record"_s);
        const quint64 from = g.idBefore ? g.idBefore + 1 : layout.announced ? layout.firstId : 0;
        const quint64 to = g.idAfter ? g.idAfter - 1 : layout.announced ? layout.lastId : 0;
        Kind kind = Kind::Lost;
        if (from != 0 && to >= from && to - from < kChunkSize) {
            what += u"; records %1 (%2) are missing"_s.arg(idRange(from, to)).arg(to - from + 1);
        } else if (from != 0 && to + 1 == from) {
            kind = Kind::Damage;
            what += u"; no record id is missing there"_s;
        } else {
            what += u"; the records there are lost"_s;
        }
        const auto* begin = reinterpret_cast<const char*>(m_chunk.constData()) + g.begin;
        // The first bytes of what is there, for the quarantine (no need for 64 KiB of debris).
        constexpr quint32 kMaxGapBytes = 4096;
        queueIssue(kind, at + g.begin, index, 0, what,
                   g.zeroed ? QByteArray()
                            : QByteArray(begin, std::min(g.end - g.begin, kMaxGapBytes)));
    }
    if (m_options.readStale) {
        return;
    }
    quint64 count = 0;
    quint64 low = 0;
    quint64 high = 0;
    quint32 first = 0;
    for (const RecordSlot& r : layout.records) {
        if (r.stale) {
            low = count == 0 ? r.id : std::min(low, r.id);
            high = count == 0 ? r.id : std::max(high, r.id);
            first = count == 0 ? r.offset : first;
            ++count;
        }
    }
    if (count > 0) {
        queueIssue(Kind::Stale, at + first, index, 0,
                   u"%1: %2 deleted records (ids %3) in the unused space after byte %4 were "
                   u"left out"_s.arg(where)
                       .arg(count)
                       .arg(idRange(low, high))
                       .arg(layout.freeOffset));
    }
}

} // namespace vigil::evtx
