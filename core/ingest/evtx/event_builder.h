#pragma once

#include <QString>

#include "ingest/evtx/record_flattener.h"
#include "ingest/evtx/xml_renderer.h"

namespace vigil {
struct Event;
}

namespace vigil::evtx {

/**
 * @brief Fills a Vigil Event from a decoded Windows event (EVTX record or XML export): the flat
 * fields, time (the record's FILETIME, else `TimeCreated/@SystemTime`, at 100 ns with 7
 * digits), host (`Computer`), severity from `Level` (1 critical, 2 error, 3 warning, 0 and 4
 * info, 5 debug), summary, format, and the raw XML when asked for. One per thread.
 */
class EventBuilder {
public:
    /**
     * @param fileTime the record header's FILETIME, 0 when there is none (XML input)
     * @param renderRaw render the tokens as XML into Event::raw (the caller may set raw itself)
     */
    void build(const TokenStream& tokens, NamePool& names, quint64 fileTime, bool renderRaw,
               Event& out);

    /** @brief Syslog severity for a Windows Level, -1 when it is not one of 0..5. */
    static int severityForLevel(qint64 level);

private:
    RecordFlattener m_flattener;
    XmlRenderer m_renderer;
};

} // namespace vigil::evtx
