#pragma once

#include <QDialog>

class QLabel;
class QPlainTextEdit;
class QTableWidget;

namespace vigil {

class Database;

/**
 * @brief The quarantine: records that could not be parsed, newest first, with where and why,
 * and the exact bytes of the selected one (control characters and invalid UTF-8 shown as
 * escapes, never interpreted).
 */
class QuarantineDialog : public QDialog {
    Q_OBJECT
public:
    QuarantineDialog(Database& db, QWidget* parent = nullptr);

    int rowCount() const;

private:
    void showSelected();

    QTableWidget* m_table = nullptr;
    QPlainTextEdit* m_raw = nullptr;
    QLabel* m_count = nullptr;
};

/** @brief The bytes as text: valid UTF-8 as is, other bytes and control characters as \xNN. */
QString describeRawBytes(const QByteArray& bytes);

} // namespace vigil
