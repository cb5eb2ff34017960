#include "triage/incident_grouper.h"

#include "storage/journal.h"
#include "triage/alert_subject.h"
#include "triage/incident_service.h"
#include "triage/incident_status.h"
#include "util/json.h"
#include "util/timestamp.h"

namespace vigil {

IncidentGrouper::IncidentGrouper(Database& db, qint64 defaultWindowNs)
    : m_db(db)
    , m_defaultWindowNs(defaultWindowNs)
{
}

Result<void> IncidentGrouper::prepare()
{
    auto settings = RuleGrouping::loadAll(m_db);
    if (!settings) {
        return settings.error();
    }
    m_settings = std::move(*settings);
    const std::pair<Statement*, const char16_t*> sql[] = {
        // The open incident whose alerts lie within the window of this alert's time: not simply
        // the latest one, because files are often imported out of order (auth.log before
        // auth.log.1), and an older alert must still find the incident of its own hour.
        {&m_findOpen,
         u"SELECT id FROM incidents WHERE rule_uid = ?1 AND group_key = ?5 AND group_value IS ?2 "
         u"AND status NOT IN ('resolved', 'closed') "
         u"AND first_seen_ns - ?4 < ?3 AND last_seen_ns + ?4 > ?3 "
         u"ORDER BY abs(last_seen_ns - ?3) LIMIT 1"},
        {&m_update,
         u"UPDATE incidents SET first_seen_ns = min(first_seen_ns, ?2), "
         u"last_seen_ns = max(last_seen_ns, ?2), alert_count = alert_count + 1, "
         u"severity = max(severity, ?3), updated_ns = ?4 WHERE id = ?1"},
        {&m_insert,
         u"INSERT INTO incidents (title, rule_uid, host, status, severity, first_seen_ns, "
         u"last_seen_ns, alert_count, created_ns, updated_ns, group_key, group_value) "
         u"VALUES (?1, ?2, ?3, 'new', ?4, ?5, ?5, 1, ?6, ?6, ?7, ?8)"},
    };
    for (const auto& [stmt, text] : sql) {
        auto p = m_db.prepare(QStringView(text));
        if (!p) {
            return p.error();
        }
        *stmt = std::move(*p);
    }
    return {};
}

GroupingSetting IncidentGrouper::settingFor(const QString& ruleUid) const
{
    const auto it = m_settings.find(ruleUid);
    if (it != m_settings.end()) {
        return it->second;
    }
    GroupingSetting g;
    g.ruleUid = ruleUid;
    g.windowNs = m_defaultWindowNs;
    return g;
}

bool IncidentGrouper::needsSubject(const QString& ruleUid) const
{
    const auto it = m_settings.find(ruleUid);
    return it != m_settings.end() && it->second.key.kind != GroupingKey::Kind::Host;
}

Result<Placement> IncidentGrouper::place(const Hit& h, qint64 alertId,
                                         const AlertSubject* subject, qint64 now)
{
    const GroupingSetting setting = settingFor(h.ruleUid);
    // The alert's host stands for the event's (correlation alerts keep the host all their
    // events share); other keys are read from the event.
    QString value = setting.key.kind == GroupingKey::Kind::Host || !subject
                        ? h.host
                        : setting.key.valueIn(*subject);
    if (value.isEmpty()) {
        value = QString(); // null: "no value" groups with "no value"
    }
    m_findOpen.bind(1, h.ruleUid);
    m_findOpen.bindOptional(2, value);
    m_findOpen.bind(3, h.timeNs);
    m_findOpen.bind(4, setting.windowNs);
    m_findOpen.bind(5, setting.key.code());
    auto row = m_findOpen.step();
    if (!row) {
        m_findOpen.reset();
        return row.error();
    }
    Placement p;
    p.incidentId = *row ? m_findOpen.int64(0) : 0;
    m_findOpen.reset();
    if (p.incidentId != 0) {
        m_update.bind(1, p.incidentId);
        m_update.bind(2, h.timeNs);
        m_update.bind(3, h.level);
        m_update.bind(4, now);
        if (auto r = m_update.run(); !r) {
            return r.error();
        }
        return p;
    }
    m_insert.bind(1, h.ruleTitle);
    m_insert.bind(2, h.ruleUid);
    m_insert.bindOptional(3, h.host.isEmpty() ? QString() : h.host);
    m_insert.bind(4, h.level);
    m_insert.bind(5, h.timeNs);
    m_insert.bind(6, now);
    m_insert.bind(7, setting.key.code());
    m_insert.bindOptional(8, value);
    if (auto r = m_insert.run(); !r) {
        return r.error();
    }
    p.incidentId = m_db.lastInsertId();
    p.created = true;
    JsonObjectWriter details;
    details.add(u"rule_uid", h.ruleUid)
        .add(u"rule_title", h.ruleTitle)
        .addOptional(u"host", h.host.isEmpty() ? QString() : h.host)
        .add(u"severity", severityCode(h.level))
        .add(u"first_alert_id", alertId)
        .add(u"first_seen", formatUtc(h.timeNs, h.timeDigits));
    if (setting.stored) {
        details.add(u"group_key", setting.key.code())
            .addOptional(u"group_value", value)
            .add(u"window", durationText(setting.windowNs));
    }
    JournalEntry e;
    e.actor = QStringLiteral("vigil");
    e.objectType = QStringLiteral("incident");
    e.objectId = p.incidentId;
    e.action = QStringLiteral("created");
    e.details = details.finish();
    e.writtenNs = now;
    if (auto r = Journal::append(m_db, e); !r) {
        return r.error();
    }
    return p;
}

} // namespace vigil
