#include "dialogs/add_task_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace vigil {

AddTaskDialog::AddTaskDialog(QWidget* parent)
    : QDialog(parent)
    , m_phase(new QComboBox(this))
    , m_title(new QLineEdit(this))
    , m_description(new QPlainTextEdit(this))
{
    setWindowTitle(tr("Add task"));
    m_phase->addItem(tr("Containment"), int(TaskPhase::Containment));
    m_phase->addItem(tr("Eradication"), int(TaskPhase::Eradication));
    m_phase->addItem(tr("Recovery"), int(TaskPhase::Recovery));
    m_title->setMaxLength(200);
    m_title->setPlaceholderText(tr("What has to be done, in a few words"));
    m_description->setPlaceholderText(tr("Details: how, where, who to ask (optional)"));
    m_description->setTabChangesFocus(true);
    auto* form = new QFormLayout;
    form->addRow(tr("Phase"), m_phase);
    form->addRow(tr("Task"), m_title);
    form->addRow(tr("Description"), m_description);
    auto* box = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = box->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Add task"));
    m_ok->setEnabled(false);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(box);
    resize(480, 260);
    connect(box, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(box, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_title, &QLineEdit::textChanged, this,
            [this](const QString& text) { m_ok->setEnabled(!text.trimmed().isEmpty()); });
}

void AddTaskDialog::setPhase(TaskPhase phase)
{
    m_phase->setCurrentIndex(m_phase->findData(int(phase)));
}

TaskPhase AddTaskDialog::phase() const
{
    return TaskPhase(m_phase->currentData().toInt());
}

QString AddTaskDialog::title() const
{
    return m_title->text().trimmed();
}

QString AddTaskDialog::description() const
{
    return m_description->toPlainText().trimmed();
}

} // namespace vigil
