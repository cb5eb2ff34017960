#pragma once

#include <QFutureWatcher>
#include <QWidget>

#include "ingest/file_preview.h"

class QLabel;
class QStandardItemModel;
class QTableView;

namespace vigil {

/**
 * @brief The first records of one file as an import would store them: detected format, time,
 * host and the common fields, or the reason a record would be rejected. Reads off the GUI thread.
 */
class ImportPreview : public QWidget {
    Q_OBJECT
public:
    explicit ImportPreview(QWidget* parent = nullptr);
    ~ImportPreview() override;

    /** @brief Previews @p path (a file, or a folder's first file); empty clears the preview. */
    void show(const QString& path, const IngestOptions& options);
    /** @brief The preview on screen (tests). */
    const FilePreview& current() const { return m_current; }

signals:
    void previewShown();

private:
    void showResult();
    void fill(const FilePreview& preview);

    QLabel* m_title = nullptr;
    QTableView* m_table = nullptr;
    QStandardItemModel* m_model = nullptr;
    QFutureWatcher<FilePreview> m_watcher;
    FilePreview m_current;
    bool m_cleared = true;
};

} // namespace vigil
