#include "views/rules_view.h"

#include <map>

#include <QColor>
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
#include <QVBoxLayout>

#include "app_context.h"
#include "storage/database.h"
#include "storage/rule_library.h"
#include "triage/incident_status.h"
#include "widgets/display_format.h"

using namespace Qt::StringLiterals;

namespace vigil {

namespace {

enum Column { Enabled, Title, Level, Status, Alerts, Note, File, ColumnCount };

QString displayPath(const QString& path)
{
    if (path.startsWith(u":/rules/")) {
        return RulesView::tr("Vigil starter rule (%1)").arg(path.mid(8));
    }
    return path;
}

QTableWidgetItem* item(const QString& text)
{
    auto* i = new QTableWidgetItem(text);
    i->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    return i;
}

std::map<QString, qint64> alertCounts(Database& db)
{
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

} // namespace

RulesView::RulesView(AppContext& context, QWidget* parent)
    : QWidget(parent)
    , m_context(context)
    , m_filter(new QLineEdit(this))
    , m_count(new QLabel(this))
    , m_table(new QTableWidget(this))
    , m_tabs(new QTabWidget(this))
    , m_text(new QPlainTextEdit(this))
    , m_issues(new QTableWidget(this))
{
    auto* add = new QPushButton(tr("Add rules…"), this);
    auto* run = new QPushButton(tr("Run enabled rules over stored events"), this);
    add->setToolTip(tr("Load Sigma rule files or a folder (for example a SigmaHQ checkout) into "
                       "this database's rule library"));
    run->setToolTip(tr("Detect with the enabled rules over every stored event; existing alerts "
                       "are not duplicated"));
    m_filter->setPlaceholderText(tr("Filter rules: title, level, file…  ( / )"));
    m_filter->setClearButtonEnabled(true);
    m_count->setTextFormat(Qt::PlainText);
    auto* bar = new QHBoxLayout;
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_count);
    bar->addSpacing(12);
    bar->addWidget(add);
    bar->addWidget(run);

    m_table->setColumnCount(ColumnCount);
    m_table->setHorizontalHeaderLabels(
        {tr("On"), tr("Title"), tr("Level"), tr("Status"), tr("Alerts"), tr("Note"), tr("File")});
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->setSortingEnabled(true);
    m_table->horizontalHeader()->setSectionResizeMode(Title, QHeaderView::Stretch);
    m_table->setColumnWidth(Enabled, 40);
    m_table->setColumnWidth(Level, 110);
    m_table->setColumnWidth(Status, 110);
    m_table->setColumnWidth(Alerts, 80);
    m_table->setColumnWidth(Note, 190);
    m_table->setColumnWidth(File, 300);

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
    m_issues->setWordWrap(false);
    m_tabs->addTab(m_text, tr("Rule"));
    m_tabs->addTab(m_issues, tr("Load problems"));

    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(m_tabs);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(split, 1);

    auto* addMenu = new QMenu(add);
    connect(addMenu->addAction(tr("Rule folder…")), &QAction::triggered, this,
            [this] { emit addRulesRequested(true); });
    connect(addMenu->addAction(tr("Rule files…")), &QAction::triggered, this,
            [this] { emit addRulesRequested(false); });
    add->setMenu(addMenu);
    connect(run, &QPushButton::clicked, this, &RulesView::runRulesRequested);
    connect(m_filter, &QLineEdit::textChanged, this, &RulesView::applyFilter);
    connect(m_table, &QTableWidget::currentCellChanged, this, &RulesView::showSelected);
    connect(m_table, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* changed) {
        if (!m_filling && changed->column() == Enabled) {
            toggleEnabled(changed->row(), changed->checkState() == Qt::Checked);
        }
    });
    connect(&m_context, &AppContext::rulesChanged, this, &RulesView::refresh);
    refresh();
}

