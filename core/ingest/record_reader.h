#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

class QIODevice;

namespace vigil {

/** @brief One record of a log file: its bytes, 1-based first line and byte offset in the file. */
struct Record {
    QByteArray bytes;
    qint64 line = 0;
    qint64 offset = 0;
    bool truncated = false; ///< a line was longer than maxRecordBytes() and was cut
};

/**
 * @brief Splits a byte stream into records, one per line.
 *
 * Lines end with LF or CRLF (the CR is dropped); a UTF-8 BOM at the start of the stream is
 * removed; a last line without a newline is kept; blank (whitespace-only) lines are skipped and
 * are not records, though they count for line numbers. With @p joinContinuations, lines that
 * start with a space or tab are appended to the record before them, joined with '\n' (a blank
 * line ends a record). Offsets count the bytes of the stream, BOM included, so a record can be
 * found again with seek().
 *
 * Memory stays bounded on hostile input: a line longer than maxRecordBytes() is cut (the record
 * is flagged @c truncated and the rest of the line skipped), and joining stops before a record
 * would grow past that size. UTF-16 input (a UTF-16 BOM) is reported as an error.
 *
 * Not thread-safe; the device must stay open and is read from the calling thread only.
 */
class RecordReader {
public:
    explicit RecordReader(QIODevice* device, bool joinContinuations);

    /** @brief The next record; false at the end or on a read error (see errorString()). */
    bool next(Record& out);
    /** @brief Non-empty after a read error. */
    QString errorString() const { return m_error; }
    /** @brief Bytes read from the device so far, for progress. */
    qint64 bytesRead() const { return m_bytesRead; }

    void setMaxRecordBytes(qsizetype bytes) { m_maxRecord = bytes; }
    qsizetype maxRecordBytes() const { return m_maxRecord; }

private:
    struct Line {
        QByteArrayView text; // without CR/LF; valid until the next fill
        qint64 offset = 0;
        qsizetype next = 0; // buffer index after this line
        bool truncated = false;
        bool cutBeforeEnd = false; // cut before its LF was seen: skip the rest when consumed
    };

    bool peek(Line& line);
    void consume(const Line& line);
    bool fill();
    bool checkStart();

    QIODevice* m_device;
    bool m_join;
    QByteArray m_buffer;
    qsizetype m_pos = 0;      // first unconsumed byte in m_buffer
    qsizetype m_scanFrom = 0; // where the search for the next LF resumes
    qint64 m_bufferOffset = 0; // stream offset of m_buffer[0]
    qint64 m_lineNumber = 0;   // lines consumed so far
    qint64 m_bytesRead = 0;
    qsizetype m_maxRecord = 8 * 1024 * 1024;
    Line m_peeked;
    bool m_hasPeeked = false;
    bool m_discarding = false; // skipping the rest of a cut line
    bool m_started = false;
    bool m_eof = false;
    QString m_error;
};

} // namespace vigil
