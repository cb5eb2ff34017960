#pragma once

#include <utility>
#include <vector>

#include <QString>
#include <QStringView>

#include "model/field_value.h"

namespace vigil {

/**
 * @brief An event's flat field map: names as Sigma expects them, in the order the source gave.
 *
 * Lookups are linear; events carry tens of fields, where a scan beats hashing.
 */
class Fields {
public:
    using Entry = std::pair<QString, FieldValue>;

    /** @brief Sets @p name, replacing an earlier value of the same name. */
    void set(const QString& name, FieldValue value);
    /** @brief Appends without checking for an earlier value (for parsers that know names are new). */
    void append(QString name, FieldValue value) { m_entries.emplace_back(std::move(name), std::move(value)); }
    const FieldValue* find(QStringView name) const;
    /** @brief Like find(), ignoring ASCII case of the name. */
    const FieldValue* findCaseInsensitive(QStringView name) const;
    bool contains(QStringView name) const { return find(name) != nullptr; }
    /** @brief The value's text, or an empty string when absent or null. */
    QString text(QStringView name) const;

    const std::vector<Entry>& entries() const { return m_entries; }
    bool isEmpty() const { return m_entries.empty(); }
    std::size_t size() const { return m_entries.size(); }
    void clear() { m_entries.clear(); }
    void reserve(std::size_t n) { m_entries.reserve(n); }

private:
    std::vector<Entry> m_entries;
};

/** @brief Where an event's timestamp came from. */
enum class TimeSource : quint8 {
    Event = 0,    ///< the record carried its own time
    Received = 1, ///< the record had no usable time; the time it was received stands in
};

/**
 * @brief One normalised event. Times are UTC nanoseconds since the epoch; @c timeDigits keeps
 * the number of fractional digits the source gave so output shows exactly that precision.
 */
struct Event {
    qint64 id = 0;
    qint64 timeNs = 0;
    int timeDigits = 0;
    TimeSource timeSource = TimeSource::Event;
    qint64 receivedNs = 0;
    QString host;
    QString source;          ///< file path or listener name
    qint64 sourcePos = 0;    ///< line number (1-based) or record number
    bool sourceIsRecord = false;
    QString format;          ///< parser name, e.g. "syslog-rfc5424"
    int severity = -1;       ///< syslog scale 0 (emergency) .. 7 (debug); -1 unknown
    QString summary;         ///< one line for lists
    Fields fields;           ///< every parsed field, under the names Sigma rules use
    /**
     * @brief The normalised view shared by all formats (see docs/event-fields.md):
     * category, action, outcome, src_ip, src_port, dst_ip, dst_port, user, process, plus any of
     * these a parser can fill. Rules match @c fields; searches and the UI use these too.
     */
    Fields common;
    QString raw;

    /** @brief "file:line" or "file#record". */
    QString sourceRef() const;
};

/** @brief Syslog severity name ("error", "info" ...) or an empty string for -1. */
QString severityName(int severity);

} // namespace vigil
