#include "views/queue_filter_bar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

#include "app_context.h"
#include "widgets/display_format.h"

namespace vigil {

namespace {

const QStringList& priorityCodes()
{
    static const QStringList codes{QStringLiteral("P1"), QStringLiteral("P2"),
                                   QStringLiteral("P3"), QStringLiteral("P4"),
                                   QStringLiteral("none")};
    return codes;
}

QString choiceSummary(const QString& label, const QStringList& chosen)
{
    if (chosen.isEmpty()) {
        return QueueFilterBar::tr("%1: any").arg(label);
    }
    if (chosen.size() > 2) {
        return QueueFilterBar::tr("%1: %2 +%3").arg(label, chosen.front(),
                                                    QString::number(chosen.size() - 1));
    }
    return QueueFilterBar::tr("%1: %2").arg(label, chosen.join(QStringLiteral(", ")));
}

} // namespace

QueueFilterBar::QueueFilterBar(AppContext& context, QWidget* parent)
    : QWidget(parent)
    , m_context(context)
    , m_text(new QLineEdit(this))
    , m_statusMenu(new QMenu(this))
    , m_priorityMenu(new QMenu(this))
    , m_assignee(new QComboBox(this))
    , m_rule(new QLineEdit(this))
    , m_host(new QLineEdit(this))
    , m_showClosed(new QCheckBox(tr("Show closed"), this))
    , m_views(new QComboBox(this))
    , m_save(new QPushButton(tr("Save view…"), this))
    , m_delete(new QToolButton(this))
    , m_clear(new QToolButton(this))
    , m_count(new QLabel(this))
    , m_viewError(new QLabel(this))
{
    m_text->setObjectName(QStringLiteral("queueText"));
    m_text->setPlaceholderText(tr("Filter by title, host, rule, status, #id… (press / to focus)"));
    m_text->setClearButtonEnabled(true);
    for (IncidentStatus s : allIncidentStatuses()) {
        QAction* a = m_statusMenu->addAction(ui::statusText(codeOf(s)));
        a->setCheckable(true);
        a->setData(codeOf(s));
    }
    for (const QString& p : priorityCodes()) {
        QAction* a = m_priorityMenu->addAction(p == u"none" ? tr("Not prioritised") : p);
        a->setCheckable(true);
        a->setData(p);
    }
    m_status = makeChoiceButton(m_statusMenu);
    m_status->setObjectName(QStringLiteral("queueStatus"));
    m_status->setToolTip(tr("Show only incidents in these states (none ticked: any)"));
    m_priority = makeChoiceButton(m_priorityMenu);
    m_priority->setObjectName(QStringLiteral("queuePriority"));
    m_priority->setToolTip(tr("Show only incidents of these priorities (none ticked: any)"));
    m_assignee->setObjectName(QStringLiteral("queueAssignee"));
    m_assignee->setToolTip(tr("Show only incidents assigned to this analyst"));
    setKnownAssignees({});
    m_rule->setObjectName(QStringLiteral("queueRule"));
    m_rule->setPlaceholderText(tr("Rule"));
    m_rule->setToolTip(tr("Part of the rule's title or id"));
    m_rule->setClearButtonEnabled(true);
    m_host->setObjectName(QStringLiteral("queueHost"));
    m_host->setPlaceholderText(tr("Host"));
    m_host->setToolTip(tr("Part of the host name"));
    m_host->setClearButtonEnabled(true);
    m_views->setObjectName(QStringLiteral("queueViews"));
    m_views->setToolTip(tr("Saved queue views: a name for a set of filters"));
    m_views->setMinimumContentsLength(16);
    m_views->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_save->setToolTip(tr("Save the current filters as a named view"));
    m_delete->setText(tr("Delete view"));
    m_delete->setToolTip(tr("Delete the chosen saved view"));
    m_clear->setText(tr("Clear filters"));
    m_clear->setToolTip(tr("Show every open incident again"));
    m_count->setTextFormat(Qt::PlainText);
    m_viewError->setObjectName(QStringLiteral("queueViewError"));
    m_viewError->setTextFormat(Qt::PlainText);
    m_viewError->setStyleSheet(QStringLiteral("color: #b01a7a;"));
    m_viewError->hide();

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("View:"), this));
    top->addWidget(m_views);
    top->addWidget(m_save);
    top->addWidget(m_delete);
    top->addSpacing(12);
    top->addWidget(m_text, 1);
    top->addWidget(m_showClosed);
    top->addSpacing(12);
    top->addWidget(m_count);
    auto* second = new QHBoxLayout;
    second->addWidget(m_status);
    second->addWidget(m_priority);
    second->addWidget(new QLabel(tr("Assignee:"), this));
    second->addWidget(m_assignee);
    second->addWidget(m_rule, 1);
    second->addWidget(m_host, 1);
    second->addWidget(m_clear);
    second->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(top);
    layout->addLayout(second);
    layout->addWidget(m_viewError);

    connect(m_text, &QLineEdit::textChanged, this, &QueueFilterBar::emitChanged);
    connect(m_rule, &QLineEdit::textChanged, this, &QueueFilterBar::emitChanged);
    connect(m_host, &QLineEdit::textChanged, this, &QueueFilterBar::emitChanged);
    connect(m_showClosed, &QCheckBox::toggled, this, &QueueFilterBar::emitChanged);
    connect(m_assignee, &QComboBox::currentIndexChanged, this, &QueueFilterBar::emitChanged);
    connect(m_statusMenu, &QMenu::triggered, this, &QueueFilterBar::emitChanged);
    connect(m_priorityMenu, &QMenu::triggered, this, &QueueFilterBar::emitChanged);
    connect(m_views, &QComboBox::activated, this, [this](int index) {
        if (index == 0) {
            setFilter({});
        } else {
            applyView(m_views->itemText(index));
        }
    });
    connect(m_save, &QPushButton::clicked, this, &QueueFilterBar::askAndSaveView);
    connect(m_delete, &QToolButton::clicked, this, &QueueFilterBar::deleteView);
    connect(m_clear, &QToolButton::clicked, this, [this] {
        setFilter({});
        m_views->setCurrentIndex(0);
    });
    updateChoiceTexts();
    reloadViews();
}

