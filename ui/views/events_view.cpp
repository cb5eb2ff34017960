#include "views/events_view.h"

#include <QAction>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include "app_context.h"
#include "model/event.h"
#include "models/event_table_model.h"
#include "storage/event_store.h"
#include "util/timestamp.h"
#include "widgets/display_format.h"

namespace vigil {

namespace {

QTableWidgetItem* plainItem(const QString& text)
{
    auto* item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    return item;
}

QString valueText(const FieldValue& v)
{
    if (v.isNull()) {
        return QStringLiteral("null");
    }
    if (!v.isList()) {
        return v.text();
    }
    QStringList parts;
    for (const FieldValue& item : v.items()) {
        parts << valueText(item);
    }
    return QStringLiteral("[") + parts.join(QStringLiteral(", ")) + QStringLiteral("]");
}

} // namespace

EventsView::EventsView(AppContext& context, QWidget* parent)
    : QWidget(parent)
    , m_context(context)
    , m_model(new EventTableModel(context.path(), this))
    , m_filter(new QLineEdit(this))
    , m_newestFirst(new QCheckBox(tr("Newest first"), this))
    , m_count(new QLabel(this))
    , m_table(new QTableView(this))
    , m_fields(new QTableWidget(this))
    , m_raw(new QPlainTextEdit(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_debounce(new QTimer(this))
{
    m_filter->setPlaceholderText(
        tr("Filter events: words all must appear · \"a phrase\" · host:x · format:x · file.log:42 · "
           "-exclude (press / to focus)"));
    m_filter->setToolTip(tr("Every term must hold, ignoring case:\n"
                            "  word or \"a phrase\" — in the host, the source or the raw record\n"
                            "  host:x  format:x  source:x — in that column\n"
                            "  auth.log:42 — line 42 of a file whose name ends in auth.log\n"
                            "  -term — the opposite"));
    m_filter->setClearButtonEnabled(true);
    m_count->setTextFormat(Qt::PlainText);
    auto* bar = new QHBoxLayout;
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_newestFirst);
    bar->addSpacing(12);
    bar->addWidget(m_count);

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(EventTableModel::Summary, QHeaderView::Stretch);
    m_table->setColumnWidth(EventTableModel::Time, fontMetrics().horizontalAdvance(QStringLiteral("8888-88-88T88:88:88.888888Z")) + 16);
    m_table->setColumnWidth(EventTableModel::Severity, 80);
    m_table->setColumnWidth(EventTableModel::Host, 180);
    m_table->setColumnWidth(EventTableModel::Format, 120);
    m_table->setColumnWidth(EventTableModel::Source, 200);
    m_table->setAlternatingRowColors(true);

    m_fields->setColumnCount(2);
    m_fields->setHorizontalHeaderLabels({tr("Field"), tr("Value")});
    m_fields->horizontalHeader()->setStretchLastSection(true);
    m_fields->verticalHeader()->hide();
    m_fields->setWordWrap(false);
    m_fields->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_fields->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_fields->setAlternatingRowColors(true);
    m_raw->setReadOnly(true);
    m_raw->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    QFont mono(QStringLiteral("Monospace"));
    mono.setStyleHint(QFont::TypeWriter);
    m_raw->setFont(mono);
    auto* detail = new QTabWidget(this);
    detail->addTab(m_fields, tr("Fields"));
    detail->addTab(m_raw, tr("Raw record"));

    m_splitter->addWidget(m_table);
    m_splitter->addWidget(detail);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);

    // Right-click (or Ctrl+Shift+A) on selected events: add them to an incident.
    m_addToIncident = new QAction(tr("Add to incident…"), this);
    m_addToIncident->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    m_addToIncident->setShortcutContext(Qt::WidgetShortcut);
    m_addToIncident->setToolTip(tr("Link the selected events to an incident (Ctrl+Shift+A)"));
    m_table->addAction(m_addToIncident);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    setFocusProxy(m_table);
    connect(m_addToIncident, &QAction::triggered, this, &EventsView::addSelectedToIncident);
    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("eventsNotice"));
    m_notice->setTextFormat(Qt::PlainText);
    m_notice->setWordWrap(true);
    m_notice->hide();

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_notice);
    layout->addWidget(m_splitter, 1);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(300);
    connect(m_debounce, &QTimer::timeout, this, &EventsView::applyFilter);
    connect(m_filter, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_filter, &QLineEdit::returnPressed, this, &EventsView::applyFilter);
    connect(m_newestFirst, &QCheckBox::toggled, this, &EventsView::applyFilter);
    connect(m_model, &EventTableModel::countsChanged, this, &EventsView::updateCounts);
    connect(m_model, &EventTableModel::loadingChanged, this, [this](bool loading) {
        if (loading) {
            m_count->setText(tr("Searching…"));
        }
    });
    connect(m_model, &EventTableModel::loadFailed, this, [this](const QString& message) {
        m_count->setText(tr("Could not read events: %1").arg(message));
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &EventsView::showSelected);
    connect(&m_context, &AppContext::eventsChanged, this, &EventsView::refresh);
    m_model->refresh();
}

