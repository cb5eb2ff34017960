#pragma once

#include <QByteArrayView>
#include <QString>

namespace vigil {

struct Event;
struct ParseContext;

/**
 * @brief Reads one IBM QRadar LEEF record that starts at @p leef (`LEEF:1.0|Vendor|Product|
 * Version|EventID|attributes` or `LEEF:2.0|Vendor|Product|Version|EventID|Delimiter|attributes`).
 *
 * LEEF 2.0 declares the attribute delimiter as one character or in hex (`0x5E`, `x5E`, `^`);
 * when the part is left out, or in LEEF 1.0, attributes are tab-separated. A 1.0 record without
 * any tab whose attributes are space-separated `key=value` pairs is read like a CEF extension.
 * Values are kept exactly; a part without '=' is kept in `unparsed`; empty parts (a trailing
 * tab) are skipped. Fields: leef_version, device_vendor, device_product, device_version,
 * event_id and the attributes by name. Time from `devTime` when readable (epoch ms, ISO 8601,
 * `MMM dd yyyy HH:mm:ss`), severity from `sev`. Returns false with @p reason when the header has
 * fewer than five parts.
 */
bool readLeef(QByteArrayView leef, const ParseContext& ctx, Event& out, QString& reason);

} // namespace vigil
