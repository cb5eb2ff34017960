#include "cli_common.h"
#include "commands.h"
#include "interrupt.h"
#include "options.h"

#include "ingest/importer.h"
#include "sigma/rule_set.h"
#include "storage/store.h"
#include "triage/rule_catalog.h"
#include "util/text.h"
#include "util/timestamp.h"

namespace vigil::cli {

namespace {

const char16_t kSynopsis[] =
    u"--db FILE [--rules R]... [--format F] [--tz ZONE] [--window MIN] [--reimport]\n"
    u"       [--no-starter-rules] PATH...\n"
    u"  Imports files (folders recursively; format detected unless --format), runs the given\n"
    u"  rules and the enabled rules of the database's library on the new events, and records\n"
    u"  alerts and incidents. Rules given with --rules join the library.\n"
    u"  --tz       time zone for timestamps that carry none (default UTC)\n"
    u"  --window   incident grouping window in minutes (default 60)\n"
    u"  --reimport import files again whose exact content was imported before (skipped otherwise)\n"
    u"  --no-starter-rules  do not add Vigil's starter rules to a new store's library\n";

// One line per file read: its format, counts and rate (files skipped or unreadable are
// reported further down).
void printFileLines(const IngestSummary& s)
{
    for (const FileReport& f : s.files) {
        if (!f.error.isEmpty() || f.duplicateOfRun != 0) {
            continue;
        }
        QString line = fill(u"  %1: %2, %3 read, %4 stored, %5 rejected",
                            {printable(f.path), f.format, grouped(f.read), grouped(f.stored),
                             grouped(f.rejected)});
        if (f.headerLines > 0) {
            line += QStringLiteral(", %1 header lines").arg(grouped(f.headerLines));
        }
        if (f.elapsedNs > 0) {
            line += QStringLiteral(", %1 records/s")
                        .arg(grouped(qint64(double(f.read) * 1e9 / double(f.elapsedNs))));
        }
        out(line + u'\n');
        for (const QString& note : f.notes) {
            out(QStringLiteral("    note: %1\n").arg(printable(note)));
        }
    }
}

} // namespace

void printIngestSummary(const IngestSummary& s, bool withTriage)
{
    out(QStringLiteral("files:     %1").arg(s.files.size()));
    if (s.failedFiles() > 0) {
        out(QStringLiteral(" (%1 could not be read)").arg(s.failedFiles()));
    }
    out(QStringLiteral("\n"));
    printFileLines(s);
    out(QStringLiteral("read:      %1 records\n").arg(grouped(s.read)));
    out(QStringLiteral("stored:    %1 events\n").arg(grouped(s.stored)));
    if (s.timeFromReceipt > 0) {
        out(QStringLiteral("  %1 of them had no usable time of their own (missing or out of range); "
                           "their time is when they were read\n")
                .arg(grouped(s.timeFromReceipt)));
    }
    out(QStringLiteral("rejected:  %1\n").arg(grouped(s.rejected)));
    constexpr std::size_t kShownReasons = 10;
    for (const auto& [reason, count] : s.topRejectReasons(kShownReasons)) {
        out(QStringLiteral("  %1 × %2\n").arg(grouped(count), printable(reason)));
    }
    if (s.rejectReasons.size() > kShownReasons) {
        out(QStringLiteral("  ... and %1 other kinds of problems\n")
                .arg(s.rejectReasons.size() - kShownReasons));
    }
    for (const RejectSample& r : s.rejectSamples) {
        out(fill(u"  %1: %2\n", {printable(r.where()), printable(r.reason)}));
    }
    if (s.rejected > qint64(s.rejectSamples.size())) {
        out(QStringLiteral("  ... %1 more rejected records are kept in the store's quarantine\n")
                .arg(grouped(s.rejected - qint64(s.rejectSamples.size()))));
    }
    if (withTriage) {
        out(QStringLiteral("alerts:    %1 new").arg(grouped(s.triage.alertsNew)));
        if (s.triage.alertsExisting > 0) {
            out(QStringLiteral(", %1 already recorded").arg(grouped(s.triage.alertsExisting)));
        }
        if (s.triage.alertsSuppressed > 0) {
            out(QStringLiteral(", %1 of them suppressed (stored, no incident; vigil-cli alerts "
                               "--status suppressed)")
                    .arg(grouped(s.triage.alertsSuppressed)));
        }
        out(QStringLiteral("\nincidents: %1 opened, %2 updated\n")
                .arg(grouped(s.triage.incidentsOpened), grouped(s.triage.incidentsUpdated)));
    }
    for (const FileReport& f : s.files) {
        if (!f.error.isEmpty()) {
            err(QStringLiteral("vigil-cli: %1: %2\n").arg(printable(f.path), printable(f.error)));
        }
        if (f.duplicateOfRun != 0) {
            out(fill(u"skipped:   %1 (the same content was imported by import #%2 at %3; "
                     u"--reimport imports it again)\n",
                     {printable(f.path), QString::number(f.duplicateOfRun),
                      formatUtc(f.duplicateOfNs, 0)}));
        }
    }
    if (s.cancelled) {
        out(QStringLiteral("cancelled: what was read before stopping is stored\n"));
    }
    const double seconds = double(s.elapsedNs) / 1e9;
    if (seconds > 0) {
        out(QStringLiteral("time:      %1 s (%2 records/s)\n")
                .arg(seconds, 0, 'f', 2)
                .arg(grouped(qint64(double(s.read) / seconds))));
    }
}

int runIngest(const QStringList& args)
{
    Accepts accepts;
    accepts.db = accepts.rules = accepts.format = accepts.zone = accepts.window = accepts.paths = true;
    accepts.reimport = accepts.starterRules = true;
    bool help = false;
    const auto o = parseOptions(QStringLiteral("ingest"), QString::fromUtf16(kSynopsis), args,
                                accepts, help);
    if (!o) {
        return help ? ExitOk : ExitUsage;
    }
    if (o->db.isEmpty() || o->paths.isEmpty()) {
        err(QStringLiteral("vigil-cli ingest: --db FILE and at least one PATH are required\n"
                           "usage: vigil-cli ingest %1")
                .arg(QString::fromUtf16(kSynopsis)));
        return ExitUsage;
    }
    bool unreadable = false;
    const QStringList files = expandInputs(o->paths, unreadable);
    sigma::RuleSet rules;
    if (!loadRulePaths(o->rules, rules, false)) {
        return ExitInput;
    }
    auto db = Store::openWriter(o->db);
    if (!db) {
        err(QStringLiteral("vigil-cli: cannot open database: %1\n").arg(db.error().toString()));
        return ExitInput;
    }
    if (o->starterRules) {
        auto seeded = RuleCatalog::seedStarterRules(*db);
        if (!seeded) {
            err(QStringLiteral("vigil-cli: cannot add the starter rules: %1\n")
                    .arg(seeded.error().toString()));
            return ExitInput;
        }
        if (*seeded > 0) {
            err(QStringLiteral("starter rules: %1 added to this new store's library "
                               "(--no-starter-rules leaves them out)\n")
                    .arg(*seeded));
        }
    }
    if (!o->rules.isEmpty()) {
        if (auto r = RuleCatalog::remember(*db, rules, o->rules); !r) {
            err(QStringLiteral("vigil-cli: cannot update the rule library: %1\n")
                    .arg(r.error().toString()));
            return ExitInput;
        }
    }
    if (auto r = RuleCatalog::loadEnabled(*db, rules); !r) {
        err(QStringLiteral("vigil-cli: cannot read the rule library: %1\n")
                .arg(r.error().toString()));
        return ExitInput;
    }
    IngestOptions options;
    options.format = o->format;
    options.zone = o->zone;
    options.incidentWindowNs = o->windowMinutes * 60 * 1'000'000'000LL;
    options.reimport = o->reimport;
    if (rules.rules().empty()) {
        err(QStringLiteral("note: no rules to run: the events are stored without detection "
                           "(add rules with --rules)\n"));
    }
    auto summary = importFiles(*db, rules.rules().empty() ? nullptr : &rules, files, options,
                               interruptFlag());
    if (!summary) {
        err(QStringLiteral("vigil-cli: import failed: %1\n").arg(summary.error().toString()));
        return ExitInput;
    }
    printIngestSummary(*summary, true);
    if (summary->cancelled) {
        return ExitInterrupted;
    }
    return (!unreadable && summary->failedFiles() == 0) ? ExitOk : ExitInput;
}

} // namespace vigil::cli
