#pragma once

#include <vector>

#include <QByteArray>
#include <QString>
#include <QStringView>

namespace vigil::sigma::detail {

/**
 * @brief A Sigma string value after escape processing: characters, each either literal or a
 * wildcard (`*` any run, `?` exactly one UTF-16 code unit).
 *
 * Escapes follow sigma-semantics.md §3: `\*`, `\?` and `\\` give the literal character; a
 * backslash before any other character, and a trailing backslash, stay literal.
 */
class SigmaString {
public:
    enum class Kind : quint8 { Literal, Star, QuestionMark };

    SigmaString() = default;
    /** @brief Parses @p text with Sigma's escape and wildcard rules. */
    static SigmaString parse(QStringView text);
    /** @brief A value without any wildcard (text taken as is). */
    static SigmaString literal(QStringView text);

    qsizetype size() const { return m_chars.size(); }
    bool isEmpty() const { return m_chars.isEmpty(); }
    QChar charAt(qsizetype i) const { return m_chars.at(i); }
    Kind kindAt(qsizetype i) const { return m_kinds.at(i); }
    bool hasWildcards() const;
    /** @brief The literal characters only (meaningful when hasWildcards() is false). */
    const QString& chars() const { return m_chars; }

    void appendLiteral(QChar c);
    void appendLiteral(QStringView s);
    void appendWildcard(Kind kind);
    /** @brief Adds `*` at the start and/or the end where one is not there already. */
    void addStars(bool atStart, bool atEnd);

    /** @brief Readable form with `*`/`?` wildcards and escaped literal `*`, `?`, `\`. */
    QString toDisplay() const;

private:
    QString m_chars;
    std::vector<Kind> m_kinds;
};

/**
 * @brief Expands `-` and `/` that start an option into the five Windows dash forms
 * (sigma-semantics.md §4, pySigma rule `\B[-/]\b`). Returns false when the number of
 * alternatives would exceed @p limit.
 */
bool expandWindash(const SigmaString& value, std::vector<SigmaString>& out, int limit);

/** @brief Standard base64 (with `=` padding) of @p bytes as a QString. */
QString base64Text(const QByteArray& bytes);

/** @brief The three base64offset alternatives of @p bytes (sigma-semantics.md §4). */
std::vector<QString> base64OffsetAlternatives(const QByteArray& bytes);

/** @brief UTF-16 encodings used by the utf16le/wide, utf16be and utf16 (BOM FF FE) modifiers. */
QByteArray encodeUtf16Le(QStringView text);
QByteArray encodeUtf16Be(QStringView text);
QByteArray encodeUtf16WithBom(QStringView text);

} // namespace vigil::sigma::detail
