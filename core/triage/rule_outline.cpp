#include "triage/rule_outline.h"

#include <yaml-cpp/yaml.h>

namespace vigil {

namespace {

QString scalar(const YAML::Node& n) {
    return n && n.IsScalar() ? QString::fromStdString(n.Scalar()).trimmed() : QString();
}

} // namespace

const QStringList& attackTactics() {
    static const QStringList kTactics{
        QStringLiteral("reconnaissance"),  QStringLiteral("resource-development"),
        QStringLiteral("initial-access"),  QStringLiteral("execution"),
        QStringLiteral("persistence"),     QStringLiteral("privilege-escalation"),
        QStringLiteral("defense-evasion"), QStringLiteral("credential-access"),
        QStringLiteral("discovery"),       QStringLiteral("lateral-movement"),
        QStringLiteral("collection"),      QStringLiteral("command-and-control"),
        QStringLiteral("exfiltration"),    QStringLiteral("impact")};
    return kTactics;
}

QString tacticName(const QString& tactic) {
    QStringList words = tactic.split(u'-');
    for (QString& w : words) {
        if (w == u"and") {
            continue;
        }
        if (!w.isEmpty()) {
            w[0] = w[0].toUpper();
        }
    }
    return words.join(u' ');
}

QString RuleOutline::logSource() const {
    QStringList parts;
    for (const QString& p : {product, category, service}) {
        if (!p.isEmpty()) {
            parts << p;
        }
    }
    return parts.isEmpty() ? QStringLiteral("any") : parts.join(QStringLiteral(" / "));
}

RuleOutline outlineOf(const QString& yaml) {
    RuleOutline o;
    try {
        const YAML::Node doc = YAML::Load(yaml.toStdString());
        if (!doc.IsMap()) {
            return o;
        }
        if (const YAML::Node tags = doc["tags"]; tags && tags.IsSequence()) {
            for (const YAML::Node& t : tags) {
                QString tag = scalar(t).toLower();
                if (!tag.startsWith(u"attack.")) {
                    continue;
                }
                tag = tag.mid(7).replace(u'_', u'-');
                if (attackTactics().contains(tag) && !o.tactics.contains(tag)) {
                    o.tactics << tag;
                } else if (tag.startsWith(u't') && tag.size() > 1 && tag[1].isDigit()) {
                    o.techniques << tag.toUpper();
                }
            }
        }
        std::sort(o.tactics.begin(), o.tactics.end(), [](const QString& a, const QString& b) {
            return attackTactics().indexOf(a) < attackTactics().indexOf(b);
        });
        if (const YAML::Node ls = doc["logsource"]; ls && ls.IsMap()) {
            o.product = scalar(ls["product"]);
            o.category = scalar(ls["category"]);
            o.service = scalar(ls["service"]);
        }
    } catch (const YAML::Exception&) {
        // A rule in the library was loaded once; an unreadable outline just groups as "none".
    }
    return o;
}

} // namespace vigil
