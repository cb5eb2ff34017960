#include "cli_common.h"
#include "commands.h"
#include "interrupt.h"
#include "options.h"

#include "ingest/importer.h"
#include "model/event.h"
#include "sigma/correlation_engine.h"
#include "sigma/correlation_rule.h"
#include "sigma/file_hunt.h"
#include "sigma/rule.h"
#include "sigma/rule_set.h"
#include "storage/journal.h"
#include "storage/store.h"
#include "triage/rule_catalog.h"
#include "triage/store_hunt.h"
#include "util/json.h"
#include "util/text.h"
#include "util/timestamp.h"

namespace vigil::cli {

namespace {

const char16_t kSynopsis[] =
    u"--rules R [--rules R]... [--db FILE] [--json] [--format F] [--tz ZONE] [PATH...]\n"
    u"  With PATHs: runs the rules over the files without storing anything.\n"
    u"  With --db and no PATH: runs them over every stored event and records alerts and\n"
    u"  incidents there (the rules join the database's library).\n"
    u"  Prints one line per hit: rule id, title, level, event time, host (tab-separated), or\n"
    u"  with --json one object per line. A correlation rule's hit is printed when its\n"
    u"  condition is met, at the event that completed it, with the group, the count and the\n"
    u"  contributing events (file:line).\n";

void printHit(const sigma::Rule& rule, const Event& e, bool json)
{
    const QString time = formatUtc(e.timeNs, e.timeDigits);
    if (!json) {
        out(printable(rule.uid()) + u'\t' + printable(rule.meta().title) + u'\t'
            + sigma::levelName(rule.meta().level) + u'\t' + time + u'\t' + printable(e.host)
            + u'\n');
        return;
    }
    JsonObjectWriter w;
    w.add(u"rule_id", rule.uid())
        .add(u"rule_title", rule.meta().title)
        .add(u"level", sigma::levelName(rule.meta().level))
        .add(u"time", time)
        .add(u"time_source", e.timeSource == TimeSource::Event ? u"event" : u"received")
        .addOptional(u"host", e.host.isEmpty() ? QString() : e.host)
        .add(u"source", e.sourceRef())
        .add(u"format", e.format);
    if (e.id > 0) {
        w.add(u"event_id", e.id);
    }
    w.addRaw(u"fields", fieldsToJson(e.fields));
    outBytes(w.finish() + '\n');
}

void printCorrelation(const sigma::CorrelationAlert& a, bool json)
{
    const sigma::CorrelationRule& rule = *a.rule;
    const sigma::CorrelatedEvent& last = a.completing();
    const QString time = formatUtc(last.timeNs, last.timeDigits);
    QString host = last.host;
    QStringList sources;
    for (const sigma::CorrelatedEvent& e : a.events) {
        sources << e.sourceRef();
        host = e.host == host ? host : QString();
    }
    QStringList group;
    for (qsizetype i = 0; i < rule.groupBy().size(); ++i) {
        group << rule.groupBy()[i] + u'=' + a.groupValues.value(i);
    }
    const QString type = sigma::correlationTypeName(rule.type());
    if (!json) {
        out(printable(rule.uid()) + u'\t' + printable(rule.meta().title) + u'\t'
            + sigma::levelName(rule.meta().level) + u'\t' + time + u'\t' + printable(host)
            + u'\t' + printable(group.join(u' ')) + u' ' + type + u'=' + QString::number(a.count)
            + u" events=" + printable(sources.join(u',')) + u'\n');
        return;
    }
    JsonObjectWriter groupJson;
    for (qsizetype i = 0; i < rule.groupBy().size(); ++i) {
        groupJson.add(rule.groupBy()[i], a.groupValues.value(i));
    }
    QByteArray events = "[";
    QByteArray ids = "[";
    for (const sigma::CorrelatedEvent& e : a.events) {
        events += events.size() > 1 ? "," : "";
        appendJsonString(events, e.sourceRef());
        ids += (ids.size() > 1 ? "," : "") + QByteArray::number(e.eventId);
    }
    JsonObjectWriter w;
    w.add(u"rule_id", rule.uid())
        .add(u"rule_title", rule.meta().title)
        .add(u"level", sigma::levelName(rule.meta().level))
        .add(u"time", time)
        .addOptional(u"host", host)
        .add(u"source", last.sourceRef())
        .add(u"correlation", type)
        .addRaw(u"group", groupJson.finish())
        .add(u"count", a.count)
        .add(u"first", formatUtc(a.events.front().timeNs, a.events.front().timeDigits))
        .addRaw(u"events", events + ']');
    if (last.eventId > 0) {
        w.add(u"event_id", last.eventId).addRaw(u"event_ids", ids + ']');
    }
    outBytes(w.finish() + '\n');
}

int huntFiles(const Options& o, const sigma::RuleSet& rules)
{
    bool unreadable = false;
    const QStringList files = expandInputs(o.paths, unreadable);
    IngestOptions options;
    options.format = o.format;
    options.zone = o.zone;
    qint64 hits = 0;
    sigma::CorrelationEngine correlation(rules);
    std::vector<sigma::CorrelationAlert> alerts;
    auto printAlerts = [&]() {
        for (const sigma::CorrelationAlert& a : alerts) {
            printCorrelation(a, o.json);
            ++hits;
        }
        alerts.clear();
    };
    // Parsing and matching run on every core; hits arrive here in file order.
    auto summary = sigma::huntFiles(
        files, options, rules,
        [&](Event& e, const std::vector<const sigma::Rule*>& matched) {
            for (const sigma::Rule* rule : matched) {
                if (correlation.alertsOnItsOwn(*rule)) {
                    printHit(*rule, e, o.json);
                    ++hits;
                }
            }
            correlation.add(e, matched, alerts);
            printAlerts();
        },
        interruptFlag());
    correlation.finish(alerts);
    printAlerts();
    if (!summary) {
        err(QStringLiteral("vigil-cli: hunt failed: %1\n").arg(summary.error().toString()));
        return ExitInput;
    }
    const QString fileCount = summary->files.size() == 1
        ? QStringLiteral("1 file")
        : QStringLiteral("%1 files").arg(summary->files.size());
    err(QStringLiteral("hunted %1 events from %2: %3 hits, %4 records rejected\n")
            .arg(grouped(summary->stored), fileCount, grouped(hits), grouped(summary->rejected)));
    for (const RejectSample& r : summary->rejectSamples) {
        err(fill(u"  rejected %1: %2\n", {printable(r.where()), printable(r.reason)}));
    }
    for (const FileReport& f : summary->files) {
        if (!f.error.isEmpty()) {
            err(QStringLiteral("vigil-cli: %1: %2\n").arg(printable(f.path), printable(f.error)));
        }
    }
    if (summary->cancelled) {
        return ExitInterrupted;
    }
    return (!unreadable && summary->failedFiles() == 0) ? ExitOk : ExitInput;
}

int huntStore(const Options& o, const sigma::RuleSet& rules)
{
    auto db = Store::openWriter(o.db);
    if (!db) {
        err(QStringLiteral("vigil-cli: cannot open database: %1\n").arg(db.error().toString()));
        return ExitInput;
    }
    if (auto r = RuleCatalog::remember(*db, rules, o.rules); !r) {
        err(QStringLiteral("vigil-cli: cannot update the rule library: %1\n")
                .arg(r.error().toString()));
        return ExitInput;
    }
    auto summary = huntStore(
        *db, rules, localActor(),
        [&o](const sigma::Rule& rule, const Event& e) { printHit(rule, e, o.json); },
        interruptFlag(), {},
        [&o](const sigma::CorrelationAlert& a) { printCorrelation(a, o.json); });
    if (!summary) {
        err(QStringLiteral("vigil-cli: hunt failed: %1\n").arg(summary.error().toString()));
        return ExitInput;
    }
    const TriageCounts& c = summary->triage;
    err(QStringLiteral("hunted %1 stored events: %2 hits; alerts %3 new (%4 already recorded), "
                       "incidents %5 opened, %6 updated\n")
            .arg(grouped(summary->scanned), grouped(summary->hits), grouped(c.alertsNew),
                 grouped(c.alertsExisting), grouped(c.incidentsOpened),
                 grouped(c.incidentsUpdated)));
    if (summary->cancelled) {
        err(QStringLiteral("stopped: the alerts of the events hunted so far are recorded\n"));
        return ExitInterrupted;
    }
    return ExitOk;
}

} // namespace

int runHunt(const QStringList& args)
{
    Accepts accepts;
    accepts.db = accepts.rules = accepts.format = accepts.zone = accepts.json = accepts.paths = true;
    bool help = false;
    const auto o = parseOptions(QStringLiteral("hunt"), QString::fromUtf16(kSynopsis), args,
                                accepts, help);
    if (!o) {
        return help ? ExitOk : ExitUsage;
    }
    if (o->rules.isEmpty() || (o->paths.isEmpty() && o->db.isEmpty())) {
        err(QStringLiteral("vigil-cli hunt: --rules and either PATHs or --db are required\n"
                           "usage: vigil-cli hunt %1")
                .arg(QString::fromUtf16(kSynopsis)));
        return ExitUsage;
    }
    sigma::RuleSet rules;
    if (!loadRulePaths(o->rules, rules, false)) {
        return ExitInput;
    }
    if (rules.rules().empty()) {
        err(QStringLiteral("vigil-cli hunt: none of the given rules can be used; nothing to hunt "
                           "with (vigil-cli rules check lists why)\n"));
        return ExitInput;
    }
    if (!o->paths.isEmpty()) {
        if (!o->db.isEmpty()) {
            err(QStringLiteral("vigil-cli hunt: PATHs given, so the files are hunted without "
                               "storing; --db is not used\n"));
        }
        return huntFiles(*o, rules);
    }
    return huntStore(*o, rules);
}

} // namespace vigil::cli
