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
    /**
     * @brief The record is file metadata the parser read as such — a CSV header line, Zeek's
     * `#fields`/`#types`, a W3C `#Fields:` directive or a comment before them: no event and no
     * reject. Only header-driven parsers set it.
     */
    bool header = false;
};

/**
 * @brief Turns one record (one line, or several when continuation lines are joined) into an
 * Event.
 *
 * Parsers hold no state between records and parse() is const, so one instance may be shared by
 * several threads. Untrusted input never crashes a parser: anything it cannot read is reported
 * through ParseResult with a reason and, where it helps, a byte offset.
 *
 * Header-driven formats (CSV, W3C extended, Zeek TSV) are the exception: their header lines
 * decide how later records read. Feed a file's records in order through parseNext(), with one
 * instance per file (makeParser() gives a fresh one); their parse() reads data records with the
 * header read so far.
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

    /**
     * @brief Parses the next record of the current file, in file order: header lines update the
     * parser's per-file state and come back with ParseResult::header. The default calls parse().
     */
    virtual ParseResult parseNext(QByteArrayView record, const ParseContext& ctx, Event& out);

    /**
     * @brief True for header-driven parsers (they override parseNext()): their records must be
     * parsed in file order on one thread. False: records may be parsed on any threads at once.
     */
    virtual bool keepsFileState() const;
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

/**
 * @brief "json", "syslog", "syslog-rfc3164", "syslog-rfc5424", "text", then the formats of
 * core/ingest/formats (formatParserNames(): cef, leef, csv, w3c, zeek-tsv ...).
 */
QStringList knownFormats();

/**
 * @brief Guesses the format of a file from its first lines; never empty.
 *
 * Looks at up to 20 non-empty lines: content that names a format outright comes first
 * (detectFormatByContent(): Zeek and W3C headers, Suricata EVE, a majority of CEF/LEEF/Snare/
 * firewall/fast.log/web log lines, CSV with a header); then all JSON objects ('#' comment lines
 * aside) gives "json"; mostly syslog lines (indented continuation lines aside) gives "syslog";
 * else "text".
 */
QString detectFormat(const QList<QByteArray>& sampleLines);

} // namespace vigil
