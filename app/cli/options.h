#pragma once

#include <optional>

#include <QString>
#include <QStringList>
#include <QTimeZone>

namespace vigil::cli {

/** The options the commands share, parsed in one place so they behave the same everywhere. */
struct Options {
    QString db;
    QStringList rules;
    QString format;
    QTimeZone zone = QTimeZone::utc();
    qint64 windowMinutes = 60;
    bool json = false;
    bool reimport = false;
    bool starterRules = true;
    QStringList paths;
};

/** Which options a command accepts. */
struct Accepts {
    bool db = false;
    bool rules = false;
    bool format = false;
    bool zone = false;
    bool window = false;
    bool json = false;
    bool reimport = false;
    bool starterRules = false;
    bool paths = false;
};

/**
 * Parses @p args for @p command. Returns nothing after printing the problem (or the help text,
 * then @p helpShown is set) to stderr.
 */
std::optional<Options> parseOptions(const QString& command, const QString& synopsis,
                                    const QStringList& args, const Accepts& accepts,
                                    bool& helpShown);

} // namespace vigil::cli
