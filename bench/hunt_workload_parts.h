#pragma once

#include <vector>

#include <QByteArray>
#include <QString>
#include <QStringView>

#include "demo/demo_random.h"

namespace vigil::bench::detail {

/** @brief Builds one flat JSON object; keys are ASCII literals, values are escaped. */
class JsonLine {
public:
    void begin();
    void text(const char* key, QStringView value);
    void text(const char* key, const QString& value) { text(key, QStringView(value)); }
    void number(const char* key, qint64 value);
    QByteArray finish();

private:
    void key(const char* key);
    QByteArray m_out;
};

/** @brief A running process as Sysmon describes it. */
struct Proc {
    QString image;
    QString commandLine;
    QString guid;
    qint64 pid = 0;
    QString user; ///< DOMAIN\name
    QString integrity = QStringLiteral("Medium");
};

/** @brief One machine of the simulated network. */
struct Host {
    QString fqdn;
    QString netbios;
    QString ip;
    QString user; ///< sAMAccountName of the person working there (servers: an admin)
};

/**
 * @brief Shared state of the generator: random stream, clock, hosts and the JSON line being
 * written. The benign and attack parts (hunt_benign.cpp, hunt_attacks.cpp) write through it.
 */
class WorkloadGenerator {
public:
    explicit WorkloadGenerator(quint64 seed);

    QByteArray next();
    bool lastWasAttack() const { return m_lastAttack; }
    qint64 attackCount() const { return m_attacks; }

    demo::DemoRandom& rng() { return m_rng; }
    JsonLine& line() { return m_line; }
    const Host& host() const { return *m_host; }
    qint64 timeNs() const { return m_timeNs; }

    /** @brief Opens a record: the System fields every exported event carries. */
    void header(int eventId, QStringView channel, QStringView provider, int level, int task);
    /** @brief Sysmon header plus RuleName and UtcTime. */
    void sysmon(int eventId, int task);
    /** @brief Security-Auditing header. */
    void security(int eventId, int task);

    /** @brief A new process of the current host's user (or SYSTEM when @p system). */
    Proc process(QStringView image, QStringView commandLine, bool system);
    /** @brief Replaces {user} {host} {n} {guid} {hex} {ip} {sid} in @p pattern. */
    QString expand(QStringView pattern);
    QString userSid(QStringView user) const;
    QString utcTime() const;
    QString hashes(QStringView image) const;

    // Record writers shared by both parts.
    void processCreate(const Proc& p, const Proc& parent, QStringView original,
                       QStringView description);
    void securityProcess(const Proc& p, const Proc& parent);

private:
    demo::DemoRandom m_rng;
    JsonLine m_line;
    std::vector<Host> m_hosts;
    const Host* m_host = nullptr;
    qint64 m_timeNs = 0;
    qint64 m_recordId = 0;
    qint64 m_attacks = 0;
    bool m_lastAttack = false;
};

/** @brief A 4624 / 4625 / 4634 / 4672 record's account and origin. */
struct LogonSpec {
    QString user;
    QString domain = QStringLiteral("CORP");
    int type = 3;
    QString ip = QStringLiteral("-");
    QString workstation = QStringLiteral("-");
    QString package = QStringLiteral("Kerberos");
    QString processName = QStringLiteral("-");
};

// Record writers (hunt_records.cpp), used by both parts.
void writeNetwork(WorkloadGenerator& g, QStringView image, QStringView host, QStringView ip,
                  int port);
void writeLogon(WorkloadGenerator& g, int eventId, const LogonSpec& spec);
/** @brief A benign logon-related record: 4624, 4625 (mistyped password), 4634 or 4672. */
void writeBenignLogon(WorkloadGenerator& g, int eventId);
void writeProcessAccess(WorkloadGenerator& g, QStringView source, QStringView target,
                        QStringView access, QStringView callTrace);
/** @brief A benign process-access record (Defender, Task Manager, WMI …). */
void writeBenignProcessAccess(WorkloadGenerator& g);

/** @brief Writes one benign record of a kind drawn from the office mix. */
void writeBenign(WorkloadGenerator& g);
/** @brief Writes one attack record drawn from the attack catalogue. */
void writeAttack(WorkloadGenerator& g);

} // namespace vigil::bench::detail
