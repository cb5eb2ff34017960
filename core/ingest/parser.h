#pragma once

#include <memory>

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>
#include <QTimeZone>

namespace vigil {

struct Event;

/** @brief What a parser needs to know about a record besides its bytes. */
struct ParseContext {
    qint64 receivedNs = 0;  ///< when the record was received (import time)
    qint64 referenceNs = 0; ///< reference "now" for year-less timestamps (file mtime on import)
    QTimeZone zone = QTimeZone::utc(); ///< for timestamps that carry no zone
    QString source;         ///< file path or listener name
};

/** @brief Outcome of parsing one record; @c reason says what is wrong when @c ok is false. */
struct ParseResult {
    bool ok = true;
    QString reason; ///< e.g. "JSON object is truncated at byte 41"
    /**
     * @brief The record does not claim this format at all (a plain line in a syslog file, a
     * line that is not a JSON object). When the format was detected, not forced, the importer
     * keeps such records as text events instead of rejecting them.
     */
    bool foreign = false;
};

/**
 * @brief Turns one record (one line, or several when continuation lines are joined) into an
 * Event.
 *
 * Parsers hold no state between records and parse() is const, so one instance may be shared by
 * several threads. Untrusted input never crashes a parser: anything it cannot read is reported
 * through ParseResult with a reason and, where it helps, a byte offset.
 */
class LineParser {
public:
    virtual ~LineParser();

    /** @brief The format name, e.g. "json", "syslog". */
    virtual QString format() const = 0;

    /** @brief True when indented lines continue the previous record (see RecordReader). */
    virtual bool joinsContinuationLines() const;

    /**
     * @brief Parses one record into @p out: time (timeNs/timeDigits/timeSource), host, format,
     * severity, summary and fields.
     *
     * The caller has already set source, sourcePos, receivedNs and raw; the parser replaces
     * fields, host, format, severity and summary. When the record carries no usable time,
     * timeNs = ctx.receivedNs and timeSource = Received.
     */
    virtual ParseResult parse(QByteArrayView record, const ParseContext& ctx, Event& out) const = 0;
};

/**
 * @brief Sets @p out's time to @p receivedNs with timeSource Received; milliseconds are shown
 * when the received time has a fraction.
 */
void setReceivedTime(Event& out, qint64 receivedNs);

/** @brief The "now" for year-less timestamps: referenceNs, else receivedNs, else the clock. */
qint64 referenceTimeOf(const ParseContext& ctx);

/** @brief A parser for @p format (see knownFormats(), any case), or nullptr for an unknown name. */
std::unique_ptr<LineParser> makeParser(QStringView format);

/** @brief "json", "syslog", "syslog-rfc3164", "syslog-rfc5424", "text". */
QStringList knownFormats();

/**
 * @brief Guesses the format of a file from its first lines; never empty.
 *
 * Looks at up to 20 non-empty lines: all JSON objects ('#' comment lines aside) gives "json";
 * mostly syslog lines (indented continuation lines aside) gives "syslog"; else "text".
 */
QString detectFormat(const QList<QByteArray>& sampleLines);

} // namespace vigil
