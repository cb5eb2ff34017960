#pragma once

#include <vector>

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QListWidget;

namespace vigil {

class AppContext;

/**
 * @brief Merges the selected incidents into one: lists them, lets the analyst pick the one to
 * keep (default: the oldest open one) and says what will happen before doing it.
 */
class MergeIncidentsDialog : public QDialog {
    Q_OBJECT
public:
    MergeIncidentsDialog(AppContext& context, std::vector<qint64> incidentIds,
                         QWidget* parent = nullptr);

    /** @brief The incident the others merge into. */
    qint64 target() const;
    void setTarget(qint64 id);

    void accept() override;

private:
    void updateSummary();

    AppContext& m_context;
    std::vector<qint64> m_ids;
    QListWidget* m_list = nullptr;
    QLabel* m_summary = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace vigil
