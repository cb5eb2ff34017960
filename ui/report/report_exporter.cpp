#include "report/report_exporter.h"

#include <QFileDialog>
#include <QMessageBox>
#include <QPointer>
#include <QtConcurrent>

#include "app_context.h"
#include "report/report_export.h"
#include "storage/store.h"

namespace vigil {

ReportExporter::ReportExporter(AppContext& context, QObject* parent)
    : QObject(parent)
    , m_context(context)
    , m_watcher(new QFutureWatcher<Collected>(this))
{
    connect(m_watcher, &QFutureWatcher<Collected>::finished, this, &ReportExporter::onCollected);
}

ReportExporter::~ReportExporter()
{
    m_watcher->waitForFinished();
}

void ReportExporter::chooseAndExport(QWidget* window, qint64 incidentId)
{
    QString filter;
    const QString path = QFileDialog::getSaveFileName(
        window, tr("Export incident report"),
        QStringLiteral("incident-%1-report.pdf").arg(incidentId),
        tr("PDF (*.pdf);;HTML (*.html);;Markdown (*.md)"), &filter);
    if (path.isEmpty()) {
        return;
    }
    if (!reportFormatForPath(path)) {
        QMessageBox::warning(window, tr("Report not exported"),
                             tr("Choose a file name ending in .pdf, .html or .md."));
        return;
    }
    if (exportTo(incidentId, path)) {
        m_window = window;
    }
}

bool ReportExporter::exportTo(qint64 incidentId, const QString& path)
{
    if (m_watcher->isRunning()) {
        return false;
    }
    m_path = path;
    m_window = nullptr;
    const QString dbPath = m_context.path();
    m_watcher->setFuture(QtConcurrent::run([dbPath, incidentId]() {
        Collected c;
        auto db = Store::openReader(dbPath);
        if (!db) {
            c.error = db.error().toString();
            return c;
        }
        auto report = collectIncidentReport(*db, incidentId);
        if (report) {
            c.report = std::move(*report);
        } else {
            c.error = report.error().toString();
        }
        return c;
    }));
    return true;
}

void ReportExporter::onCollected()
{
    const Collected c = m_watcher->result();
    QPointer<QWidget> window = m_window;
    m_window = nullptr;
    bool ok = false;
    QString message;
    QStringList problems;
    const auto format = reportFormatForPath(m_path);
    if (!c.report) {
        message = tr("The report could not be collected: %1").arg(c.error);
    } else if (!format) {
        message = tr("Choose a file name ending in .pdf, .html or .md.");
    } else {
        // PDF layout needs the GUI thread's fonts; writing one report takes well under a second.
        problems = c.report->integrityProblems();
        if (*format == ReportFormat::Pdf) {
            auto pages = writePdfReport(*c.report, m_path);
            ok = pages.has_value();
            message = ok ? tr("Report written to %1 (%n page(s)).", nullptr, *pages).arg(m_path)
                         : tr("The report could not be written: %1").arg(pages.error().toString());
        } else {
            auto written = writeTextReport(*c.report, *format, m_path);
            ok = written.has_value();
            message = ok ? tr("Report written to %1.").arg(m_path)
                         : tr("The report could not be written: %1").arg(written.error().toString());
        }
    }
    if (window) {
        if (!ok) {
            QMessageBox::warning(window, tr("Report not exported"), message);
        } else if (!problems.isEmpty()) {
            QMessageBox::warning(window, tr("Report exported with integrity warnings"),
                                 message + u"\n\n" + tr("Verification failed:") + u'\n'
                                     + problems.join(u'\n'));
        } else {
            QMessageBox::information(window, tr("Report exported"), message);
        }
    }
    emit finished(ok, message, problems);
}

} // namespace vigil
