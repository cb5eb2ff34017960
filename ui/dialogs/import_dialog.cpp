#include "dialogs/import_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTimeZone>
#include <QVBoxLayout>

#include "dialogs/import_preview.h"
#include "ingest/parser.h"

namespace vigil {

ImportDialog::ImportDialog(QWidget* parent)
    : QDialog(parent)
    , m_list(new QListWidget(this))
    , m_format(new QComboBox(this))
    , m_zone(new QComboBox(this))
    , m_reimport(new QCheckBox(tr("Import files again even if the same content was imported before"), this))
{
    setWindowTitle(tr("Import log files"));
    auto* intro = new QLabel(tr("Vigil stores every record, runs the enabled rules of the library "
                                "on the new events and groups the alerts into incidents. Records "
                                "that cannot be parsed are kept in quarantine with the reason."),
                             this);
    intro->setWordWrap(true);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    auto* addFiles = new QPushButton(tr("Add files…"), this);
    auto* addFolder = new QPushButton(tr("Add folder…"), this);
    m_remove = new QPushButton(tr("Remove"), this);
    auto* listButtons = new QVBoxLayout;
    listButtons->addWidget(addFiles);
    listButtons->addWidget(addFolder);
    listButtons->addWidget(m_remove);
    listButtons->addStretch(1);
    auto* listRow = new QHBoxLayout;
    listRow->addWidget(m_list, 1);
    listRow->addLayout(listButtons);

    m_format->addItem(tr("Detect per file"), QString());
    for (const QString& f : knownFormats()) {
        m_format->addItem(f, f);
    }
    m_zone->setEditable(true);
    m_zone->addItem(QStringLiteral("UTC"));
    const QByteArray local = QTimeZone::systemTimeZoneId();
    if (!local.isEmpty() && local != "UTC") {
        m_zone->addItem(QString::fromUtf8(local));
    }
    for (const QByteArray& id : QTimeZone::availableTimeZoneIds()) {
        m_zone->addItem(QString::fromUtf8(id));
    }
    m_zone->setToolTip(tr("How to read timestamps that carry no time zone (syslog, many text "
                          "logs); times with a zone are always exact"));

    auto* form = new QFormLayout;
    form->addRow(tr("&Format:"), m_format);
    form->addRow(tr("&Time zone of zone-less times:"), m_zone);
    form->addRow(QString(), m_reimport);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_import = buttons->addButton(tr("Import"), QDialogButtonBox::AcceptRole);
    m_preview = new ImportPreview(this);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(listRow, 1);
    layout->addLayout(form);
    layout->addWidget(m_preview, 2);
    layout->addWidget(buttons);
    resize(1000, 680);

    connect(addFiles, &QPushButton::clicked, this, &ImportDialog::addFiles);
    connect(addFolder, &QPushButton::clicked, this, &ImportDialog::addFolder);
    connect(m_remove, &QPushButton::clicked, this, &ImportDialog::removeSelected);
    connect(m_list, &QListWidget::itemSelectionChanged, this, &ImportDialog::updateButtons);
    connect(m_list, &QListWidget::currentItemChanged, this, &ImportDialog::updatePreview);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ImportDialog::updatePreview);
    connect(m_zone, &QComboBox::currentTextChanged, this, &ImportDialog::updatePreview);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateButtons();
}

void ImportDialog::setPaths(const QStringList& paths)
{
    m_list->clear();
    m_list->addItems(paths);
    m_list->setCurrentRow(paths.isEmpty() ? -1 : 0);
    updateButtons();
}

void ImportDialog::updatePreview()
{
    const QListWidgetItem* item = m_list->currentItem();
    m_preview->show(item ? item->text() : QString(), options());
}

QStringList ImportDialog::paths() const
{
    QStringList out;
    for (int i = 0; i < m_list->count(); ++i) {
        out << m_list->item(i)->text();
    }
    return out;
}

IngestOptions ImportDialog::options() const
{
    IngestOptions o;
    o.format = m_format->currentData().toString();
    const QTimeZone zone(m_zone->currentText().trimmed().toUtf8());
    o.zone = zone.isValid() ? zone : QTimeZone::utc();
    o.reimport = m_reimport->isChecked();
    return o;
}

void ImportDialog::addFiles()
{
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Choose log files"), QString(),
        tr("Log files (*.log *.txt *.json *.jsonl *.ndjson *.0 *.1 *.2);;All files (*)"));
    for (const QString& f : files) {
        if (m_list->findItems(f, Qt::MatchExactly).isEmpty()) {
            m_list->addItem(f);
        }
    }
    if (!m_list->currentItem() && m_list->count() > 0) {
        m_list->setCurrentRow(0);
    }
    updateButtons();
}

void ImportDialog::addFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose a folder of logs"));
    if (!dir.isEmpty() && m_list->findItems(dir, Qt::MatchExactly).isEmpty()) {
        m_list->addItem(dir);
    }
    if (!m_list->currentItem() && m_list->count() > 0) {
        m_list->setCurrentRow(0);
    }
    updateButtons();
}

void ImportDialog::removeSelected()
{
    qDeleteAll(m_list->selectedItems());
    updateButtons();
    updatePreview();
}

void ImportDialog::updateButtons()
{
    m_import->setEnabled(m_list->count() > 0);
    m_remove->setEnabled(!m_list->selectedItems().isEmpty());
}

} // namespace vigil
