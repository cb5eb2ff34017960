#include "ingest/evtx/winxml_reader.h"

#include <QIODevice>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

namespace vigil::evtx {

namespace {

// wevtutil prints events one after another without a root element; a synthetic root makes the
// stream one document for QXmlStreamReader.
const QString kPrefix = u"<vigil-events>"_s;
const QString kSuffix = u"</vigil-events>"_s;
const QString kEventNamespace = u"http://schemas.microsoft.com/win/2004/08/events/event"_s;
constexpr qint64 kBlock = 64 * 1024;
constexpr qsizetype kMaxProblemRaw = 64 * 1024;
constexpr int kSequentialWaitMs = 30000;

QStringConverter::Encoding encodingOf(const QByteArray& head)
{
    if (const auto bom = QStringConverter::encodingForData(head)) {
        return *bom;
    }
    if (head.size() >= 2 && head[0] == '<' && head[1] == '\0') {
        return QStringConverter::Utf16LE;
    }
    if (head.size() >= 2 && head[0] == '\0' && head[1] == '<') {
        return QStringConverter::Utf16BE;
    }
    return QStringConverter::Utf8;
}

// Blanks a leading XML declaration (it may not follow the synthetic root); offsets stay as they
// were so raw events are cut from the right places.
void blankDeclaration(QString& text)
{
    qsizetype i = 0;
    while (i < text.size() && text[i].isSpace()) {
        ++i;
    }
    if (QStringView(text).sliced(i).startsWith(u"<?xml")) {
        const qsizetype end = text.indexOf(u"?>", i);
        if (end >= 0) {
            for (qsizetype k = i; k < end + 2; ++k) {
                text[k] = u' ';
            }
        }
    }
}

// Index of the next "<Event" start tag at or after @p from, or -1.
qsizetype nextEventTag(const QString& text, qsizetype from)
{
    while (true) {
        const qsizetype i = text.indexOf(u"<Event", from);
        if (i < 0 || i + 6 >= text.size()) {
            return -1;
        }
        const QChar after = text[i + 6];
        if (after == u'>' || after == u'/' || after.isSpace()) {
            return i;
        }
        from = i + 6;
    }
}

} // namespace

WinXmlReader::WinXmlReader(QIODevice* device)
    : m_device(device)
{
}

WinXmlReader::~WinXmlReader() = default;

bool WinXmlReader::looksLikeWinXml(const QByteArray& head)
{
    auto decoder = QStringDecoder(encodingOf(head));
    QString text = decoder.decode(head);
    blankDeclaration(text);
    QStringView s = QStringView(text).trimmed();
    while (s.startsWith(u"<!--")) {
        const qsizetype end = s.indexOf(u"-->");
        if (end < 0) {
            return false;
        }
        s = s.sliced(end + 3).trimmed();
    }
    const bool eventsRoot = s.startsWith(u"<Events>") || s.startsWith(u"<Events ");
    const bool event = s.startsWith(u"<Event ") || s.startsWith(u"<Event>");
    return (eventsRoot || event) && s.contains(kEventNamespace);
}

qsizetype WinXmlReader::position() const
{
    return qsizetype(m_xml->characterOffset()) + m_origin;
}

qint64 WinXmlReader::lineAt(qsizetype index)
{
    for (; m_linesAt < index && m_linesAt < m_text.size(); ++m_linesAt) {
        m_lines += m_text[m_linesAt] == u'\n' ? 1 : 0;
    }
    return m_lines + 1;
}

void WinXmlReader::discardBefore(qsizetype index)
{
    // Dropping text costs a move of what is left: do it in large steps only.
    if (index < 4 * kBlock) {
        return;
    }
    lineAt(index);
    m_text.remove(0, index);
    m_origin -= index;
    m_lastEnd -= index;
    m_linesAt -= index;
}

bool WinXmlReader::readBlock()
{
    QByteArray block(kBlock, Qt::Uninitialized);
    qint64 n = 0;
    while (m_device) {
        n = m_device->read(block.data(), kBlock);
        if (n != 0 || !m_device->isSequential() || !m_device->waitForReadyRead(kSequentialWaitMs)) {
            break;
        }
    }
    if (n <= 0) {
        m_eof = true;
        return false;
    }
    m_bytesRead += n;
    QString decoded = m_decoder.decode(QByteArrayView(block.constData(), n));
    if (!m_started) {
        m_started = true;
        blankDeclaration(decoded);
    }
    m_text += decoded;
    if (m_xml) {
        m_xml->addData(decoded);
    }
    return true;
}

void WinXmlReader::restart(qsizetype from)
{
    m_xml = std::make_unique<QXmlStreamReader>();
    m_xml->addData(kPrefix);
    m_origin = from - kPrefix.size();
    m_xml->addData(m_text.mid(from));
    if (m_eof) {
        m_xml->addData(kSuffix);
    }
    m_lastEnd = from;
    m_eventStart = -1;
    m_depth = 0;
}

WinXmlReader::Item WinXmlReader::next()
{
    if (!m_xml) {
        if (m_device) {
            m_decoder = QStringDecoder(encodingOf(m_device->peek(4)));
        }
        readBlock();
        restart(0);
    }
    while (!m_dead) {
        const QXmlStreamReader::TokenType type = m_xml->readNext();
        if (m_xml->hasError()) {
            if (m_xml->error() == QXmlStreamReader::PrematureEndOfDocumentError && !m_eof) {
                if (!readBlock()) {
                    m_xml->addData(kSuffix);
                }
                continue;
            }
            return fail();
        }
        switch (type) {
        case QXmlStreamReader::StartElement:
            if (m_eventStart < 0) {
                if (m_xml->name() != u"Event") {
                    break; // <Events> or the synthetic root
                }
                startEvent();
            }
            addElement();
            break;
        case QXmlStreamReader::Characters:
            if (m_eventStart >= 0) {
                Token t;
                t.kind = TokenKind::Text;
                t.piece = PieceKind::Str;
                t.str = &m_tokens.strings.emplace_back(m_xml->text().toString());
                m_tokens.tokens.push_back(t);
            }
            break;
        case QXmlStreamReader::EndElement:
            if (m_eventStart >= 0) {
                m_tokens.tokens.push_back({TokenKind::Close});
                if (--m_depth == 0) {
                    return finishEvent();
                }
            }
            break;
        case QXmlStreamReader::EndDocument:
            m_dead = true;
            break;
        default:
            break;
        }
        m_lastEnd = position();
    }
    return Item::End;
}

void WinXmlReader::startEvent()
{
    // The reader's offset after a text token may already include the next '<' it looked at, so
    // the start is found from the end of the start tag: a tag holds no other '<'.
    const qsizetype start = m_text.lastIndexOf(u'<', std::max<qsizetype>(position() - 1, 0));
    m_eventStart = std::max<qsizetype>(start, 0);
    m_line = lineAt(m_eventStart);
    m_depth = 0;
    m_tokens.clear();
}

void WinXmlReader::addElement()
{
    ++m_depth;
    m_tokens.tokens.push_back({TokenKind::Open, PieceKind::Str, 0, m_names.intern(m_xml->name())});
    const QXmlStreamAttributes attributes = m_xml->attributes();
    for (const QXmlStreamAttribute& a : attributes) {
        m_tokens.tokens.push_back({TokenKind::Attr, PieceKind::Str, 0, m_names.intern(a.name())});
        Token value;
        value.kind = TokenKind::Text;
        value.str = &m_tokens.strings.emplace_back(a.value().toString());
        m_tokens.tokens.push_back(value);
    }
    m_tokens.tokens.push_back({TokenKind::EndStart});
}

WinXmlReader::Item WinXmlReader::finishEvent()
{
    const qsizetype end = position();
    m_raw = m_text.mid(m_eventStart, end - m_eventStart);
    ++m_eventNumber;
    m_eventStart = -1;
    m_lastEnd = end;
    discardBefore(end);
    return Item::Event;
}

// A well-formedness error: report the event (or the text between events) and resume at the
// next "<Event" — QXmlStreamReader cannot go on after an error, so a new one starts there.
WinXmlReader::Item WinXmlReader::fail()
{
    const bool inEvent = m_eventStart >= 0;
    const qsizetype from = inEvent ? m_eventStart : m_lastEnd;
    const qsizetype at = std::max(position(), from);
    const QString why = m_xml->errorString();
    const qint64 line = lineAt(from);
    qsizetype resume = nextEventTag(m_text, from + 1);
    while (resume < 0 && readBlock()) {
        resume = nextEventTag(m_text, from + 1);
    }
    m_raw = m_text.mid(from, std::min(at - from + 1, kMaxProblemRaw));
    m_line = line;
    if (resume < 0) {
        m_dead = true;
        if (!inEvent && m_eventNumber > 0) {
            return Item::End; // trailing text after the last event (a lost </Events>)
        }
    } else {
        restart(resume);
    }
    m_problem = inEvent ? u"event %1 at line %2 is not well-formed XML: %3"_s.arg(m_eventNumber + 1)
                              .arg(line)
                              .arg(why)
                        : u"text at line %1 is not a Windows event: %2"_s.arg(line).arg(why);
    if (inEvent) {
        ++m_eventNumber;
    }
    return Item::Problem;
}

} // namespace vigil::evtx
