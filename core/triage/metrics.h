#pragma once

#include <optional>
#include <vector>

#include <QString>

#include "util/result.h"

namespace vigil {

class Database;
struct JournalEntry;

/**
 * @brief The moments of one incident's life, read from its journal entries' effective times
 * (iem-vocabulary.md §7). Zero means "did not happen (yet)".
 */
struct IncidentTimeline {
    qint64 incidentId = 0;
    qint64 t0 = 0;        ///< earliest evidence (the first alert's event time unless stated)
    qint64 tAlert = 0;    ///< the first alert was raised
    qint64 tAck = 0;      ///< first human action
    qint64 tDeclared = 0; ///< the incident was created
    qint64 tContain = 0;
    qint64 tResolve = 0;   ///< first entry into Resolved or Closed
    qint64 tClose = 0;     ///< last entry into Closed
    QString disposition;   ///< the verdict of the last closing, empty while open
    qint64 openNs = 0;     ///< time open until resolved, reopened spans left out
    bool resolved = false; ///< resolved or closed now
    bool reopened = false;

    bool truePositive() const { return disposition.startsWith(u"tp_"); }
};

/** @brief Mean, median and 90th percentile of one duration, in seconds, with the outliers. */
struct DurationStats {
    qint64 count = 0;
    double mean = 0;
    double median = 0;
    double p90 = 0;
    std::vector<std::pair<qint64, double>> longest; ///< (incident id, seconds), up to 3
};

/** @brief The SOC metrics of a store; each says which incidents it counts (its population). */
struct MetricsReport {
    qint64 incidents = 0;
    qint64 closed = 0;
    qint64 truePositives = 0;
    DurationStats mttd;          ///< t_alert − t0, true positives
    DurationStats mtta;          ///< t_ack − t_alert, incidents acknowledged
    DurationStats timeToVerdict; ///< t_close − t_alert, closed incidents
    DurationStats mttc;          ///< t_contain − t_declared, true positives that were contained
    DurationStats mttrRespond;   ///< t_contain − t_alert, contained incidents
    /** @brief Open time from declaration to resolution, reopened spans excluded. */
    DurationStats mttrResolve;
    DurationStats dwell; ///< t_alert − t0 in seconds (shown in days), true positives
};

/**
 * @brief Computes the metrics from the journal alone — never from fields that can be edited —
 * using each entry's effective time, so back-filled incidents count when they happened (case B36).
 */
class Metrics {
public:
    static Result<MetricsReport> compute(Database& db);
    static Result<std::vector<IncidentTimeline>> timelines(Database& db);
    /** @brief One incident's timeline from its entries in journal order. */
    static IncidentTimeline timeline(qint64 incidentId, const std::vector<JournalEntry>& entries);
    static DurationStats stats(std::vector<std::pair<qint64, double>> samples);
};

} // namespace vigil
