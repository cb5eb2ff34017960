#include "views/tasks_panel.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "app_context.h"
#include "dialogs/add_playbook_dialog.h"
#include "dialogs/add_task_dialog.h"
#include "response/playbook.h"
#include "storage/journal.h"
#include "triage/incident_queries.h"
#include "widgets/display_format.h"

namespace vigil {

namespace {

enum Column { TaskCol, StatusCol, OwnerCol, DoneCol, ColumnCount };
constexpr int kTaskIdRole = Qt::UserRole + 1;

QString phaseText(TaskPhase phase)
{
    switch (phase) {
    case TaskPhase::Containment:
        return TasksPanel::tr("Containment");
    case TaskPhase::Eradication:
        return TasksPanel::tr("Eradication");
    case TaskPhase::Recovery:
        return TasksPanel::tr("Recovery");
    }
    return {};
}

QString statusText(TaskStatus status)
{
    switch (status) {
    case TaskStatus::Open:
        return TasksPanel::tr("Open");
    case TaskStatus::InProgress:
        return TasksPanel::tr("In progress");
    case TaskStatus::Done:
        return TasksPanel::tr("✔ Done");
    case TaskStatus::Skipped:
        return TasksPanel::tr("Skipped");
    }
    return {};
}

} // namespace

TasksPanel::TasksPanel(AppContext& context, QWidget* parent)
    : QWidget(parent)
    , m_context(context)
    , m_addPlaybook(new QPushButton(tr("Add playbook…"), this))
    , m_addTask(new QPushButton(tr("Add task…"), this))
    , m_summary(new QLabel(this))
    , m_tree(new QTreeWidget(this))
    , m_title(new QLabel(this))
    , m_origin(new QLabel(this))
    , m_description(new QPlainTextEdit(this))
    , m_status(new QComboBox(this))
    , m_owner(new QLineEdit(this))
    , m_notes(new QPlainTextEdit(this))
    , m_done(new QLabel(this))
    , m_save(new QPushButton(tr("Save"), this))
    , m_revert(new QPushButton(tr("Revert"), this))
    , m_editor(new QWidget(this))
{
    m_addPlaybook->setObjectName(QStringLiteral("addPlaybook"));
    m_addPlaybook->setToolTip(tr("Attach the tasks of a response playbook to this incident."));
    m_addTask->setObjectName(QStringLiteral("addTask"));
    m_addTask->setToolTip(tr("Add one task of your own to a phase."));
    for (QLabel* l : {m_summary, m_title, m_origin, m_done}) {
        l->setTextFormat(Qt::PlainText);
        l->setWordWrap(true);
    }
    m_summary->setStyleSheet(QStringLiteral("color: palette(mid);"));
    m_origin->setStyleSheet(QStringLiteral("color: palette(mid);"));
    m_done->setStyleSheet(QStringLiteral("color: palette(mid);"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    // Playbook text from the user's folder is shown as plain text, never as markup.
    m_description->setObjectName(QStringLiteral("taskDescription"));
    m_description->setReadOnly(true);
    m_description->setFrameShape(QFrame::NoFrame);
    m_description->viewport()->setAutoFillBackground(false);
    m_description->setMaximumHeight(m_description->fontMetrics().lineSpacing() * 5 + 8);
    for (QPlainTextEdit* edit : {m_description, m_notes}) {
        edit->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        edit->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    }

    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels({tr("Task"), tr("Status"), tr("Owner"), tr("Done (UTC)")});
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(TaskCol, QHeaderView::Stretch);
    for (int c : {StatusCol, OwnerCol, DoneCol}) {
        m_tree->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    }

    for (TaskStatus s : allTaskStatuses()) {
        m_status->addItem(statusText(s), int(s));
    }
    m_status->setObjectName(QStringLiteral("taskStatus"));
    m_owner->setObjectName(QStringLiteral("taskOwner"));
    m_owner->setPlaceholderText(tr("Who does it"));
    m_notes->setObjectName(QStringLiteral("taskNotes"));
    m_notes->setPlaceholderText(tr("What was done, change numbers, findings (plain text)…"));
    m_save->setObjectName(QStringLiteral("saveTask"));

    auto* form = new QFormLayout;
    form->addRow(tr("Status"), m_status);
    form->addRow(tr("Owner"), m_owner);
    form->addRow(tr("Notes"), m_notes);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_done, 1);
    buttons->addWidget(m_revert);
    buttons->addWidget(m_save);
    auto* editorLayout = new QVBoxLayout(m_editor);
    editorLayout->setContentsMargins(8, 0, 0, 0);
    editorLayout->addWidget(m_title);
    editorLayout->addWidget(m_origin);
    editorLayout->addWidget(m_description, 1);
    editorLayout->addSpacing(6);
    editorLayout->addLayout(form, 2);
    editorLayout->addLayout(buttons);

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_tree);
    split->addWidget(m_editor);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);

