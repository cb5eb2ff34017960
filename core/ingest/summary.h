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
 * pairs). Other events: `message`/`msg`/`MESSAGE`/`log.original`, else the first key=value pairs.
 */
QString summarize(const Event& e);

} // namespace vigil
