#pragma once

#include <QByteArray>
#include <QList>

#include "ingest/parser.h"

namespace vigil {

class FieldValue;

/**
 * @brief Zeek (Bro) ASCII logs: tab-separated values described by the `#fields` and `#types`
 * header lines, with `#separator`, `#set_separator`, `#empty_field`, `#unset_field` and `#path`.
 *
 * Values are typed by `#types`: count, int, port → integers; time, interval, double → numbers
 * with their exact text; bool T/F → true/false; set[...] and vector[...] → lists split at the set
 * separator; anything else → text. The unset token (`-`) gives null, the empty token
 * (`(empty)`) an empty string or an empty list. `\xHH` and `\\` escapes are undone; a value whose
 * bytes are then not valid UTF-8 keeps Zeek's escaped text. A value that does not read as its
 * type (a canonified `XXXXXXXXXX.XXXXXX` time) stays text. Field `_path` holds `#path`.
 * The time is `ts`. A data line before `#fields`, or with another number of values, is rejected.
 * Keeps per-file state: use one instance per file and parseNext().
 */
class ZeekTsvParser final : public LineParser {
public:
    QString format() const override;
    ParseResult parse(QByteArrayView record, const ParseContext& ctx, Event& out) const override;
    ParseResult parseNext(QByteArrayView record, const ParseContext& ctx, Event& out) override;
    bool keepsFileState() const override { return true; }

private:
    enum class Type : quint8 { Text, Integer, Number, Bool, Time };
    struct Column {
        QString name;
        Type type = Type::Text;
        bool container = false;
    };

    void readHeader(QByteArrayView line);
    FieldValue value(QByteArrayView raw, const Column& column) const;
    FieldValue scalar(QByteArrayView raw, Type type) const;

    char m_separator = '\t';
    QByteArray m_setSeparator = ",";
    QByteArray m_empty = "(empty)";
    QByteArray m_unset = "-";
    QString m_path;
    QList<Column> m_columns;
    int m_timeColumn = -1;
};

} // namespace vigil
