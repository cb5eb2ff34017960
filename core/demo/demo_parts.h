#pragma once

// Internal to core/demo: the parts generateDemo() assembles.

#include <QString>

#include "demo/windows_events.h"

namespace vigil::demo {

class DemoLog;
class DemoRandom;
struct WinHost;

/** @brief Long-running processes of one Windows host, shared by the noise and the story. */
struct HostProcesses {
    Process services;
    Process lsass;
    Process svchostNetsvcs;
    Process svchostDcom;
    Process defender; ///< MsMpEng.exe
    Process explorer; ///< the primary user's shell (workstations)
    Process outlook;  ///< started by explorer each morning (workstations)
    QString userLogonId;
};

/** @brief The standard processes of @p h, the same for every caller with the same @p root. */
HostProcesses hostProcesses(const WinHost& h, const DemoRandom& root);

/** @brief "CORP\\name". */
QString domainUser(const QString& name);

/**
 * @brief A time in [from, to): uniform, or weighted towards office hours (08:00-18:00 UTC,
 * the demo company's time zone) when @p officeHours is true.
 */
qint64 randomTime(DemoRandom& rng, qint64 from, qint64 to, bool officeHours);

/** @brief A random external (documentation-range) address that is not one of the story's. */
QString externalAddress(DemoRandom& rng);

/** @brief One `[UFW BLOCK]` kernel message of the edge firewall. */
QString ufwBlock(DemoRandom& rng, bool outbound, const QString& src, const QString& dst,
                 const QString& proto, int srcPort, int dstPort);

void addWorkstationNoise(DemoLog& log, const DemoRandom& root);
void addServerNoise(DemoLog& log, const DemoRandom& root);
void addLinuxNoise(DemoLog& log, const DemoRandom& root);
void addWindowsStory(DemoLog& log, const DemoRandom& root, qint64 startNs);
void addLinuxStory(DemoLog& log, const DemoRandom& root, qint64 startNs);

} // namespace vigil::demo
