#pragma once

#include <vector>

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace vigil {

/**
 * @brief One message cut from a byte stream. @c problem is set when it cannot be parsed as it
 * is (too long, a broken frame); @c bytes then holds what was kept.
 */
struct Frame {
    QByteArray bytes;
    qint64 offset = 0; ///< byte offset of the message in its stream
    qint64 line = 0;   ///< 1-based line number (LineSplitter), 0 for octet-counted frames
    QString problem;
};

/**
 * @brief Cuts a byte stream at LF into messages (a trailing CR is removed; blank lines are not
 * messages but count as lines), holding a partial last line until its LF arrives.
 *
 * A line longer than @c maxBytes keeps its first @c maxBytes and becomes a frame with a problem
 * once its end is seen; memory stays bounded by @c maxBytes whatever the input.
 * Not thread-safe: one instance per stream.
 */
class LineSplitter {
public:
    explicit LineSplitter(qsizetype maxBytes);

    /** @brief Consumes @p data and appends every line it completes to @p out. */
    void feed(QByteArrayView data, std::vector<Frame>& out);
    /** @brief End of the stream: the held partial line, if any, becomes a frame. */
    void finish(std::vector<Frame>& out);
    /** @brief Starts over at byte @p offset, line 1, dropping nothing (call finish() first). */
    void restart(qint64 offset);

    /** @brief Bytes of an unfinished line held back. */
    qsizetype held() const { return m_partial.size(); }
    /** @brief Bytes consumed so far (the stream offset of the next byte). */
    qint64 position() const { return m_position; }
    qsizetype maxBytes() const { return m_maxBytes; }

private:
    void complete(std::vector<Frame>& out);

    qsizetype m_maxBytes;
    QByteArray m_partial;
    qint64 m_position = 0;
    qint64 m_lineStart = 0;
    qint64 m_lineBytes = 0; ///< length of the current line so far, also beyond maxBytes
    qint64 m_line = 0;      ///< lines completed so far
};

/** @brief "the maximum message size of 65,536 bytes" and similar: numbers for people. */
QString groupedNumber(qint64 n);

} // namespace vigil
