#include "cli_common.h"

#include <QFileInfo>

#include "ingest/importer.h"
#include "sigma/rule.h"
#include "sigma/rule_set.h"
#include "util/text.h"

namespace vigil::cli {

void outBytes(const QByteArray& bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
}

// Every text line goes through escapeControls: log content, file names and rule text are
// untrusted, and a terminal must never receive their escape sequences.
void out(const QString& text)
{
    outBytes(escapeControls(text, true).toUtf8());
}

void err(const QString& text)
{
    std::fflush(stdout); // keep the order of stdout and stderr lines on a terminal
    const QByteArray bytes = escapeControls(text, true).toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
}

QString printable(const QString& text)
{
    return escapeControls(text, false);
}

QStringList expandInputs(const QStringList& paths, bool& failed)
{
    std::vector<PathNote> notes;
    const QStringList files = expandPaths(paths, &notes);
    failed = false;
    for (const PathNote& n : notes) {
        if (n.unreadable) {
            failed = true;
            err(QStringLiteral("vigil-cli: cannot read %1: %2\n").arg(printable(n.path), n.reason));
        } else {
            err(QStringLiteral("vigil-cli: note: %1: %2\n").arg(printable(n.path), n.reason));
        }
    }
    return files;
}

QString grouped(qint64 n)
{
    QString digits = QString::number(n < 0 ? -n : n);
    for (qsizetype i = digits.size() - 3; i > 0; i -= 3) {
        digits.insert(i, u',');
    }
    return n < 0 ? QStringLiteral("-") + digits : digits;
}

bool loadRulePaths(const QStringList& paths, sigma::RuleSet& rules, bool quiet)
{
    for (const QString& p : paths) {
        if (!QFileInfo::exists(p)) {
            err(QStringLiteral("vigil-cli: cannot open rules %1: no such file or folder\n").arg(p));
            return false;
        }
    }
    const std::size_t issuesBefore = rules.issues().size();
    const std::size_t rulesBefore = rules.rules().size();
    for (const QString& p : paths) {
        rules.addPath(p);
    }
    const std::size_t loaded = rules.rules().size() - rulesBefore;
    const std::size_t failed = rules.issues().size() - issuesBefore;
    if (quiet || paths.isEmpty()) {
        return true;
    }
    qint64 inert = 0;
    for (std::size_t i = rulesBefore; i < rules.rules().size(); ++i) {
        inert += rules.rules()[i]->canMatch() ? 0 : 1;
    }
    err(QStringLiteral("rules: %1 loaded, %2 not loaded").arg(grouped(qint64(loaded)),
                                                         grouped(qint64(failed))));
    if (inert > 0) {
        err(QStringLiteral("; %1 of the loaded rules are for log sources Vigil does not collect yet "
                           "and cannot match (vigil-cli rules check --inert lists them)")
                .arg(grouped(inert)));
    }
    err(QStringLiteral("\n"));
    constexpr std::size_t kShown = 5;
    for (std::size_t i = issuesBefore; i < rules.issues().size() && i < issuesBefore + kShown; ++i) {
        const sigma::LoadIssue& issue = rules.issues()[i];
        err(fill(u"  %1:%2:%3: %4\n", {printable(issue.file), QString::number(issue.line),
                                       QString::number(issue.column), printable(issue.message)}));
    }
    if (failed > kShown) {
        err(QStringLiteral("  ... and %1 more (vigil-cli rules check PATH lists them all)\n")
                .arg(grouped(qint64(failed - kShown))));
    }
    return true;
}

} // namespace vigil::cli