void RulesView::refresh()
{
    auto rules = RuleLibrary::list(m_context.reader());
    auto issues = RuleLibrary::issues(m_context.reader());
    const auto counts = alertCounts(m_context.reader());
    m_filling = true;
    m_table->setSortingEnabled(false);
    m_table->setRowCount(0);
    int enabled = 0;
    int inert = 0;
    if (rules) {
        m_table->setRowCount(int(rules->size()));
        for (int i = 0; i < int(rules->size()); ++i) {
            const RuleRecord& r = (*rules)[size_t(i)];
            auto* on = new QTableWidgetItem;
            on->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
            on->setCheckState(r.enabled ? Qt::Checked : Qt::Unchecked);
            on->setData(Qt::UserRole, r.uid);
            on->setData(Qt::UserRole + 1, r.yaml);
            m_table->setItem(i, Enabled, on);
            m_table->setItem(i, Title, item(r.title));
            const int level = severityFromCode(r.level);
            auto* levelItem = item(ui::severityText(level));
            levelItem->setForeground(ui::severityColor(level));
            levelItem->setData(Qt::UserRole, level);
            m_table->setItem(i, Level, levelItem);
            m_table->setItem(i, Status, item(r.status));
            const auto found = counts.find(r.uid);
            auto* alerts = new QTableWidgetItem;
            alerts->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
            alerts->setData(Qt::DisplayRole, found == counts.end() ? 0 : found->second);
            alerts->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(i, Alerts, alerts);
            m_table->setItem(i, File, item(displayPath(r.path)));
            auto* note = item(r.canMatch ? (r.notes.isEmpty() ? QString() : tr("see remarks"))
                                         : tr("log source not collected"));
            if (!r.notes.isEmpty()) {
                // Tooltips render HTML; rule text is not trusted.
                note->setToolTip(u"<p style='white-space:pre-wrap'>"_s + r.notes.toHtmlEscaped()
                                 + u"</p>"_s);
            }
            m_table->setItem(i, Note, note);
            if (!r.canMatch) {
                inert += 1;
                for (int c = Title; c < ColumnCount; ++c) {
                    if (c != Level) {
                        m_table->item(i, c)->setForeground(QColor(0x80, 0x80, 0x80));
                    }
                }
            }
            enabled += r.enabled ? 1 : 0;
        }
    }
    m_table->setSortingEnabled(true);
    m_issues->setRowCount(0);
    if (issues) {
        m_issues->setRowCount(int(issues->size()));
        for (int i = 0; i < int(issues->size()); ++i) {
            const RuleIssueRecord& issue = (*issues)[size_t(i)];
            m_issues->setItem(i, 0, item(QStringLiteral("%1:%2:%3").arg(issue.file, QString::number(issue.line), QString::number(issue.column))));
            m_issues->setItem(i, 1, item((issue.unsupported ? tr("unsupported: ") : QString()) + issue.message));
        }
        m_issues->resizeColumnToContents(0);
    }
    m_filling = false;
    const qint64 problems = issues ? qint64(issues->size()) : 0;
    m_tabs->setTabText(1, tr("Load problems (%1)").arg(ui::numberText(problems)));
    m_count->setText(tr("%1 rules · %2 enabled · %3 cannot match (log source not collected) · "
                        "%4 load problems")
                         .arg(ui::numberText(m_table->rowCount()), ui::numberText(enabled),
                              ui::numberText(inert), ui::numberText(problems)));
    applyFilter();
}

void RulesView::focusFilter()
{
    m_filter->setFocus();
    m_filter->selectAll();
}

void RulesView::applyFilter()
{
    const QString text = m_filter->text().trimmed();
    for (int r = 0; r < m_table->rowCount(); ++r) {
        bool match = text.isEmpty();
        for (int c = Title; c < ColumnCount && !match; ++c) {
            match = m_table->item(r, c) && m_table->item(r, c)->text().contains(text, Qt::CaseInsensitive);
        }
        m_table->setRowHidden(r, !match);
    }
}

void RulesView::showSelected()
{
    const int row = m_table->currentRow();
    QTableWidgetItem* on = row >= 0 ? m_table->item(row, Enabled) : nullptr;
    m_text->setPlainText(on ? on->data(Qt::UserRole + 1).toString() : QString());
    if (on) {
        m_tabs->setCurrentIndex(0);
    }
}

void RulesView::toggleEnabled(int row, bool enabled)
{
    const QString uid = m_table->item(row, Enabled)->data(Qt::UserRole).toString();
    if (auto r = RuleLibrary::setEnabled(m_context.writer(), uid, enabled); !r) {
        QMessageBox::warning(this, tr("Rule not changed"), r.error().message);
    }
    m_context.notifyRulesChanged();
}

} // namespace vigil
