// renderHtml(): the report document as one self-contained, print-friendly HTML page.
//
// Every piece of text is escaped, whoever wrote it; the only markup is this file's own. The page
// holds no scripts and references nothing outside itself, and its Content-Security-Policy forbids
// both, so even a browser that met an escaping bug would not run or fetch anything.
#include "report/incident_report.h"
#include "report/report_text.h"
#include "util/text.h"

namespace vigil {

namespace {

using report::Block;
using report::Span;
using report::Tone;

constexpr char16_t kStyle[] = uR"css(
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; font-size: 10pt; color: #1a1a1a;
       margin: 2em auto; max-width: 64em; padding: 0 1em; line-height: 1.35; }
h1 { font-size: 18pt; margin: 0 0 0.2em 0; }
h2 { font-size: 13pt; margin: 1.4em 0 0.4em 0; border-bottom: 1px solid #999; padding-bottom: 2px; }
h3 { font-size: 11pt; margin: 1em 0 0.3em 0; }
p { margin: 0.3em 0 0.6em 0; }
table { border-collapse: collapse; width: 100%; margin: 0.3em 0 0.8em 0; }
th, td { border: 1px solid #b8b8b8; padding: 3px 5px; text-align: left; vertical-align: top; }
th { background-color: #ececec; font-weight: bold; }
table.kv th { width: 28%; }
.mono { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 8.5pt; word-break: break-all; }
.good { color: #1e6b22; font-weight: bold; }
.bad { color: #b00020; font-weight: bold; }
.muted { color: #5f5f5f; }
table.banner td { border: 2px solid #777; padding: 6px 8px; }
table.banner.bad td { border-color: #b00020; background-color: #fdecee; }
table.banner.good td { border-color: #1e6b22; background-color: #edf7ed; }
pre.literal { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 9pt;
              white-space: pre-wrap; background-color: #f5f5f5; border: 1px solid #ddd;
              padding: 5px 7px; margin: 0.2em 0 0.8em 0; }
.tlp { background-color: #000000; font-weight: bold; padding: 0 3px; }
.tlp-clear { color: #ffffff; }
.tlp-green { color: #33ff00; }
.tlp-amber, .tlp-amber-strict { color: #ffc000; }
.tlp-red { color: #ff2b2b; }
.page-break { page-break-before: always; }
@page { size: A4; margin: 15mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 9pt; }
  h2, h3 { page-break-after: avoid; }
  tr, pre.literal, table.banner { page-break-inside: avoid; }
  thead { display: table-header-group; }
}
)css";

// Qt's rich-text layout (QTextDocument) knows a subset of CSS 2: no auto margins, max-width,
// line-height or @media. The PDF pages get a flat stylesheet it lays out as intended: tables the
// full width of the page, tight cells, monospace that may break anywhere.
constexpr char16_t kQtPrintStyle[] = uR"css(
body { font-family: "DejaVu Sans"; font-size: 8.5pt; color: #1a1a1a; }
h1 { font-size: 16pt; margin-top: 0; margin-bottom: 2px; }
h2 { font-size: 12pt; margin-top: 12px; margin-bottom: 4px; }
h3 { font-size: 10pt; margin-top: 8px; margin-bottom: 3px; }
p { margin-top: 2px; margin-bottom: 5px; }
table { border-collapse: collapse; margin-top: 2px; margin-bottom: 6px; }
th, td { border: 1px solid #b8b8b8; padding: 2px; text-align: left; vertical-align: top; }
th { background-color: #ececec; font-weight: bold; }
.mono { font-family: "DejaVu Sans Mono"; font-size: 7.5pt; }
.good { color: #1e6b22; font-weight: bold; }
.bad { color: #b00020; font-weight: bold; }
.muted { color: #5f5f5f; }
table.banner td { border: 2px solid #777; padding: 4px; }
table.banner.bad td { border-color: #b00020; background-color: #fdecee; }
table.banner.good td { border-color: #1e6b22; background-color: #edf7ed; }
pre.literal { font-family: "DejaVu Sans Mono"; font-size: 7.5pt; white-space: pre-wrap;
              background-color: #f5f5f5; margin-top: 2px; margin-bottom: 6px; }
.tlp { background-color: #000000; font-weight: bold; }
.tlp-clear { color: #ffffff; }
.tlp-green { color: #33ff00; }
.tlp-amber, .tlp-amber-strict { color: #ffc000; }
.tlp-red { color: #ff2b2b; }
.page-break { page-break-before: always; }
)css";

// Escapes any text for element content and attribute values; line breaks stay line breaks.
QString esc(const QString& text)
{
    QString out = escapeControls(text, true).toHtmlEscaped();
    out.replace(u'\'', QStringLiteral("&#39;"));
    return out;
}

QString toneClass(Tone tone)
{
    switch (tone) {
    case Tone::Plain:
        return {};
    case Tone::Good:
        return QStringLiteral("good");
    case Tone::Bad:
        return QStringLiteral("bad");
    case Tone::Muted:
        return QStringLiteral("muted");
    case Tone::TlpClear:
        return QStringLiteral("tlp tlp-clear");
    case Tone::TlpGreen:
        return QStringLiteral("tlp tlp-green");
    case Tone::TlpAmber:
        return QStringLiteral("tlp tlp-amber");
    case Tone::TlpAmberStrict:
        return QStringLiteral("tlp tlp-amber-strict");
    case Tone::TlpRed:
        return QStringLiteral("tlp tlp-red");
    }
    return {};
}

QString span(const Span& s)
{
    QStringList classes;
    if (s.mono) {
        classes << QStringLiteral("mono");
    }
    if (const QString tone = toneClass(s.tone); !tone.isEmpty()) {
        classes << tone;
    }
    QString text = esc(s.text);
    text.replace(u'\n', QStringLiteral("<br>"));
    if (classes.isEmpty()) {
        return text;
    }
    return QStringLiteral("<span class=\"") + classes.join(u' ') + QStringLiteral("\">") + text
        + QStringLiteral("</span>");
}

QString spans(const std::vector<Span>& list)
{
    QString out;
    for (const Span& s : list) {
        out += (out.isEmpty() ? QString() : QStringLiteral(" ")) + span(s);
    }
    return out;
}

QString table(const Block& b)
{
    QString out = QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"3\" "
                                 "width=\"100%\">\n<thead><tr>");
    for (const QString& h : b.headers) {
        out += QStringLiteral("<th>") + esc(h) + QStringLiteral("</th>");
    }
    out += QStringLiteral("</tr></thead>\n<tbody>\n");
    for (const auto& row : b.rows) {
        out += QStringLiteral("<tr>");
        for (const Span& cell : row) {
            out += QStringLiteral("<td>") + span(cell) + QStringLiteral("</td>");
        }
        out += QStringLiteral("</tr>\n");
    }
    return out + QStringLiteral("</tbody></table>\n");
}

QString keyValues(const Block& b)
{
    QString out = QStringLiteral("<table class=\"kv\" border=\"1\" cellspacing=\"0\" "
                                 "cellpadding=\"3\" width=\"100%\">\n");
    for (const auto& row : b.rows) {
        if (row.size() == 2) {
            out += QStringLiteral("<tr><th>") + span(row[0]) + QStringLiteral("</th><td>")
                + span(row[1]) + QStringLiteral("</td></tr>\n");
        }
    }
    return out + QStringLiteral("</table>\n");
}

QString banner(const Block& b)
{
    const QString tone = b.tone == Tone::Bad ? QStringLiteral("bad") : QStringLiteral("good");
    QString out = QStringLiteral("<table class=\"banner ") + tone
        + QStringLiteral("\" border=\"1\" cellspacing=\"0\" cellpadding=\"6\" width=\"100%\">"
                         "<tr><td><p class=\"")
        + tone + QStringLiteral("\">") + spans(b.spans) + QStringLiteral("</p>");
    if (!b.lines.isEmpty()) {
        out += QStringLiteral("<ul>");
        for (const QString& line : b.lines) {
            out += QStringLiteral("<li>") + esc(line) + QStringLiteral("</li>");
        }
        out += QStringLiteral("</ul>");
    }
    return out + QStringLiteral("</td></tr></table>\n");
}

QString block(const Block& b)
{
    switch (b.kind) {
    case Block::Kind::Heading: {
        const QString tag = QStringLiteral("h%1").arg(std::clamp(b.level, 1, 6));
        const QString cls = b.pageBreakBefore ? QStringLiteral(" class=\"page-break\"") : QString();
        return u'<' + tag + cls + u'>' + spans(b.spans) + QStringLiteral("</") + tag
            + QStringLiteral(">\n");
    }
    case Block::Kind::Paragraph:
        return QStringLiteral("<p>") + spans(b.spans) + QStringLiteral("</p>\n");
    case Block::Kind::Banner:
        return banner(b);
    case Block::Kind::KeyValues:
        return keyValues(b);
    case Block::Kind::Table:
        return table(b);
    case Block::Kind::Literal:
        return QStringLiteral("<pre class=\"literal\">") + esc(b.literal) + QStringLiteral("</pre>\n");
    }
    return {};
}

} // namespace

QString renderHtml(const IncidentReport& r, HtmlFlavour flavour)
{
    const char16_t* style = flavour == HtmlFlavour::QtPrint ? kQtPrintStyle : kStyle;
    const report::Document doc = report::buildDocument(r);
    QString out = QStringLiteral(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; img-src 'none'; form-action 'none'; base-uri 'none'\">\n"
        "<meta name=\"referrer\" content=\"no-referrer\">\n"
        "<meta name=\"generator\" content=\"Vigil\">\n<title>");
    out += esc(doc.title) + QStringLiteral("</title>\n<style>") + QString::fromUtf16(style)
        + QStringLiteral("</style>\n</head>\n<body>\n");
    for (const Block& b : doc.blocks) {
        out += block(b);
    }
    return out + QStringLiteral("</body>\n</html>\n");
}

} // namespace vigil
