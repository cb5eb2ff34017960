#include "response/playbook_library.h"

#include <yaml-cpp/yaml.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include "storage/journal_anchor.h"

namespace vigil {

namespace {

constexpr qint64 kMaxFileBytes = 1024 * 1024;
constexpr int kMaxTitle = 200;
constexpr int kMaxDescription = 4000;

/** Thrown inside parse() only, with the node the problem is at; caught there. */
struct Invalid {
    YAML::Mark mark;
    QString message;
};

[[noreturn]] void fail(const YAML::Node& at, QString message)
{
    throw Invalid{at.Mark(), std::move(message)};
}

QString text(const YAML::Node& n, const QString& what, int maxLength)
{
    if (!n.IsScalar()) {
        fail(n, what + QStringLiteral(" must be text"));
    }
    const QString value = QString::fromStdString(n.Scalar()).trimmed();
    if (value.size() > maxLength) {
        fail(n, QStringLiteral("%1 is longer than %2 characters").arg(what).arg(maxLength));
    }
    return value;
}

QStringList lowerList(const YAML::Node& n, const QString& what)
{
    QStringList out;
    if (n.IsScalar()) {
        out << text(n, what, kMaxTitle).toLower();
        return out;
    }
    if (!n.IsSequence()) {
        fail(n, what + QStringLiteral(" must be a list"));
    }
    for (const YAML::Node& item : n) {
        const QString v = text(item, what, kMaxTitle).toLower();
        if (v.isEmpty()) {
            fail(item, what + QStringLiteral(" holds an empty entry"));
        }
        out << v;
    }
    return out;
}

void readMatch(const YAML::Node& match, Playbook& p)
{
    if (!match.IsMap()) {
        fail(match, QStringLiteral("match must be a mapping of tags, categories and services"));
    }
    for (auto it = match.begin(); it != match.end(); ++it) {
        const QString key = QString::fromStdString(it->first.Scalar());
        if (key == u"tags") {
            p.tags = lowerList(it->second, QStringLiteral("match tags"));
        } else if (key == u"categories") {
            p.categories = lowerList(it->second, QStringLiteral("match categories"));
        } else if (key == u"services") {
            p.services = lowerList(it->second, QStringLiteral("match services"));
        } else {
            fail(it->first, QStringLiteral("unknown match key \"%1\" (expected tags, categories "
                                           "or services)")
                                .arg(key));
        }
    }
}

void readTasks(const YAML::Node& tasks, Playbook& p)
{
    if (!tasks.IsMap()) {
        fail(tasks, QStringLiteral("tasks must map phases (containment, eradication, recovery) "
                                   "to lists of tasks"));
    }
    for (TaskPhase phase : allTaskPhases()) {
        for (auto it = tasks.begin(); it != tasks.end(); ++it) {
            const QString key = QString::fromStdString(it->first.Scalar());
            const auto named = taskPhaseFromCode(key);
            if (!named) {
                fail(it->first, QStringLiteral("unknown phase \"%1\" (expected containment, "
                                               "eradication or recovery)")
                                    .arg(key));
            }
            if (*named != phase) {
                continue;
            }
            if (!it->second.IsSequence()) {
                fail(it->second, QStringLiteral("the %1 tasks must be a list").arg(key));
            }
            for (const YAML::Node& t : it->second) {
                if (!t.IsMap()) {
                    fail(t, QStringLiteral("a task must have a title and a description"));
                }
                PlaybookTask task;
                task.phase = phase;
                for (auto f = t.begin(); f != t.end(); ++f) {
                    const QString field = QString::fromStdString(f->first.Scalar());
                    if (field == u"title") {
                        task.title = text(f->second, QStringLiteral("a task title"), kMaxTitle);
                    } else if (field == u"description") {
                        task.description = text(f->second, QStringLiteral("a task description"),
                                                kMaxDescription);
                    } else {
                        fail(f->first, QStringLiteral("unknown task key \"%1\" (expected title "
                                                      "or description)")
                                           .arg(field));
                    }
                }
                if (task.title.isEmpty()) {
                    fail(t, QStringLiteral("a task has no title"));
                }
                p.tasks.push_back(std::move(task));
            }
        }
    }
    if (p.tasks.empty()) {
        fail(tasks, QStringLiteral("the playbook has no tasks"));
    }
}

// Where a problem of the whole document is shown: its first key (the map itself has no mark).
[[noreturn]] void failDocument(const YAML::Node& doc, QString message)
{
    if (doc.IsMap() && doc.begin() != doc.end()) {
        fail(doc.begin()->first, std::move(message));
    }
    fail(doc, std::move(message));
}

Playbook readPlaybook(const YAML::Node& doc)
{
    if (!doc.IsMap()) {
        fail(doc, QStringLiteral("a playbook must be a mapping with id, title, match and tasks"));
    }
    Playbook p;
    YAML::Node tasks;
    for (auto it = doc.begin(); it != doc.end(); ++it) {
        const QString key = QString::fromStdString(it->first.Scalar());
        if (key == u"id") {
            p.id = text(it->second, QStringLiteral("id"), kMaxTitle);
            static const QRegularExpression kId(QStringLiteral("^[a-z0-9][a-z0-9_-]*$"));
            if (!kId.match(p.id).hasMatch()) {
                fail(it->second, QStringLiteral("id \"%1\" must use lower-case letters, digits, "
                                                "'-' and '_'")
                                     .arg(p.id));
            }
        } else if (key == u"title") {
            p.title = text(it->second, QStringLiteral("title"), kMaxTitle);
        } else if (key == u"description") {
            p.description = text(it->second, QStringLiteral("description"), kMaxDescription);
        } else if (key == u"match") {
            readMatch(it->second, p);
        } else if (key == u"tasks") {
            tasks = it->second;
        } else {
            fail(it->first, QStringLiteral("unknown key \"%1\" (expected id, title, description, "
                                           "match or tasks)")
                                .arg(key));
        }
    }
    if (p.id.isEmpty()) {
        failDocument(doc, QStringLiteral("the playbook has no id"));
    }
    if (p.title.isEmpty()) {
        failDocument(doc, QStringLiteral("the playbook has no title"));
    }
    if (!tasks.IsDefined() || tasks.IsNull()) {
        failDocument(doc, QStringLiteral("the playbook has no tasks"));
    }
    readTasks(tasks, p);
    return p;
}

Error located(const QString& file, const YAML::Mark& mark, const QString& message)
{
    Error e = makeError(ErrorCode::Parse, message);
    e.file = file;
    e.line = mark.is_null() ? 0 : mark.line + 1;
    e.column = mark.is_null() ? 0 : mark.column + 1;
    return e;
}

} // namespace

QString PlaybookLibrary::builtInFolder()
{
    return QStringLiteral(":/playbooks");
}

QString PlaybookLibrary::userFolder()
{
    return JournalAnchor::configDir() + QStringLiteral("/playbooks");
}

PlaybookLibrary PlaybookLibrary::loadStandard(const QStringList& extraFolders)
{
    PlaybookLibrary lib;
    lib.addFolder(builtInFolder());
    if (QFileInfo(userFolder()).isDir()) {
        lib.addFolder(userFolder());
    }
    for (const QString& f : extraFolders) {
        lib.addFolder(f);
    }
    return lib;
}

Result<Playbook> PlaybookLibrary::parse(const QString& text, const QString& file)
{
    try {
        const std::vector<YAML::Node> docs = YAML::LoadAll(text.toStdString());
        if (docs.empty() || docs.front().IsNull()) {
            Error e = makeError(ErrorCode::Parse, QStringLiteral("the file holds no playbook"));
            e.file = file;
            return e;
        }
        if (docs.size() > 1) {
            return located(file, docs[1].Mark(),
                           QStringLiteral("one playbook per file: a second document starts here"));
        }
        Playbook p = readPlaybook(docs.front());
        p.file = file;
        return p;
    } catch (const Invalid& i) {
        return located(file, i.mark, i.message);
    } catch (const YAML::Exception& e) {
        return located(file, e.mark, QString::fromStdString(e.msg));
    }
}

void PlaybookLibrary::addFolder(const QString& folder)
{
    m_folders << folder;
    const QDir dir(folder);
    if (!dir.exists()) {
        Error e = makeError(ErrorCode::Io, QStringLiteral("no such playbook folder"));
        e.file = folder;
        m_issues.push_back(e);
        return;
    }
    const QStringList names = dir.entryList({QStringLiteral("*.yml"), QStringLiteral("*.yaml")},
                                            QDir::Files | QDir::Readable, QDir::Name);
    for (const QString& name : names) {
        const QString path = dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            Error e = makeError(ErrorCode::Io, QStringLiteral("cannot read: ") + f.errorString());
            e.file = path;
            m_issues.push_back(e);
            continue;
        }
        if (f.size() > kMaxFileBytes) {
            Error e = makeError(ErrorCode::Parse, QStringLiteral("larger than 1 MiB: not a playbook"));
            e.file = path;
            m_issues.push_back(e);
            continue;
        }
        auto parsed = parse(QString::fromUtf8(f.readAll()), path);
        if (!parsed) {
            m_issues.push_back(parsed.error());
            continue;
        }
        add(std::move(*parsed), folder);
    }
}

