#pragma once

#include <atomic>
#include <vector>

#include <QString>

#include "investigation/observable_types.h"
#include "util/result.h"

namespace vigil {

class Database;

/** @brief An observable of one incident, with its markings. */
struct ObservableRecord {
    qint64 id = 0;          ///< 0 when found by collect() but not stored yet
    qint64 incidentId = 0;
    ObservableType type = ObservableType::Ip;
    QString value;
    Tlp tlp = kDefaultTlp;
    Pap pap = kDefaultPap;
    qint64 eventCount = 0;  ///< events of the incident that hold it
    qint64 firstSeenNs = 0; ///< time of the first and last of those events
    qint64 lastSeenNs = 0;
    QString field;          ///< where it was first found ("fields.Image")
    qint64 addedNs = 0;
};

/** @brief What ObservableService::refresh() did. */
struct ExtractionCounts {
    qint64 eventsRead = 0;
    qint64 observables = 0; ///< distinct observables of the incident now
    qint64 added = 0;       ///< new since the last extraction
};

/** @brief Stored events that hold an observable (ObservableQueries::pivot()). */
struct PivotResult {
    std::vector<qint64> eventIds; ///< in time order
    bool truncated = false;       ///< more matched than the limit allowed
    bool cancelled = false;
};

/**
 * @brief Extracts an incident's observables from its events, stores them deduplicated per
 * incident (type and key, see observableKey()) and records analyst markings, journalling each
 * marking in the incident's journal.
 *
 * Threading: use on the thread that owns @p db (a writer connection).
 */
class ObservableService {
public:
    ObservableService(Database& db, QString actor);

    /**
     * @brief Reads every event linked to @p incidentId and stores the observables not stored
     * yet, with the default markings, in one transaction; links each to the events that hold
     * it. Running it again adds nothing unless events were added. Extraction derives data from
     * stored events and is not journalled (it can be repeated at any time with the same result);
     * what analysts decide about observables, their markings, is.
     */
    Result<ExtractionCounts> refresh(qint64 incidentId, const std::atomic<bool>* cancel = nullptr);

    /**
     * @brief Sets the TLP and PAP of observable @p observableId (own transaction) with a journal
     * entry ("observable_marking") naming the value and the markings before and after. Returns
     * false when both were already set so (nothing is written).
     */
    Result<bool> setMarking(qint64 observableId, Tlp tlp, Pap pap);

private:
    Database& m_db;
    QString m_actor;
};

/** @brief Read-only observable queries for the detail view, the report and pivots. */
class ObservableQueries {
public:
    /** @brief The stored observables of an incident, by type then value. */
    static Result<std::vector<ObservableRecord>> forIncident(Database& db, qint64 incidentId);

    /**
     * @brief The incident's observables as a report needs them without writing: the stored
     * ones with their markings, plus those its events hold that were not extracted yet (id 0,
     * default markings). By type then value.
     */
    static Result<std::vector<ObservableRecord>> collect(Database& db, qint64 incidentId);

    /**
     * @brief Every stored event (in the whole store, not only this incident) that holds the
     * value, in time order, at most @p limit:
     * - ip, domain, hashes: the value as a whole token (see observable_text::containsToken) in
     *   the raw record, the fields or the common fields, any case;
     * - url, file path: the value anywhere in the raw record or the fields, any case;
     * - user, host: a field (or, for hosts, the host column) equal to the value, any case.
     * Stops at the next row when @p cancel is set.
     */
    static Result<PivotResult> pivot(Database& db, ObservableType type, const QString& value,
                                     qint64 limit, const std::atomic<bool>* cancel = nullptr);
};

} // namespace vigil
