#include "main_window.h"

#include <QAction>
#include <QCloseEvent>
#include <QFileDialog>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QCoreApplication>
#include <QProcess>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>

#include "app_context.h"
#include "dialogs/assets_dialog.h"
#include "dialogs/import_dialog.h"
#include "dialogs/job_result_dialog.h"
#include "jobs/jobs.h"
#include "storage/journal.h"
#include "triage/alert_service.h"
#include "triage/incident_queries.h"
#include "views/detection_actions.h"
#include "views/events_view.h"
#include "views/incidents_view.h"
#include "views/queue_actions.h"
#include "views/overview_view.h"
#include "views/rules_view.h"
#include "views/sources_view.h"
#include "widgets/job_progress.h"
#include "widgets/display_format.h"

namespace vigil {

namespace {

constexpr quint64 kDemoSeed = 20261203;

} // namespace

MainWindow::MainWindow(AppContext& context, QWidget* parent)
    : QMainWindow(parent)
    , m_context(context)
    , m_rail(new QListWidget(this))
    , m_stack(new QStackedWidget(this))
    , m_overview(new OverviewView(context, this))
    , m_incidents(new IncidentsView(context, this))
    , m_events(new EventsView(context, this))
    , m_rules(new RulesView(context, this))
    , m_sources(new SourcesView(context, this))
    , m_progress(new JobProgress(this))
    , m_storeLabel(new QLabel(this))
{
    // The platform adds the application name ("— Vigil") itself.
    setWindowTitle(QFileInfo(context.path()).fileName());
    m_stack->addWidget(m_overview);
    m_stack->addWidget(m_incidents);
    m_stack->addWidget(m_events);
    m_stack->addWidget(m_rules);
    m_stack->addWidget(m_sources);

    auto* central = new QWidget(this);
    auto* layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_rail);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);
    buildRail();
    buildMenus();

    m_storeLabel->setTextFormat(Qt::PlainText);
    statusBar()->addWidget(m_storeLabel, 1);
    statusBar()->addPermanentWidget(m_progress);
    updateStoreLabel();

    connect(m_progress, &JobProgress::jobFinished, this, &MainWindow::onJobFinished);
    connect(m_overview, &OverviewView::importRequested, this, &MainWindow::openImportDialog);
    connect(m_overview, &OverviewView::demoRequested, this, &MainWindow::startDemo);
    connect(m_overview, &OverviewView::addRulesRequested, this, &MainWindow::chooseRules);
    connect(m_incidents, &IncidentsView::importRequested, this, &MainWindow::openImportDialog);
    connect(m_incidents, &IncidentsView::demoRequested, this, &MainWindow::startDemo);
    connect(m_rules, &RulesView::addRulesRequested, this, &MainWindow::chooseRules);
    connect(m_rules, &RulesView::runRulesRequested, this, &MainWindow::startRunRules);
    connect(&m_context, &AppContext::eventsChanged, this, &MainWindow::updateStoreLabel);

    resize(1440, 900);
    restoreState();
    showWorkspace(m_overview->isStoreEmpty() ? Overview : Incidents);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildRail()
{
    m_rail->setFixedWidth(150);
    m_rail->setFrameShape(QFrame::NoFrame);
    m_rail->setSpacing(2);
    m_rail->setStyleSheet(QStringLiteral(
        "QListWidget { background: palette(window); border-right: 1px solid palette(midlight); "
        "padding-top: 8px; }"
        "QListWidget::item { padding: 9px 14px; border-radius: 4px; margin: 0 6px; }"
        "QListWidget::item:selected { background: %1; color: white; }")
                              .arg(ui::accentColor().name()));
    const QStringList names{tr("Overview"), tr("Incidents"), tr("Events"), tr("Rules"),
                            tr("Sources")};
    for (int i = 0; i < names.size(); ++i) {
        auto* item = new QListWidgetItem(names[i], m_rail);
        item->setToolTip(tr("%1 (Ctrl+%2)").arg(names[i], QString::number(i + 1)));
        auto* go = new QAction(tr("Go to %1").arg(names[i]), this);
        go->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        connect(go, &QAction::triggered, this, [this, i] {
            showWorkspace(Workspace(i));
            m_stack->currentWidget()->setFocus(); // keyboard work goes on in the workspace
        });
        addAction(go);
        m_goActions << go;
    }
    connect(m_rail, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* import = file->addAction(tr("&Import log files…"), this, &MainWindow::openImportDialog);
    import->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    file->addAction(tr("Load the &demo"), this, &MainWindow::startDemo);
    file->addSeparator();
    file->addAction(tr("&New store…"), this, [this] { openStoreWindow(true); });
    file->addAction(tr("&Open store…"), this, [this] { openStoreWindow(false); });
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* rules = menuBar()->addMenu(tr("&Rules"));
    rules->addAction(tr("Add rule &folder…"), this, [this] { chooseRules(true); });
    rules->addAction(tr("Add rule f&iles…"), this, [this] { chooseRules(false); });
    rules->addAction(tr("&Run enabled rules over stored events"), this, &MainWindow::startRunRules);

    QMenu* triage = menuBar()->addMenu(tr("&Triage"));
    // The queue's keyboard actions, listed with their keys (they act in the Incidents view).
    triage->addActions(m_incidents->actions()->triageActions());
    triage->addSeparator();
    triage->addActions(m_incidents->actions()->navigationActions());
    triage->addSeparator();
    // Incident detection: merge, alerts and split, suppress, grouping (also in the queue's menu).
    auto* detection = new DetectionActions(m_context, *m_incidents, this);
    triage->addActions(detection->actions());
    m_incidents->addContextActions(detection->actions());
    triage->addSeparator();
    triage->addAction(tr("&Assets and identities…"), this, [this] {
        AssetsDialog dialog(m_context, this);
        dialog.exec();
    });

    QMenu* view = menuBar()->addMenu(tr("&View"));
    for (QAction* go : m_goActions) {
        view->addAction(go);
    }
    view->addSeparator();
    QAction* find = view->addAction(tr("&Filter current list"), this, [this] {
        switch (currentWorkspace()) {
        case Incidents:
            m_incidents->focusFilter();
            break;
        case Events:
            m_events->focusFilter();
            break;
        case Rules:
            m_rules->focusFilter();
            break;
        default:
            break;
        }
    });
    find->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_incidents->actions()->helpAction());
    m_incidents->actions()->addHelpSection(tr("Events"), {m_events->addToIncidentAction()});
    m_incidents->actions()->addHelpSection(tr("Workspaces"), m_goActions);
    help->addAction(tr("&Verify journal"), this, [this] {
        if (verifyJournal()) {
            QMessageBox::information(this, tr("Journal verified"),
                                     tr("The journal's hash chain is intact and every incident "
                                        "matches its history."));
        }
    });
    help->addAction(tr("&About Vigil"), this, [this] {
        QMessageBox::about(this, tr("About Vigil"),
                           tr("Vigil %1 — security incident and event management on your "
                              "workstation.\n\nStore: %2")
                               .arg(QStringLiteral(VIGIL_VERSION), m_context.path()));
    });
}

