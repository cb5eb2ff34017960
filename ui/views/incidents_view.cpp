#include "views/incidents_view.h"

#include <algorithm>
#include <set>

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include "app_context.h"
#include "models/incident_queue_model.h"
#include "storage/journal.h"
#include "util/timestamp.h"
#include "views/incident_detail.h"
#include "views/queue_actions.h"
#include "views/queue_filter_bar.h"
#include "widgets/display_format.h"
#include "widgets/empty_state.h"
#include "widgets/severity_delegate.h"

namespace vigil {

IncidentsView::IncidentsView(AppContext& context, QWidget* parent)
    : QWidget(parent)
    , m_context(context)
    , m_model(new IncidentQueueModel(this))
    , m_proxy(new IncidentFilterProxy(this))
    , m_filterBar(new QueueFilterBar(context, this))
    , m_notice(new QLabel(this))
    , m_noticeClose(new QToolButton(this))
    , m_noticeRow(new QWidget(this))
    , m_table(new QTableView(this))
    , m_detail(new IncidentDetail(context, this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_stack(new QStackedWidget(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setMe(localActor());

    m_notice->setObjectName(QStringLiteral("queueNotice"));
    m_notice->setTextFormat(Qt::PlainText); // refusals quote incident titles and names
    // One line per refusal; long lines are cut rather than widening the window.
    m_notice->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Minimum);
    m_noticeClose->setText(tr("Dismiss"));
    m_noticeClose->setAutoRaise(true);
    auto* noticeLayout = new QHBoxLayout(m_noticeRow);
    noticeLayout->setContentsMargins(8, 4, 4, 4);
    noticeLayout->addWidget(m_notice, 1);
    noticeLayout->addWidget(m_noticeClose, 0, Qt::AlignTop);
    m_noticeRow->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    m_noticeRow->hide();
    connect(m_noticeClose, &QToolButton::clicked, m_noticeRow, &QWidget::hide);

    m_table->setObjectName(QStringLiteral("incidentQueue"));
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
    // Narrow fixed columns leave the title the room it needs.
    m_table->setColumnWidth(IncidentQueueModel::Priority, 64);
    m_table->setColumnWidth(IncidentQueueModel::Due, 110);
    m_table->setColumnWidth(IncidentQueueModel::Severity, 90);
    m_table->setColumnWidth(IncidentQueueModel::Status, 110);
    m_table->setColumnWidth(IncidentQueueModel::Assignee, 96);
    m_table->setColumnWidth(IncidentQueueModel::Host, 120);
    m_table->setColumnWidth(IncidentQueueModel::Alerts, 60);
    m_table->horizontalHeader()->setMinimumSectionSize(40);
    const int timeWidth = fontMetrics().horizontalAdvance(QStringLiteral("8888-88-88T88:88:88Z")) + 16;
    m_table->setColumnWidth(IncidentQueueModel::FirstSeen, timeWidth);
    m_table->setColumnWidth(IncidentQueueModel::LastSeen, timeWidth);
    m_table->setColumnWidth(IncidentQueueModel::Age, 72);
    m_table->setColumnWidth(IncidentQueueModel::Disposition, 120);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
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
    queueLayout->addWidget(m_filterBar);
    queueLayout->addWidget(m_noticeRow);
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

    setFocusProxy(m_table);
    m_actions = new QueueActions(context, *this);
    applyFilter(m_filterBar->filter());
    connect(m_filterBar, &QueueFilterBar::filterChanged, this, &IncidentsView::applyFilter);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &IncidentsView::showSelected);
    connect(m_table, &QTableView::customContextMenuRequested, this, &IncidentsView::showContextMenu);
    connect(m_detail, &IncidentDetail::incidentChanged, this, [this] { m_context.notifyTriageChanged(); });
    connect(&m_context, &AppContext::triageChanged, this, &IncidentsView::refresh);
    refresh();
}

void IncidentsView::refresh()
{
    const qint64 current = selectedIncident();
    std::set<qint64> selected;
    for (const QModelIndex& index : m_table->selectionModel()->selectedRows()) {
        selected.insert(index.data(IncidentQueueModel::IncidentIdRole).toLongLong());
    }
    auto list = IncidentQueries::list(m_context.reader());
    m_model->setIncidents(list ? std::move(*list) : std::vector<IncidentRecord>{}, nowNs());
    m_stack->setCurrentIndex(m_model->rowCount() == 0 ? 1 : 0);
    m_filterBar->setKnownAssignees(knownAssignees());
    m_filterBar->reloadViews(); // views saved elsewhere (the CLI, another window) show up
    updateCounts();
    // Keep the current row and the selection where the incidents are still listed.
    const auto proxyIndex = [this](qint64 id) {
        const int row = m_model->rowOf(id);
        return row < 0 ? QModelIndex() : m_proxy->mapFromSource(m_model->index(row, 0));
    };
    if (current != 0) {
        if (const QModelIndex index = proxyIndex(current); index.isValid()) {
            m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
        }
    }
    QItemSelection selection;
    for (const qint64 id : selected) {
        if (const QModelIndex index = proxyIndex(id); index.isValid()) {
            selection.select(index, index);
        }
    }
    m_table->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect
                                                     | QItemSelectionModel::Rows);
    if (m_detail->incidentId() != 0) {
        m_detail->reload();
    }
}

void IncidentsView::applyFilter(const QueueFilter& filter)
{
    m_proxy->setFilter(filter);
    // The disposition column is empty until incidents are closed: room for the title instead.
    const bool closedShown = filter.showClosed
                             || std::find(filter.statuses.begin(), filter.statuses.end(),
                                          IncidentStatus::Closed) != filter.statuses.end();
    m_table->setColumnHidden(IncidentQueueModel::Disposition, !closedShown);
    updateCounts();
}

void IncidentsView::focusFilter()
{
    m_filterBar->focusText();
}

void IncidentsView::selectIncident(qint64 id)
{
    const int row = m_model->rowOf(id);
    if (row < 0) {
        return;
    }
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid()) {
        QueueFilter f; // filtered out: show every incident
        f.showClosed = true;
        m_filterBar->setFilter(f);
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

std::vector<qint64> IncidentsView::selectedIncidents() const
{
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    std::vector<qint64> ids;
    for (const QModelIndex& index : rows) {
        ids.push_back(index.data(IncidentQueueModel::IncidentIdRole).toLongLong());
    }
    if (ids.empty() && selectedIncident() != 0) {
        ids.push_back(selectedIncident());
    }
    return ids;
}

const IncidentRecord* IncidentsView::record(qint64 id) const
{
    return m_model->incident(m_model->rowOf(id));
}

QStringList IncidentsView::knownAssignees() const
{
    QStringList names{localActor()};
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const QString& name = m_model->incident(r)->assignee;
        if (!name.isEmpty() && !names.contains(name, Qt::CaseInsensitive)) {
            names << name;
        }
    }
    std::sort(names.begin() + 1, names.end(),
              [](const QString& a, const QString& b) { return a.compare(b, Qt::CaseInsensitive) < 0; });
    return names;
}

void IncidentsView::moveBy(int delta)
{
    const int rows = m_proxy->rowCount();
    if (rows == 0) {
        return;
    }
    const int current = m_table->currentIndex().isValid() ? m_table->currentIndex().row() : -1;
    const int next = std::clamp(current + delta, 0, rows - 1);
    const QModelIndex index = m_proxy->index(next, 0);
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect
                                                          | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
    m_table->setFocus();
}

void IncidentsView::openDetail()
{
    if (m_detail->incidentId() == 0) {
        showNotice(tr("Select an incident first (arrows or J/K)."), true);
        return;
    }
    if (auto* tabs = m_detail->findChild<QTabWidget*>()) {
        tabs->setFocus();
    } else {
        m_detail->setFocus();
    }
}

void IncidentsView::backToQueue()
{
    m_table->setFocus();
}

void IncidentsView::showNotice(const QString& text, bool problem)
{
    // A bulk action may refuse many: the first lines here, all of them in the tooltip.
    constexpr int kMaxLines = 6;
    QStringList lines = text.split(u'\n');
    if (lines.size() > kMaxLines) {
        const qsizetype more = lines.size() - (kMaxLines - 1);
        lines = lines.mid(0, kMaxLines - 1);
        lines << tr("… and %n more (hover to see all)", nullptr, int(more));
    }
    m_notice->setText(lines.join(u'\n'));
    m_notice->setToolTip(QStringLiteral("<pre>%1</pre>").arg(text.toHtmlEscaped()));
    m_noticeRow->setStyleSheet(problem ? QStringLiteral("background: #fff4e0; color: #6b3d00;")
                                       : QStringLiteral("background: #e8f3ea; color: #1e5b24;"));
    m_noticeRow->show();
}

QString IncidentsView::noticeText() const
{
    return m_noticeRow->isVisible() ? m_notice->text() : QString();
}

void IncidentsView::showSelected()
{
    m_detail->showIncident(selectedIncident());
}

void IncidentsView::showContextMenu(const QPoint& pos)
{
    QMenu menu(this);
    menu.addActions(m_actions->triageActions());
    menu.addSeparator();
    menu.addActions(m_actions->navigationActions());
    if (!m_contextExtra.isEmpty()) {
        menu.addSeparator();
        menu.addActions(m_contextExtra);
    }
    menu.exec(m_table->viewport()->mapToGlobal(pos));
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
    m_filterBar->setCountText(tr("%1 shown · %2 open · %3 resolved · %4 closed")
                                  .arg(ui::numberText(m_proxy->rowCount()), ui::numberText(open),
                                       ui::numberText(resolved), ui::numberText(closed)));
}

bool IncidentsView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_table && event->type() == QEvent::KeyPress) {
        if (static_cast<QKeyEvent*>(event)->key() == Qt::Key_Slash) {
            focusFilter();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace vigil
