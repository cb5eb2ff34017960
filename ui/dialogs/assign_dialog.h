#pragma once

#include <QDialog>

class QLineEdit;

namespace vigil {

/**
 * @brief Asks whom to assign incidents to: a name typed with completion from the analysts
 * already assigned; empty unassigns. Return accepts.
 */
class AssignDialog : public QDialog {
    Q_OBJECT
public:
    AssignDialog(int incidentCount, const QString& current, const QStringList& known,
                 QWidget* parent = nullptr);

    QString assignee() const;

private:
    QLineEdit* m_name = nullptr;
};

} // namespace vigil
