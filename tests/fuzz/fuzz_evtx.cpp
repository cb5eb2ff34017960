// libFuzzer target over Vigil's EVTX reader and Windows XML export reader (VIGIL_FUZZ=ON, clang).
//
// An input that starts with "ElfFile" is read as a whole file, one that starts with "ElfChnk" as
// a chunk behind a file header, and any other input as the BinXML of a chunk's first record (at
// chunk offset 536, where the first record of a real chunk has it, so the name and template
// offsets of a real first record stay right): small inputs reach the BinXML decoder directly.
// Each input is read with and without deleted records, every record flattened and rendered, and
// the same bytes are read as an XML export. Seed it with chunks and first records of real files:
//   fuzz_evtx -max_len=70000 corpus_dir seeds_dir
#include <cstddef>
#include <cstdint>

#include <QBuffer>
#include <QByteArray>

#include "ingest/evtx/evtx_reader.h"
#include "ingest/evtx/record_flattener.h"
#include "ingest/evtx/winxml_reader.h"
#include "ingest/evtx/xml_renderer.h"
#include "model/event.h"

using namespace vigil;

namespace {

QByteArray fileHeader()
{
    QByteArray h(4096, '\0');
    h.replace(0, 8, QByteArray("ElfFile\0", 8));
    h[32] = char(128);
    h[36] = 1;
    h[38] = 3;
    h[41] = 0x10;
    h[42] = 1;
    return h;
}

// A chunk whose first record holds @p binxml (cut to fit), header fields set, checksums not.
QByteArray recordChunk(const QByteArray& binxml)
{
    constexpr qsizetype kChunk = 65536;
    const QByteArray body = binxml.left(kChunk - 512 - 28);
    const auto size = quint32(24 + body.size() + 4);
    QByteArray c(kChunk, '\0');
    c.replace(0, 8, QByteArray("ElfChnk\0", 8));
    const auto put = [&c](qsizetype at, quint64 v, int bytes) {
        for (int i = 0; i < bytes; ++i) {
            c[at + i] = char(v >> (8 * i));
        }
    };
    put(8, 1, 8);
    put(16, 1, 8);
    put(24, 1, 8);
    put(32, 1, 8);
    put(40, 128, 4);
    put(44, 512, 4);
    put(48, 512 + size, 4);
    c.replace(512, 4, QByteArray("\x2a\x2a\x00\x00", 4));
    put(516, size, 4);
    put(520, 1, 8);
    put(528, 0x01d4000000000000ULL, 8);
    c.replace(536, body.size(), body);
    put(536 + body.size(), size, 4);
    return c;
}

void readEvtx(const QByteArray& file, bool stale)
{
    QBuffer buffer;
    buffer.setData(file);
    buffer.open(QIODevice::ReadOnly);
    evtx::EvtxReader reader(&buffer, {stale});
    evtx::RecordFlattener flattener;
    evtx::XmlRenderer renderer;
    Fields fields;
    for (auto item = reader.next(); item != evtx::EvtxReader::Item::End; item = reader.next()) {
        if (item == evtx::EvtxReader::Item::Record) {
            fields.clear();
            flattener.flatten(*reader.record().tokens, reader.names(), fields);
            (void)renderer.render(*reader.record().tokens, reader.names());
        }
    }
}

void readXml(const QByteArray& bytes)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    evtx::WinXmlReader reader(&buffer);
    evtx::RecordFlattener flattener;
    Fields fields;
    for (auto item = reader.next(); item != evtx::WinXmlReader::Item::End; item = reader.next()) {
        if (item == evtx::WinXmlReader::Item::Event) {
            fields.clear();
            flattener.flatten(reader.tokens(), reader.names(), fields);
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray input(reinterpret_cast<const char*>(data), qsizetype(size));
    static const QByteArray header = fileHeader();
    const QByteArray file = input.startsWith("ElfFile")   ? input
                            : input.startsWith("ElfChnk") ? header + input
                                                          : header + recordChunk(input);
    readEvtx(file, false);
    readEvtx(file, true);
    readXml(input);
    return 0;
}
