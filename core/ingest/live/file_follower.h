#pragma once

#include <vector>

#include <QFile>
#include <QString>

#include "ingest/live/line_splitter.h"

namespace vigil {

/**
 * @brief Follows one file as it grows, like `tail -F`, cutting it into lines.
 *
 * - Growth: each poll() reads what was appended; a partial last line is held until its LF.
 * - Rotation (the path now names another file, or none): the old file is read to its end, its
 *   partial last line comes out as a line, then the new file is read from its start. While the
 *   path names no file, poll() waits for one to appear.
 * - Truncation (the file is shorter than the read offset, or its first bytes changed — a
 *   `copytruncate` followed by new writes): the held partial line comes out and reading starts
 *   again at offset 0.
 *
 * Lines are numbered from 1 in each file generation. Not thread-safe: one thread polls.
 */
class FileFollower {
public:
    enum class Start { Beginning, End };

    FileFollower(QString path, qsizetype maxLineBytes, Start start = Start::Beginning);
    ~FileFollower();
    FileFollower(const FileFollower&) = delete;
    FileFollower& operator=(const FileFollower&) = delete;

    /**
     * @brief Reads up to @p maxBytes of what is new and appends the completed lines to @p out.
     * Returns true when more is waiting (the budget ran out): poll again soon.
     */
    bool poll(std::vector<Frame>& out, qint64 maxBytes);
    /** @brief The end of following: reads to the current end and gives the partial line too. */
    void finish(std::vector<Frame>& out, qint64 maxBytes);

    const QString& path() const { return m_path; }
    /** @brief Whether a file is open (false while the path names none). */
    bool isOpen() const { return m_file.isOpen(); }
    /** @brief Why no file is open, for people ("no such file", a permission problem). */
    const QString& problem() const { return m_problem; }
    qint64 rotations() const { return m_rotations; }
    qint64 truncations() const { return m_truncations; }
    /** @brief Byte offset read up to in the current file. */
    qint64 position() const { return m_lines.position(); }

private:
    struct Identity {
        quint64 device = 0;
        quint64 inode = 0;
        bool exists = false;
        bool operator==(const Identity& o) const = default;
    };

    static Identity identityOfPath(const QString& path);
    Identity identityOfOpenFile() const;
    bool open(bool atEnd);
    bool readAvailable(std::vector<Frame>& out, qint64 maxBytes);
    bool headChanged();

    QString m_path;
    QFile m_file;
    Identity m_identity;
    LineSplitter m_lines;
    QByteArray m_head; ///< the first bytes of the open file, to notice it was rewritten
    Start m_start;
    bool m_firstOpen = true;
    QString m_problem;
    qint64 m_rotations = 0;
    qint64 m_truncations = 0;
};

} // namespace vigil
