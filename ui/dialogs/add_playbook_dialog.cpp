#include "dialogs/add_playbook_dialog.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace vigil {

namespace {

QString phaseHeading(TaskPhase phase)
{
    switch (phase) {
    case TaskPhase::Containment:
        return AddPlaybookDialog::tr("Containment");
    case TaskPhase::Eradication:
        return AddPlaybookDialog::tr("Eradication");
    case TaskPhase::Recovery:
        return AddPlaybookDialog::tr("Recovery");
    }
    return {};
}

QString detailsOf(const Playbook& p)
{
    QStringList fits = p.tags;
    for (const QString& c : p.categories) {
        fits << AddPlaybookDialog::tr("log source category %1").arg(c);
    }
    for (const QString& s : p.services) {
        fits << AddPlaybookDialog::tr("log source service %1").arg(s);
    }
    QString text = p.description + QStringLiteral("\n\n")
        + AddPlaybookDialog::tr("Attached automatically to incidents of rules with: %1")
              .arg(fits.isEmpty() ? AddPlaybookDialog::tr("(nothing: by hand only)")
                                  : fits.join(QStringLiteral(", ")))
        + u'\n' + AddPlaybookDialog::tr("File: %1").arg(p.file) + u'\n';
    for (TaskPhase phase : allTaskPhases()) {
        if (p.taskCount(phase) == 0) {
            continue;
        }
        text += u'\n' + phaseHeading(phase) + u'\n';
        for (const PlaybookTask& t : p.tasks) {
            if (t.phase == phase) {
                text += QStringLiteral("  • ") + t.title + u'\n';
            }
        }
    }
    return text;
}

} // namespace

AddPlaybookDialog::AddPlaybookDialog(QStringList attached, QWidget* parent)
    : QDialog(parent)
    , m_attached(std::move(attached))
    , m_list(new QListWidget(this))
    , m_details(new QPlainTextEdit(this))
    , m_problems(new QLabel(this))
{
    setWindowTitle(tr("Add playbook"));
    m_list->setObjectName(QStringLiteral("playbookList"));
    m_details->setReadOnly(true);
    m_problems->setTextFormat(Qt::PlainText);
    m_problems->setWordWrap(true);
    m_problems->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problems->setStyleSheet(QStringLiteral("color: #b00020;"));
    auto* folder = new QLabel(tr("Your own playbooks (YAML, one per file) go in %1; they are "
                                 "attached automatically like the shipped ones.")
                                  .arg(PlaybookLibrary::userFolder()),
                              this);
    folder->setTextFormat(Qt::PlainText);
    folder->setWordWrap(true);
    folder->setTextInteractionFlags(Qt::TextSelectableByMouse);
    folder->setStyleSheet(QStringLiteral("color: palette(mid);"));

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_list);
    split->addWidget(m_details);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setChildrenCollapsible(false);

    auto* box = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = box->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Add playbook"));
    auto* other = box->addButton(tr("Other folder…"), QDialogButtonBox::ActionRole);
    other->setToolTip(tr("List the playbooks of another folder too."));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(split, 1);
    layout->addWidget(m_problems);
    layout->addWidget(folder);
    layout->addWidget(box);
    resize(820, 480);

    connect(box, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(box, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(other, &QPushButton::clicked, this, &AddPlaybookDialog::chooseFolder);
    connect(m_list, &QListWidget::currentRowChanged, this, &AddPlaybookDialog::showSelected);
    connect(m_list, &QListWidget::itemDoubleClicked, this, [this] {
        if (m_ok->isEnabled()) {
            accept();
        }
    });
    load();
}

void AddPlaybookDialog::addFolder(const QString& folder)
{
    m_extraFolders << folder;
    load();
}

void AddPlaybookDialog::chooseFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder with playbooks"));
    if (!dir.isEmpty()) {
        addFolder(dir);
    }
}

void AddPlaybookDialog::load()
{
    m_library = PlaybookLibrary::loadStandard(m_extraFolders);
    m_list->clear();
    int first = -1;
    for (const Playbook& p : m_library.playbooks()) {
        const bool done = m_attached.contains(p.id);
        auto* item = new QListWidgetItem(
            done ? tr("%1 — attached").arg(p.title)
                 : tr("%1 (%n task(s))", nullptr, int(p.tasks.size())).arg(p.title),
            m_list);
        item->setData(Qt::UserRole, p.id);
        item->setToolTip(p.id.toHtmlEscaped());
        if (done) {
            item->setForeground(palette().color(QPalette::Disabled, QPalette::Text));
        } else if (first < 0) {
            first = m_list->count() - 1;
        }
    }
    QStringList problems;
    for (const Error& e : m_library.issues()) {
        problems << e.toString();
    }
    m_problems->setText(tr("Not loaded:") + u'\n' + problems.join(u'\n'));
    m_problems->setVisible(!problems.isEmpty());
    m_list->setCurrentRow(std::max(first, 0));
    showSelected();
}

void AddPlaybookDialog::select(const QString& id)
{
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->data(Qt::UserRole).toString() == id) {
            m_list->setCurrentRow(i);
        }
    }
}

std::optional<Playbook> AddPlaybookDialog::chosen() const
{
    const QListWidgetItem* item = m_list->currentItem();
    const Playbook* p = item ? m_library.find(item->data(Qt::UserRole).toString()) : nullptr;
    if (!p || m_attached.contains(p->id)) {
        return std::nullopt;
    }
    return *p;
}

void AddPlaybookDialog::showSelected()
{
    const QListWidgetItem* item = m_list->currentItem();
    const Playbook* p = item ? m_library.find(item->data(Qt::UserRole).toString()) : nullptr;
    m_details->setPlainText(p ? detailsOf(*p) : tr("No playbooks could be loaded."));
    m_ok->setEnabled(chosen().has_value());
    m_ok->setToolTip(p && m_attached.contains(p->id)
                         ? tr("This playbook is already attached to the incident.")
                         : QString());
}

} // namespace vigil
