#include "views/rules_view.h"

#include <map>

#include <QColor>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "app_context.h"
#include "storage/database.h"
#include "storage/rule_library.h"
#include "triage/incident_status.h"
#include "widgets/display_format.h"

using namespace Qt::StringLiterals;

namespace vigil {

namespace {

enum Column { Enabled, Title, Level, Status, Alerts, Note, Source, ColumnCount };
enum Role { UidRole = Qt::UserRole + 1, YamlRole, SortRole };

QString displayPath(const QString& path) {
    if (path.startsWith(u":/rules/")) {
        return RulesView::tr("Vigil starter rules");
    }
    return path.section(u'/', 0, -2);
}

std::map<QString, qint64> alertCounts(Database& db) {
    std::map<QString, qint64> counts;
    auto s = db.prepare(u"SELECT rule_uid, count(*) FROM alerts GROUP BY rule_uid");
    if (!s) {
        return counts;
    }
    while (true) {
        auto row = s->step();
        if (!row || !*row) {
            break;
        }
        counts[s->text(0)] = s->int64(1);
    }
    return counts;
}

// Sorts group headers by their stated order and rules by level (highest first), then title.
class RuleItem : public QTreeWidgetItem {
public:
    using QTreeWidgetItem::QTreeWidgetItem;
    bool operator<(const QTreeWidgetItem& other) const override {
        const int column = treeWidget() ? treeWidget()->sortColumn() : Title;
        const QVariant a = data(column, SortRole);
        const QVariant b = other.data(column, SortRole);
        if (a.isValid() && b.isValid()) {
            return QVariant::compare(a, b) < 0;
        }
        return QTreeWidgetItem::operator<(other);
    }
};

} // namespace

RulesView::RulesView(AppContext& context, QWidget* parent)
    : QWidget(parent)
    , m_context(context)
    , m_filter(new QLineEdit(this))
    , m_grouping(new QComboBox(this))
    , m_count(new QLabel(this))
    , m_tree(new QTreeWidget(this))
    , m_tabs(new QTabWidget(this))
    , m_text(new QPlainTextEdit(this))
    , m_issues(new QTableWidget(this)) {
    auto* add = new QPushButton(tr("Add rules…"), this);
    auto* run = new QPushButton(tr("Run enabled rules over stored events"), this);
    add->setToolTip(tr("Load Sigma rule files or a folder (for example a SigmaHQ checkout) into "
                       "this database's rule library"));
    run->setToolTip(tr("Detect with the enabled rules over every stored event; existing alerts "
                       "are not duplicated"));
    auto* addMenu = new QMenu(add);
    connect(addMenu->addAction(tr("Rule folder…")), &QAction::triggered, this,
            [this] { emit addRulesRequested(true); });
    connect(addMenu->addAction(tr("Rule files…")), &QAction::triggered, this,
            [this] { emit addRulesRequested(false); });
    add->setMenu(addMenu);
    m_filter->setPlaceholderText(
        tr("Filter rules by title, level, technique, log source… (press / to focus)"));
    m_filter->setClearButtonEnabled(true);
    m_grouping->addItem(tr("Group by ATT&CK tactic"));
    m_grouping->addItem(tr("Group by log source"));
    m_grouping->addItem(tr("Group by folder"));
    m_count->setTextFormat(Qt::PlainText);
    auto* bar = new QHBoxLayout;
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_grouping);
    bar->addSpacing(12);
    bar->addWidget(m_count);
    bar->addSpacing(12);
    bar->addWidget(add);
    bar->addWidget(run);

    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels({tr("On"), tr("Title"), tr("Level"), tr("Status"), tr("Alerts"),
                             tr("Note"), tr("Log source")});
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSortingEnabled(true);
    m_tree->sortByColumn(Level, Qt::DescendingOrder);
    m_tree->header()->setSectionResizeMode(Title, QHeaderView::Stretch);
    m_tree->header()->setStretchLastSection(false);
    m_tree->setColumnWidth(Enabled, 70);
    m_tree->setColumnWidth(Level, 110);
    m_tree->setColumnWidth(Status, 100);
    m_tree->setColumnWidth(Alerts, 70);
    m_tree->setColumnWidth(Note, 180);
    m_tree->setColumnWidth(Source, 230);

