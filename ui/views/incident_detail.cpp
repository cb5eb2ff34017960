#include "views/incident_detail.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <QTableWidget>
#include <QVBoxLayout>

#include "app_context.h"
#include "dialogs/close_incident_dialog.h"
#include "report/report_exporter.h"
#include "views/evidence_panel.h"
#include "views/observables_panel.h"
#include "views/tasks_panel.h"
#include "views/timeline_panel.h"
#include "storage/journal.h"
#include "triage/incident_service.h"
#include "triage/priority.h"
#include "model/event.h"
#include "util/json.h"
#include "util/timestamp.h"
#include "widgets/display_format.h"

namespace vigil {

namespace {

constexpr int kEventLimit = 1000;
constexpr int kActionDelayMs = 600;

QTableWidget* makeTable(const QStringList& headers, QWidget* parent)
{
    auto* t = new QTableWidget(parent);
    t->setColumnCount(int(headers.size()));
    t->setHorizontalHeaderLabels(headers);
    t->horizontalHeader()->setStretchLastSection(true);
    t->verticalHeader()->hide();
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setWordWrap(false);
    t->setAlternatingRowColors(true);
    t->verticalHeader()->setDefaultSectionSize(t->fontMetrics().height() + 6);
    return t;
}

void setRow(QTableWidget* t, int row, const QStringList& cells)
{
    for (int c = 0; c < cells.size(); ++c) {
        t->setItem(row, c, new QTableWidgetItem(cells[c]));
    }
}

QString actionLabel(IncidentStatus from, IncidentStatus to)
{
    if (isReopen(from, to)) {
        return IncidentDetail::tr("Reopen");
    }
    switch (to) {
    case IncidentStatus::Investigating:
        return from == IncidentStatus::OnHold ? IncidentDetail::tr("Resume investigation")
                                              : IncidentDetail::tr("Start investigation");
    case IncidentStatus::Contained:
        return from == IncidentStatus::OnHold ? IncidentDetail::tr("Resume (contained)")
                                              : IncidentDetail::tr("Mark contained");
    case IncidentStatus::Eradicated:
        return IncidentDetail::tr("Mark eradicated");
    case IncidentStatus::Recovered:
        return IncidentDetail::tr("Mark recovered");
    case IncidentStatus::Resolved:
        return IncidentDetail::tr("Resolve");
    case IncidentStatus::Closed:
        return IncidentDetail::tr("Close…");
    case IncidentStatus::OnHold:
        return IncidentDetail::tr("Put on hold");
    case IncidentStatus::New:
        return IncidentDetail::tr("Back to new");
    }
    return {};
}

// "from: new · to: investigating" rather than the stored JSON.
QString readableDetails(const QByteArray& json)
{
    Fields fields;
    if (!parseJsonObjectFlat(json, fields, nullptr)) {
        return QString::fromUtf8(json);
    }
    QStringList parts;
    for (const auto& [name, value] : fields.entries()) {
        if (!value.isNull() && !value.text().isEmpty()) {
            parts << name + QStringLiteral(": ") + QString(value.text()).replace(u'\n', u' ');
        }
    }
    return parts.join(QStringLiteral(" · "));
}

} // namespace

IncidentDetail::IncidentDetail(AppContext& context, QWidget* parent)
    : QWidget(parent)
    , m_context(context)
    , m_title(new QLabel(this))
    , m_severity(new QLabel(this))
    , m_status(new QLabel(this))
    , m_facts(new QLabel(this))
    , m_closure(new QLabel(this))
    , m_actions(new QHBoxLayout)
    , m_tabs(new QTabWidget(this))
    , m_alerts(makeTable({tr("Time (UTC)"), tr("Level"), tr("Host"), tr("Rule"), tr("Event")}, this))
    , m_events(makeTable({tr("Time (UTC)"), tr("Host"), tr("Format"), tr("Summary")}, this))
    , m_eventRaw(new QPlainTextEdit(this))
    , m_notes(new QPlainTextEdit(this))
    , m_newNote(new QPlainTextEdit(this))
    , m_addNote(new QPushButton(tr("Add note"), this))
    , m_journal(makeTable({tr("Entry"), tr("Written (UTC)"), tr("Effective (UTC)"), tr("Actor"),
                           tr("Action"), tr("Details")},
                          this))
    , m_chain(new QLabel(this))
    , m_body(new QWidget(this))
    , m_placeholder(new QLabel(tr("Select an incident to see its alerts, events and history."), this))
{
    for (QLabel* l : {m_title, m_severity, m_status, m_facts, m_closure, m_chain, m_placeholder}) {
        l->setTextFormat(Qt::PlainText);
    }
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_facts->setWordWrap(true);
    m_facts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_closure->setWordWrap(true);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setStyleSheet(QStringLiteral("color: palette(mid);"));

    auto* badges = new QHBoxLayout;
    badges->addWidget(m_severity);
    badges->addWidget(m_status);
    badges->addStretch(1);
    auto* exportButton = new QPushButton(tr("Export report…"), this);
    exportButton->setObjectName(QStringLiteral("exportReport"));
    exportButton->setToolTip(tr("Write this incident's report as PDF, HTML or Markdown."));
    badges->addWidget(exportButton);

    auto* eventSplit = new QSplitter(Qt::Vertical, this);
    eventSplit->addWidget(m_events);
    eventSplit->addWidget(m_eventRaw);
    eventSplit->setStretchFactor(0, 3);
    m_eventRaw->setReadOnly(true);
    m_eventRaw->setPlaceholderText(tr("Select an event to see its raw record."));

    auto* notesPage = new QWidget(this);
    auto* notesLayout = new QVBoxLayout(notesPage);
    m_notes->setReadOnly(true);
    m_newNote->setPlaceholderText(tr("Write a note (plain text)…"));
    m_newNote->setMaximumHeight(90);
    auto* noteRow = new QHBoxLayout;
    noteRow->addWidget(m_newNote, 1);
    noteRow->addWidget(m_addNote, 0, Qt::AlignBottom);
    notesLayout->addWidget(m_notes, 1);
    notesLayout->addLayout(noteRow);

    auto* journalPage = new QWidget(this);
    auto* journalLayout = new QVBoxLayout(journalPage);
    journalLayout->addWidget(m_chain);
    journalLayout->addWidget(m_journal, 1);

    m_timeline = new TimelinePanel(m_context, this);
    m_tabs->addTab(m_timeline, tr("Timeline"));
    m_tabs->addTab(m_alerts, tr("Alerts"));
    m_tabs->addTab(eventSplit, tr("Events"));
    m_tabs->addTab(notesPage, tr("Notes"));
    m_tabs->addTab(journalPage, tr("Journal"));
    m_observables = new ObservablesPanel(m_context, this);
    m_evidence = new EvidencePanel(m_context, this);
    m_exporter = new ReportExporter(m_context, this);
    m_tabs->addTab(m_observables, tr("Observables"));
    m_tabs->addTab(m_evidence, tr("Evidence"));
    const auto investigationChanged = [this] {
        fillJournal();
        emit incidentChanged(m_id);
    };
    connect(m_observables, &ObservablesPanel::changed, this, investigationChanged);
    connect(m_timeline, &TimelinePanel::changed, this, [this, investigationChanged] {
        fillNotes();
        investigationChanged();
    });
    connect(m_evidence, &EvidencePanel::changed, this, investigationChanged);
    m_tasks = new TasksPanel(m_context, this);
    m_tabs->insertTab(m_tabs->indexOf(eventSplit) + 1, m_tasks, tr("Tasks"));
    connect(m_tasks, &TasksPanel::countsChanged, this, [this](int settled, int total) {
        m_tabs->setTabText(m_tabs->indexOf(m_tasks),
                           total == 0 ? tr("Tasks") : tr("Tasks (%1/%2)").arg(settled).arg(total));
    });
    connect(m_tasks, &TasksPanel::changed, this, [this, investigationChanged] {
        m_timeline->setIncident(m_id);
        investigationChanged();
    });
    connect(exportButton, &QPushButton::clicked, this,
            [this] { m_exporter->chooseAndExport(this, m_id); });

    auto* bodyLayout = new QVBoxLayout(m_body);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    bodyLayout->addWidget(m_title);
    bodyLayout->addLayout(badges);
    bodyLayout->addWidget(m_facts);
    bodyLayout->addWidget(m_closure);
    bodyLayout->addLayout(m_actions);
    bodyLayout->addWidget(m_tabs, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_placeholder, 1);
    layout->addWidget(m_body, 1);
    m_body->hide();

    connect(m_addNote, &QPushButton::clicked, this, [this] {
        if (addNote(m_newNote->toPlainText())) {
            m_newNote->clear();
        }
    });
    connect(m_events, &QTableWidget::currentCellChanged, this, &IncidentDetail::showEventRaw);
}

void IncidentDetail::showIncident(qint64 id)
{
    m_id = id;
    reload();
}

void IncidentDetail::reload()
{
    if (m_id == 0) {
        m_body->hide();
        m_placeholder->show();
        return;
    }
    auto r = IncidentQueries::load(m_context.reader(), m_id);
    if (!r) {
        m_body->hide();
        m_placeholder->setText(tr("Could not load incident %1: %2").arg(QString::number(m_id), r.error().toString()));
        m_placeholder->show();
        return;
    }
    m_record = *r;
    m_placeholder->hide();
    m_body->show();
    m_title->setText(m_record.title);
    const QColor color = ui::severityColor(m_record.severity);
    m_severity->setText(QStringLiteral("  %1  ").arg(ui::severityText(m_record.severity)));
    m_severity->setStyleSheet(QStringLiteral("background: %1; color: white; border-radius: 3px; "
                                             "padding: 2px 4px; font-weight: 600;")
                                  .arg(color.name()));
    m_status->setText(tr("Status: %1").arg(ui::statusText(codeOf(m_record.status))));
    m_facts->setText(tr("Incident #%1 · host %2 · %n alert(s) · first seen %3 · last seen %4 (UTC)",
                        nullptr, int(m_record.alertCount))
                         .arg(QString::number(m_record.id),
                              m_record.host.isEmpty() ? QStringLiteral("—") : m_record.host,
                              ui::timeText(m_record.firstSeenNs, 0), ui::timeText(m_record.lastSeenNs, 0)));
    if (const auto p = vigil::Priority::fromPartsJson(m_record.priorityParts)) {
        QString line = tr("Priority %1").arg(p->explanation());
        if (m_record.dueNs != 0 && isOpen(m_record.status)) {
            line += u'\n' + (m_record.dueNs < nowNs()
                                 ? tr("Overdue since %1 UTC").arg(ui::timeText(m_record.dueNs, 0))
                                 : tr("Due %1 UTC").arg(ui::timeText(m_record.dueNs, 0)));
        }
        m_facts->setText(m_facts->text() + u'\n' + line);
    }
    if (m_record.status == IncidentStatus::Closed) {
        QString text = tr("Closed as: %1").arg(ui::dispositionText(m_record.disposition));
        if (!m_record.resolution.isEmpty()) {
            text += u'\n' + tr("Resolution: %1").arg(m_record.resolution);
        }
        if (!m_record.lessons.isEmpty()) {
            text += u'\n' + tr("Lessons learned: %1").arg(m_record.lessons);
        }
        m_closure->setText(text);
        m_closure->show();
    } else {
        m_closure->hide();
    }
    buildActions(m_record);
    fillAlerts();
    fillEvents();
    fillNotes();
    fillJournal();
    m_observables->setIncident(m_id);
    m_timeline->setIncident(m_id);
    m_evidence->setIncident(m_id);
    m_tasks->setIncident(m_id);
}

void IncidentDetail::buildActions(const IncidentRecord& r)
{
    while (QLayoutItem* item = m_actions->takeAt(0)) {
        if (QWidget* w = item->widget()) {
            // The clicked button may still be inside its signal emission.
            w->hide();
            w->deleteLater();
        }
        delete item;
    }
    QList<QPointer<QPushButton>> buttons;
    for (IncidentStatus to : allowedTransitions(r.status, r.heldFrom)) {
        auto* button = new QPushButton(actionLabel(r.status, to), this);
        button->setObjectName(QStringLiteral("action_") + codeOf(to));
        connect(button, &QPushButton::clicked, this, [this, to] { requestStatus(to); });
        m_actions->addWidget(button);
        buttons << button;
    }
    // The next step's button appears where the clicked one was: a double click must not
    // take two steps at once.
    for (const QPointer<QPushButton>& b : buttons) {
        b->setEnabled(false);
    }
    QTimer::singleShot(kActionDelayMs, this, [buttons] {
        for (const QPointer<QPushButton>& b : buttons) {
            if (b) { // rebuilt in the meantime
                b->setEnabled(true);
            }
        }
    });
    m_actions->addStretch(1);
}

bool IncidentDetail::requestStatus(IncidentStatus to)
{
    if (to == IncidentStatus::Closed) {
        CloseIncidentDialog dialog(m_record.title, this);
        if (dialog.exec() != QDialog::Accepted) {
            return false;
        }
        return applyChange(dialog.change());
    }
    StatusChange change;
    change.to = to;
    return applyChange(change);
}

bool IncidentDetail::applyChange(const StatusChange& change)
{
    IncidentService service(m_context.writer(), localActor());
    auto r = service.changeStatus(m_id, change);
    if (!r) {
        QMessageBox::warning(this, tr("Status not changed"),
                             tr("The incident could not be changed: %1").arg(r.error().message));
        return false;
    }
    reload();
    emit incidentChanged(m_id);
    return true;
}

bool IncidentDetail::addNote(const QString& text)
{
    if (text.trimmed().isEmpty()) {
        return false;
    }
    IncidentService service(m_context.writer(), localActor());
    auto r = service.addNote(m_id, text);
    if (!r) {
        QMessageBox::warning(this, tr("Note not saved"),
                             tr("The note could not be saved: %1").arg(r.error().message));
        return false;
    }
    fillNotes();
    fillJournal();
    emit incidentChanged(m_id);
    return true;
}

void IncidentDetail::fillAlerts()
{
    auto alerts = IncidentQueries::alerts(m_context.reader(), m_id);
    m_alerts->setRowCount(0);
    if (!alerts) {
        return;
    }
    m_alerts->setRowCount(int(alerts->size()));
    for (int i = 0; i < int(alerts->size()); ++i) {
        const AlertRecord& a = (*alerts)[size_t(i)];
        setRow(m_alerts, i, {ui::timeText(a.timeNs, a.timeDigits, 6), ui::severityText(a.level),
                             a.host, a.ruleTitle, a.eventSummary});
        m_alerts->item(i, 1)->setForeground(ui::severityColor(a.level));
    }
    m_alerts->resizeColumnsToContents();
    m_tabs->setTabText(m_tabs->indexOf(m_alerts), tr("Alerts (%1)").arg(ui::numberText(qint64(alerts->size()))));
}

void IncidentDetail::fillEvents()
{
    auto events = IncidentQueries::events(m_context.reader(), m_id, kEventLimit);
    m_events->setRowCount(0);
    m_eventRaw->clear();
    if (!events) {
        return;
    }
    m_events->setRowCount(int(events->size()));
    for (int i = 0; i < int(events->size()); ++i) {
        const Event& e = (*events)[size_t(i)];
        setRow(m_events, i, {ui::timeText(e.timeNs, e.timeDigits, 6), e.host, e.format, e.summary});
        m_events->item(i, 0)->setData(Qt::UserRole, e.raw);
    }
    m_events->resizeColumnsToContents();
    m_tabs->setTabText(m_tabs->indexOf(m_events->parentWidget()), tr("Events (%1)").arg(ui::numberText(qint64(events->size()))));
}

void IncidentDetail::showEventRaw()
{
    const int row = m_events->currentRow();
    QTableWidgetItem* item = row >= 0 ? m_events->item(row, 0) : nullptr;
    m_eventRaw->setPlainText(item ? item->data(Qt::UserRole).toString() : QString());
}

void IncidentDetail::fillNotes()
{
    auto notes = IncidentQueries::notes(m_context.reader(), m_id);
    QString text;
    if (notes) {
        for (const NoteRecord& n : *notes) {
            const QString about = n.refType.isEmpty()
                                      ? QString()
                                      : tr(" (on %1 %2 of the timeline)")
                                            .arg(n.refType, QString::number(n.refId));
            text += tr("%1 — %2").arg(ui::timeText(n.createdNs, 0), n.author) + about + u'\n' + n.body
                + QStringLiteral("\n\n");
        }
        m_tabs->setTabText(m_tabs->indexOf(m_notes->parentWidget()), tr("Notes (%1)").arg(notes->size()));
    }
    m_notes->setPlainText(text.isEmpty() ? tr("No notes yet.") : text);
}

void IncidentDetail::fillJournal()
{
    auto entries = Journal::forObject(m_context.reader(), QStringLiteral("incident"), m_id);
    m_journal->setRowCount(0);
    if (entries) {
        m_journal->setRowCount(int(entries->size()));
        for (int i = 0; i < int(entries->size()); ++i) {
            const JournalEntry& e = (*entries)[size_t(i)];
            setRow(m_journal, i, {QString::number(e.seq), formatUtc(e.writtenNs, 0),
                                  formatUtc(e.effectiveNs, 0), e.actor, e.action,
                                  readableDetails(e.details)});
        }
        m_journal->resizeColumnsToContents();
    }
    auto check = Journal::verify(m_context.reader());
    auto disagreements = IncidentQueries::journalDisagreements(m_context.reader(), m_id);
    const QString bad = QStringLiteral("color: #b01a7a; font-weight: 600;");
    if (!check) {
        m_chain->setText(tr("Journal could not be checked: %1").arg(check.error().toString()));
        m_chain->setStyleSheet(bad);
    } else if (!check->ok()) {
        m_chain->setText(check->firstBrokenSeq != 0
                             ? tr("✘ The journal was altered outside Vigil at entry %1: %2")
                                   .arg(QString::number(check->firstBrokenSeq), check->problem)
                             : tr("✘ The journal was altered outside Vigil: %1").arg(check->problem));
        m_chain->setStyleSheet(bad);
    } else if (disagreements && !disagreements->isEmpty()) {
        m_chain->setText(tr("✘ This incident was changed outside Vigil: %1")
                             .arg(disagreements->join(QStringLiteral("; "))));
        m_chain->setStyleSheet(bad);
    } else {
        m_chain->setText(tr("✔ Journal verified: the hash chain of all %1 entries in this store is "
                            "intact (head %2…) and this incident matches its history")
                             .arg(ui::numberText(check->entries), check->headHash.left(16)));
        m_chain->setStyleSheet(QStringLiteral("color: #2f7d32;"));
    }
    m_chain->setWordWrap(true);
}

} // namespace vigil
