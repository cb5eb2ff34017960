#include "models/event_loader.h"

#include "storage/store.h"

namespace vigil {

Database* EventLoader::database(QString* error)
{
    if (!m_db) {
        auto db = Store::openReader(m_path);
        if (!db) {
            if (error) {
                *error = db.error().toString();
            }
            return nullptr;
        }
        m_db.emplace(std::move(*db));
    }
    return &*m_db;
}

} // namespace vigil
