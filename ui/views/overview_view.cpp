#include "views/overview_view.h"

#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include "app_context.h"
#include "dialogs/quarantine_dialog.h"
#include "storage/database.h"
#include "triage/metrics.h"
#include "util/timestamp.h"
#include "widgets/empty_state.h"
#include "widgets/display_format.h"

namespace vigil {

namespace {

qint64 scalar(Database& db, QStringView sql)
{
    auto s = db.prepare(sql);
    if (!s) {
        return 0;
    }
    auto row = s->step();
    return row && *row ? s->int64(0) : 0;
}

} // namespace

OverviewView::OverviewView(AppContext& context, QWidget* parent)
    : QWidget(parent)
    , m_context(context)
    , m_stack(new QStackedWidget(this))
    , m_imports(new QTableWidget(this))
{
    auto* welcome = new EmptyState(
        tr("Welcome to Vigil"),
        tr("Vigil collects your logs, finds what matters with Sigma rules and helps you work each "
           "incident through to closure. Start by importing log files (syslog, JSON lines, "
           "text), or load the demo: generated Windows, Linux and firewall events with one "
           "intrusion story, detected by Vigil's starter rules."),
        this);
    connect(welcome->addAction(tr("Import log files…")), &QPushButton::clicked, this,
            &OverviewView::importRequested);
    connect(welcome->addAction(tr("Load the demo")), &QPushButton::clicked, this,
            &OverviewView::demoRequested);
    connect(welcome->addAction(tr("Add Sigma rules…")), &QPushButton::clicked, this,
            [this] { emit addRulesRequested(true); });

    auto* page = new QWidget(this);
    auto* grid = new QGridLayout;
    m_events = addCard(grid, 0, tr("Events stored"));
    m_open = addCard(grid, 1, tr("Open incidents"));
    m_alerts = addCard(grid, 2, tr("Alerts"));
    m_rules = addCard(grid, 3, tr("Rules enabled"));
    m_bySeverity = new QLabel(this);
    m_bySeverity->setTextFormat(Qt::PlainText);
    m_quarantine = new QPushButton(this);
    m_quarantine->setToolTip(tr("Records that could not be parsed, with where and why"));
    connect(m_quarantine, &QPushButton::clicked, this, [this] {
        QuarantineDialog dialog(m_context.reader(), this);
        dialog.exec();
    });
    m_metrics = new QLabel(this);
    m_metrics->setTextFormat(Qt::PlainText);
    m_metrics->setWordWrap(true);
    m_metrics->setToolTip(tr("From the journal's effective times; reopened spans are left out. "
                             "vigil-cli metrics gives means, medians, 90th percentiles and outliers."));
    auto* recent = new QLabel(tr("Recent imports"), this);
    QFont bold = recent->font();
    bold.setBold(true);
    recent->setFont(bold);
    m_imports->setColumnCount(8);
    m_imports->setHorizontalHeaderLabels({tr("Started (UTC)"), tr("Source"), tr("Format"),
                                          tr("Read"), tr("Stored"), tr("Rejected"), tr("Status"),
                                          tr("Problem")});
    m_imports->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_imports->verticalHeader()->hide();
    m_imports->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_imports->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_imports->setWordWrap(false);
    m_imports->setAlternatingRowColors(true);
    auto* pageLayout = new QVBoxLayout(page);
    pageLayout->addLayout(grid);
    auto* severityRow = new QHBoxLayout;
    severityRow->addWidget(m_bySeverity, 1);
    severityRow->addWidget(m_quarantine);
    pageLayout->addLayout(severityRow);
    pageLayout->addWidget(m_metrics);
    pageLayout->addSpacing(12);
    pageLayout->addWidget(recent);
    pageLayout->addWidget(m_imports, 1);

    m_stack->addWidget(welcome);
    m_stack->addWidget(page);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_stack);
    connect(&m_context, &AppContext::eventsChanged, this, &OverviewView::refresh);
    connect(&m_context, &AppContext::triageChanged, this, &OverviewView::refresh);
    connect(&m_context, &AppContext::rulesChanged, this, &OverviewView::refresh);
    refresh();
}

