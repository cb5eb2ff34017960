#pragma once

#include <QByteArrayView>
#include <QString>

namespace vigil {

struct Event;
struct ParseContext;

/**
 * @brief Reads one ArcSight CEF record (`CEF:Version|Vendor|Product|Version|SignatureID|Name|
 * Severity|Extension`) that starts at @p cef into @p out's fields and common fields.
 *
 * The header is split at unescaped '|' (`\|` and `\\` are undone); the extension is
 * `key=value` pairs separated by spaces, where a value runs up to the space before the next
 * `key=` — so values may hold spaces and unescaped '=' (base64 padding) — and `\=`, `\\`, `\n`,
 * `\r`, `\|` are undone. Empty values stay empty strings; trailing spaces of a value are dropped.
 * Fields: cef_version, device_vendor, device_product, device_version, signature_id, name,
 * severity, then every extension key as written (a repeated key becomes a list). Text before the
 * first `key=` is kept as `unparsed`.
 *
 * Time comes from `rt`, `end` or `start` when present (the caller's time stays otherwise); the
 * host from `dvchost`. Returns false with @p reason when the header has fewer than seven parts.
 */
bool readCef(QByteArrayView cef, const ParseContext& ctx, Event& out, QString& reason);

/**
 * @brief Splits `key=value` attributes the way CEF extensions are written (see readCef()) and
 * appends them to @p out's fields; shared with LEEF when its delimiter is a space.
 */
void readCefExtension(QByteArrayView ext, Event& out);

} // namespace vigil
