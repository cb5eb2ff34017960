#include "sigma/match_index.h"

#include <algorithm>
#include <deque>
#include <map>

namespace vigil::sigma::detail {

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
    return id;
}

int MatchIndex::keywordFieldId()
{
    if (m_keywordId < 0) {
        // Not interned by name: no event field can resolve to it.
        m_keywordId = int(m_fields.size());
        m_fields.emplace_back();
        m_automata.emplace_back();
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

void MatchIndex::Automaton::build()
{
    // Trie first, with ordered children so the flattened edges come out sorted.
    std::vector<std::map<char16_t, int>> children(1);
    std::vector<int> out(1, -1);
    literalLength.clear();
    for (std::size_t i = 0; i < literals.size(); ++i) {
        int node = 0;
        for (QChar c : literals[i]) {
            auto [it, inserted] =
                children[std::size_t(node)].try_emplace(c.unicode(), int(children.size()));
            if (inserted) {
                children.emplace_back();
                out.push_back(-1);
            }
            node = it->second;
        }
        out[std::size_t(node)] = int(i);
        literalLength.push_back(int(literals[i].size()));
    }
    const std::size_t n = children.size();
    edgeStart.assign(n + 1, 0);
    edgeChar.clear();
    edgeTarget.clear();
    for (std::size_t v = 0; v < n; ++v) {
        edgeStart[v] = int(edgeChar.size());
        for (const auto& [c, target] : children[v]) {
            edgeChar.push_back(c);
            edgeTarget.push_back(target);
        }
    }
    edgeStart[n] = int(edgeChar.size());
    rootAscii.fill(0);
    for (const auto& [c, target] : children[0]) {
        if (c < 128) {
            rootAscii[c] = target;
        }
    }
    output = std::move(out);
    fail.assign(n, 0);
    outputLink.assign(n, -1);
    // Breadth-first: a node's failure link points to a shallower node, already done.
    std::deque<int> queue;
    for (int e = edgeStart[0]; e < edgeStart[1]; ++e) {
        queue.push_back(edgeTarget[std::size_t(e)]);
    }
    while (!queue.empty()) {
        const int u = queue.front();
        queue.pop_front();
        for (int e = edgeStart[std::size_t(u)]; e < edgeStart[std::size_t(u) + 1]; ++e) {
            const int v = edgeTarget[std::size_t(e)];
            const char16_t c = edgeChar[std::size_t(e)];
            int f = fail[std::size_t(u)];
            int next = step(f, c);
            while (next < 0 && f != 0) {
                f = fail[std::size_t(f)];
                next = step(f, c);
            }
            fail[std::size_t(v)] = next < 0 ? 0 : next;
            const int fv = fail[std::size_t(v)];
            outputLink[std::size_t(v)] =
                output[std::size_t(fv)] >= 0 ? fv : outputLink[std::size_t(fv)];
            queue.push_back(v);
        }
    }
}

int MatchIndex::Automaton::step(int node, char16_t c) const
{
    if (node == 0 && c < 128) {
        return rootAscii[c] ? rootAscii[c] : -1;
    }
    const auto begin = edgeChar.begin() + edgeStart[std::size_t(node)];
    const auto end = edgeChar.begin() + edgeStart[std::size_t(node) + 1];
    const auto it = std::lower_bound(begin, end, c);
    if (it == end || *it != c) {
        return -1;
    }
    return edgeTarget[std::size_t(it - edgeChar.begin())];
}

void MatchIndex::scan(int fieldId, QStringView text, quint8* flags, std::vector<int>* hits) const
{
    const Automaton& a = m_automata[std::size_t(fieldId)];
    if (a.literals.empty() || a.edgeStart.empty()) {
        return;
    }
    const qsizetype len = text.size();
    int node = 0;
    for (qsizetype i = 0; i < len; ++i) {
        // Literals are folded; fold the text as it streams by instead of copying it.
        char16_t c = text[i].unicode();
        if (c < 128) {
            c = (c >= u'A' && c <= u'Z') ? char16_t(c + 32) : c;
        } else {
            c = QChar(c).toCaseFolded().unicode();
        }
        int next = a.step(node, c);
        while (next < 0 && node != 0) {
            node = a.fail[std::size_t(node)];
            next = a.step(node, c);
        }
        node = next < 0 ? 0 : next;
        int o = a.output[std::size_t(node)] >= 0 ? node : a.outputLink[std::size_t(node)];
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
