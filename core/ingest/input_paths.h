#pragma once

#include <vector>

#include <QString>
#include <QStringList>

namespace vigil {

/** @brief A path that expandPaths() could not use, or left out on purpose, and why. */
struct PathNote {
    QString path;
    QString reason;
    bool unreadable = false; ///< an input that could not be read (an error), not a policy skip
};

/**
 * @brief The files to read for @p paths: files as given; folders recursively, sorted, leaving
 * out hidden entries, FIFOs, sockets and devices, and symbolic links that lead outside the
 * folder (an evidence folder must not pull in /etc/shadow). Everything left out, and every path
 * that cannot be read, is reported in @p notes.
 */
QStringList expandPaths(const QStringList& paths, std::vector<PathNote>* notes);

} // namespace vigil
