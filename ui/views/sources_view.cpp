#include "views/sources_view.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "app_context.h"
#include "models/sources_model.h"
#include "storage/journal.h"
#include "util/timestamp.h"
#include "widgets/display_format.h"

namespace vigil {

namespace {

constexpr int kRefreshMs = 1000;
constexpr qint64 kNotifyEveryNs = 5'000'000'000LL; // other views re-read the store at most this often
constexpr int kDefaultPort = 5514;

QLabel* hint(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

QString megabytes(qint64 bytes)
{
    return QString::number(double(bytes) / (1024.0 * 1024.0), 'f', 1);
}

} // namespace

SourcesView::SourcesView(AppContext& context, QWidget* parent)
    : QWidget(parent)
    , m_context(context)
    , m_model(new SourcesModel(this))
    , m_table(new QTreeView(this))
    , m_address(new QLineEdit(this))
    , m_udp(new QCheckBox(tr("UDP port"), this))
    , m_tcp(new QCheckBox(tr("TCP port"), this))
    , m_udpPort(new QSpinBox(this))
    , m_tcpPort(new QSpinBox(this))
    , m_listen(new QPushButton(tr("Start listening"), this))
    , m_follow(new QPushButton(tr("Follow a file…"), this))
    , m_stopSelected(new QPushButton(tr("Stop selected"), this))
    , m_stopAll(new QPushButton(tr("Stop all"), this))
    , m_summary(new QLabel(this))
    , m_queue(new QLabel(this))
    , m_timer(new QTimer(this))
{
    QSettings settings;
    m_address->setText(settings.value(QStringLiteral("sources/address"),
                                      QStringLiteral("127.0.0.1")).toString());
    m_address->setToolTip(tr("The address to listen on: 127.0.0.1 accepts messages from this "
                             "computer only; 0.0.0.0 (or ::) from every network"));
    m_address->setMaximumWidth(180);
    for (QSpinBox* port : {m_udpPort, m_tcpPort}) {
        port->setRange(0, 65535);
        port->setToolTip(tr("0 picks a free port. Ports below 1024 (such as 514) need "
                            "administrator rights."));
    }
    m_udpPort->setValue(settings.value(QStringLiteral("sources/udpPort"), kDefaultPort).toInt());
    m_tcpPort->setValue(settings.value(QStringLiteral("sources/tcpPort"), kDefaultPort).toInt());
    m_udp->setChecked(settings.value(QStringLiteral("sources/udp"), true).toBool());
    m_tcp->setChecked(settings.value(QStringLiteral("sources/tcp"), true).toBool());
    m_listen->setDefault(true);

    auto* title = new QLabel(tr("Live sources"), this);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    title->setFont(big);
    m_summary->setTextFormat(Qt::PlainText);
    m_queue->setTextFormat(Qt::PlainText);
    m_queue->setToolTip(tr("Messages received and waiting to be stored. When storing falls "
                           "behind and the queue fills up, UDP messages are dropped (and "
                           "counted); TCP senders and followed files wait instead."));

    auto* panel = new QFrame(this);
    panel->setFrameShape(QFrame::StyledPanel);
    auto* grid = new QGridLayout(panel);
    grid->addWidget(new QLabel(tr("Syslog listener"), panel), 0, 0);
    auto* listenRow = new QHBoxLayout;
    listenRow->addWidget(new QLabel(tr("Address"), panel));
    listenRow->addWidget(m_address);
    listenRow->addSpacing(12);
    listenRow->addWidget(m_udp);
    listenRow->addWidget(m_udpPort);
    listenRow->addSpacing(12);
    listenRow->addWidget(m_tcp);
    listenRow->addWidget(m_tcpPort);
    listenRow->addSpacing(12);
    listenRow->addWidget(m_listen);
    listenRow->addStretch(1);
    grid->addLayout(listenRow, 0, 1);
    grid->addWidget(hint(tr("RFC 3164 and RFC 5424 syslog, CEF, LEEF and JSON messages are "
                            "recognised one by one; TCP accepts line-delimited and "
                            "octet-counted framing."),
                         panel),
                    1, 1);
    grid->addWidget(new QLabel(tr("Files"), panel), 2, 0);
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(m_follow);
    fileRow->addWidget(hint(tr("Lines appended to the file are collected as they are written; "
                               "rotation and truncation are followed."),
                            panel),
                       1);
    grid->addLayout(fileRow, 2, 1);
    grid->setColumnStretch(1, 1);

    m_table->setModel(m_model);
    m_table->setUniformRowHeights(true);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->header()->setStretchLastSection(false);
    m_table->header()->setSectionResizeMode(SourcesModel::Source, QHeaderView::Stretch);
    m_table->setColumnWidth(SourcesModel::State, 130);
    for (int c = SourcesModel::Received; c <= SourcesModel::Rate; ++c) {
        m_table->setColumnWidth(c, 95);
    }
    m_table->setColumnWidth(SourcesModel::LastMessage, 120);

    auto* head = new QHBoxLayout;
    head->addWidget(title);
    head->addSpacing(16);
    head->addWidget(m_summary, 1);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_queue, 1);
    bottom->addWidget(m_stopSelected);
    bottom->addWidget(m_stopAll);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(head);
    layout->addWidget(panel);
    layout->addWidget(m_table, 1);
    layout->addLayout(bottom);

