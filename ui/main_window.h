#pragma once

#include <QMainWindow>

#include "ingest/importer.h"

class QLabel;
class QListWidget;
class QStackedWidget;

namespace vigil {

class AppContext;
class EventsView;
class IncidentsView;
class JobProgress;
struct JobOutcome;
class OverviewView;
class RulesView;
class SourcesView;

/**
 * @brief Assembles the workspaces (navigation rail + stacked views), menus and the status bar,
 * and starts background jobs. Features live in their own view classes.
 */
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    enum Workspace { Overview, Incidents, Events, Rules, Sources, WorkspaceCount };

    explicit MainWindow(AppContext& context, QWidget* parent = nullptr);
    ~MainWindow() override;

    void showWorkspace(Workspace w);
    Workspace currentWorkspace() const;

    /** @brief Starts importing @p paths in the background; false while another job runs. */
    bool startImport(const QStringList& paths, const IngestOptions& options);
    bool startDemo();
    bool startAddRules(const QStringList& paths);
    bool startRunRules();

    OverviewView* overview() const { return m_overview; }
    IncidentsView* incidents() const { return m_incidents; }
    EventsView* events() const { return m_events; }
    RulesView* rules() const { return m_rules; }
    SourcesView* sources() const { return m_sources; }
    JobProgress* jobs() const { return m_progress; }

    /** @brief Whether finished jobs pop up their summary dialog (off in tests). */
    void setShowJobDialogs(bool show) { m_showJobDialogs = show; }

    /**
     * @brief Checks the journal (chain, guards, recorded head) and every incident against it;
     * warns when something was altered outside Vigil. Returns whether all holds.
     */
    bool verifyJournal();

signals:
    /** @brief A background job ended (after the views were refreshed). */
    void jobDone(const QString& title, const vigil::JobOutcome& outcome);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void buildRail();
    void openImportDialog();
    void chooseRules(bool folder);
    void onJobFinished(const QString& title, const JobOutcome& outcome);
    void updateStoreLabel();
    void openStoreWindow(bool create);
    void saveState();
    void restoreState();
    bool ensureIdle();

    AppContext& m_context;
    QListWidget* m_rail = nullptr;
    QStackedWidget* m_stack = nullptr;
    OverviewView* m_overview = nullptr;
    IncidentsView* m_incidents = nullptr;
    EventsView* m_events = nullptr;
    RulesView* m_rules = nullptr;
    SourcesView* m_sources = nullptr;
    JobProgress* m_progress = nullptr;
    QLabel* m_storeLabel = nullptr;
    QList<QAction*> m_goActions;
    bool m_showJobDialogs = true;
};

} // namespace vigil
