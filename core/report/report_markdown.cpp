// renderMarkdown(): the report document as GitHub-flavoured Markdown.
//
// Stored text (event values, titles, notes, hosts …) never becomes Markdown: single values are
// code spans and multi-line text is a fenced code block, each fenced with more backticks than the
// text holds, so no HTML, link, image or emphasis in the data is ever interpreted.
#include "report/incident_report.h"
#include "report/report_text.h"
#include "util/text.h"

namespace vigil {

namespace {

using report::Block;
using report::Span;
using report::Tone;

int longestBacktickRun(const QString& text)
{
    int longest = 0;
    int run = 0;
    for (QChar c : text) {
        run = c == u'`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return longest;
}

// A code span showing @p text exactly (on one line); in a table, '|' is escaped as GFM requires.
QString codeSpan(const QString& text, bool inTable)
{
    if (text.isEmpty()) {
        return QStringLiteral("—");
    }
    QString t = escapeControls(text, false);
    if (inTable) {
        t.replace(u'|', QStringLiteral("\\|"));
    }
    const QString fence(longestBacktickRun(t) + 1, u'`');
    // One space each side is removed again by the renderer; it keeps edge backticks apart.
    const bool pad = t.startsWith(u'`') || t.endsWith(u'`') || t.startsWith(u' ') || t.endsWith(u' ');
    return pad ? QString(fence + u' ' + t + u' ' + fence) : QString(fence + t + fence);
}

// Vigil's own text: plain words, with Markdown's active characters escaped all the same.
QString prose(const QString& text)
{
    QString out;
    const QString t = escapeControls(text, false);
    for (qsizetype i = 0; i < t.size(); ++i) {
        // '#' opens a heading only at the start of a line.
        if (QStringView(u"\\`*_[]<>|~&").contains(t[i]) || (i == 0 && t[i] == u'#')) {
            out += u'\\';
        }
        out += t[i];
    }
    return out;
}

QString span(const Span& s, bool inTable)
{
    if (s.stored || s.mono) {
        return codeSpan(s.text, inTable);
    }
    const QString text = prose(s.text);
    return s.tone == Tone::Bad ? QString(QStringLiteral("**") + text + QStringLiteral("**")) : text;
}

QString spans(const std::vector<Span>& list, bool inTable)
{
    QString out;
    for (const Span& s : list) {
        out += (out.isEmpty() ? QString() : QStringLiteral(" ")) + span(s, inTable);
    }
    return out;
}

QString fenced(const QString& text)
{
    QString body = text;
    body.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    body.replace(u'\r', u'\n');
    body = escapeControls(body, true);
    if (!body.endsWith(u'\n')) {
        body += u'\n';
    }
    const QString fence(std::max(3, longestBacktickRun(body) + 1), u'`');
    return fence + QStringLiteral("text\n") + body + fence + QStringLiteral("\n\n");
}

QString table(const Block& b)
{
    QString out = QStringLiteral("|");
    QString rule = QStringLiteral("|");
    for (const QString& h : b.headers) {
        out += u' ' + prose(h) + QStringLiteral(" |");
        rule += QStringLiteral("---|");
    }
    out += u'\n' + rule + u'\n';
    for (const auto& row : b.rows) {
        out += u'|';
        for (const Span& cell : row) {
            out += u' ' + span(cell, true) + QStringLiteral(" |");
        }
        out += u'\n';
    }
    return out + u'\n';
}

QString block(const Block& b)
{
    switch (b.kind) {
    case Block::Kind::Heading:
        return QString(std::clamp(b.level, 1, 6), u'#') + u' ' + spans(b.spans, false)
            + QStringLiteral("\n\n");
    case Block::Kind::Paragraph:
        return spans(b.spans, false) + QStringLiteral("\n\n");
    case Block::Kind::Banner: {
        QString out = QStringLiteral("> **") + spans(b.spans, false) + QStringLiteral("**\n");
        for (const QString& line : b.lines) {
            out += QStringLiteral(">\n> - ") + codeSpan(line, false) + u'\n';
        }
        return out + u'\n';
    }
    case Block::Kind::KeyValues: {
        QString out;
        for (const auto& row : b.rows) {
            if (row.size() == 2) {
                out += QStringLiteral("- **") + span(row[0], false) + QStringLiteral(":** ")
                    + span(row[1], false) + u'\n';
            }
        }
        return out + u'\n';
    }
    case Block::Kind::Table:
        return table(b);
    case Block::Kind::Literal:
        return fenced(b.literal);
    }
    return {};
}

} // namespace

QString renderMarkdown(const IncidentReport& r)
{
    const report::Document doc = report::buildDocument(r);
    QString out;
    for (const Block& b : doc.blocks) {
        out += block(b);
    }
    return out;
}

} // namespace vigil
