#include "dialogs/grouping_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "app_context.h"
#include "storage/journal.h"
#include "triage/grouping.h"
#include "triage/incident_service.h"
#include "util/timestamp.h"

namespace vigil {

GroupingDialog::GroupingDialog(AppContext& context, const QString& ruleUid,
                               const QString& ruleTitle, QWidget* parent)
    : QDialog(parent)
    , m_context(context)
    , m_ruleUid(ruleUid)
    , m_key(new QComboBox(this))
    , m_field(new QLineEdit(this))
    , m_window(new QSpinBox(this))
    , m_unit(new QComboBox(this))
    , m_message(new QLabel(this))
{
    setWindowTitle(tr("Incident grouping"));
    auto* title = new QLabel(ruleTitle, this);
    title->setTextFormat(Qt::PlainText);
    title->setWordWrap(true);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    auto* intro = new QLabel(tr("Alerts of this rule with the same value of the key, less than "
                                "the window apart, join one incident and raise its count. "
                                "Applies to alerts recorded from now on."),
                             this);
    intro->setWordWrap(true);
    m_key->addItem(tr("Host"), QStringLiteral("host"));
    m_key->addItem(tr("User"), QStringLiteral("user"));
    m_key->addItem(tr("Source address"), QStringLiteral("src_ip"));
    m_key->addItem(tr("A chosen event field"), QStringLiteral("field"));
    m_field->setPlaceholderText(tr("Field name, e.g. TargetUserName"));
    m_window->setRange(1, 999);
    m_unit->addItem(tr("minutes"), 60);
    m_unit->addItem(tr("hours"), 3600);
    m_unit->addItem(tr("days"), 86400);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setWordWrap(true);
    auto* window = new QHBoxLayout;
    window->addWidget(m_window);
    window->addWidget(m_unit);
    window->addStretch(1);
    auto* form = new QFormLayout;
    form->addRow(tr("Group by &rule and:"), m_key);
    form->addRow(tr("&Field:"), m_field);
    form->addRow(tr("Window:"), window);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    resize(480, 280);

    connect(buttons, &QDialogButtonBox::accepted, this, &GroupingDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_key, &QComboBox::currentIndexChanged, this, &GroupingDialog::updateState);
    auto current = RuleGrouping::load(context.reader(), ruleUid, kDefaultIncidentWindowNs);
    if (current) {
        setInputs(current->key.code(), int(current->windowNs / (60 * kNsPerSecond)));
        m_message->setText(current->stored ? tr("Now: %1 within %2.")
                                                 .arg(current->key.code(),
                                                      durationText(current->windowNs))
                                           : tr("Now: the default, host within 1h."));
    } else {
        m_message->setText(current.error().message);
    }
}

void GroupingDialog::setInputs(const QString& key, int windowMinutes)
{
    const bool field = key.startsWith(u"field:");
    m_key->setCurrentIndex(m_key->findData(field ? QStringLiteral("field") : key));
    m_field->setText(field ? key.mid(6) : QString());
    const bool days = windowMinutes % 1440 == 0;
    const bool hours = windowMinutes % 60 == 0;
    m_unit->setCurrentIndex(days ? 2 : hours ? 1 : 0);
    m_window->setValue(days ? windowMinutes / 1440 : hours ? windowMinutes / 60 : windowMinutes);
    updateState();
}

void GroupingDialog::updateState()
{
    m_field->setEnabled(m_key->currentData().toString() == u"field");
}

void GroupingDialog::accept()
{
    const QString kind = m_key->currentData().toString();
    const QString code = kind == u"field" ? QStringLiteral("field:") + m_field->text().trimmed()
                                          : kind;
    QString why;
    const auto key = GroupingKey::parse(code, &why);
    if (!key) {
        m_message->setText(why);
        return;
    }
    GroupingSetting g;
    g.ruleUid = m_ruleUid;
    g.key = *key;
    g.windowNs = qint64(m_window->value()) * m_unit->currentData().toLongLong() * kNsPerSecond;
    if (auto r = RuleGrouping::save(m_context.writer(), g, localActor()); !r) {
        m_message->setText(tr("Not saved: %1").arg(r.error().message));
        return;
    }
    QDialog::accept();
}

} // namespace vigil
