#pragma once

#include <vector>

#include <QByteArray>
#include <QString>
#include <QStringView>

namespace vigil {
struct Event;
class FieldValue;
} // namespace vigil

namespace vigil::sigma::detail {

class MatchIndex;

/**
 * @brief Per-event scratch state shared by all rules evaluated against one event.
 *
 * Caches what several rules would otherwise recompute: field-name lookups, the case-folded and
 * UTF-8 forms of field values, and the log-source filter results of a RuleSet. Not
 * thread-safe: one context per thread and event. The event must outlive the context.
 */
class MatchContext {
public:
    /** @brief Pseudo field index standing for the event's raw text (keyword search). */
    static constexpr int kRawIndex = -2;

    MatchContext() = default;
    explicit MatchContext(const Event& event) { reset(event); }

    /** @brief Starts over for @p event, keeping allocated capacity. */
    void reset(const Event& event);
    const Event& event() const { return *m_event; }

    /** @brief Index of field @p name: exact name first, then ignoring case; -1 when absent. */
    int resolve(QStringView name) const;
    const FieldValue& value(int index) const;
    /** @brief resolve() remembered for the event; for the few names log sources test. */
    int resolveCached(const QString& name);
    int fieldCount() const { return m_fieldCount; }

    /** @brief Whether keyword searches also look at Event::raw (see rule.h). */
    bool searchRaw() const { return m_searchRaw; }

    /** @brief Case-folded text of field @p index (or kRawIndex); scalars only. */
    const QString& folded(int index);
    /** @brief UTF-8 text of field @p index (or kRawIndex); scalars only. */
    const QByteArray& utf8(int index);
    /** @brief Raw text of field @p index (or kRawIndex). */
    const QString& text(int index) const;

    /** @brief Cached log-source results of a RuleSet (-2 = not yet computed). */
    std::vector<int>& filterResults() { return m_filterResults; }

    /**
     * @brief Uses @p index (of the RuleSet being matched) for the calls below; after reset().
     * Resolves every interned field name present in the event at once.
     */
    void setIndex(const MatchIndex* index);
    const MatchIndex* index() const { return m_index; }
    /** @brief resolve() of interned field @p fieldId (requires setIndex()). */
    int resolveId(int fieldId) const
    {
        const NameSlot& slot = m_names[std::size_t(fieldId)];
        return slot.generation == m_generation ? slot.index : -1;
    }
    /** @brief (event field index, interned field id) of every interned name in the event. */
    const std::vector<std::pair<int, int>>& presentIds() const { return m_present; }
    /** @brief Keyword literal flags over every value of the event (and raw text, see above). */
    const quint8* keywordScan(int keywordFieldId);
    /** @brief Literals of @p fieldId seen by the last literalScan() of it. */
    const std::vector<int>& literalHits(int fieldId) const
    {
        return m_scans[std::size_t(fieldId)].hits;
    }
    /** @brief MatchIndex::Flag bits of literal @p literal of field @p fieldId in field @p index. */
    quint8 literalFlags(int fieldId, int index, int literal)
    {
        return literalScan(fieldId, index)[literal];
    }
    /** @brief The flags of every literal of field @p fieldId, scanned over field @p index. */
    const quint8* literalScan(int fieldId, int index);

private:
    enum State : quint8 { HasFolded = 1, HasUtf8 = 2 };
    std::size_t slot(int index) const { return index == kRawIndex ? 0 : std::size_t(index) + 1; }

    const Event* m_event = nullptr;
    int m_fieldCount = 0;
    bool m_searchRaw = false;
    std::vector<quint8> m_state;
    std::vector<QString> m_folded;
    std::vector<QByteArray> m_utf8;
    std::vector<int> m_filterResults;
    std::vector<std::pair<QString, int>> m_resolved;

    struct NameSlot {
        quint32 generation = 0;
        int index = -1;
    };
    struct LiteralScan {
        quint32 generation = 0;
        int index = -1;
        std::vector<quint8> flags;
        std::vector<int> hits;
    };
    /**
     * The interned ids of one list of field names. Events of one kind carry the same names in
     * the same order, so setIndex() checks the names against a remembered list instead of
     * hashing each of them.
     */
    struct Shape {
        quint64 indexSerial = 0; // MatchIndex::serial() it was built with
        quint64 fingerprint = 0;
        std::vector<QString> names;
        std::vector<std::pair<int, int>> present;
    };
    const Shape& shapeOf(const MatchIndex& index);
    static void clearFlags(LiteralScan& scan, std::size_t literals);

    const MatchIndex* m_index = nullptr;
    quint32 m_generation = 0;
    std::vector<Shape> m_shapes;
    std::vector<NameSlot> m_names;
    std::vector<std::pair<int, int>> m_present;
    std::vector<LiteralScan> m_scans;
};

} // namespace vigil::sigma::detail
