#pragma once

#include <array>
#include <unordered_map>
#include <vector>

#include <QHash>
#include <QString>
#include <QStringView>

namespace vigil::sigma::detail {

/**
 * @brief Shared look-up structures of a RuleSet, built while loading and read-only while
 * matching (any number of threads).
 *
 * - Field names are interned: every distinct name a rule reads gets an id, so one event
 *   resolves each name once for all rules (MatchContext caches by id).
 * - Plain case-insensitive literals (exact, prefix, suffix, contains without wildcards) are
 *   collected per field name into an Aho-Corasick automaton. One pass over a field's folded
 *   text then answers every such literal of every rule on that field: found anywhere, at the
 *   start, at the end, or as the whole value.
 */
class MatchIndex {
public:
    enum Flag : quint8 { Found = 1, AtStart = 2, AtEnd = 4, Whole = 8 };

    /** @brief The id of field @p name, adding it when new. */
    int fieldId(const QString& name);
    int fieldCount() const { return int(m_fields.size()); }
    const QString& fieldName(int id) const { return m_fields[std::size_t(id)]; }
    /** @brief The id of exactly @p name, or -1. */
    int exactId(const QString& name) const { return m_fieldIds.value(name, -1); }
    /** @brief The pseudo field whose literals are keywords (searched in every value). */
    int keywordFieldId();
    /** @brief The keyword pseudo field's id, or -1 when no keyword was indexed. */
    int keywordFieldIdIfAny() const { return m_keywordId; }
    /** @brief The ids whose name equals @p name ignoring case (nullptr when none). */
    const std::vector<int>* caseInsensitiveIds(const QString& name) const;

    /** @brief Registers a folded literal read from field @p fieldId; returns its number there. */
    int addLiteral(int fieldId, const QString& folded);
    /** @brief Builds the automata of fields that got literals since the last call. */
    void finalize();

    /** @brief Number of literals of field @p fieldId (size of the flags array for scan()). */
    int literalCount(int fieldId) const;
    /**
     * @brief Sets Flag bits in @p flags (zeroed by the caller) for every literal in @p text and
     * appends each literal seen for the first time to @p hits. @p text is folded on the fly
     * (per UTF-16 unit; non-BMP case pairs are not folded).
     */
    void scan(int fieldId, QStringView text, quint8* flags, std::vector<int>* hits) const;

private:
    struct Automaton {
        std::vector<QString> literals;
        QHash<QString, int> lookup;
        bool dirty = false;
        // Built form: nodes with sorted edges (CSR), failure and output links.
        std::vector<int> edgeStart;
        std::vector<char16_t> edgeChar;
        std::vector<int> edgeTarget;
        std::vector<int> fail;
        std::vector<int> output;     // literal ending at this node, or -1
        std::vector<int> outputLink; // nearest suffix node with an output, or -1
        std::vector<int> literalLength;
        std::array<int, 128> rootAscii{}; // root transitions for ASCII (0 = stay at root)

        void build();
        int step(int node, char16_t c) const;
    };

    /** @brief Hash and equality ignoring case (simple folding), without building strings. */
    struct CaseInsensitiveHash {
        std::size_t operator()(const QString& s) const noexcept;
    };
    struct CaseInsensitiveEqual {
        bool operator()(const QString& a, const QString& b) const noexcept
        {
            return a.compare(b, Qt::CaseInsensitive) == 0;
        }
    };

    QHash<QString, int> m_fieldIds;
    std::unordered_map<QString, std::vector<int>, CaseInsensitiveHash, CaseInsensitiveEqual>
        m_caseInsensitiveIds;
    int m_keywordId = -1;
    std::vector<QString> m_fields;
    std::vector<Automaton> m_automata;
};

} // namespace vigil::sigma::detail
