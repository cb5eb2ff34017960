#pragma once

#include <QString>

namespace vigil {

struct Event;

/**
 * @brief Recognises what a flattened JSON record is and fills Event::common for it:
 * Suricata EVE (`event_type` with `timestamp`; format "suricata-eve"), Zeek JSON logs (`uid`
 * with `id.orig_h`, or `_path`; format "zeek-json"), journald exports (program name and the
 * Linux authentication messages), Windows events (EventID with Channel or Provider), ECS names
 * (source.ip, user.name, event.category ...) and plain names (src_ip, dest_ip, user ...).
 */
void applyJsonVariants(Event& out);

/**
 * @brief Common fields from well-known column or key names alone: ECS (source.ip, user.name,
 * event.category, event.outcome, url.original ...) and plain names (src_ip, dest_ip, user ...).
 * Used for CSV columns and JSON records of no known producer.
 */
void fillCommonFromNames(Event& out);

/**
 * @brief Common fields of a Zeek log record (TSV or JSON): addresses and ports from `id.*`,
 * protocol, and per log path (conn, dns, http, ssh, ssl, files, notice, weird ...) category,
 * action, outcome, url, http_status, user, signature. @p path is the log's `#path` or `_path`,
 * or empty when unknown (then the fields decide).
 */
void fillZeekCommon(Event& out, const QString& path);

} // namespace vigil
