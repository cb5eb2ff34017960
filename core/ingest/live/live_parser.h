#pragma once

#include <map>
#include <memory>
#include <vector>

#include <QTimeZone>

#include "ingest/live/live_message.h"

namespace vigil {

class LineParser;
struct Event;
struct Reject;

/**
 * @brief Turns live messages into events or rejects with the existing parsers.
 *
 * Network messages pick their format one by one: a JSON object, bare CEF, LEEF or Snare, else
 * syslog (RFC 3164 or 5424 with CEF, LEEF and the other payloads recognised inside). A message
 * that claims none of them is a text event; only one that claims a format and breaks it (a
 * truncated JSON object, a malformed `<PRI>`) is a reject. A followed file gets the format its
 * first lines show, as an imported file would (prepare()), with the same text fallback.
 *
 * Threading: one instance, used by the storing thread only.
 */
class LiveParser {
public:
    explicit LiveParser(QTimeZone zone = QTimeZone::utc());
    ~LiveParser();

    /** @brief Detects the format of followed files that @p batch shows for the first time. */
    void prepare(const std::vector<LiveMessage>& batch);
    /** @brief What a message became. */
    enum class Kind {
        Event,  ///< @p event is filled
        Reject, ///< @p reject is filled
        Header, ///< a header line of a followed file (CSV, W3C, Zeek): neither, like on import
    };

    /**
     * @brief Parses @p message into @p event or @p reject. The event's source is the sender
     * ("udp://192.0.2.7") or the file, its position the message's number or line.
     */
    Kind parse(const LiveMessage& message, Event& event, Reject& reject);

    /** @brief The format a followed file's source was detected as (empty before prepare()). */
    QString fileFormat(int sourceId) const;

private:
    struct Outcome;
    Outcome parseNetwork(QByteArrayView bytes, Event& event);
    Outcome parseFileLine(int sourceId, QByteArrayView bytes, Event& event);

    QTimeZone m_zone;
    std::unique_ptr<LineParser> m_syslog;
    std::unique_ptr<LineParser> m_json;
    std::unique_ptr<LineParser> m_cef;
    std::unique_ptr<LineParser> m_leef;
    std::unique_ptr<LineParser> m_snare;
    std::unique_ptr<LineParser> m_text;
    std::map<int, std::unique_ptr<LineParser>> m_files; ///< by source id
};

} // namespace vigil
