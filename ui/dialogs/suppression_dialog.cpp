#include "dialogs/suppression_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "app_context.h"
#include "storage/journal.h"
#include "storage/store.h"
#include "util/timestamp.h"
#include "widgets/display_format.h"

namespace vigil {

namespace {

constexpr qint64 kHour = 3600;
constexpr qint64 kMaxExpirySeconds = 366 * 24 * kHour;

} // namespace

SuppressionDialog::SuppressionDialog(AppContext& context, QWidget* parent)
    : QDialog(parent)
    , m_context(context)
    , m_rule(new QComboBox(this))
    , m_fields(new QTableWidget(0, 2, this))
    , m_expiry(new QSpinBox(this))
    , m_unit(new QComboBox(this))
    , m_reason(new QLineEdit(this))
    , m_previewLabel(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
    , m_debounce(new QTimer(this))
{
    setWindowTitle(tr("Suppress alerts"));
    auto* intro = new QLabel(tr("New alerts of the rule whose event holds every value below are "
                                "stored as Suppressed until the expiry: counted, but they open "
                                "no incident. Alerts already stored keep their status."),
                             this);
    intro->setWordWrap(true);
    m_rule->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_rule->setMinimumContentsLength(40);
    m_fields->setHorizontalHeaderLabels({tr("Field"), tr("Value")});
    m_fields->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Interactive);
    m_fields->horizontalHeader()->setStretchLastSection(true);
    m_fields->setColumnWidth(0, 180);
    m_fields->verticalHeader()->hide();
    m_fields->setMinimumHeight(120);
    auto* addField = new QPushButton(tr("&Add field"), this);
    auto* removeField = new QPushButton(tr("&Remove field"), this);
    auto* fieldHint = new QLabel(tr("host, user, src_ip or any event field (as rules name it); "
                                    "values match whole, in any case."),
                                 this);
    fieldHint->setWordWrap(true);
    fieldHint->setStyleSheet(QStringLiteral("color: palette(mid);"));
    auto* fieldButtons = new QHBoxLayout;
    fieldButtons->addWidget(addField);
    fieldButtons->addWidget(removeField);
    fieldButtons->addStretch(1);

    m_expiry->setRange(1, 366);
    m_expiry->setValue(7);
    m_unit->addItem(tr("hours"), kHour);
    m_unit->addItem(tr("days"), 24 * kHour);
    m_unit->addItem(tr("weeks"), 7 * 24 * kHour);
    m_unit->setCurrentIndex(1);
    auto* expiry = new QHBoxLayout;
    expiry->addWidget(m_expiry);
    expiry->addWidget(m_unit);
    expiry->addStretch(1);
    m_reason->setPlaceholderText(tr("Why (e.g. nightly backup job logs in as svc-backup)"));
    m_previewLabel->setTextFormat(Qt::PlainText);
    m_previewLabel->setWordWrap(true);
    QFont bold = m_previewLabel->font();
    bold.setBold(true);
    m_previewLabel->setFont(bold);
    m_buttons->button(QDialogButtonBox::Save)->setText(tr("Save suppression"));

    auto* form = new QFormLayout;
    form->addRow(tr("R&ule:"), m_rule);
    form->addRow(tr("&Fields:"), m_fields);
    form->addRow(QString(), fieldButtons);
    form->addRow(QString(), fieldHint);
    form->addRow(tr("Expires in:"), expiry);
    form->addRow(tr("Rea&son:"), m_reason);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_previewLabel);
    layout->addWidget(m_buttons);
    resize(640, 480);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(250);
    connect(m_debounce, &QTimer::timeout, this, &SuppressionDialog::startPreview);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SuppressionDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(addField, &QPushButton::clicked, this, [this] {
        addFieldRow(QString(), QString());
        m_fields->setCurrentCell(m_fields->rowCount() - 1, 0);
        m_fields->editItem(m_fields->currentItem());
    });
    connect(removeField, &QPushButton::clicked, this, [this] {
        if (m_fields->currentRow() >= 0) {
            m_fields->removeRow(m_fields->currentRow());
            inputsChanged();
        }
    });
    connect(m_fields, &QTableWidget::itemChanged, this, &SuppressionDialog::inputsChanged);
    connect(m_rule, &QComboBox::currentIndexChanged, this, &SuppressionDialog::inputsChanged);
    loadRules();
    addFieldRow(QStringLiteral("host"), QString());
    inputsChanged();
}

SuppressionDialog::~SuppressionDialog()
{
    if (m_cancel) {
        m_cancel->store(true);
    }
}

void SuppressionDialog::loadRules()
{
    Database& db = m_context.reader();
    auto s = db.prepare(u"SELECT uid, max(title), (SELECT count(*) FROM alerts a WHERE "
                        u"a.rule_uid = uid) FROM (SELECT uid, title FROM rules UNION ALL SELECT "
                        u"DISTINCT rule_uid, rule_title FROM alerts) GROUP BY uid "
                        u"ORDER BY 3 DESC, 2");
    if (!s) {
        m_previewLabel->setText(s.error().message);
        return;
    }
    while (true) {
        auto row = s->step();
        if (!row || !*row) {
            break;
        }
        const qint64 alerts = s->int64(2);
        m_rule->addItem(tr("%1 (%n alert(s))", nullptr, int(alerts)).arg(s->text(1)), s->text(0));
        m_rule->setItemData(m_rule->count() - 1, s->text(0), Qt::ToolTipRole);
    }
}