    auto* controls = new QHBoxLayout;
    controls->addWidget(m_addPlaybook);
    controls->addWidget(m_addTask);
    controls->addSpacing(12);
    controls->addWidget(m_summary, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(controls);
    layout->addWidget(split, 1);

    connect(m_addPlaybook, &QPushButton::clicked, this, &TasksPanel::chooseAndAttach);
    connect(m_addTask, &QPushButton::clicked, this, &TasksPanel::chooseAndAdd);
    connect(m_tree, &QTreeWidget::itemChanged, this, &TasksPanel::onItemChanged);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, &TasksPanel::showSelected);
    connect(m_save, &QPushButton::clicked, this, &TasksPanel::saveSelected);
    connect(m_revert, &QPushButton::clicked, this, &TasksPanel::showSelected);
    connect(m_status, &QComboBox::currentIndexChanged, this, &TasksPanel::updateEditState);
    connect(m_owner, &QLineEdit::textChanged, this, &TasksPanel::updateEditState);
    connect(m_notes, &QPlainTextEdit::textChanged, this, &TasksPanel::updateEditState);
    showSelected();
}

void TasksPanel::setIncident(qint64 id)
{
    m_id = id;
    reload();
}

void TasksPanel::reload()
{
    const qint64 keep = selected() ? selected()->id : 0;
    m_tasks.clear();
    m_closed = false;
    if (m_id != 0) {
        auto incident = IncidentQueries::load(m_context.reader(), m_id);
        m_closed = incident && incident->status == IncidentStatus::Closed;
        auto tasks = TaskQueries::forIncident(m_context.reader(), m_id);
        if (tasks) {
            m_tasks = std::move(*tasks);
        } else {
            m_summary->setText(tr("Could not read the tasks: %1").arg(tasks.error().message));
        }
    }
    {
        const QSignalBlocker block(m_tree);
        m_tree->clear();
        for (TaskPhase phase : allTaskPhases()) {
            int total = 0;
            int settled = 0;
            auto* group = new QTreeWidgetItem(m_tree);
            group->setFlags(Qt::ItemIsEnabled);
            QFont bold = group->font(TaskCol);
            bold.setBold(true);
            group->setFont(TaskCol, bold);
            for (const TaskRecord& t : m_tasks) {
                if (t.phase != phase) {
                    continue;
                }
                ++total;
                settled += isSettled(t.status) ? 1 : 0;
                auto* item = new QTreeWidgetItem(group);
                item->setData(TaskCol, kTaskIdRole, t.id);
                item->setText(TaskCol, t.title);
                item->setToolTip(TaskCol, t.description.toHtmlEscaped());
                item->setText(StatusCol, statusText(t.status));
                item->setText(OwnerCol, t.owner);
                item->setText(DoneCol, t.doneNs == 0 ? QString() : ui::timeText(t.doneNs, 0));
                Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
                if (!m_closed) {
                    flags |= Qt::ItemIsUserCheckable;
                }
                item->setFlags(flags);
                item->setCheckState(TaskCol, t.status == TaskStatus::Done ? Qt::Checked : Qt::Unchecked);
                if (t.status == TaskStatus::Skipped) {
                    item->setForeground(TaskCol, m_tree->palette().color(QPalette::Disabled, QPalette::Text));
                }
            }
            group->setText(TaskCol, tr("%1 — %2 of %3 done or skipped")
                                        .arg(phaseText(phase), QString::number(settled),
                                             QString::number(total)));
            group->setExpanded(true);
        }
    }
    m_summary->setText(summary());
    qint64 settled = 0;
    for (const TaskRecord& t : m_tasks) {
        settled += isSettled(t.status) ? 1 : 0;
    }
    emit countsChanged(int(settled), int(m_tasks.size()));
    m_addPlaybook->setEnabled(m_id != 0 && !m_closed);
    m_addTask->setEnabled(m_id != 0 && !m_closed);
    selectTask(keep);
    showSelected();
}

QString TasksPanel::summary() const
{
    if (m_id == 0) {
        return {};
    }
    qint64 settled = 0;
    for (const TaskRecord& t : m_tasks) {
        settled += isSettled(t.status) ? 1 : 0;
    }
    QString text = m_tasks.empty()
        ? tr("No tasks yet — add a playbook or a task of your own.")
        : tr("%1 of %2 tasks done or skipped").arg(QString::number(settled),
                                                   QString::number(m_tasks.size()));
    if (m_closed) {
        text += u' ' + tr("(the incident is closed: reopen it to change its tasks)");
    }
    return text;
}

void TasksPanel::selectTask(qint64 taskId)
{
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem* group = m_tree->topLevelItem(g);
        for (int i = 0; i < group->childCount(); ++i) {
            if (group->child(i)->data(TaskCol, kTaskIdRole).toLongLong() == taskId) {
                m_tree->setCurrentItem(group->child(i));
                return;
            }
        }
    }
}

