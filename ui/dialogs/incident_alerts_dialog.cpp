#include "dialogs/incident_alerts_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "app_context.h"
#include "storage/journal.h"
#include "triage/alert_service.h"
#include "triage/incident_merge.h"
#include "util/timestamp.h"

namespace vigil {

namespace {

enum Column { Id, Status, Time, Host, Rule, Summary, ColumnCount };

} // namespace

IncidentAlertsDialog::IncidentAlertsDialog(AppContext& context, qint64 incidentId,
                                           QWidget* parent)
    : QDialog(parent)
    , m_context(context)
    , m_incidentId(incidentId)
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_status(new QComboBox(this))
    , m_apply(new QPushButton(tr("Set &status"), this))
    , m_split(new QPushButton(tr("S&plit into a new incident"), this))
    , m_message(new QLabel(this))
{
    setWindowTitle(tr("Alerts of incident #%1").arg(incidentId));
    auto* intro = new QLabel(tr("Check alerts to move them through their own workflow, or to "
                                "split them off into a new incident (they keep their times and "
                                "status; at least one alert stays)."),
                             this);
    intro->setWordWrap(true);
    m_table->setHorizontalHeaderLabels(
        {tr("Alert"), tr("Status"), tr("Time (UTC)"), tr("Host"), tr("Rule"), tr("Event")});
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    for (AlertStatus s : allAlertStatuses()) {
        m_status->addItem(tr(qPrintable(displayName(s))), codeOf(s));
    }
    m_message->setTextFormat(Qt::PlainText);
    m_message->setWordWrap(true);
    auto* actions = new QHBoxLayout;
    actions->addWidget(new QLabel(tr("Checked alerts:"), this));
    actions->addWidget(m_status);
    actions->addWidget(m_apply);
    actions->addSpacing(16);
    actions->addWidget(m_split);
    actions->addStretch(1);
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table, 1);
    layout->addLayout(actions);
    layout->addWidget(m_message);
    layout->addWidget(close);
    resize(900, 480);

    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_apply, &QPushButton::clicked, this,
            [this] { applyStatus(m_status->currentData().toString()); });
    connect(m_split, &QPushButton::clicked, this, [this] {
        const qint64 created = splitChecked();
        if (created != 0) {
            QMessageBox::information(this, tr("Alerts split off"),
                                     tr("The checked alerts are now incident #%1.").arg(created));
        }
    });
    connect(m_table, &QTableWidget::itemChanged, this, &IncidentAlertsDialog::updateButtons);
    reload();
}

void IncidentAlertsDialog::reload()
{
    const std::vector<qint64> wasChecked = checked();
    auto alerts = AlertQueries::forIncident(m_context.reader(), m_incidentId);
    const QSignalBlocker block(m_table);
    m_table->setRowCount(0);
    if (!alerts) {
        m_message->setText(alerts.error().message);
        return;
    }
    m_table->setRowCount(int(alerts->size()));
    for (int row = 0; row < int(alerts->size()); ++row) {
        const AlertRecord& a = (*alerts)[std::size_t(row)].alert;
        const auto status = alertStatusFromCode(a.status);
        auto* id = new QTableWidgetItem(QString::number(a.id));
        id->setData(Qt::UserRole, a.id);
        id->setFlags(id->flags() | Qt::ItemIsUserCheckable);
        id->setCheckState(std::find(wasChecked.begin(), wasChecked.end(), a.id) != wasChecked.end()
                              ? Qt::Checked
                              : Qt::Unchecked);
        m_table->setItem(row, Id, id);
        m_table->setItem(row, Status, new QTableWidgetItem(status ? tr(qPrintable(displayName(*status)))
                                                                  : a.status));
        m_table->setItem(row, Time, new QTableWidgetItem(formatUtc(a.timeNs, a.timeDigits)));
        m_table->setItem(row, Host, new QTableWidgetItem(a.host));
        m_table->setItem(row, Rule, new QTableWidgetItem(a.ruleTitle));
        m_table->setItem(row, Summary, new QTableWidgetItem(a.eventSummary));
    }
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setStretchLastSection(true);
    updateButtons();
}

void IncidentAlertsDialog::check(const std::vector<qint64>& alertIds)
{
    for (int row = 0; row < m_table->rowCount(); ++row) {
        QTableWidgetItem* item = m_table->item(row, Id);
        const bool on = std::find(alertIds.begin(), alertIds.end(),
                                  item->data(Qt::UserRole).toLongLong())
                        != alertIds.end();
        item->setCheckState(on ? Qt::Checked : Qt::Unchecked);
    }
}

std::vector<qint64> IncidentAlertsDialog::checked() const
{
    std::vector<qint64> out;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem* item = m_table->item(row, Id);
        if (item && item->checkState() == Qt::Checked) {
            out.push_back(item->data(Qt::UserRole).toLongLong());
        }
    }
    return out;
}

void IncidentAlertsDialog::updateButtons()
{
    const std::size_t n = checked().size();
    m_apply->setEnabled(n > 0);
    m_split->setEnabled(n > 0 && int(n) < m_table->rowCount());
}

void IncidentAlertsDialog::applyStatus(const QString& statusCode)
{
    const auto to = alertStatusFromCode(statusCode);
    if (!to) {
        return;
    }
    AlertService service(m_context.writer(), localActor());
    QStringList refused;
    int done = 0;
    for (const qint64 id : checked()) {
        if (auto r = service.changeStatus(id, *to); !r) {
            refused << tr("Alert %1: %2").arg(id).arg(r.error().message);
        } else {
            ++done;
        }
    }
    m_message->setText(tr("%n alert(s) changed.", nullptr, done)
                       + (refused.isEmpty() ? QString() : u'\n' + refused.join(u'\n')));
    if (done > 0) {
        m_context.notifyTriageChanged();
    }
    reload();
}

qint64 IncidentAlertsDialog::splitChecked()
{
    IncidentMerger merger(m_context.writer(), localActor());
    auto created = merger.split(m_incidentId, checked());
    if (!created) {
        m_message->setText(tr("Not split: %1").arg(created.error().message));
        return 0;
    }
    m_message->setText(tr("Split off into incident #%1.").arg(*created));
    m_context.notifyTriageChanged();
    reload();
    return *created;
}

} // namespace vigil
