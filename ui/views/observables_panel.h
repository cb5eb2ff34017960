#pragma once

#include <atomic>
#include <memory>

#include <QFutureWatcher>
#include <QWidget>

#include "investigation/observables.h"

class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace vigil {

class AppContext;
class PivotDialog;

/**
 * @brief An incident's observables: type, value, TLP, PAP and how many of its events hold each,
 * with the markings an analyst sets and a pivot to every stored event that holds one.
 *
 * Extraction runs in the background on its own writer connection when an incident is shown;
 * markings are written on the GUI thread's writer (small, journalled transactions).
 */
class ObservablesPanel : public QWidget {
    Q_OBJECT
public:
    explicit ObservablesPanel(AppContext& context, QWidget* parent = nullptr);
    ~ObservablesPanel() override;

    /** @brief Shows incident @p id and extracts its observables in the background (once per id). */
    void setIncident(qint64 id);
    /** @brief Re-reads the stored observables. */
    void reload();
    /** @brief Extracts again (events may have been added to the incident). */
    void extract();
    bool isExtracting() const { return m_watcher->isRunning(); }

    /** @brief Sets the markings of the observables in @p rows; false when one failed. */
    bool setMarkings(const QList<int>& rows, Tlp tlp, Pap pap);
    /** @brief Opens the pivot for the observable in @p row (a non-modal dialog). */
    PivotDialog* showEvents(int row);

    QTableWidget* table() const { return m_table; }

signals:
    /** @brief Markings were set (journal entries were written). */
    void changed();
    void extractionFinished();

private:
    struct Outcome {
        qint64 incidentId = 0;
        ExtractionCounts counts;
        QString error;
    };
    void onExtracted();
    void applyToSelection();
    void updateButtons();
    QList<int> selectedRows() const;

    AppContext& m_context;
    qint64 m_id = 0;
    QTableWidget* m_table = nullptr;
    QComboBox* m_tlp = nullptr;
    QComboBox* m_pap = nullptr;
    QPushButton* m_apply = nullptr;
    QPushButton* m_pivot = nullptr;
    QPushButton* m_extract = nullptr;
    QLabel* m_status = nullptr;
    QFutureWatcher<Outcome>* m_watcher = nullptr;
    std::shared_ptr<std::atomic<bool>> m_cancel;
};

} // namespace vigil
