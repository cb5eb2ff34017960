#include "views/timeline_panel.h"

#include <QAction>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "app_context.h"
#include "dialogs/note_dialog.h"
#include "investigation/case_timeline.h"
#include "model/event.h"
#include "storage/journal.h"
#include "triage/incident_service.h"
#include "util/json.h"
#include "widgets/display_format.h"

namespace vigil {

namespace {

enum Column { Time, Kind, Who, What, Detail };
constexpr int kRefTypeRole = Qt::UserRole;
constexpr int kRefIdRole = Qt::UserRole + 1;
constexpr int kKindRole = Qt::UserRole + 2;

QString kindText(TimelineKind kind)
{
    switch (kind) {
    case TimelineKind::Event:
        return TimelinePanel::tr("Event");
    case TimelineKind::Alert:
        return TimelinePanel::tr("Alert");
    case TimelineKind::Action:
        return TimelinePanel::tr("Action");
    }
    return {};
}

QString actionText(const QString& action, const Fields& details)
{
    if (action == u"created") {
        return TimelinePanel::tr("Incident opened");
    }
    if (action == u"status") {
        return TimelinePanel::tr("Status %1 → %2")
            .arg(ui::statusText(details.text(u"from")), ui::statusText(details.text(u"to")));
    }
    if (action == u"note") {
        return details.contains(u"ref_type") ? TimelinePanel::tr("Annotation")
                                             : TimelinePanel::tr("Note");
    }
    if (action == u"acknowledged") {
        return TimelinePanel::tr("Acknowledged");
    }
    if (action == u"assigned") {
        const QString to = details.text(u"to");
        return to.isEmpty() ? TimelinePanel::tr("Unassigned")
                            : TimelinePanel::tr("Assigned to %1").arg(to);
    }
    if (action == u"event_added") {
        return TimelinePanel::tr("Event %1 added").arg(details.text(u"event_id"));
    }
    if (action == u"alerts_added") {
        return TimelinePanel::tr("%1 alert(s) joined").arg(details.text(u"count"));
    }
    if (action == u"priority") {
        return TimelinePanel::tr("Priority set");
    }
    if (action == u"playbook") {
        return TimelinePanel::tr("Playbook %1 attached").arg(details.text(u"playbook"));
    }
    if (action == u"task_added") {
        return TimelinePanel::tr("Task %1 added").arg(details.text(u"task_id"));
    }
    if (action == u"task") {
        return details.contains(u"status")
            ? TimelinePanel::tr("Task %1 %2").arg(details.text(u"task_id"), details.text(u"status"))
            : TimelinePanel::tr("Task %1 updated").arg(details.text(u"task_id"));
    }
    return action;
}

// "disposition: fp_logic · resolution: …" rather than the stored JSON; one line.
QString detailText(const Fields& details)
{
    QStringList parts;
    for (const auto& [name, value] : details.entries()) {
        if (!value.isNull() && !value.text().isEmpty()) {
            parts << name + QStringLiteral(": ") + QString(value.text()).replace(u'\n', u' ');
        }
    }
    return parts.join(QStringLiteral(" · "));
}

QColor kindColor(const TimelineItem& item)
{
    switch (item.kind) {
    case TimelineKind::Event:
        return QColor(0x60, 0x60, 0x60);
    case TimelineKind::Alert:
        return ui::severityColor(severityFromCode(item.detail));
    case TimelineKind::Action:
        return ui::accentColor();
    }
    return {};
}

QTreeWidgetItem* makeItem(const TimelineItem& t)
{
    QString what = t.what;
    QString detail = t.detail;
    if (t.kind == TimelineKind::Action) {
        Fields fields;
        parseJsonObjectFlat(t.detail.toUtf8(), fields, nullptr);
        what = t.object.isEmpty() ? actionText(t.what, fields)
                                  : TimelinePanel::tr("%1: %2").arg(t.object, t.what);
        detail = detailText(fields);
    } else if (t.kind == TimelineKind::Alert) {
        detail = ui::severityText(severityFromCode(t.detail));
    }
    auto* item = new QTreeWidgetItem(
        {ui::timeText(t.timeNs, t.timeDigits, 6), kindText(t.kind), t.who, what, detail});
    item->setForeground(Kind, kindColor(t));
    QFont bold = item->font(Kind);
    bold.setBold(true);
    item->setFont(Kind, bold);
    // Tooltips would render markup: the untrusted text is escaped.
    item->setToolTip(What, what.toHtmlEscaped());
    item->setToolTip(Detail, detail.toHtmlEscaped());
    item->setData(0, kRefTypeRole, timelineRefType(t.kind));
    item->setData(0, kRefIdRole, t.refId);
    item->setData(0, kKindRole, int(t.kind));
    for (const TimelineAnnotation& a : t.annotations) {
        auto* child = new QTreeWidgetItem(
            item, {ui::timeText(a.createdNs, 0), TimelinePanel::tr("Annotation"), a.author,
                   QString(a.body).replace(u'\n', u' ')});
        child->setToolTip(What, a.body.toHtmlEscaped());
        QFont italic = child->font(What);
        italic.setItalic(true);
        child->setFont(What, italic);
        child->setFont(Kind, italic);
    }
    return item;
}

} // namespace

TimelinePanel::TimelinePanel(AppContext& context, QWidget* parent)
    : QWidget(parent)
    , m_context(context)
    , m_events(new QCheckBox(tr("Events"), this))
    , m_alerts(new QCheckBox(tr("Alerts"), this))
    , m_actions(new QCheckBox(tr("Analyst actions"), this))
    , m_count(new QLabel(this))
    , m_error(new QLabel(this))
    , m_annotate(new QPushButton(tr("Annotate…"), this))
    , m_tree(new QTreeWidget(this))
{
    for (QCheckBox* box : {m_events, m_alerts, m_actions}) {
        box->setChecked(true);
        connect(box, &QCheckBox::toggled, this, &TimelinePanel::applyKinds);
    }
    m_count->setTextFormat(Qt::PlainText);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setStyleSheet(QStringLiteral("color: #b01a7a;"));
    m_error->hide();
    m_annotateAction = new QAction(tr("Annotate the selected item…"), this);
    m_annotateAction->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_N));
    m_annotateAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_annotate->setToolTip(tr("Attach a note to the selected event, alert or action (Shift+N)"));
    addAction(m_annotateAction);
    connect(m_annotateAction, &QAction::triggered, this, &TimelinePanel::askAnnotation);
    connect(m_annotate, &QPushButton::clicked, this, &TimelinePanel::askAnnotation);

    m_tree->setObjectName(QStringLiteral("timeline"));
    m_tree->setColumnCount(5);
    m_tree->setHeaderLabels({tr("Time (UTC)"), tr("Kind"), tr("Host / actor"), tr("What"),
                             tr("Details")});
    m_tree->setRootIsDecorated(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setWordWrap(false);
    m_tree->setTextElideMode(Qt::ElideRight);
    m_tree->header()->setStretchLastSection(true);
    m_tree->setColumnWidth(Time, fontMetrics().horizontalAdvance(QStringLiteral("8888-88-88T88:88:88.888888Z")) + 36);
    m_tree->setColumnWidth(Kind, fontMetrics().horizontalAdvance(QStringLiteral("Annotation")) + 24);
    m_tree->setColumnWidth(Who, 170);
    m_tree->setColumnWidth(What, 460);

    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Show:"), this));
    bar->addWidget(m_events);
    bar->addWidget(m_alerts);
    bar->addWidget(m_actions);
    bar->addSpacing(12);
    bar->addWidget(m_count, 1);
    bar->addWidget(m_annotate);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_error);
    layout->addWidget(m_tree, 1);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, &TimelinePanel::updateButtons);
    updateButtons();
}

