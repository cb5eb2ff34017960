#pragma once

#include <vector>

#include <QDialog>

#include "triage/incident_queries.h"

class QLineEdit;
class QListWidget;
class QPushButton;

namespace vigil {

/**
 * @brief Picks an incident (open ones first, most recent activity first) with a filter line:
 * type part of the title, host or "#id", arrows to choose, Return to accept.
 */
class ChooseIncidentDialog : public QDialog {
    Q_OBJECT
public:
    ChooseIncidentDialog(const QString& prompt, std::vector<IncidentRecord> incidents,
                         QWidget* parent = nullptr);

    /** @brief The chosen incident's id; 0 when none. */
    qint64 incidentId() const;
    QListWidget* list() const { return m_list; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void fill();

    std::vector<IncidentRecord> m_incidents;
    QLineEdit* m_filter = nullptr;
    QListWidget* m_list = nullptr;
    QPushButton* m_ok = nullptr;
};

} // namespace vigil
