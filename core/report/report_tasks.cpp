// The report's response section: the incident's tasks by phase, with status, owner and notes.
#include <QStringList>

#include "report/incident_report.h"
#include "report/report_blocks.h"
#include "util/text.h"

namespace vigil::report::detail {

namespace {

Span statusSpan(TaskStatus status)
{
    switch (status) {
    case TaskStatus::Done:
        return own(QStringLiteral("✔ Done"), Tone::Good);
    case TaskStatus::Skipped:
        return own(QStringLiteral("Skipped"), Tone::Muted);
    case TaskStatus::InProgress:
        return own(QStringLiteral("In progress"));
    case TaskStatus::Open:
        return own(QStringLiteral("Open"), Tone::Bad);
    }
    return own(QString());
}

} // namespace

void addTasks(const IncidentReport& r, Document& doc)
{
    doc.blocks.push_back(heading(QStringLiteral("Tasks")));
    if (r.tasks.empty()) {
        doc.blocks.push_back(paragraph(
            {own(QStringLiteral("No response tasks: no playbook fitted this incident's rule and "
                                "none were added."),
                 Tone::Muted)}));
        return;
    }
    qint64 done = 0;
    qint64 skipped = 0;
    QStringList playbooks;
    std::vector<std::vector<Span>> rows;
    for (const TaskRecord& t : r.tasks) {
        done += t.status == TaskStatus::Done ? 1 : 0;
        skipped += t.status == TaskStatus::Skipped ? 1 : 0;
        if (!t.playbookId.isEmpty() && !playbooks.contains(t.playbookId)) {
            playbooks << t.playbookId;
        }
        rows.push_back({own(displayName(t.phase)),
                        stored(fill(u"#%1 %2", {QString::number(t.id), t.title})),
                        statusSpan(t.status), stored(t.owner), own(when(t.doneNs))});
    }
    const qint64 open = qint64(r.tasks.size()) - done - skipped;
    std::vector<Span> summary{
        own(fill(u"%1 tasks: %2 done, %3 skipped, %4 still open.",
                 {grouped(qint64(r.tasks.size())), grouped(done), grouped(skipped), grouped(open)}))};
    if (!playbooks.isEmpty()) {
        summary.push_back(own(QStringLiteral("Playbooks:")));
        summary.push_back(stored(playbooks.join(QStringLiteral(", "))));
    }
    doc.blocks.push_back(paragraph(std::move(summary)));
    doc.blocks.push_back(table({QStringLiteral("Phase"), QStringLiteral("Task"),
                                QStringLiteral("Status"), QStringLiteral("Owner"),
                                QStringLiteral("Done (UTC)")},
                               std::move(rows)));
    bool notesHeading = false;
    for (const TaskRecord& t : r.tasks) {
        if (t.notes.trimmed().isEmpty()) {
            continue;
        }
        if (!notesHeading) {
            doc.blocks.push_back(heading(QStringLiteral("Task notes"), 3));
            notesHeading = true;
        }
        doc.blocks.push_back(paragraph({stored(fill(u"#%1 %2", {QString::number(t.id), t.title}))}));
        doc.blocks.push_back(literal(t.notes));
    }
}

} // namespace vigil::report::detail