void TimelinePanel::setIncident(qint64 incidentId)
{
    m_id = incidentId;
    reload();
}

void TimelinePanel::reload()
{
    const QString currentType = m_tree->currentItem() ? m_tree->currentItem()->data(0, kRefTypeRole).toString() : QString();
    const qint64 currentId = m_tree->currentItem() ? m_tree->currentItem()->data(0, kRefIdRole).toLongLong() : 0;
    m_tree->clear();
    m_error->hide();
    if (m_id == 0) {
        m_count->clear();
        return;
    }
    auto timeline = CaseTimeline::load(m_context.reader(), m_id);
    if (!timeline) {
        m_error->setText(tr("The timeline could not be read: %1").arg(timeline.error().message));
        m_error->show();
        return;
    }
    QList<QTreeWidgetItem*> items;
    items.reserve(qsizetype(timeline->items.size()));
    for (const TimelineItem& t : timeline->items) {
        items << makeItem(t);
    }
    m_tree->addTopLevelItems(items);
    m_tree->expandAll();
    for (QTreeWidgetItem* item : items) {
        if (item->data(0, kRefTypeRole).toString() == currentType
            && item->data(0, kRefIdRole).toLongLong() == currentId) {
            m_tree->setCurrentItem(item);
            m_tree->scrollToItem(item->childCount() > 0 ? item->child(item->childCount() - 1)
                                                        : item);
        }
    }
    QString text = tr("%n item(s) in time order", nullptr, int(items.size()));
    if (timeline->eventsShown < timeline->eventsTotal) {
        text += tr(" · the first %1 of %2 events")
                    .arg(ui::numberText(timeline->eventsShown), ui::numberText(timeline->eventsTotal));
    }
    m_count->setText(text);
    applyKinds();
    updateButtons();
}

void TimelinePanel::applyKinds()
{
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = m_tree->topLevelItem(i);
        const auto kind = TimelineKind(item->data(0, kKindRole).toInt());
        const bool shown = (kind == TimelineKind::Event && m_events->isChecked())
                           || (kind == TimelineKind::Alert && m_alerts->isChecked())
                           || (kind == TimelineKind::Action && m_actions->isChecked());
        item->setHidden(!shown);
    }
}

void TimelinePanel::updateButtons()
{
    QTreeWidgetItem* item = m_tree->currentItem();
    const bool annotatable = item && !item->parent();
    m_annotate->setEnabled(annotatable);
    m_annotateAction->setEnabled(annotatable);
}

bool TimelinePanel::annotate(QTreeWidgetItem* item, const QString& text)
{
    if (!item || item->parent() || m_id == 0) {
        return false;
    }
    IncidentService service(m_context.writer(), localActor());
    auto r = service.annotate(m_id, item->data(0, kRefTypeRole).toString(),
                              item->data(0, kRefIdRole).toLongLong(), text);
    if (!r) {
        m_error->setText(tr("The annotation was not saved: %1").arg(r.error().message));
        m_error->show();
        return false;
    }
    emit changed();
    reload();
    return true;
}

void TimelinePanel::askAnnotation()
{
    QTreeWidgetItem* item = m_tree->currentItem();
    if (!item || item->parent()) {
        return;
    }
    const QString context = tr("Annotation on the %1 of %2: %3")
                                .arg(item->text(Kind).toLower(), item->text(Time), item->text(What));
    NoteDialog dialog(tr("Annotate"), context, window());
    if (dialog.exec() == QDialog::Accepted) {
        annotate(item, dialog.text());
    }
    m_tree->setFocus();
}

} // namespace vigil
