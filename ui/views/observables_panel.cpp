#include "views/observables_panel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

#include "app_context.h"
#include "dialogs/pivot_dialog.h"
#include "storage/journal.h"
#include "storage/store.h"
#include "widgets/display_format.h"

namespace vigil {

namespace {

enum Column { TypeCol, ValueCol, TlpCol, PapCol, EventsCol, FirstCol, LastCol, ColumnCount };
constexpr int kIdRole = Qt::UserRole;
constexpr int kTypeRole = Qt::UserRole + 1;

QString typeText(ObservableType t)
{
    switch (t) {
    case ObservableType::Ip:
        return ObservablesPanel::tr("IP address");
    case ObservableType::Domain:
        return ObservablesPanel::tr("Domain");
    case ObservableType::Url:
        return ObservablesPanel::tr("URL");
    case ObservableType::Md5:
        return ObservablesPanel::tr("MD5");
    case ObservableType::Sha1:
        return ObservablesPanel::tr("SHA-1");
    case ObservableType::Sha256:
        return ObservablesPanel::tr("SHA-256");
    case ObservableType::User:
        return ObservablesPanel::tr("User");
    case ObservableType::Host:
        return ObservablesPanel::tr("Host");
    case ObservableType::FilePath:
        return ObservablesPanel::tr("File path");
    }
    return {};
}

QString tlpMeaning(Tlp t)
{
    switch (t) {
    case Tlp::Clear:
        return ObservablesPanel::tr("No limit on disclosure.");
    case Tlp::Green:
        return ObservablesPanel::tr("The community, not public channels.");
    case Tlp::Amber:
        return ObservablesPanel::tr("The recipient's organisation and its clients, need-to-know.");
    case Tlp::AmberStrict:
        return ObservablesPanel::tr("The recipient's organisation only.");
    case Tlp::Red:
        return ObservablesPanel::tr("Named recipients only.");
    }
    return {};
}

QString papMeaning(Pap p)
{
    switch (p) {
    case Pap::Clear:
        return ObservablesPanel::tr("No restriction.");
    case Pap::Green:
        return ObservablesPanel::tr("Active actions allowed (block, ping, honeypots).");
    case Pap::Amber:
        return ObservablesPanel::tr("Passive cross-checks only (third-party lookups, whois).");
    case Pap::Red:
        return ObservablesPanel::tr("No action detectable from outside: log review only.");
    }
    return {};
}

// TLP labels as FIRST draws them: the colour on black.
QColor tlpColor(Tlp t)
{
    switch (t) {
    case Tlp::Clear:
        return QColor(0xff, 0xff, 0xff);
    case Tlp::Green:
        return QColor(0x33, 0xff, 0x00);
    case Tlp::Amber:
    case Tlp::AmberStrict:
        return QColor(0xff, 0xc0, 0x00);
    case Tlp::Red:
        return QColor(0xff, 0x2b, 0x2b);
    }
    return Qt::white;
}

QTableWidgetItem* item(const QString& text)
{
    auto* i = new QTableWidgetItem(text);
    i->setFlags(i->flags() & ~Qt::ItemIsEditable);
    return i;
}

} // namespace

ObservablesPanel::ObservablesPanel(AppContext& context, QWidget* parent)
    : QWidget(parent)
    , m_context(context)
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_tlp(new QComboBox(this))
    , m_pap(new QComboBox(this))
    , m_apply(new QPushButton(tr("Set markings"), this))
    , m_pivot(new QPushButton(tr("Show events…"), this))
    , m_extract(new QPushButton(tr("Extract again"), this))
    , m_status(new QLabel(this))
    , m_watcher(new QFutureWatcher<Outcome>(this))
    , m_cancel(std::make_shared<std::atomic<bool>>(false))
{
    m_table->setHorizontalHeaderLabels({tr("Type"), tr("Value"), tr("TLP"), tr("PAP"), tr("Events"),
                                        tr("First seen (UTC)"), tr("Last seen (UTC)")});
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(ValueCol, QHeaderView::Stretch);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    for (Tlp t : allTlps()) {
        m_tlp->addItem(labelOf(t), int(t));
        m_tlp->setItemData(m_tlp->count() - 1, tlpMeaning(t), Qt::ToolTipRole);
    }
    for (Pap p : allPaps()) {
        m_pap->addItem(labelOf(p), int(p));
        m_pap->setItemData(m_pap->count() - 1, papMeaning(p), Qt::ToolTipRole);
    }
    m_tlp->setCurrentIndex(int(kDefaultTlp));
    m_pap->setCurrentIndex(int(kDefaultPap));
    m_tlp->setToolTip(tr("Traffic Light Protocol: who may receive this observable."));
    m_pap->setToolTip(tr("Permissible Actions Protocol: what may be done with it."));
    m_pivot->setToolTip(tr("Every stored event that holds the selected observable."));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setStyleSheet(QStringLiteral("color: palette(mid);"));

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Selected:"), this));
    controls->addWidget(m_tlp);
    controls->addWidget(m_pap);
    controls->addWidget(m_apply);
    controls->addSpacing(12);
    controls->addWidget(m_pivot);
    controls->addStretch(1);
    controls->addWidget(m_status);
    controls->addWidget(m_extract);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(controls);
    layout->addWidget(m_table, 1);

    connect(m_apply, &QPushButton::clicked, this, &ObservablesPanel::applyToSelection);
    connect(m_pivot, &QPushButton::clicked, this, [this] {
        if (const QList<int> rows = selectedRows(); !rows.isEmpty()) {
            showEvents(rows.front());
        }
    });
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this](int row) { showEvents(row); });
    connect(m_extract, &QPushButton::clicked, this, &ObservablesPanel::extract);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &ObservablesPanel::updateButtons);
    connect(m_watcher, &QFutureWatcher<Outcome>::finished, this, &ObservablesPanel::onExtracted);
    updateButtons();
}

