#pragma once

#include <vector>

#include <QString>

#include "demo/demo_generator.h"

namespace vigil::demo {

class DemoRandom;

/** @brief Ground truth attached to one generated event. */
struct Label {
    bool malicious = false;
    QString step;
};

/** @brief The label of a story event. */
inline Label attack(const QString& step)
{
    return Label{true, step};
}

inline constexpr qint64 kSecond = 1'000'000'000;
inline constexpr qint64 kMinute = 60 * kSecond;
inline constexpr qint64 kHour = 60 * kMinute;

/**
 * @brief Collects generated records and turns them into import-shaped events.
 *
 * Windows records get their System fields here (EventRecordID is numbered per computer and
 * channel in time order by finish()); syslog records are kept as header parts and message and
 * rendered as RFC 3164 lines. Times are truncated to what the format can carry (100 ns for
 * Windows, whole seconds for syslog). Records outside [endNs - kWindow, endNs] are dropped, as
 * an export taken at endNs would not have them.
 */
class DemoLog {
public:
    explicit DemoLog(qint64 endNs);

    qint64 endNs() const { return m_endNs; }

    /**
     * @brief Starts a Windows record and returns its fields for the EventData to be appended.
     * The reference is valid until the next add call.
     */
    Fields& addWindows(qint64 timeNs, const QString& computer, const QString& provider,
                       const QString& channel, int eventId, int level, const Label& label = {});

    /** @brief Adds a syslog record; @p pid may be empty (no `[pid]` in the tag). */
    void addSyslog(qint64 timeNs, const QString& host, const QString& app, const QString& pid,
                   const QString& message, int severity, const Label& label = {});

    /** @brief Sorts by time, numbers records and renders raw, summary and positions. */
    std::vector<GeneratedEvent> finish(DemoRandom& rng);

    /** @brief How far back records are kept. */
    static constexpr qint64 kWindow = 25 * kHour;

private:
    bool inWindow(qint64 timeNs) const;

    qint64 m_endNs;
    std::vector<GeneratedEvent> m_events;
    Fields m_discard; // receives the fields of a dropped Windows record
};

/** @brief `Mmm dd hh:mm:ss` (day padded with a space) of a UTC time. */
QString bsdTimestamp(qint64 timeNs);

/** @brief Sysmon's UtcTime form `YYYY-MM-DD hh:mm:ss.mmm`. */
QString sysmonUtcTime(qint64 timeNs);

} // namespace vigil::demo
