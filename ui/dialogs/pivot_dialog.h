#pragma once

#include <vector>

#include <QDialog>
#include <QFutureWatcher>

#include "investigation/observable_types.h"
#include "storage/event_queries.h"

class QLabel;
class QPlainTextEdit;
class QTableWidget;

namespace vigil {

class AppContext;

/**
 * @brief Every stored event that holds one observable (ObservableQueries::pivot), found in the
 * background on its own reader connection, with the selected event's raw record.
 */
class PivotDialog : public QDialog {
    Q_OBJECT
public:
    /** @brief At most this many events are listed; the count says when there are more. */
    static constexpr qint64 kLimit = 5000;

    PivotDialog(AppContext& context, ObservableType type, const QString& typeName,
                const QString& value, QWidget* parent = nullptr);
    ~PivotDialog() override;

    bool isLoading() const { return m_watcher->isRunning(); }
    QTableWidget* table() const { return m_table; }
    QLabel* summary() const { return m_summary; }

signals:
    void loaded(int count);

private:
    struct Found {
        std::vector<EventRow> rows;
        bool truncated = false;
        QString error;
    };
    void onLoaded();
    void showRaw();

    AppContext& m_context;
    QString m_value;
    QString m_typeName;
    QLabel* m_summary = nullptr;
    QTableWidget* m_table = nullptr;
    QPlainTextEdit* m_raw = nullptr;
    QFutureWatcher<Found>* m_watcher = nullptr;
    std::shared_ptr<std::atomic<bool>> m_cancel;
};

} // namespace vigil
