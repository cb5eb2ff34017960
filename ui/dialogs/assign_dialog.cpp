#include "dialogs/assign_dialog.h"

#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace vigil {

AssignDialog::AssignDialog(int incidentCount, const QString& current, const QStringList& known,
                           QWidget* parent)
    : QDialog(parent)
    , m_name(new QLineEdit(this))
{
    setWindowTitle(tr("Assign incidents"));
    auto* about = new QLabel(tr("Assign %n incident(s) to:", nullptr, incidentCount), this);
    m_name->setObjectName(QStringLiteral("assignee"));
    m_name->setText(current);
    m_name->selectAll();
    m_name->setPlaceholderText(tr("Analyst name (empty: unassign)"));
    auto* completer = new QCompleter(known, this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setCompletionMode(QCompleter::InlineCompletion);
    m_name->setCompleter(completer);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Assign"));
    auto* form = new QFormLayout;
    form->addRow(tr("&Analyst:"), m_name);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(about);
    layout->addLayout(form);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(380, sizeHint().height());
}

QString AssignDialog::assignee() const
{
    return m_name->text().trimmed();
}

} // namespace vigil
