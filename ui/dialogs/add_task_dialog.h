#pragma once

#include <QDialog>

#include "response/playbook.h"

class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace vigil {

/** @brief Asks for one task of the analyst's own: phase, title and what to do. */
class AddTaskDialog : public QDialog {
    Q_OBJECT
public:
    explicit AddTaskDialog(QWidget* parent = nullptr);

    void setPhase(TaskPhase phase);
    TaskPhase phase() const;
    QString title() const;
    QString description() const;

private:
    QComboBox* m_phase = nullptr;
    QLineEdit* m_title = nullptr;
    QPlainTextEdit* m_description = nullptr;
    QPushButton* m_ok = nullptr;
};

} // namespace vigil
