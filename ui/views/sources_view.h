#pragma once

#include <memory>

#include <QFutureWatcher>
#include <QList>
#include <QWidget>

#include "ingest/live/live_session.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTimer;
class QTreeView;

namespace vigil {

class AppContext;
class SourcesModel;

/**
 * @brief The Sources workspace: starts and stops syslog listeners (UDP, TCP) and followed
 * files, and shows live counters per source and per sender.
 *
 * The listeners, the queue and the store writer run in a LiveSession's own threads; the GUI
 * thread only reads its counters on a timer, and stopping (which drains the queue into the
 * store) runs in the background. Closing the view stops the session cleanly: everything
 * received is stored first.
 */
class SourcesView : public QWidget {
    Q_OBJECT
public:
    explicit SourcesView(AppContext& context, QWidget* parent = nullptr);
    ~SourcesView() override;

    /**
     * @brief Listens on @p address: UDP on @p udpPort and TCP on @p tcpPort (-1: not that one,
     * 0: any free port). Shows the reason and returns false when it cannot.
     */
    bool startListening(const QString& address, int udpPort, int tcpPort);
    /** @brief Follows @p path; shows the reason and returns false when it cannot. */
    bool followFile(const QString& path);
    /** @brief Stops everything and waits until what was received is stored (app shutdown). */
    void stopAndWait();

    /** @brief The endpoints started in this session (ports as bound). */
    const QList<LiveEndpoint>& endpoints() const { return m_endpoints; }
    bool isCollecting() const { return m_session && m_session->isRunning(); }
    SourcesModel* model() const { return m_model; }
    QTreeView* table() const { return m_table; }
    /** @brief Reads the counters into the table (the timer calls it every second). */
    void refresh();
    /** @brief Whether problems pop up a message box (off in tests). */
    void setShowDialogs(bool show) { m_showDialogs = show; }

signals:
    /** @brief A session stopped and everything it received is stored. */
    void collectionStopped();

private:
    bool ensureSession();
    void chooseFile();
    void stopSelected();
    void stopAll();
    void finishStop();
    void showProblem(const QString& title, const QString& text);
    void updateButtons();

    AppContext& m_context;
    std::unique_ptr<LiveSession> m_session;
    QList<LiveEndpoint> m_endpoints;
    SourcesModel* m_model = nullptr;
    QTreeView* m_table = nullptr;
    QLineEdit* m_address = nullptr;
    QCheckBox* m_udp = nullptr;
    QCheckBox* m_tcp = nullptr;
    QSpinBox* m_udpPort = nullptr;
    QSpinBox* m_tcpPort = nullptr;
    QPushButton* m_listen = nullptr;
    QPushButton* m_follow = nullptr;
    QPushButton* m_stopSelected = nullptr;
    QPushButton* m_stopAll = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_queue = nullptr;
    QTimer* m_timer = nullptr;
    QFutureWatcher<LiveResult> m_stopping;
    qint64 m_storedNotified = 0;
    qint64 m_lastNotifyNs = 0;
    bool m_showDialogs = true;
};

} // namespace vigil
