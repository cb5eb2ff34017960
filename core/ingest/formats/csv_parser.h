#pragma once

#include <QList>
#include <QString>

#include "ingest/parser.h"

namespace vigil {

/**
 * @brief Delimited text with a header line (CSV, TSV): the first line that is not a `#` comment
 * names the columns; each later line is one event with a field per column.
 *
 * The delimiter is the one of `,` TAB `;` `|` that the header uses most (outside quotes). Values
 * may be quoted with `"` (a doubled `""` is a quote); values are kept as text, exactly. The time
 * comes from the first column named @timestamp, timestamp, time, datetime, date_time, eventtime,
 * ts or date whose value reads as a time (ISO 8601, epoch, syslog or ctime style), the host from
 * host/hostname/computer, the severity from level/severity. A line with another number of values
 * than the header, or an unclosed quote, is rejected. Keeps per-file state: one instance per file.
 */
class CsvParser final : public LineParser {
public:
    QString format() const override;
    ParseResult parse(QByteArrayView record, const ParseContext& ctx, Event& out) const override;
    ParseResult parseNext(QByteArrayView record, const ParseContext& ctx, Event& out) override;
    bool keepsFileState() const override { return true; }

    /** @brief The delimiter the header @p line uses most, or 0 when it has none. */
    static char detectDelimiter(QByteArrayView line);
    /**
     * @brief Splits a line at @p delimiter honouring quotes; false when a quote is not closed.
     */
    static bool splitLine(QByteArrayView line, char delimiter, QList<QString>& values);

private:
    void readHeader(QByteArrayView line);

    char m_delimiter = ',';
    QList<QString> m_names;
    bool m_haveHeader = false;
    int m_timeColumn = -1;
    int m_hostColumn = -1;
    int m_levelColumn = -1;
};

} // namespace vigil
