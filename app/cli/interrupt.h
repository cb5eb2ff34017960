#pragma once

#include "ingest/importer.h"

namespace vigil::cli {

/**
 * Installs handlers so Ctrl-C (SIGINT) and SIGTERM stop the running import or hunt at its next
 * batch instead of killing it mid-write (the run is then recorded as cancelled with what it
 * stored), and ignores SIGPIPE so `vigil-cli hunt ... | head` keeps recording its alerts.
 */
void installSignalHandlers();

/** The flag the handlers set; pass it as the cancel flag of long work. */
const CancelFlag* interruptFlag();

/** Exit code for a run stopped by a signal (128 + SIGINT, as shells report it). */
inline constexpr int ExitInterrupted = 130;

} // namespace vigil::cli
