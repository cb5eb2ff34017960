#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace vigil {

class AppContext;

/**
 * @brief Every suppression of the store, newest first: active, expired or ended early, its
 * rule and field values, how many alerts it has hidden and its expiry; below, the selected
 * one's reason, author and, when it was ended early, when, by whom and why. An active one can
 * be ended now, before its expiry, with a reason that is kept and journalled.
 */
class SuppressionsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SuppressionsDialog(AppContext& context, QWidget* parent = nullptr);

    QTableWidget* table() const { return m_table; }
    QLabel* message() const { return m_message; }
    /** @brief The selected suppression's details as shown (plain text). */
    QString detailsText() const;
    /** @brief Selects the row of suppression @p id (false when it is not listed). */
    bool select(qint64 id);
    /** @brief Ends the selected suppression with @p reason; false (and why, shown) if refused. */
    bool endSelected(const QString& reason);

private:
    void reload();
    void updateSelection();
    qint64 selectedId() const;

    AppContext& m_context;
    QTableWidget* m_table = nullptr;
    QPlainTextEdit* m_details = nullptr;
    QLineEdit* m_reason = nullptr;
    QPushButton* m_end = nullptr;
    QLabel* m_message = nullptr;
};

} // namespace vigil
