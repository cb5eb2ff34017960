#pragma once

#include <QWidget>

#include "triage/incident_queries.h"
#include "triage/incident_service.h"

class QHBoxLayout;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTableWidget;

namespace vigil {

class AppContext;
class EvidencePanel;
class ObservablesPanel;
class ReportExporter;
class TasksPanel;
class TimelinePanel;

/**
 * @brief One incident: header with severity, status and the allowed next steps as buttons,
 * then tabs for its alerts, events, notes, journal, observables and evidence, and the report
 * export.
 */
class IncidentDetail : public QWidget {
    Q_OBJECT
public:
    explicit IncidentDetail(AppContext& context, QWidget* parent = nullptr);

    /** @brief Shows incident @p id (0 clears the view). */
    void showIncident(qint64 id);
    qint64 incidentId() const { return m_id; }
    /** @brief Reloads the shown incident from the store. */
    void reload();

    /** @brief Applies a status change, asking for closure details when closing. */
    bool requestStatus(IncidentStatus to);
    /** @brief Applies @p change without asking (the close dialog's result, tests). */
    bool applyChange(const StatusChange& change);
    bool addNote(const QString& text);

    ObservablesPanel* observables() const { return m_observables; }
    EvidencePanel* evidence() const { return m_evidence; }
    ReportExporter* reportExporter() const { return m_exporter; }
    TimelinePanel* timeline() const { return m_timeline; }
    TasksPanel* tasks() const { return m_tasks; }

signals:
    /** @brief The incident changed (status, notes): queue and counts need a refresh. */
    void incidentChanged(qint64 id);

private:
    void buildActions(const IncidentRecord& r);
    void fillAlerts();
    void fillEvents();
    void fillNotes();
    void fillJournal();
    void showEventRaw();

    AppContext& m_context;
    qint64 m_id = 0;
    IncidentRecord m_record;
    QLabel* m_title = nullptr;
    QLabel* m_severity = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_facts = nullptr;
    QLabel* m_closure = nullptr;
    QHBoxLayout* m_actions = nullptr;
    QTabWidget* m_tabs = nullptr;
    QTableWidget* m_alerts = nullptr;
    QTableWidget* m_events = nullptr;
    QPlainTextEdit* m_eventRaw = nullptr;
    QPlainTextEdit* m_notes = nullptr;
    QPlainTextEdit* m_newNote = nullptr;
    QPushButton* m_addNote = nullptr;
    QTableWidget* m_journal = nullptr;
    QLabel* m_chain = nullptr;
    QWidget* m_body = nullptr;
    QLabel* m_placeholder = nullptr;
    ObservablesPanel* m_observables = nullptr;
    EvidencePanel* m_evidence = nullptr;
    ReportExporter* m_exporter = nullptr;
    TimelinePanel* m_timeline = nullptr;
    TasksPanel* m_tasks = nullptr;
};

} // namespace vigil
