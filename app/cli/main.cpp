#include <QCoreApplication>

#include "cli_common.h"
#include "commands.h"
#include "interrupt.h"

using namespace vigil::cli;

namespace {

const char kUsage[] =
    "usage: vigil-cli COMMAND [OPTIONS] [PATH...]\n"
    "\n"
    "commands:\n"
    "  ingest --db FILE [--rules R]... [--format F] [--tz ZONE] [--window MIN] [--reimport]\n"
    "         [--no-starter-rules] PATH...\n"
    "        import log files into the store, run the rules, record alerts and incidents\n"
    "  hunt --rules R [--rules R]... [--db FILE] [--json] [--format F] [PATH...]\n"
    "        run rules over files without storing them, or over the store (--db, no paths)\n"
    "  incidents --db FILE [--json]\n"
    "        list the incidents of a store\n"
    "  incidents --db FILE --merge A,B[,C] [--into A] | --split N --alerts ID,ID...\n"
    "        merge incidents into one, or split alerts off into a new incident\n"
    "  alerts --db FILE [--status S] [--json] | --set ID --status S [--comment TEXT]\n"
    "        list alerts with their own status, or move one through its workflow\n"
    "  suppress --db FILE --rule R --field NAME=VALUE... --expires 7d [--preview]\n"
    "           | --list | --end ID [--reason TEXT]\n"
    "        suppress matching new alerts of a rule until the expiry (preview: how many past);\n"
    "        list them, or end one early\n"
    "  rules check PATH...\n"
    "        load Sigma rules and report every rule that cannot be used, with the reason\n"
    "  rules grouping --db FILE RULE [--key host|user|src_ip|field:NAME] [--window 30m]\n"
    "        how a rule's alerts form incidents (default: host, 60m)\n"
    "  parse [--format F] [--tz ZONE] FILE|-...\n"
    "        parse log files without a database: one JSON object per record\n"
    "  formats\n"
    "        list the log formats --format accepts\n"
    "  assets list|import --db FILE [--json] [INVENTORY...]\n"
    "        the asset and identity inventory (CSV or YAML) that priorities come from\n"
    "  sla --db FILE [P1=4h P2=24h P3=3d P4=1w]\n"
    "        show or set how long after declaration incidents of each priority are due\n"
    "  listen --db FILE [--udp PORT] [--tcp PORT] [--bind ADDR] [--follow FILE]...\n"
    "         [--max-message BYTES] [--rules R]... [--duration SECONDS]\n"
    "        collect syslog (UDP, TCP) and followed files live into the store until Ctrl-C\n"
    "  metrics --db FILE [--json]\n"
    "        MTTD, MTTA, time to verdict, MTTC, MTTR and dwell time from the journal\n"
    "  verify --db FILE\n"
    "        verify the journal's hash chain and every incident against it (exit 3: altered)\n"
    "  report --db FILE --incident N --out FILE.html|FILE.md\n"
    "        one incident's report (exit 3: evidence or journal failed verification)\n"
    "  tasks --db FILE --incident N [--json]\n"
    "  tasks --db FILE --incident N --attach PLAYBOOK | --add TITLE --phase P |\n"
    "        --set TASK [--status S] [--owner O] [--note T]\n"
    "        an incident's response tasks: list, attach a playbook, add one, change one\n"
    "  playbooks [--dir D]... [--json]\n"
    "        list the response playbooks (shipped, yours, --dir) and any that do not load\n"
    "  queue --db FILE [--view NAME] [--status S,..] [--priority P1,..] [--assignee A]\n"
    "        [--rule R] [--host H] [--text T] [--closed] [--json] [--save-view NAME] | --views\n"
    "        the incident queue through the app's filters and saved views\n"
    "  triage --db FILE --incident N [--incident M..] --ack | --assign NAME | --status S\n"
    "        [--disposition D ...] | --note TEXT | --add-event ID\n"
    "        acknowledge, assign, move, annotate or extend incidents (refusals listed, exit 3)\n"
    "\n"
    "--rules takes one rule file or folder and may be repeated. Run COMMAND --help for details.\n"
    "exit codes: 0 completed, 1 usage error, 2 an input or the database could not be read,\n"
    "130 stopped by Ctrl-C (what was stored before stopping is kept)\n";

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("vigil"));
    QCoreApplication::setOrganizationName(QStringLiteral("vigil"));
    QCoreApplication::setApplicationVersion(QStringLiteral(VIGIL_VERSION));
    installSignalHandlers();
    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    if (args.isEmpty() || args.first() == u"--help" || args.first() == u"-h") {
        err(QString::fromLatin1(kUsage));
        return args.isEmpty() ? ExitUsage : ExitOk;
    }
    if (args.first() == u"--version") {
        out(QStringLiteral("vigil-cli %1\n").arg(QCoreApplication::applicationVersion()));
        return ExitOk;
    }
    const QString command = args.takeFirst();
    if (command == u"ingest") {
        return runIngest(args);
    }
    if (command == u"hunt") {
        return runHunt(args);
    }
    if (command == u"incidents") {
        return runIncidents(args);
    }
    if (command == u"rules") {
        return runRules(args);
    }
    if (command == u"parse") {
        return runParse(args);
    }
    if (command == u"formats") {
        return runFormats(args);
    }
    if (command == u"verify") {
        return runVerify(args);
    }
    if (command == u"metrics") {
        return runMetrics(args);
    }
    if (command == u"listen") {
        return runListen(args);
    }
    if (command == u"report") {
        return runReport(args);
    }
    if (command == u"assets") {
        return runAssets(args);
    }
    if (command == u"sla") {
        return runSla(args);
    }
    if (command == u"alerts") {
        return runAlerts(args);
    }
    if (command == u"suppress") {
        return runSuppress(args);
    }
    if (command == u"tasks") {
        return runTasks(args);
    }
    if (command == u"playbooks") {
        return runPlaybooks(args);
    }
    if (command == u"queue") {
        return runQueue(args);
    }
    if (command == u"triage") {
        return runTriage(args);
    }
    err(QStringLiteral("vigil-cli: unknown command \"%1\"\n\n").arg(command));
    err(QString::fromLatin1(kUsage));
    return ExitUsage;
}
