#include "views/queue_actions.h"

#include <QAction>
#include <QHeaderView>
#include <QMenu>
#include <QTableView>

#include "app_context.h"
#include "dialogs/assign_dialog.h"
#include "dialogs/close_incident_dialog.h"
#include "dialogs/note_dialog.h"
#include "dialogs/shortcuts_dialog.h"
#include "models/incident_queue_model.h"
#include "storage/journal.h"
#include "views/incident_detail.h"
#include "views/incidents_view.h"
#include "widgets/display_format.h"

namespace vigil {

namespace {

// Menu texts with a mnemonic each, so S followed by one letter sets the state.
QString statusMenuText(IncidentStatus to)
{
    switch (to) {
    case IncidentStatus::New:
        return QueueActions::tr("&New");
    case IncidentStatus::Investigating:
        return QueueActions::tr("&Investigating");
    case IncidentStatus::Contained:
        return QueueActions::tr("&Contained");
    case IncidentStatus::Eradicated:
        return QueueActions::tr("&Eradicated");
    case IncidentStatus::Recovered:
        return QueueActions::tr("Reco&vered");
    case IncidentStatus::Resolved:
        return QueueActions::tr("&Resolved");
    case IncidentStatus::Closed:
        return QueueActions::tr("C&losed (disposition)…");
    case IncidentStatus::OnHold:
        return QueueActions::tr("On &hold");
    }
    return {};
}

} // namespace

QueueActions::QueueActions(AppContext& context, IncidentsView& view)
    : QObject(&view)
    , m_context(context)
    , m_view(view)
{
    m_acknowledge = make(tr("&Acknowledge"), QKeySequence(Qt::Key_A),
                         tr("Mark the selected incidents as seen by you (counts for MTTA)"),
                         nullptr);
    m_assignMe = make(tr("Assign to &me"), QKeySequence(Qt::Key_M),
                      tr("Assign the selected incidents to yourself"), nullptr);
    m_assign = make(tr("Assign &to…"), QKeySequence(Qt::SHIFT | Qt::Key_M),
                    tr("Assign the selected incidents to an analyst (empty: unassign)"),
                    &QueueActions::askAssignee);
    m_status = make(tr("Set &status…"), QKeySequence(Qt::Key_S),
                    tr("Move the selected incidents to one of the allowed next states"),
                    &QueueActions::chooseStatus);
    m_close = make(tr("&Close with disposition…"), QKeySequence(Qt::Key_D),
                   tr("Close the selected incidents: disposition, resolution, lessons learned"),
                   &QueueActions::closeSelected);
    m_note = make(tr("Add &note…"), QKeySequence(Qt::Key_N),
                  tr("Write a plain-text note on the selected incidents"), &QueueActions::askNote);
    m_open = make(tr("&Open detail"), QKeySequence(Qt::Key_Return),
                  tr("Move the keyboard focus to the selected incident's detail"), nullptr);
    m_back = make(tr("&Back to the queue"), QKeySequence(Qt::Key_Escape),
                  tr("Move the keyboard focus back to the incident list"), nullptr);
    m_next = make(tr("Ne&xt incident"), QKeySequence(Qt::Key_J), tr("Select the next incident"),
                  nullptr);
    m_previous = make(tr("&Previous incident"), QKeySequence(Qt::Key_K),
                      tr("Select the previous incident"), nullptr);
    m_help = make(tr("&Keyboard shortcuts"), QKeySequence(Qt::Key_F1),
                  tr("List the keyboard shortcuts"), &QueueActions::showShortcuts);
    m_help->setShortcuts({QKeySequence(Qt::Key_F1), QKeySequence(Qt::Key_Question)});
    m_help->setShortcutContext(Qt::WindowShortcut);
    m_open->setShortcuts({QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)});
    m_back->setShortcutContext(Qt::WidgetWithChildrenShortcut);

