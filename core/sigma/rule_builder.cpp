#include "sigma/rule_builder.h"

#include <yaml-cpp/yaml.h>

#include <QCryptographicHash>

#include "sigma/condition_parser.h"
#include "sigma/log_source_map.h"
#include "sigma/match_index.h"
#include "sigma/rule.h"

using namespace Qt::StringLiterals;

namespace vigil::sigma::detail {

namespace {

QString scalarText(const YAML::Node& n)
{
    // A missing key gives an invalid node, on which most calls throw.
    return n && n.IsScalar() ? QString::fromStdString(n.Scalar()) : QString();
}

} // namespace

RuleBuilder::RuleBuilder(const DocumentSource& source, const LogSourceMap& map, MatchIndex* index)
    : m_source(source)
    , m_map(map)
    , m_index(index)
{
}

void RuleBuilder::failAt(const YAML::Mark& mark, const QString& message, bool unsupported) const
{
    BuildError e;
    e.message = message;
    e.unsupported = unsupported;
    if (!mark.is_null()) {
        e.line = mark.line + 1 + m_source.lineOffset;
        e.column = mark.column + 1;
    }
    throw e;
}

void RuleBuilder::fail(const YAML::Node& node, const QString& message, bool unsupported) const
{
    failAt(node.Mark(), message, unsupported);
}

int RuleBuilder::slotFor(const QString& name)
{
    const auto it = m_slots.constFind(name);
    if (it != m_slots.cend()) {
        return *it;
    }
    const int slot = int(m_det->slotNames.size());
    m_det->slotNames.push_back(name);
    if (m_index) {
        m_det->slotIds.push_back(m_index->fieldId(name));
    }
    m_slots.insert(name, slot);
    return slot;
}

std::shared_ptr<Rule> RuleBuilder::build(const YAML::Node& root)
{
    if (!root.IsMap()) {
        fail(root, u"a rule document must be a YAML map"_s);
    }
    m_id = scalarText(root["id"]);
    m_title = scalarText(root["title"]);
    if (root["correlation"]) {
        fail(root["correlation"], u"correlation rules are not supported yet"_s, true);
    }
    if (root["filter"] && !root["detection"]) {
        fail(root["filter"], u"global filters are not supported yet"_s, true);
    }
    if (root["action"]) {
        fail(root["action"],
             u"Sigma 1.x rule collections ('action: global/repeat/reset') are not supported"_s,
             true);
    }
    std::shared_ptr<Rule> rule(new Rule);
    rule->m_text = m_source.text;
    rule->m_path = m_source.path;
    readMeta(root, *rule);
    if (m_id.isEmpty()) {
        const QByteArray sha =
            QCryptographicHash::hash(m_source.text.toUtf8(), QCryptographicHash::Sha1);
        rule->m_uid = u"sha1:"_s + QString::fromLatin1(sha.toHex());
    } else {
        rule->m_uid = m_id;
    }
    const YAML::Node detection = root["detection"];
    if (!detection) {
        fail(root, u"the rule has no 'detection' section"_s);
    }
    compileDetection(detection, *rule);
    return rule;
}

RuleMeta RuleBuilder::readMetaOnly(const YAML::Node& root)
{
    if (!root.IsMap()) {
        fail(root, u"a rule document must be a YAML map"_s);
    }
    m_id = scalarText(root["id"]);
    m_title = scalarText(root["title"]);
    RuleMeta meta;
    readMeta(root, meta);
    return meta;
}

void RuleBuilder::readMeta(const YAML::Node& root, Rule& rule)
{
    readMeta(root, rule.m_meta);
}

void RuleBuilder::readMeta(const YAML::Node& root, RuleMeta& m)
{
    auto text = [&root, this](const char* key) {
        const YAML::Node n = root[key];
        if (n && !n.IsScalar() && !n.IsNull()) {
            fail(n, u"'%1' must be text"_s.arg(QString::fromLatin1(key)));
        }
        return scalarText(n);
    };
    auto list = [&root, this](const char* key) {
        QStringList out;
        const YAML::Node n = root[key];
        if (!n) {
            return out;
        }
        if (n.IsScalar()) {
            out << scalarText(n);
        } else if (n.IsSequence()) {
            for (const auto& item : n) {
                if (!item.IsScalar()) {
                    fail(item, u"'%1' must be a list of text"_s.arg(QString::fromLatin1(key)));
                }
                out << scalarText(item);
            }
        } else if (n && !n.IsNull()) {
            fail(n, u"'%1' must be a list of text"_s.arg(QString::fromLatin1(key)));
        }
        return out;
    };
    m.id = m_id;
    m.title = m_title;
    m.name = text("name");
    m.status = text("status");
    m.description = text("description");
    m.author = text("author");
    m.date = text("date");
    m.modified = text("modified");
    m.tags = list("tags");
    m.references = list("references");
    m.falsePositives = list("falsepositives");
    if (const YAML::Node lv = root["level"]; lv && !lv.IsNull()) {
        const auto level = levelFromName(scalarText(lv));
        if (!level) {
            fail(lv, u"unknown level '%1'"_s.arg(scalarText(lv)));
        }
        m.level = *level;
    }
    const YAML::Node ls = root["logsource"];
    if (ls && !ls.IsNull()) {
        if (!ls.IsMap()) {
            fail(ls, u"'logsource' must be a map"_s);
        }
        for (const char* key : {"product", "category", "service"}) {
            const YAML::Node n = ls[key];
            if (n && !n.IsScalar() && !n.IsNull()) {
                fail(n, u"logsource '%1' must be text"_s.arg(QString::fromLatin1(key)));
            }
        }
        m.product = scalarText(ls["product"]);
        m.category = scalarText(ls["category"]);
        m.service = scalarText(ls["service"]);
    }
}

void RuleBuilder::compileDetection(const YAML::Node& detection, Rule& rule)
{
    if (!detection.IsMap()) {
        fail(detection, u"'detection' must be a map"_s);
    }
    auto det = std::make_unique<CompiledDetection>();
    m_det = det.get();
    YAML::Node condition;
    bool haveCondition = false;
    for (const auto& kv : detection) {
        const QString name = scalarText(kv.first);
        if (name == u"condition") {
            condition = kv.second;
            haveCondition = true;
        } else if (name == u"timeframe") {
            fail(kv.first,
                 u"'timeframe' is Sigma 1.x syntax and is not supported; use a correlation rule"_s,
                 true);
        } else {
            det->identNames.push_back(name);
            det->identNodes.push_back(compileIdentifier(kv.second));
        }
    }
    if (!haveCondition) {
        fail(detection, u"the detection has no 'condition'"_s);
    }
    det->condition = compileCondition(condition, rule.m_warnings);
    rule.m_warnings << m_itemWarnings;

    QStringList warnings;
    rule.m_logSource =
        m_map.filterFor(rule.m_meta.product, rule.m_meta.category, rule.m_meta.service, &warnings);
    rule.m_warnings = warnings + rule.m_warnings;
    // Resolve the log source's field aliases once per slot, per alternative.
    if (rule.m_logSource->hasAliases()) {
        for (const SourceAlternative& alt : rule.m_logSource->alternatives) {
            std::vector<QString> names;
            for (const QString& slot : det->slotNames) {
                names.push_back(alt.aliases.value(slot));
            }
            det->slotAliases.push_back(std::move(names));
        }
    }
    if (m_index) {
        det->computeRequirement();
    }
    m_det = nullptr;
    rule.m_detection = std::move(det);
}

CondNode RuleBuilder::compileCondition(const YAML::Node& cond, QStringList& warnings)
{
    std::vector<YAML::Node> parts;
    if (cond.IsSequence()) {
        for (const auto& c : cond) {
            parts.push_back(c);
        }
    } else {
        parts.push_back(cond);
    }
    if (parts.empty()) {
        fail(cond, u"the condition is empty"_s);
    }
    CondNode result;
    result.type = CondNode::Type::Or; // a list of conditions is OR-ed
    for (const YAML::Node& p : parts) {
        if (!p.IsScalar()) {
            fail(p, u"a condition must be text"_s);
        }
        CondNode node;
        ConditionError err;
        if (!parseCondition(scalarText(p), m_det->identNames, node, err, warnings)) {
            const auto [line, column] = scalarPosition(p, err.offset);
            BuildError e{err.message, line, column, err.unsupported};
            throw e;
        }
        result.children.push_back(std::move(node));
    }
    if (result.children.size() == 1) {
        CondNode single = std::move(result.children.front());
        return single;
    }
    return result;
}

DetectionNode RuleBuilder::compileIdentifier(const YAML::Node& node)
{
    DetectionNode out;
    if (node.IsMap()) {
        return compileMap(node);
    }
    if (node.IsSequence()) {
        bool allScalars = true;
        for (const auto& e : node) {
            allScalars = allScalars && e.IsScalar();
        }
        if (node.size() == 0) {
            fail(node, u"a search identifier cannot be an empty list"_s);
        }
        if (allScalars) {
            // A list of plain values is a keyword list.
            out.type = DetectionNode::Type::Item;
            out.item = std::make_unique<FieldItem>(compileItem(YAML::Node(""), node));
            return out;
        }
        out.type = DetectionNode::Type::Or;
        for (const auto& e : node) {
            out.children.push_back(compileIdentifier(e));
        }
        return out;
    }
    if (node.IsScalar()) {
        out.type = DetectionNode::Type::Item;
        out.item = std::make_unique<FieldItem>(compileItem(YAML::Node(""), node));
        return out;
    }
    fail(node, u"a search identifier must have a value"_s);
}

DetectionNode RuleBuilder::compileMap(const YAML::Node& node)
{
    DetectionNode out;
    out.type = DetectionNode::Type::And;
    for (const auto& kv : node) {
        if (!kv.first.IsScalar()) {
            fail(kv.first, u"a field name must be text"_s);
        }
        DetectionNode child;
        child.type = DetectionNode::Type::Item;
        child.item = std::make_unique<FieldItem>(compileItem(kv.first, kv.second));
        out.children.push_back(std::move(child));
    }
    if (out.children.empty()) {
        fail(node, u"a search identifier cannot be an empty map"_s);
    }
    return out;
}

std::pair<int, int> RuleBuilder::scalarPosition(const YAML::Node& node, qsizetype offset) const
{
    const YAML::Mark mark = node.Mark();
    if (mark.is_null()) {
        return {0, 0};
    }
    const QStringList lines = m_source.text.split(u'\n');
    const QString line = lines.value(mark.line);
    const QChar first = mark.column < line.size() ? line[mark.column] : QChar();
    int lineNo = mark.line;
    int col = mark.column;
    const QString value = scalarText(node);
    const qsizetype nlBefore = value.left(offset).count(u'\n');
    const qsizetype lastNl = value.left(offset).lastIndexOf(u'\n');
    if (first == u'|' || first == u'>') {
        // Block scalar: the text starts on the next line at its indentation.
        lineNo = mark.line + 1 + int(nlBefore);
        const QString body = lines.value(lineNo);
        qsizetype indent = 0;
        while (indent < body.size() && body[indent] == u' ') {
            ++indent;
        }
        col = int(indent + (lastNl < 0 ? offset : offset - lastNl - 1));
    } else {
        const int quote = (first == u'\'' || first == u'"') ? 1 : 0;
        if (nlBefore == 0) {
            col = mark.column + quote + int(offset);
        } else {
            lineNo = mark.line + int(nlBefore);
            col = int(offset - lastNl - 1);
        }
    }
    return {lineNo + 1 + m_source.lineOffset, col + 1};
}

} // namespace vigil::sigma::detail
