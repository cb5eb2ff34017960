#include "cli_common.h"
#include "commands.h"

#include "report/incident_report.h"
#include "storage/store.h"
#include "util/text.h"

namespace vigil::cli {

namespace {

const char16_t kSynopsis[] =
    u"--db FILE --incident N --out FILE.html|FILE.md\n"
    u"  Writes one incident's report: summary, priority, timeline, observables with their\n"
    u"  TLP/PAP markings, evidence with SHA-256 checked again, disposition, lessons learned,\n"
    u"  the journal excerpt and the journal head recorded outside the database. The format\n"
    u"  follows the extension; PDF comes from the app: vigil --report N --db FILE --out X.pdf.\n"
    u"  Exit 3 (report still written) when evidence or the journal fails verification.\n";

constexpr int ExitTampered = 3;

struct ReportArgs {
    QString db;
    qint64 incident = 0;
    QString out;
};

bool takeValue(const QStringList& args, qsizetype& i, QString& value)
{
    const QString& arg = args[i];
    const qsizetype eq = arg.indexOf(u'=');
    if (eq > 0) {
        value = arg.mid(eq + 1);
        return true;
    }
    if (i + 1 >= args.size()) {
        err(fill(u"vigil-cli report: %1 needs a value\n", {arg}));
        return false;
    }
    value = args[++i];
    return true;
}

// Returns nothing after printing the problem or the help text (then @p help is set).
std::optional<ReportArgs> parse(const QStringList& args, bool& help)
{
    ReportArgs r;
    help = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        const QString name = a.section(u'=', 0, 0);
        QString value;
        if (a == u"--help" || a == u"-h") {
            err(QStringLiteral("usage: vigil-cli report ") + QString::fromUtf16(kSynopsis));
            help = true;
            return std::nullopt;
        }
        if (name != u"--db" && name != u"--incident" && name != u"--out") {
            err(fill(u"vigil-cli report: unexpected argument \"%1\"\nusage: vigil-cli report %2",
                     {printable(a), QString::fromUtf16(kSynopsis)}));
            return std::nullopt;
        }
        if (!takeValue(args, i, value)) {
            return std::nullopt;
        }
        if (name == u"--db") {
            r.db = value;
        } else if (name == u"--out") {
            r.out = value;
        } else {
            bool ok = false;
            r.incident = value.toLongLong(&ok);
            if (!ok || r.incident <= 0) {
                err(fill(u"vigil-cli report: --incident takes an incident number, not \"%1\"\n",
                         {printable(value)}));
                return std::nullopt;
            }
        }
    }
    if (r.db.isEmpty() || r.incident == 0 || r.out.isEmpty()) {
        err(QStringLiteral("vigil-cli report: --db, --incident and --out are required\n"
                           "usage: vigil-cli report ")
            + QString::fromUtf16(kSynopsis));
        return std::nullopt;
    }
    return r;
}

} // namespace

int runReport(const QStringList& args)
{
    bool help = false;
    const auto a = parse(args, help);
    if (!a) {
        return help ? ExitOk : ExitUsage;
    }
    const auto format = reportFormatForPath(a->out);
    if (!format || *format == ReportFormat::Pdf) {
        err(format ? QStringLiteral("vigil-cli report: PDF reports come from the app: "
                                    "vigil --report N --db FILE --out FILE.pdf\n")
                   : QStringLiteral("vigil-cli report: --out must end in .html or .md\n"));
        return ExitUsage;
    }
    auto db = Store::openReader(a->db);
    if (!db) {
        err(fill(u"vigil-cli: cannot open database: %1\n", {printable(db.error().toString())}));
        return ExitInput;
    }
    auto report = collectIncidentReport(*db, a->incident);
    if (!report) {
        err(fill(u"vigil-cli report: %1\n", {printable(report.error().toString())}));
        return report.error().code == ErrorCode::NotFound ? ExitUsage : ExitInput;
    }
    if (auto written = writeTextReport(*report, *format, a->out); !written) {
        err(fill(u"vigil-cli report: %1\n", {printable(written.error().toString())}));
        return ExitInput;
    }
    qint64 verified = 0;
    for (const EvidenceCheck& c : report->evidence) {
        verified += c.ok() ? 1 : 0;
    }
    out(fill(u"report: incident %1 written to %2 (%3 observables, %4 of %5 evidence files "
             u"verified, %6 journal entries)\n",
             {QString::number(a->incident), printable(a->out),
              grouped(qint64(report->observables.size())), grouped(verified),
              grouped(qint64(report->evidence.size())), grouped(qint64(report->journal.size()))}));
    const QStringList problems = report->integrityProblems();
    for (const QString& p : problems) {
        err(QStringLiteral("vigil-cli report: WARNING: ") + printable(p) + u'\n');
    }
    return problems.isEmpty() ? ExitOk : ExitTampered;
}

} // namespace vigil::cli
