#include "dialogs/close_incident_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "widgets/display_format.h"

namespace vigil {

CloseIncidentDialog::CloseIncidentDialog(const QString& incidentTitle, QWidget* parent)
    : QDialog(parent)
    , m_disposition(new QComboBox(this))
    , m_resolution(new QPlainTextEdit(this))
    , m_lessons(new QPlainTextEdit(this))
    , m_hint(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Close incident"));
    auto* title = new QLabel(incidentTitle, this);
    title->setTextFormat(Qt::PlainText);
    title->setWordWrap(true);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);

    m_disposition->addItem(tr("Choose a disposition…"), QString());
    for (Disposition d : allDispositions()) {
        m_disposition->addItem(ui::dispositionText(codeOf(d)), codeOf(d));
    }
    m_resolution->setPlaceholderText(tr("What happened and what was done (required for \"Other\")"));
    m_lessons->setPlaceholderText(tr("What to keep or change: rules, playbooks, monitoring"));
    m_resolution->setTabChangesFocus(true);
    m_lessons->setTabChangesFocus(true);
    m_hint->setTextFormat(Qt::PlainText);
    m_hint->setStyleSheet(QStringLiteral("color: #9a6000;"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Close incident"));

    auto* form = new QFormLayout;
    form->addRow(tr("&Disposition:"), m_disposition);
    form->addRow(tr("&Resolution summary:"), m_resolution);
    form->addRow(tr("&Lessons learned:"), m_lessons);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addLayout(form);
    layout->addWidget(m_hint);
    layout->addWidget(m_buttons);
    resize(560, 420);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_disposition, &QComboBox::currentIndexChanged, this, &CloseIncidentDialog::validate);
    connect(m_resolution, &QPlainTextEdit::textChanged, this, &CloseIncidentDialog::validate);
    validate();
}

StatusChange CloseIncidentDialog::change() const
{
    StatusChange c;
    c.to = IncidentStatus::Closed;
    c.disposition = dispositionFromCode(m_disposition->currentData().toString());
    c.resolution = m_resolution->toPlainText().trimmed();
    c.lessons = m_lessons->toPlainText().trimmed();
    return c;
}

void CloseIncidentDialog::setDisposition(Disposition d)
{
    m_disposition->setCurrentIndex(m_disposition->findData(codeOf(d)));
}

void CloseIncidentDialog::setResolution(const QString& text)
{
    m_resolution->setPlainText(text);
}

void CloseIncidentDialog::validate()
{
    const auto d = dispositionFromCode(m_disposition->currentData().toString());
    QString hint;
    if (!d) {
        hint = tr("A disposition is required to close an incident.");
    } else if (*d == Disposition::Other && m_resolution->toPlainText().trimmed().isEmpty()) {
        hint = tr("\"Other\" needs a resolution summary that explains it.");
    }
    m_hint->setText(hint);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(hint.isEmpty());
}

} // namespace vigil
