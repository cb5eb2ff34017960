#include "dialogs/job_result_dialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "widgets/display_format.h"

namespace vigil {

using ui::numberText;

QString JobResultDialog::reportText(const JobOutcome& o)
{
    const IngestSummary& s = o.ingest;
    QString t;
    if (s.cancelled) {
        t += tr("Stopped on request. Everything read before stopping is stored.") + u'\n' + u'\n';
    }
    t += tr("Records read: %1").arg(numberText(s.read)) + u'\n';
    t += tr("Events stored: %1").arg(numberText(s.stored)) + u'\n';
    if (s.timeFromReceipt > 0) {
        t += tr("  %1 of them had no usable time of their own (missing or out of range); their "
                "time is when they were read")
                 .arg(numberText(s.timeFromReceipt))
            + u'\n';
    }
    t += tr("Rejected records: %1").arg(numberText(s.rejected)) + u'\n';
    for (const auto& [reason, count] : s.topRejectReasons(10)) {
        t += QStringLiteral("    %1 × %2\n").arg(numberText(count), reason);
    }
    if (!s.rejectSamples.empty()) {
        t += tr("  First rejected records (kept in quarantine):") + u'\n';
        for (const RejectSample& r : s.rejectSamples) {
            t += QStringLiteral("    %1: %2\n").arg(r.where(), r.reason);
        }
    }
    t += tr("Rules run: %1").arg(numberText(o.rulesLoaded)) + u'\n';
    t += tr("New alerts: %1 · incidents opened: %2 · incidents updated: %3")
             .arg(numberText(s.triage.alertsNew), numberText(s.triage.incidentsOpened),
                  numberText(s.triage.incidentsUpdated))
        + u'\n';
    const double seconds = double(s.elapsedNs) / 1e9;
    if (seconds > 0) {
        t += tr("Time: %1 s (%2 records/s)")
                 .arg(seconds, 0, 'f', 2)
                 .arg(numberText(qint64(double(s.read) / seconds)))
            + u'\n';
    }
    t += u'\n' + tr("Files:") + u'\n';
    for (const FileReport& f : s.files) {
        if (f.duplicateOfRun != 0) {
            t += tr("  %1 — skipped: the same content was imported by import #%2 at %3 UTC")
                     .arg(f.path, QString::number(f.duplicateOfRun), ui::timeText(f.duplicateOfNs, 0))
                + u'\n';
        } else if (f.error.isEmpty()) {
            t += tr("  %1 — %2: %3 read, %4 stored, %5 rejected")
                     .arg(f.path, f.format.isEmpty() ? tr("generated") : f.format, numberText(f.read),
                          numberText(f.stored), numberText(f.rejected))
                + u'\n';
            for (const QString& note : f.notes) {
                t += tr("      note: %1").arg(note) + u'\n';
            }
        } else {
            t += tr("  %1 — not imported: %2").arg(f.path, f.error) + u'\n';
        }
    }
    return t;
}

JobResultDialog::JobResultDialog(const QString& title, const JobOutcome& outcome, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(title);
    const IngestSummary& s = outcome.ingest;
    auto* headline = new QLabel(this);
    headline->setTextFormat(Qt::PlainText);
    QFont f = headline->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.2);
    headline->setFont(f);
    QString head = tr("%1 events stored, %2 rejected, %3 incidents opened")
                       .arg(numberText(s.stored), numberText(s.rejected),
                            numberText(s.triage.incidentsOpened));
    if (s.failedFiles() > 0) {
        head += tr(" — %n file(s) could not be read", nullptr, s.failedFiles());
    }
    if (s.duplicateFiles() > 0) {
        head += tr(" — %n file(s) skipped as already imported", nullptr, s.duplicateFiles());
    }
    if (s.cancelled) {
        head += tr(" — stopped");
    }
    headline->setText(head);
    auto* text = new QPlainTextEdit(reportText(outcome), this);
    text->setReadOnly(true);
    text->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* show = buttons->addButton(tr("Show incidents"), QDialogButtonBox::AcceptRole);
    // Only lead to the queue when there is something new in it.
    show->setDefault(s.triage.incidentsOpened + s.triage.incidentsUpdated > 0);
    buttons->button(QDialogButtonBox::Close)->setDefault(!show->isDefault());
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(headline);
    layout->addWidget(text, 1);
    layout->addWidget(buttons);
    resize(760, 460);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(show, &QPushButton::clicked, this, [this] {
        emit showIncidentsRequested();
        accept();
    });
}

} // namespace vigil
