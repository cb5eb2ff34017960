#include "response/playbook.h"

#include <yaml-cpp/yaml.h>

namespace vigil {

namespace {

QString lowerScalar(const YAML::Node& n)
{
    return n && n.IsScalar() ? QString::fromStdString(n.Scalar()).trimmed().toLower() : QString();
}

// "attack.t1110" fits "attack.t1110" and its sub-techniques "attack.t1110.001".
bool tagFits(const QString& wanted, const QString& tag)
{
    return tag == wanted || (tag.startsWith(wanted) && tag.size() > wanted.size()
                             && tag[wanted.size()] == u'.');
}

} // namespace

const std::vector<TaskPhase>& allTaskPhases()
{
    static const std::vector<TaskPhase> kPhases{TaskPhase::Containment, TaskPhase::Eradication,
                                                TaskPhase::Recovery};
    return kPhases;
}

QString codeOf(TaskPhase phase)
{
    switch (phase) {
    case TaskPhase::Containment:
        return QStringLiteral("containment");
    case TaskPhase::Eradication:
        return QStringLiteral("eradication");
    case TaskPhase::Recovery:
        return QStringLiteral("recovery");
    }
    return {};
}

QString displayName(TaskPhase phase)
{
    switch (phase) {
    case TaskPhase::Containment:
        return QStringLiteral("Containment");
    case TaskPhase::Eradication:
        return QStringLiteral("Eradication");
    case TaskPhase::Recovery:
        return QStringLiteral("Recovery");
    }
    return {};
}

std::optional<TaskPhase> taskPhaseFromCode(const QString& code)
{
    for (TaskPhase p : allTaskPhases()) {
        if (codeOf(p) == code.trimmed().toLower()) {
            return p;
        }
    }
    return std::nullopt;
}

RuleFacts ruleFactsOf(const QString& yaml)
{
    RuleFacts f;
    try {
        const YAML::Node doc = YAML::Load(yaml.toStdString());
        if (!doc.IsMap()) {
            return f;
        }
        if (const YAML::Node tags = doc["tags"]; tags && tags.IsSequence()) {
            for (const YAML::Node& t : tags) {
                if (const QString tag = lowerScalar(t); !tag.isEmpty()) {
                    f.tags << tag;
                }
            }
        }
        if (const YAML::Node ls = doc["logsource"]; ls && ls.IsMap()) {
            f.category = lowerScalar(ls["category"]);
            f.service = lowerScalar(ls["service"]);
            f.product = lowerScalar(ls["product"]);
        }
    } catch (const YAML::Exception&) {
        // A rule in the library loaded once; one that no longer parses simply matches nothing.
    }
    return f;
}

QString Playbook::matchReason(const RuleFacts& rule) const
{
    for (const QString& wanted : tags) {
        for (const QString& tag : rule.tags) {
            if (tagFits(wanted, tag)) {
                return QStringLiteral("tag ") + tag;
            }
        }
    }
    if (!rule.category.isEmpty() && categories.contains(rule.category)) {
        return QStringLiteral("log source category ") + rule.category;
    }
    if (!rule.service.isEmpty() && services.contains(rule.service)) {
        return QStringLiteral("log source service ") + rule.service;
    }
    return {};
}

int Playbook::taskCount(TaskPhase phase) const
{
    int n = 0;
    for (const PlaybookTask& t : tasks) {
        n += t.phase == phase ? 1 : 0;
    }
    return n;
}

} // namespace vigil
