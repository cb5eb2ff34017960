#include "cli_common.h"
#include "commands.h"

#include "response/playbook_library.h"
#include "util/json.h"
#include "util/text.h"

namespace vigil::cli {

namespace {

const char16_t kSynopsis[] =
    u"[--dir FOLDER]... [--json]\n"
    u"  Lists the response playbooks Vigil attaches to incidents: the shipped ones, those in\n"
    u"  your playbook folder (see below) and those of each --dir, with their tasks per phase\n"
    u"  (containment/eradication/recovery) and the rule tags and log sources they fit. Every\n"
    u"  playbook that does not load is named with file:line:column and the reason; exit 2 then.\n";

QString matchText(const Playbook& p)
{
    QStringList parts = p.tags;
    for (const QString& c : p.categories) {
        parts << QStringLiteral("category:") + c;
    }
    for (const QString& s : p.services) {
        parts << QStringLiteral("service:") + s;
    }
    return parts.isEmpty() ? QStringLiteral("(by hand only)") : parts.join(QStringLiteral(", "));
}

QByteArray jsonList(const QStringList& items)
{
    QByteArray out = "[";
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (i > 0) {
            out += ',';
        }
        appendJsonString(out, items[i]);
    }
    return out + ']';
}

void printJson(const Playbook& p)
{
    JsonObjectWriter w;
    w.add(u"id", p.id)
        .add(u"title", p.title)
        .add(u"file", p.file)
        .addRaw(u"tags", jsonList(p.tags))
        .addRaw(u"categories", jsonList(p.categories))
        .addRaw(u"services", jsonList(p.services));
    for (TaskPhase phase : allTaskPhases()) {
        w.add(codeOf(phase), qint64(p.taskCount(phase)));
    }
    outBytes(w.finish() + '\n');
}

} // namespace

int runPlaybooks(const QStringList& args)
{
    QStringList dirs;
    bool json = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        if (a == u"--help" || a == u"-h") {
            err(QStringLiteral("usage: vigil-cli playbooks ") + QString::fromUtf16(kSynopsis)
                + QStringLiteral("  Your playbook folder: ") + PlaybookLibrary::userFolder()
                + u'\n');
            return ExitOk;
        }
        if (a == u"--json") {
            json = true;
        } else if (a == u"--dir" && i + 1 < args.size()) {
            dirs << args[++i];
        } else if (a.startsWith(u"--dir=")) {
            dirs << a.mid(6);
        } else {
            err(fill(u"vigil-cli playbooks: unexpected argument \"%1\"\nusage: vigil-cli "
                     u"playbooks %2",
                     {printable(a), QString::fromUtf16(kSynopsis)}));
            return ExitUsage;
        }
    }
    const PlaybookLibrary lib = PlaybookLibrary::loadStandard(dirs);
    if (!json) {
        out(QStringLiteral("%1  %2  %3\n")
                .arg(u"ID", -22)
                .arg(u"C/E/R", -8)
                .arg(u"TITLE — FITS"));
    }
    for (const Playbook& p : lib.playbooks()) {
        if (json) {
            printJson(p);
            continue;
        }
        const QString counts = fill(u"%1/%2/%3", {QString::number(p.taskCount(TaskPhase::Containment)),
                                                  QString::number(p.taskCount(TaskPhase::Eradication)),
                                                  QString::number(p.taskCount(TaskPhase::Recovery))});
        out(fill(u"%1  %2  %3 — %4\n      %5\n",
                 {printable(p.id).leftJustified(22), counts.leftJustified(8), printable(p.title),
                  printable(matchText(p)), printable(p.file)}));
    }
    for (const QString& n : lib.notes()) {
        err(QStringLiteral("note: ") + printable(n) + u'\n');
    }
    for (const Error& e : lib.issues()) {
        err(fill(u"%1: not loaded: %2\n", {printable(e.file.isEmpty() ? QStringLiteral("?") : e.file)
                                               + (e.line > 0 ? fill(u":%1:%2", {QString::number(e.line),
                                                                                QString::number(e.column)})
                                                             : QString()),
                                           printable(e.message)}));
    }
    err(fill(u"%1 playbooks loaded, %2 not loaded (your playbook folder: %3)\n",
             {grouped(qint64(lib.playbooks().size())), grouped(qint64(lib.issues().size())),
              printable(PlaybookLibrary::userFolder())}));
    return lib.issues().empty() ? ExitOk : ExitInput;
}

} // namespace vigil::cli
