#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace vigil {

class AppContext;

/**
 * @brief Every suppression of the store, newest first: whether it is active, until when, how
 * many alerts it has hidden, its rule, field values and reason. An active one can be ended now,
 * before its expiry, with a reason that goes to the journal.
 */
class SuppressionsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SuppressionsDialog(AppContext& context, QWidget* parent = nullptr);

    QTableWidget* table() const { return m_table; }
    QLabel* message() const { return m_message; }
    /** @brief Selects the row of suppression @p id (false when it is not listed). */
    bool select(qint64 id);
    /** @brief Ends the selected suppression with @p reason; false (and why, shown) if refused. */
    bool endSelected(const QString& reason);

private:
    void reload();
    void updateButtons();
    qint64 selectedId() const;

    AppContext& m_context;
    QTableWidget* m_table = nullptr;
    QLineEdit* m_reason = nullptr;
    QPushButton* m_end = nullptr;
    QLabel* m_message = nullptr;
};

} // namespace vigil
