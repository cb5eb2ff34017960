// IncidentService's response step: the playbooks that fit a new incident's rule add their tasks.
#include "triage/incident_service.h"

#include <QLoggingCategory>

#include "response/playbook_library.h"
#include "response/task_service.h"

Q_LOGGING_CATEGORY(lcResponse, "vigil.response", QtInfoMsg)

namespace vigil {

Result<void> IncidentService::attachPlaybooks(qint64 incidentId)
{
    if (!m_playbooks) {
        auto standard = std::make_shared<PlaybookLibrary>(PlaybookLibrary::loadStandard());
        // A broken playbook of the user's folder must not stop triage; it is named in the log,
        // in `vigil-cli playbooks` and in the app's "Add playbook" dialog.
        for (const Error& e : standard->issues()) {
            qCWarning(lcResponse, "playbook not loaded: %s", qUtf8Printable(e.toString()));
        }
        m_playbooks = std::move(standard);
    }
    TaskService tasks(m_db, QStringLiteral("vigil"));
    auto attached = tasks.attachMatching(incidentId, *m_playbooks);
    if (!attached) {
        return attached.error();
    }
    return {};
}

} // namespace vigil
