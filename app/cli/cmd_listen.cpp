#include <optional>

#include <QElapsedTimer>
#include <QFileInfo>
#include <QHostAddress>
#include <QThread>

#include "cli_common.h"
#include "commands.h"
#include "interrupt.h"

#include "ingest/live/live_session.h"
#include "sigma/rule_set.h"
#include "storage/store.h"
#include "triage/rule_catalog.h"
#include "util/text.h"
#include "util/timestamp.h"

namespace vigil::cli {

namespace {

const char16_t kSynopsis[] =
    u"--db FILE [--udp PORT] [--tcp PORT] [--bind ADDR] [--follow FILE]...\n"
    u"       [--max-message BYTES] [--rules R]... [--duration SECONDS] [--tz ZONE]\n"
    u"       [--no-starter-rules]\n"
    u"  Collects syslog over UDP and TCP (LF framing or RFC 6587 octet counting, detected per\n"
    u"  connection) and lines appended to files (rotation and truncation survived), stores them\n"
    u"  with detection and incident grouping like an import, and runs until Ctrl-C or\n"
    u"  --duration; everything received is stored before it exits.\n"
    u"  --bind         address to listen on (default 127.0.0.1; 0.0.0.0 or :: for every one)\n"
    u"  --udp, --tcp   ports to listen on (0 picks a free one); --follow may be repeated\n"
    u"  --max-message  longest message in bytes (default 65536); longer ones are kept as rejects\n"
    u"  --duration     stop after this many seconds\n"
    u"  --tz           time zone for timestamps that carry none (default UTC)\n";

constexpr qint64 kReportEveryMs = 2000;
constexpr std::size_t kSendersShown = 20;

struct ListenOptions {
    QString db;
    std::optional<quint16> udp;
    std::optional<quint16> tcp;
    QHostAddress bind = QHostAddress(QHostAddress::LocalHost);
    QStringList follow;
    QStringList rules;
    qint64 maxMessage = 64 * 1024;
    double duration = 0;
    QTimeZone zone = QTimeZone::utc();
    bool starterRules = true;
};

bool usage(const QString& problem)
{
    err(QStringLiteral("vigil-cli listen: %1\nusage: vigil-cli listen %2")
            .arg(problem, QString::fromUtf16(kSynopsis)));
    return false;
}

std::optional<quint16> portValue(const QString& name, const QString& value)
{
    bool ok = false;
    const uint port = value.toUInt(&ok);
    if (!ok || port > 65535) {
        usage(QStringLiteral("%1 takes a port number 0..65535, not \"%2\"").arg(name, value));
        return std::nullopt;
    }
    return quint16(port);
}

// One option with its value (`--name value` or `--name=value`); false after printing why.
bool readOption(const QStringList& args, qsizetype& i, ListenOptions& o, bool& helpShown)
{
    const QString arg = args[i];
    const qsizetype eq = arg.indexOf(u'=');
    const QString name = eq > 0 ? arg.left(eq) : arg;
    if (name == u"--help" || name == u"-h") {
        err(QStringLiteral("usage: vigil-cli listen %1").arg(QString::fromUtf16(kSynopsis)));
        helpShown = true;
        return false;
    }
    if (name == u"--no-starter-rules") {
        o.starterRules = false;
        return true;
    }
    static const QStringList kValued{
        QStringLiteral("--db"),   QStringLiteral("--udp"),         QStringLiteral("--tcp"),
        QStringLiteral("--bind"), QStringLiteral("--follow"),      QStringLiteral("--rules"),
        QStringLiteral("--tz"),   QStringLiteral("--max-message"), QStringLiteral("--duration")};
    if (!kValued.contains(name)) {
        return usage(QStringLiteral("unknown option \"%1\"").arg(arg));
    }
    QString value;
    if (eq > 0) {
        value = arg.mid(eq + 1);
    } else if (i + 1 < args.size() && !args[i + 1].startsWith(u"--")) {
        value = args[++i];
    } else {
        return usage(QStringLiteral("%1 needs a value").arg(name));
    }
    bool ok = true;
    if (name == u"--db") {
        if (!o.db.isEmpty()) {
            return usage(QStringLiteral("--db given twice; one command works on one store"));
        }
        o.db = value;
    } else if (name == u"--udp" || name == u"--tcp") {
        const auto port = portValue(name, value);
        if (!port) {
            return false;
        }
        (name == u"--udp" ? o.udp : o.tcp) = *port;
    } else if (name == u"--bind") {
        o.bind = QHostAddress(value);
        ok = !o.bind.isNull();
        if (!ok) {
            return usage(QStringLiteral("--bind takes an IP address such as 127.0.0.1, 0.0.0.0 or "
                                        "::1, not \"%1\"")
                             .arg(value));
        }
    } else if (name == u"--follow") {
        o.follow << value;
    } else if (name == u"--rules") {
        o.rules << value;
    } else if (name == u"--tz") {
        o.zone = QTimeZone(value.toUtf8());
        if (!o.zone.isValid()) {
            return usage(QStringLiteral("unknown time zone \"%1\" (use an IANA name such as "
                                        "Europe/Berlin or UTC)")
                             .arg(value));
        }
    } else if (name == u"--max-message") {
        o.maxMessage = value.toLongLong(&ok);
        if (!ok || o.maxMessage < 64 || o.maxMessage > 16 * 1024 * 1024) {
            return usage(QStringLiteral("--max-message takes bytes between 64 and 16777216"));
        }
    } else {
        o.duration = value.toDouble(&ok);
        if (!ok || o.duration <= 0) {
            return usage(QStringLiteral("--duration takes a positive number of seconds"));
        }
    }
    return true;
}

std::optional<ListenOptions> parseListen(const QStringList& args, bool& helpShown)
{
    ListenOptions o;
    helpShown = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (!args[i].startsWith(u"--") && args[i] != u"-h") {
            usage(QStringLiteral("unexpected argument \"%1\"").arg(args[i]));
            return std::nullopt;
        }
        if (!readOption(args, i, o, helpShown)) {
            return std::nullopt;
        }
    }
    if (o.db.isEmpty()) {
        usage(QStringLiteral("--db FILE is required"));
        return std::nullopt;
    }
    if (!o.udp && !o.tcp && o.follow.isEmpty()) {
        usage(QStringLiteral("nothing to collect: give --udp PORT, --tcp PORT or --follow FILE"));
        return std::nullopt;
    }
    return o;
}

// The store's library gets the starter rules (new store) and the --rules given, as on ingest;
// the session then runs the library's enabled rules.
bool prepareStore(const ListenOptions& o)
{
    sigma::RuleSet rules;
    if (!loadRulePaths(o.rules, rules, false)) {
        return false;
    }
    auto db = Store::openWriter(o.db);
    if (!db) {
        err(QStringLiteral("vigil-cli: cannot open database: %1\n").arg(db.error().toString()));
        return false;
    }
    if (o.starterRules) {
        auto seeded = RuleCatalog::seedStarterRules(*db);
        if (!seeded) {
            err(QStringLiteral("vigil-cli: cannot add the starter rules: %1\n")
                    .arg(seeded.error().toString()));
            return false;
        }
    }
    if (!o.rules.isEmpty()) {
        if (auto r = RuleCatalog::remember(*db, rules, o.rules); !r) {
            err(QStringLiteral("vigil-cli: cannot update the rule library: %1\n")
                    .arg(r.error().toString()));
            return false;
        }
    }
    return true;
}

QString countsText(const LiveCounts& c)
{
    return QStringLiteral("%1 received, %2 stored, %3 rejected, %4 dropped")
        .arg(grouped(c.received), grouped(c.stored), grouped(c.rejected), grouped(c.dropped));
}

void printProgress(const LiveStatus& s, qint64 receivedBefore, qint64 elapsedMs)
{
    const LiveCounts& t = s.counters.totals;
    const qint64 rate = elapsedMs > 0 ? (t.received - receivedBefore) * 1000 / elapsedMs : 0;
    err(QStringLiteral("listen: %1 (%2/s), %3 queued\n")
            .arg(countsText(t), grouped(rate), grouped(s.queue.messages)));
}

void printSources(const LiveStatus& s)
{
    out(QStringLiteral("sources:\n"));
    for (const LiveSourceSnapshot& src : s.counters.sources) {
        QString line = fill(u"  %1 %2: %3", {liveSourceKindName(src.kind), printable(src.name),
                                             countsText(src.counts)});
        if (src.kernelDrops > 0) {
            line += QStringLiteral(" (the OS dropped %1 more datagrams before they were read)")
                        .arg(grouped(src.kernelDrops));
        }
        if (!src.detail.isEmpty()) {
            line += QStringLiteral("; ") + printable(src.detail);
        }
        out(line + u'\n');
        for (std::size_t i = 0; i < src.senders.size() && i < kSendersShown; ++i) {
            const LiveSenderSnapshot& sender = src.senders[i];
            if (src.kind == LiveSourceKind::File) {
                break; // a file is its own only sender
            }
            out(fill(u"    %1: %2, %3 bytes, last at %4\n",
                     {printable(sender.key), countsText(sender.counts),
                      grouped(sender.counts.bytes), formatUtc(sender.counts.lastNs, 3)}));
        }
        if (src.kind != LiveSourceKind::File && src.senders.size() > kSendersShown) {
            out(QStringLiteral("    ... and %1 more senders\n")
                    .arg(src.senders.size() - kSendersShown));
        }
    }
}

void printSummary(const LiveResult& r, bool interrupted)
{
    printSources(r.status);
    const LiveCounts& t = r.status.counters.totals;
    const IngestSummary& s = r.ingest;
    out(QStringLiteral("received:  %1 messages (%2 bytes)\n")
            .arg(grouped(t.received), grouped(t.bytes)));
    out(QStringLiteral("stored:    %1 events\n").arg(grouped(s.stored)));
    out(QStringLiteral("rejected:  %1 (kept in the store's quarantine)\n").arg(grouped(t.rejected)));
    for (const auto& [reason, count] : s.topRejectReasons(10)) {
        out(QStringLiteral("  %1 × %2\n").arg(grouped(count), printable(reason)));
    }
    for (const RejectSample& sample : s.rejectSamples) {
        out(fill(u"  %1: %2\n", {printable(sample.where()), printable(sample.reason)}));
    }
    out(QStringLiteral("dropped:   %1").arg(grouped(t.dropped)));
    out(t.dropped > 0 ? QStringLiteral(" (the queue was full: storing fell behind)\n")
                      : QStringLiteral("\n"));
    out(QStringLiteral("alerts:    %1 new\nincidents: %2 opened, %3 updated\n")
            .arg(grouped(s.triage.alertsNew), grouped(s.triage.incidentsOpened),
                 grouped(s.triage.incidentsUpdated)));
    out(QStringLiteral("import run: #%1\n").arg(r.status.runId));
    const double seconds = double(r.elapsedNs) / 1e9;
    if (seconds > 0) {
        out(QStringLiteral("time:      %1 s (%2 messages/s)\n")
                .arg(seconds, 0, 'f', 2)
                .arg(grouped(qint64(double(t.received) / seconds))));
    }
    if (interrupted) {
        out(QStringLiteral("stopped:   by a signal; everything received was stored first\n"));
    }
}

// Starts every source; false after printing why one could not be started.
bool startSources(LiveSession& session, const ListenOptions& o)
{
    QStringList started;
    if (o.udp) {
        auto e = session.listenUdp(o.bind, *o.udp);
        if (!e) {
            err(QStringLiteral("vigil-cli: %1\n").arg(e.error().toString()));
            return false;
        }
        started << QStringLiteral("udp %1").arg(e->name);
    }
    if (o.tcp) {
        auto e = session.listenTcp(o.bind, *o.tcp);
        if (!e) {
            err(QStringLiteral("vigil-cli: %1\n").arg(e.error().toString()));
            return false;
        }
        started << QStringLiteral("tcp %1").arg(e->name);
    }
    for (const QString& path : o.follow) {
        auto e = session.follow(path);
        if (!e) {
            err(QStringLiteral("vigil-cli: %1\n").arg(printable(e.error().toString())));
            return false;
        }
        started << QStringLiteral("file %1").arg(printable(e->name));
    }
    err(QStringLiteral("listening: %1; Ctrl-C stops (what was received is stored first)\n")
            .arg(started.join(QStringLiteral(", "))));
    return true;
}

} // namespace

