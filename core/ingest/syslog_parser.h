#pragma once

#include "ingest/parser.h"

namespace vigil {

/**
 * @brief Syslog lines: RFC 5424 and BSD / RFC 3164 (with the variants real files carry).
 *
 * In Auto mode each line picks its dialect: `<PRI>VERSION ` means RFC 5424, anything else is
 * read as RFC 3164, including lines without PRI, ISO 8601 timestamps in place of the BSD one and
 * the PRI-less RFC 5424 layout some relays write to files. The forced modes read every line in
 * one dialect. Event::format is "syslog-rfc5424" or "syslog-rfc3164" per line.
 *
 * Fields: pri, facility, severity (ints), hostname, app_name, procid, msgid, sd.<SD-ID>.<param>,
 * message. A NILVALUE or a missing part is left out, never stored as "-".
 */
class SyslogParser final : public LineParser {
public:
    enum class Mode { Auto, Rfc3164, Rfc5424 };

    explicit SyslogParser(Mode mode = Mode::Auto);

    QString format() const override;
    bool joinsContinuationLines() const override;
    ParseResult parse(QByteArrayView record, const ParseContext& ctx, Event& out) const override;

private:
    Mode m_mode;
};

} // namespace vigil
