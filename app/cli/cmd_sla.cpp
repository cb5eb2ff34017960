#include "cli_common.h"
#include "commands.h"

#include <QRegularExpression>

#include "storage/journal.h"
#include "storage/store.h"
#include "triage/incident_priority.h"
#include "triage/priority.h"

namespace vigil::cli {

namespace {

const char16_t kUsage[] =
    u"usage: vigil-cli sla --db FILE [P1=DURATION]...\n"
    u"  Shows the store's service levels: how long after an incident is declared it is due,\n"
    u"  per priority. P1=30m P2=4h P3=2d P4=1w changes them (units s, m, h, d, w) and computes\n"
    u"  every open incident's due time again.\n";

// "90s", "30m", "4h", "2d", "1w" → seconds; 0 when not a duration.
qint64 parseDuration(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("^(\\d{1,7})([smhdw])$"));
    const auto m = re.match(text.trimmed().toLower());
    if (!m.hasMatch()) {
        return 0;
    }
    const qint64 n = m.captured(1).toLongLong();
    const QChar unit = m.captured(2).at(0);
    const qint64 scale = unit == u's' ? 1
                         : unit == u'm' ? 60
                         : unit == u'h' ? 3600
                         : unit == u'd' ? 86400
                                        : 7 * 86400;
    return n * scale;
}

QString durationText(qint64 seconds)
{
    for (const auto& [unit, size] : {std::pair{u'w', 7 * 86400LL}, std::pair{u'd', 86400LL},
                                     std::pair{u'h', 3600LL}, std::pair{u'm', 60LL}}) {
        if (seconds % size == 0) {
            return QString::number(seconds / size) + QChar(unit);
        }
    }
    return QString::number(seconds) + u's';
}

} // namespace

int runSla(const QStringList& args)
{
    QString dbPath;
    QStringList settings;
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args[i] == u"--db" && i + 1 < args.size()) {
            dbPath = args[++i];
        } else if (args[i] == u"--help" || args[i] == u"-h") {
            out(QString::fromUtf16(kUsage));
            return ExitOk;
        } else {
            settings << args[i];
        }
    }
    if (dbPath.isEmpty()) {
        err(QString::fromUtf16(kUsage));
        return ExitUsage;
    }
    auto db = settings.isEmpty() ? Store::openReader(dbPath) : Store::openWriter(dbPath);
    if (!db) {
        err(QStringLiteral("vigil-cli: cannot open database: %1\n").arg(db.error().toString()));
        return ExitInput;
    }
    auto policy = SlaPolicy::load(*db);
    if (!policy) {
        err(QStringLiteral("vigil-cli: %1\n").arg(policy.error().toString()));
        return ExitInput;
    }
    for (const QString& s : settings) {
        const QString key = s.section(u'=', 0, 0).trimmed().toUpper();
        const qint64 seconds = parseDuration(s.section(u'=', 1));
        const int level = key.size() == 2 && key[0] == u'P' ? key.mid(1).toInt() : 0;
        if (level < 1 || level > 4 || seconds <= 0) {
            err(QStringLiteral("vigil-cli sla: \"%1\" is not PRIORITY=DURATION (e.g. P1=4h)\n")
                    .arg(printable(s)));
            return ExitUsage;
        }
        policy->dueSeconds[size_t(level - 1)] = seconds;
    }
    if (!settings.isEmpty()) {
        if (auto r = policy->save(*db); !r) {
            err(QStringLiteral("vigil-cli: %1\n").arg(r.error().toString()));
            return ExitInput;
        }
        IncidentPrioritiser prioritiser(*db, localActor());
        auto changed = prioritiser.updateOpen();
        if (!changed) {
            err(QStringLiteral("vigil-cli: %1\n").arg(changed.error().toString()));
            return ExitInput;
        }
        out(QStringLiteral("open incidents with a new due time: %1\n").arg(*changed));
    }
    for (int level = 1; level <= 4; ++level) {
        out(QStringLiteral("P%1  due %2 after the incident is declared\n")
                .arg(level)
                .arg(durationText(policy->dueSeconds[size_t(level - 1)])));
    }
    return ExitOk;
}

} // namespace vigil::cli
