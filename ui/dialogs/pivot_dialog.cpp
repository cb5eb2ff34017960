#include "dialogs/pivot_dialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

#include "app_context.h"
#include "investigation/observables.h"
#include "model/event.h"
#include "storage/event_store.h"
#include "storage/store.h"
#include "widgets/display_format.h"

namespace vigil {

namespace {

QTableWidgetItem* item(const QString& text)
{
    auto* i = new QTableWidgetItem(text);
    i->setFlags(i->flags() & ~Qt::ItemIsEditable);
    return i;
}

} // namespace

PivotDialog::PivotDialog(AppContext& context, ObservableType type, const QString& typeName,
                         const QString& value, QWidget* parent)
    : QDialog(parent)
    , m_context(context)
    , m_value(value)
    , m_typeName(typeName)
    , m_summary(new QLabel(this))
    , m_table(new QTableWidget(0, 5, this))
    , m_raw(new QPlainTextEdit(this))
    , m_watcher(new QFutureWatcher<Found>(this))
    , m_cancel(std::make_shared<std::atomic<bool>>(false))
{
    setWindowTitle(tr("Events holding %1").arg(typeName));
    resize(1000, 620);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setText(tr("Searching every stored event for %1 %2…").arg(typeName, value));
    m_table->setHorizontalHeaderLabels(
        {tr("Time (UTC)"), tr("Host"), tr("Format"), tr("Source"), tr("Summary")});
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_raw->setReadOnly(true);
    m_raw->setPlaceholderText(tr("Select an event to see its raw record."));
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(m_raw);
    split->setStretchFactor(0, 3);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_table, &QTableWidget::currentCellChanged, this, &PivotDialog::showRaw);
    connect(m_watcher, &QFutureWatcher<Found>::finished, this, &PivotDialog::onLoaded);

    const QString path = context.path();
    auto cancel = m_cancel;
    m_watcher->setFuture(QtConcurrent::run([path, type, value, cancel]() {
        Found f;
        auto db = Store::openReader(path);
        if (!db) {
            f.error = db.error().toString();
            return f;
        }
        auto ids = ObservableQueries::pivot(*db, type, value, kLimit, cancel.get());
        if (!ids) {
            f.error = ids.error().message;
            return f;
        }
        f.truncated = ids->truncated;
        auto rows = EventQueries::rows(*db, ids->eventIds);
        if (!rows) {
            f.error = rows.error().message;
            return f;
        }
        f.rows = std::move(*rows);
        return f;
    }));
}

PivotDialog::~PivotDialog()
{
    m_cancel->store(true);
    m_watcher->waitForFinished();
}

void PivotDialog::onLoaded()
{
    const Found f = m_watcher->result();
    if (!f.error.isEmpty()) {
        m_summary->setText(tr("The search failed: %1").arg(f.error));
        emit loaded(0);
        return;
    }
    m_table->setRowCount(int(f.rows.size()));
    for (int r = 0; r < int(f.rows.size()); ++r) {
        const EventRow& e = f.rows[size_t(r)];
        auto* time = item(ui::timeText(e.timeNs, e.timeDigits, 6));
        time->setData(Qt::UserRole, e.id);
        m_table->setItem(r, 0, time);
        m_table->setItem(r, 1, item(e.host));
        m_table->setItem(r, 2, item(e.format));
        m_table->setItem(r, 3, item(e.source + u':' + QString::number(e.sourcePos)));
        m_table->setItem(r, 4, item(e.summary));
    }
    m_table->resizeColumnsToContents();
    const int n = int(f.rows.size());
    m_summary->setText(f.truncated
                           ? tr("The first %1 stored events that hold %2 %3 (there are more).")
                                 .arg(ui::numberText(n), m_typeName, m_value)
                           : tr("%n stored event(s) hold %1 %2.", nullptr, n).arg(m_typeName, m_value));
    emit loaded(n);
}

void PivotDialog::showRaw()
{
    const int row = m_table->currentRow();
    const QTableWidgetItem* i = row >= 0 ? m_table->item(row, 0) : nullptr;
    if (!i) {
        m_raw->clear();
        return;
    }
    auto e = loadEvent(m_context.reader(), i->data(Qt::UserRole).toLongLong());
    m_raw->setPlainText(e ? e->raw : tr("Could not load the event: %1").arg(e.error().message));
}

} // namespace vigil
