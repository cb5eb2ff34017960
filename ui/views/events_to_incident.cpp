// EventsView: "Add to incident…" on the selected events.
#include <algorithm>

#include <QItemSelectionModel>
#include <QLabel>
#include <QTableView>

#include "app_context.h"
#include "dialogs/choose_incident_dialog.h"
#include "models/event_table_model.h"
#include "storage/journal.h"
#include "triage/incident_queries.h"
#include "triage/incident_service.h"
#include "views/events_view.h"

namespace vigil {

std::vector<qint64> EventsView::selectedEvents() const
{
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    std::vector<qint64> ids;
    for (const QModelIndex& index : rows) {
        if (const qint64 id = m_model->eventId(index.row()); id != 0) {
            ids.push_back(id);
        }
    }
    return ids;
}

void EventsView::addSelectedToIncident()
{
    const std::vector<qint64> events = selectedEvents();
    if (events.empty()) {
        m_notice->setText(tr("Select one or more events first."));
        m_notice->show();
        return;
    }
    auto incidents = IncidentQueries::list(m_context.reader());
    if (!incidents || incidents->empty()) {
        m_notice->setText(incidents ? tr("There is no incident to add events to yet.")
                                    : tr("Incidents could not be read: %1")
                                          .arg(incidents.error().message));
        m_notice->show();
        return;
    }
    ChooseIncidentDialog dialog(tr("Add %n selected event(s) to the incident:", nullptr,
                                   int(events.size())),
                                std::move(*incidents), window());
    if (dialog.exec() == QDialog::Accepted && dialog.incidentId() != 0) {
        addEventsToIncident(dialog.incidentId(), events);
    }
}

BulkOutcome EventsView::addEventsToIncident(qint64 incidentId, const std::vector<qint64>& eventIds)
{
    IncidentService service(m_context.writer(), localActor());
    const BulkOutcome out = applyToEach(eventIds, [&](qint64 eventId) {
        return service.addEvent(incidentId, eventId);
    });
    QString text = tr("%n event(s) added to incident #%1.", nullptr, int(out.done.size()))
                       .arg(incidentId);
    for (const auto& [eventId, error] : out.refused) {
        text += u'\n' + tr("Event %1 not added: %2").arg(QString::number(eventId), error.message);
    }
    m_notice->setText(text);
    m_notice->setStyleSheet(out.refused.empty() ? QStringLiteral("color: #1e5b24;")
                                                : QStringLiteral("color: #6b3d00;"));
    m_notice->show();
    if (!out.done.empty()) {
        m_context.notifyTriageChanged();
    }
    return out;
}

QString EventsView::noticeText() const
{
    return m_notice->isVisible() ? m_notice->text() : QString();
}

} // namespace vigil
