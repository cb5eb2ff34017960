#pragma once

#include <QDialog>
#include <QStringList>

#include "ingest/importer.h"

class QCheckBox;
class QComboBox;
class QListWidget;
class QPushButton;

namespace vigil {

class ImportPreview;

/**
 * @brief Chooses files or folders to import, the format (or detection) and the time zone, with a
 * preview of the selected file's first records as they will be stored.
 */
class ImportDialog : public QDialog {
    Q_OBJECT
public:
    explicit ImportDialog(QWidget* parent = nullptr);

    void setPaths(const QStringList& paths);
    QStringList paths() const;
    IngestOptions options() const;

private:
    void addFiles();
    void addFolder();
    void removeSelected();
    void updateButtons();
    void updatePreview();

    QListWidget* m_list = nullptr;
    QComboBox* m_format = nullptr;
    QComboBox* m_zone = nullptr;
    QCheckBox* m_reimport = nullptr;
    QPushButton* m_import = nullptr;
    QPushButton* m_remove = nullptr;
    ImportPreview* m_preview = nullptr;
};

} // namespace vigil
