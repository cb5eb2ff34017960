#pragma once

#include "ingest/parser.h"
#include "ingest/syslog_parser.h"

namespace vigil {

/**
 * @brief What a syslog message carries, read after SyslogParser has taken the header apart:
 * CEF or LEEF (format "cef"/"leef"), Snare (`MSWinEventLog`, "snare"), pfSense `filterlog`
 * ("pfsense"), iptables LOG lines ("iptables") — their fields join the syslog ones — and the
 * Linux authentication messages of sshd, sudo, su, login and PAM (common fields only).
 * Also sets common `process` from the program name. A message that claims a payload format and
 * breaks it (a CEF header with too few parts) is rejected with the reason.
 */
ParseResult applySyslogPayload(const ParseContext& ctx, Event& out);

/**
 * @brief The formats that travel in syslog messages or stand alone: cef, leef, snare, iptables,
 * pfsense. A record that starts with its own marker (`CEF:`, `LEEF:`, `MSWinEventLog<TAB>`,
 * `HOST<TAB>MSWinEventLog<TAB>`) is read without a syslog header; any other record is read as
 * syslog, whose payload recognition (applySyslogPayload()) does the rest, so an ordinary syslog
 * line in such a file stays a syslog event.
 */
class SyslogFamilyParser final : public LineParser {
public:
    enum class Kind { Cef, Leef, Snare, Iptables, Pfsense };

    explicit SyslogFamilyParser(Kind kind);

    QString format() const override;
    ParseResult parse(QByteArrayView record, const ParseContext& ctx, Event& out) const override;

private:
    Kind m_kind;
    SyslogParser m_syslog;
};

} // namespace vigil
