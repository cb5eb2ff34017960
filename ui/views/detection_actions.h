#pragma once

#include <QList>
#include <QObject>

class QAction;

namespace vigil {

class AppContext;
class IncidentsView;

/**
 * @brief The incident-detection actions of the queue: merge the selected incidents, the
 * current incident's alerts (status, split), suppress alerts like the current incident's, the
 * list of suppressions (to end one early) and the grouping of the current incident's rule.
 * Each opens its dialog; the queue refreshes through AppContext::triageChanged.
 */
class DetectionActions : public QObject {
    Q_OBJECT
public:
    DetectionActions(AppContext& context, IncidentsView& view, QObject* parent = nullptr);

    /** @brief For the Triage menu and the queue's context menu. */
    QList<QAction*> actions() const { return m_actions; }

    void mergeSelected();
    void showAlerts();
    void suppress();
    void showSuppressions();
    void editGrouping();

private:
    QAction* make(const QString& text, const QString& tip, void (DetectionActions::*slot)());

    AppContext& m_context;
    IncidentsView& m_view;
    QList<QAction*> m_actions;
};

} // namespace vigil
