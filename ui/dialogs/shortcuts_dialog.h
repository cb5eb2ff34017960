#pragma once

#include <QDialog>
#include <QList>

class QAction;

namespace vigil {

/** @brief Lists keyboard shortcuts: each action's text and its keys, grouped by section. */
class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    struct Section {
        QString title;
        QList<QAction*> actions;
        QList<std::pair<QString, QString>> extra; ///< (keys, what) not backed by an action
    };

    ShortcutsDialog(const QList<Section>& sections, QWidget* parent = nullptr);
};

} // namespace vigil
