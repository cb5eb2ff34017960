#pragma once

#include <vector>

#include <QDialog>

class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace vigil {

class AppContext;

/**
 * @brief The alerts of one incident with their own status: set the status of the checked
 * alerts (only moves their workflow allows; refusals are listed) or split them off into a new
 * incident.
 */
class IncidentAlertsDialog : public QDialog {
    Q_OBJECT
public:
    IncidentAlertsDialog(AppContext& context, qint64 incidentId, QWidget* parent = nullptr);

    QTableWidget* table() const { return m_table; }
    /** @brief Checks the alerts with these ids (and unchecks the others). */
    void check(const std::vector<qint64>& alertIds);
    std::vector<qint64> checked() const;
    /** @brief Sets the status chosen in the combo box on every checked alert. */
    void applyStatus(const QString& statusCode);
    /** @brief Splits the checked alerts into a new incident; returns its id (0: refused). */
    qint64 splitChecked();
    QLabel* message() const { return m_message; }

private:
    void reload();
    void updateButtons();

    AppContext& m_context;
    qint64 m_incidentId = 0;
    QTableWidget* m_table = nullptr;
    QComboBox* m_status = nullptr;
    QPushButton* m_apply = nullptr;
    QPushButton* m_split = nullptr;
    QLabel* m_message = nullptr;
};

} // namespace vigil