QToolButton* QueueFilterBar::makeChoiceButton(QMenu* menu)
{
    auto* button = new QToolButton(this);
    button->setMenu(menu);
    button->setPopupMode(QToolButton::InstantPopup);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    button->setFocusPolicy(Qt::StrongFocus);
    button->setMinimumWidth(fontMetrics().horizontalAdvance(tr("Priority: P1, P2")) + 36);
    return button;
}

QueueFilter QueueFilterBar::filter() const
{
    QueueFilter f;
    for (QAction* a : m_statusMenu->actions()) {
        if (a->isChecked()) {
            f.statuses.push_back(*incidentStatusFromCode(a->data().toString()));
        }
    }
    for (QAction* a : m_priorityMenu->actions()) {
        if (a->isChecked()) {
            f.priorities << a->data().toString();
        }
    }
    f.assignee = m_assignee->currentData().toString();
    f.rule = m_rule->text().trimmed();
    f.host = m_host->text().trimmed();
    f.text = m_text->text().trimmed();
    f.showClosed = m_showClosed->isChecked();
    return f;
}

void QueueFilterBar::setFilter(const QueueFilter& f)
{
    m_applying = true;
    for (QAction* a : m_statusMenu->actions()) {
        const auto s = incidentStatusFromCode(a->data().toString());
        a->setChecked(std::find(f.statuses.begin(), f.statuses.end(), *s) != f.statuses.end());
    }
    for (QAction* a : m_priorityMenu->actions()) {
        a->setChecked(f.priorities.contains(a->data().toString()));
    }
    int index = m_assignee->findData(f.assignee);
    if (index < 0) {
        m_assignee->addItem(f.assignee, f.assignee);
        index = m_assignee->count() - 1;
    }
    m_assignee->setCurrentIndex(index);
    m_rule->setText(f.rule);
    m_host->setText(f.host);
    m_text->setText(f.text);
    m_showClosed->setChecked(f.showClosed);
    m_applying = false;
    emitChanged();
}