const TaskRecord* TasksPanel::selected() const
{
    const QTreeWidgetItem* item = m_tree ? m_tree->currentItem() : nullptr;
    const qint64 id = item ? item->data(TaskCol, kTaskIdRole).toLongLong() : 0;
    for (const TaskRecord& t : m_tasks) {
        if (t.id == id) {
            return &t;
        }
    }
    return nullptr;
}

void TasksPanel::showSelected()
{
    const TaskRecord* t = selected();
    m_editor->setEnabled(t != nullptr);
    {
        const QSignalBlocker b1(m_status);
        const QSignalBlocker b2(m_owner);
        const QSignalBlocker b3(m_notes);
        m_title->setText(t ? t->title : tr("Select a task to see what to do and record progress."));
        m_origin->setText(!t ? QString()
                          : t->playbookId.isEmpty()
                              ? tr("%1 · added by an analyst").arg(phaseText(t->phase))
                              : tr("%1 · from playbook %2").arg(phaseText(t->phase), t->playbookId));
        m_description->setPlainText(t ? t->description : QString());
        m_status->setCurrentIndex(m_status->findData(int(t ? t->status : TaskStatus::Open)));
        m_owner->setText(t ? t->owner : QString());
        m_notes->setPlainText(t ? t->notes : QString());
        m_done->setText(t && t->doneNs != 0 ? tr("Done %1 UTC").arg(ui::timeText(t->doneNs, 0))
                                            : QString());
    }
    updateEditState();
}

void TasksPanel::updateEditState()
{
    const TaskRecord* t = selected();
    const bool editable = t && !m_closed;
    m_status->setEnabled(editable);
    m_owner->setReadOnly(!editable);
    m_notes->setReadOnly(!editable);
    const bool dirty = t
        && (TaskStatus(m_status->currentData().toInt()) != t->status
            || m_owner->text().trimmed() != t->owner || m_notes->toPlainText() != t->notes);
    m_save->setEnabled(editable && dirty);
    m_revert->setEnabled(editable && dirty);
}

void TasksPanel::saveSelected()
{
    const TaskRecord* t = selected();
    if (!t) {
        return;
    }
    TaskUpdate update;
    update.status = TaskStatus(m_status->currentData().toInt());
    update.owner = m_owner->text();
    update.notes = m_notes->toPlainText();
    updateTask(t->id, update);
}

void TasksPanel::onItemChanged(QTreeWidgetItem* item, int column)
{
    const qint64 id = item->data(TaskCol, kTaskIdRole).toLongLong();
    if (column != TaskCol || id == 0) {
        return;
    }
    TaskUpdate update;
    update.status = item->checkState(TaskCol) == Qt::Checked ? TaskStatus::Done : TaskStatus::Open;
    // The tree is rebuilt after the change: not while it is still emitting for this item.
    QMetaObject::invokeMethod(
        this, [this, id, update] { updateTask(id, update); }, Qt::QueuedConnection);
}

bool TasksPanel::report(const Error& error, const QString& title)
{
    QMessageBox::warning(this, title, tr("The tasks were not changed: %1").arg(error.message));
    reload();
    return false;
}

bool TasksPanel::updateTask(qint64 taskId, const TaskUpdate& update)
{
    auto r = TaskService(m_context.writer(), localActor()).update(taskId, update);
    if (!r) {
        return report(r.error(), tr("Task not changed"));
    }
    reload();
    emit changed();
    return true;
}

bool TasksPanel::attachPlaybook(const Playbook& playbook)
{
    auto r = TaskService(m_context.writer(), localActor()).attachPlaybook(m_id, playbook);
    if (!r) {
        return report(r.error(), tr("Playbook not added"));
    }
    reload();
    selectTask(r->firstTaskId);
    emit changed();
    return true;
}

bool TasksPanel::addTask(TaskPhase phase, const QString& title, const QString& description)
{
    auto r = TaskService(m_context.writer(), localActor()).addTask(m_id, phase, title, description);
    if (!r) {
        return report(r.error(), tr("Task not added"));
    }
    reload();
    selectTask(*r);
    emit changed();
    return true;
}

void TasksPanel::chooseAndAttach()
{
    auto attached = TaskQueries::attachedPlaybooks(m_context.reader(), m_id);
    AddPlaybookDialog dialog(attached ? *attached : QStringList(), this);
    if (dialog.exec() == QDialog::Accepted && dialog.chosen()) {
        attachPlaybook(*dialog.chosen());
    }
}

void TasksPanel::chooseAndAdd()
{
    AddTaskDialog dialog(this);
    if (const TaskRecord* t = selected()) {
        dialog.setPhase(t->phase);
    }
    if (dialog.exec() == QDialog::Accepted) {
        addTask(dialog.phase(), dialog.title(), dialog.description());
    }
}

} // namespace vigil
