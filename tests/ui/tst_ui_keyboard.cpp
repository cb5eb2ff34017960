// Keyboard-first triage in the main window: every step by key presses (QTest::keyClick into
// the focused widget, dialogs included), then the store is checked. Also the filter bar, saved
// views, bulk actions, the timeline and "Add to incident…" from the Events list.
#include <memory>

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

#include "app_context.h"
#include "dialogs/assign_dialog.h"
#include "dialogs/choose_incident_dialog.h"
#include "dialogs/close_incident_dialog.h"
#include "dialogs/note_dialog.h"
#include "dialogs/shortcuts_dialog.h"
#include "investigation/case_timeline.h"
#include "main_window.h"
#include "models/event_table_model.h"
#include "models/incident_queue_model.h"
#include "sigma/rule_set.h"
#include "storage/journal.h"
#include "storage/store.h"
#include "triage/incident_queries.h"
#include "triage/metrics.h"
#include "triage/queue_filter.h"
#include "triage/rule_catalog.h"
#include "views/events_view.h"
#include "views/incident_detail.h"
#include "views/incidents_view.h"
#include "views/queue_filter_bar.h"
#include "views/timeline_panel.h"

using namespace vigil;
using namespace Qt::StringLiterals;

namespace {

QString fixture(const QString& name)
{
    return QStringLiteral(VIGIL_TEST_DATA) + u'/' + name;
}

void screenshot(QWidget* w, const QString& name)
{
    const QString dir = qEnvironmentVariable("VIGIL_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest); // as painted
        w->grab().save(dir + u'/' + name + u".png"_s);
    }
}

/**
 * The widget with the keyboard focus. After a dialog closes, the offscreen platform does not
 * hand the activation back to the main window by itself: do what the window manager would.
 */
QWidget* focused()
{
    if (!QApplication::focusWidget() && !QApplication::activeModalWidget()
        && !QApplication::activePopupWidget()) {
        for (QWidget* w : QApplication::topLevelWidgets()) {
            if (qobject_cast<MainWindow*>(w) && w->isVisible()) {
                QApplication::setActiveWindow(w);
            }
        }
    }
    return QApplication::focusWidget();
}

/** Presses @p key (with @p mods) in whichever widget has the keyboard focus. */
void press(Qt::Key key, Qt::KeyboardModifiers mods = Qt::NoModifier)
{
    QWidget* target = focused();
    QVERIFY2(target, "nothing has the keyboard focus");
    QTest::keyClick(target, key, mods);
}

void type(const QString& text)
{
    QWidget* target = focused();
    QVERIFY2(target, "nothing has the keyboard focus");
    QTest::keyClicks(target, text);
}

/**
 * Runs @p steps in the modal dialog or popup the next key press opens, once it has the keyboard
 * focus. Closes it afterwards if a failed check left it open, so the test cannot hang.
 */
template <typename Steps>
void whenModal(QObject* context, Steps steps)
{
    auto* poll = new QTimer(context);
    auto tries = std::make_shared<int>(0);
    QObject::connect(poll, &QTimer::timeout, context, [poll, tries, steps] {
        QWidget* w = QApplication::activePopupWidget() ? QApplication::activePopupWidget()
                                                       : QApplication::activeModalWidget();
        QWidget* focus = QApplication::focusWidget();
        const bool ready = w && (w == QApplication::activePopupWidget()
                                 || (focus && (focus == w || w->isAncestorOf(focus))));
        if (!ready && ++*tries < 300) {
            return;
        }
        poll->stop();
        poll->deleteLater();
        QVERIFY2(w, "no dialog or menu opened");
        QPointer<QWidget> guard(w);
        steps(w);
        if (guard && guard->isVisible()) {
            if (auto* dialog = qobject_cast<QDialog*>(guard.data())) {
                dialog->reject();
            } else {
                guard->close();
            }
        }
    });
    poll->start(10);
}

QStringList journalActions(Database& db, qint64 incidentId)
{
    QStringList out;
    const auto entries = Journal::forObject(db, u"incident"_s, incidentId);
    if (entries) {
        for (const JournalEntry& e : *entries) {
            out << e.action;
        }
    }
    return out;
}

} // namespace

class TestUiKeyboard : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void triageEndToEndByKeyboard();
    void shortcutHelp();
    void filtersAndSavedViews();
    void bulkActionsReportRefusals();
    void timelineAndAddEventToIncident();

private:
    qint64 incidentOn(const QString& host) const;
    void selectByKeyboard(qint64 incidentId);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AppContext> m_context;
    std::unique_ptr<MainWindow> m_window;
};

