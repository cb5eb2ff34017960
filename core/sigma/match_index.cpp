#include "sigma/match_index.h"

#include <algorithm>
#include <atomic>
#include <map>

namespace vigil::sigma::detail {

namespace {

std::atomic<quint64> g_serials{0};

} // namespace

MatchIndex::MatchIndex()
{
    renewSerial();
}

void MatchIndex::renewSerial()
{
    m_serial = ++g_serials;
}

int MatchIndex::fieldId(const QString& name)
{
    const auto it = m_fieldIds.constFind(name);
    if (it != m_fieldIds.cend()) {
        return *it;
    }
    const int id = int(m_fields.size());
    m_fieldIds.insert(name, id);
    m_caseInsensitiveIds[name].push_back(id);
    m_fields.push_back(name);
    m_automata.emplace_back();
    renewSerial();
    return id;
}

int MatchIndex::keywordFieldId()
{
    if (m_keywordId < 0) {
        // Not interned by name: no event field can resolve to it.
        m_keywordId = int(m_fields.size());
        m_fields.emplace_back();
        m_automata.emplace_back();
        renewSerial();
    }
    return m_keywordId;
}

std::size_t MatchIndex::CaseInsensitiveHash::operator()(const QString& s) const noexcept
{
    // FNV-1a over folded UTF-16 units; surrogates fold as themselves, like compare() sees them.
    std::size_t h = 1469598103934665603ULL;
    for (QChar c : s) {
        h = (h ^ c.toCaseFolded().unicode()) * 1099511628211ULL;
    }
    return h;
}

const std::vector<int>* MatchIndex::caseInsensitiveIds(const QString& name) const
{
    const auto it = m_caseInsensitiveIds.find(name);
    return it == m_caseInsensitiveIds.end() ? nullptr : &it->second;
}

int MatchIndex::addLiteral(int fieldId, const QString& folded)
{
    Automaton& a = m_automata[std::size_t(fieldId)];
    const auto it = a.lookup.constFind(folded);
    if (it != a.lookup.cend()) {
        return *it;
    }
    const int id = int(a.literals.size());
    a.literals.push_back(folded);
    a.lookup.insert(folded, id);
    a.dirty = true;
    return id;
}

void MatchIndex::finalize()
{
    for (Automaton& a : m_automata) {
        if (a.dirty) {
            a.build();
            a.dirty = false;
        }
    }
}

int MatchIndex::literalCount(int fieldId) const
{
    return int(m_automata[std::size_t(fieldId)].literals.size());
}

MatchIndex::Stats MatchIndex::stats() const
{
    Stats st;
    for (const Automaton& a : m_automata) {
        const std::size_t states = a.output.size();
        st.literals += qint64(a.literals.size());
        st.states += qint64(states);
        st.bytes += qint64((a.dense.size() + a.edgeTarget.size() + states * 7 + a.rowState.size())
                               * sizeof(qint32)
                           + a.edgeClass.size() * sizeof(quint16) + a.otherClass.size() * 4);
        for (const QString& l : a.literals) {
            st.bytes += l.size() * 2 + 64; // the literal and its look-up entry
        }
    }
    return st;
}

quint16 MatchIndex::Automaton::classOf(char16_t c) const
{
    if (c < 128) {
        return asciiClass[c];
    }
    const auto it = std::lower_bound(otherClass.begin(), otherClass.end(), c,
                                     [](const auto& e, char16_t v) { return e.first < v; });
    return (it != otherClass.end() && it->first == c) ? it->second : 0;
}

qint32 MatchIndex::Automaton::step(qint32 state, quint16 cls) const
{
    // Sparse states follow failure links until a trie edge fits or a dense state answers.
    while (row[std::size_t(state)] < 0) {
        const auto begin = edgeClass.begin() + edgeStart[std::size_t(state)];
        const auto end = edgeClass.begin() + edgeStart[std::size_t(state) + 1];
        const auto it = std::lower_bound(begin, end, cls);
        if (it != end && *it == cls) {
            return stateCode[std::size_t(edgeTarget[std::size_t(it - edgeClass.begin())])];
        }
        state = fail[std::size_t(state)];
    }
    return dense[std::size_t(row[std::size_t(state)]) * std::size_t(classCount) + cls];
}

void MatchIndex::Automaton::build()
{
    // Character classes: one per distinct character of the (folded) literals.
    asciiClass.fill(0);
    otherClass.clear();
    std::map<char16_t, quint16> classes;
    for (const QString& lit : literals) {
        for (QChar c : lit) {
            classes.try_emplace(c.unicode(), quint16(0));
        }
    }
    quint16 nextClass = 1;
    for (auto& [c, cls] : classes) {
        cls = nextClass++;
        if (c < 128) {
            asciiClass[c] = cls;
        } else {
            otherClass.emplace_back(c, cls);
        }
    }
    classCount = nextClass;
    const std::size_t k = std::size_t(classCount);

    // The trie.
    std::vector<std::vector<std::pair<quint16, qint32>>> children(1);
    std::vector<int> depth(1, 0);
    output.assign(1, -1);
    literalLength.clear();
    for (std::size_t i = 0; i < literals.size(); ++i) {
        std::size_t state = 0;
        for (QChar c : literals[i]) {
            const quint16 cls = classOf(c.unicode());
            auto& kids = children[state];
            auto it = std::find_if(kids.begin(), kids.end(),
                                   [cls](const auto& e) { return e.first == cls; });
            qint32 next = 0;
            if (it == kids.end()) {
                next = qint32(children.size());
                kids.emplace_back(cls, next);
                children.emplace_back();
                depth.push_back(depth[state] + 1);
                output.push_back(-1);
            } else {
                next = it->second;
            }
            state = std::size_t(next);
        }
        output[state] = int(i);
        literalLength.push_back(int(literals[i].size()));
    }
    const std::size_t n = children.size();
    edgeStart.assign(n + 1, 0);
    edgeClass.clear();
    edgeTarget.clear();
    for (std::size_t v = 0; v < n; ++v) {
        std::sort(children[v].begin(), children[v].end());
        edgeStart[v] = qint32(edgeClass.size());
        for (const auto& [cls, target] : children[v]) {
            edgeClass.push_back(cls);
            edgeTarget.push_back(target);
        }
    }
    edgeStart[n] = qint32(edgeClass.size());
    auto child = [&](std::size_t state, quint16 cls) -> qint32 {
        for (const auto& [c, target] : children[state]) {
            if (c == cls) {
                return target;
            }
        }
        return -1;
    };

    // Failure and output links, breadth-first (a failure target is always shallower).
    fail.assign(n, 0);
    outputLink.assign(n, -1);
    std::vector<std::size_t> order{0};
    for (std::size_t head = 0; head < order.size(); ++head) {
        const std::size_t u = order[head];
        for (const auto& [cls, v] : children[u]) {
            qint32 target = 0;
            if (u != 0) {
                std::size_t f = std::size_t(fail[u]);
                while (true) {
                    const qint32 t = child(f, cls);
                    if (t >= 0 || f == 0) {
                        target = t >= 0 ? t : 0;
                        break;
                    }
                    f = std::size_t(fail[f]);
                }
            }
            fail[std::size_t(v)] = target;
            const std::size_t ft = std::size_t(target);
            outputLink[std::size_t(v)] = output[ft] >= 0 ? qint32(ft) : outputLink[ft];
            order.push_back(std::size_t(v));
        }
    }

    // Dense rows for the shallowest states, as many levels as fit the budget.
    constexpr std::size_t kDenseCells = std::size_t(1) << 19;
    std::vector<std::size_t> perDepth;
    for (const int d : depth) {
        if (perDepth.size() <= std::size_t(d)) {
            perDepth.resize(std::size_t(d) + 1, 0);
        }
        ++perDepth[std::size_t(d)];
    }
    int maxDense = 0;
    std::size_t cumulative = perDepth[0];
    while (std::size_t(maxDense + 1) < perDepth.size()
           && (cumulative + perDepth[std::size_t(maxDense + 1)]) * k <= kDenseCells) {
        cumulative += perDepth[std::size_t(++maxDense)];
    }
    row.assign(n, -1);
    rowState.clear();
    for (const std::size_t u : order) {
        if (depth[u] > maxDense) {
            break; // breadth-first: all deeper from here
        }
        row[u] = qint32(rowState.size());
        rowState.push_back(qint32(u));
    }
    // The first state of each output chain, so the scan tests one array per character.
    firstOutput.assign(n, -1);
    stateCode.assign(n, 0);
    for (std::size_t u = 0; u < n; ++u) {
        firstOutput[u] = output[u] >= 0 ? qint32(u) : outputLink[u];
        const qint32 flags = (firstOutput[u] >= 0 ? kOutput : 0) | (row[u] < 0 ? kSparse : 0);
        stateCode[u] = ((row[u] < 0 ? qint32(u) : row[u]) << 2) | flags;
    }
    dense.assign(rowState.size() * k, stateCode[0]);
    for (std::size_t r = 0; r < rowState.size(); ++r) {
        const std::size_t u = std::size_t(rowState[r]);
        const std::size_t base = r * k;
        const std::size_t failRow = u == 0 ? 0 : std::size_t(row[std::size_t(fail[u])]) * k;
        for (std::size_t cls = 1; cls < k; ++cls) {
            const qint32 t = child(u, quint16(cls));
            dense[base + cls] = t >= 0 ? stateCode[std::size_t(t)]
                                   : (u == 0 ? stateCode[0] : dense[failRow + cls]);
        }
    }
    for (char16_t c = 0; c < 128; ++c) {
        foldedAsciiClass[c] = asciiClass[(c >= u'A' && c <= u'Z') ? char16_t(c + 32) : c];
    }
}

void MatchIndex::scan(int fieldId, QStringView text, quint8* flags, std::vector<int>* hits) const
{
    const Automaton& a = m_automata[std::size_t(fieldId)];
    if (a.literals.empty() || a.row.empty()) {
        return;
    }
    const qsizetype len = text.size();
    const char16_t* data = text.utf16();
    const qint32* dense = a.dense.data();
    const std::size_t k = std::size_t(a.classCount);
    qint32 code = a.stateCode[0];
    for (qsizetype i = 0; i < len; ++i) {
        // Literals are folded; fold the text as it streams by instead of copying it.
        const char16_t c = data[i];
        const quint16 cls =
            c < 128 ? a.foldedAsciiClass[c] : a.classOf(QChar(c).toCaseFolded().unicode());
        code = !(code & Automaton::kSparse) ? dense[std::size_t(code >> 2) * k + cls]
                                            : a.next(code, cls);
        if (!(code & Automaton::kOutput)) {
            continue;
        }
        int o = a.firstOutput[std::size_t(a.stateOf(code))];
        while (o >= 0) {
            const int lit = a.output[std::size_t(o)];
            const qsizetype end = i + 1;
            const qsizetype start = end - a.literalLength[std::size_t(lit)];
            quint8 f = Found;
            if (start == 0) {
                f |= AtStart;
            }
            if (end == len) {
                f |= AtEnd;
                if (start == 0) {
                    f |= Whole;
                }
            }
            if (flags[lit] == 0 && hits) {
                hits->push_back(lit);
            }
            flags[lit] |= f;
            o = a.outputLink[std::size_t(o)];
        }
    }
}

} // namespace vigil::sigma::detail
