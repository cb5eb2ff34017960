#pragma once

#include "ingest/parser.h"

namespace vigil {

/**
 * @brief Snort and Suricata `fast.log` alerts: `mm/dd[/yyyy]-hh:mm:ss.ffffff [Drop] [**]
 * [gid:sid:rev] message [**] [Classification: c] [Priority: p] {PROTO} src[:port] -> dst[:port]`.
 *
 * Fields: action (alert, or drop when the line says so), gid, sid, rev, msg, classification,
 * priority (integers where numeric), protocol, src_ip, src_port, dst_ip, dst_port. The time has
 * no zone (the sensor's local time); Snort's year-less form takes the year closest to the file's
 * time. A line with `[**]` that breaks the layout is rejected; other lines are foreign.
 */
class FastLogParser final : public LineParser {
public:
    QString format() const override;
    ParseResult parse(QByteArrayView record, const ParseContext& ctx, Event& out) const override;
};

} // namespace vigil