// A store with the two incidents of auth_bruteforce.log: the burst on bastion-1 (12 alerts)
// and the single failure on web-2.
void TestUiKeyboard::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    const QString path = m_dir->filePath(u"keys.sqlite"_s);
    auto writer = Store::openWriter(path);
    auto reader = Store::openReader(path);
    QVERIFY(writer && reader);
    m_context = std::make_unique<AppContext>(path, std::move(*reader), std::move(*writer));
    sigma::RuleSet rules;
    rules.addPath(fixture(u"rules/ssh_failed_password.yml"_s));
    QVERIFY(RuleCatalog::remember(m_context->writer(), rules, {}).has_value());
    m_window = std::make_unique<MainWindow>(*m_context);
    m_window->setShowJobDialogs(false);
    m_window->resize(1440, 900);
    m_window->show();
    QApplication::setActiveWindow(m_window.get());
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QSignalSpy done(m_window.get(), &MainWindow::jobDone);
    QVERIFY(m_window->startImport({fixture(u"logs/auth_bruteforce.log"_s)}, IngestOptions()));
    QVERIFY(done.wait(30000));
    QCOMPARE(m_window->incidents()->model()->rowCount(), 2);
}

void TestUiKeyboard::cleanup()
{
    m_window.reset();
    m_context.reset();
    m_dir.reset();
}

qint64 TestUiKeyboard::incidentOn(const QString& host) const
{
    const auto list = IncidentQueries::list(m_context->reader());
    if (!list) {
        return 0;
    }
    for (const IncidentRecord& r : *list) {
        if (r.host == host) {
            return r.id;
        }
    }
    return 0;
}

// Ctrl+2 goes to the queue; J and K move until the incident is the current one.
void TestUiKeyboard::selectByKeyboard(qint64 incidentId)
{
    press(Qt::Key_2, Qt::ControlModifier);
    IncidentsView* view = m_window->incidents();
    QCOMPARE(m_window->currentWorkspace(), MainWindow::Incidents);
    QCOMPARE(QApplication::focusWidget(), view->table());
    press(Qt::Key_J);
    press(Qt::Key_J);
    press(Qt::Key_K);
    for (int i = 0; i < 5 && view->selectedIncident() != incidentId; ++i) {
        press(Qt::Key_J);
    }
    QCOMPARE(view->selectedIncident(), incidentId);
    QCOMPARE(view->detail()->incidentId(), incidentId);
}

