#include "sigma/correlation_builder.h"

#include <limits>

#include <yaml-cpp/yaml.h>

#include <QCryptographicHash>
#include <QSet>

#include "sigma/correlation_rule.h"

using namespace Qt::StringLiterals;

namespace vigil::sigma::detail {

namespace {

QString scalarText(const YAML::Node& n)
{
    return n && n.IsScalar() ? QString::fromStdString(n.Scalar()) : QString();
}

struct UnitSpec {
    QChar unit;
    qint64 ns;
};

constexpr qint64 kSecond = 1'000'000'000LL;
const UnitSpec kUnits[] = {{u's', kSecond},
                           {u'm', 60 * kSecond},
                           {u'h', 3600 * kSecond},
                           {u'd', 86400 * kSecond},
                           {u'w', 7 * 86400 * kSecond}};

const char* const kKeys[] = {"type",      "rules",     "group-by", "timespan",
                             "timeframe", "condition", "aliases",  "generate"};

} // namespace

CorrelationBuilder::CorrelationBuilder(RuleBuilder& base)
    : m_base(base)
{
}

std::shared_ptr<CorrelationRule> CorrelationBuilder::build(const YAML::Node& root)
{
    std::shared_ptr<CorrelationRule> rule(new CorrelationRule);
    rule->m_meta = m_base.readMetaOnly(root);
    rule->m_text = m_base.source().text;
    rule->m_path = m_base.source().path;
    const QString& id = m_base.ruleId();
    if (id.isEmpty()) {
        const QByteArray sha = QCryptographicHash::hash(rule->m_text.toUtf8(),
                                                        QCryptographicHash::Sha1);
        rule->m_uid = u"sha1:"_s + QString::fromLatin1(sha.toHex());
    } else {
        rule->m_uid = id;
    }
    if (root["detection"]) {
        m_base.fail(root["detection"],
                    u"a document cannot hold both 'detection' and 'correlation'"_s);
    }
    const YAML::Node block = root["correlation"];
    if (!block.IsMap()) {
        m_base.fail(block, u"'correlation' must be a map"_s);
    }
    m_block = &block;
    if (!block.Mark().is_null()) {
        rule->m_line = block.Mark().line + 1 + m_base.source().lineOffset;
        rule->m_column = block.Mark().column + 1;
    }
    for (const auto& kv : block) {
        const QString key = scalarText(kv.first);
        bool known = false;
        for (const char* k : kKeys) {
            known = known || key == QLatin1StringView(k);
        }
        if (!known) {
            m_base.fail(kv.first, u"unknown key '%1' in 'correlation' (expected type, rules, "
                                  u"group-by, timespan, condition, aliases, generate)"_s
                                      .arg(key));
        }
    }
    readType(block["type"], *rule);
    readRules(block["rules"], *rule);
    readGroupBy(block["group-by"], *rule);
    if (block["timespan"] && block["timeframe"]) {
        m_base.fail(block["timeframe"], u"give either 'timespan' or 'timeframe', not both"_s);
    }
    readTimespan(block["timespan"] ? block["timespan"] : block["timeframe"], *rule);
    readCondition(block["condition"], block, *rule);
    readAliases(block["aliases"], *rule);
    readGenerate(block["generate"], *rule);
    return rule;
}

void CorrelationBuilder::readType(const YAML::Node& node, CorrelationRule& rule)
{
    if (!node) {
        m_base.fail(*m_block, u"the correlation has no 'type'"_s);
    }
    const QString type = scalarText(node);
    static const std::pair<const char16_t*, CorrelationType> kTypes[] = {
        {u"event_count", CorrelationType::EventCount},
        {u"value_count", CorrelationType::ValueCount},
        {u"temporal", CorrelationType::Temporal},
        {u"temporal_ordered", CorrelationType::TemporalOrdered},
    };
    for (const auto& [name, t] : kTypes) {
        if (type == QStringView(name)) {
            rule.m_type = t;
            return;
        }
    }
    for (const char16_t* later :
         {u"value_sum", u"value_avg", u"value_percentile", u"value_median"}) {
        if (type == QStringView(later)) {
            m_base.fail(node, u"correlation type '%1' is not supported yet"_s.arg(type), true);
        }
    }
    m_base.fail(node, u"unknown correlation type '%1' (expected event_count, value_count, "
                      u"temporal or temporal_ordered)"_s
                          .arg(type));
}

QStringList CorrelationBuilder::textList(const YAML::Node& node, const QString& what)
{
    QStringList out;
    if (node.IsScalar()) {
        out << scalarText(node);
    } else if (node.IsSequence()) {
        for (const auto& item : node) {
            if (!item.IsScalar() || scalarText(item).isEmpty()) {
                m_base.fail(item, u"'%1' must be a list of names"_s.arg(what));
            }
            out << scalarText(item);
        }
    } else {
        m_base.fail(node, u"'%1' must be a name or a list of names"_s.arg(what));
    }
    return out;
}

void CorrelationBuilder::readRules(const YAML::Node& node, CorrelationRule& rule)
{
    if (!node || node.IsNull()) {
        m_base.fail(*m_block, u"the correlation has no 'rules'"_s);
    }
    const int offset = m_base.source().lineOffset;
    std::vector<YAML::Node> items;
    if (node.IsSequence()) {
        for (const auto& item : node) {
            items.push_back(item);
        }
    } else {
        items.push_back(node);
    }
    QSet<QString> seen;
    for (const YAML::Node& item : items) {
        const QString name = scalarText(item);
        if (!item.IsScalar() || name.isEmpty()) {
            m_base.fail(item, u"'rules' must list rule names or ids"_s);
        }
        if (seen.contains(name)) {
            m_base.fail(item, u"rule '%1' is listed twice"_s.arg(name));
        }
        seen.insert(name);
        CorrelationRef ref;
        ref.name = name;
        if (!item.Mark().is_null()) {
            ref.line = item.Mark().line + 1 + offset;
            ref.column = item.Mark().column + 1;
        }
        rule.m_refs.push_back(ref);
    }
    if (rule.m_refs.empty()) {
        m_base.fail(node, u"'rules' is empty"_s);
    }
    const int max = rule.m_type == CorrelationType::TemporalOrdered ? kMaxOrderedRefs : kMaxRefs;
    if (int(rule.m_refs.size()) > max) {
        m_base.fail(node, u"a %1 correlation can reference at most %2 rules"_s
                              .arg(correlationTypeName(rule.m_type))
                              .arg(max));
    }
}

void CorrelationBuilder::readGroupBy(const YAML::Node& node, CorrelationRule& rule)
{
    // The specification makes group-by mandatory; pySigma does not. Without it every event of
    // the referenced rules falls into one group.
    if (!node || node.IsNull()) {
        return;
    }
    rule.m_groupBy = textList(node, u"group-by"_s);
    if (rule.m_groupBy.removeDuplicates() > 0) {
        m_base.fail(node, u"'group-by' names a field twice"_s);
    }
}

void CorrelationBuilder::readTimespan(const YAML::Node& node, CorrelationRule& rule)
{
    if (!node || node.IsNull()) {
        m_base.fail(*m_block, u"the correlation has no 'timespan'"_s);
    }
    const QString text = scalarText(node).trimmed();
    if (!node.IsScalar() || text.size() < 2) {
        m_base.fail(node, u"'timespan' must be a number and a unit, e.g. 5m"_s);
    }
    const QChar unit = text.back();
    if (unit == u'M' || unit == u'y') {
        m_base.fail(node,
                    u"calendar timespans (months, years) are not supported; give days"_s, true);
    }
    bool ok = false;
    const qint64 count = QStringView(text).chopped(1).toLongLong(&ok);
    for (const QChar c : QStringView(text).chopped(1)) {
        ok = ok && c.isDigit() && c.unicode() < 128;
    }
    for (const UnitSpec& u : kUnits) {
        if (u.unit != unit) {
            continue;
        }
        if (!ok || count <= 0) {
            m_base.fail(node, u"'timespan' must be a positive whole number and a unit"_s);
        }
        if (count > std::numeric_limits<qint64>::max() / u.ns) {
            m_base.fail(node, u"'timespan' is too long"_s);
        }
        rule.m_timespanNs = count * u.ns;
        return;
    }
    m_base.fail(node, u"unknown timespan unit '%1' (expected s, m, h, d or w)"_s.arg(unit));
}

void CorrelationBuilder::readCondition(const YAML::Node& node, const YAML::Node& block,
                                       CorrelationRule& rule)
{
    const bool temporal = rule.m_type == CorrelationType::Temporal
        || rule.m_type == CorrelationType::TemporalOrdered;
    const qint64 refs = qint64(rule.m_refs.size());
    if (!node || node.IsNull()) {
        if (!temporal) {
            m_base.fail(block, u"the correlation has no 'condition'"_s);
        }
        // Temporal types default to "every referenced rule matched".
        rule.m_condition.add(CountCondition::Op::Gte, refs);
        return;
    }
    if (node.IsScalar() && temporal) {
        m_base.fail(node, u"conditions written as expressions over rule names (the extended "
                          u"temporal form) are not supported yet"_s,
                    true);
    }
    if (!node.IsMap()) {
        m_base.fail(node, u"'condition' must be a map such as {gte: 3}"_s);
    }
    static const std::pair<const char*, CountCondition::Op> kOps[] = {
        {"gt", CountCondition::Op::Gt},   {"gte", CountCondition::Op::Gte},
        {"lt", CountCondition::Op::Lt},   {"lte", CountCondition::Op::Lte},
        {"eq", CountCondition::Op::Eq},   {"neq", CountCondition::Op::Neq},
    };
    for (const auto& kv : node) {
        const QString key = scalarText(kv.first);
        if (key == u"field") {
            if (rule.m_type != CorrelationType::ValueCount) {
                m_base.fail(kv.first, u"'field' only applies to value_count correlations"_s);
            }
            rule.m_valueFields = textList(kv.second, u"field"_s);
            continue;
        }
        const CountCondition::Op* op = nullptr;
        for (const auto& [name, o] : kOps) {
            if (key == QLatin1StringView(name)) {
                op = &o;
            }
        }
        if (!op) {
            m_base.fail(kv.first, u"unknown condition '%1' (expected gt, gte, lt, lte, eq, neq)"_s
                                      .arg(key));
        }
        bool ok = kv.second.IsScalar();
        const QString text = scalarText(kv.second);
        const qint64 value = text.toLongLong(&ok);
        if (!kv.second.IsScalar() || !ok || value < 0) {
            m_base.fail(kv.second, u"'%1' needs a whole number of at least 0"_s.arg(key));
        }
        rule.m_condition.add(*op, value);
    }
    if (rule.m_type == CorrelationType::ValueCount && rule.m_valueFields.isEmpty()) {
        m_base.fail(node, u"a value_count condition needs 'field'"_s);
    }
    if (rule.m_condition.isEmpty()) {
        if (!temporal) {
            m_base.fail(node, u"the condition has no comparison (gt, gte, lt, lte, eq, neq)"_s);
        }
        rule.m_condition.add(CountCondition::Op::Gte, refs);
    }
    // A window holds at least one event, and a temporal count cannot exceed the rule count.
    const qint64 max = temporal ? refs : std::numeric_limits<qint64>::max() - 1;
    if (rule.m_condition.smallestSatisfying(max) == 0) {
        m_base.fail(node, u"the condition '%1' can never hold%2"_s.arg(
                              rule.m_condition.toString(),
                              temporal ? u" with %1 referenced rules"_s.arg(refs) : QString()));
    }
}

void CorrelationBuilder::readAliases(const YAML::Node& node, CorrelationRule& rule)
{
    if (!node || node.IsNull()) {
        return;
    }
    if (!node.IsMap()) {
        m_base.fail(node, u"'aliases' must map each alias to {rule: field, ...}"_s);
    }
    for (const auto& kv : node) {
        const QString alias = scalarText(kv.first);
        if (alias.isEmpty()) {
            m_base.fail(kv.first, u"an alias needs a name"_s);
        }
        if (!kv.second.IsMap() || kv.second.size() == 0) {
            m_base.fail(kv.second, u"alias '%1' must map rules to fields"_s.arg(alias));
        }
        std::vector<std::pair<QString, QString>> mapping;
        for (const auto& rf : kv.second) {
            const QString field = scalarText(rf.second);
            if (!rf.second.IsScalar() || field.isEmpty()) {
                m_base.fail(rf.second, u"alias '%1' must name a field"_s.arg(alias));
            }
            mapping.emplace_back(scalarText(rf.first), field);
        }
        rule.m_aliasSpec.insert(alias, std::move(mapping));
    }
}

void CorrelationBuilder::readGenerate(const YAML::Node& node, CorrelationRule& rule)
{
    if (!node || node.IsNull()) {
        return;
    }
    const QString text = scalarText(node).toLower();
    if (text == u"true") {
        rule.m_generate = true;
    } else if (text != u"false") {
        m_base.fail(node, u"'generate' must be true or false"_s);
    }
}

} // namespace vigil::sigma::detail