    connect(m_listen, &QPushButton::clicked, this, [this] {
        startListening(m_address->text().trimmed(), m_udp->isChecked() ? m_udpPort->value() : -1,
                       m_tcp->isChecked() ? m_tcpPort->value() : -1);
    });
    connect(m_follow, &QPushButton::clicked, this, &SourcesView::chooseFile);
    connect(m_stopSelected, &QPushButton::clicked, this, &SourcesView::stopSelected);
    connect(m_stopAll, &QPushButton::clicked, this, &SourcesView::stopAll);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &SourcesView::updateButtons);
    connect(&m_stopping, &QFutureWatcherBase::finished, this, &SourcesView::finishStop);
    connect(m_timer, &QTimer::timeout, this, &SourcesView::refresh);
    // A new source shows its senders right away; the user may fold it later.
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex& under, int first, int last) {
                for (int row = first; !under.isValid() && row <= last; ++row) {
                    m_table->expand(m_model->index(row, 0));
                }
            });
    m_timer->start(kRefreshMs);
    refresh();
}

SourcesView::~SourcesView()
{
    stopAndWait();
}

void SourcesView::showProblem(const QString& title, const QString& text)
{
    if (!m_showDialogs) {
        return;
    }
    QMessageBox box(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
    box.setTextFormat(Qt::PlainText);
    box.exec();
}

bool SourcesView::ensureSession()
{
    if (m_session && m_session->isRunning()) {
        return true;
    }
    if (m_stopping.isRunning()) {
        showProblem(tr("Still stopping"), tr("The last collection is still storing what it "
                                             "received. Try again in a moment."));
        return false;
    }
    LiveOptions options;
    options.ingest.actor = localActor();
    options.description = tr("Sources panel");
    auto session = std::make_unique<LiveSession>(m_context.path(), options);
    if (auto started = session->start(); !started) {
        showProblem(tr("Live collection not started"), started.error().toString());
        return false;
    }
    m_session = std::move(session);
    m_endpoints.clear();
    m_model->clear();
    m_storedNotified = 0;
    return true;
}

bool SourcesView::startListening(const QString& address, int udpPort, int tcpPort)
{
    const QHostAddress host(address);
    if (host.isNull()) {
        showProblem(tr("Not an address"),
                    tr("\"%1\" is not an IP address. Use 127.0.0.1 for this computer only, or "
                       "0.0.0.0 to listen on every network.")
                        .arg(address));
        return false;
    }
    if (udpPort < 0 && tcpPort < 0) {
        showProblem(tr("Nothing to listen on"), tr("Choose UDP, TCP or both."));
        return false;
    }
    if (!ensureSession()) {
        return false;
    }
    QStringList problems;
    if (udpPort >= 0) {
        if (auto e = m_session->listenUdp(host, quint16(udpPort))) {
            m_endpoints << *e;
        } else {
            problems << e.error().toString();
        }
    }
    if (tcpPort >= 0) {
        if (auto e = m_session->listenTcp(host, quint16(tcpPort))) {
            m_endpoints << *e;
        } else {
            problems << e.error().toString();
        }
    }
    QSettings settings;
    settings.setValue(QStringLiteral("sources/address"), address);
    settings.setValue(QStringLiteral("sources/udp"), udpPort >= 0);
    settings.setValue(QStringLiteral("sources/tcp"), tcpPort >= 0);
    settings.setValue(QStringLiteral("sources/udpPort"), std::max(udpPort, 0));
    settings.setValue(QStringLiteral("sources/tcpPort"), std::max(tcpPort, 0));
    refresh();
    if (!problems.isEmpty()) {
        showProblem(tr("Cannot listen"), problems.join(u'\n'));
    }
    return problems.isEmpty();
}

void SourcesView::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Follow a log file"));
    if (!path.isEmpty()) {
        followFile(path);
    }
}