void MainWindow::showWorkspace(Workspace w)
{
    m_rail->setCurrentRow(int(w));
}

MainWindow::Workspace MainWindow::currentWorkspace() const
{
    return Workspace(m_stack->currentIndex());
}

bool MainWindow::ensureIdle()
{
    if (!m_progress->isBusy()) {
        return true;
    }
    QMessageBox::information(this, tr("Busy"),
                             tr("Another job is still running. Wait for it or stop it first."));
    return false;
}

void MainWindow::openImportDialog()
{
    if (!ensureIdle()) {
        return;
    }
    ImportDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted) {
        startImport(dialog.paths(), dialog.options());
    }
}

bool MainWindow::startImport(const QStringList& paths, const IngestOptions& options)
{
    if (m_progress->isBusy()) {
        return false;
    }
    std::vector<PathNote> notes;
    const QStringList files = expandPaths(paths, &notes);
    if (!notes.empty()) {
        QStringList lines;
        for (const PathNote& n : notes) {
            lines << n.path + QStringLiteral(": ") + n.reason;
        }
        QMessageBox box(QMessageBox::Warning, tr("Some paths are left out"),
                        tr("%n path(s) cannot be read or are left out on purpose; the other files "
                           "are imported.", nullptr, int(notes.size())),
                        QMessageBox::Ok, this);
        box.setTextFormat(Qt::PlainText);
        box.setDetailedText(lines.join(u'\n'));
        box.exec();
    }
    if (files.isEmpty()) {
        return false;
    }
    return m_progress->track(Jobs::importFiles(m_context.jobs(), m_context.path(), files, options),
                             tr("Importing %n file(s)", nullptr, int(files.size())));
}