void PlaybookLibrary::addText(const QString& text, const QString& file)
{
    auto parsed = parse(text, file);
    if (!parsed) {
        m_issues.push_back(parsed.error());
        return;
    }
    add(std::move(*parsed), QFileInfo(file).path());
}

void PlaybookLibrary::add(Playbook playbook, const QString& folder)
{
    for (size_t i = 0; i < m_playbooks.size(); ++i) {
        if (m_playbooks[i].id != playbook.id) {
            continue;
        }
        if (m_origins[i] == folder) {
            Error e = makeError(ErrorCode::Parse,
                                QStringLiteral("id \"%1\" is already used by %2")
                                    .arg(playbook.id, m_playbooks[i].file));
            e.file = playbook.file;
            m_issues.push_back(e);
            return;
        }
        m_notes << QStringLiteral("%1 replaces playbook \"%2\" of %3")
                       .arg(playbook.file, playbook.id, m_playbooks[i].file);
        m_playbooks[i] = std::move(playbook);
        m_origins[i] = folder;
        return;
    }
    m_playbooks.push_back(std::move(playbook));
    m_origins.push_back(folder);
}

const Playbook* PlaybookLibrary::find(const QString& id) const
{
    for (const Playbook& p : m_playbooks) {
        if (p.id == id) {
            return &p;
        }
    }
    return nullptr;
}

} // namespace vigil
