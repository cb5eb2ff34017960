#include "dialogs/suppressions_dialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "app_context.h"
#include "storage/journal.h"
#include "triage/suppression.h"
#include "util/timestamp.h"

namespace vigil {

namespace {

enum Column { Id, State, Rule, Hidden, Expires, Values, ColumnCount };

constexpr int kActiveRole = Qt::UserRole + 1;
constexpr int kDetailsRole = Qt::UserRole + 2;

QString stateText(const Suppression& s, qint64 now)
{
    const QString code = s.stateCode(now);
    return code == u"active"   ? SuppressionsDialog::tr("Active")
           : code == u"ended" ? SuppressionsDialog::tr("Ended early")
                               : SuppressionsDialog::tr("Expired");
}

// Plain text for the details pane (shown in a QPlainTextEdit: never markup).
QString detailsOf(const Suppression& s)
{
    QString text = SuppressionsDialog::tr("Suppression %1 of rule %2\n")
                       .arg(s.id)
                       .arg(s.ruleTitle.isEmpty() ? s.ruleUid : s.ruleTitle);
    const QString hidden = s.previewCount == 1
                               ? SuppressionsDialog::tr("1 stored alert")
                               : SuppressionsDialog::tr("%1 stored alerts").arg(s.previewCount);
    text += SuppressionsDialog::tr("Made %1 by %2; to expire %3. When saved it would have "
                                   "hidden %4.\n")
                .arg(formatUtc(s.createdNs, 0), s.createdBy, formatUtc(s.expiresNs, 0), hidden);
    text += SuppressionsDialog::tr("Reason: %1\n")
                .arg(s.reason.isEmpty() ? SuppressionsDialog::tr("(none given)") : s.reason);
    if (s.endedNs != 0) {
        text += SuppressionsDialog::tr("Ended early %1 by %2. Why: %3\n")
                    .arg(formatUtc(s.endedNs, 0), s.endedBy,
                         s.endReason.isEmpty() ? SuppressionsDialog::tr("(none given)")
                                               : s.endReason);
    }
    return text;
}

} // namespace

SuppressionsDialog::SuppressionsDialog(AppContext& context, QWidget* parent)
    : QDialog(parent)
    , m_context(context)
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_details(new QPlainTextEdit(this))
    , m_reason(new QLineEdit(this))
    , m_end(new QPushButton(tr("&End now"), this))
    , m_message(new QLabel(this))
{
    setWindowTitle(tr("Suppressions"));
    auto* intro = new QLabel(tr("Alerts a suppression hides are still stored and counted, with "
                                "status Suppressed. Ending one stops it hiding new alerts; those it "
                                "already hid keep their status."),
                             this);
    intro->setWordWrap(true);
    m_table->setHorizontalHeaderLabels({tr("ID"), tr("State"), tr("Rule"), tr("Alerts hidden"),
                                        tr("Expires (UTC)"), tr("Field values")});
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_details->setReadOnly(true);
    m_details->setMaximumHeight(112);
    m_details->setPlaceholderText(tr("Select a suppression to see its reason and history."));
    m_reason->setPlaceholderText(tr("Why it ends early (kept with it and journalled)"));
    m_end->setToolTip(tr("End the selected suppression now, before its expiry"));
    m_message->setTextFormat(Qt::PlainText);
    m_message->setWordWrap(true);
    auto* actions = new QHBoxLayout;
    actions->addWidget(new QLabel(tr("Reason for ending:"), this));
    actions->addWidget(m_reason, 1);
    actions->addWidget(m_end);
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_details);
    layout->addLayout(actions);
    layout->addWidget(m_message);
    layout->addWidget(close);
    resize(960, 480);

    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_end, &QPushButton::clicked, this, [this] { endSelected(m_reason->text()); });
    connect(m_table, &QTableWidget::itemSelectionChanged, this,
            &SuppressionsDialog::updateSelection);
    reload();
}

void SuppressionsDialog::reload()
{
    const qint64 wasSelected = selectedId();
    auto all = Suppressions::list(m_context.reader());
    const QSignalBlocker block(m_table);
    m_table->setRowCount(0);
    if (!all) {
        m_message->setText(all.error().message);
        updateSelection();
        return;
    }
    const qint64 now = nowNs();
    m_table->setRowCount(int(all->size()));
    for (int row = 0; row < int(all->size()); ++row) {
        const Suppression& s = (*all)[std::size_t(row)];
        const bool active = s.isActive(now);
        auto* id = new QTableWidgetItem(QString::number(s.id));
        id->setData(Qt::UserRole, s.id);
        id->setData(kActiveRole, active);
        id->setData(kDetailsRole, detailsOf(s));
        m_table->setItem(row, Id, id);
        m_table->setItem(row, State, new QTableWidgetItem(stateText(s, now)));
        m_table->setItem(row, Rule,
                         new QTableWidgetItem(s.ruleTitle.isEmpty() ? s.ruleUid : s.ruleTitle));
        m_table->setItem(row, Values, new QTableWidgetItem(s.fieldsText()));
        auto* hidden = new QTableWidgetItem(QString::number(s.suppressedCount));
        hidden->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(row, Hidden, hidden);
        m_table->setItem(row, Expires, new QTableWidgetItem(formatUtc(s.expiresNs, 0)));
    }
    // Stretch set afresh after sizing to contents (set once, it would keep the sized width).
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setStretchLastSection(true);
    if (all->empty()) {
        m_message->setText(tr("No suppressions yet. Make one from the queue: Triage › Suppress "
                              "alerts like this…"));
    }
    if (wasSelected != 0) {
        select(wasSelected);
    }
    updateSelection();
}

qint64 SuppressionsDialog::selectedId() const
{
    const QList<QTableWidgetItem*> items = m_table->selectedItems();
    if (items.isEmpty()) {
        return 0;
    }
    const QTableWidgetItem* id = m_table->item(items.front()->row(), Id);
    return id ? id->data(Qt::UserRole).toLongLong() : 0;
}

bool SuppressionsDialog::select(qint64 id)
{
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (m_table->item(row, Id)->data(Qt::UserRole).toLongLong() == id) {
            m_table->selectRow(row);
            return true;
        }
    }
    return false;
}

void SuppressionsDialog::updateSelection()
{
    const QList<QTableWidgetItem*> items = m_table->selectedItems();
    const QTableWidgetItem* id = items.isEmpty() ? nullptr : m_table->item(items.front()->row(), Id);
    m_end->setEnabled(id && id->data(kActiveRole).toBool());
    m_details->setPlainText(id ? id->data(kDetailsRole).toString() : QString());
}

QString SuppressionsDialog::detailsText() const
{
    return m_details->toPlainText();
}

bool SuppressionsDialog::endSelected(const QString& reason)
{
    const qint64 id = selectedId();
    if (id == 0) {
        m_message->setText(tr("Select a suppression first."));
        return false;
    }
    if (auto r = Suppressions::end(m_context.writer(), id, localActor(), reason.trimmed()); !r) {
        m_message->setText(tr("Suppression %1 not ended: %2").arg(id).arg(r.error().message));
        reload();
        return false;
    }
    m_reason->clear();
    m_context.notifyTriageChanged();
    reload();
    m_message->setText(tr("Suppression %1 ended: new alerts are no longer hidden by it.").arg(id));
    return true;
}

} // namespace vigil
