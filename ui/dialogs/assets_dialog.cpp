#include "dialogs/assets_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "app_context.h"
#include "storage/journal.h"
#include "triage/asset_inventory.h"
#include "triage/incident_priority.h"

namespace vigil {

namespace {

enum Column { Kind, Name, Criticality_, Owner, Tags, ColumnCount };

QTableWidgetItem* cell(const QString& text)
{
    auto* item = new QTableWidgetItem(text);
    item->setFlags(item->flags() & ~Qt::ItemIsEditable);
    return item;
}

} // namespace

AssetsDialog::AssetsDialog(AppContext& ctx, QWidget* parent)
    : QDialog(parent)
    , m_ctx(ctx)
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_kind(new QComboBox(this))
    , m_name(new QLineEdit(this))
    , m_criticality(new QComboBox(this))
    , m_owner(new QLineEdit(this))
    , m_tags(new QLineEdit(this))
    , m_save(new QPushButton(tr("Save"), this))
    , m_remove(new QPushButton(tr("Remove"), this))
    , m_status(new QLabel(this))
{
    setWindowTitle(tr("Assets and identities"));
    resize(860, 640);
    auto* intro = new QLabel(
        tr("Hosts and user accounts with their criticality. An incident's priority combines its "
           "rule level with the criticality of its host and of the most critical user in its "
           "events. Names match case-insensitively."),
        this);
    intro->setWordWrap(true);
    m_table->setHorizontalHeaderLabels(
        {tr("Kind"), tr("Name"), tr("Criticality"), tr("Owner"), tr("Tags")});
    m_table->horizontalHeader()->setSectionResizeMode(Name, QHeaderView::Stretch);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->setAlternatingRowColors(true);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(Kind, Qt::AscendingOrder);

    m_kind->addItem(tr("host"), QStringLiteral("host"));
    m_kind->addItem(tr("user"), QStringLiteral("user"));
    for (const Criticality c :
         {Criticality::Low, Criticality::Medium, Criticality::High, Criticality::Critical}) {
        m_criticality->addItem(criticalityCode(c), int(c));
    }
    m_criticality->setCurrentIndex(1);
    m_name->setPlaceholderText(tr("e.g. dc01 or administrator"));
    m_tags->setPlaceholderText(tr("separated by ;"));
    auto* form = new QFormLayout;
    auto* kindRow = new QHBoxLayout;
    kindRow->addWidget(m_kind);
    kindRow->addWidget(new QLabel(tr("Criticality"), this));
    kindRow->addWidget(m_criticality);
    kindRow->addStretch();
    form->addRow(tr("Kind"), kindRow);
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Owner"), m_owner);
    form->addRow(tr("Tags"), m_tags);

    auto* importButton = new QPushButton(tr("Import CSV or YAML…"), this);
    auto* actions = new QHBoxLayout;
    actions->addWidget(m_save);
    actions->addWidget(m_remove);
    actions->addStretch();
    actions->addWidget(importButton);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setMinimumHeight(fontMetrics().lineSpacing() * 4);
    m_status->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table, 1);
    layout->addLayout(form);
    layout->addLayout(actions);
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_table, &QTableWidget::itemSelectionChanged, this,
            &AssetsDialog::fillFormFromSelection);
    connect(m_save, &QPushButton::clicked, this, &AssetsDialog::saveForm);
    connect(m_remove, &QPushButton::clicked, this, &AssetsDialog::removeSelected);
    connect(importButton, &QPushButton::clicked, this, &AssetsDialog::importFile);
    connect(m_name, &QLineEdit::returnPressed, this, &AssetsDialog::saveForm);
    reload();
}

