#pragma once

#include <optional>

#include <QDialog>
#include <QStringList>

#include "response/playbook_library.h"

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace vigil {

/**
 * @brief Chooses a playbook to attach mid-case: the shipped ones, the user's folder and any
 * other folder opened here, each with its description, what it fits and its tasks per phase.
 * Playbooks that did not load are listed with file:line and the reason.
 */
class AddPlaybookDialog : public QDialog {
    Q_OBJECT
public:
    /** @param attached ids already attached to the incident (shown, not selectable) */
    explicit AddPlaybookDialog(QStringList attached, QWidget* parent = nullptr);

    /** @brief Also lists the playbooks of @p folder. */
    void addFolder(const QString& folder);
    /** @brief Selects playbook @p id (tests, keyboard). */
    void select(const QString& id);
    std::optional<Playbook> chosen() const;
    const PlaybookLibrary& library() const { return m_library; }

private:
    void load();
    void showSelected();
    void chooseFolder();

    QStringList m_attached;
    QStringList m_extraFolders;
    PlaybookLibrary m_library;
    QListWidget* m_list = nullptr;
    QPlainTextEdit* m_details = nullptr;
    QLabel* m_problems = nullptr;
    QPushButton* m_ok = nullptr;
};

} // namespace vigil
