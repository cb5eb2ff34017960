#pragma once

#include <memory>

#include <QObject>
#include <QString>
#include <QThreadPool>

#include "storage/database.h"

namespace vigil {

/**
 * @brief What every workspace shares: the store's path, the GUI thread's reader and writer
 * connections, and the pool that runs background jobs.
 *
 * Created in app/ and passed to widgets through their constructors (no globals). Lives on the GUI
 * thread; background jobs open their own connections from path().
 */
class AppContext : public QObject {
    Q_OBJECT
public:
    AppContext(QString dbPath, Database reader, Database writer, QObject* parent = nullptr);
    ~AppContext() override;

    const QString& path() const { return m_path; }
    Database& reader() { return m_reader; }
    Database& writer() { return m_writer; }
    QThreadPool& jobs() { return m_jobs; }

    /** @brief New events were stored (imports, demo); also means triage may have changed. */
    void notifyEventsChanged() { emit eventsChanged(); emit triageChanged(); emit rulesChanged(); }
    /** @brief Alerts, incidents, notes or the journal changed. */
    void notifyTriageChanged() { emit triageChanged(); emit rulesChanged(); }
    /** @brief The rule library changed. */
    void notifyRulesChanged() { emit rulesChanged(); }

signals:
    void eventsChanged();
    void triageChanged();
    void rulesChanged();

private:
    QString m_path;
    Database m_reader;
    Database m_writer;
    QThreadPool m_jobs;
};

} // namespace vigil
