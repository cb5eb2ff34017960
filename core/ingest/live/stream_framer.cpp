#include "ingest/live/stream_framer.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace vigil {

namespace {

constexpr qsizetype kMaxLengthDigits = 9;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isLineSpace(char c)
{
    return c == '\n' || c == '\r' || c == ' ' || c == '\t';
}

} // namespace

StreamFramer::StreamFramer(qsizetype maxBytes)
    : m_maxBytes(std::max<qsizetype>(1, maxBytes))
    , m_lines(maxBytes)
{
}

void StreamFramer::feed(QByteArrayView data, std::vector<Frame>& out)
{
    if (m_mode == Mode::Detecting) {
        m_start.append(data);
        detect(out);
        return;
    }
    if (m_mode == Mode::Lines) {
        m_lines.feed(data, out);
    } else {
        feedOctets(data, out);
    }
}

// Decides the framing from the first bytes: `digits SP <` is octet counting. Leading line ends
// are skipped; while the start is still ambiguous (digits only), more bytes are awaited.
void StreamFramer::detect(std::vector<Frame>& out)
{
    qsizetype i = 0;
    while (i < m_start.size() && isLineSpace(m_start[i])) {
        ++i;
    }
    const qsizetype digitsFrom = i;
    while (i < m_start.size() && isDigit(m_start[i]) && i - digitsFrom <= kMaxLengthDigits) {
        ++i;
    }
    const qsizetype digits = i - digitsFrom;
    Mode decided = Mode::Lines;
    bool wait = digitsFrom == m_start.size(); // only line ends so far
    if (digits > 0 && digits <= kMaxLengthDigits && m_start[digitsFrom] != '0') {
        wait = i >= m_start.size() || (m_start[i] == ' ' && i + 1 >= m_start.size());
        if (!wait && m_start[i] == ' ' && m_start[i + 1] == '<') {
            decided = Mode::OctetCounting;
        }
    }
    if (wait) {
        // Leading line ends are no message; dropping them keeps a silent sender from growing
        // this buffer.
        m_start.remove(0, digitsFrom);
        m_skipped += digitsFrom;
        return;
    }
    m_mode = decided;
    m_position = m_skipped;
    m_lines.restart(m_skipped);
    const QByteArray start = std::exchange(m_start, QByteArray());
    feed(start, out);
}

void StreamFramer::feedOctets(QByteArrayView data, std::vector<Frame>& out)
{
    while (!data.isEmpty()) {
        qsizetype used = 0;
        switch (m_state) {
        case State::Header:
            used = readHeader(data);
            break;
        case State::Body:
            used = readBody(data, out);
            break;
        case State::Broken:
            used = readBroken(data, out);
            break;
        }
        m_position += used;
        data = data.sliced(used);
    }
}

qsizetype StreamFramer::readHeader(QByteArrayView data)
{
    qsizetype i = 0;
    for (; i < data.size(); ++i) {
        const char c = data[i];
        if (m_header.isEmpty() && isLineSpace(c)) {
            continue; // line ends some senders put between frames
        }
        if (m_header.isEmpty()) {
            m_frameStart = m_position + i;
        }
        if (isDigit(c) && m_header.size() < kMaxLengthDigits) {
            m_header.append(c);
            continue;
        }
        if (c == ' ' && !m_header.isEmpty() && m_header[0] != '0') {
            m_length = m_header.toLongLong();
            m_remaining = m_length;
            m_header.clear();
            m_body.clear();
            m_state = State::Body;
            return i + 1;
        }
        // Not a length: keep what was read up to the next LF as a broken frame.
        m_body = std::exchange(m_header, QByteArray());
        m_length = 0;
        m_state = State::Broken;
        return i;
    }
    return i;
}

qsizetype StreamFramer::readBody(QByteArrayView data, std::vector<Frame>& out)
{
    const qsizetype take = qsizetype(std::min<qint64>(m_remaining, data.size()));
    const qsizetype room = std::max<qsizetype>(0, m_maxBytes - m_body.size());
    if (room > 0) {
        m_body.append(data.first(std::min(take, room)));
    }
    m_remaining -= take;
    if (m_remaining == 0) {
        QString problem;
        if (m_length > m_maxBytes) {
            problem = u"message of %1 bytes is longer than the maximum message size of %2 "
                      u"bytes; its first %2 bytes are kept"_s.arg(groupedNumber(m_length),
                                                                groupedNumber(m_maxBytes));
        }
        emitBody(out, problem);
    }
    return take;
}

qsizetype StreamFramer::readBroken(QByteArrayView data, std::vector<Frame>& out)
{
    const qsizetype lf = data.indexOf('\n');
    const qsizetype take = lf < 0 ? data.size() : lf;
    const qsizetype room = std::max<qsizetype>(0, m_maxBytes - m_body.size());
    m_body.append(data.first(std::min(take, room)));
    if (lf < 0) {
        return take;
    }
    emitBroken(out);
    return take + 1;
}

void StreamFramer::emitBody(std::vector<Frame>& out, QString problem)
{
    Frame f;
    f.bytes = std::exchange(m_body, QByteArray());
    while (problem.isEmpty() && (f.bytes.endsWith('\n') || f.bytes.endsWith('\r'))) {
        f.bytes.chop(1);
    }
    f.offset = m_frameStart;
    f.problem = std::move(problem);
    m_state = State::Header;
    if (!f.problem.isEmpty() || !f.bytes.isEmpty()) {
        out.push_back(std::move(f));
    }
}

void StreamFramer::emitBroken(std::vector<Frame>& out)
{
    if (m_body.endsWith('\r')) {
        m_body.chop(1);
    }
    emitBody(out, u"octet-counting frame at byte %1 of the connection does not start with a "
                  u"message length (RFC 6587); the bytes up to the next line end are kept"_s.arg(
                      m_frameStart));
}

void StreamFramer::finish(std::vector<Frame>& out)
{
    if (m_mode == Mode::Detecting) {
        m_mode = Mode::Lines;
        m_lines.restart(m_skipped);
        m_lines.feed(std::exchange(m_start, QByteArray()), out);
    }
    if (m_mode == Mode::Lines) {
        m_lines.finish(out);
        return;
    }
    switch (m_state) {
    case State::Header:
        if (!m_header.isEmpty()) {
            m_body = std::exchange(m_header, QByteArray());
            emitBody(out, u"the connection closed inside an octet-counting frame header at byte "
                          u"%1"_s.arg(m_frameStart));
        }
        break;
    case State::Body:
        emitBody(out, u"the connection closed after %1 of the %2 bytes of an octet-counted "
                      u"message"_s.arg(groupedNumber(m_length - m_remaining),
                                       groupedNumber(m_length)));
        break;
    case State::Broken:
        emitBroken(out);
        break;
    }
}

} // namespace vigil
