#include "views/incidents_view.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

#include "app_context.h"
#include "models/incident_queue_model.h"
#include "util/timestamp.h"
#include "views/incident_detail.h"
#include "widgets/empty_state.h"
#include "widgets/severity_delegate.h"
#include "widgets/display_format.h"

namespace vigil {

IncidentsView::IncidentsView(AppContext& context, QWidget* parent)
    : QWidget(parent)
    , m_context(context)
    , m_model(new IncidentQueueModel(this))
    , m_proxy(new IncidentFilterProxy(this))
    , m_filter(new QLineEdit(this))
    , m_showClosed(new QCheckBox(tr("Show closed"), this))
    , m_count(new QLabel(this))
    , m_table(new QTableView(this))
    , m_detail(new IncidentDetail(context, this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_stack(new QStackedWidget(this))
{
    m_proxy->setSourceModel(m_model);
    m_filter->setPlaceholderText(tr("Filter incidents by title, host, status… (press / to focus)"));
    m_filter->setClearButtonEnabled(true);
    m_count->setTextFormat(Qt::PlainText);
    auto* bar = new QHBoxLayout;
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_showClosed);
    bar->addSpacing(12);
    bar->addWidget(m_count);

    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->horizontalHeader()->setSortIndicatorShown(true);
    m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->setAlternatingRowColors(true);
    m_table->setItemDelegateForColumn(IncidentQueueModel::Severity, new SeverityDelegate(this));
    m_table->horizontalHeader()->setSectionResizeMode(IncidentQueueModel::Title, QHeaderView::Stretch);
    m_table->setColumnWidth(IncidentQueueModel::Priority, 70);
    m_table->setColumnWidth(IncidentQueueModel::Due, 120);
    m_table->setColumnWidth(IncidentQueueModel::Severity, 110);
    m_table->setColumnWidth(IncidentQueueModel::Status, 110);
    m_table->setColumnWidth(IncidentQueueModel::Host, 150);
    m_table->setColumnWidth(IncidentQueueModel::Alerts, 70);
    const int timeWidth = fontMetrics().horizontalAdvance(QStringLiteral("8888-88-88T88:88:88Z")) + 16;
    m_table->setColumnWidth(IncidentQueueModel::FirstSeen, timeWidth);
    m_table->setColumnWidth(IncidentQueueModel::LastSeen, timeWidth);
    m_table->setColumnWidth(IncidentQueueModel::Age, 80);
    m_table->setColumnWidth(IncidentQueueModel::Disposition, 140);
    m_table->installEventFilter(this);

    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setSizes({320, 480});
    m_splitter->setChildrenCollapsible(false);

    auto* queuePage = new QWidget(this);
    auto* queueLayout = new QVBoxLayout(queuePage);
    queueLayout->setContentsMargins(0, 0, 0, 0);
    queueLayout->addLayout(bar);
    queueLayout->addWidget(m_splitter, 1);

    auto* empty = new EmptyState(tr("No incidents yet"),
                                 tr("Import log files to detect incidents with the rules in your "
                                    "library, or load the demo to see the whole workflow on "
                                    "generated data."),
                                 this);
    QPushButton* importButton = empty->addAction(tr("Import files…"));
    QPushButton* demoButton = empty->addAction(tr("Load the demo"));
    connect(importButton, &QPushButton::clicked, this, &IncidentsView::importRequested);
    connect(demoButton, &QPushButton::clicked, this, &IncidentsView::demoRequested);

    m_stack->addWidget(queuePage);
    m_stack->addWidget(empty);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_stack);

    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_proxy->setText(text);
        updateCounts();
    });
    connect(m_showClosed, &QCheckBox::toggled, this, [this](bool show) {
        m_proxy->setShowClosed(show);
        updateCounts();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &IncidentsView::showSelected);
    connect(m_detail, &IncidentDetail::incidentChanged, this, [this] { m_context.notifyTriageChanged(); });
    connect(&m_context, &AppContext::triageChanged, this, &IncidentsView::refresh);
    refresh();
}

void IncidentsView::refresh()
{
    const qint64 selected = selectedIncident();
    auto list = IncidentQueries::list(m_context.reader());
    m_model->setIncidents(list ? std::move(*list) : std::vector<IncidentRecord>{}, nowNs());
    m_stack->setCurrentIndex(m_model->rowCount() == 0 ? 1 : 0);
    updateCounts();
    if (selected != 0) {
        // Keep the selection when the incident is still listed (closing hides it).
        const int row = m_model->rowOf(selected);
        const QModelIndex index = row < 0 ? QModelIndex() : m_proxy->mapFromSource(m_model->index(row, 0));
        if (index.isValid()) {
            m_table->setCurrentIndex(index);
        }
    }
    if (m_detail->incidentId() != 0) {
        m_detail->reload();
    }
}

void IncidentsView::focusFilter()
{
    m_filter->setFocus();
    m_filter->selectAll();
}

void IncidentsView::selectIncident(qint64 id)
{
    const int row = m_model->rowOf(id);
    if (row < 0) {
        return;
    }
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid()) {
        m_showClosed->setChecked(true);
        selectIncident(id);
        return;
    }
    m_table->setCurrentIndex(index);
    m_table->scrollTo(index);
}

qint64 IncidentsView::selectedIncident() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? current.data(IncidentQueueModel::IncidentIdRole).toLongLong() : 0;
}

void IncidentsView::showSelected()
{
    m_detail->showIncident(selectedIncident());
}

void IncidentsView::updateCounts()
{
    qint64 open = 0;
    qint64 closed = 0;
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const QModelIndex index = m_model->index(r, 0);
        open += index.data(IncidentQueueModel::OpenRole).toBool() ? 1 : 0;
        closed += index.data(IncidentQueueModel::ClosedRole).toBool() ? 1 : 0;
    }
    const qint64 resolved = m_model->rowCount() - open - closed;
    QString text = tr("%1 open · %2 resolved · %3 closed")
                       .arg(ui::numberText(open), ui::numberText(resolved), ui::numberText(closed));
    if (!m_filter->text().trimmed().isEmpty()) {
        text = tr("%1 shown · ").arg(ui::numberText(m_proxy->rowCount())) + text;
    }
    m_count->setText(text);
}

bool IncidentsView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_table && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        const int row = m_table->currentIndex().row();
        if (key->key() == Qt::Key_J || key->key() == Qt::Key_K) {
            const int next = key->key() == Qt::Key_J ? row + 1 : row - 1;
            if (next >= 0 && next < m_proxy->rowCount()) {
                m_table->setCurrentIndex(m_proxy->index(next, 0));
            }
            return true;
        }
        if (key->key() == Qt::Key_Slash) {
            focusFilter();
            return true;
        }
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            m_detail->setFocus();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace vigil
