// Test helper: builds EVTX files byte by byte (file header, chunks, records, BinXML tokens), so
// the tests can make exactly the structure and the damage they need. Test code only.
#pragma once

#include <vector>

#include <QBuffer>
#include <QByteArray>
#include <QHash>
#include <QString>
#include <QtEndian>

#include "ingest/evtx/evtx_reader.h"
#include "ingest/evtx/record_flattener.h"
#include "ingest/evtx/xml_renderer.h"
#include "model/event.h"

namespace evtxtest {

/** @brief Plain bit-by-bit CRC-32 (zlib's), independent of the reader's table version. */
inline quint32 referenceCrc32(const char* data, qsizetype size, quint32 crc = 0)
{
    crc = ~crc;
    for (qsizetype i = 0; i < size; ++i) {
        crc ^= quint8(data[i]);
        for (int k = 0; k < 8; ++k) {
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
        }
    }
    return ~crc;
}

inline QByteArray le16(quint16 v)
{
    QByteArray b(2, '\0');
    qToLittleEndian(v, b.data());
    return b;
}
inline QByteArray le32(quint32 v)
{
    QByteArray b(4, '\0');
    qToLittleEndian(v, b.data());
    return b;
}
inline QByteArray le64(quint64 v)
{
    QByteArray b(8, '\0');
    qToLittleEndian(v, b.data());
    return b;
}
inline QByteArray utf16(const QString& s)
{
    return QByteArray(reinterpret_cast<const char*>(s.utf16()), s.size() * 2);
}

/** @brief One value of a template instance: type and bytes. */
struct Value {
    quint8 type;
    QByteArray data;
};
inline Value str(const QString& s)
{
    return {0x01, utf16(s)};
}

/** @brief Writes one 64 KiB chunk: records made of BinXML tokens, then the header. */
class ChunkWriter {
public:
    ChunkWriter()
        : m_chunk(65536, '\0')
    {
    }

    quint32 pos() const { return m_pos; }
    QByteArray& bytes() { return m_chunk; }

    void raw(const QByteArray& b)
    {
        m_chunk.replace(m_pos, b.size(), b);
        m_pos += quint32(b.size());
    }
    void u8(quint8 v) { raw(QByteArray(1, char(v))); }
    void u16(quint16 v) { raw(le16(v)); }
    void u32(quint32 v) { raw(le32(v)); }

    // Records: signature, size, id, FILETIME, BinXML, size again.
    void beginRecord(quint64 id, quint64 fileTime)
    {
        m_record = m_pos;
        raw(QByteArray("\x2a\x2a\x00\x00", 4));
        u32(0);
        raw(le64(id));
        raw(le64(fileTime));
        m_ids.push_back(id);
    }
    void endRecord()
    {
        const quint32 size = m_pos + 4 - m_record;
        u32(size);
        m_chunk.replace(m_record + 4, 4, le32(size));
        m_lastRecord = m_record;
    }

    // Names: stored inline at first use in the chunk, referenced by offset afterwards.
    void name(const QString& n)
    {
        if (m_names.contains(n)) {
            u32(m_names.value(n));
            return;
        }
        const quint32 at = m_pos + 4;
        m_names.insert(n, at);
        u32(at);
        quint32 hash = 0;
        for (const QChar c : n) {
            hash = hash * 65599u + c.unicode();
        }
        u32(0);
        u16(quint16(hash));
        u16(quint16(n.size()));
        raw(utf16(n));
        u16(0);
    }

    void fragmentHeader() { raw(QByteArray("\x0f\x01\x01\x00", 4)); }
    void eof() { u8(0x00); }
    /** @brief Start tag; template definitions carry the 2-byte dependency id. */
    void open(const QString& n, bool withAttributes, bool dependency)
    {
        u8(withAttributes ? 0x41 : 0x01);
        if (dependency) {
            u16(0xffff);
        }
        m_open.push_back(m_pos);
        u32(0);
        name(n);
        if (withAttributes) {
            u32(0); // attribute list size, not read
        }
    }
    void attribute(const QString& n, bool more = false)
    {
        u8(more ? 0x46 : 0x06);
        name(n);
    }
    void closeStart() { u8(0x02); }
    void closeEmpty()
    {
        u8(0x03);
        patchOpen();
    }
    void end()
    {
        u8(0x04);
        patchOpen();
    }
    void text(const QString& s, bool more = false)
    {
        u8(more ? 0x45 : 0x05);
        u8(0x01);
        u16(quint16(s.size()));
        raw(utf16(s));
    }
    void cdata(const QString& s)
    {
        u8(0x07);
        u16(quint16(s.size()));
        raw(utf16(s));
    }
    void charRef(quint16 c)
    {
        u8(0x08);
        u16(c);
    }
    void entityRef(const QString& n)
    {
        u8(0x09);
        name(n);
    }
    void substitution(quint16 index, quint8 type, bool optional = false)
    {
        u8(optional ? 0x0e : 0x0d);
        u16(index);
        u8(type);
    }