bool SourcesView::followFile(const QString& path)
{
    if (!ensureSession()) {
        return false;
    }
    auto e = m_session->follow(path);
    if (!e) {
        showProblem(tr("Cannot follow the file"), e.error().toString());
        return false;
    }
    m_endpoints << *e;
    refresh();
    return true;
}

void SourcesView::stopSelected()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid() || !m_session || m_stopping.isRunning()) {
        return;
    }
    const int id = current.data(SourcesModel::SourceIdRole).toInt();
    int running = 0;
    for (const LiveSourceSnapshot& s : m_session->status().counters.sources) {
        running += s.state == LiveSourceState::Stopped ? 0 : 1;
    }
    if (running <= 1) {
        stopAll(); // the last one: the whole session ends and its import run is finished
        return;
    }
    LiveSession* session = m_session.get();
    m_stopping.setFuture(QtConcurrent::run([session, id] {
        session->stopSource(id);
        return LiveResult{};
    }));
    updateButtons();
}

void SourcesView::stopAll()
{
    if (!m_session || !m_session->isRunning() || m_stopping.isRunning()) {
        return;
    }
    // Draining may take a moment (the queue empties into the store): off the GUI thread.
    LiveSession* session = m_session.get();
    m_stopping.setFuture(QtConcurrent::run([session] { return session->stop(); }));
    updateButtons();
}

void SourcesView::stopAndWait()
{
    m_stopping.waitForFinished();
    if (m_session && m_session->isRunning()) {
        m_session->stop();
    }
}

void SourcesView::finishStop()
{
    refresh();
    if (m_session && !m_session->isRunning()) {
        m_context.notifyEventsChanged();
        emit collectionStopped();
    }
    updateButtons();
}

void SourcesView::updateButtons()
{
    const bool busy = m_stopping.isRunning();
    const bool running = m_session && m_session->isRunning();
    m_listen->setEnabled(!busy);
    m_follow->setEnabled(!busy);
    m_stopAll->setEnabled(running && !busy);
    m_stopSelected->setEnabled(running && !busy && m_table->currentIndex().isValid());
}

void SourcesView::refresh()
{
    if (!m_session) {
        m_summary->setText(tr("Not collecting. Start a syslog listener or follow a file: "
                              "messages are stored with detection and incident grouping, as "
                              "an import is."));
        m_queue->clear();
        updateButtons();
        return;
    }
    const LiveStatus s = m_session->status();
    m_model->update(s.counters);
    const LiveCounts& t = s.counters.totals;
    QString summary = tr("%1 received, %2 stored, %3 rejected, %4 dropped · %5 new alerts")
                          .arg(ui::numberText(t.received), ui::numberText(t.stored),
                               ui::numberText(t.rejected), ui::numberText(t.dropped),
                               ui::numberText(s.alerts));
    if (!s.storageError.isEmpty()) {
        summary = tr("Storing failed and collection stopped: %1").arg(s.storageError);
    } else if (m_stopping.isRunning()) {
        summary = tr("Stopping: storing what was received… ") + summary;
    } else if (!s.running) {
        summary = tr("Stopped (import run #%1): ").arg(s.runId) + summary;
    } else {
        summary = tr("Collecting into import run #%1: ").arg(s.runId) + summary;
    }
    m_summary->setText(summary);
    m_queue->setText(tr("Queue to the store: %1 of %2 messages (%3 of %4 MB)")
                         .arg(ui::numberText(s.queue.messages), ui::numberText(s.queue.maxMessages),
                              megabytes(s.queue.bytes), megabytes(s.queue.maxBytes)));
    // Other views re-read the store now and then while events arrive, not on every tick.
    const qint64 now = nowNs();
    if (t.stored > m_storedNotified && now - m_lastNotifyNs >= kNotifyEveryNs) {
        m_storedNotified = t.stored;
        m_lastNotifyNs = now;
        m_context.notifyEventsChanged();
    }
    updateButtons();
}

} // namespace vigil
