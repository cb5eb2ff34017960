#pragma once

#include <QFutureWatcher>
#include <QObject>

#include "report/incident_report.h"

class QWidget;

namespace vigil {

class AppContext;

/**
 * @brief The app's "Export report…": collects the report in the background (its own reader;
 * evidence is hashed again), then writes PDF, HTML or Markdown by the file's extension.
 */
class ReportExporter : public QObject {
    Q_OBJECT
public:
    explicit ReportExporter(AppContext& context, QObject* parent = nullptr);
    ~ReportExporter() override;

    /** @brief Asks where to save, exports, and tells the outcome in a message box. */
    void chooseAndExport(QWidget* window, qint64 incidentId);
    /** @brief Exports to @p path; finished() follows. False while an export runs. */
    bool exportTo(qint64 incidentId, const QString& path);
    bool isRunning() const { return m_watcher->isRunning(); }

signals:
    /**
     * @brief The export ended: @p message says what was written or why not; @p problems lists
     * what failed verification (the report was written and carries them too).
     */
    void finished(bool ok, const QString& message, const QStringList& problems);

private:
    struct Collected {
        std::optional<IncidentReport> report;
        QString error;
    };
    void onCollected();

    AppContext& m_context;
    QFutureWatcher<Collected>* m_watcher = nullptr;
    QString m_path;
    QWidget* m_window = nullptr; ///< set while an interactive export runs
};

} // namespace vigil
