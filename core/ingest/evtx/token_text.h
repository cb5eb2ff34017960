#pragma once

#include <QString>

#include "ingest/evtx/binxml_tokens.h"

namespace vigil::evtx {

/** @brief Appends the text of one Text token (values rendered, references resolved). */
void appendPiece(QString& out, const Token& t, const NamePool& names);

/**
 * @brief The text of the Text tokens in [begin, end). A single string piece is returned shared,
 * without a copy (the common case: a template literal such as a Data element's Name).
 */
QString piecesText(const Token* begin, const Token* end, const NamePool& names);

/**
 * @brief Like piecesText(...).trimmed(), without the intermediate copies for the common case of
 * one string value: the blanks are cut from the UTF-16 data before the string is made.
 */
QString trimmedText(const Token* begin, const Token* end, const NamePool& names);

/** @brief Index of the first token at or after @p i that is not a Text token. */
inline std::size_t skipText(const std::vector<Token>& tokens, std::size_t i)
{
    while (i < tokens.size() && tokens[i].kind == TokenKind::Text) {
        ++i;
    }
    return i;
}

} // namespace vigil::evtx
