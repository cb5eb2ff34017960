#pragma once

#include <span>

#include <QString>

namespace vigil::demo {

/** @brief A Windows machine of the demo company (domain CORP, DNS suffix corp.example). */
struct WinHost {
    QString name;    ///< FQDN as Windows writes it in Computer, e.g. WS-FIN-07.corp.example
    QString netbios; ///< WS-FIN-07
    QString ip;      ///< 10.x address
    QString user;    ///< the primary user's sAMAccountName; empty for servers
    bool server = false;
};

/** @brief A Linux machine writing RFC 3164 syslog (short host name as syslog writes it). */
struct LinuxHost {
    QString name;
    QString ip;
};

/** @brief The twelve Windows machines; workstations run Sysmon, servers audit 4688 instead. */
std::span<const WinHost> windowsHosts();
/** @brief The Linux machines: web-01 (internet-facing), bastion-01, build-02, fw-edge-01. */
std::span<const LinuxHost> linuxHosts();
/** @brief The Windows host named @p netbios (must exist). */
const WinHost& windowsHost(QStringView netbios);
/** @brief The Linux host named @p name (must exist). */
const LinuxHost& linuxHost(QStringView name);

/** @brief Ordinary domain users (sAMAccountName) besides the hosts' primary users. */
std::span<const QString> extraUsers();

/** @brief "CORP". */
QString domainName();
/** @brief A stable domain SID for @p user: S-1-5-21-...-<rid>. */
QString userSid(const QString& user);
/** @brief The company's public address (NAT of web-01 and the office). */
QString publicAddress();

/** @brief Addresses and names of the attack story (documentation ranges, .test names). */
namespace story {
QString c2Address();      ///< 203.0.113.45
QString sshAttacker();    ///< 203.0.113.77
QString stagingHost();    ///< files.update-check.test
QString stagingAddress(); ///< 198.51.100.23
} // namespace story

} // namespace vigil::demo
