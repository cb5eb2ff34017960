#include "models/incident_queue_model.h"

#include <algorithm>
#include <limits>

#include <QColor>
#include <QFont>
#include <QPalette>

#include "triage/priority.h"
#include "triage/queue_filter.h"
#include "widgets/display_format.h"

namespace vigil {

namespace {

// P1 → 1 … P4 → 4; incidents without a priority (older stores) after P4.
int priorityRank(const IncidentRecord& r)
{
    return r.priority.size() == 2 ? r.priority.mid(1).toInt() : 9;
}

bool overdue(const IncidentRecord& r, qint64 nowNs)
{
    return r.dueNs != 0 && isOpen(r.status) && r.dueNs < nowNs;
}

} // namespace

IncidentQueueModel::IncidentQueueModel(QObject* parent) : QAbstractTableModel(parent) {}

void IncidentQueueModel::setIncidents(std::vector<IncidentRecord> incidents, qint64 nowNs)
{
    std::stable_sort(incidents.begin(), incidents.end(), queueOrder);
    beginResetModel();
    m_rows = std::move(incidents);
    m_nowNs = nowNs;
    endResetModel();
}

const IncidentRecord* IncidentQueueModel::incident(int row) const
{
    return row >= 0 && row < int(m_rows.size()) ? &m_rows[size_t(row)] : nullptr;
}

int IncidentQueueModel::rowOf(qint64 incidentId) const
{
    for (size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].id == incidentId) {
            return int(i);
        }
    }
    return -1;
}

int IncidentQueueModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int IncidentQueueModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant IncidentQueueModel::data(const QModelIndex& index, int role) const
{
    const IncidentRecord* r = incident(index.row());
    if (!r) {
        return {};
    }
    const int col = index.column();
    switch (role) {
    case IncidentIdRole:
        return r->id;
    case SeverityRole:
        return r->severity;
    case OpenRole:
        return isOpen(r->status);
    case ClosedRole:
        return r->status == IncidentStatus::Closed;
    case OverdueRole:
        return overdue(*r, m_nowNs);
    case Qt::FontRole:
        if ((col == Due && overdue(*r, m_nowNs)) || (col == Priority && priorityRank(*r) == 1
                                                      && isOpen(r->status))) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (col == Alerts) {
            return int(Qt::AlignRight | Qt::AlignVCenter);
        }
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        if (!isOpen(r->status)) {
            return QColor(0x80, 0x80, 0x80);
        }
        if (col == Due && overdue(*r, m_nowNs)) {
            return QColor(0xc6, 0x28, 0x28);
        }
        return {};
    case SortRole:
        switch (col) {
        case Priority:
            return priorityRank(*r);
        case Due:
            return r->dueNs == 0 ? std::numeric_limits<qint64>::max() : r->dueNs;
        case Severity:
            return r->severity;
        case Status:
            return int(r->status);
        case Assignee:
            return r->assignee.toLower();
        case Alerts:
            return r->alertCount;
        case FirstSeen:
            return r->firstSeenNs;
        case LastSeen:
            return r->lastSeenNs;
        case Age:
            return m_nowNs - r->createdNs;
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::ToolTipRole:
        if (col == Title) {
            return tr("Incident #%1 — rule %2").arg(QString::number(r->id), r->ruleUid.toHtmlEscaped());
        }
        if (col == FirstSeen || col == LastSeen) {
            return tr("Times are UTC (ISO 8601)");
        }
        if (col == Age) {
            return tr("How long the incident has been in the queue");
        }
        if (col == Priority) {
            const auto p = vigil::Priority::fromPartsJson(r->priorityParts);
            return p ? tr("Priority %1, formula v1").arg(p->explanation().toHtmlEscaped())
                     : tr("Not prioritised (the incident predates prioritisation)");
        }
        if (col == Status && r->acknowledgedNs != 0) {
            return tr("Acknowledged by %1 at %2 UTC")
                .arg(r->acknowledgedBy.toHtmlEscaped(), ui::timeText(r->acknowledgedNs, 0));
        }
        if (col == Status && isOpen(r->status)) {
            return tr("Not acknowledged yet (press A)");
        }
        if (col == Due && r->dueNs != 0) {
            return tr("Due %1 UTC (service level of its priority)").arg(ui::timeText(r->dueNs, 0));
        }
        return {};
    case Qt::DisplayRole:
        switch (col) {
        case Priority:
            return r->priority.isEmpty() ? QStringLiteral("—") : r->priority;
        case Due:
            if (r->dueNs == 0 || !isOpen(r->status)) {
                return QString();
            }
            return overdue(*r, m_nowNs) ? tr("overdue %1").arg(ui::durationText(m_nowNs - r->dueNs))
                                        : tr("in %1").arg(ui::durationText(r->dueNs - m_nowNs));
        case Severity:
            return ui::severityText(r->severity);
        case Title:
            return r->title;
        case Status:
            // An open incident nobody has looked at yet is marked, so it stands out.
            return r->acknowledgedNs == 0 && r->status == IncidentStatus::New
                       ? tr("%1 ●").arg(ui::statusText(codeOf(r->status)))
                       : ui::statusText(codeOf(r->status));
        case Assignee:
            return r->assignee.isEmpty() ? QStringLiteral("—") : r->assignee;
        case Host:
            return r->host.isEmpty() ? QStringLiteral("—") : r->host;
        case Alerts:
            return ui::numberText(r->alertCount);
        case FirstSeen:
            return ui::timeText(r->firstSeenNs, 0);
        case LastSeen:
            return ui::timeText(r->lastSeenNs, 0);
        case Age:
            return ui::durationText(m_nowNs - r->createdNs);
        case Disposition:
            return r->disposition.isEmpty() ? QString() : ui::dispositionText(r->disposition);
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant IncidentQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Priority:
        return tr("Priority");
    case Due:
        return tr("Due");
    case Severity:
        return tr("Severity");
    case Title:
        return tr("Title");
    case Status:
        return tr("Status");
    case Assignee:
        return tr("Assignee");
    case Host:
        return tr("Host");
    case Alerts:
        return tr("Alerts");
    case FirstSeen:
        return tr("First seen (UTC)");
    case LastSeen:
        return tr("Last seen (UTC)");
    case Age:
        return tr("In queue");
    case Disposition:
        return tr("Disposition");
    default:
        return {};
    }
}

IncidentFilterProxy::IncidentFilterProxy(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortRole(IncidentQueueModel::SortRole);
}

void IncidentFilterProxy::setShowClosed(bool show)
{
    m_filter.showClosed = show;
    invalidateFilter();
}

void IncidentFilterProxy::setText(const QString& text)
{
    m_filter.text = text.trimmed();
    invalidateFilter();
}

void IncidentFilterProxy::setFilter(const QueueFilter& filter)
{
    m_filter = filter;
    m_filter.text = m_filter.text.trimmed();
    invalidateFilter();
}

void IncidentFilterProxy::setMe(const QString& me)
{
    m_me = me;
    invalidateFilter();
}

bool IncidentFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (sourceParent.isValid()) {
        return false;
    }
    const auto* model = qobject_cast<const IncidentQueueModel*>(sourceModel());
    const IncidentRecord* r = model ? model->incident(sourceRow) : nullptr;
    return r && m_filter.matches(*r, m_me);
}

} // namespace vigil