void TestUiKeyboard::triageEndToEndByKeyboard()
{
    const qint64 id = incidentOn(u"bastion-1"_s);
    QVERIFY(id != 0);
    IncidentsView* view = m_window->incidents();
    selectByKeyboard(id);

    // A: acknowledge.
    press(Qt::Key_A);
    QVERIFY(IncidentQueries::load(m_context->reader(), id)->acknowledgedNs > 0);
    QVERIFY2(view->noticeText().contains(u"1 incident(s) done"_s), qPrintable(view->noticeText()));

    // M: assign to me; Shift+M: hand it to bob through the small input.
    press(Qt::Key_M);
    QCOMPARE(IncidentQueries::load(m_context->reader(), id)->assignee, localActor());
    whenModal(this, [](QWidget* w) {
        QVERIFY(qobject_cast<AssignDialog*>(w));
        QVERIFY(qobject_cast<QLineEdit*>(QApplication::focusWidget()));
        press(Qt::Key_A, Qt::ControlModifier);
        type(u"bob"_s);
        press(Qt::Key_Return);
    });
    press(Qt::Key_M, Qt::ShiftModifier);
    QCOMPARE(IncidentQueries::load(m_context->reader(), id)->assignee, u"bob"_s);

    // S: the menu of allowed next states; I: Investigating.
    whenModal(this, [](QWidget* w) {
        QVERIFY(qobject_cast<QMenu*>(w));
        QTest::keyClick(w, Qt::Key_I);
    });
    press(Qt::Key_S);
    QCOMPARE(IncidentQueries::load(m_context->reader(), id)->status, IncidentStatus::Investigating);

    // N: a note; Ctrl+Return saves it.
    whenModal(this, [](QWidget* w) {
        QVERIFY(qobject_cast<NoteDialog*>(w));
        type(u"Same source as last week's scan."_s);
        press(Qt::Key_Return, Qt::ControlModifier);
    });
    press(Qt::Key_N);
    const auto notes = IncidentQueries::notes(m_context->reader(), id);
    QCOMPARE(notes->size(), 1u);
    QCOMPARE(notes->front().body, u"Same source as last week's scan."_s);

    // Return opens the detail (its timeline first), Esc comes back to the queue.
    press(Qt::Key_Return);
    auto* tabs = view->detail()->findChild<QTabWidget*>();
    QVERIFY(tabs->isAncestorOf(QApplication::focusWidget()) || QApplication::focusWidget() == tabs);
    QCOMPARE(tabs->currentWidget(), view->detail()->timeline());
    press(Qt::Key_Escape);
    QCOMPARE(QApplication::focusWidget(), view->table());
    screenshot(m_window.get(), u"keyboard-queue"_s);

    // D: close with a disposition, a resolution and lessons, all typed.
    whenModal(this, [](QWidget* w) {
        auto* dialog = qobject_cast<CloseIncidentDialog*>(w);
        QVERIFY(dialog);
        QVERIFY(qobject_cast<QComboBox*>(QApplication::focusWidget()));
        for (int i = 0; i < 3; ++i) {
            press(Qt::Key_Down); // Choose… → undetermined → TP impact → TP no impact
        }
        press(Qt::Key_Tab);
        type(u"Guessing from 203.0.113.77; blocked at the edge."_s);
        press(Qt::Key_Tab);
        type(u"Rate-limit sshd on bastions."_s);
        for (int i = 0; i < 4; ++i) {
            auto* button = qobject_cast<QPushButton*>(QApplication::focusWidget());
            if (button && button->text() == CloseIncidentDialog::tr("Close incident")) {
                break;
            }
            press(Qt::Key_Tab);
        }
        auto* ok = qobject_cast<QPushButton*>(QApplication::focusWidget());
        QVERIFY(ok && ok->isEnabled());
        press(Qt::Key_Space);
    });
    press(Qt::Key_D);

    const IncidentRecord r = *IncidentQueries::load(m_context->reader(), id);
    QCOMPARE(r.status, IncidentStatus::Closed);
    QCOMPARE(r.disposition, u"tp_malicious_no_impact"_s);
    QCOMPARE(r.resolution, u"Guessing from 203.0.113.77; blocked at the edge."_s);
    QCOMPARE(r.lessons, u"Rate-limit sshd on bastions."_s);
    QCOMPARE(r.assignee, u"bob"_s);
    const QStringList actions = journalActions(m_context->reader(), id);
    const QStringList tail = actions.mid(actions.indexOf(u"acknowledged"_s));
    QCOMPARE(tail, (QStringList{u"acknowledged"_s, u"assigned"_s, u"assigned"_s, u"status"_s,
                                u"note"_s, u"status"_s}));
    QVERIFY(Journal::verify(m_context->reader())->ok());
    QVERIFY(IncidentQueries::journalDisagreements(m_context->reader(), id)->isEmpty());
    // The acknowledgement is what MTTA measures.
    const auto timelines = Metrics::timelines(m_context->reader());
    QVERIFY(timelines.has_value());
    for (const IncidentTimeline& t : *timelines) {
        if (t.incidentId == id) {
            QCOMPARE(t.tAck, r.acknowledgedNs);
        }
    }
    // Closed incidents leave the default queue.
    QCOMPARE(view->table()->model()->rowCount(), 1);
}

void TestUiKeyboard::shortcutHelp()
{
    press(Qt::Key_2, Qt::ControlModifier);
    QStringList rows;
    whenModal(this, [&rows](QWidget* w) {
        QVERIFY(qobject_cast<ShortcutsDialog*>(w));
        auto* tree = w->findChild<QTreeWidget*>();
        for (int i = 0; i < tree->topLevelItemCount(); ++i) {
            rows << tree->topLevelItem(i)->text(0) + u'|' + tree->topLevelItem(i)->text(1);
        }
        press(Qt::Key_Escape);
    });
    press(Qt::Key_Question);
    QVERIFY2(rows.contains(u"A|Acknowledge"_s), qPrintable(rows.join(u", "_s)));
    QVERIFY(rows.contains(u"Shift+M|Assign to…"_s));
    QVERIFY(rows.contains(u"S|Set status…"_s));
    QVERIFY(rows.contains(u"Return or Enter|Open detail"_s));
    QVERIFY(rows.contains(u"F1 or ?|Keyboard shortcuts"_s));
    QVERIFY(rows.contains(u"Ctrl+Shift+A|Add to incident…"_s));
    // The Triage menu lists the same actions with their keys.
    bool listed = false;
    for (QAction* a : m_window->findChildren<QAction*>()) {
        if (a->text() == u"&Acknowledge"_s && a->shortcut() == QKeySequence(Qt::Key_A)) {
            listed = a->toolTip().endsWith(u"(A)"_s);
        }
    }
    QVERIFY(listed);
}

