#pragma once

#include <memory>
#include <unordered_map>
#include <vector>

#include <QHash>
#include <QString>

#include "ingest/evtx/binxml_tokens.h"

namespace vigil::evtx {

class ByteCursor;

/**
 * @brief Decodes the BinXML of EVTX records into a TokenStream.
 *
 * One decoder serves one file: names are interned in a NamePool, template definitions are
 * compiled once per chunk (cached by their chunk offset) and also kept by template id, so a
 * record whose chunk lost its definition (zeroed or overwritten data) can still be read with the
 * same template from another chunk. Every offset and length is checked against the chunk; depth,
 * nesting and the size of the expanded record are bounded. Not thread-safe; one per reader.
 */
class BinXmlDecoder {
public:
    explicit BinXmlDecoder(NamePool& names);
    ~BinXmlDecoder();
    BinXmlDecoder(const BinXmlDecoder&) = delete;
    BinXmlDecoder& operator=(const BinXmlDecoder&) = delete;

    /** @brief Starts a chunk: @p chunk stays valid until the next call (or the decoder dies). */
    void beginChunk(const uchar* chunk, quint32 size);

    /**
     * @brief Decodes the BinXML at [begin, end) (inside the current chunk) into @p out.
     * @return false with @p error set (a reason with the chunk offset) when it cannot be read.
     */
    bool decodeRecord(const uchar* begin, const uchar* end, TokenStream& out, QString& error);

    /** @brief Template uses served from another chunk (for records in damaged chunks). */
    qint64 borrowedTemplates() const { return m_borrowed; }
    /** @brief The last failure was a template that no chunk read so far defines. */
    bool missingTemplate() const { return m_missingTemplate; }

    static constexpr int kMaxElementDepth = 64;
    static constexpr int kMaxNesting = 8;
    static constexpr std::size_t kMaxTokens = 1 << 18;
    static constexpr std::size_t kMaxTemplates = 4096;

private:
    struct Template {
        std::vector<Token> ops;
        std::vector<std::size_t> subs; ///< indexes of the substitution ops
        std::deque<QString> strings;
        quint32 id = 0;
        bool ok = false;
        QString error;
    };
    struct ValueRef {
        const uchar* data;
        quint32 size;
        quint8 type;
    };
    enum class Mode : quint8 { Record, Template };
    struct Sink {
        Mode mode;
        std::vector<Token>* tokens;
        std::deque<QString>* strings; // template literals
        int nesting;
    };

    quint32 offsetOf(const uchar* p) const { return quint32(p - m_chunk); }
    bool fail(const uchar* at, const QString& why);

    bool parseTokens(ByteCursor& c, Sink& sink);
    bool readElementStart(ByteCursor& c, Sink& sink, quint8 token);
    bool readName(ByteCursor& c, quint32& id);
    bool nameAt(quint32 offset, quint32& id);
    bool readText(ByteCursor& c, Sink& sink, quint8 base, bool inAttr);
    bool readTemplateInstance(ByteCursor& c, Sink& sink);
    std::shared_ptr<Template> templateFor(quint32 offset, quint32 id);
    std::shared_ptr<Template> compileTemplate(quint32 offset);
    bool instantiate(const Template& t, const std::vector<ValueRef>& values, Sink& sink);
    bool substitute(const Template& t, std::size_t at, const std::vector<ValueRef>& values,
                    Sink& sink);
    bool repeatForArray(const Template& t, std::size_t at, const ValueRef& v, Sink& sink,
                        const std::vector<ValueRef>& values);
    bool push(Sink& sink, const Token& t);

    NamePool& m_names;
    const uchar* m_chunk = nullptr;
    quint32 m_chunkSize = 0;
    std::unordered_map<quint32, quint32> m_nameCache;
    std::unordered_map<quint32, std::shared_ptr<Template>> m_chunkTemplates;
    QHash<quint32, std::shared_ptr<Template>> m_templatesById;
    std::vector<std::vector<ValueRef>> m_valuePool; // one vector per nesting level, reused
    QString m_error;
    qint64 m_borrowed = 0;
    bool m_missingTemplate = false;
};

} // namespace vigil::evtx
