#include "views/evidence_panel.h"

#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent>

#include "app_context.h"
#include "storage/journal.h"
#include "storage/store.h"
#include "widgets/display_format.h"

namespace vigil {

namespace {

enum Column { IdCol, NameCol, SizeCol, HashCol, ByCol, WhenCol, CheckCol, ColumnCount };

QTableWidgetItem* item(const QString& text)
{
    auto* i = new QTableWidgetItem(text);
    i->setFlags(i->flags() & ~Qt::ItemIsEditable);
    return i;
}

QString sizeText(qint64 bytes)
{
    return EvidencePanel::tr("%1 bytes").arg(ui::numberText(bytes));
}

QString verdict(const EvidenceCheck& c)
{
    switch (c.state) {
    case EvidenceState::Verified:
        return EvidencePanel::tr("✔ verified");
    case EvidenceState::Mismatch:
        return EvidencePanel::tr("✘ ALTERED");
    case EvidenceState::Missing:
        return EvidencePanel::tr("✘ MISSING");
    case EvidenceState::Unreadable:
        return EvidencePanel::tr("✘ unreadable");
    case EvidenceState::RegisterAltered:
        return EvidencePanel::tr("✘ register altered");
    }
    return {};
}

} // namespace

EvidencePanel::EvidencePanel(AppContext& context, QWidget* parent)
    : QWidget(parent)
    , m_context(context)
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_add(new QPushButton(tr("Attach file…"), this))
    , m_check(new QPushButton(tr("Verify"), this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_problems(new QLabel(this))
    , m_tick(new QTimer(this))
    , m_attach(new QFutureWatcher<Staged>(this))
    , m_verify(new QFutureWatcher<Checked>(this))
    , m_cancel(std::make_shared<std::atomic<bool>>(false))
    , m_done(std::make_shared<std::atomic<qint64>>(0))
    , m_total(std::make_shared<std::atomic<qint64>>(0))
{
    m_table->setHorizontalHeaderLabels({tr("#"), tr("File"), tr("Size"), tr("SHA-256"),
                                        tr("Added by"), tr("Added (UTC)"), tr("Check")});
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_add->setToolTip(tr("Copy a file into the store's evidence folder and record its SHA-256."));
    m_check->setToolTip(tr("Hash every copy again and compare with what was recorded."));
    m_progress->setVisible(false);
    m_progress->setMaximumWidth(200);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setStyleSheet(QStringLiteral("color: palette(mid);"));
    m_problems->setTextFormat(Qt::PlainText);
    m_problems->setWordWrap(true);
    m_problems->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problems->setStyleSheet(QStringLiteral("color: #b00020; font-weight: 600;"));
    m_problems->hide();
    m_tick->setInterval(100);

    auto* controls = new QHBoxLayout;
    controls->addWidget(m_add);
    controls->addWidget(m_check);
    controls->addWidget(m_progress);
    controls->addStretch(1);
    controls->addWidget(m_status);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(controls);
    layout->addWidget(m_problems);
    layout->addWidget(m_table, 1);

    connect(m_add, &QPushButton::clicked, this, &EvidencePanel::chooseFile);
    connect(m_check, &QPushButton::clicked, this, &EvidencePanel::verifyAll);
    connect(m_attach, &QFutureWatcher<Staged>::finished, this, &EvidencePanel::onStaged);
    connect(m_verify, &QFutureWatcher<Checked>::finished, this, &EvidencePanel::onVerified);
    connect(m_tick, &QTimer::timeout, this, [this] {
        const qint64 total = m_total->load();
        m_progress->setValue(total > 0 ? int(m_done->load() * 100 / total) : 0);
    });
}

EvidencePanel::~EvidencePanel()
{
    m_cancel->store(true);
    m_attach->waitForFinished();
    m_verify->waitForFinished();
    if (m_stagedPending) {
        EvidenceRegister::discard(m_attach->result().staged); // finished, never committed
    }
}

void EvidencePanel::setIncident(qint64 id)
{
    const bool other = id != m_id;
    m_id = id;
    reload();
    if (other) {
        m_problems->hide();
        if (m_id != 0) {
            verifyAll();
        }
    }
}

void EvidencePanel::reload()
{
    m_table->setRowCount(0);
    m_add->setEnabled(m_id != 0 && !m_attach->isRunning());
    if (m_id == 0) {
        return;
    }
    auto records = EvidenceRegister::forIncident(m_context.reader(), m_id);
    if (!records) {
        m_status->setText(tr("Could not read the register: %1").arg(records.error().message));
        return;
    }
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_table->setRowCount(int(records->size()));
    for (int r = 0; r < int(records->size()); ++r) {
        const EvidenceRecord& e = (*records)[size_t(r)];
        m_table->setItem(r, IdCol, item(QString::number(e.id)));
        auto* name = item(e.name);
        name->setToolTip(tr("Copied from %1").arg(e.sourcePath));
        m_table->setItem(r, NameCol, name);
        m_table->setItem(r, SizeCol, item(sizeText(e.size)));
        auto* hash = item(e.sha256);
        hash->setFont(mono);
        m_table->setItem(r, HashCol, hash);
        m_table->setItem(r, ByCol, item(e.addedBy));
        m_table->setItem(r, WhenCol, item(ui::timeText(e.addedNs, 0)));
        m_table->setItem(r, CheckCol, item(tr("not checked yet")));
    }
    m_table->resizeColumnsToContents();
    m_status->setText(records->empty() ? tr("No evidence attached.")
                                       : tr("%n file(s)", nullptr, int(records->size())));
}

void EvidencePanel::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Attach evidence"));
    if (!path.isEmpty()) {
        attachFile(path);
    }
}

bool EvidencePanel::attachFile(const QString& path)
{
    if (m_id == 0 || m_attach->isRunning()) {
        return false;
    }
    m_done->store(0);
    m_total->store(0);
    m_add->setEnabled(false);
    m_progress->setValue(0);
    m_progress->setVisible(true);
    m_tick->start();
    m_stagedPending = true;
    m_status->setText(tr("Copying and hashing %1…").arg(path));
    const QString dbPath = m_context.path();
    const qint64 id = m_id;
    auto cancel = m_cancel;
    auto done = m_done;
    auto total = m_total;
    m_attach->setFuture(QtConcurrent::run([dbPath, path, id, cancel, done, total]() {
        Staged s;
        s.incidentId = id;
        auto staged = EvidenceRegister::stage(dbPath, path, cancel.get(), [&](qint64 d, qint64 t) {
            done->store(d);
            total->store(t);
        });
        if (staged) {
            s.staged = *staged;
        } else {
            s.error = staged.error().toString();
        }
        return s;
    }));
    return true;
}

void EvidencePanel::onStaged()
{
    m_tick->stop();
    m_progress->setVisible(false);
    const Staged s = m_attach->result();
    m_stagedPending = false; // committed below, or commit() removes it
    QString message;
    bool ok = false;
    if (!s.error.isEmpty()) {
        message = tr("Not attached: %1").arg(s.error);
    } else {
        auto r = EvidenceRegister::commit(m_context.writer(), s.incidentId, s.staged, localActor());
        ok = r.has_value();
        message = ok ? tr("Attached %1 (SHA-256 %2)").arg(r->name, r->sha256)
                     : tr("Not attached: %1").arg(r.error().toString());
    }
    reload();
    m_status->setText(message);
    if (ok) {
        emit changed();
        verifyAll();
    }
    emit attachFinished(ok, message);
}

void EvidencePanel::verifyAll()
{
    if (m_id == 0 || m_verify->isRunning()) {
        return;
    }
    m_check->setEnabled(false);
    const QString dbPath = m_context.path();
    const qint64 id = m_id;
    auto cancel = m_cancel;
    m_verify->setFuture(QtConcurrent::run([dbPath, id, cancel]() {
        Checked c;
        c.incidentId = id;
        auto db = Store::openReader(dbPath);
        if (!db) {
            c.error = db.error().toString();
            return c;
        }
        auto checks = EvidenceRegister::verify(*db, id, cancel.get());
        if (checks) {
            c.checks = std::move(*checks);
        } else {
            c.error = checks.error().message;
        }
        return c;
    }));
}

void EvidencePanel::onVerified()
{
    m_check->setEnabled(true);
    const Checked c = m_verify->result();
    if (c.incidentId != m_id) {
        return;
    }
    if (!c.error.isEmpty()) {
        m_problems->setText(tr("Evidence could not be verified: %1").arg(c.error));
        m_problems->show();
        emit verifyFinished(-1);
        return;
    }
    QStringList failures;
    for (const EvidenceCheck& check : c.checks) {
        for (int r = 0; r < m_table->rowCount(); ++r) {
            if (m_table->item(r, IdCol)->text() == QString::number(check.record.id)) {
                auto* cell = item(verdict(check));
                cell->setForeground(check.ok() ? QColor(0x1e, 0x6b, 0x22) : QColor(0xb0, 0x00, 0x20));
                cell->setToolTip(check.message);
                m_table->setItem(r, CheckCol, cell);
            }
        }
        if (!check.ok()) {
            failures << check.message;
        }
    }
    m_problems->setText(tr("✘ Evidence verification failed:") + u'\n' + failures.join(u'\n'));
    m_problems->setVisible(!failures.isEmpty());
    emit verifyFinished(int(failures.size()));
}

} // namespace vigil
