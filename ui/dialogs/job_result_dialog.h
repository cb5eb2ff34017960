#pragma once

#include <QDialog>

#include "jobs/jobs.h"

namespace vigil {

/**
 * @brief Shows what an import did: files, records read, events stored, rejected records grouped
 * by reason with examples, alerts and incidents. Everything is plain text (file names and reasons
 * come from untrusted input).
 */
class JobResultDialog : public QDialog {
    Q_OBJECT
public:
    JobResultDialog(const QString& title, const JobOutcome& outcome, QWidget* parent = nullptr);

    /** @brief The report text (also used by tests and the status bar). */
    static QString reportText(const JobOutcome& outcome);

signals:
    void showIncidentsRequested();
};

} // namespace vigil
