#include "interrupt.h"

#include <csignal>

namespace vigil::cli {

namespace {

CancelFlag g_interrupted{false};

extern "C" void onSignal(int)
{
    // Only a lock-free atomic store: safe in a signal handler.
    g_interrupted.store(true, std::memory_order_relaxed);
}

} // namespace

void installSignalHandlers()
{
    static_assert(CancelFlag::is_always_lock_free);
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    std::signal(SIGPIPE, SIG_IGN);
}

const CancelFlag* interruptFlag()
{
    return &g_interrupted;
}

} // namespace vigil::cli