QLabel* OverviewView::addCard(QGridLayout* grid, int column, const QString& caption)
{
    auto* frame = new QFrame(this);
    frame->setFrameShape(QFrame::StyledPanel);
    auto* value = new QLabel(frame);
    QFont big = value->font();
    big.setPointSizeF(big.pointSizeF() * 2.0);
    big.setBold(true);
    value->setFont(big);
    auto* label = new QLabel(caption, frame);
    label->setStyleSheet(QStringLiteral("color: palette(mid);"));
    auto* l = new QVBoxLayout(frame);
    l->addWidget(value);
    l->addWidget(label);
    grid->addWidget(frame, 0, column);
    return value;
}

void OverviewView::refresh()
{
    Database& db = m_context.reader();
    const qint64 events = scalar(db, u"SELECT count(*) FROM events");
    const qint64 incidents = scalar(db, u"SELECT count(*) FROM incidents");
    const qint64 rejects = scalar(db, u"SELECT count(*) FROM rejects");
    m_empty = events == 0 && incidents == 0 && rejects == 0;
    m_stack->setCurrentIndex(m_empty ? 0 : 1);
    if (m_empty) {
        return;
    }
    m_events->setText(ui::numberText(events));
    m_open->setText(ui::numberText(
        scalar(db, u"SELECT count(*) FROM incidents WHERE status NOT IN ('resolved','closed')")));
    m_alerts->setText(ui::numberText(scalar(db, u"SELECT count(*) FROM alerts")));
    m_rules->setText(ui::numberText(scalar(db, u"SELECT count(*) FROM rules WHERE enabled = 1")));
    QStringList parts;
    for (int level = 4; level >= 0; --level) {
        const QString sql = QStringLiteral("SELECT count(*) FROM incidents WHERE severity = %1 AND "
                                           "status NOT IN ('resolved','closed')")
                                .arg(level);
        parts << QStringLiteral("%1 %2").arg(ui::numberText(scalar(db, sql)), ui::severityText(level));
    }
    m_bySeverity->setText(tr("Open incidents by severity: %1").arg(parts.join(QStringLiteral(" · "))));
    m_quarantine->setText(tr("Quarantine: %1 records…").arg(ui::numberText(rejects)));
    if (auto metrics = Metrics::compute(db)) {
        auto median = [](const DurationStats& s) {
            return s.count == 0 ? tr("—") : ui::durationText(qint64(s.median * 1e9));
        };
        m_metrics->setText(tr("Response (median): acknowledge %1 · contain %2 · resolve %3 · "
                              "%4 closed, %5 true positives")
                               .arg(median(metrics->mtta), median(metrics->mttc),
                                    median(metrics->mttrResolve), ui::numberText(metrics->closed),
                                    ui::numberText(metrics->truePositives)));
    }
    auto s = db.prepare(u"SELECT started_ns, source, format, records_read, events_stored, rejected, "
                        u"status, coalesce(message, '') FROM import_runs ORDER BY id DESC LIMIT 50");
    m_imports->setRowCount(0);
    if (!s) {
        return;
    }
    int row = 0;
    while (true) {
        auto r = s->step();
        if (!r || !*r) {
            break;
        }
        m_imports->insertRow(row);
        const QStringList cells{formatUtc(s->int64(0), 0), s->text(1), s->text(2),
                                ui::numberText(s->int64(3)), ui::numberText(s->int64(4)),
                                ui::numberText(s->int64(5)), s->text(6), s->text(7)};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            if (c >= 3 && c <= 5) {
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            }
            if (c == 6 && cells[c] == u"failed") {
                item->setForeground(ui::severityColor(4));
            }
            m_imports->setItem(row, c, item);
        }
        ++row;
    }
    m_imports->resizeColumnToContents(0);
}

} // namespace vigil