    m_text->setReadOnly(true);
    QFont mono(QStringLiteral("Monospace"));
    mono.setStyleHint(QFont::TypeWriter);
    m_text->setFont(mono);
    m_text->setPlaceholderText(tr("Select a rule to see its Sigma text."));
    m_issues->setColumnCount(2);
    m_issues->setHorizontalHeaderLabels({tr("Where"), tr("Why the rule cannot be used")});
    m_issues->horizontalHeader()->setStretchLastSection(true);
    m_issues->verticalHeader()->hide();
    m_issues->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_issues->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_issues->setWordWrap(false);
    m_tabs->addTab(m_text, tr("Rule"));
    m_tabs->addTab(m_issues, tr("Load problems"));

    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_tree);
    split->addWidget(m_tabs);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(split, 1);

    connect(run, &QPushButton::clicked, this, &RulesView::runRulesRequested);
    connect(m_filter, &QLineEdit::textChanged, this, &RulesView::applyFilter);
    connect(m_grouping, &QComboBox::currentIndexChanged, this, &RulesView::refresh);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, &RulesView::showSelected);
    connect(m_tree, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem* changed, int column) {
        if (!m_filling && column == Enabled) {
            toggleEnabled(changed);
        }
    });
    connect(&m_context, &AppContext::rulesChanged, this, &RulesView::refresh);
    refresh();
}

void RulesView::setGrouping(Grouping grouping) {
    m_grouping->setCurrentIndex(int(grouping));
}

QStringList RulesView::groupsOf(const QString& uid, const QString& yaml, const QString& path) {
    const QString key = uid + u'#' + QString::number(yaml.size());
    auto it = m_outlines.constFind(key);
    if (it == m_outlines.cend()) {
        it = m_outlines.insert(key, outlineOf(yaml));
    }
    switch (Grouping(m_grouping->currentIndex())) {
    case Grouping::Tactic: {
        QStringList names;
        for (const QString& t : it->tactics) {
            names << QString::number(attackTactics().indexOf(t)).rightJustified(2, u'0') + u' ' +
                         tacticName(t);
        }
        return names.isEmpty() ? QStringList{u"99 "_s + tr("No ATT&CK tactic")} : names;
    }
    case Grouping::LogSource:
        return {it->logSource()};
    case Grouping::File:
        return {displayPath(path)};
    }
    return {};
}

