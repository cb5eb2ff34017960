#pragma once

#include <vector>

#include <QString>
#include <QStringList>

#include "model/event.h"

namespace vigil {

/** @brief Labelled generated event: the event plus the ground truth for training/outcome scoring.
 */
struct GeneratedEvent {
    Event event;
    bool malicious = false;
    QString storyStep; ///< e.g. "initial-access"; empty for benign noise
};

/**
 * @brief The demo scenario ending at @p endNs: a small company's benign Windows (Sysmon,
 * Security, System), Linux syslog and edge-firewall noise over the last ~24 hours, plus one
 * intrusion story in the last ~6 hours (phishing document on WS-FIN-07 through credential
 * dumping, lateral movement and log clearing; SSH password guessing on web-01 up to root and a
 * cron backdoor; C2 connections blocked at the firewall).
 *
 * Deterministic for (seed, endNs): integer-only random draws, no clock, so the same arguments
 * give byte-identical events on every machine. A few thousand events, sorted by time, each
 * shaped exactly as the json / syslog-rfc3164 import would produce it (source "demo",
 * sourcePos = 1-based index, receivedNs = endNs). Pure function; safe on any thread.
 */
std::vector<GeneratedEvent> generateDemo(quint64 seed, qint64 endNs);

/** @brief Same as generateDemo(), events only. */
std::vector<Event> generateDemoEvents(quint64 seed, qint64 endNs);

/** @brief The story steps in the order they happen (labels used by generateDemo()). */
QStringList demoStorySteps();

} // namespace vigil
