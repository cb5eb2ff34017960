#pragma once

#include <QWidget>

class QAction;
class QCheckBox;
class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace vigil {

class AppContext;

/**
 * @brief The incident's timeline tab: its events, alerts and journal actions in one list in
 * time order (CaseTimeline), each kind can be hidden, and annotations shown under the item they
 * annotate. "Annotate…" (Shift+N) attaches a note to the selected item.
 */
class TimelinePanel : public QWidget {
    Q_OBJECT
public:
    explicit TimelinePanel(AppContext& context, QWidget* parent = nullptr);

    void setIncident(qint64 incidentId);
    void reload();
    /** @brief Annotates the item at @p row of the tree (what the dialog does; tests). */
    bool annotate(QTreeWidgetItem* item, const QString& text);
    /** @brief Asks for a note on the selected item. */
    void askAnnotation();

    QTreeWidget* tree() const { return m_tree; }
    QAction* annotateAction() const { return m_annotateAction; }

signals:
    /** @brief An annotation was added (the journal and notes changed). */
    void changed();

private:
    void applyKinds();
    void updateButtons();

    AppContext& m_context;
    qint64 m_id = 0;
    QCheckBox* m_events = nullptr;
    QCheckBox* m_alerts = nullptr;
    QCheckBox* m_actions = nullptr;
    QLabel* m_count = nullptr;
    QLabel* m_error = nullptr;
    QPushButton* m_annotate = nullptr;
    QAction* m_annotateAction = nullptr;
    QTreeWidget* m_tree = nullptr;
};

} // namespace vigil
