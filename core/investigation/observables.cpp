#include "investigation/observables.h"

#include <algorithm>
#include <map>

#include "investigation/observable_extractor.h"
#include "investigation/observable_text.h"
#include "model/event.h"
#include "storage/database.h"
#include "storage/event_store.h"
#include "storage/journal.h"
#include "util/json.h"
#include "util/timestamp.h"

namespace vigil {

namespace {

// One observable found in an incident's events.
struct Found {
    ObservableType type = ObservableType::Ip;
    QString value;
    QString key;
    QString field;
    std::vector<qint64> eventIds;
    qint64 firstNs = 0;
    qint64 lastNs = 0;
};

using FoundKey = std::pair<int, QString>;

Result<std::vector<Found>> extractAll(Database& db, qint64 incidentId,
                                      const std::atomic<bool>* cancel, qint64* eventsRead)
{
    auto s = db.prepare(QStringLiteral("SELECT %1 FROM events WHERE id IN (SELECT event_id FROM "
                                       "incident_events WHERE incident_id = ?1) "
                                       "ORDER BY time_ns, id")
                            .arg(QStringView(kEventColumns)));
    if (!s) {
        return s.error();
    }
    s->bind(1, incidentId);
    std::vector<Found> found;
    std::map<FoundKey, std::size_t> index;
    while (true) {
        auto row = s->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            break;
        }
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            return makeError(ErrorCode::InvalidState, QStringLiteral("extraction was stopped"));
        }
        Event e;
        readEventRow(*s, 0, e);
        ++*eventsRead;
        for (ObservableHit& hit : extractObservables(e)) {
            FoundKey key{int(hit.type), observableKey(hit.type, hit.value)};
            auto [it, isNew] = index.emplace(key, found.size());
            if (isNew) {
                found.push_back({hit.type, std::move(hit.value), key.second, std::move(hit.field),
                                 {}, e.timeNs, e.timeNs});
            }
            Found& f = found[it->second];
            f.eventIds.push_back(e.id);
            f.firstNs = std::min(f.firstNs, e.timeNs);
            f.lastNs = std::max(f.lastNs, e.timeNs);
        }
    }
    return found;
}

Result<void> requireIncident(Database& db, qint64 incidentId)
{
    auto s = db.prepare(u"SELECT 1 FROM incidents WHERE id = ?1");
    if (!s) {
        return s.error();
    }
    s->bind(1, incidentId);
    auto row = s->step();
    if (!row) {
        return row.error();
    }
    if (!*row) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no incident %1").arg(incidentId));
    }
    return {};
}

int typeOrder(ObservableType t)
{
    return int(t);
}

void sortRecords(std::vector<ObservableRecord>& records)
{
    std::sort(records.begin(), records.end(), [](const ObservableRecord& a, const ObservableRecord& b) {
        if (a.type != b.type) {
            return typeOrder(a.type) < typeOrder(b.type);
        }
        const int c = a.value.compare(b.value, Qt::CaseInsensitive);
        return c != 0 ? c < 0 : a.value < b.value;
    });
}

} // namespace

ObservableService::ObservableService(Database& db, QString actor)
    : m_db(db)
    , m_actor(std::move(actor))
{
}

Result<ExtractionCounts> ObservableService::refresh(qint64 incidentId,
                                                    const std::atomic<bool>* cancel)
{
    if (auto r = requireIncident(m_db, incidentId); !r) {
        return r.error();
    }
    ExtractionCounts counts;
    auto found = extractAll(m_db, incidentId, cancel, &counts.eventsRead);
    if (!found) {
        return found.error();
    }
    Transaction tx(m_db);
    if (!tx.begun()) {
        return tx.begun().error();
    }
    auto find = m_db.prepare(u"SELECT id FROM observables WHERE incident_id = ?1 AND type = ?2 "
                             u"AND value_key = ?3");
    auto insert = m_db.prepare(
        u"INSERT INTO observables (incident_id, type, value, value_key, tlp, pap, first_field, "
        u"first_seen_ns, last_seen_ns, added_ns) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    auto seen = m_db.prepare(u"UPDATE observables SET first_seen_ns = min(first_seen_ns, ?2), "
                             u"last_seen_ns = max(last_seen_ns, ?3) WHERE id = ?1");
    auto link = m_db.prepare(
        u"INSERT OR IGNORE INTO observable_events (observable_id, event_id) VALUES (?1, ?2)");
    for (auto* st : {&find, &insert, &seen, &link}) {
        if (!*st) {
            return st->error();
        }
    }
    const qint64 now = nowNs();
    for (const Found& f : *found) {
        find->reset();
        find->bind(1, incidentId);
        find->bind(2, codeOf(f.type));
        find->bind(3, f.key);
        auto row = find->step();
        if (!row) {
            return row.error();
        }
        qint64 id = *row ? find->int64(0) : 0;
        if (id == 0) {
            insert->reset();
            insert->bind(1, incidentId);
            insert->bind(2, codeOf(f.type));
            insert->bind(3, f.value);
            insert->bind(4, f.key);
            insert->bind(5, codeOf(kDefaultTlp));
            insert->bind(6, codeOf(kDefaultPap));
            insert->bind(7, f.field);
            insert->bind(8, f.firstNs);
            insert->bind(9, f.lastNs);
            insert->bind(10, now);
            if (auto r = insert->run(); !r) {
                return r.error();
            }
            id = m_db.lastInsertId();
            ++counts.added;
        } else {
            seen->reset();
            seen->bind(1, id);
            seen->bind(2, f.firstNs);
            seen->bind(3, f.lastNs);
            if (auto r = seen->run(); !r) {
                return r.error();
            }
        }
        for (qint64 eventId : f.eventIds) {
            link->reset();
            link->bind(1, id);
            link->bind(2, eventId);
            if (auto r = link->run(); !r) {
                return r.error();
            }
        }
    }
    counts.observables = qint64(found->size());
    if (auto r = tx.commit(); !r) {
        return r.error();
    }
    return counts;
}

