#include "views/detection_actions.h"

#include <QAction>

#include "app_context.h"
#include "dialogs/grouping_dialog.h"
#include "dialogs/incident_alerts_dialog.h"
#include "dialogs/merge_incidents_dialog.h"
#include "dialogs/suppression_dialog.h"
#include "dialogs/suppressions_dialog.h"
#include "triage/incident_queries.h"
#include "views/incidents_view.h"

namespace vigil {

DetectionActions::DetectionActions(AppContext& context, IncidentsView& view, QObject* parent)
    : QObject(parent)
    , m_context(context)
    , m_view(view)
{
    make(tr("&Merge selected incidents…"),
         tr("Move the alerts of the selected incidents into one of them"),
         &DetectionActions::mergeSelected);
    make(tr("Alerts and s&plit…"),
         tr("The current incident's alerts: set their status or split some off"),
         &DetectionActions::showAlerts);
    make(tr("S&uppress alerts like this…"),
         tr("Suppress new alerts of this rule with given field values until an expiry"),
         &DetectionActions::suppress);
    make(tr("Suppression &list…"),
         tr("Every suppression: active or ended, alerts hidden; end an active one early"),
         &DetectionActions::showSuppressions);
    make(tr("Incident &grouping of this rule…"),
         tr("Group this rule's alerts by host, user, source address or a field, within a window"),
         &DetectionActions::editGrouping);
}

QAction* DetectionActions::make(const QString& text, const QString& tip,
                                void (DetectionActions::*slot)())
{
    auto* a = new QAction(text, this);
    a->setStatusTip(tip);
    a->setToolTip(tip);
    connect(a, &QAction::triggered, this, slot);
    m_actions << a;
    return a;
}

void DetectionActions::mergeSelected()
{
    const std::vector<qint64> ids = m_view.selectedIncidents();
    if (ids.size() < 2) {
        m_view.showNotice(tr("Select two or more incidents (Shift or Ctrl+click) to merge them."),
                          true);
        return;
    }
    MergeIncidentsDialog dialog(m_context, ids, &m_view);
    if (dialog.exec() == QDialog::Accepted) {
        m_view.showNotice(tr("Merged %n incident(s) into #%1.", nullptr, int(ids.size() - 1))
                              .arg(dialog.target()),
                          false);
        m_view.selectIncident(dialog.target());
    }
}

void DetectionActions::showAlerts()
{
    const qint64 id = m_view.selectedIncident();
    if (id == 0) {
        m_view.showNotice(tr("Select an incident first."), true);
        return;
    }
    IncidentAlertsDialog dialog(m_context, id, &m_view);
    dialog.exec();
}

void DetectionActions::suppress()
{
    SuppressionDialog dialog(m_context, &m_view);
    if (const qint64 id = m_view.selectedIncident(); id != 0) {
        if (auto r = IncidentQueries::load(m_context.reader(), id)) {
            std::vector<std::pair<QString, QString>> fields;
            fields.emplace_back(QStringLiteral("host"), r->host);
            dialog.prefill(r->ruleUid, fields);
        }
    }
    if (dialog.exec() == QDialog::Accepted) {
        m_view.showNotice(tr("Suppression %1 saved.").arg(dialog.savedId()), false);
    }
}

void DetectionActions::showSuppressions()
{
    SuppressionsDialog dialog(m_context, &m_view);
    dialog.exec();
}

void DetectionActions::editGrouping()
{
    const qint64 id = m_view.selectedIncident();
    auto r = id == 0 ? Result<IncidentRecord>(makeError(ErrorCode::NotFound, QString()))
                     : IncidentQueries::load(m_context.reader(), id);
    if (!r) {
        m_view.showNotice(tr("Select an incident of the rule first."), true);
        return;
    }
    GroupingDialog dialog(m_context, r->ruleUid, r->title, &m_view);
    if (dialog.exec() == QDialog::Accepted) {
        m_view.showNotice(tr("Grouping saved; it applies to alerts recorded from now on."), false);
    }
}

} // namespace vigil
