#pragma once

#include <utility>
#include <vector>

#include <QList>
#include <QObject>
#include <QString>

#include "triage/bulk_triage.h"
#include "triage/incident_service.h"

class QAction;
class QMenu;
class QWidget;

namespace vigil {

class AppContext;
class IncidentsView;

/**
 * @brief The keyboard-first triage actions of the incident queue. Each acts on every selected
 * incident (the current one when none is selected): acknowledge (A), assign to me (M), assign
 * to someone (Shift+M), set status (S: the allowed next states), close with disposition (D),
 * add note (N); plus moving (J/K), opening the detail (Return), back to the queue (Esc) and the
 * shortcut help (F1 or ?). Refused incidents are reported one by one; the others are done.
 *
 * The letter shortcuts only fire while the queue or the detail has focus (not in text fields).
 */
class QueueActions : public QObject {
    Q_OBJECT
public:
    QueueActions(AppContext& context, IncidentsView& view);

    /** @brief The triage actions, for menus (the Triage menu, the queue's context menu). */
    QList<QAction*> triageActions() const;
    QList<QAction*> navigationActions() const;
    QAction* helpAction() const { return m_help; }

    BulkOutcome acknowledgeSelected();
    BulkOutcome assignSelected(const QString& assignee);
    BulkOutcome changeSelected(const StatusChange& change);
    BulkOutcome noteSelected(const QString& text);

    /** @brief Opens the menu of next states at the current row (what S does). */
    void chooseStatus();
    void closeSelected();
    void askAssignee();
    void askNote();
    void showShortcuts();
    /** @brief Lists more actions (other workspaces, panels) in the shortcut help. */
    void addHelpSection(const QString& title, const QList<QAction*>& actions);

private:
    QAction* make(const QString& text, const QKeySequence& key, const QString& tip,
                  void (QueueActions::*slot)());
    BulkOutcome run(const QString& what, const std::function<Result<void>(qint64)>& action);
    QList<QAction*> statusActions(QMenu* menu);

    std::vector<std::pair<QString, QList<QAction*>>> m_extraHelp;
    AppContext& m_context;
    IncidentsView& m_view;
    QAction* m_acknowledge = nullptr;
    QAction* m_assignMe = nullptr;
    QAction* m_assign = nullptr;
    QAction* m_status = nullptr;
    QAction* m_close = nullptr;
    QAction* m_note = nullptr;
    QAction* m_open = nullptr;
    QAction* m_back = nullptr;
    QAction* m_next = nullptr;
    QAction* m_previous = nullptr;
    QAction* m_help = nullptr;
};

} // namespace vigil
