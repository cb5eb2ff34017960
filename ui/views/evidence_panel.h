#pragma once

#include <atomic>
#include <memory>
#include <vector>

#include <QFutureWatcher>
#include <QWidget>

#include "investigation/evidence.h"

class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QTimer;

namespace vigil {

class AppContext;

/**
 * @brief An incident's evidence register: attach files (copied into the store's evidence folder
 * and hashed in the background), see name, size, SHA-256 and who added each when, and verify
 * the copies against the hashes recorded when they were attached.
 */
class EvidencePanel : public QWidget {
    Q_OBJECT
public:
    explicit EvidencePanel(AppContext& context, QWidget* parent = nullptr);
    ~EvidencePanel() override;

    /** @brief Shows incident @p id and verifies its evidence in the background. */
    void setIncident(qint64 id);
    void reload();
    /** @brief Attaches @p path in the background; false while another attach runs. */
    bool attachFile(const QString& path);
    /** @brief Hashes every copy again in the background. */
    void verifyAll();

    bool isBusy() const { return m_attach->isRunning() || m_verify->isRunning(); }
    QTableWidget* table() const { return m_table; }
    /** @brief Red text naming every file that failed verification (hidden when all hold). */
    QLabel* problems() const { return m_problems; }

signals:
    /** @brief A file was attached (a journal entry was written). */
    void changed();
    void attachFinished(bool ok, const QString& message);
    void verifyFinished(int failures);

private:
    struct Staged {
        qint64 incidentId = 0;
        StagedEvidence staged;
        QString error;
    };
    struct Checked {
        qint64 incidentId = 0;
        std::vector<EvidenceCheck> checks;
        QString error;
    };
    void chooseFile();
    void onStaged();
    void onVerified();

    AppContext& m_context;
    qint64 m_id = 0;
    QTableWidget* m_table = nullptr;
    QPushButton* m_add = nullptr;
    QPushButton* m_check = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_problems = nullptr;
    QTimer* m_tick = nullptr;
    QFutureWatcher<Staged>* m_attach = nullptr;
    QFutureWatcher<Checked>* m_verify = nullptr;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    std::shared_ptr<std::atomic<qint64>> m_done;
    std::shared_ptr<std::atomic<qint64>> m_total;
    bool m_stagedPending = false; ///< a staged copy not yet committed or discarded
};

} // namespace vigil
