#include "sigma/correlation_links.h"

#include <QHash>

#include "sigma/correlation_rule.h"
#include "sigma/rule.h"
#include "sigma/rule_set.h"

using namespace Qt::StringLiterals;

namespace vigil::sigma::detail {

namespace {

struct Target {
    const Rule* rule = nullptr;
    int def = -1; // index into the correlation definitions
    QString where;
};

enum class State : quint8 { Unvisited, Visiting, Valid, Invalid };

constexpr int kMaxChainDepth = 16;

} // namespace

/** The work of one link() call. */
class LinkRun {
public:
    LinkRun(const std::vector<std::shared_ptr<const Rule>>& rules,
            const std::vector<std::shared_ptr<CorrelationRule>>& defs,
            std::vector<LoadIssue>& issues)
        : m_defs(defs)
        , m_issues(issues)
        , m_state(defs.size(), State::Unvisited)
    {
        for (const auto& r : rules) {
            index(r->meta().id, r->meta().name, {r.get(), -1, r->path()});
        }
        for (std::size_t i = 0; i < defs.size(); ++i) {
            const CorrelationRule& c = *defs[i];
            index(c.meta().id, c.meta().name, {nullptr, int(i), c.path()});
        }
    }

    bool visit(int i);

private:
    void index(const QString& id, const QString& name, const Target& t)
    {
        if (!id.isEmpty()) {
            m_byId[id].push_back(t);
        }
        if (!name.isEmpty()) {
            m_byName[name].push_back(t);
        }
    }
    /** The single target @p key names (id first, then name); issues when none or several. */
    const Target* lookup(const CorrelationRule& c, const QString& key, int line, int column);
    void issue(const CorrelationRule& c, int line, int column, const QString& message)
    {
        m_issues.push_back({c.path(), line, column, c.meta().id, c.meta().title, message, false});
    }
    bool resolveRefs(CorrelationRule& c, int self);
    bool resolveAliases(CorrelationRule& c);
    bool checkChainFields(const CorrelationRule& c);