void SuppressionDialog::prefill(const QString& ruleUid,
                                const std::vector<std::pair<QString, QString>>& fields)
{
    const int index = m_rule->findData(ruleUid);
    if (index >= 0) {
        m_rule->setCurrentIndex(index);
    }
    m_fields->setRowCount(0);
    for (const auto& [name, value] : fields) {
        addFieldRow(name, value);
    }
    inputsChanged();
}

void SuppressionDialog::setExpiryDays(int days)
{
    m_unit->setCurrentIndex(1);
    m_expiry->setValue(days);
}

void SuppressionDialog::setReason(const QString& reason)
{
    m_reason->setText(reason);
}

void SuppressionDialog::addFieldRow(const QString& name, const QString& value)
{
    const QSignalBlocker block(m_fields);
    const int row = m_fields->rowCount();
    m_fields->insertRow(row);
    m_fields->setItem(row, 0, new QTableWidgetItem(name));
    m_fields->setItem(row, 1, new QTableWidgetItem(value));
}

Suppression SuppressionDialog::suppression() const
{
    Suppression s;
    s.ruleUid = m_rule->currentData().toString();
    for (int r = 0; r < m_fields->rowCount(); ++r) {
        const QString name = m_fields->item(r, 0) ? m_fields->item(r, 0)->text().trimmed() : QString();
        const QString value = m_fields->item(r, 1) ? m_fields->item(r, 1)->text() : QString();
        if (!name.isEmpty()) {
            s.fields.emplace_back(name, value);
        }
    }
    const qint64 seconds = qint64(m_expiry->value()) * m_unit->currentData().toLongLong();
    s.expiresNs = nowNs() + std::min(seconds, kMaxExpirySeconds) * kNsPerSecond;
    s.reason = m_reason->text().trimmed();
    return s;
}

QString SuppressionDialog::inputProblem() const
{
    if (m_rule->count() == 0) {
        return tr("This store has no rules yet.");
    }
    QStringList pairs;
    for (int r = 0; r < m_fields->rowCount(); ++r) {
        const QString name = m_fields->item(r, 0) ? m_fields->item(r, 0)->text().trimmed() : QString();
        if (!name.isEmpty()) {
            pairs << name + u'=';
        }
    }
    QString why;
    if (pairs.isEmpty()) {
        return tr("Add at least one field value; to silence a whole rule, disable the rule.");
    }
    if (!Suppression::parseFields(pairs, &why)) {
        return why;
    }
    return {};
}

void SuppressionDialog::inputsChanged()
{
    ++m_generation;
    m_preview.reset();
    if (m_cancel) {
        m_cancel->store(true);
    }
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(false);
    const QString problem = inputProblem();
    if (!problem.isEmpty()) {
        m_debounce->stop();
        m_previewLabel->setText(problem);
        return;
    }
    m_previewLabel->setText(tr("Counting the stored alerts it would have hidden…"));
    m_debounce->start();
}

void SuppressionDialog::startPreview()
{
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    const quint64 generation = m_generation;
    auto* watcher = new QFutureWatcher<Result<SuppressionPreview>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        const Result<SuppressionPreview> r = watcher->result();
        if (generation != m_generation) {
            return; // the inputs changed while it counted
        }
        if (!r) {
            m_previewLabel->setText(tr("The preview failed: %1").arg(r.error().message));
            return;
        }
        if (r->cancelled) {
            return;
        }
        m_preview = *r;
        QString text = tr("Would have hidden %1 of the %2 stored alerts of this rule.")
                           .arg(ui::numberText(r->matched), ui::numberText(r->ruleAlerts));
        if (const QStringList empty = suppression().emptyValueNames(); !empty.isEmpty()) {
            text += u' '
                    + tr("An empty value also matches events that have no such field at all "
                         "(%1).")
                          .arg(empty.join(QStringLiteral(", ")));
        }
        m_previewLabel->setText(text);
        m_buttons->button(QDialogButtonBox::Save)->setEnabled(true);
        emit previewUpdated();
    });
    watcher->setFuture(QtConcurrent::run(
        [path = m_context.path(), s = suppression(), cancel = m_cancel]() -> Result<SuppressionPreview> {
            auto db = Store::openReader(path);
            if (!db) {
                return db.error();
            }
            return Suppressions::preview(*db, s, cancel.get());
        }));
}

void SuppressionDialog::accept()
{
    if (!m_preview) {
        return; // Save is enabled only with the current preview
    }
    const SuppressionPreview counted = *m_preview;
    auto id = Suppressions::add(m_context.writer(), suppression(), localActor(), &counted);
    if (!id) {
        m_previewLabel->setText(tr("Not saved: %1").arg(id.error().message));
        return;
    }
    m_savedId = *id;
    m_context.notifyTriageChanged();
    QDialog::accept();
}

} // namespace vigil
