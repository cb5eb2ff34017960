#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include <QDialog>

#include "triage/suppression.h"

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTableWidget;
class QTimer;

namespace vigil {

class AppContext;

/**
 * @brief Creates a suppression (an exception): a rule, field values and an expiry, with a
 * preview of how many stored alerts of the rule it would have hidden, counted before saving.
 *
 * The preview is counted off the GUI thread on its own reader connection, a moment after the
 * last edit; each count carries a generation, and a count for inputs that changed since is
 * dropped (and its work cancelled). Save stays disabled until the count for the current inputs
 * is in.
 */
class SuppressionDialog : public QDialog {
    Q_OBJECT
public:
    explicit SuppressionDialog(AppContext& context, QWidget* parent = nullptr);
    ~SuppressionDialog() override;

    /** @brief Preselects the rule and field values (e.g. from an incident: its rule and host). */
    void prefill(const QString& ruleUid, const std::vector<std::pair<QString, QString>>& fields);
    void setExpiryDays(int days);
    void setReason(const QString& reason);

    /** @brief The suppression the inputs describe (expiry counted from now). */
    Suppression suppression() const;
    /** @brief The preview shown, when it matches the current inputs. */
    std::optional<SuppressionPreview> preview() const { return m_preview; }
    /** @brief The id saved by accept(); 0 before. */
    qint64 savedId() const { return m_savedId; }
    QLabel* previewLabel() const { return m_previewLabel; }

    void accept() override;

signals:
    /** @brief The preview for the current inputs arrived (tests wait for it). */
    void previewUpdated();

private:
    void loadRules();
    void addFieldRow(const QString& name, const QString& value);
    void inputsChanged();
    void startPreview();
    QString inputProblem() const;

    AppContext& m_context;
    QComboBox* m_rule = nullptr;
    QTableWidget* m_fields = nullptr;
    QSpinBox* m_expiry = nullptr;
    QComboBox* m_unit = nullptr;
    QLineEdit* m_reason = nullptr;
    QLabel* m_previewLabel = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QTimer* m_debounce = nullptr;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    quint64 m_generation = 0;
    std::optional<SuppressionPreview> m_preview;
    qint64 m_savedId = 0;
};

} // namespace vigil
