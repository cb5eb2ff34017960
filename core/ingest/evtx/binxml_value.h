#pragma once

#include <functional>
#include <vector>

#include <QString>

namespace vigil::evtx {

/**
 * @brief Appends the text form of a BinXML value as Windows renders it: strings without their
 * terminating NULs, integers in decimal, hex integers as `0x1f` (no padding), GUIDs as
 * `{XXXXXXXX-...}`, SIDs as `S-1-5-...`, FILETIME as ISO 8601 with 7 fractional digits (100 ns),
 * binary as upper-case hex. Arrays are joined with ", ". Sizes that do not fit the type are shown
 * as hex bytes rather than guessed at.
 */
void appendValueText(QString& out, quint8 type, const uchar* data, quint32 size);

/**
 * @brief Calls @p fn(type, data, size) for each element of an array value (type with 0x80): the
 * base type and the element's bytes (strings without their NUL). Bytes that do not divide into
 * elements come as one kBinary element.
 */
void forEachArrayItem(quint8 type, const uchar* data, quint32 size,
                      const std::function<void(quint8, const uchar*, quint32)>& fn);

/** @brief The items of an array value (type with 0x80) as text, one per element. */
std::vector<QString> arrayItems(quint8 type, const uchar* data, quint32 size);

/** @brief Appends @p chars UTF-16LE code units from unaligned bytes. */
void appendUtf16(QString& out, const uchar* data, std::size_t chars);

/** @brief ISO 8601 UTC text for a FILETIME (100 ns ticks since 1601), 7 fractional digits. */
QString fileTimeText(quint64 fileTime);

/** @brief Nanoseconds since 1970 for a FILETIME, or false when outside Vigil's year range. */
bool fileTimeToNs(quint64 fileTime, qint64& ns);

} // namespace vigil::evtx
