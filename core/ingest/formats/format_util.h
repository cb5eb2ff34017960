#pragma once

#include <optional>
#include <vector>

#include <QByteArrayView>
#include <QString>
#include <QStringView>

namespace vigil {

struct Event;
struct ParseContext;
struct ParseResult;
class FieldValue;
class Fields;

/**
 * @brief Helpers the format parsers share: UTF-8 text, numbers, addresses and the normalised
 * fields of Event::common (see docs/event-fields.md for the names and their meaning).
 */
namespace fmt {

/** @brief The result for a header line: file metadata, neither an event nor a reject. */
ParseResult headerLine();

/** @brief UTF-8 bytes as text (invalid sequences become U+FFFD). */
QString utf8(QByteArrayView bytes);

/** @brief A decimal integer that is exactly @p s (optional leading '-'), else nothing. */
std::optional<qint64> toInt(QByteArrayView s);
std::optional<qint64> toInt(QStringView s);

/** @brief A TCP/UDP port: 0..65535 written as plain digits, else nothing. */
std::optional<int> toPort(QStringView s);

/** @brief True when @p s is a dotted IPv4 address or an IPv6 address (no zone, no brackets). */
bool isIpAddress(QStringView s);

/** @brief Sets common[@p name] to @p text unless it is empty. */
void setCommon(Event& e, const QString& name, const QString& text);
/** @brief Sets common[@p name] to an integer. */
void setCommonInt(Event& e, const QString& name, qint64 value);
/** @brief Sets common[@p name] (src_port, dst_port) when @p text is a port. */
void setCommonPort(Event& e, const QString& name, QStringView text);
/** @brief Sets common[@p name] (src_ip, dst_ip) when @p text is an IP address. */
void setCommonIp(Event& e, const QString& name, QStringView text);
/**
 * @brief Copies the parsed field @p from into common[@p to] when it holds a non-empty scalar;
 * ports and status codes become integers. Returns true when something was copied.
 */
bool copyToCommon(Event& e, QStringView from, const QString& to);

/**
 * @brief Records on the event that its time carried no zone and was read in @p ctx's zone:
 * common `time_zone_assumed` = the zone's IANA id ("UTC" by default).
 */
void noteZoneAssumed(Event& e, const ParseContext& ctx);

/**
 * @brief Appends @p name = @p value; a name seen before keeps every value as one list (as the
 * JSON parser does), so a rule looking for any of them still sees them all.
 */
void addRepeatable(Fields& fields, const QString& name, FieldValue value);

/**
 * @brief The field name for @p key (ASCII or UTF-8 bytes), shared with earlier records: key=value
 * formats repeat the same few keys, and a shared QString costs no allocation. Thread-safe (the
 * cache is per thread).
 */
QString internKey(QByteArrayView key);

/**
 * @brief Appends key=value fields to a record, merging a key that repeats into a list (as
 * addRepeatable()) while checking for repeats by hash, not by comparing every name.
 */
class FieldAppender {
public:
    explicit FieldAppender(Fields& fields);
    void add(const QString& name, FieldValue value);

private:
    Fields& m_fields;
    std::vector<std::size_t> m_hashes;
};

/** @brief Removes @p name from @p fields (order of the others kept). */
void removeField(Fields& fields, QStringView name);

/** @brief "success"/"failure" for the many ways logs write an outcome, else an empty string. */
QString normalizeOutcome(QStringView text);

/**
 * @brief Syslog severity 0..7 for a 0..10 scale where 10 is worst (CEF, LEEF):
 * 0–3 → 5 notice, 4–6 → 4 warning, 7–8 → 3 error, 9–10 → 2 critical; also the names
 * Low/Medium/High/Very-High. -1 when the text is none of these.
 */
int severityFromTenScale(QStringView text);

/**
 * @brief Syslog severity for an IDS priority/severity where 1 is the highest (Snort, Suricata):
 * 1 → 3 error, 2 → 4 warning, 3 → 5 notice, 4 and more → 6 info.
 */
int severityFromIdsPriority(qint64 priority);

} // namespace fmt
} // namespace vigil
