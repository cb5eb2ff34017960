#include "dialogs/quarantine_dialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStringDecoder>
#include <QTableWidget>
#include <QVBoxLayout>

#include "storage/database.h"
#include "util/text.h"
#include "util/timestamp.h"
#include "widgets/display_format.h"

namespace vigil {

namespace {

constexpr int kMaxRows = 10000;

} // namespace

QString describeRawBytes(const QByteArray& bytes)
{
    // Decode valid UTF-8 runs, write every byte that is not part of one as \xNN.
    QString out;
    qsizetype i = 0;
    while (i < bytes.size()) {
        qsizetype end = i;
        while (end < bytes.size()) {
            const auto c = static_cast<unsigned char>(bytes[end]);
            int length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
            if (length == 0 || end + length > bytes.size()) {
                break;
            }
            bool valid = true;
            for (int k = 1; k < length; ++k) {
                valid = valid && (static_cast<unsigned char>(bytes[end + k]) >> 6) == 0x2;
            }
            if (!valid) {
                break;
            }
            end += length;
        }
        out += escapeControls(QString::fromUtf8(bytes.constData() + i, end - i), true);
        if (end < bytes.size()) {
            out += QStringLiteral("\\x%1").arg(static_cast<unsigned char>(bytes[end]), 2, 16,
                                              QLatin1Char('0'));
            ++end;
        }
        i = end;
    }
    return out;
}

QuarantineDialog::QuarantineDialog(Database& db, QWidget* parent)
    : QDialog(parent)
    , m_table(new QTableWidget(this))
    , m_raw(new QPlainTextEdit(this))
    , m_count(new QLabel(this))
{
    setWindowTitle(tr("Quarantine: records that could not be parsed"));
    m_table->setColumnCount(4);
    m_table->setHorizontalHeaderLabels({tr("Received (UTC)"), tr("Where"), tr("Format"), tr("Why")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_raw->setReadOnly(true);
    m_raw->setPlaceholderText(tr("Select a record to see its exact bytes."));
    QFont mono(QStringLiteral("Monospace"));
    mono.setStyleHint(QFont::TypeWriter);
    m_raw->setFont(mono);
    m_count->setTextFormat(Qt::PlainText);

    auto s = db.prepare(u"SELECT received_ns, source, line, coalesce(format, ''), reason, raw "
                        u"FROM rejects ORDER BY id DESC LIMIT ?1");
    if (s) {
        s->bind(1, kMaxRows);
        int row = 0;
        while (true) {
            auto r = s->step();
            if (!r || !*r) {
                break;
            }
            m_table->insertRow(row);
            const QStringList cells{formatUtc(s->int64(0), 0),
                                    s->text(1) + u':' + QString::number(s->int64(2)), s->text(3),
                                    s->text(4)};
            for (int c = 0; c < cells.size(); ++c) {
                m_table->setItem(row, c, new QTableWidgetItem(cells[c]));
            }
            m_table->item(row, 0)->setData(Qt::UserRole, s->blob(5));
            ++row;
        }
    }
    m_count->setText(m_table->rowCount() == 0
                         ? tr("No records are in quarantine: everything imported so far was parsed.")
                         : tr("%1 records, newest first (at most %2 are listed). They are kept byte "
                              "for byte; nothing was dropped.")
                               .arg(ui::numberText(m_table->rowCount()), ui::numberText(kMaxRows)));
    m_table->resizeColumnsToContents();

    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(m_raw);
    split->setStretchFactor(0, 3);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_count);
    layout->addWidget(split, 1);
    layout->addWidget(buttons);
    resize(1000, 600);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_table, &QTableWidget::currentCellChanged, this, &QuarantineDialog::showSelected);
}

int QuarantineDialog::rowCount() const
{
    return m_table->rowCount();
}

void QuarantineDialog::showSelected()
{
    const int row = m_table->currentRow();
    QTableWidgetItem* item = row >= 0 ? m_table->item(row, 0) : nullptr;
    m_raw->setPlainText(item ? describeRawBytes(item->data(Qt::UserRole).toByteArray()) : QString());
}

} // namespace vigil