void TestUiKeyboard::filtersAndSavedViews()
{
    IncidentsView* view = m_window->incidents();
    QueueFilterBar* bar = view->filterBar();
    QCOMPARE(view->proxy()->rowCount(), 2);
    auto* host = bar->findChild<QLineEdit*>(u"queueHost"_s);
    host->setFocus();
    type(u"WEB"_s);
    QCOMPARE(view->proxy()->rowCount(), 1);
    QCOMPARE(view->proxy()->index(0, IncidentQueueModel::Host).data().toString(), u"web-2"_s);
    QVERIFY(bar->saveView(u"Web servers"_s));
    screenshot(m_window.get(), u"queue-filter-bar"_s);

    // Clearing brings both back; the saved view restores the host filter.
    bar->setFilter({});
    QCOMPARE(view->proxy()->rowCount(), 2);
    QVERIFY(bar->applyView(u"web servers"_s));
    QCOMPARE(host->text(), u"WEB"_s);
    QCOMPARE(view->proxy()->rowCount(), 1);
    QCOMPARE(bar->viewsCombo()->currentText(), u"Web servers"_s);
    auto stored = QueueViews::find(m_context->reader(), u"Web servers"_s);
    QVERIFY(stored.has_value());
    QCOMPARE(stored->host, u"WEB"_s);

    // Status, priority and assignee filters through the bar's own controls.
    bar->setFilter({});
    QueueFilter f;
    f.statuses = {IncidentStatus::Investigating};
    bar->setFilter(f);
    QCOMPARE(view->proxy()->rowCount(), 0);
    const qint64 web = incidentOn(u"web-2"_s);
    view->selectIncident(incidentOn(u"bastion-1"_s)); // shows everything again
    QCOMPARE(view->proxy()->rowCount(), 2);
    view->selectIncident(web);
    view->table()->setFocus();
    press(Qt::Key_M); // assign web-2 to me
    auto* assignee = bar->findChild<QComboBox*>(u"queueAssignee"_s);
    assignee->setCurrentIndex(assignee->findData(QueueFilter::kMe.toString()));
    QCOMPARE(view->proxy()->rowCount(), 1);
    QCOMPARE(view->proxy()->index(0, 0).data(IncidentQueueModel::IncidentIdRole).toLongLong(), web);
    assignee->setCurrentIndex(assignee->findData(QueueFilter::kUnassigned.toString()));
    QCOMPARE(view->proxy()->rowCount(), 1);
    QVERIFY(view->proxy()->index(0, 0).data(IncidentQueueModel::IncidentIdRole).toLongLong() != web);
    auto* rule = bar->findChild<QLineEdit*>(u"queueRule"_s);
    rule->setText(u"no such rule"_s);
    QCOMPARE(view->proxy()->rowCount(), 0);
    // A blank name is refused, and the bar says why.
    QVERIFY(!bar->saveView(u"   "_s));
    QVERIFY(bar->findChild<QLabel*>(u"queueViewError"_s)->text().contains(u"1 to 80 characters"_s));
}

void TestUiKeyboard::bulkActionsReportRefusals()
{
    IncidentsView* view = m_window->incidents();
    const qint64 bastion = incidentOn(u"bastion-1"_s);
    const qint64 web = incidentOn(u"web-2"_s);
    selectByKeyboard(web);
    whenModal(this, [](QWidget* w) { QTest::keyClick(w, Qt::Key_I); });
    press(Qt::Key_S); // web-2 → Investigating
    QCOMPARE(IncidentQueries::load(m_context->reader(), web)->status, IncidentStatus::Investigating);

    // Ctrl+A selects both; A acknowledges both at once.
    press(Qt::Key_A, Qt::ControlModifier);
    QCOMPARE(view->selectedIncidents().size(), 2u);
    press(Qt::Key_A);
    QVERIFY(IncidentQueries::load(m_context->reader(), bastion)->acknowledgedNs > 0);
    QVERIFY(IncidentQueries::load(m_context->reader(), web)->acknowledgedNs > 0);
    QCOMPARE(view->selectedIncidents().size(), 2u); // the selection survives the refresh

    // S → C(ontained): allowed for web-2 (Investigating), refused for bastion-1 (New).
    whenModal(this, [](QWidget* w) { QTest::keyClick(w, Qt::Key_C); });
    press(Qt::Key_S);
    QCOMPARE(IncidentQueries::load(m_context->reader(), web)->status, IncidentStatus::Contained);
    QCOMPARE(IncidentQueries::load(m_context->reader(), bastion)->status, IncidentStatus::New);
    const QString notice = view->noticeText();
    QVERIFY2(notice.contains(u"1 of 2 done"_s), qPrintable(notice));
    QVERIFY2(notice.contains(u"#%1: an incident cannot move from New to Contained"_s.arg(bastion)),
             qPrintable(notice));
    screenshot(m_window.get(), u"queue-bulk-refused"_s);

    // Acknowledging again is refused for each, with the reason.
    press(Qt::Key_A);
    QVERIFY(view->noticeText().contains(u"0 of 2 done"_s));
    QVERIFY(view->noticeText().contains(u"already acknowledged"_s));
}