    const std::vector<std::shared_ptr<CorrelationRule>>& m_defs;
    std::vector<LoadIssue>& m_issues;
    std::vector<State> m_state;
    int m_depth = 0; // correlations being visited: bounds the recursion on hostile rule sets
    QHash<QString, std::vector<Target>> m_byId;
    QHash<QString, std::vector<Target>> m_byName;
};

const Target* LinkRun::lookup(const CorrelationRule& c, const QString& key, int line, int column)
{
    const std::vector<Target>* found = nullptr;
    if (const auto id = m_byId.constFind(key); id != m_byId.cend()) {
        found = &id.value();
    } else if (const auto name = m_byName.constFind(key); name != m_byName.cend()) {
        found = &name.value();
    }
    if (!found || found->empty()) {
        issue(c, line, column,
              u"unknown rule '%1': no rule or correlation of this set has that name or id (rules "
              u"are found in the same folder, file or rule library)"_s
                  .arg(key));
        return nullptr;
    }
    if (found->size() > 1) {
        QStringList where;
        for (const Target& t : *found) {
            where << t.where;
        }
        issue(c, line, column,
              u"'%1' names several rules (%2); names must be unique"_s.arg(key,
                                                                         where.join(u", "_s)));
        return nullptr;
    }
    return &found->front();
}

bool LinkRun::resolveRefs(CorrelationRule& c, int self)
{
    bool ok = true;
    for (CorrelationRef& ref : c.m_refs) {
        ref.rule = nullptr;
        ref.correlation = nullptr;
        const Target* t = lookup(c, ref.name, ref.line, ref.column);
        if (!t) {
            ok = false;
            continue;
        }
        if (t->def == self) {
            issue(c, ref.line, ref.column, u"the correlation references itself"_s);
            ok = false;
            continue;
        }
        ref.rule = t->rule;
        if (t->def >= 0) {
            if (m_depth >= kMaxChainDepth) {
                issue(c, ref.line, ref.column,
                      u"correlations are chained more than %1 deep"_s.arg(kMaxChainDepth));
                ok = false;
                continue;
            }
            if (!visit(t->def)) {
                const State s = m_state[std::size_t(t->def)];
                issue(c, ref.line, ref.column,
                      s == State::Visiting
                          ? u"correlation '%1' leads back to this one (a loop)"_s.arg(ref.name)
                          : u"correlation '%1' cannot be used"_s.arg(ref.name));
                ok = false;
                continue;
            }
            const CorrelationRule& inner = *m_defs[std::size_t(t->def)];
            if (!inner.condition().isMonotone()) {
                issue(c, ref.line, ref.column,
                      u"correlation '%1' has the condition '%2'; a correlation used by another "
                      u"one must only use gt/gte, so its alerts are known when they happen"_s
                          .arg(ref.name, inner.condition().toString()));
                ok = false;
                continue;
            }
            ref.correlation = &inner;
        }
    }
    return ok;
}

bool LinkRun::resolveAliases(CorrelationRule& c)
{
    bool ok = true;
    for (auto it = c.m_aliasSpec.cbegin(); it != c.m_aliasSpec.cend(); ++it) {
        std::vector<QString> perRef(c.m_refs.size());
        for (const auto& [key, field] : it.value()) {
            const Target* t = lookup(c, key, c.m_line, c.m_column);
            if (!t) {
                ok = false;
                continue;
            }
            std::size_t found = c.m_refs.size();
            for (std::size_t i = 0; i < c.m_refs.size(); ++i) {
                const CorrelationRef& r = c.m_refs[i];
                const bool same = t->rule
                    ? r.rule == t->rule
                    : (t->def >= 0 && r.correlation == m_defs[std::size_t(t->def)].get());
                if (same) {
                    found = i;
                }
            }
            if (found == c.m_refs.size()) {
                issue(c, c.m_line, c.m_column,
                      u"alias '%1' names rule '%2', which is not in 'rules'"_s.arg(it.key(), key));
                ok = false;
                continue;
            }
            perRef[found] = field;
        }
        const bool used = c.m_groupBy.contains(it.key()) || c.m_valueFields.contains(it.key());
        if (!used) {
            c.m_warnings << u"alias '%1' is not used in group-by or field"_s.arg(it.key());
        }
        for (std::size_t i = 0; i < perRef.size() && ok && used; ++i) {
            if (perRef[i].isEmpty()) {
                issue(c, c.m_line, c.m_column,
                      u"alias '%1' does not say which field the events of '%2' use"_s.arg(
                          it.key(), c.m_refs[i].name));
                ok = false;
            }
        }
        c.m_aliases.insert(it.key(), std::move(perRef));
    }
    return ok;
}

bool LinkRun::checkChainFields(const CorrelationRule& c)
{
    // An inner correlation's alerts carry only its group-by values, so the outer one can only
    // group by (or count) those.
    bool ok = true;
    for (std::size_t i = 0; i < c.m_refs.size(); ++i) {
        const CorrelationRef& ref = c.m_refs[i];
        if (!ref.correlation) {
            continue;
        }
        for (const QString& f : c.m_groupBy + c.m_valueFields) {
            const QString name = c.fieldFor(f, i);
            if (!ref.correlation->groupBy().contains(name)) {
                issue(c, ref.line, ref.column,
                      u"'%1' is not a group-by field of correlation '%2' (%3), so its alerts do "
                      u"not carry it"_s
                          .arg(name, ref.name, ref.correlation->groupBy().join(u", "_s)));
                ok = false;
            }
        }
    }
    return ok;
}

bool LinkRun::visit(int i)
{
    State& s = m_state[std::size_t(i)];
    if (s == State::Valid || s == State::Invalid) {
        return s == State::Valid;
    }
    if (s == State::Visiting) {
        return false;
    }
    s = State::Visiting;
    ++m_depth;
    CorrelationRule& c = *m_defs[std::size_t(i)];
    c.m_aliases.clear();
    c.m_warnings.clear();
    c.m_canMatch = true;
    const bool ok = resolveRefs(c, i) && resolveAliases(c) && checkChainFields(c);
    for (const CorrelationRef& ref : c.m_refs) {
        const bool can = ref.rule ? ref.rule->canMatch()
                                  : (ref.correlation && ref.correlation->canMatch());
        if (!can && (ref.rule || ref.correlation)) {
            c.m_canMatch = false;
            c.m_warnings << u"rule '%1' can never match here, so neither can this correlation"_s
                                .arg(ref.name);
        }
    }
    --m_depth;
    m_state[std::size_t(i)] = ok ? State::Valid : State::Invalid;
    return ok;
}

std::vector<std::shared_ptr<const CorrelationRule>>
CorrelationLinker::link(const std::vector<std::shared_ptr<const Rule>>& rules,
                        const std::vector<std::shared_ptr<CorrelationRule>>& defs,
                        std::vector<LoadIssue>& issues)
{
    LinkRun run(rules, defs, issues);
    std::vector<std::shared_ptr<const CorrelationRule>> usable;
    for (std::size_t i = 0; i < defs.size(); ++i) {
        if (run.visit(int(i))) {
            usable.push_back(defs[i]);
        }
    }
    return usable;
}

} // namespace vigil::sigma::detail
