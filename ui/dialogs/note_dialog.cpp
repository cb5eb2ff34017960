#include "dialogs/note_dialog.h"

#include <QDialogButtonBox>
#include <QKeySequence>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

namespace vigil {

NoteDialog::NoteDialog(const QString& title, const QString& context, QWidget* parent)
    : QDialog(parent)
    , m_text(new QPlainTextEdit(this))
{
    setWindowTitle(title);
    auto* about = new QLabel(context, this);
    about->setTextFormat(Qt::PlainText); // may quote event text
    about->setWordWrap(true);
    m_text->setObjectName(QStringLiteral("noteText"));
    m_text->setPlaceholderText(tr("Plain text. Ctrl+Return saves."));
    m_text->setTabChangesFocus(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Save note"));
    m_ok->setToolTip(tr("Save the note (Ctrl+Return)"));
    m_ok->setEnabled(false);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(about);
    layout->addWidget(m_text, 1);
    layout->addWidget(buttons);
    resize(520, 260);

    auto* save = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    connect(save, &QShortcut::activated, this, [this] {
        if (m_ok->isEnabled()) {
            accept();
        }
    });
    connect(m_text, &QPlainTextEdit::textChanged, this,
            [this] { m_ok->setEnabled(!text().isEmpty()); });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_text->setFocus();
}

QString NoteDialog::text() const
{
    return m_text->toPlainText().trimmed();
}

} // namespace vigil