    /** @brief A template instance whose definition follows inline; call endDefinition(). */
    quint32 beginInlineTemplate(quint32 id)
    {
        u8(0x0c);
        u8(0x01);
        u32(id);
        const quint32 definition = m_pos + 4;
        u32(definition);
        u32(0);                                 // next definition
        raw(le32(id) + QByteArray(12, '\x11')); // GUID: its first 4 bytes are the id
        m_definitionSize = m_pos;
        u32(0);
        return definition;
    }
    void endDefinition()
    {
        m_chunk.replace(m_definitionSize, 4, le32(m_pos - m_definitionSize - 4));
    }
    /** @brief A template instance of a definition stored earlier in the chunk. */
    void templateReference(quint32 id, quint32 definition)
    {
        u8(0x0c);
        u8(0x01);
        u32(id);
        u32(definition);
    }
    void values(const std::vector<Value>& vs)
    {
        u32(quint32(vs.size()));
        for (const Value& v : vs) {
            u16(quint16(v.data.size()));
            u8(v.type);
            u8(0);
        }
        for (const Value& v : vs) {
            raw(v.data);
        }
    }

    /** @brief The chunk with its header: ids, offsets and both checksums. */
    QByteArray finish()
    {
        QByteArray& c = m_chunk;
        c.replace(0, 8, QByteArray("ElfChnk\0", 8));
        const quint64 first = m_ids.empty() ? 1 : m_ids.front();
        const quint64 last = m_ids.empty() ? 0 : m_ids.back();
        c.replace(8, 8, le64(first));
        c.replace(16, 8, le64(last));
        c.replace(24, 8, le64(first));
        c.replace(32, 8, le64(last));
        c.replace(40, 4, le32(128));
        c.replace(44, 4, le32(m_lastRecord));
        c.replace(48, 4, le32(m_pos));
        c.replace(52, 4, le32(referenceCrc32(c.constData() + 512, m_pos - 512)));
        const quint32 headerCrc =
            referenceCrc32(c.constData() + 128, 384, referenceCrc32(c.constData(), 120));
        c.replace(124, 4, le32(headerCrc));
        return c;
    }

private:
    void patchOpen()
    {
        const quint32 sizeAt = m_open.back();
        m_open.pop_back();
        m_chunk.replace(sizeAt, 4, le32(m_pos - sizeAt - 4));
    }

    QByteArray m_chunk;
    quint32 m_pos = 512;
    quint32 m_record = 0;
    quint32 m_lastRecord = 0;
    quint32 m_definitionSize = 0;
    std::vector<quint32> m_open;
    std::vector<quint64> m_ids;
    QHash<QString, quint32> m_names;
};

/** @brief A file header (with its checksum) followed by @p chunks. */
inline QByteArray evtxFile(const std::vector<QByteArray>& chunks, quint32 flags = 0)
{
    QByteArray h(4096, '\0');
    h.replace(0, 8, QByteArray("ElfFile\0", 8));
    h.replace(16, 8, le64(chunks.empty() ? 0 : chunks.size() - 1));
    h.replace(32, 4, le32(128));
    h.replace(36, 2, le16(1));
    h.replace(38, 2, le16(3));
    h.replace(40, 2, le16(4096));
    h.replace(42, 2, le16(quint16(chunks.size())));
    h.replace(120, 4, le32(flags));
    h.replace(124, 4, le32(referenceCrc32(h.constData(), 120)));
    QByteArray out = h;
    for (const QByteArray& c : chunks) {
        out += c;
    }
    return out;
}

} // namespace evtxtest

namespace evtxtest {

/** @brief Everything an EvtxReader yields for a file, collected. */
struct ReadResult {
    std::vector<vigil::Fields> events;
    std::vector<QString> xml;
    std::vector<quint64> ids;
    std::vector<bool> stale;
    std::vector<vigil::evtx::EvtxIssue> issues;
    vigil::evtx::EvtxStats stats;

