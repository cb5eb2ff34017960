#include "widgets/job_progress.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>

namespace vigil {

JobProgress::JobProgress(QWidget* parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
    , m_bar(new QProgressBar(this))
    , m_stop(new QPushButton(tr("Stop"), this))
    , m_showTimer(new QTimer(this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_stop);
    m_bar->setRange(0, 1000);
    m_bar->setFixedWidth(180);
    m_bar->setTextVisible(false);
    m_stop->setToolTip(tr("Stop after the current batch; what is done so far is kept"));
    m_showTimer->setSingleShot(true);
    m_showTimer->setInterval(500);
    hide();
    connect(m_showTimer, &QTimer::timeout, this, [this] {
        if (isBusy()) {
            show();
        }
    });
    connect(m_stop, &QPushButton::clicked, this, &JobProgress::requestCancel);
    connect(&m_watcher, &QFutureWatcher<JobOutcome>::progressValueChanged, this,
            &JobProgress::updateProgress);
    connect(&m_watcher, &QFutureWatcher<JobOutcome>::progressTextChanged, this,
            &JobProgress::updateProgress);
    connect(&m_watcher, &QFutureWatcher<JobOutcome>::finished, this, &JobProgress::onFinished);
}

JobProgress::~JobProgress()
{
    cancelAndWait();
}

bool JobProgress::track(const JobHandle& job, const QString& title)
{
    if (isBusy()) {
        return false;
    }
    m_title = title;
    m_label->setText(title);
    m_bar->setValue(0);
    m_stop->setEnabled(true);
    m_cancel = job.cancel;
    m_watcher.setFuture(job.future);
    m_showTimer->start();
    return true;
}

bool JobProgress::isBusy() const
{
    return m_watcher.isRunning() || m_watcher.future().isRunning();
}

void JobProgress::requestCancel()
{
    if (isBusy()) {
        m_stop->setEnabled(false);
        m_label->setText(tr("%1 — stopping…").arg(m_title));
        m_cancel->store(true);
    }
}

void JobProgress::cancelAndWait()
{
    if (isBusy()) {
        m_cancel->store(true);
        m_watcher.future().waitForFinished();
    }
}

void JobProgress::updateProgress()
{
    m_bar->setValue(m_watcher.progressValue());
    const QString text = m_watcher.progressText();
    if (m_stop->isEnabled()) {
        m_label->setText(text.isEmpty() ? m_title : m_title + QStringLiteral(" — ") + text);
    }
}

void JobProgress::onFinished()
{
    m_showTimer->stop();
    hide();
    JobOutcome outcome;
    // Every job reports exactly one result, also when stopped.
    if (m_watcher.future().resultCount() > 0) {
        outcome = m_watcher.future().resultAt(0);
    } else {
        outcome.error = makeError(ErrorCode::InvalidState, QStringLiteral("the job ended without a result"));
    }
    emit jobFinished(m_title, outcome);
}

} // namespace vigil
