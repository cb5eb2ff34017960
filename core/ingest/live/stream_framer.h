#pragma once

#include <vector>

#include <QByteArray>
#include <QByteArrayView>

#include "ingest/live/line_splitter.h"

namespace vigil {

/**
 * @brief Syslog over TCP: cuts one connection's bytes into messages, with the framing the
 * sender uses detected from its first bytes (RFC 6587).
 *
 * A connection that starts with `MSG-LEN SP <` (a length without leading zero, at most nine
 * digits) uses octet counting: each message is exactly MSG-LEN bytes and may contain LF.
 * Any other start means LF framing (non-transparent framing). Line ends between octet-counted
 * frames are tolerated. A frame header that is not a length is kept with the bytes up to the
 * next LF as a broken frame, and reading goes on after it.
 * Messages longer than the maximum keep their first bytes and come out with a problem; memory
 * stays bounded by the maximum. Not thread-safe: one instance per connection.
 */
class StreamFramer {
public:
    enum class Mode { Detecting, Lines, OctetCounting };

    explicit StreamFramer(qsizetype maxBytes);

    /** @brief Consumes @p data and appends every message it completes to @p out. */
    void feed(QByteArrayView data, std::vector<Frame>& out);
    /** @brief The connection closed: a message still open comes out (with a problem if cut). */
    void finish(std::vector<Frame>& out);

    Mode mode() const { return m_mode; }

private:
    enum class State { Header, Body, Broken };

    void detect(std::vector<Frame>& out);
    void feedOctets(QByteArrayView data, std::vector<Frame>& out);
    qsizetype readHeader(QByteArrayView data);
    qsizetype readBody(QByteArrayView data, std::vector<Frame>& out);
    qsizetype readBroken(QByteArrayView data, std::vector<Frame>& out);
    void emitBody(std::vector<Frame>& out, QString problem);
    void emitBroken(std::vector<Frame>& out);

    qsizetype m_maxBytes;
    Mode m_mode = Mode::Detecting;
    QByteArray m_start; ///< bytes seen while detecting
    qint64 m_skipped = 0; ///< line ends before the first message
    LineSplitter m_lines;
    // Octet counting.
    State m_state = State::Header;
    qint64 m_position = 0;   ///< connection offset of the next byte
    qint64 m_frameStart = 0; ///< offset of the current frame's header
    QByteArray m_header;
    qint64 m_length = 0;     ///< MSG-LEN of the current frame
    qint64 m_remaining = 0;
    QByteArray m_body;
};

} // namespace vigil
