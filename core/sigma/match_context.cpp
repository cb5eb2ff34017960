#include "sigma/match_context.h"

#include "model/event.h"
#include "model/field_value.h"
#include "sigma/match_index.h"
#include "sigma/string_matcher.h"

using namespace Qt::StringLiterals;

namespace vigil::sigma::detail {

void MatchContext::reset(const Event& event)
{
    m_event = &event;
    m_fieldCount = int(event.fields.size());
    // Raw text adds to keyword search only for line formats, where it is the message itself;
    // for structured records it would let keywords hit field names.
    m_searchRaw =
        !event.raw.isEmpty() && (event.format.startsWith(u"syslog"_s) || event.fields.isEmpty());
    const std::size_t n = std::size_t(m_fieldCount) + 1;
    m_state.assign(n, 0);
    if (m_folded.size() < n) {
        m_folded.resize(n);
        m_utf8.resize(n);
    }
    m_filterResults.clear();
    m_resolved.clear();
    m_index = nullptr;
    // Bumping the generation invalidates the per-name and per-literal caches in O(1).
    if (++m_generation == 0) {
        m_generation = 1;
        for (NameSlot& name : m_names) {
            name.generation = 0;
        }
        for (LiteralScan& l : m_scans) {
            l.generation = 0;
        }
    }
}

void MatchContext::setIndex(const MatchIndex* index)
{
    m_index = index;
    m_present.clear();
    if (!index) {
        return;
    }
    if (m_names.size() < std::size_t(index->fieldCount())) {
        m_names.resize(std::size_t(index->fieldCount()));
        m_scans.resize(std::size_t(index->fieldCount()));
    }
    const Shape& shape = shapeOf(*index);
    for (const auto& [fieldIndex, id] : shape.present) {
        m_names[std::size_t(id)] = {m_generation, fieldIndex};
    }
    m_present = shape.present;
}

const MatchContext::Shape& MatchContext::shapeOf(const MatchIndex& index)
{
    constexpr std::size_t kShapes = 64;
    const auto& entries = m_event->fields.entries();
    quint64 fingerprint = entries.size();
    for (const auto& entry : entries) {
        const QString& name = entry.first;
        const char16_t first = name.isEmpty() ? 0 : name.front().unicode();
        fingerprint = (fingerprint * 1099511628211ULL) ^ (quint64(name.size()) << 16 | first);
    }
    if (m_shapes.size() < kShapes) {
        m_shapes.resize(kShapes);
    }
    Shape& shape = m_shapes[fingerprint % kShapes];
    // The serial changes with every name the index learns, so a shape never outlives the
    // names it was resolved against.
    if (shape.indexSerial == index.serial() && shape.fingerprint == fingerprint
        && shape.names.size() == entries.size()) {
        bool same = true;
        for (std::size_t i = 0; i < entries.size() && same; ++i) {
            same = entries[i].first == shape.names[i];
        }
        if (same) {
            return shape;
        }
    }
    shape.indexSerial = index.serial();
    shape.fingerprint = fingerprint;
    shape.names.clear();
    shape.present.clear();
    // Same answers as resolve(): an exact name wins, else the first field equal ignoring case.
    std::vector<quint8> seen(std::size_t(index.fieldCount()), 0);
    for (std::size_t i = 0; i < entries.size(); ++i) {
        shape.names.push_back(entries[i].first);
        const int id = index.exactId(entries[i].first);
        if (id >= 0 && !seen[std::size_t(id)]) {
            seen[std::size_t(id)] = 1;
            shape.present.emplace_back(int(i), id);
        }
    }
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const std::vector<int>* ids = index.caseInsensitiveIds(entries[i].first);
        if (!ids) {
            continue;
        }
        for (const int id : *ids) {
            if (!seen[std::size_t(id)]) {
                seen[std::size_t(id)] = 1;
                shape.present.emplace_back(int(i), id);
            }
        }
    }
    return shape;
}

void MatchContext::clearFlags(LiteralScan& scan, std::size_t literals)
{
    // Only the literals of the last scan are set (every scan lists its hits): clearing those
    // beats zeroing thousands of flags per field and event.
    if (scan.flags.size() != literals) {
        scan.flags.assign(literals, 0);
    } else {
        for (const int lit : scan.hits) {
            scan.flags[std::size_t(lit)] = 0;
        }
    }
    scan.hits.clear();
}

const quint8* MatchContext::literalScan(int fieldId, int index)
{
    LiteralScan& scan = m_scans[std::size_t(fieldId)];
    if (scan.generation != m_generation || scan.index != index) {
        scan.generation = m_generation;
        scan.index = index;
        clearFlags(scan, std::size_t(m_index->literalCount(fieldId)));
        m_index->scan(fieldId, text(index), scan.flags.data(), &scan.hits);
    }
    return scan.flags.data();
}

int MatchContext::resolve(QStringView name) const
{
    const auto& entries = m_event->fields.entries();
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (entries[i].first == name) {
            return int(i);
        }
    }
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (entries[i].first.compare(name, Qt::CaseInsensitive) == 0) {
            return int(i);
        }
    }
    return -1;
}

int MatchContext::resolveCached(const QString& name)
{
    for (const auto& [n, index] : m_resolved) {
        if (n == name) {
            return index;
        }
    }
    const int index = resolve(name);
    m_resolved.emplace_back(name, index);
    return index;
}

const FieldValue& MatchContext::value(int index) const
{
    return m_event->fields.entries()[std::size_t(index)].second;
}

const QString& MatchContext::text(int index) const
{
    if (index == kRawIndex) {
        return m_event->raw;
    }
    return value(index).text();
}

const QString& MatchContext::folded(int index)
{
    const std::size_t s = slot(index);
    if (!(m_state[s] & HasFolded)) {
        m_folded[s] = foldCase(text(index));
        m_state[s] |= HasFolded;
    }
    return m_folded[s];
}

const QByteArray& MatchContext::utf8(int index)
{
    const std::size_t s = slot(index);
    if (!(m_state[s] & HasUtf8)) {
        m_utf8[s] = text(index).toUtf8();
        m_state[s] |= HasUtf8;
    }
    return m_utf8[s];
}

} // namespace vigil::sigma::detail

namespace vigil::sigma::detail {

const quint8* MatchContext::keywordScan(int keywordFieldId)
{
    LiteralScan& scan = m_scans[std::size_t(keywordFieldId)];
    if (scan.generation == m_generation) {
        return scan.flags.data();
    }
    scan.generation = m_generation;
    scan.index = -1;
    clearFlags(scan, std::size_t(m_index->literalCount(keywordFieldId)));
    // Flags accumulate over the values, each scanned on its own (no spanning across fields).
    for (int i = 0; i < m_fieldCount; ++i) {
        const FieldValue& v = value(i);
        if (v.isNull()) {
            continue;
        }
        if (v.isList()) {
            for (const FieldValue& item : v.items()) {
                if (!item.isNull() && !item.isList()) {
                    m_index->scan(keywordFieldId, item.text(), scan.flags.data(), &scan.hits);
                }
            }
            continue;
        }
        m_index->scan(keywordFieldId, text(i), scan.flags.data(), &scan.hits);
    }
    if (m_searchRaw) {
        m_index->scan(keywordFieldId, text(kRawIndex), scan.flags.data(), &scan.hits);
    }
    return scan.flags.data();
}

} // namespace vigil::sigma::detail
