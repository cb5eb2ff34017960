#pragma once

#include <memory>

#include <QByteArray>
#include <QString>
#include <QStringDecoder>

#include "ingest/evtx/binxml_tokens.h"

class QIODevice;
class QXmlStreamReader;

namespace vigil::evtx {

/**
 * @brief Reads Windows event XML exports — `wevtutil qe /f:xml` (events one after the other,
 * no root element) and Event Viewer's "Save as XML" (`<Events>` root) — event by event into the
 * same tokens as EVTX records, so both flatten alike.
 *
 * UTF-8 and UTF-16 (with a byte order mark) are read. An event that is not well-formed XML is
 * reported with its number, line and the parser's reason, and reading resumes at the next
 * `<Event`. Single-threaded; the device must stay open.
 */
class WinXmlReader {
public:
    enum class Item : quint8 { Event, Problem, End };

    explicit WinXmlReader(QIODevice* device);
    ~WinXmlReader();
    WinXmlReader(const WinXmlReader&) = delete;
    WinXmlReader& operator=(const WinXmlReader&) = delete;

    Item next();
    /** @brief The event's tokens (Item::Event). */
    const TokenStream& tokens() const { return m_tokens; }
    /** @brief The event's XML exactly as in the file (Item::Event) or the broken part (Problem). */
    const QString& raw() const { return m_raw; }
    /** @brief 1-based number of the event in the file. */
    qint64 eventNumber() const { return m_eventNumber; }
    /** @brief Line of the file where the event (or the problem) starts. */
    qint64 line() const { return m_line; }
    /** @brief What is wrong (Item::Problem). */
    const QString& problem() const { return m_problem; }
    NamePool& names() { return m_names; }
    qint64 bytesRead() const { return m_bytesRead; }

    /** @brief True when @p head (the file's first bytes) is a Windows event XML export. */
    static bool looksLikeWinXml(const QByteArray& head);

private:
    bool readBlock();
    void restart(qsizetype from);
    void startEvent();
    void addElement();
    Item finishEvent();
    Item fail();
    qsizetype position() const;
    qint64 lineAt(qsizetype index);
    void discardBefore(qsizetype index);

    QIODevice* m_device;
    std::unique_ptr<QXmlStreamReader> m_xml;
    QStringDecoder m_decoder;
    bool m_started = false;
    bool m_eof = false;
    QString m_text;          ///< decoded text from the oldest position still needed
    qsizetype m_origin = 0;  ///< m_text index = reader character offset + m_origin
    qsizetype m_lastEnd = 0; ///< m_text index after the previous token
    qsizetype m_eventStart = -1;
    qint64 m_lines = 0; ///< line breaks before m_text[m_linesAt]
    qsizetype m_linesAt = 0;
    bool m_dead = false; ///< no further event can be found
    int m_depth = 0;     ///< element depth inside the current event
    TokenStream m_tokens;
    QString m_raw;
    QString m_problem;
    qint64 m_eventNumber = 0;
    qint64 m_line = 0;
    qint64 m_bytesRead = 0;
    NamePool m_names;
};

} // namespace vigil::evtx