bool MainWindow::startDemo()
{
    if (!ensureIdle()) {
        return false;
    }
    return m_progress->track(Jobs::loadDemo(m_context.jobs(), m_context.path(), kDemoSeed),
                             tr("Loading the demo"));
}

void MainWindow::chooseRules(bool folder)
{
    if (!ensureIdle()) {
        return;
    }
    QStringList paths;
    if (folder) {
        const QString dir = QFileDialog::getExistingDirectory(
            this, tr("Choose a folder of Sigma rules (for example a SigmaHQ checkout)"));
        if (!dir.isEmpty()) {
            paths << dir;
        }
    } else {
        paths = QFileDialog::getOpenFileNames(this, tr("Choose Sigma rule files"), QString(),
                                              tr("Sigma rules (*.yml *.yaml);;All files (*)"));
    }
    if (!paths.isEmpty()) {
        startAddRules(paths);
    }
}

bool MainWindow::startAddRules(const QStringList& paths)
{
    if (m_progress->isBusy()) {
        return false;
    }
    return m_progress->track(Jobs::addRules(m_context.jobs(), m_context.path(), paths),
                             tr("Adding rules"));
}

bool MainWindow::startRunRules()
{
    if (!ensureIdle()) {
        return false;
    }
    return m_progress->track(Jobs::huntStore(m_context.jobs(), m_context.path()),
                             tr("Running rules over stored events"));
}

