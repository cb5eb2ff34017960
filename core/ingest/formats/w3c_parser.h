#pragma once

#include <QList>
#include <QString>

#include "ingest/parser.h"

namespace vigil {

/**
 * @brief W3C extended log files (IIS, many proxies): `#Fields:` names the space-separated
 * columns; other `#` directives (`#Software:`, `#Version:`, `#Date:`) are read as headers.
 *
 * Fields keep the W3C names (`c-ip`, `cs-uri-stem`, `sc-status`, `cs(User-Agent)` ...). `-`
 * gives null; a value in double quotes may hold spaces; status codes, ports, byte counts and
 * time-taken are integers, everything else text as written (IIS writes '+' for spaces). The time
 * is `date` + `time` in UTC, as the W3C format defines (`#Date:` gives the date when there is no
 * date column). A data line before `#Fields:`, or with another number of values, is rejected.
 * Keeps per-file state: one instance per file.
 */
class W3cParser final : public LineParser {
public:
    QString format() const override;
    ParseResult parse(QByteArrayView record, const ParseContext& ctx, Event& out) const override;
    ParseResult parseNext(QByteArrayView record, const ParseContext& ctx, Event& out) override;
    bool keepsFileState() const override { return true; }

private:
    QList<QString> m_names;
    QList<bool> m_integer;
    QByteArray m_directiveDate; // yyyy-mm-dd from #Date:
    int m_dateColumn = -1;
    int m_timeColumn = -1;
};

} // namespace vigil
