#pragma once

#include "ingest/parser.h"

namespace vigil {

class Fields;

/**
 * @brief JSON lines: one object per record, flattened with dots (parseJsonObjectFlat()).
 *
 * Time, host and severity come from the first usable key of fixed lists (`@timestamp`,
 * `TimeCreated_SystemTime`, `__REALTIME_TIMESTAMP` ...; `host`, `Computer` ...; `level`,
 * Windows `Level`, journald `PRIORITY` ...). A record that is not exactly one complete object is
 * rejected with the reason and byte offset. Suricata EVE and Zeek records get the format
 * "suricata-eve" / "zeek-json"; every record gets its Event::common fields (applyJsonVariants()).
 */
class JsonLinesParser final : public LineParser {
public:
    QString format() const override;
    ParseResult parse(QByteArrayView record, const ParseContext& ctx, Event& out) const override;

private:
    /** @brief journald exports (`journalctl -o json`) get format "journald" and syslog names. */
    static void addJournaldFields(Event& out);
};

/** @brief The keys a JSON record's time is read from, in order of preference. */
const QList<QString>& jsonTimeKeys();

/**
 * @brief Syslog severity 0..7 for a level value as JSON logs write it, or -1 when it does not
 * map cleanly: names ("error", "WARN", "TRACE" ...), syslog numbers 0..7, pino/bunyan 10..60.
 * @p windowsLevel reads numbers as the Windows event `Level` (1 critical .. 5 verbose, 0 info).
 */
int severityFromLevel(const QString& text, bool isNumber, bool windowsLevel);

} // namespace vigil
