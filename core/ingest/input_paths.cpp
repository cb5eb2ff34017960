#include "ingest/input_paths.h"

#include <QDirIterator>
#include <QFileInfo>

namespace vigil {

namespace {

void note(std::vector<PathNote>* notes, const QString& path, const QString& reason, bool unreadable)
{
    if (notes) {
        notes->push_back({path, reason, unreadable});
    }
}

QString missingReason(const QFileInfo& info)
{
    if (info.isSymLink()) {
        return info.symLinkTarget().isEmpty() ? QStringLiteral("symbolic link loop")
                                              : QStringLiteral("broken symbolic link to %1")
                                                    .arg(info.symLinkTarget());
    }
    return QStringLiteral("no such file or folder");
}

bool isInside(const QString& path, const QString& root)
{
    return path == root || path.startsWith(root + u'/');
}

void expandFolder(const QString& dir, QStringList& files, std::vector<PathNote>* notes)
{
    const QString root = QFileInfo(dir).canonicalFilePath();
    QStringList found;
    QDirIterator it(dir, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info = it.fileInfo();
        const QString relative = path.mid(dir.size());
        if (relative.contains(QStringLiteral("/."))) {
            if (info.fileName().startsWith(u'.') && !info.isDir()) {
                note(notes, path, QStringLiteral("hidden file; left out"), false);
            }
            continue; // hidden files and everything inside hidden folders
        }
        if (info.isSymLink()) {
            const QString target = info.canonicalFilePath();
            if (target.isEmpty()) {
                note(notes, path, missingReason(info), true);
                continue;
            }
            if (!isInside(target, root)) {
                note(notes, path,
                     QStringLiteral("symbolic link to %1, outside the folder; not followed").arg(target),
                     false);
                continue;
            }
            if (info.isDir()) {
                continue; // a folder inside the tree is read where it really is
            }
        }
        if (info.isDir()) {
            if (!info.isReadable() || !info.isExecutable()) {
                note(notes, path, QStringLiteral("folder cannot be read (permission denied)"), true);
            }
            continue;
        }
        if (!info.isFile()) {
            note(notes, path, QStringLiteral("not a regular file (FIFO, socket or device); left out"),
                 false);
            continue;
        }
        if (!info.isReadable()) {
            note(notes, path, QStringLiteral("permission denied"), true);
            continue;
        }
        found << path;
    }
    found.sort();
    files << found;
}

} // namespace

QStringList expandPaths(const QStringList& paths, std::vector<PathNote>* notes)
{
    QStringList files;
    for (const QString& p : paths) {
        const QFileInfo info(p);
        if (info.isDir()) {
            expandFolder(p, files, notes);
        } else if (info.exists()) {
            files << p; // given by name: read it, whatever kind of file it is
        } else {
            note(notes, p, missingReason(info), true);
        }
    }
    return files;
}

} // namespace vigil