ObservablesPanel::~ObservablesPanel()
{
    m_cancel->store(true);
    m_watcher->waitForFinished();
}

void ObservablesPanel::setIncident(qint64 id)
{
    if (id == m_id) {
        reload();
        return;
    }
    m_id = id;
    reload();
    if (m_id != 0) {
        extract();
    }
}

void ObservablesPanel::extract()
{
    if (m_id == 0) {
        return;
    }
    if (m_watcher->isRunning()) {
        m_cancel->store(true); // the one running is for another incident or stale
        m_watcher->waitForFinished();
    }
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_status->setText(tr("Extracting from the incident's events…"));
    m_extract->setEnabled(false);
    const QString path = m_context.path();
    const QString actor = localActor();
    const qint64 id = m_id;
    auto cancel = m_cancel;
    m_watcher->setFuture(QtConcurrent::run([path, actor, id, cancel]() {
        Outcome o;
        o.incidentId = id;
        auto db = Store::openWriter(path);
        if (!db) {
            o.error = db.error().toString();
            return o;
        }
        ObservableService service(*db, actor);
        auto counts = service.refresh(id, cancel.get());
        if (counts) {
            o.counts = *counts;
        } else {
            o.error = counts.error().message;
        }
        return o;
    }));
}

void ObservablesPanel::onExtracted()
{
    m_extract->setEnabled(true);
    const Outcome o = m_watcher->result();
    if (o.incidentId != m_id || m_cancel->load()) {
        return; // another incident is shown now
    }
    if (!o.error.isEmpty()) {
        m_status->setText(tr("Extraction failed: %1").arg(o.error));
    } else {
        m_status->setText(tr("%n observable(s) from %1 event(s)", nullptr, int(o.counts.observables))
                              .arg(ui::numberText(o.counts.eventsRead)));
    }
    reload();
    emit extractionFinished();
}

void ObservablesPanel::reload()
{
    const QList<int> keep = selectedRows();
    m_table->setRowCount(0);
    if (m_id == 0) {
        return;
    }
    auto rows = ObservableQueries::forIncident(m_context.reader(), m_id);
    if (!rows) {
        m_status->setText(tr("Could not read the observables: %1").arg(rows.error().message));
        return;
    }
    m_table->setRowCount(int(rows->size()));
    for (int r = 0; r < int(rows->size()); ++r) {
        const ObservableRecord& o = (*rows)[size_t(r)];
        auto* type = item(typeText(o.type));
        type->setData(kIdRole, o.id);
        type->setData(kTypeRole, int(o.type));
        m_table->setItem(r, TypeCol, type);
        auto* value = item(o.value);
        value->setToolTip(tr("Found first in %1").arg(o.field));
        m_table->setItem(r, ValueCol, value);
        auto* tlp = item(labelOf(o.tlp));
        tlp->setBackground(Qt::black);
        tlp->setForeground(tlpColor(o.tlp));
        tlp->setToolTip(tlpMeaning(o.tlp));
        m_table->setItem(r, TlpCol, tlp);
        auto* pap = item(labelOf(o.pap));
        pap->setToolTip(papMeaning(o.pap));
        m_table->setItem(r, PapCol, pap);
        auto* count = item(ui::numberText(o.eventCount));
        count->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(r, EventsCol, count);
        m_table->setItem(r, FirstCol, item(ui::timeText(o.firstSeenNs, 0)));
        m_table->setItem(r, LastCol, item(ui::timeText(o.lastSeenNs, 0)));
    }
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setSectionResizeMode(ValueCol, QHeaderView::Stretch);
    for (int r : keep) {
        if (r < m_table->rowCount()) {
            m_table->selectRow(r);
        }
    }
    updateButtons();
}

QList<int> ObservablesPanel::selectedRows() const
{
    QList<int> rows;
    for (const QModelIndex& i : m_table->selectionModel()->selectedRows()) {
        rows << i.row();
    }
    std::sort(rows.begin(), rows.end());
    return rows;
}

void ObservablesPanel::updateButtons()
{
    const bool any = !selectedRows().isEmpty();
    m_apply->setEnabled(any);
    m_pivot->setEnabled(selectedRows().size() == 1);
}

bool ObservablesPanel::setMarkings(const QList<int>& rows, Tlp tlp, Pap pap)
{
    ObservableService service(m_context.writer(), localActor());
    bool ok = true;
    bool wrote = false;
    for (int row : rows) {
        const QTableWidgetItem* i = m_table->item(row, TypeCol);
        if (!i) {
            continue;
        }
        auto r = service.setMarking(i->data(kIdRole).toLongLong(), tlp, pap);
        if (!r) {
            QMessageBox::warning(this, tr("Markings not set"),
                                 tr("The markings could not be set: %1").arg(r.error().message));
            ok = false;
            break;
        }
        wrote = wrote || *r;
    }
    reload();
    if (wrote) {
        emit changed();
    }
    return ok;
}

void ObservablesPanel::applyToSelection()
{
    setMarkings(selectedRows(), Tlp(m_tlp->currentData().toInt()), Pap(m_pap->currentData().toInt()));
}

PivotDialog* ObservablesPanel::showEvents(int row)
{
    const QTableWidgetItem* type = m_table->item(row, TypeCol);
    const QTableWidgetItem* value = m_table->item(row, ValueCol);
    if (!type || !value) {
        return nullptr;
    }
    auto* dialog = new PivotDialog(m_context, ObservableType(type->data(kTypeRole).toInt()),
                                   typeText(ObservableType(type->data(kTypeRole).toInt())),
                                   value->text(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

} // namespace vigil
