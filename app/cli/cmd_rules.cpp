#include "cli_common.h"
#include "commands.h"

#include <map>


#include "sigma/rule.h"
#include "sigma/rule_set.h"
#include "util/text.h"

namespace vigil::cli {

int runRules(const QStringList& args)
{
    if (!args.isEmpty() && args.first() == u"grouping") {
        return runRulesGrouping(args.mid(1));
    }
    QStringList paths = args.mid(1);
    const bool help = args.contains(QStringLiteral("--help")) || args.contains(QStringLiteral("-h"));
    const bool listInert = paths.removeAll(QStringLiteral("--inert")) > 0;
    if (help || paths.isEmpty() || args.first() != u"check") {
        const QString usage = QStringLiteral(
            "usage: vigil-cli rules check [--inert] PATH...\n"
            "       vigil-cli rules grouping --db FILE RULE [--key K] [--window W]\n"
            "  Loads Sigma rule files or folders and prints how many load, then\n"
            "  every rule that cannot be used as file:line:column: reason.\n"
            "  --inert  also name each rule that loads but cannot match yet (its log source is\n"
            "           not collected by Vigil), one file per line\n");
        if (help) {
            out(usage);
            return ExitOk;
        }
        err(usage);
        return ExitUsage;
    }
    sigma::RuleSet rules;
    if (!loadRulePaths(paths, rules, true)) {
        return ExitInput;
    }
    int unsupported = 0;
    for (const sigma::LoadIssue& i : rules.issues()) {
        unsupported += i.unsupported ? 1 : 0;
        out(fill(u"%1:%2:%3: %4%5\n",
                 {printable(i.file), QString::number(i.line), QString::number(i.column),
                  i.unsupported ? QStringLiteral("unsupported: ") : QStringLiteral("invalid: "),
                  printable(i.message)}));
    }
    // Rules for log sources Vigil does not collect load but cannot match: say so, grouped.
    std::map<QString, int> notCollected;
    std::map<QString, int> unknownSources;
    for (const auto& rule : rules.rules()) {
        for (const QString& w : rule->warnings()) {
            if (!rule->canMatch() && w.contains(u"does not collect")) {
                ++notCollected[w];
                if (listInert) {
                    out(fill(u"%1: cannot match yet: %2\n", {printable(rule->path()), printable(w)}));
                }
            } else if (w.contains(u"unknown to Vigil")) {
                ++unknownSources[w];
            } else {
                out(fill(u"%1: remark: %2\n", {printable(rule->path()), printable(w)}));
            }
        }
    }
    qint64 inert = 0;
    for (const auto& [w, n] : notCollected) {
        out(QStringLiteral("cannot match yet (%1 rules): %2\n").arg(n).arg(printable(w)));
        inert += n;
    }
    for (const auto& [w, n] : unknownSources) {
        out(QStringLiteral("not restricted (%1 rules): %2\n").arg(n).arg(printable(w)));
    }
    if (inert > 0) {
        out(QStringLiteral("%1 rules load but cannot match until Vigil collects their log sources\n")
                .arg(grouped(inert)));
    }
    const qint64 invalid = qint64(rules.issues().size()) - unsupported;
    out(QStringLiteral("%1 rule documents: %2 loaded, %3 invalid, %4 unsupported\n")
            .arg(grouped(rules.documentCount()), grouped(qint64(rules.rules().size())),
                 grouped(invalid), grouped(unsupported)));
    // Usable as a linter: invalid rules (or unreadable files) fail the check; rules that are
    // valid Sigma but need something this build lacks do not.
    return invalid > 0 ? ExitInput : ExitOk;
}

} // namespace vigil::cli