    int issuesOf(vigil::evtx::EvtxIssue::Kind kind) const
    {
        int n = 0;
        for (const auto& i : issues) {
            n += i.kind == kind ? 1 : 0;
        }
        return n;
    }
    QString reasons() const
    {
        QString all;
        for (const auto& i : issues) {
            all += i.reason + u'\n';
        }
        return all;
    }
};

inline ReadResult readAll(const QByteArray& file, bool readStale = false)
{
    QBuffer buffer;
    buffer.setData(file);
    buffer.open(QIODevice::ReadOnly);
    vigil::evtx::EvtxReader reader(&buffer, {readStale});
    vigil::evtx::RecordFlattener flattener;
    vigil::evtx::XmlRenderer renderer;
    ReadResult r;
    for (auto item = reader.next(); item != vigil::evtx::EvtxReader::Item::End;
         item = reader.next()) {
        if (item == vigil::evtx::EvtxReader::Item::Issue) {
            r.issues.push_back(reader.issue());
            continue;
        }
        vigil::Fields f;
        flattener.flatten(*reader.record().tokens, reader.names(), f);
        r.events.push_back(f);
        r.xml.push_back(renderer.render(*reader.record().tokens, reader.names()));
        r.ids.push_back(reader.record().id);
        r.stale.push_back(reader.record().stale);
    }
    r.stats = reader.stats();
    return r;
}

// A Security-style event used by several tests.
inline const QString kNamespace =
    QStringLiteral("http://schemas.microsoft.com/win/2004/08/events/event");
inline constexpr quint32 kTemplateId = 0x5eed1234;

// 2019-03-04T05:06:07.1234567Z as FILETIME (100 ns ticks since 1601-01-01).
inline constexpr quint64 kWrittenTime = (1551675967ULL + 11644473600ULL) * 10000000ULL + 1234567ULL;

inline void data(ChunkWriter& w, const QString& name, quint16 sub, quint8 type,
                 bool optional = false)
{
    w.open(QStringLiteral("Data"), !name.isEmpty(), true);
    if (!name.isEmpty()) {
        w.attribute(QStringLiteral("Name"));
        w.text(name);
    }
    w.closeStart();
    w.substitution(sub, type, optional);
    w.end();
}

// A Security-style event template: System with typed substitutions, EventData with named,
// spaced, unnamed and optional Data.
inline void templateBody(ChunkWriter& w)
{
    w.fragmentHeader();
    w.open(QStringLiteral("Event"), true, true);
    w.attribute(QStringLiteral("xmlns"));
    w.text(kNamespace);
    w.closeStart();
    w.open(QStringLiteral("System"), false, true);
    w.closeStart();
    w.open(QStringLiteral("Provider"), true, true);
    w.attribute(QStringLiteral("Name"));
    w.substitution(0, 0x01);
    w.closeEmpty();
    w.open(QStringLiteral("EventID"), true, true);
    w.attribute(QStringLiteral("Qualifiers"));
    w.substitution(1, 0x06, true);
    w.closeStart();
    w.substitution(2, 0x06);
    w.end();
    w.open(QStringLiteral("Level"), false, true);
    w.closeStart();
    w.substitution(3, 0x04);
    w.end();
    w.open(QStringLiteral("TimeCreated"), true, true);
    w.attribute(QStringLiteral("SystemTime"));
    w.substitution(4, 0x11);
    w.closeEmpty();
    w.open(QStringLiteral("EventRecordID"), false, true);
    w.closeStart();
    w.substitution(5, 0x0a);
    w.end();
    w.open(QStringLiteral("Channel"), false, true);
    w.closeStart();
    w.text(QStringLiteral("Security"));
    w.end();
    w.open(QStringLiteral("Computer"), false, true);
    w.closeStart();
    w.substitution(6, 0x01);
    w.end();
    w.open(QStringLiteral("Security"), true, true);
    w.attribute(QStringLiteral("UserID"));
    w.substitution(7, 0x13, true);
    w.closeEmpty();
    w.end(); // System
    w.open(QStringLiteral("EventData"), false, true);
    w.closeStart();
    data(w, QStringLiteral("SubjectUserName"), 8, 0x01);
    data(w, QStringLiteral("Logon Id"), 9, 0x15);
    data(w, QString(), 10, 0x01);
    data(w, QString(), 11, 0x01, true);
    w.end(); // EventData
    w.end(); // Event
    w.eof();
}

inline QByteArray sidLocalSystem()
{
    return QByteArray("\x01\x01\x00\x00\x00\x00\x00\x05\x12\x00\x00\x00", 12);
}

inline std::vector<Value> values(quint64 id, quint16 eventId, const QByteArray& qualifiers,
                                 const QString& user)
{
    return {str(QStringLiteral("Microsoft-Windows-Security-Auditing")),
            {quint8(qualifiers.isEmpty() ? 0x00 : 0x06), qualifiers},
            {0x06, le16(eventId)},
            {0x04, QByteArray(1, '\0')},
            {0x11, le64(kWrittenTime)},
            {0x0a, le64(id)},
            str(QStringLiteral("host-a")),
            {0x13, sidLocalSystem()},
            str(user + QChar(0)),
            {0x15, le64(0x3e7)},
            str(QStringLiteral("first")),
            {0x00, {}}};
}

// Record `id` of the Security template: inline definition the first time, a reference after.
inline void securityRecord(ChunkWriter& w, quint64 id, quint32& definition, quint16 eventId = 4624,
                           const QByteArray& qualifiers = {},
                           const QString& user = QStringLiteral("alice "))
{
    w.beginRecord(id, kWrittenTime);
    w.fragmentHeader();
    if (definition == 0) {
        definition = w.beginInlineTemplate(kTemplateId);
        templateBody(w);
        w.endDefinition();
    } else {
        w.templateReference(kTemplateId, definition);
    }
    w.values(values(id, eventId, qualifiers, user));
    w.eof();
    w.endRecord();
}

} // namespace evtxtest
