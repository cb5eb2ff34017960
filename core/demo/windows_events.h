#pragma once

#include <QString>

#include "demo/demo_log.h"

namespace vigil::demo {

class DemoRandom;
struct WinHost;

/** @brief A running Windows process as Sysmon and Security auditing describe it. */
struct Process {
    QString image;
    QString commandLine;
    QString guid;
    qint64 pid = 0;
    QString user;      ///< DOMAIN\name as Sysmon writes it
    QString logonId;   ///< 0x... of the logon session
    QString integrity; ///< Low, Medium, High, System
    QString currentDirectory;
    QString originalFileName;
};

/** @brief A new process with a fresh PID (a multiple of four) and GUID drawn from @p rng. */
Process makeProcess(DemoRandom& rng, const QString& image, const QString& commandLine,
                    const QString& user, const QString& logonId,
                    const QString& integrity = QStringLiteral("Medium"),
                    const QString& currentDirectory = {});

/** @brief Parameters of a 4624 / 4625 logon. */
struct Logon {
    QString user;
    QString domain;
    int type = 3;
    QString ip = QStringLiteral("-");
    QString workstation = QStringLiteral("-");
    QString authPackage = QStringLiteral("Kerberos");
};

/**
 * @brief Writes Windows records (Sysmon, Security, System) with the field names and value forms
 * of SigmaHQ's flattened EVTX exports: EventData values are strings, EventID and Level integers.
 */
class WindowsEvents {
public:
    WindowsEvents(DemoLog& log, DemoRandom& rng);

    /** @brief A new process (fresh PID and GUID); nothing is logged. */
    Process spawn(const QString& image, const QString& commandLine, const QString& user,
                  const QString& logonId, const QString& integrity = QStringLiteral("Medium"),
                  const QString& currentDirectory = {});

    /** Sysmon 1. */
    void processCreate(qint64 t, const WinHost& h, const Process& p, const Process& parent,
                       const Label& label = {});
    /** Sysmon 3 (an outbound connection from @p p). */
    void networkConnect(qint64 t, const WinHost& h, const Process& p, const QString& protocol,
                        const QString& dstIp, const QString& dstHost, int dstPort,
                        const Label& label = {});
    /** Sysmon 11. */
    void fileCreate(qint64 t, const WinHost& h, const Process& p, const QString& path,
                    const Label& label = {});
    /** Sysmon 13. */
    void registrySet(qint64 t, const WinHost& h, const Process& p, const QString& key,
                     const QString& details, const Label& label = {});
    /** Sysmon 22. */
    void dnsQuery(qint64 t, const WinHost& h, const Process& p, const QString& name,
                  const QString& results, const Label& label = {});
    /** Sysmon 10. */
    void processAccess(qint64 t, const WinHost& h, const Process& source, const Process& target,
                       const QString& grantedAccess, const Label& label = {});

    /** Security 4624. */
    void logon(qint64 t, const WinHost& h, const Logon& logon, const Label& label = {});
    /** Security 4625 (bad password). */
    void logonFailed(qint64 t, const WinHost& h, const Logon& logon, const Label& label = {});
    /** Security 4688 (with command line auditing). */
    void securityProcess(qint64 t, const WinHost& h, const Process& p, const Process& parent,
                         const Label& label = {});
    /** Security 4720. @p accountDomain is CORP or the machine name for a local account. */
    void userCreated(qint64 t, const WinHost& h, const Process& subject, const QString& user,
                     const QString& accountDomain, const QString& sid, const Label& label = {});
    /** Security 4732: @p memberSid added to a built-in local group. */
    void groupMemberAdded(qint64 t, const WinHost& h, const Process& subject,
                          const QString& memberSid, const QString& group, const QString& groupSid,
                          const Label& label = {});
    /** Security 1102. */
    void logCleared(qint64 t, const WinHost& h, const Process& subject, const Label& label = {});
    /** System 7045. */
    void serviceInstalled(qint64 t, const WinHost& h, const QString& name, const QString& imagePath,
                          const QString& startType, const Label& label = {});
    /** System 7036. */
    void serviceState(qint64 t, const WinHost& h, const QString& displayName, bool running,
                      const Label& label = {});

    /** @brief The process's image file name with the folders cut off. */
    static QString baseName(const QString& image);

private:
    Fields& sysmon(qint64 t, const WinHost& h, int eventId, const Label& label);
    Fields& security(qint64 t, const WinHost& h, int eventId, const Label& label);
    void addSubject(Fields& f, const WinHost& h, const Process& subject);
    QString hashesOf(const QString& image) const;

    DemoLog& m_log;
    DemoRandom& m_rng;
};

} // namespace vigil::demo