void QueueFilterBar::setKnownAssignees(const QStringList& names)
{
    const QString current = m_assignee->currentData().toString();
    const QSignalBlocker block(m_assignee);
    m_assignee->clear();
    m_assignee->addItem(tr("Anyone"), QString());
    m_assignee->addItem(tr("Me"), QueueFilter::kMe.toString());
    m_assignee->addItem(tr("Unassigned"), QueueFilter::kUnassigned.toString());
    for (const QString& n : names) {
        m_assignee->addItem(n, n);
    }
    int index = m_assignee->findData(current);
    if (index < 0 && !current.isEmpty()) {
        m_assignee->addItem(current, current); // a saved view's analyst with nothing assigned now
        index = m_assignee->count() - 1;
    }
    m_assignee->setCurrentIndex(std::max(0, index));
}

void QueueFilterBar::setCountText(const QString& text)
{
    m_count->setText(text);
}

void QueueFilterBar::focusText()
{
    m_text->setFocus();
    m_text->selectAll();
}

void QueueFilterBar::updateChoiceTexts()
{
    QStringList statuses;
    for (QAction* a : m_statusMenu->actions()) {
        if (a->isChecked()) {
            statuses << a->text();
        }
    }
    QStringList priorities;
    for (QAction* a : m_priorityMenu->actions()) {
        if (a->isChecked()) {
            priorities << a->data().toString();
        }
    }
    m_status->setText(choiceSummary(tr("Status"), statuses));
    m_priority->setText(choiceSummary(tr("Priority"), priorities));
}

void QueueFilterBar::emitChanged()
{
    if (m_applying) {
        return;
    }
    updateChoiceTexts();
    emit filterChanged(filter());
}

void QueueFilterBar::reloadViews()
{
    const QString current = m_views->currentIndex() > 0 ? m_views->currentText() : QString();
    const QSignalBlocker block(m_views);
    m_views->clear();
    m_views->addItem(tr("Default (all open)"));
    auto views = QueueViews::list(m_context.reader());
    if (!views) {
        m_viewError->setText(tr("Saved views could not be read: %1").arg(views.error().message));
        m_viewError->show();
    } else {
        m_viewError->hide();
        for (const SavedQueueView& v : *views) {
            m_views->addItem(v.name);
        }
    }
    m_views->setCurrentIndex(std::max(0, m_views->findText(current)));
    m_delete->setEnabled(m_views->currentIndex() > 0);
}

bool QueueFilterBar::applyView(const QString& name)
{
    auto f = QueueViews::find(m_context.reader(), name);
    if (!f) {
        m_viewError->setText(tr("View \"%1\" could not be applied: %2").arg(name, f.error().message));
        m_viewError->show();
        return false;
    }
    m_viewError->hide();
    m_views->setCurrentIndex(std::max(0, m_views->findText(name.trimmed(), Qt::MatchFixedString)));
    m_delete->setEnabled(m_views->currentIndex() > 0);
    setFilter(*f);
    return true;
}

bool QueueFilterBar::saveView(const QString& name)
{
    if (auto r = QueueViews::save(m_context.writer(), name, filter()); !r) {
        m_viewError->setText(tr("The view was not saved: %1").arg(r.error().message));
        m_viewError->show();
        return false;
    }
    m_viewError->hide();
    reloadViews();
    m_views->setCurrentIndex(std::max(0, m_views->findText(name.trimmed(), Qt::MatchFixedString)));
    m_delete->setEnabled(m_views->currentIndex() > 0);
    return true;
}

void QueueFilterBar::askAndSaveView()
{
    bool ok = false;
    const QString suggested = m_views->currentIndex() > 0 ? m_views->currentText() : QString();
    const QString name = QInputDialog::getText(this, tr("Save queue view"),
                                               tr("Name for the current filters:"),
                                               QLineEdit::Normal, suggested, &ok);
    if (ok) {
        saveView(name);
    }
}

void QueueFilterBar::deleteView()
{
    if (m_views->currentIndex() <= 0) {
        return;
    }
    const QString name = m_views->currentText();
    if (QMessageBox::question(this, tr("Delete view"), tr("Delete the saved view \"%1\"?").arg(name))
        != QMessageBox::Yes) {
        return;
    }
    if (auto r = QueueViews::remove(m_context.writer(), name); !r) {
        m_viewError->setText(tr("The view was not deleted: %1").arg(r.error().message));
        m_viewError->show();
    }
    m_views->setCurrentIndex(0);
    reloadViews();
}

} // namespace vigil
