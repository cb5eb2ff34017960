#include "demo/demo_inventory.h"

#include "demo/demo_world.h"
#include "storage/database.h"
#include "triage/asset_inventory.h"

namespace vigil::demo {

namespace {

Criticality windowsCriticality(const WinHost& h)
{
    if (h.netbios.startsWith(u"SRV-DC")) {
        return Criticality::Critical;
    }
    if (h.server || h.netbios.startsWith(u"WS-FIN") || h.netbios.startsWith(u"WS-IT")) {
        return Criticality::High;
    }
    return Criticality::Medium;
}

Criticality linuxCriticality(const LinuxHost& h)
{
    if (h.name.startsWith(u"fw-")) {
        return Criticality::Critical;
    }
    return h.name.startsWith(u"web-") ? Criticality::High : Criticality::Medium;
}

} // namespace

Result<int> seedInventory(Database& db)
{
    const QString actor = QStringLiteral("vigil demo");
    std::vector<Asset> assets;
    for (const WinHost& h : windowsHosts()) {
        Asset a;
        a.kind = QStringLiteral("host");
        a.name = h.name;
        a.criticality = windowsCriticality(h);
        a.owner = h.server ? QStringLiteral("IT operations") : h.user;
        a.tags = {h.server ? QStringLiteral("server") : QStringLiteral("workstation")};
        assets.push_back(a);
    }
    for (const LinuxHost& h : linuxHosts()) {
        Asset a;
        a.kind = QStringLiteral("host");
        a.name = h.name;
        a.criticality = linuxCriticality(h);
        a.owner = QStringLiteral("IT operations");
        a.tags = {QStringLiteral("linux")};
        assets.push_back(a);
    }
    for (const auto& [user, criticality] :
         {std::pair{u"administrator", Criticality::Critical}, std::pair{u"trent", Criticality::High},
          std::pair{u"alice", Criticality::High}}) {
        Asset a;
        a.kind = QStringLiteral("user");
        a.name = QString::fromUtf16(user);
        a.criticality = criticality;
        a.tags = {QStringLiteral("demo")};
        assets.push_back(a);
    }
    int changed = 0;
    for (const Asset& a : assets) {
        auto r = AssetInventory::save(db, a, actor);
        if (!r) {
            return r.error();
        }
        changed += *r ? 1 : 0;
    }
    return changed;
}

} // namespace vigil::demo
