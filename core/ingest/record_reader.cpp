#include "ingest/record_reader.h"

#include <cstring>

#include <QIODevice>

using namespace Qt::StringLiterals;

namespace vigil {

namespace {

constexpr qsizetype kChunk = 64 * 1024;
constexpr int kMaxJoinedLines = 10000;
constexpr int kSequentialWaitMs = 30000;

bool isBlankLine(QByteArrayView s)
{
    for (const char c : s) {
        if (c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != '\v') {
            return false;
        }
    }
    return true;
}

bool isContinuation(QByteArrayView s)
{
    return !s.isEmpty() && (s[0] == ' ' || s[0] == '\t') && !isBlankLine(s);
}

} // namespace

RecordReader::RecordReader(QIODevice* device, bool joinContinuations)
    : m_device(device)
    , m_join(joinContinuations)
{
}

bool RecordReader::next(Record& out)
{
    Line first;
    while (true) {
        if (!peek(first)) {
            return false;
        }
        if (!isBlankLine(first.text)) {
            break;
        }
        consume(first);
    }
    out.bytes = first.text.toByteArray();
    out.line = m_lineNumber + 1;
    out.offset = first.offset;
    out.truncated = first.truncated;
    consume(first);
    if (!m_join) {
        return true;
    }
    Line more;
    for (int joined = 0; joined < kMaxJoinedLines && peek(more); ++joined) {
        if (!isContinuation(more.text)
            || out.bytes.size() + 1 + more.text.size() > m_maxRecord) {
            break;
        }
        out.bytes.reserve(out.bytes.size() + 1 + more.text.size());
        out.bytes.append('\n');
        out.bytes.append(more.text);
        out.truncated = out.truncated || more.truncated;
        consume(more);
    }
    // A read error while looking ahead ends the stream; the record read so far still counts.
    return true;
}

bool RecordReader::peek(Line& line)
{
    if (m_hasPeeked) {
        line = m_peeked;
        return true;
    }
    if (!m_error.isEmpty() || !checkStart()) {
        return false;
    }
    while (true) {
        const char* data = m_buffer.constData();
        const void* found =
            std::memchr(data + m_scanFrom, '\n', size_t(m_buffer.size() - m_scanFrom));
        if (m_discarding) {
            m_pos = m_scanFrom = found ? static_cast<const char*>(found) - data + 1
                                       : m_buffer.size();
            m_discarding = !found;
            if (!found && !fill()) {
                return false;
            }
            continue;
        }
        Line l;
        qsizetype end = 0;
        if (found) {
            end = static_cast<const char*>(found) - data;
            l.next = end + 1;
        } else if (m_buffer.size() - m_pos > m_maxRecord) {
            // Cut the line here; consume() skips the rest of it.
            end = m_pos + m_maxRecord;
            l.next = end;
            l.cutBeforeEnd = true;
        } else {
            m_scanFrom = m_buffer.size();
            if (fill()) {
                continue;
            }
            if (!m_error.isEmpty() || m_pos >= m_buffer.size()) {
                return false;
            }
            data = m_buffer.constData(); // fill() may have moved the bytes
            end = m_buffer.size();       // the last line has no newline
            l.next = end;
        }
        qsizetype length = end - m_pos;
        if (!l.cutBeforeEnd && length > 0 && data[m_pos + length - 1] == '\r') {
            --length;
        }
        l.truncated = l.cutBeforeEnd || length > m_maxRecord;
        l.text = QByteArrayView(data + m_pos, std::min(length, m_maxRecord));
        l.offset = m_bufferOffset + m_pos;
        m_peeked = l;
        m_hasPeeked = true;
        line = l;
        return true;
    }
}

void RecordReader::consume(const Line& line)
{
    m_pos = line.next;
    m_scanFrom = m_pos;
    m_hasPeeked = false;
    m_discarding = line.cutBeforeEnd;
    ++m_lineNumber;
}

bool RecordReader::fill()
{
    if (m_eof || !m_device) {
        return false;
    }
    // Drop consumed bytes before growing, so the buffer holds about one line plus a chunk.
    if (m_pos > 0) {
        m_buffer.remove(0, m_pos);
        m_bufferOffset += m_pos;
        m_scanFrom -= m_pos;
        m_pos = 0;
    }
    while (true) {
        const qsizetype old = m_buffer.size();
        m_buffer.resize(old + kChunk);
        const qint64 n = m_device->read(m_buffer.data() + old, kChunk);
        m_buffer.resize(old + std::max<qint64>(n, 0));
        if (n > 0) {
            m_bytesRead += n;
            return true;
        }
        if (n < 0) {
            m_error = m_device->errorString();
            if (m_error.isEmpty()) {
                m_error = u"read error"_s;
            }
            m_eof = true;
            return false;
        }
        if (!m_device->isSequential() || !m_device->waitForReadyRead(kSequentialWaitMs)) {
            m_eof = true;
            return false;
        }
    }
}

bool RecordReader::checkStart()
{
    if (m_started) {
        return true;
    }
    m_started = true;
    if (!m_device || !m_device->isReadable()) {
        m_error = u"the input is not open for reading"_s;
        return false;
    }
    while (m_buffer.size() < 3 && fill()) {
    }
    if (!m_error.isEmpty()) {
        return false;
    }
    const QByteArrayView head(m_buffer);
    if (head.startsWith("\xEF\xBB\xBF")) {
        m_pos = m_scanFrom = 3;
    } else if (head.startsWith("\xFF\xFE") || head.startsWith("\xFE\xFF")) {
        m_error = u"UTF-16 input is not supported; convert the file to UTF-8"_s;
        return false;
    }
    return true;
}

} // namespace vigil
