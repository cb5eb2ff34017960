#include "triage/incident_priority.h"

#include "storage/database.h"
#include "storage/journal.h"
#include "triage/asset_inventory.h"
#include "util/json.h"
#include "util/timestamp.h"

namespace vigil {

namespace {

// The distinct users the incident's alerts' events name, first 50.
constexpr char16_t kUsersSql[] =
    u"SELECT DISTINCT json_extract(e.common, '$.user') AS u FROM alerts a "
    u"JOIN events e ON e.id = a.event_id WHERE a.incident_id = ?1 AND u IS NOT NULL "
    u"AND u != '' LIMIT 50";

} // namespace

IncidentPrioritiser::IncidentPrioritiser(Database& db, QString actor)
    : m_db(db), m_actor(std::move(actor))
{
}

Result<Criticality> IncidentPrioritiser::criticalityOf(const QString& kind, const QString& name)
{
    if (name.isEmpty()) {
        return Criticality::Unknown;
    }
    auto asset = AssetInventory::find(m_db, kind, name);
    if (!asset) {
        return asset.error();
    }
    return *asset ? (*asset)->criticality : Criticality::Unknown;
}

Result<Priority> IncidentPrioritiser::evaluate(qint64 incidentId,
                                               const std::vector<qint64>* addedAlerts)
{
    auto s = m_db.prepare(u"SELECT i.severity, i.host, r.status FROM incidents i "
                          u"LEFT JOIN rules r ON r.uid = i.rule_uid WHERE i.id = ?1");
    if (!s) {
        return s.error();
    }
    s->bind(1, incidentId);
    auto row = s->step();
    if (!row) {
        return row.error();
    }
    if (!*row) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no incident #%1").arg(incidentId));
    }
    PriorityInput in;
    in.level = int(s->int64(0));
    in.host = s->text(1);
    in.ruleStatus = s->text(2);
    auto host = criticalityOf(QStringLiteral("host"), in.host);
    if (!host) {
        return host.error();
    }
    in.hostCriticality = *host;

    std::optional<Priority> before;
    if (addedAlerts) {
        auto parts = m_db.prepare(u"SELECT priority_parts FROM incidents WHERE id = ?1");
        if (!parts) {
            return parts.error();
        }
        parts->bind(1, incidentId);
        if (auto r = parts->step(); !r) {
            return r.error();
        }
        before = Priority::fromPartsJson(parts->text(0).toUtf8());
    }
    if (before) {
        // Grown since the last evaluation: the user found then, and the new alerts' users.
        in.user = before->input.user;
        in.userCriticality = before->input.userCriticality;
        auto users = usersOfAlerts(*addedAlerts);
        if (!users) {
            return users.error();
        }
        if (auto r = pickUser(in, *users); !r) {
            return r.error();
        }
    } else {
        auto users = usersOfIncident(incidentId);
        if (!users) {
            return users.error();
        }
        if (auto r = pickUser(in, *users); !r) {
            return r.error();
        }
    }
    return computePriority(in);
}

Result<void> IncidentPrioritiser::pickUser(PriorityInput& in, const QStringList& names)
{
    for (const QString& name : names) {
        auto c = criticalityOf(QStringLiteral("user"), name);
        if (!c) {
            return c.error();
        }
        if (in.user.isEmpty() || *c > in.userCriticality) {
            in.user = name;
            in.userCriticality = *c;
        }
    }
    return {};
}

Result<QStringList> IncidentPrioritiser::usersOfIncident(qint64 incidentId)
{
    auto users = m_db.prepare(QStringView(kUsersSql));
    if (!users) {
        return users.error();
    }
    users->bind(1, incidentId);
    auto rows = collectRows<QString>(*users, [](const Statement& st) { return st.text(0); });
    if (!rows) {
        return rows.error();
    }
    return QStringList(rows->begin(), rows->end());
}

Result<QStringList> IncidentPrioritiser::usersOfAlerts(const std::vector<qint64>& alertIds)
{
    auto one = m_db.prepare(u"SELECT json_extract(e.common, '$.user') FROM alerts a "
                            u"JOIN events e ON e.id = a.event_id WHERE a.id = ?1");
    if (!one) {
        return one.error();
    }
    QStringList users;
    for (const qint64 id : alertIds) {
        one->bind(1, id);
        auto row = one->step();
        if (!row) {
            return row.error();
        }
        if (*row) {
            const QString name = one->text(0);
            if (!name.isEmpty() && !users.contains(name) && users.size() < 50) {
                users << name;
            }
        }
        one->reset();
    }
    return users;
}

Result<bool> IncidentPrioritiser::update(qint64 incidentId, qint64 nowNs,
                                         const std::vector<qint64>* addedAlerts)
{
    if (!m_sla) {
        auto sla = SlaPolicy::load(m_db);
        if (!sla) {
            return sla.error();
        }
        m_sla = *sla;
    }
    auto p = evaluate(incidentId, addedAlerts);
    if (!p) {
        return p.error();
    }
    auto old = m_db.prepare(u"SELECT priority, priority_parts, created_ns, due_ns FROM incidents "
                            u"WHERE id = ?1");
    if (!old) {
        return old.error();
    }
    old->bind(1, incidentId);
    if (auto row = old->step(); !row) {
        return row.error();
    }
    const QByteArray parts = p->partsJson();
    const qint64 dueNs = old->int64(2) + m_sla->dueNs(p->level);
    if (old->text(0) == p->code() && old->text(1).toUtf8() == parts && old->int64(3) == dueNs) {
        return false;
    }
    const QString previous = old->text(0);
    auto set = m_db.prepare(u"UPDATE incidents SET priority = ?2, priority_score = ?3, "
                            u"priority_parts = ?4, due_ns = ?5 WHERE id = ?1");
    if (!set) {
        return set.error();
    }
    set->bind(1, incidentId);
    set->bind(2, p->code());
    set->bind(3, qint64(p->score));
    set->bindUtf8(4, parts);
    set->bind(5, dueNs);
    if (auto r = set->run(); !r) {
        return r.error();
    }
    JournalEntry e;
    e.actor = m_actor;
    e.objectType = QStringLiteral("incident");
    e.objectId = incidentId;
    e.action = QStringLiteral("priority");
    e.details = JsonObjectWriter()
                    .addOptional(u"from", previous)
                    .add(u"to", p->code())
                    .add(u"due", formatUtc(dueNs, 0))
                    .addRaw(u"parts", parts)
                    .finish();
    e.writtenNs = nowNs;
    if (auto r = Journal::append(m_db, e); !r) {
        return r.error();
    }
    return true;
}

Result<int> IncidentPrioritiser::updateOpen()
{
    Transaction tx(m_db);
    if (!tx.begun()) {
        return tx.begun().error();
    }
    m_sla.reset(); // the policy may have changed
    auto s = m_db.prepare(u"SELECT id FROM incidents WHERE status NOT IN ('resolved', 'closed') "
                          u"ORDER BY id");
    if (!s) {
        return s.error();
    }
    auto ids = collectRows<qint64>(*s, [](const Statement& st) { return st.int64(0); });
    if (!ids) {
        return ids.error();
    }
    int changed = 0;
    const qint64 now = nowNs();
    for (const qint64 id : *ids) {
        auto r = update(id, now);
        if (!r) {
            return r.error();
        }
        changed += *r ? 1 : 0;
    }
    if (auto r = tx.commit(); !r) {
        return r.error();
    }
    return changed;
}

} // namespace vigil
