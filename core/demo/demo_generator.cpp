#include "demo/demo_generator.h"

#include "demo/demo_log.h"
#include "demo/demo_parts.h"
#include "demo/demo_random.h"

using namespace Qt::StringLiterals;

namespace vigil {

std::vector<GeneratedEvent> generateDemo(quint64 seed, qint64 endNs)
{
    using namespace demo;
    // Every part draws from its own fork of the root, so parts stay independent of each other.
    const DemoRandom root(seed);
    DemoLog log(endNs);
    addWorkstationNoise(log, root);
    addServerNoise(log, root);
    addLinuxNoise(log, root);
    DemoRandom timing = root.fork(u"story:timing"_s);
    const qint64 start = endNs - 6 * kHour + timing.range(0, 20) * kMinute;
    addLinuxStory(log, root, start);
    addWindowsStory(log, root, start + timing.range(40, 60) * kMinute);
    DemoRandom numbering = root.fork(u"numbering"_s);
    return log.finish(numbering);
}

std::vector<Event> generateDemoEvents(quint64 seed, qint64 endNs)
{
    std::vector<GeneratedEvent> generated = generateDemo(seed, endNs);
    std::vector<Event> events;
    events.reserve(generated.size());
    for (GeneratedEvent& g : generated) {
        events.push_back(std::move(g.event));
    }
    return events;
}

QStringList demoStorySteps()
{
    return {u"ssh-brute-force"_s,     u"ssh-valid-account"_s,
            u"sudo-root-shell"_s,     u"cron-persistence"_s,
            u"initial-access"_s,      u"ingress-tool-transfer"_s,
            u"discovery"_s,           u"persistence"_s,
            u"command-and-control"_s, u"privilege-escalation"_s,
            u"credential-access"_s,   u"create-account"_s,
            u"lateral-movement"_s,    u"defense-evasion"_s};
}

} // namespace vigil
