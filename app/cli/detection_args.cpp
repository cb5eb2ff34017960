#include "detection_args.h"

#include "cli_common.h"

namespace vigil::cli {

QString DetectionArgs::value(const QString& name) const
{
    const auto it = values.find(name);
    return it == values.end() || it->second.isEmpty() ? QString() : it->second.last();
}

std::optional<DetectionArgs> readDetectionArgs(const QString& command, const QString& usage,
                                               const QStringList& args,
                                               const QStringList& valued, const QStringList& flags,
                                               const QStringList& repeatable, bool positional,
                                               bool& helpShown)
{
    helpShown = false;
    DetectionArgs out;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        if (a == u"--help" || a == u"-h") {
            err(usage);
            helpShown = true;
            return std::nullopt;
        }
        if (!a.startsWith(u"--")) {
            if (!positional) {
                err(QStringLiteral("vigil-cli %1: unexpected argument \"%2\"\n")
                        .arg(command, printable(a)));
                return std::nullopt;
            }
            out.positional << a;
            continue;
        }
        const qsizetype eq = a.indexOf(u'=');
        const QString name = eq < 0 ? a : a.left(eq);
        if (flags.contains(name) && eq < 0) {
            out.flags.insert(name);
            continue;
        }
        if (!valued.contains(name)) {
            err(QStringLiteral("vigil-cli %1: unknown option \"%2\"\n%3")
                    .arg(command, printable(name), usage));
            return std::nullopt;
        }
        QString value;
        if (eq >= 0) {
            value = a.mid(eq + 1);
        } else if (i + 1 < args.size() && !(args[i + 1].startsWith(u"--") && args[i + 1].size() > 2)) {
            value = args[++i];
        } else {
            err(QStringLiteral("vigil-cli %1: %2 needs a value\n").arg(command, name));
            return std::nullopt;
        }
        if (out.values.count(name) && !repeatable.contains(name)) {
            err(QStringLiteral("vigil-cli %1: %2 given twice\n").arg(command, name));
            return std::nullopt;
        }
        out.values[name] << value;
    }
    return out;
}

} // namespace vigil::cli
