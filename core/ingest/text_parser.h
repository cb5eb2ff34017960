#pragma once

#include "ingest/parser.h"

namespace vigil {

/**
 * @brief The fallback for any line: field `message` holds the whole record, the time comes from
 * a common timestamp shape at the start of the line (see scanLeadingTime()) or else is the time
 * received. Never rejects a record.
 */
class TextParser final : public LineParser {
public:
    QString format() const override;
    bool joinsContinuationLines() const override;
    ParseResult parse(QByteArrayView record, const ParseContext& ctx, Event& out) const override;
};

} // namespace vigil