void AssetsDialog::reload()
{
    auto list = AssetInventory::list(m_ctx.writer());
    m_table->setSortingEnabled(false);
    m_table->setRowCount(0);
    if (!list) {
        m_status->setText(tr("Could not read the inventory: %1").arg(list.error().toString()));
        return;
    }
    m_table->setRowCount(int(list->size()));
    for (int i = 0; i < int(list->size()); ++i) {
        const Asset& a = (*list)[size_t(i)];
        m_table->setItem(i, Kind, cell(a.kind));
        m_table->setItem(i, Name, cell(a.name));
        m_table->setItem(i, Criticality_, cell(criticalityCode(a.criticality)));
        m_table->setItem(i, Owner, cell(a.owner));
        m_table->setItem(i, Tags, cell(a.tags.join(QStringLiteral("; "))));
    }
    m_table->setSortingEnabled(true);
    m_remove->setEnabled(false);
}

void AssetsDialog::fillFormFromSelection()
{
    const int row = m_table->currentRow();
    const bool selected = row >= 0 && !m_table->selectedItems().isEmpty();
    m_remove->setEnabled(selected);
    if (!selected) {
        return;
    }
    m_kind->setCurrentIndex(m_kind->findData(m_table->item(row, Kind)->text()));
    m_name->setText(m_table->item(row, Name)->text());
    const auto c = criticalityFromCode(m_table->item(row, Criticality_)->text());
    m_criticality->setCurrentIndex(m_criticality->findData(int(c.value_or(Criticality::Medium))));
    m_owner->setText(m_table->item(row, Owner)->text());
    m_tags->setText(m_table->item(row, Tags)->text());
}

void AssetsDialog::saveForm()
{
    Asset a;
    a.kind = m_kind->currentData().toString();
    a.name = m_name->text().trimmed();
    a.criticality = Criticality(m_criticality->currentData().toInt());
    a.owner = m_owner->text().trimmed();
    a.tags = m_tags->text().split(u';', Qt::SkipEmptyParts);
    auto r = AssetInventory::save(m_ctx.writer(), a, localActor());
    if (!r) {
        m_status->setText(tr("Not saved: %1").arg(r.error().message));
        return;
    }
    afterChange(*r ? tr("Saved %1 %2.").arg(a.kind, a.name)
                   : tr("%1 %2 was already so; nothing changed.").arg(a.kind, a.name));
}

void AssetsDialog::removeSelected()
{
    const int row = m_table->currentRow();
    if (row < 0) {
        return;
    }
    const QString kind = m_table->item(row, Kind)->text();
    const QString name = m_table->item(row, Name)->text();
    auto r = AssetInventory::remove(m_ctx.writer(), kind, name, localActor());
    if (!r) {
        m_status->setText(tr("Not removed: %1").arg(r.error().message));
        return;
    }
    afterChange(tr("Removed %1 %2.").arg(kind, name));
}

void AssetsDialog::importFile()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Import an inventory"), QString(),
        tr("Inventories (*.csv *.yml *.yaml);;All files (*)"));
    if (path.isEmpty()) {
        return;
    }
    auto r = AssetInventory::importFile(m_ctx.writer(), path, localActor());
    if (!r) {
        m_status->setText(tr("Not imported: %1").arg(r.error().toString()));
        return;
    }
    QString text = tr("%1: %2 added, %3 updated, %4 unchanged.")
                       .arg(path, QString::number(r->added), QString::number(r->updated),
                            QString::number(r->unchanged));
    if (!r->problems.empty()) {
        text += u' ' + tr("%n row(s) left out:", nullptr, int(r->problems.size()));
        for (size_t i = 0; i < r->problems.size() && i < 5; ++i) {
            text += u'\n' + r->problems[i].toString();
        }
    }
    afterChange(text);
}

void AssetsDialog::afterChange(const QString& what)
{
    IncidentPrioritiser prioritiser(m_ctx.writer(), localActor());
    auto changed = prioritiser.updateOpen();
    QString text = what;
    if (!changed) {
        text += u'\n' + tr("Priorities could not be updated: %1").arg(changed.error().toString());
    } else {
        text += u'\n' + tr("%n open incident(s) got a new priority.", nullptr, *changed);
    }
    m_status->setText(text);
    reload();
    m_ctx.notifyTriageChanged();
}

} // namespace vigil
