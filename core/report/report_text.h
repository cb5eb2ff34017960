#pragma once

#include <vector>

#include <QString>
#include <QStringList>

namespace vigil {

struct IncidentReport;

/**
 * @brief A report as a format-neutral document: headings, paragraphs, banners, tables and
 * literal text. The Markdown and HTML writers render it; neither decides content.
 */
namespace report {

/** @brief How a piece of text is shown; tones come from this fixed set only. */
enum class Tone : quint8 { Plain, Good, Bad, Muted, TlpClear, TlpGreen, TlpAmber, TlpAmberStrict, TlpRed };

/**
 * @brief One piece of text. @c stored marks text that comes from the store (events, titles,
 * notes, hosts …): Markdown shows it as literal code, HTML escapes everything anyway.
 */
struct Span {
    QString text;
    bool stored = false;
    bool mono = false;
    Tone tone = Tone::Plain;
};

/** @brief Stored text (shown literally). */
Span stored(const QString& text, bool mono = false);
/** @brief Vigil's own text: labels, counts, times. */
Span own(const QString& text, Tone tone = Tone::Plain);

struct Block {
    enum class Kind : quint8 { Heading, Paragraph, Banner, Table, KeyValues, Literal };
    Kind kind = Kind::Paragraph;
    int level = 2;                        ///< Heading: 1..3
    std::vector<Span> spans;              ///< Heading, Paragraph, Banner (one line each)
    QStringList lines;                    ///< Banner: further lines (Vigil's own sentences)
    Tone tone = Tone::Plain;              ///< Banner: Good or Bad
    QStringList headers;                  ///< Table
    std::vector<std::vector<Span>> rows;  ///< Table and KeyValues (label, value)
    QString literal;                      ///< Literal: multi-line stored text, shown as is
    bool pageBreakBefore = false;         ///< printed output starts a new page here
};

struct Document {
    QString title; ///< Vigil's own text plus the incident number (no stored text)
    std::vector<Block> blocks;
};

/** @brief Builds the document of an incident report (sections in the order analysts read). */
Document buildDocument(const IncidentReport& report);

/** @brief The tone for a TLP label ("TLP:RED"), Plain for anything else. */
Tone toneForTlp(const QString& label);

} // namespace report
} // namespace vigil
