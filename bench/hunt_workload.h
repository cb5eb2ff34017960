#pragma once

#include <memory>

#include <QByteArray>

namespace vigil::bench {

namespace detail {
class WorkloadGenerator;
}

/**
 * @brief Deterministic Windows event stream for hunt benchmarks and the Sigma index test.
 *
 * Each event is one JSON line with the flattened names SigmaHQ's EVTX exports use (`EventID`,
 * `Channel`, `Provider_Name`, `Computer`, `TimeCreated_SystemTime`, the EventData names), as
 * `vigil-cli hunt` reads them. The mix follows a Sysmon-equipped office network: image loads,
 * process creation and termination, network connections, registry and file activity, DNS
 * queries, process access, Security logons 4624/4625/4634/4672 and process creation 4688,
 * PowerShell script blocks and service state changes. About two events per thousand are
 * attack activity (credential dumping, shadow copy deletion, encoded PowerShell, download
 * cradles, persistence, lateral movement …) written to hit real SigmaHQ rules.
 *
 * The same seed gives byte-identical lines on every machine (integer-only random draws, fixed
 * start time). Not thread-safe.
 */
class HuntWorkload {
public:
    explicit HuntWorkload(quint64 seed = 1);
    ~HuntWorkload();
    HuntWorkload(const HuntWorkload&) = delete;
    HuntWorkload& operator=(const HuntWorkload&) = delete;

    /** @brief The next event as one JSON object, without a line break. */
    QByteArray next();
    /** @brief Whether the event last returned by next() is attack activity. */
    bool lastWasAttack() const;
    /** @brief Attack events returned so far. */
    qint64 attackCount() const;

private:
    std::unique_ptr<detail::WorkloadGenerator> m_gen;
};

} // namespace vigil::bench
