#include "triage/metrics.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "model/event.h"
#include "storage/database.h"
#include "storage/journal.h"
#include "util/json.h"
#include "util/timestamp.h"

namespace vigil {

namespace {

constexpr double kNsPerSecondD = 1e9;

bool isHuman(const JournalEntry& e) {
    return e.actor != u"vigil";
}

} // namespace

IncidentTimeline Metrics::timeline(qint64 incidentId, const std::vector<JournalEntry>& entries) {
    IncidentTimeline t;
    t.incidentId = incidentId;
    qint64 openSince = 0;
    for (const JournalEntry& e : entries) {
        Fields d;
        parseJsonObjectFlat(e.details, d, nullptr);
        const qint64 when = e.effectiveNs;
        if (e.action == u"created") {
            t.tDeclared = when;
            t.tAlert = d.contains(u"first_alert_id") ? when : 0;
            openSince = when;
            // The evidence may be older than the alert: a stated t0, else the first alert's event.
            for (const QStringView key : {QStringView(u"t0"), QStringView(u"first_seen")}) {
                if (const auto parsed = parseIso8601(d.text(key)); parsed && t.t0 == 0) {
                    t.t0 = parsed->ns;
                }
            }
            if (isHuman(e) && t.tAck == 0) {
                t.tAck = when; // an analyst documenting an incident has acknowledged it
            }
            continue;
        }
        // t_ack: the first human action (iem-vocabulary.md §7): acknowledging, assigning, a
        // status change or a note.
        if (isHuman(e) && t.tAck == 0
            && (e.action == u"status" || e.action == u"note" || e.action == u"acknowledged"
                || e.action == u"assigned")) {
            t.tAck = when;
        }
        if (e.action != u"status") {
            continue;
        }
        const QString to = d.text(u"to");
        const bool ending = to == u"resolved" || to == u"closed";
        if (to == u"contained" && t.tContain == 0) {
            t.tContain = when;
        }
        if (ending) {
            if (t.tResolve == 0) {
                t.tResolve = when;
            }
            if (!t.resolved && openSince != 0) {
                t.openNs += std::max<qint64>(0, when - openSince);
            }
            t.resolved = true;
        }
        if (to == u"closed") {
            t.tClose = when;
            t.disposition = d.text(u"disposition");
        }
        if (d.text(u"reopen") == u"true") {
            t.reopened = true;
            t.resolved = false;
            t.disposition.clear();
            openSince = when; // the closed span is not counted
        }
    }
    return t;
}

DurationStats Metrics::stats(std::vector<std::pair<qint64, double>> samples) {
    DurationStats s;
    s.count = qint64(samples.size());
    if (samples.empty()) {
        return s;
    }
    std::sort(samples.begin(), samples.end(),
              [](const auto& a, const auto& b) { return a.second < b.second; });
    double sum = 0;
    for (const auto& [id, v] : samples) {
        sum += v;
    }
    s.mean = sum / double(samples.size());
    const std::size_t n = samples.size();
    s.median =
        n % 2 ? samples[n / 2].second : (samples[n / 2 - 1].second + samples[n / 2].second) / 2.0;
    // Nearest-rank 90th percentile.
    const std::size_t rank = std::size_t(std::ceil(0.9 * double(n)));
    s.p90 = samples[std::min(n, std::max<std::size_t>(rank, 1)) - 1].second;
    for (std::size_t i = 0; i < std::min<std::size_t>(3, n); ++i) {
        s.longest.push_back(samples[n - 1 - i]);
    }
    return s;
}

Result<std::vector<IncidentTimeline>> Metrics::timelines(Database& db) {
    auto s =
        db.prepare(u"SELECT seq, written_ns, effective_ns, actor, object_type, object_id, "
                   u"action, details FROM journal WHERE object_type = 'incident' ORDER BY seq");
    if (!s) {
        return s.error();
    }
    std::map<qint64, std::vector<JournalEntry>> byIncident;
    while (true) {
        auto row = s->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            break;
        }
        JournalEntry e;
        e.seq = s->int64(0);
        e.writtenNs = s->int64(1);
        e.effectiveNs = s->int64(2);
        e.actor = s->text(3);
        e.objectType = s->text(4);
        e.objectId = s->int64(5);
        e.action = s->text(6);
        e.details = s->blob(7);
        byIncident[e.objectId].push_back(std::move(e));
    }
    std::vector<IncidentTimeline> out;
    for (const auto& [id, entries] : byIncident) {
        out.push_back(timeline(id, entries));
    }
    return out;
}

Result<MetricsReport> Metrics::compute(Database& db) {
    auto all = timelines(db);
    if (!all) {
        return all.error();
    }
    MetricsReport r;
    std::vector<std::pair<qint64, double>> mttd, mtta, verdict, mttc, respond, resolve;
    auto seconds = [](qint64 ns) { return double(ns) / kNsPerSecondD; };
    for (const IncidentTimeline& t : *all) {
        ++r.incidents;
        r.closed += t.tClose != 0 && t.resolved ? 1 : 0;
        const bool tp = t.truePositive();
        r.truePositives += tp ? 1 : 0;
        if (tp && t.t0 != 0 && t.tAlert != 0) {
            mttd.emplace_back(t.incidentId, seconds(t.tAlert - t.t0));
        }
        if (t.tAck != 0 && t.tAlert != 0) {
            mtta.emplace_back(t.incidentId, seconds(t.tAck - t.tAlert));
        }
        if (t.tClose != 0 && t.resolved && t.tAlert != 0) {
            verdict.emplace_back(t.incidentId, seconds(t.tClose - t.tAlert));
        }
        if (tp && t.tContain != 0) {
            mttc.emplace_back(t.incidentId, seconds(t.tContain - t.tDeclared));
        }
        if (t.tContain != 0 && t.tAlert != 0) {
            respond.emplace_back(t.incidentId, seconds(t.tContain - t.tAlert));
        }
        if (t.resolved) {
            resolve.emplace_back(t.incidentId, seconds(t.openNs));
        }
    }
    r.mttd = stats(mttd);
    r.dwell = r.mttd;
    r.mtta = stats(std::move(mtta));
    r.timeToVerdict = stats(std::move(verdict));
    r.mttc = stats(std::move(mttc));
    r.mttrRespond = stats(std::move(respond));
    r.mttrResolve = stats(std::move(resolve));
    return r;
}

} // namespace vigil
