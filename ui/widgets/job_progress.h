#pragma once

#include <QFuture>
#include <QFutureWatcher>
#include <QWidget>

#include "jobs/jobs.h"

class QLabel;
class QProgressBar;
class QPushButton;
class QTimer;

namespace vigil {

/**
 * @brief The status-bar frame for the running background job: what it does, a progress bar and
 * a Stop button. It appears only when a job runs longer than half a second.
 */
class JobProgress : public QWidget {
    Q_OBJECT
public:
    explicit JobProgress(QWidget* parent = nullptr);
    ~JobProgress() override;

    /** @brief Follows @p job; refuses (returns false) while another job runs. */
    bool track(const JobHandle& job, const QString& title);
    bool isBusy() const;
    /** @brief Asks the running job to stop; it finishes its current batch first. */
    void requestCancel();
    /** @brief Cancels and waits, for shutdown. */
    void cancelAndWait();

signals:
    void jobFinished(const QString& title, const vigil::JobOutcome& outcome);

private:
    void updateProgress();
    void onFinished();

    QFutureWatcher<JobOutcome> m_watcher;
    std::shared_ptr<CancelFlag> m_cancel;
    QString m_title;
    QLabel* m_label = nullptr;
    QProgressBar* m_bar = nullptr;
    QPushButton* m_stop = nullptr;
    QTimer* m_showTimer = nullptr;
};

} // namespace vigil
