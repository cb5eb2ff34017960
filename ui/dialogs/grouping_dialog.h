#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace vigil {

class AppContext;

/**
 * @brief How one rule's alerts form incidents: the grouping key (host, user, source address
 * or a chosen event field) and the window. Applies to alerts recorded from then on.
 */
class GroupingDialog : public QDialog {
    Q_OBJECT
public:
    GroupingDialog(AppContext& context, const QString& ruleUid, const QString& ruleTitle,
                   QWidget* parent = nullptr);

    /** @brief Sets the inputs ("host", "user", "src_ip" or "field:NAME"; window in minutes). */
    void setInputs(const QString& key, int windowMinutes);
    QLabel* message() const { return m_message; }

    void accept() override;

private:
    void updateState();

    AppContext& m_context;
    QString m_ruleUid;
    QComboBox* m_key = nullptr;
    QLineEdit* m_field = nullptr;
    QSpinBox* m_window = nullptr;
    QComboBox* m_unit = nullptr;
    QLabel* m_message = nullptr;
};

} // namespace vigil
