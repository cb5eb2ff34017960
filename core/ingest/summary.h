#pragma once

#include <QString>

namespace vigil {

struct Event;

/**
 * @brief One readable line for list views: plain text, no line breaks (shown as " ⏎ "), at most
 * about 300 characters.
 *
 * Syslog: `app[pid]: message`. Windows-like events (Channel and EventID): `EventID <n> ·
 * <provider> · <most telling field>` (CommandLine, TargetFilename, ... else a few key=value
 * pairs). CEF/LEEF: `product: name`; firewalls: `action interface protocol`; Suricata EVE,
 * Zeek, fast.log, access and W3C logs: their telling fields; each followed by
 * `src:port → dst:port` from the common fields. Other events: `message`/`msg`/`MESSAGE`/
 * `log.original`, else the first key=value pairs.
 */
QString summarize(const Event& e);

} // namespace vigil
