#include "app_context.h"

namespace vigil {

AppContext::AppContext(QString dbPath, Database reader, Database writer, QObject* parent)
    : QObject(parent)
    , m_path(std::move(dbPath))
    , m_reader(std::move(reader))
    , m_writer(std::move(writer))
{
    // One job at a time keeps the writer uncontended; a second import queues behind the first.
    m_jobs.setMaxThreadCount(1);
}

AppContext::~AppContext()
{
    m_jobs.clear();
    m_jobs.waitForDone();
}

} // namespace vigil
