#pragma once

#include <QDialog>

#include "triage/incident_service.h"

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;

namespace vigil {

/**
 * @brief Asks what closing an incident needs: a disposition (required), a resolution summary
 * (required for "other") and lessons learned.
 */
class CloseIncidentDialog : public QDialog {
    Q_OBJECT
public:
    explicit CloseIncidentDialog(const QString& incidentTitle, QWidget* parent = nullptr);

    /** @brief The change to apply: status Closed with the chosen disposition and texts. */
    StatusChange change() const;
    /** @brief Preselects a disposition (tests, keyboard shortcuts). */
    void setDisposition(Disposition d);
    void setResolution(const QString& text);

private:
    void validate();

    QComboBox* m_disposition = nullptr;
    QPlainTextEdit* m_resolution = nullptr;
    QPlainTextEdit* m_lessons = nullptr;
    QLabel* m_hint = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace vigil
