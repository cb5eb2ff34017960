#pragma once

#include <vector>

#include <QString>

#include "ingest/evtx/binxml_tokens.h"

namespace vigil::evtx {

/**
 * @brief Renders an event's tokens as compact XML text (the form `wevtutil qe /f:xml` prints),
 * used as the stored raw record. Attributes with an empty value are left out, as Windows does
 * for optional values that are absent; `&`, `<`, `>` and `"` are escaped, and so are control
 * characters (CR as `&#13;`, so it survives an XML parser). Holds a scratch stack: reuse it.
 */
class XmlRenderer {
public:
    QString render(const TokenStream& stream, const NamePool& names);

private:
    std::vector<quint32> m_open;
    QString m_scratch;
};

} // namespace vigil::evtx
