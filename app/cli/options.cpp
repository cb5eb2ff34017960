#include "options.h"

#include "cli_common.h"
#include "ingest/parser.h"

namespace vigil::cli {

namespace {

bool takeValue(const QStringList& args, qsizetype& i, const QString& name, QString& value)
{
    const QString& arg = args[i];
    if (arg.startsWith(name + u'=')) {
        value = arg.mid(name.size() + 1);
        return true;
    }
    if (i + 1 >= args.size() || (args[i + 1].startsWith(u"--") && args[i + 1].size() > 2)) {
        err(QStringLiteral("vigil-cli: %1 needs a value\n").arg(name));
        return false;
    }
    value = args[++i];
    return true;
}

bool is(const QString& arg, const char16_t* name)
{
    const QStringView n(name);
    return arg == n || (arg.startsWith(n) && arg.size() > n.size() && arg[n.size()] == u'=');
}

} // namespace

std::optional<Options> parseOptions(const QString& command, const QString& synopsis,
                                    const QStringList& args, const Accepts& accepts,
                                    bool& helpShown)
{
    Options o;
    helpShown = false;
    bool onlyPaths = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        QString value;
        if (onlyPaths || !a.startsWith(u'-') || a == u"-") {
            if (!accepts.paths) {
                err(QStringLiteral("vigil-cli %1: unexpected argument \"%2\"\n").arg(command, a));
                return std::nullopt;
            }
            o.paths << a;
        } else if (a == u"--") {
            onlyPaths = true;
        } else if (a == u"--help" || a == u"-h") {
            err(QStringLiteral("usage: vigil-cli %1 %2\n").arg(command, synopsis));
            helpShown = true;
            return std::nullopt;
        } else if (accepts.db && is(a, u"--db")) {
            if (!o.db.isEmpty()) {
                err(QStringLiteral("vigil-cli %1: --db given twice; one command works on one store\n")
                        .arg(command));
                return std::nullopt;
            }
            if (!takeValue(args, i, QStringLiteral("--db"), o.db)) {
                return std::nullopt;
            }
        } else if (accepts.rules && is(a, u"--rules")) {
            if (!takeValue(args, i, QStringLiteral("--rules"), value)) {
                return std::nullopt;
            }
            o.rules << value;
        } else if (accepts.format && is(a, u"--format")) {
            if (!takeValue(args, i, QStringLiteral("--format"), o.format)) {
                return std::nullopt;
            }
            o.format = o.format.toLower();
            if (!knownFormats().contains(o.format)) {
                err(QStringLiteral("vigil-cli %1: unknown format \"%2\"; known: %3\n")
                        .arg(command, o.format, knownFormats().join(QStringLiteral(", "))));
                return std::nullopt;
            }
        } else if (accepts.zone && is(a, u"--tz")) {
            if (!takeValue(args, i, QStringLiteral("--tz"), value)) {
                return std::nullopt;
            }
            o.zone = QTimeZone(value.toUtf8());
            if (!o.zone.isValid()) {
                err(QStringLiteral("vigil-cli %1: unknown time zone \"%2\" (use an IANA name such "
                                   "as Europe/Berlin or UTC)\n")
                        .arg(command, value));
                return std::nullopt;
            }
        } else if (accepts.window && is(a, u"--window")) {
            if (!takeValue(args, i, QStringLiteral("--window"), value)) {
                return std::nullopt;
            }
            bool ok = false;
            o.windowMinutes = value.toLongLong(&ok);
            if (!ok || o.windowMinutes <= 0 || o.windowMinutes > 10 * 24 * 60) {
                err(QStringLiteral("vigil-cli %1: --window takes minutes between 1 and 14400\n")
                        .arg(command));
                return std::nullopt;
            }
        } else if (accepts.json && a == u"--json") {
            o.json = true;
        } else if (accepts.reimport && a == u"--reimport") {
            o.reimport = true;
        } else if (accepts.starterRules && a == u"--no-starter-rules") {
            o.starterRules = false;
        } else {
            err(QStringLiteral("vigil-cli %1: unknown option \"%2\"\nusage: vigil-cli %1 %3\n")
                    .arg(command, a, synopsis));
            return std::nullopt;
        }
    }
    return o;
}

} // namespace vigil::cli
