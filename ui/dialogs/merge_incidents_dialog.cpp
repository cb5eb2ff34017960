#include "dialogs/merge_incidents_dialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include "app_context.h"
#include "storage/journal.h"
#include "triage/incident_merge.h"
#include "triage/incident_queries.h"
#include "widgets/display_format.h"

namespace vigil {

MergeIncidentsDialog::MergeIncidentsDialog(AppContext& context, std::vector<qint64> incidentIds,
                                           QWidget* parent)
    : QDialog(parent)
    , m_context(context)
    , m_ids(std::move(incidentIds))
    , m_list(new QListWidget(this))
    , m_summary(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Merge incidents"));
    auto* intro = new QLabel(tr("Choose the incident to keep. The alerts, events and observables "
                                "of the others move into it (each alert keeps its own times; "
                                "shared hosts and observables are kept once), and the others are "
                                "closed as duplicates, \"merged into\" it."),
                             this);
    intro->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Merge"));
    qint64 preferred = 0;
    for (const qint64 id : m_ids) {
        auto r = IncidentQueries::load(context.reader(), id);
        if (!r) {
            continue;
        }
        auto* item = new QListWidgetItem(
            tr("#%1  %2 · %3 · %n alert(s) · %4", nullptr, int(r->alertCount))
                .arg(QString::number(id), displayName(r->status),
                     r->host.isEmpty() ? tr("no host") : r->host, r->title),
            m_list);
        item->setData(Qt::UserRole, id);
        item->setData(Qt::UserRole + 1, qint64(r->alertCount));
        item->setData(Qt::UserRole + 2, isOpen(r->status));
        if (preferred == 0 && isOpen(r->status)) {
            preferred = id;
        }
    }
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    auto* keep = new QLabel(tr("&Keep:"), this);
    keep->setBuddy(m_list);
    m_list->setSpacing(3);
    layout->addWidget(keep);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_summary);
    layout->addWidget(m_buttons);
    resize(620, 360);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &MergeIncidentsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::currentRowChanged, this, &MergeIncidentsDialog::updateSummary);
    setTarget(preferred != 0 ? preferred : (m_ids.empty() ? 0 : m_ids.front()));
    updateSummary();
}

qint64 MergeIncidentsDialog::target() const
{
    const QListWidgetItem* item = m_list->currentItem();
    return item ? item->data(Qt::UserRole).toLongLong() : 0;
}

void MergeIncidentsDialog::setTarget(qint64 id)
{
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->data(Qt::UserRole).toLongLong() == id) {
            m_list->setCurrentRow(i);
        }
    }
}

void MergeIncidentsDialog::updateSummary()
{
    const QListWidgetItem* current = m_list->currentItem();
    const bool enough = m_list->count() >= 2 && current;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(enough
                                                        && current->data(Qt::UserRole + 2).toBool());
    if (!enough) {
        m_summary->setText(tr("Select at least two incidents in the queue to merge them."));
        return;
    }
    if (!current->data(Qt::UserRole + 2).toBool()) {
        m_summary->setText(tr("#%1 is resolved or closed; keep an open incident, or reopen it "
                              "first.")
                               .arg(current->data(Qt::UserRole).toLongLong()));
        return;
    }
    qint64 moving = 0;
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i) != current) {
            moving += m_list->item(i)->data(Qt::UserRole + 1).toLongLong();
        }
    }
    m_summary->setText(tr("%1 alert(s) move into #%2; %3 other incident(s) are closed as "
                          "duplicates.")
                           .arg(ui::numberText(moving))
                           .arg(current->data(Qt::UserRole).toLongLong())
                           .arg(m_list->count() - 1));
}

void MergeIncidentsDialog::accept()
{
    std::vector<qint64> ids;
    for (int i = 0; i < m_list->count(); ++i) {
        ids.push_back(m_list->item(i)->data(Qt::UserRole).toLongLong());
    }
    IncidentMerger merger(m_context.writer(), localActor());
    auto outcome = merger.merge(ids, target());
    if (!outcome) {
        m_summary->setText(tr("Not merged: %1").arg(outcome.error().message));
        return;
    }
    m_context.notifyTriageChanged();
    QDialog::accept();
}

} // namespace vigil
