#pragma once

#include <array>
#include <unordered_map>
#include <utility>
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

    MatchIndex();
    /**
     * @brief A number no other index state shares: it changes whenever a field name is added,
     * so caches of name resolutions (MatchContext) can tell whether they still apply.
     */
    quint64 serial() const { return m_serial; }

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

    /** @brief Size figures of the automata (for benchmarks and reports). */
    struct Stats {
        qint64 literals = 0;
        qint64 states = 0;
        qint64 bytes = 0;
    };
    Stats stats() const;

private:
    /**
     * Aho-Corasick automaton of one field's literals over character classes (each character
     * of the literals gets a class, all others share class 0). The shallow states, where a scan
     * spends nearly all its time, have full DFA rows: one table lookup per character. Deeper
     * states keep only their trie edges and a failure link, which keeps the memory linear in
     * the literals' length.
     */
    struct Automaton {
        std::vector<QString> literals;
        QHash<QString, int> lookup;
        bool dirty = false;
        // Built form.
        int classCount = 0;
        std::array<quint16, 128> asciiClass{};
        std::vector<std::pair<char16_t, quint16>> otherClass; // sorted non-ASCII characters
        std::vector<qint32> row;        // state -> row in dense, or -1 for a sparse state
        // row * classCount + class -> code of the target state (see stateCode), so a scan in the
        // dense levels touches one table per character
        std::vector<qint32> dense;
        std::vector<qint32> stateCode;  // state -> (row or state) << 2 | kSparse | kOutput
        std::vector<qint32> rowState;   // row -> state
        std::array<quint16, 128> foldedAsciiClass{}; // class of an ASCII unit after folding
        std::vector<qint32> edgeStart;  // sparse states: trie edges [edgeStart[s], [s + 1])
        std::vector<quint16> edgeClass; // sorted per state
        std::vector<qint32> edgeTarget;
        std::vector<qint32> fail;
        std::vector<qint32> output;     // literal ending at this state, or -1
        std::vector<qint32> outputLink; // nearest suffix state with an output, or -1
        std::vector<qint32> firstOutput; // the state itself when it has an output, else outputLink
        std::vector<int> literalLength;

        static constexpr qint32 kOutput = 1; // a literal ends at the state or a suffix of it
        static constexpr qint32 kSparse = 2; // the code holds the state, not a dense row

        void build();
        quint16 classOf(char16_t folded) const;
        /** @brief The code of the state after sparse state @p state on @p cls. */
        qint32 step(qint32 state, quint16 cls) const;
        /** @brief The code of the state after @p code on @p cls. */
        qint32 next(qint32 c, quint16 cls) const
        {
            if (!(c & kSparse)) {
                return dense[std::size_t(c >> 2) * std::size_t(classCount) + cls];
            }
            return step(c >> 2, cls);
        }
        qint32 stateOf(qint32 c) const
        {
            return (c & kSparse) ? c >> 2 : rowState[std::size_t(c >> 2)];
        }
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

    void renewSerial();

    quint64 m_serial = 0;
    QHash<QString, int> m_fieldIds;
    std::unordered_map<QString, std::vector<int>, CaseInsensitiveHash, CaseInsensitiveEqual>
        m_caseInsensitiveIds;
    int m_keywordId = -1;
    std::vector<QString> m_fields;
    std::vector<Automaton> m_automata;
};

} // namespace vigil::sigma::detail
