#pragma once

#include <QDialog>

class QPlainTextEdit;
class QPushButton;

namespace vigil {

/**
 * @brief Asks for a plain-text note: on an incident, or annotating one timeline item. The
 * context line says what it is attached to; Ctrl+Return saves.
 */
class NoteDialog : public QDialog {
    Q_OBJECT
public:
    NoteDialog(const QString& title, const QString& context, QWidget* parent = nullptr);

    QString text() const;

private:
    QPlainTextEdit* m_text = nullptr;
    QPushButton* m_ok = nullptr;
};

} // namespace vigil