void MainWindow::onJobFinished(const QString& title, const JobOutcome& outcome)
{
    m_context.notifyEventsChanged();
    if (outcome.error) {
        statusBar()->showMessage(tr("%1 failed").arg(title), 10000);
        if (m_showJobDialogs) {
            QMessageBox::warning(this, tr("%1 failed").arg(title), outcome.error->toString());
        }
        emit jobDone(title, outcome);
        return;
    }
    const IngestSummary& s = outcome.ingest;
    if (!s.files.empty()) {
        statusBar()->showMessage(tr("Finished (%1): %2 events stored, %3 rejected, %4 incidents opened")
                                     .arg(title, ui::numberText(s.stored), ui::numberText(s.rejected),
                                          ui::numberText(s.triage.incidentsOpened)),
                                 15000);
        if (m_showJobDialogs) {
            auto* dialog = new JobResultDialog(title, outcome, this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            connect(dialog, &JobResultDialog::showIncidentsRequested, this,
                    [this] { showWorkspace(Incidents); });
            dialog->open();
        }
        if (s.triage.incidentsOpened > 0 && !m_showJobDialogs) {
            showWorkspace(Incidents);
        }
    } else if (outcome.hunt.scanned > 0 || outcome.hunt.cancelled) {
        const StoreHuntSummary& h = outcome.hunt;
        statusBar()->showMessage(
            tr("Rules ran over %1 events: %2 new alerts, %3 incidents opened%4")
                .arg(ui::numberText(h.scanned), ui::numberText(h.triage.alertsNew),
                     ui::numberText(h.triage.incidentsOpened),
                     h.cancelled ? tr(" (stopped)") : QString()),
            15000);
    } else {
        statusBar()->showMessage(tr("%1: %2 rules added, %3 could not be loaded (see Rules → Load problems)")
                                     .arg(title, ui::numberText(outcome.rulesLoaded),
                                          ui::numberText(outcome.ruleIssues)),
                                 15000);
    }
    emit jobDone(title, outcome);
}

bool MainWindow::verifyJournal()
{
    auto check = Journal::verify(m_context.reader());
    QStringList problems;
    if (!check) {
        problems << check.error().toString();
    } else if (!check->ok()) {
        problems << (check->firstBrokenSeq != 0
                         ? tr("Journal entry %1: %2").arg(QString::number(check->firstBrokenSeq), check->problem)
                         : check->problem);
    }
    if (auto incidents = IncidentQueries::list(m_context.reader())) {
        for (const IncidentRecord& r : *incidents) {
            auto disagreements = IncidentQueries::journalDisagreements(m_context.reader(), r.id);
            if (disagreements && !disagreements->isEmpty()) {
                problems << tr("Incident %1: %2").arg(QString::number(r.id),
                                                      disagreements->join(QStringLiteral("; ")));
            }
        }
    }
    if (auto alerts = AlertQueries::journalDisagreements(m_context.reader())) {
        problems << *alerts; // alert statuses edited outside Vigil
    }
    if (problems.isEmpty()) {
        statusBar()->showMessage(tr("Journal verified: nothing was altered outside Vigil"), 8000);
        return true;
    }
    QMessageBox box(QMessageBox::Warning, tr("The journal does not match"),
                    tr("This store was changed outside Vigil. The audit trail no longer proves "
                       "what happened; keep a copy of the file as it is for investigation."),
                    QMessageBox::Ok, this);
    box.setTextFormat(Qt::PlainText);
    box.setDetailedText(problems.join(u'\n'));
    if (m_showJobDialogs) {
        box.exec();
    }
    statusBar()->showMessage(tr("Journal check failed: %n problem(s); see Help → Verify journal", nullptr,
                                int(problems.size())));
    return false;
}

void MainWindow::openStoreWindow(bool create)
{
    const QString path =
        create ? QFileDialog::getSaveFileName(this, tr("New store"), QString(),
                                              tr("Vigil stores (*.sqlite);;All files (*)"))
               : QFileDialog::getOpenFileName(this, tr("Open store"), QString(),
                                              tr("Vigil stores (*.sqlite);;All files (*)"));
    if (path.isEmpty()) {
        return;
    }
    // Each store gets its own window (and process): cases stay apart.
    if (!QProcess::startDetached(QCoreApplication::applicationFilePath(),
                                 {QStringLiteral("--db"), path})) {
        QMessageBox::warning(this, tr("Store not opened"),
                             tr("Vigil could not start a window for %1.").arg(path));
    }
}

void MainWindow::updateStoreLabel()
{
    const QFileInfo info(m_context.path());
    const qint64 bytes = info.size() + QFileInfo(m_context.path() + QStringLiteral("-wal")).size();
    m_storeLabel->setText(tr("Store: %1 (%2 MB)")
                              .arg(QDir::toNativeSeparators(m_context.path()),
                                   QString::number(double(bytes) / (1024.0 * 1024.0), 'f', 1)));
}

void MainWindow::saveState()
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("incidents/splitter"), m_incidents->splitter()->saveState());
}

void MainWindow::restoreState()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    m_incidents->splitter()->restoreState(settings.value(QStringLiteral("incidents/splitter")).toByteArray());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_progress->isBusy()) {
        const auto answer = QMessageBox::question(
            this, tr("Stop the running job?"),
            tr("A job is still running. Stop it and quit? Everything it stored so far is kept."));
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        m_progress->cancelAndWait();
    }
    saveState();
    event->accept();
}

} // namespace vigil
