#pragma once

#include <map>
#include <optional>

#include <QSet>
#include <QString>
#include <QStringList>

namespace vigil::cli {

/** Options of the incident-detection commands (alerts, suppress, rules grouping, merge/split). */
struct DetectionArgs {
    std::map<QString, QStringList> values; ///< --name VALUE (repeatable ones keep every value)
    QSet<QString> flags;                   ///< --name without a value
    QStringList positional;

    QString value(const QString& name) const;
    bool has(const QString& name) const { return values.count(name) > 0 || flags.contains(name); }
};

/**
 * Reads @p args: @p valued options take a value (as "--name VALUE" or "--name=VALUE"), @p flags
 * none; @p repeatable ones may be given more than once; positional arguments are accepted when
 * @p positional is set. Prints the problem (or @p usage for --help, setting @p helpShown) and
 * returns nothing on failure.
 */
std::optional<DetectionArgs> readDetectionArgs(const QString& command, const QString& usage,
                                               const QStringList& args,
                                               const QStringList& valued, const QStringList& flags,
                                               const QStringList& repeatable, bool positional,
                                               bool& helpShown);

} // namespace vigil::cli