    connect(m_acknowledge, &QAction::triggered, this, [this] { acknowledgeSelected(); });
    connect(m_assignMe, &QAction::triggered, this, [this] { assignSelected(localActor()); });
    connect(m_open, &QAction::triggered, &m_view, &IncidentsView::openDetail);
    connect(m_back, &QAction::triggered, &m_view, &IncidentsView::backToQueue);
    connect(m_next, &QAction::triggered, &m_view, [this] { m_view.moveBy(1); });
    connect(m_previous, &QAction::triggered, &m_view, [this] { m_view.moveBy(-1); });

    // The letters act where the analyst works: the list and the detail, not text fields.
    for (QAction* a : triageActions() + navigationActions()) {
        if (a != m_open && a != m_back) {
            m_view.table()->addAction(a);
            m_view.detail()->addAction(a);
        }
    }
    m_view.table()->addAction(m_open); // Return in the detail belongs to its buttons
    m_view.detail()->addAction(m_back);
    m_view.addAction(m_help);
}

QAction* QueueActions::make(const QString& text, const QKeySequence& key, const QString& tip,
                            void (QueueActions::*slot)())
{
    auto* a = new QAction(text, this);
    a->setShortcut(key);
    a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    a->setToolTip(tr("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
    a->setStatusTip(a->toolTip());
    if (slot) {
        connect(a, &QAction::triggered, this, slot);
    }
    return a;
}

QList<QAction*> QueueActions::triageActions() const
{
    return {m_acknowledge, m_assignMe, m_assign, m_status, m_close, m_note};
}

QList<QAction*> QueueActions::navigationActions() const
{
    return {m_next, m_previous, m_open, m_back};
}

BulkOutcome QueueActions::run(const QString& what,
                              const std::function<Result<void>(qint64)>& action)
{
    const std::vector<qint64> ids = m_view.selectedIncidents();
    if (ids.empty()) {
        m_view.showNotice(tr("Select an incident first (arrows or J/K)."), true);
        return {};
    }
    const BulkOutcome out = applyToEach(ids, action);
    QStringList refused;
    for (const auto& [id, error] : out.refused) {
        refused << tr("#%1: %2").arg(QString::number(id), error.message);
    }
    if (out.refused.empty()) {
        m_view.showNotice(tr("%1: %n incident(s) done.", nullptr, int(out.done.size())).arg(what),
                          false);
    } else {
        m_view.showNotice(tr("%1: %2 of %3 done; refused:").arg(what,
                                                                QString::number(out.done.size()),
                                                                QString::number(ids.size()))
                              + u'\n' + refused.join(u'\n'),
                          true);
    }
    if (!out.done.empty()) {
        m_context.notifyTriageChanged();
    }
    return out;
}

BulkOutcome QueueActions::acknowledgeSelected()
{
    IncidentService service(m_context.writer(), localActor());
    return run(tr("Acknowledge"), [&](qint64 id) { return service.acknowledge(id); });
}

BulkOutcome QueueActions::assignSelected(const QString& assignee)
{
    IncidentService service(m_context.writer(), localActor());
    const QString what = assignee.trimmed().isEmpty() ? tr("Unassign")
                                                      : tr("Assign to %1").arg(assignee.trimmed());
    return run(what, [&](qint64 id) { return service.assign(id, assignee); });
}

BulkOutcome QueueActions::changeSelected(const StatusChange& change)
{
    IncidentService service(m_context.writer(), localActor());
    return run(tr("Set status %1").arg(ui::statusText(codeOf(change.to))),
               [&](qint64 id) { return service.changeStatus(id, change); });
}

BulkOutcome QueueActions::noteSelected(const QString& text)
{
    IncidentService service(m_context.writer(), localActor());
    return run(tr("Add note"), [&](qint64 id) {
        auto r = service.addNote(id, text);
        return r ? Result<void>() : Result<void>(r.error());
    });
}

void QueueActions::chooseStatus()
{
    const std::vector<qint64> ids = m_view.selectedIncidents();
    if (ids.empty()) {
        m_view.showNotice(tr("Select an incident first (arrows or J/K)."), true);
        return;
    }
    // Every state one of the selected may move to; the others refuse it one by one.
    std::vector<bool> offered(allIncidentStatuses().size(), false);
    for (qint64 id : ids) {
        if (const IncidentRecord* r = m_view.record(id)) {
            for (IncidentStatus to : allowedTransitions(r->status, r->heldFrom)) {
                offered[size_t(to)] = true;
            }
        }
    }
    QMenu menu(m_view.table());
    menu.setObjectName(QStringLiteral("statusMenu"));
    menu.setToolTipsVisible(true);
    for (IncidentStatus to : allIncidentStatuses()) {
        if (!offered[size_t(to)]) {
            continue;
        }
        QAction* a = menu.addAction(statusMenuText(to));
        a->setData(int(to));
    }
    if (menu.isEmpty()) {
        m_view.showNotice(tr("No state change is allowed from here."), true);
        return;
    }
    const QRect row = m_view.table()->visualRect(m_view.table()->currentIndex());
    const QPoint at = m_view.table()->viewport()->mapToGlobal(row.isValid() ? row.bottomLeft()
                                                                            : QPoint(0, 0));
    QAction* chosen = menu.exec(at);
    if (!chosen) {
        return;
    }
    const auto to = IncidentStatus(chosen->data().toInt());
    if (to == IncidentStatus::Closed) {
        closeSelected();
        return;
    }
    changeSelected(StatusChange::move(to));
}

void QueueActions::closeSelected()
{
    const std::vector<qint64> ids = m_view.selectedIncidents();
    if (ids.empty()) {
        m_view.showNotice(tr("Select an incident first (arrows or J/K)."), true);
        return;
    }
    const IncidentRecord* first = m_view.record(ids.front());
    const QString title = ids.size() == 1 && first
                              ? first->title
                              : tr("%n incidents", nullptr, int(ids.size()));
    CloseIncidentDialog dialog(title, m_view.window());
    if (dialog.exec() == QDialog::Accepted) {
        changeSelected(dialog.change());
    }
}

void QueueActions::askAssignee()
{
    const std::vector<qint64> ids = m_view.selectedIncidents();
    if (ids.empty()) {
        m_view.showNotice(tr("Select an incident first (arrows or J/K)."), true);
        return;
    }
    const IncidentRecord* first = m_view.record(ids.front());
    AssignDialog dialog(int(ids.size()), first ? first->assignee : QString(),
                        m_view.knownAssignees(), m_view.window());
    if (dialog.exec() == QDialog::Accepted) {
        assignSelected(dialog.assignee());
    }
}

void QueueActions::askNote()
{
    const std::vector<qint64> ids = m_view.selectedIncidents();
    if (ids.empty()) {
        m_view.showNotice(tr("Select an incident first (arrows or J/K)."), true);
        return;
    }
    const IncidentRecord* first = m_view.record(ids.front());
    const QString context = ids.size() == 1 && first
                                ? tr("Note on incident #%1: %2").arg(QString::number(first->id),
                                                                     first->title)
                                : tr("The same note on %n incidents", nullptr, int(ids.size()));
    NoteDialog dialog(tr("Add note"), context, m_view.window());
    if (dialog.exec() == QDialog::Accepted) {
        noteSelected(dialog.text());
    }
}

void QueueActions::addHelpSection(const QString& title, const QList<QAction*>& actions)
{
    m_extraHelp.emplace_back(title, actions);
}

void QueueActions::showShortcuts()
{
    ShortcutsDialog::Section queue{tr("Incident queue"), triageActions() + navigationActions(),
                                   {{tr("Up / Down"), tr("Previous / next incident")},
                                    {tr("Shift+Up / Shift+Down, Ctrl+click"),
                                     tr("Select several incidents for a bulk action")},
                                    {tr("/"), tr("Filter the queue")},
                                    {tr("Ctrl+Tab"), tr("Next tab of the detail")}}};
    ShortcutsDialog::Section help{tr("Help"), {m_help}, {}};
    QList<ShortcutsDialog::Section> sections{queue};
    for (const auto& [title, actions] : m_extraHelp) {
        sections << ShortcutsDialog::Section{title, actions, {}};
    }
    sections << help;
    ShortcutsDialog dialog(sections, m_view.window());
    dialog.exec();
}

} // namespace vigil
