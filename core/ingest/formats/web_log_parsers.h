#pragma once

#include "ingest/parser.h"

namespace vigil {

/**
 * @brief Apache/nginx access logs in the common and combined formats:
 * `host ident user [dd/Mon/yyyy:hh:mm:ss ±zzzz] "request" status bytes ["referer" "agent"]`.
 *
 * Fields: client_ip, ident, user, request (as written), method, path, protocol, status and bytes
 * (integers; a `-` size is 0, as Apache writes it for an empty body), referrer, user_agent, and
 * `extra` for text after the user agent. `-` for ident, user, referrer or agent leaves the field
 * out; `\"` and `\\` in quoted parts are undone. A line that has the shape (`[time]` and a quoted
 * request) but breaks it is rejected with the reason; other lines are foreign.
 */
class ApacheAccessParser final : public LineParser {
public:
    QString format() const override;
    ParseResult parse(QByteArrayView record, const ParseContext& ctx, Event& out) const override;
};

/**
 * @brief Apache error logs: `[Www Mmm dd hh:mm:ss[.us] yyyy] [module:level] [pid N:tid M]
 * [client ip:port] message` (2.2 and 2.4 layouts; every bracket after the time is optional).
 *
 * Fields: level, module, pid, tid, client_ip, client_port, message. The time has no zone and is
 * read in the source's zone. Lines that do not start with `[` (continuations) are foreign; a
 * line whose bracketed time cannot be read is rejected.
 */
class ApacheErrorParser final : public LineParser {
public:
    QString format() const override;
    ParseResult parse(QByteArrayView record, const ParseContext& ctx, Event& out) const override;
};

} // namespace vigil
