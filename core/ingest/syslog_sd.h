#pragma once

#include <QByteArrayView>
#include <QString>

namespace vigil {

class Fields;

/**
 * @brief Reads RFC 5424 STRUCTURED-DATA (one or more `[SD-ID name="value" ...]` elements)
 * starting at @p start, which must hold '['.
 *
 * Each parameter becomes the string field `sd.<SD-ID>.<name>`; the escapes `\"`, `\\` and `\]`
 * are undone and any other backslash is kept. A name repeated inside one element becomes a
 * list. Returns the offset after the last element, or -1 with @p error naming the fault and its
 * byte offset.
 */
qsizetype readStructuredData(QByteArrayView s, qsizetype start, Fields& out, QString& error);

} // namespace vigil