int runListen(const QStringList& args)
{
    bool help = false;
    const auto o = parseListen(args, help);
    if (!o) {
        return help ? ExitOk : ExitUsage;
    }
    if (!prepareStore(*o)) {
        return ExitInput;
    }
    LiveOptions options;
    options.maxMessageBytes = o->maxMessage;
    options.ingest.zone = o->zone;
    options.description = QStringLiteral("vigil-cli listen");
    LiveSession session(o->db, options);
    if (auto started = session.start(); !started) {
        err(QStringLiteral("vigil-cli: cannot start storing: %1\n").arg(started.error().toString()));
        return ExitInput;
    }
    if (!startSources(session, *o)) {
        session.stop();
        return ExitInput;
    }
    QElapsedTimer clock;
    clock.start();
    qint64 lastReport = 0;
    qint64 receivedAtReport = 0;
    bool interrupted = false;
    QString storageError;
    while (o->duration <= 0 || clock.elapsed() < qint64(o->duration * 1000)) {
        if (interruptFlag()->load()) {
            interrupted = true;
            break;
        }
        QThread::msleep(50);
        if (clock.elapsed() - lastReport >= kReportEveryMs) {
            const LiveStatus s = session.status();
            printProgress(s, receivedAtReport, clock.elapsed() - lastReport);
            lastReport = clock.elapsed();
            receivedAtReport = s.counters.totals.received;
            if (!s.storageError.isEmpty()) {
                storageError = s.storageError;
                break;
            }
        }
    }
    err(QStringLiteral("stopping: storing what was received…\n"));
    const LiveResult result = session.stop();
    printSummary(result, interrupted);
    if (!result.status.storageError.isEmpty() || !storageError.isEmpty()) {
        err(QStringLiteral("vigil-cli: storing failed: %1\n")
                .arg(result.status.storageError.isEmpty() ? storageError
                                                          : result.status.storageError));
        return ExitInput;
    }
    return interrupted ? ExitInterrupted : ExitOk;
}

} // namespace vigil::cli