void EventsView::refresh()
{
    m_model->refresh();
}

void EventsView::focusFilter()
{
    m_filter->setFocus();
    m_filter->selectAll();
}

void EventsView::applyFilter()
{
    m_debounce->stop();
    EventFilter f;
    f.text = m_filter->text().trimmed();
    f.newestFirst = m_newestFirst->isChecked();
    m_model->setFilter(f);
}

void EventsView::updateCounts(qint64 matched, qint64 total)
{
    showEvent(0); // the list was replaced: no stale detail
    if (total == 0) {
        m_count->setText(tr("No events stored yet — import log files (Ctrl+I)"));
    } else if (matched == 0) {
        m_count->setText(tr("No events match this filter (of %1)").arg(ui::numberText(total)));
    } else if (m_model->filter().text.isEmpty()) {
        m_count->setText(tr("%1 events").arg(ui::numberText(total)));
    } else {
        m_count->setText(tr("%1 of %2 events").arg(ui::numberText(matched), ui::numberText(total)));
    }
}

void EventsView::showSelected()
{
    const QModelIndex current = m_table->currentIndex();
    showEvent(current.isValid() ? m_model->eventId(current.row()) : 0);
}

void EventsView::showEvent(qint64 eventId)
{
    m_fields->setRowCount(0);
    m_raw->clear();
    if (eventId == 0) {
        return;
    }
    auto event = loadEvent(m_context.reader(), eventId);
    if (!event) {
        m_raw->setPlainText(tr("Could not load event %1: %2").arg(QString::number(eventId), event.error().toString()));
        return;
    }
    const Event& e = *event;
    std::vector<std::pair<QString, QString>> rows{
        {tr("time (UTC)"), formatUtc(e.timeNs, e.timeDigits)
             + (e.timeSource == TimeSource::Received ? tr("  (time received: the record had none)") : QString())},
        {tr("host"), e.host},
        {tr("format"), e.format},
        {tr("source"), e.sourceRef()},
        {tr("severity"), severityName(e.severity)},
    };
    for (const auto& [name, value] : e.fields.entries()) {
        rows.emplace_back(name, valueText(value));
    }
    m_fields->setRowCount(int(rows.size()));
    for (int i = 0; i < int(rows.size()); ++i) {
        m_fields->setItem(i, 0, plainItem(rows[size_t(i)].first));
        m_fields->setItem(i, 1, plainItem(rows[size_t(i)].second));
        if (i < 5) {
            QFont f = m_fields->item(i, 0)->font();
            f.setItalic(true);
            m_fields->item(i, 0)->setFont(f);
        }
    }
    m_fields->resizeColumnToContents(0);
    m_raw->setPlainText(e.raw);
}

} // namespace vigil