void RulesView::refresh() {
    auto rules = RuleLibrary::list(m_context.reader());
    auto issues = RuleLibrary::issues(m_context.reader());
    const auto counts = alertCounts(m_context.reader());
    m_filling = true;
    m_tree->setSortingEnabled(false);
    m_tree->clear();
    QHash<QString, QTreeWidgetItem*> groups;
    int enabled = 0;
    int inert = 0;
    m_ruleCount = rules ? int(rules->size()) : 0;
    for (const RuleRecord& r : rules ? *rules : std::vector<RuleRecord>{}) {
        enabled += r.enabled ? 1 : 0;
        inert += r.canMatch ? 0 : 1;
        const auto found = counts.find(r.uid);
        const qint64 alerts = found == counts.end() ? 0 : found->second;
        const int level = severityFromCode(r.level);
        const QStringList ruleGroups = groupsOf(r.uid, r.yaml, r.path); // parses the outline once
        const RuleOutline outline = m_outlines.value(r.uid + u'#' + QString::number(r.yaml.size()));
        for (const QString& group : ruleGroups) {
            QTreeWidgetItem*& parent = groups[group];
            if (!parent) {
                parent = new RuleItem(m_tree);
                parent->setText(Title, group.mid(group.indexOf(u' ') + 1));
                parent->setData(Title, SortRole, group);
                parent->setData(Level, SortRole, group);
                parent->setFirstColumnSpanned(false);
                QFont bold = parent->font(Title);
                bold.setBold(true);
                parent->setFont(Title, bold);
                parent->setFlags(Qt::ItemIsEnabled);
            }
            auto* item = new RuleItem(parent);
            item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
            item->setCheckState(Enabled, r.enabled ? Qt::Checked : Qt::Unchecked);
            item->setData(Enabled, UidRole, r.uid);
            item->setData(Enabled, YamlRole, r.yaml);
            item->setText(Title, r.title);
            item->setData(Title, SortRole, r.title.toLower());
            item->setText(Level, ui::severityText(level));
            item->setData(Level, SortRole, level * 1000000 + int(std::min<qint64>(alerts, 999999)));
            item->setForeground(Level, ui::severityColor(level));
            item->setText(Status, r.status);
            item->setText(Alerts, ui::numberText(alerts));
            item->setData(Alerts, SortRole, alerts);
            item->setTextAlignment(Alerts, Qt::AlignRight | Qt::AlignVCenter);
            item->setText(Note, r.canMatch ? (r.notes.isEmpty() ? QString() : tr("see remarks"))
                                           : tr("log source not collected"));
            item->setText(Source, outline.logSource());
            QString tip = outline.techniques.join(QStringLiteral(", "));
            if (!r.notes.isEmpty()) {
                tip += (tip.isEmpty() ? QString() : u"\n\n"_s) + r.notes;
            }
            if (!tip.isEmpty()) {
                // Tooltips render HTML; rule text is not trusted.
                item->setToolTip(Title, u"<p style='white-space:pre-wrap'>"_s +
                                            tip.toHtmlEscaped() + u"</p>"_s);
                item->setToolTip(Note, item->toolTip(Title));
            }
            if (!r.canMatch) {
                for (int c = Title; c < ColumnCount; ++c) {
                    if (c != Level) {
                        item->setForeground(c, QColor(0x80, 0x80, 0x80));
                    }
                }
            }
        }
    }
    for (QTreeWidgetItem* g : std::as_const(groups)) {
        g->setText(Alerts, QString());
        g->setText(Title, g->text(Title) + QStringLiteral("  (%1)").arg(g->childCount()));
    }
    m_tree->setSortingEnabled(true);
    m_tree->sortByColumn(Title, Qt::AscendingOrder);
    m_tree->expandAll();
    m_issues->setRowCount(0);
    if (issues) {
        m_issues->setRowCount(int(issues->size()));
        for (int i = 0; i < int(issues->size()); ++i) {
            const RuleIssueRecord& issue = (*issues)[size_t(i)];
            m_issues->setItem(i, 0,
                              new QTableWidgetItem(QStringLiteral("%1:%2:%3")
                                                       .arg(issue.file, QString::number(issue.line),
                                                            QString::number(issue.column))));
            m_issues->setItem(
                i, 1,
                new QTableWidgetItem((issue.unsupported ? tr("unsupported: ") : QString()) +
                                     issue.message));
        }
        m_issues->resizeColumnToContents(0);
    }
    m_filling = false;
    const qint64 problems = issues ? qint64(issues->size()) : 0;
    m_tabs->setTabText(1, tr("Load problems (%1)").arg(ui::numberText(problems)));
    m_count->setText(tr("%1 rules · %2 enabled · %3 cannot match (log source not collected) · "
                        "%4 load problems")
                         .arg(ui::numberText(m_ruleCount), ui::numberText(enabled),
                              ui::numberText(inert), ui::numberText(problems)));
    applyFilter();
}

void RulesView::focusFilter() {
    m_filter->setFocus();
    m_filter->selectAll();
}

void RulesView::applyFilter() {
    const QString text = m_filter->text().trimmed();
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem* group = m_tree->topLevelItem(g);
        int shown = 0;
        for (int r = 0; r < group->childCount(); ++r) {
            QTreeWidgetItem* item = group->child(r);
            bool match = text.isEmpty();
            for (int c = Title; c < ColumnCount && !match; ++c) {
                match = item->text(c).contains(text, Qt::CaseInsensitive);
            }
            match = match || item->toolTip(Title).contains(text, Qt::CaseInsensitive);
            item->setHidden(!match);
            shown += match ? 1 : 0;
        }
        group->setHidden(shown == 0);
    }
}

void RulesView::showSelected() {
    QTreeWidgetItem* item = m_tree->currentItem();
    const QString yaml = item ? item->data(Enabled, YamlRole).toString() : QString();
    m_text->setPlainText(yaml);
    if (!yaml.isEmpty()) {
        m_tabs->setCurrentIndex(0);
    }
}

void RulesView::toggleEnabled(QTreeWidgetItem* item) {
    const QString uid = item->data(Enabled, UidRole).toString();
    if (uid.isEmpty()) {
        return;
    }
    if (auto r = RuleLibrary::setEnabled(m_context.writer(), uid,
                                         item->checkState(Enabled) == Qt::Checked);
        !r) {
        QMessageBox::warning(this, tr("Rule not changed"), r.error().message);
    }
    m_context.notifyRulesChanged();
}

} // namespace vigil
