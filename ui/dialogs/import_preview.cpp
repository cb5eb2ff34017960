#include "dialogs/import_preview.h"

#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent>

#include "ingest/input_paths.h"
#include "util/text.h"
#include "util/timestamp.h"

namespace vigil {

namespace {

constexpr int kPreviewRecords = 50;

// Columns: where, time, host, then the common fields an analyst checks first.
const char* const kColumns[] = {
    QT_TRANSLATE_NOOP("ImportPreview", "Line"),    QT_TRANSLATE_NOOP("ImportPreview", "Time (UTC)"),
    QT_TRANSLATE_NOOP("ImportPreview", "Host"),    QT_TRANSLATE_NOOP("ImportPreview", "Category"),
    QT_TRANSLATE_NOOP("ImportPreview", "Action"),  QT_TRANSLATE_NOOP("ImportPreview", "Outcome"),
    QT_TRANSLATE_NOOP("ImportPreview", "Source"),  QT_TRANSLATE_NOOP("ImportPreview", "Destination"),
    QT_TRANSLATE_NOOP("ImportPreview", "User"),    QT_TRANSLATE_NOOP("ImportPreview", "Summary"),
};

QString common(const Event& e, const char16_t* name)
{
    const FieldValue* v = e.common.find(QStringView(name));
    return v ? v->text() : QString();
}

QString endpoint(const Event& e, const char16_t* ip, const char16_t* port)
{
    const QString address = common(e, ip);
    const QString p = common(e, port);
    if (address.isEmpty()) {
        return p.isEmpty() ? QString() : u':' + p;
    }
    return p.isEmpty() ? address : address + u':' + p;
}

// Cells show plain text (no markup is interpreted in item text); tool tips are rich text in Qt,
// so the raw record is escaped there.
QStandardItem* cell(const QString& text, const QByteArray& raw)
{
    auto* item = new QStandardItem(escapeControls(text, false));
    item->setEditable(false);
    item->setToolTip(u"<p style='white-space:pre-wrap'>"
                     + escapeControls(QString::fromUtf8(raw.left(2000)), true).toHtmlEscaped()
                     + u"</p>");
    return item;
}

QString firstFile(const QString& path)
{
    if (!QFileInfo(path).isDir()) {
        return path;
    }
    return expandPaths({path}, nullptr).value(0);
}

} // namespace

ImportPreview::ImportPreview(QWidget* parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_table(new QTableView(this))
    , m_model(new QStandardItemModel(this))
{
    m_title->setWordWrap(true);
    m_title->setTextFormat(Qt::PlainText);
    QStringList headers;
    for (const char* c : kColumns) {
        headers << tr(c);
    }
    m_model->setHorizontalHeaderLabels(headers);
    m_table->setModel(m_model);
    m_table->setObjectName(QStringLiteral("importPreviewTable"));
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_table, 1);
    m_title->setText(tr("Select a file above to preview its first records as they will be stored."));
    // setFuture() forgets the previous future: only the latest preview asked for reports back.
    connect(&m_watcher, &QFutureWatcher<FilePreview>::finished, this, &ImportPreview::showResult);
}

ImportPreview::~ImportPreview()
{
    m_watcher.waitForFinished();
}

void ImportPreview::show(const QString& path, const IngestOptions& options)
{
    m_model->removeRows(0, m_model->rowCount());
    m_cleared = path.isEmpty();
    if (path.isEmpty()) {
        m_title->setText(tr("Select a file above to preview its first records as they will be stored."));
        return;
    }
    m_title->setText(tr("Reading %1…").arg(QFileInfo(path).fileName()));
    m_watcher.setFuture(QtConcurrent::run([path, options] {
        const QString file = firstFile(path);
        if (file.isEmpty()) {
            FilePreview none;
            none.path = path;
            none.problem = QStringLiteral("the folder holds no files");
            return none;
        }
        return previewFile(file, options, kPreviewRecords);
    }));
}

void ImportPreview::showResult()
{
    if (m_cleared) {
        return; // the file was removed from the list while it was being read
    }
    m_current = m_watcher.result();
    fill(m_current);
    emit previewShown();
}

void ImportPreview::fill(const FilePreview& p)
{
    const QString name = QFileInfo(p.path).fileName();
    if (!p.problem.isEmpty()) {
        m_title->setText(tr("%1: %2").arg(name, p.problem));
        return;
    }
    qsizetype rejected = 0;
    for (const PreviewRecord& r : p.records) {
        rejected += r.rejected ? 1 : 0;
    }
    QString title = tr("%1 — detected format: %2 — first %n record(s) as they will be stored", nullptr,
                       int(p.records.size()))
                        .arg(name, p.format);
    if (rejected > 0) {
        title += tr("; %n would go to quarantine (shown in red, with the reason)", nullptr,
                    int(rejected));
    }
    if (!p.notes.isEmpty()) {
        title += u"\n" + p.notes.join(u"\n");
    }
    m_title->setText(title);
    const QBrush rejectBrush(QColor(0xb0, 0x00, 0x20));
    for (const PreviewRecord& r : p.records) {
        QList<QStandardItem*> row;
        const QString line = r.line > 0 ? QString::number(r.line) : QString();
        if (r.rejected) {
            row << cell(line, r.raw);
            for (int c = 1; c < 9; ++c) {
                row << cell(QString(), r.raw);
            }
            row << cell(tr("rejected: %1").arg(r.reason), r.raw);
            for (QStandardItem* i : row) {
                i->setForeground(rejectBrush);
            }
        } else {
            const Event& e = r.event;
            const QString time = e.timeSource == TimeSource::Event
                ? formatUtc(e.timeNs, e.timeDigits)
                : tr("%1 (received)").arg(formatUtc(e.receivedNs, 0));
            row << cell(line, r.raw) << cell(time, r.raw) << cell(e.host, r.raw)
                << cell(common(e, u"category"), r.raw) << cell(common(e, u"action"), r.raw)
                << cell(common(e, u"outcome"), r.raw)
                << cell(endpoint(e, u"src_ip", u"src_port"), r.raw)
                << cell(endpoint(e, u"dst_ip", u"dst_port"), r.raw)
                << cell(common(e, u"user"), r.raw) << cell(e.summary, r.raw);
        }
        m_model->appendRow(row);
    }
    m_table->resizeColumnsToContents();
    for (int c = 0; c < m_model->columnCount() - 1; ++c) {
        m_table->setColumnWidth(c, std::min(m_table->columnWidth(c), 220));
    }
}

} // namespace vigil
