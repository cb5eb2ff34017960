#include "cli_common.h"
#include "commands.h"

#include <optional>

#include "response/playbook_library.h"
#include "response/task_service.h"
#include "storage/journal.h"
#include "storage/store.h"
#include "util/json.h"
#include "util/text.h"
#include "util/timestamp.h"

namespace vigil::cli {

namespace {

const char16_t kSynopsis[] =
    u"--db FILE --incident N [--json]\n"
    u"       vigil-cli tasks --db FILE --incident N --attach PLAYBOOK [--dir FOLDER]...\n"
    u"       vigil-cli tasks --db FILE --incident N --add TITLE --phase PHASE [--description T]\n"
    u"       vigil-cli tasks --db FILE --incident N --set TASK [--status S] [--owner O] [--note T]\n"
    u"  Lists an incident's response tasks by phase, attaches a playbook (see vigil-cli\n"
    u"  playbooks), adds one task, or changes a task: PHASE is containment, eradication or\n"
    u"  recovery; S is open, in_progress, done or skipped (done and skipped record the done\n"
    u"  time); --note adds a line to the task's notes. Every change is journalled.\n";

struct TaskArgs {
    QString db;
    qint64 incident = 0;
    bool json = false;
    QString attach;
    QStringList dirs;
    QString add;
    QString phase;
    QString description;
    qint64 set = 0;
    QString status;
    std::optional<QString> owner;
    QString note;
};

bool usage(const QString& problem)
{
    err(fill(u"vigil-cli tasks: %1\nusage: vigil-cli tasks %2",
             {problem, QString::fromUtf16(kSynopsis)}));
    return false;
}

// A problem with otherwise well-formed arguments: one line, no synopsis.
void problem(const QString& text)
{
    err(fill(u"vigil-cli tasks: %1\n", {text}));
}

bool number(const QString& name, const QString& value, qint64& out)
{
    bool ok = false;
    out = value.toLongLong(&ok);
    return (ok && out > 0)
        || usage(fill(u"%1 takes a number, not \"%2\"", {name, printable(value)}));
}

bool assign(TaskArgs& t, const QString& name, const QString& value)
{
    if (name == u"--db") {
        t.db = value;
    } else if (name == u"--incident") {
        return number(name, value, t.incident);
    } else if (name == u"--set") {
        return number(name, value, t.set);
    } else if (name == u"--attach") {
        t.attach = value;
    } else if (name == u"--dir") {
        t.dirs << value;
    } else if (name == u"--add") {
        t.add = value;
    } else if (name == u"--phase") {
        t.phase = value;
    } else if (name == u"--description") {
        t.description = value;
    } else if (name == u"--status") {
        t.status = value;
    } else if (name == u"--owner") {
        t.owner = value;
    } else if (name == u"--note") {
        t.note = value;
    } else {
        return usage(fill(u"unexpected argument \"%1\"", {printable(name)}));
    }
    return true;
}

// Returns nothing after printing the problem or the help text (then @p help is set).
std::optional<TaskArgs> parse(const QStringList& args, bool& help)
{
    TaskArgs t;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        if (a == u"--help" || a == u"-h") {
            err(QStringLiteral("usage: vigil-cli tasks ") + QString::fromUtf16(kSynopsis));
            help = true;
            return std::nullopt;
        }
        if (a == u"--json") {
            t.json = true;
            continue;
        }
        const qsizetype eq = a.indexOf(u'=');
        const QString name = eq > 0 ? a.left(eq) : a;
        if (eq < 0 && i + 1 >= args.size()) {
            usage(fill(u"%1 needs a value", {printable(a)}));
            return std::nullopt;
        }
        if (!assign(t, name, eq > 0 ? a.mid(eq + 1) : args[++i])) {
            return std::nullopt;
        }
    }
    const int actions = int(!t.attach.isEmpty()) + int(!t.add.isEmpty()) + int(t.set != 0);
    if (t.db.isEmpty() || t.incident == 0) {
        usage(QStringLiteral("--db and --incident are required"));
        return std::nullopt;
    }
    if (actions > 1) {
        usage(QStringLiteral("use one of --attach, --add and --set at a time"));
        return std::nullopt;
    }
    if (!t.add.isEmpty() == t.phase.isEmpty()) {
        usage(QStringLiteral("--add and --phase go together"));
        return std::nullopt;
    }
    if (t.set == 0 && (!t.status.isEmpty() || t.owner || !t.note.isEmpty())) {
        usage(QStringLiteral("--status, --owner and --note change the task named by --set"));
        return std::nullopt;
    }
    if (t.set != 0 && t.status.isEmpty() && !t.owner && t.note.isEmpty()) {
        usage(QStringLiteral("--set needs --status, --owner or --note"));
        return std::nullopt;
    }
    return t;
}

QString doneText(const TaskRecord& t)
{
    return t.doneNs == 0 ? QStringLiteral("-") : formatUtc(t.doneNs, 0);
}

void printTask(const TaskRecord& t, bool json)
{
    if (json) {
        JsonObjectWriter w;
        w.add(u"id", t.id)
            .add(u"incident_id", t.incidentId)
            .addOptional(u"playbook", t.playbookId.isEmpty() ? QString() : t.playbookId)
            .add(u"phase", codeOf(t.phase))
            .add(u"title", t.title)
            .add(u"description", t.description)
            .add(u"status", codeOf(t.status))
            .add(u"owner", t.owner)
            .add(u"notes", t.notes)
            .addOptional(u"done", t.doneNs == 0 ? QString() : formatUtcTrimmed(t.doneNs))
            .add(u"created", formatUtcTrimmed(t.createdNs));
        outBytes(w.finish() + '\n');
        return;
    }
    QString owner = printable(t.owner.isEmpty() ? QStringLiteral("-") : t.owner);
    if (owner.size() > 12) {
        owner = owner.left(11) + u'…';
    }
    out(fill(u"%1  %2  %3  %4  %5  %6\n",
             {QStringLiteral("%1").arg(t.id, 5), codeOf(t.phase).leftJustified(11),
              codeOf(t.status).leftJustified(11), owner.leftJustified(12),
              doneText(t).leftJustified(20), printable(t.title)}));
}

int list(Database& db, const TaskArgs& a)
{
    auto tasks = TaskQueries::forIncident(db, a.incident);
    if (!tasks) {
        err(fill(u"vigil-cli tasks: %1\n", {printable(tasks.error().toString())}));
        return ExitInput;
    }
    if (!a.json) {
        out(QStringLiteral("%1  %2  %3  %4  %5  %6\n")
                .arg(u"ID", 5)
                .arg(u"PHASE", -11)
                .arg(u"STATUS", -11)
                .arg(u"OWNER", -12)
                .arg(u"DONE (UTC)", -20)
                .arg(u"TASK"));
    }
    qint64 settled = 0;
    for (const TaskRecord& t : *tasks) {
        printTask(t, a.json);
        settled += isSettled(t.status) ? 1 : 0;
    }
    if (!a.json) {
        err(fill(u"%1 tasks, %2 done or skipped\n",
                 {grouped(qint64(tasks->size())), grouped(settled)}));
    }
    return ExitOk;
}

int failed(const Error& e)
{
    err(fill(u"vigil-cli tasks: %1\n", {printable(e.toString())}));
    return e.code == ErrorCode::Database || e.code == ErrorCode::Io ? ExitInput : ExitUsage;
}

int attach(Database& db, const TaskArgs& a)
{
    const PlaybookLibrary lib = PlaybookLibrary::loadStandard(a.dirs);
    for (const Error& e : lib.issues()) {
        err(fill(u"vigil-cli tasks: playbook not loaded: %1\n", {printable(e.toString())}));
    }
    const Playbook* p = lib.find(a.attach.trimmed().toLower());
    if (!p) {
        QStringList ids;
        for (const Playbook& known : lib.playbooks()) {
            ids << known.id;
        }
        problem(fill(u"no playbook \"%1\" (known: %2)", {printable(a.attach), ids.join(u", ")}));
        return ExitUsage;
    }
    auto r = TaskService(db, localActor()).attachPlaybook(a.incident, *p);
    if (!r) {
        return failed(r.error());
    }
    out(fill(u"playbook %1 attached to incident %2: %3 tasks from #%4\n",
             {p->id, QString::number(a.incident), QString::number(r->taskCount),
              QString::number(r->firstTaskId)}));
    return ExitOk;
}

int change(Database& db, const TaskArgs& a, std::optional<TaskPhase> phase,
           std::optional<TaskStatus> status)
{
    if (!a.attach.isEmpty()) {
        return attach(db, a);
    }
    TaskService service(db, localActor());
    if (!a.add.isEmpty()) {
        auto id = service.addTask(a.incident, *phase, a.add, a.description);
        if (!id) {
            return failed(id.error());
        }
        out(fill(u"task #%1 added to incident %2 (%3)\n",
                 {QString::number(*id), QString::number(a.incident), codeOf(*phase)}));
        return ExitOk;
    }
    auto before = TaskQueries::load(db, a.set);
    if (!before) {
        return failed(before.error());
    }
    if (before->incidentId != a.incident) {
        problem(fill(u"task %1 belongs to incident %2, not %3",
                   {QString::number(a.set), QString::number(before->incidentId),
                    QString::number(a.incident)}));
        return ExitUsage;
    }
    TaskUpdate update;
    update.status = status;
    update.owner = a.owner;
    if (!a.note.trimmed().isEmpty()) {
        update.notes = before->notes.isEmpty() ? a.note.trimmed()
                                               : before->notes + u'\n' + a.note.trimmed();
    }
    auto after = service.update(a.set, update);
    if (!after) {
        return failed(after.error());
    }
    printTask(*after, a.json);
    return ExitOk;
}

} // namespace

int runTasks(const QStringList& args)
{
    bool help = false;
    const auto a = parse(args, help);
    if (!a) {
        return help ? ExitOk : ExitUsage;
    }
    std::optional<TaskPhase> phase;
    if (!a->add.isEmpty() && !(phase = taskPhaseFromCode(a->phase))) {
        problem(fill(u"unknown phase \"%1\" (containment, eradication or recovery)", {printable(a->phase)}));
        return ExitUsage;
    }
    std::optional<TaskStatus> status;
    if (!a->status.isEmpty() && !(status = taskStatusFromCode(a->status))) {
        problem(fill(u"unknown status \"%1\" (open, in_progress, done or skipped)", {printable(a->status)}));
        return ExitUsage;
    }
    const bool changing = !a->attach.isEmpty() || !a->add.isEmpty() || a->set != 0;
    auto db = changing ? Store::openWriter(a->db) : Store::openReader(a->db);
    if (!db) {
        err(fill(u"vigil-cli: cannot open database: %1\n", {printable(db.error().toString())}));
        return ExitInput;
    }
    if (!changing) {
        return list(*db, *a);
    }
    return change(*db, *a, phase, status);
}

} // namespace vigil::cli