void TestUiKeyboard::timelineAndAddEventToIncident()
{
    const qint64 bastion = incidentOn(u"bastion-1"_s);
    // An event of the log no rule matched (so in no incident).
    auto free = m_context->reader().prepare(
        u"SELECT id FROM events WHERE id NOT IN (SELECT event_id FROM incident_events) "
        u"ORDER BY id LIMIT 1");
    QVERIFY(*free->step());
    const qint64 eventId = free->int64(0);
    free->reset();

    press(Qt::Key_3, Qt::ControlModifier);
    EventsView* events = m_window->events();
    QCOMPARE(m_window->currentWorkspace(), MainWindow::Events);
    QTRY_VERIFY(events->model()->rowCount() > 0);
    int row = -1;
    QTRY_VERIFY([&] {
        for (int r = 0; r < events->model()->rowCount(); ++r) {
            if (events->model()->eventId(r) == eventId) {
                row = r;
            }
        }
        return row >= 0;
    }());
    events->table()->selectRow(row);
    events->table()->setFocus();
    QCOMPARE(events->selectedEvents(), std::vector<qint64>{eventId});
    whenModal(this, [bastion](QWidget* w) {
        auto* dialog = qobject_cast<ChooseIncidentDialog*>(w);
        QVERIFY(dialog);
        type(u"#%1"_s.arg(bastion));
        QCOMPARE(dialog->list()->count(), 1);
        press(Qt::Key_Return);
    });
    press(Qt::Key_A, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY2(events->noticeText().contains(u"1 event(s) added to incident #%1"_s.arg(bastion)),
             qPrintable(events->noticeText()));
    QCOMPARE(journalActions(m_context->reader(), bastion).last(), u"event_added"_s);
    // The same event again is refused and says why.
    events->addEventsToIncident(bastion, {eventId});
    QVERIFY(events->noticeText().contains(u"already part of incident"_s));

    // The timeline shows it among the incident's events, alerts and actions, in time order.
    IncidentsView* view = m_window->incidents();
    m_window->showWorkspace(MainWindow::Incidents);
    view->selectIncident(bastion);
    TimelinePanel* timeline = view->detail()->timeline();
    QTreeWidget* tree = timeline->tree();
    const auto loaded = *CaseTimeline::load(m_context->reader(), bastion);
    QCOMPARE(tree->topLevelItemCount(), int(loaded.items.size()));
    QCOMPARE(loaded.eventsTotal, 13); // 12 alerts' events and the one added
    QTreeWidgetItem* added = nullptr;
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = tree->topLevelItem(i);
        if (i > 0) {
            QVERIFY(tree->topLevelItem(i - 1)->text(0) <= item->text(0)); // ISO 8601 sorts
        }
        if (item->data(0, Qt::UserRole).toString() == u"event"_s
            && item->data(0, Qt::UserRole + 1).toLongLong() == eventId) {
            added = item;
        }
    }
    QVERIFY(added);
    // Annotate it: the note is kept with the event and journalled.
    view->detail()->findChild<QTabWidget*>()->setCurrentWidget(timeline);
    tree->setCurrentItem(added);
    tree->setFocus();
    whenModal(this, [](QWidget* w) {
        QVERIFY(qobject_cast<NoteDialog*>(w));
        type(u"<i>Seen</i> before the burst"_s);
        press(Qt::Key_Return, Qt::ControlModifier);
    });
    press(Qt::Key_N, Qt::ShiftModifier);
    const auto notes = *IncidentQueries::notes(m_context->reader(), bastion);
    QCOMPARE(notes.size(), 1u);
    QCOMPARE(notes.front().refType, u"event"_s);
    QCOMPARE(notes.front().refId, eventId);
    QTreeWidgetItem* current = tree->currentItem();
    QVERIFY(current);
    QCOMPARE(current->childCount(), 1);
    QCOMPARE(current->child(0)->text(3), u"<i>Seen</i> before the burst"_s);
    screenshot(m_window.get(), u"incident-timeline"_s);
    QVERIFY(Journal::verify(m_context->reader())->ok());
}

QTEST_MAIN(TestUiKeyboard)
#include "tst_ui_keyboard.moc"
