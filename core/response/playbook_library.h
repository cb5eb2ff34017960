#pragma once

#include <vector>

#include <QString>
#include <QStringList>

#include "response/playbook.h"
#include "util/result.h"

namespace vigil {

/**
 * @brief The playbooks Vigil can attach: the shipped ones (resources/playbooks, built into the
 * binary as ":/playbooks"), then the user's own folder, then any folders added.
 *
 * Loading never stops at a broken playbook: each problem is kept as an Error naming the file,
 * the 1-based line and column and the reason, and every other playbook still loads. A playbook
 * whose id an earlier folder already used replaces that one (so a user can adapt a shipped
 * playbook by copying it into their folder); the replacement is listed in notes().
 *
 * A value type; loading reads files on the calling thread.
 */
class PlaybookLibrary {
public:
    /** @brief ":/playbooks": the playbooks shipped with Vigil. */
    static QString builtInFolder();
    /**
     * @brief The user's playbook folder: "playbooks" in the settings folder
     * ($VIGIL_CONFIG_DIR, or the user's config folder + "/vigil"). Read when it exists.
     */
    static QString userFolder();

    /** @brief The shipped playbooks, the user's folder (if present) and @p extraFolders. */
    static PlaybookLibrary loadStandard(const QStringList& extraFolders = {});

    /** @brief Reads one playbook; the error names file, line, column and reason. */
    static Result<Playbook> parse(const QString& text, const QString& file);

    /** @brief Adds every *.yml / *.yaml file of @p folder (a missing folder is an issue). */
    void addFolder(const QString& folder);
    /** @brief Adds one playbook text as if read from @p file (tests, the UI). */
    void addText(const QString& text, const QString& file);

    const std::vector<Playbook>& playbooks() const { return m_playbooks; }
    const std::vector<Error>& issues() const { return m_issues; }
    const QStringList& notes() const { return m_notes; }
    const QStringList& folders() const { return m_folders; }
    /** @brief The playbook with @p id, or nullptr. */
    const Playbook* find(const QString& id) const;

private:
    void add(Playbook playbook, const QString& folder);

    std::vector<Playbook> m_playbooks;
    std::vector<QString> m_origins; ///< the folder each playbook came from
    std::vector<Error> m_issues;
    QStringList m_notes;
    QStringList m_folders;
};

} // namespace vigil
