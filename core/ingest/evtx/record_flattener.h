#pragma once

#include <vector>

#include <QString>

#include "ingest/evtx/binxml_tokens.h"
#include "model/field_value.h"

namespace vigil {
class Fields;
}

namespace vigil::evtx {

/**
 * @brief Turns an event's tokens into the flat field map Sigma rules use (docs/event-fields.md,
 * "evtx"): `System` children by name (`EventID` ... as integers, attributes as
 * `Element_Attribute`), `EventData/Data[@Name]` by that name without spaces, unnamed Data as
 * `param1..paramN` and all of them as the list `Data`, other EventData children by name,
 * `UserData` leaves by name. Values are trimmed; a name seen again is kept as `Name_2`, `Name_3`
 * ... (the convention of our JSONL exports). Holds scratch buffers: reuse one per thread.
 */
class RecordFlattener {
public:
    void flatten(const TokenStream& stream, NamePool& names, Fields& out);

private:
    struct Frame {
        quint32 name = 0;
        std::size_t contentFrom = 0;
        std::size_t contentTo = 0;
        bool hasChild = false;
        bool named = false;
        QString dataName;
    };

    void attribute(const Frame& element, quint32 attr, QString value, NamePool& names, Fields& out);
    void closeElement(const Frame& f, const TokenStream& s, NamePool& names, Fields& out);
    void put(Fields& out, const QString& name, FieldValue value);

    std::vector<Frame> m_stack;
    std::vector<FieldValue> m_unnamed;
    quint32 m_section = 0;
    quint64 m_seen = 0; ///< one bit per name hash: a clear bit means "certainly not taken yet"
};

/** @brief Adds @p value under @p name, or under `name_2`, `name_3` ... when taken. */
void putField(Fields& out, const QString& name, FieldValue value);

} // namespace vigil::evtx
