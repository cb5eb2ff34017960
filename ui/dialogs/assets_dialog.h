#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace vigil {

class AppContext;

/**
 * @brief The asset and identity inventory: list, add, change, remove, import a CSV or YAML
 * file. Every change is journalled and the open incidents' priorities are computed again.
 */
class AssetsDialog : public QDialog {
    Q_OBJECT
public:
    explicit AssetsDialog(AppContext& ctx, QWidget* parent = nullptr);

private:
    void reload();
    void fillFormFromSelection();
    void saveForm();
    void removeSelected();
    void importFile();
    void afterChange(const QString& what);

    AppContext& m_ctx;
    QTableWidget* m_table;
    QComboBox* m_kind;
    QLineEdit* m_name;
    QComboBox* m_criticality;
    QLineEdit* m_owner;
    QLineEdit* m_tags;
    QPushButton* m_save;
    QPushButton* m_remove;
    QLabel* m_status;
};

} // namespace vigil
