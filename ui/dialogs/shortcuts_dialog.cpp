#include "dialogs/shortcuts_dialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace vigil {

namespace {

QString keysOf(const QAction* a)
{
    QStringList keys;
    for (const QKeySequence& k : a->shortcuts()) {
        keys << k.toString(QKeySequence::NativeText);
    }
    return keys.join(QStringLiteral(" or "));
}

} // namespace

ShortcutsDialog::ShortcutsDialog(const QList<Section>& sections, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Keyboard shortcuts"));
    auto* tree = new QTreeWidget(this);
    tree->setObjectName(QStringLiteral("shortcuts"));
    tree->setColumnCount(2);
    tree->setHeaderLabels({tr("Keys"), tr("Action")});
    tree->setRootIsDecorated(false);
    tree->setAlternatingRowColors(true);
    for (const Section& s : sections) {
        auto* head = new QTreeWidgetItem(tree, {s.title});
        QFont bold = head->font(0);
        bold.setBold(true);
        head->setFont(0, bold);
        head->setFirstColumnSpanned(true);
        for (const QAction* a : s.actions) {
            if (!a->shortcuts().isEmpty()) {
                new QTreeWidgetItem(tree, {keysOf(a), QString(a->text()).remove(u'&')});
            }
        }
        for (const auto& [keys, what] : s.extra) {
            new QTreeWidgetItem(tree, {keys, what});
        }
    }
    tree->resizeColumnToContents(0);
    tree->header()->setStretchLastSection(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(tree, 1);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(520, 560);
}

} // namespace vigil
