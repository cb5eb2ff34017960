#include "report/report_export.h"

#include <cstdio>

#include <QAbstractTextDocumentLayout>
#include <QFileInfo>
#include <QPainter>
#include <QPdfWriter>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>

#include "storage/store.h"
#include "util/text.h"
#include "util/timestamp.h"

namespace vigil {

namespace {

constexpr int kResolution = 300;
constexpr qreal kFooterPt = 7.5;

void printErr(const QString& text)
{
    const QByteArray bytes = escapeControls(text, true).toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
}

QString footerText(const IncidentReport& r, int page, int pages)
{
    const QString head = r.chain ? r.chain->headHash.left(16) : QStringLiteral("unchecked");
    return fill(u"Vigil incident report #%1 · generated %2 · journal head %3… · page %4 of %5",
                {QString::number(r.incident.id), formatUtc(r.generatedNs, 0), head,
                 QString::number(page), QString::number(pages)});
}

// Qt's layout ignores `page-break-after: avoid`: a heading can end a page while its table starts
// the next. Each heading whose following block lands on a later page moves to that page, one at a
// time, laying out again after each move (a move shifts everything below it).
void keepHeadingsWithNext(QTextDocument& doc, qreal pageHeight)
{
    auto pageOf = [&](const QTextBlock& b) {
        return int(doc.documentLayout()->blockBoundingRect(b).top() / pageHeight);
    };
    for (int moves = 0; moves < 64; ++moves) {
        bool moved = false;
        for (QTextBlock b = doc.begin(); b.isValid() && !moved; b = b.next()) {
            if (b.blockFormat().headingLevel() == 0
                || b.blockFormat().pageBreakPolicy() & QTextFormat::PageBreak_AlwaysBefore) {
                continue;
            }
            const QTextBlock next = b.next();
            if (next.isValid() && pageOf(next) > pageOf(b)) {
                QTextBlockFormat f = b.blockFormat();
                f.setPageBreakPolicy(QTextFormat::PageBreak_AlwaysBefore);
                QTextCursor(b).setBlockFormat(f);
                moved = true;
            }
        }
        if (!moved) {
            return;
        }
    }
}

} // namespace

Result<int> writePdfReport(const IncidentReport& report, const QString& path)
{
    QPdfWriter writer(path);
    if (!writer.setPageSize(QPageSize(QPageSize::A4))
        || !writer.setPageMargins(QMarginsF(15, 14, 15, 14), QPageLayout::Millimeter)) {
        return makeError(ErrorCode::Io, QStringLiteral("cannot set up the PDF page"));
    }
    writer.setResolution(kResolution);
    writer.setTitle(fill(u"Incident report #%1", {QString::number(report.incident.id)}));
    writer.setCreator(QStringLiteral("Vigil ") + QStringLiteral(VIGIL_VERSION));

    QTextDocument doc;
    doc.documentLayout()->setPaintDevice(&writer);
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPointSizeF(9);
    doc.setDefaultFont(font);
    doc.setHtml(renderHtml(report, HtmlFlavour::QtPrint));

    const QRect paint = writer.pageLayout().paintRectPixels(kResolution);
    QFont footerFont(QStringLiteral("DejaVu Sans"));
    footerFont.setPointSizeF(kFooterPt);
    const qreal footerHeight = QFontMetricsF(footerFont, &writer).height() * 2.5;
    const QSizeF body(paint.width(), paint.height() - footerHeight);
    doc.setPageSize(body);
    keepHeadingsWithNext(doc, body.height());
    const int pages = doc.pageCount();

    QPainter painter;
    if (!painter.begin(&writer)) {
        Error e = makeError(ErrorCode::Io, QStringLiteral("cannot write the PDF"));
        e.file = path;
        return e;
    }
    for (int page = 0; page < pages; ++page) {
        if (page > 0) {
            writer.newPage();
        }
        painter.save();
        painter.translate(0, -page * body.height());
        doc.drawContents(&painter, QRectF(QPointF(0, page * body.height()), body));
        painter.restore();
        painter.setFont(footerFont);
        painter.setPen(QColor(0x55, 0x55, 0x55));
        const QRectF footer(0, body.height() + footerHeight * 0.4, body.width(), footerHeight * 0.6);
        painter.drawText(footer, Qt::AlignLeft | Qt::AlignVCenter,
                         footerText(report, page + 1, pages));
    }
    if (!painter.end()) {
        Error e = makeError(ErrorCode::Io, QStringLiteral("cannot finish the PDF"));
        e.file = path;
        return e;
    }
    if (!QFileInfo(path).isFile() || QFileInfo(path).size() == 0) {
        Error e = makeError(ErrorCode::Io, QStringLiteral("the PDF was not written"));
        e.file = path;
        return e;
    }
    return pages;
}

Result<ReportExportResult> exportIncidentReport(Database& db, qint64 incidentId,
                                                const QString& path)
{
    const auto format = reportFormatForPath(path);
    if (!format) {
        return makeError(ErrorCode::Usage,
                         QStringLiteral("the file name must end in .pdf, .html or .md"));
    }
    auto report = collectIncidentReport(db, incidentId);
    if (!report) {
        return report.error();
    }
    ReportExportResult result;
    result.format = *format;
    result.problems = report->integrityProblems();
    if (*format == ReportFormat::Pdf) {
        auto pages = writePdfReport(*report, path);
        if (!pages) {
            return pages.error();
        }
        result.pages = *pages;
    } else if (auto written = writeTextReport(*report, *format, path); !written) {
        return written.error();
    }
    return result;
}

int runReportCommand(const QString& dbPath, const QString& incident, const QString& outPath)
{
    bool ok = false;
    const qint64 id = incident.toLongLong(&ok);
    if (!ok || id <= 0 || dbPath.isEmpty() || outPath.isEmpty()) {
        printErr(QStringLiteral("usage: vigil --report N --db FILE --out FILE.pdf|FILE.html|FILE.md\n"));
        return 1;
    }
    auto db = Store::openReader(dbPath);
    if (!db) {
        printErr(QStringLiteral("vigil: cannot open the store: ") + db.error().toString() + u'\n');
        return 2;
    }
    auto result = exportIncidentReport(*db, id, outPath);
    if (!result) {
        printErr(QStringLiteral("vigil: report not written: ") + result.error().toString() + u'\n');
        const ErrorCode code = result.error().code;
        return code == ErrorCode::Usage || code == ErrorCode::NotFound ? 1 : 2;
    }
    printErr(result->format == ReportFormat::Pdf
                 ? fill(u"vigil: report of incident %1 written to %2 (%3 pages)\n",
                        {QString::number(id), outPath, QString::number(result->pages)})
                 : fill(u"vigil: report of incident %1 written to %2\n",
                        {QString::number(id), outPath}));
    for (const QString& p : result->problems) {
        printErr(QStringLiteral("vigil: WARNING: ") + p + u'\n');
    }
    return result->problems.isEmpty() ? 0 : 3;
}

} // namespace vigil
