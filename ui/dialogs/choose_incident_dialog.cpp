#include "dialogs/choose_incident_dialog.h"

#include <algorithm>

#include <QDialogButtonBox>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include "triage/queue_filter.h"
#include "widgets/display_format.h"

namespace vigil {

ChooseIncidentDialog::ChooseIncidentDialog(const QString& prompt,
                                           std::vector<IncidentRecord> incidents, QWidget* parent)
    : QDialog(parent)
    , m_incidents(std::move(incidents))
    , m_filter(new QLineEdit(this))
    , m_list(new QListWidget(this))
{
    setWindowTitle(tr("Choose an incident"));
    std::stable_sort(m_incidents.begin(), m_incidents.end(),
                     [](const IncidentRecord& a, const IncidentRecord& b) {
                         if (isOpen(a.status) != isOpen(b.status)) {
                             return isOpen(a.status);
                         }
                         return a.lastSeenNs > b.lastSeenNs;
                     });
    auto* about = new QLabel(prompt, this);
    about->setTextFormat(Qt::PlainText);
    about->setWordWrap(true);
    m_filter->setObjectName(QStringLiteral("incidentFilter"));
    m_filter->setPlaceholderText(tr("Filter: title, host, rule or #id"));
    m_filter->setClearButtonEnabled(true);
    m_filter->installEventFilter(this);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Add to incident"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(about);
    layout->addWidget(m_filter);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);
    resize(640, 420);
    connect(m_filter, &QLineEdit::textChanged, this, &ChooseIncidentDialog::fill);
    connect(m_list, &QListWidget::currentRowChanged, this,
            [this](int row) { m_ok->setEnabled(row >= 0); });
    connect(m_list, &QListWidget::itemActivated, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    fill();
    m_filter->setFocus();
}

void ChooseIncidentDialog::fill()
{
    QueueFilter f;
    f.showClosed = true;
    f.text = m_filter->text().trimmed();
    m_list->clear();
    for (const IncidentRecord& r : m_incidents) {
        if (!f.matches(r, QString())) {
            continue;
        }
        const QString line = tr("#%1  %2 · %3 · %4 · %5")
                                 .arg(QString::number(r.id),
                                      r.priority.isEmpty() ? QStringLiteral("—") : r.priority,
                                      ui::statusText(codeOf(r.status)), r.title,
                                      r.host.isEmpty() ? QStringLiteral("—") : r.host);
        auto* item = new QListWidgetItem(line, m_list);
        item->setData(Qt::UserRole, r.id);
        if (!isOpen(r.status)) {
            item->setForeground(QColor(0x80, 0x80, 0x80));
        }
    }
    m_list->setCurrentRow(m_list->count() > 0 ? 0 : -1);
    m_ok->setEnabled(m_list->count() > 0);
}

qint64 ChooseIncidentDialog::incidentId() const
{
    const QListWidgetItem* item = m_list->currentItem();
    return item ? item->data(Qt::UserRole).toLongLong() : 0;
}

bool ChooseIncidentDialog::eventFilter(QObject* watched, QEvent* event)
{
    // Arrows in the filter line move through the list, so the mouse is never needed.
    if (watched == m_filter && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Down || key == Qt::Key_Up) {
            const int row = m_list->currentRow() + (key == Qt::Key_Down ? 1 : -1);
            if (row >= 0 && row < m_list->count()) {
                m_list->setCurrentRow(row);
            }
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace vigil