Result<bool> ObservableService::setMarking(qint64 observableId, Tlp tlp, Pap pap)
{
    Transaction tx(m_db);
    if (!tx.begun()) {
        return tx.begun().error();
    }
    auto s = m_db.prepare(u"SELECT incident_id, type, value, tlp, pap FROM observables WHERE id = ?1");
    if (!s) {
        return s.error();
    }
    s->bind(1, observableId);
    auto row = s->step();
    if (!row) {
        return row.error();
    }
    if (!*row) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no observable %1").arg(observableId));
    }
    const qint64 incidentId = s->int64(0);
    const QString type = s->text(1);
    const QString value = s->text(2);
    const Tlp tlpBefore = tlpFromCode(s->text(3)).value_or(kDefaultTlp);
    const Pap papBefore = papFromCode(s->text(4)).value_or(kDefaultPap);
    if (tlpBefore == tlp && papBefore == pap) {
        return false;
    }
    auto update = m_db.prepare(u"UPDATE observables SET tlp = ?2, pap = ?3 WHERE id = ?1");
    if (!update) {
        return update.error();
    }
    update->bind(1, observableId);
    update->bind(2, codeOf(tlp));
    update->bind(3, codeOf(pap));
    if (auto r = update->run(); !r) {
        return r.error();
    }
    JournalEntry e;
    e.actor = m_actor;
    e.objectType = QStringLiteral("incident");
    e.objectId = incidentId;
    e.action = QStringLiteral("observable_marking");
    e.details = JsonObjectWriter()
                    .add(u"observable_id", observableId)
                    .add(u"type", type)
                    .add(u"value", value)
                    .add(u"tlp", labelOf(tlp))
                    .add(u"pap", labelOf(pap))
                    .add(u"tlp_before", labelOf(tlpBefore))
                    .add(u"pap_before", labelOf(papBefore))
                    .finish();
    if (auto r = Journal::append(m_db, e); !r) {
        return r.error();
    }
    if (auto r = tx.commit(); !r) {
        return r.error();
    }
    return true;
}

Result<std::vector<ObservableRecord>> ObservableQueries::forIncident(Database& db,
                                                                    qint64 incidentId)
{
    auto s = db.prepare(u"SELECT o.id, o.incident_id, o.type, o.value, o.tlp, o.pap, "
                        u"(SELECT count(*) FROM observable_events oe WHERE oe.observable_id = o.id), "
                        u"o.first_seen_ns, o.last_seen_ns, o.first_field, o.added_ns "
                        u"FROM observables o WHERE o.incident_id = ?1");
    if (!s) {
        return s.error();
    }
    s->bind(1, incidentId);
    auto rows = collectRows<ObservableRecord>(*s, [](const Statement& st) {
        ObservableRecord r;
        r.id = st.int64(0);
        r.incidentId = st.int64(1);
        r.type = observableTypeFromCode(st.text(2)).value_or(ObservableType::Host);
        r.value = st.text(3);
        r.tlp = tlpFromCode(st.text(4)).value_or(kDefaultTlp);
        r.pap = papFromCode(st.text(5)).value_or(kDefaultPap);
        r.eventCount = st.int64(6);
        r.firstSeenNs = st.int64(7);
        r.lastSeenNs = st.int64(8);
        r.field = st.text(9);
        r.addedNs = st.int64(10);
        return r;
    });
    if (rows) {
        sortRecords(*rows);
    }
    return rows;
}

Result<std::vector<ObservableRecord>> ObservableQueries::collect(Database& db, qint64 incidentId)
{
    auto stored = forIncident(db, incidentId);
    if (!stored) {
        return stored.error();
    }
    qint64 read = 0;
    auto found = extractAll(db, incidentId, nullptr, &read);
    if (!found) {
        return found.error();
    }
    std::map<FoundKey, std::size_t> byKey;
    for (std::size_t i = 0; i < stored->size(); ++i) {
        const ObservableRecord& r = (*stored)[i];
        byKey.emplace(FoundKey{int(r.type), observableKey(r.type, r.value)}, i);
    }
    for (const Found& f : *found) {
        const auto it = byKey.find(FoundKey{int(f.type), f.key});
        if (it != byKey.end()) {
            ObservableRecord& r = (*stored)[it->second];
            r.eventCount = std::max(r.eventCount, qint64(f.eventIds.size()));
            continue;
        }
        ObservableRecord r;
        r.incidentId = incidentId;
        r.type = f.type;
        r.value = f.value;
        r.eventCount = qint64(f.eventIds.size());
        r.firstSeenNs = f.firstNs;
        r.lastSeenNs = f.lastNs;
        r.field = f.field;
        stored->push_back(std::move(r));
    }
    sortRecords(*stored);
    return stored;
}

} // namespace vigil
