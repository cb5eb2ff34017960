#include "ingest/live/file_follower.h"

#include <QFileInfo>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace Qt::StringLiterals;

namespace vigil {

namespace {

constexpr qsizetype kHeadBytes = 64;
constexpr qint64 kChunkBytes = 256 * 1024;

} // namespace

FileFollower::FileFollower(QString path, qsizetype maxLineBytes, Start start)
    : m_path(std::move(path))
    , m_lines(maxLineBytes)
    , m_start(start)
{
}

FileFollower::~FileFollower() = default;

// Device and inode tell files apart; elsewhere than on Unix only existence is known, and the
// first bytes (headChanged) stand in for the identity.
FileFollower::Identity FileFollower::identityOfPath(const QString& path)
{
    Identity id;
#ifdef Q_OS_UNIX
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) == 0) {
        id = {quint64(st.st_dev), quint64(st.st_ino), true};
    }
#else
    id.exists = QFileInfo::exists(path);
#endif
    return id;
}

FileFollower::Identity FileFollower::identityOfOpenFile() const
{
    Identity id;
#ifdef Q_OS_UNIX
    struct stat st {};
    if (::fstat(m_file.handle(), &st) == 0) {
        id = {quint64(st.st_dev), quint64(st.st_ino), true};
    }
#else
    id.exists = true;
#endif
    return id;
}

bool FileFollower::open(bool atEnd)
{
    m_file.setFileName(m_path);
    if (!m_file.open(QIODevice::ReadOnly | QIODevice::Unbuffered)) {
        m_problem = QFileInfo::exists(m_path) ? m_file.errorString()
                                              : u"no such file; waiting for it to appear"_s;
        return false;
    }
    if (!QFileInfo(m_path).isFile()) {
        m_file.close();
        m_problem = u"not a regular file"_s;
        return false;
    }
    m_problem.clear();
    m_identity = identityOfOpenFile();
    const qint64 from = atEnd ? m_file.size() : 0;
    m_head = from > 0 ? m_file.read(std::min<qint64>(kHeadBytes, from)) : QByteArray();
    m_lines.restart(from);
    return true;
}

bool FileFollower::poll(std::vector<Frame>& out, qint64 maxBytes)
{
    if (!m_file.isOpen()) {
        // Start::End applies to the file there when following begins, not to later ones.
        const bool atEnd = m_firstOpen && m_start == Start::End;
        m_firstOpen = false;
        if (!open(atEnd)) {
            return false;
        }
    }
    const Identity now = identityOfPath(m_path);
    if (!(now == m_identity)) {
        // Rotated (renamed away, removed or replaced): finish the old file first.
        if (readAvailable(out, maxBytes)) {
            return true;
        }
        m_lines.finish(out);
        m_file.close();
        ++m_rotations;
        if (!now.exists || !open(false)) {
            if (m_problem.isEmpty()) {
                m_problem = u"no such file; waiting for it to appear"_s;
            }
            return false;
        }
    }
    if (m_file.size() < m_lines.position() || headChanged()) {
        m_lines.finish(out);
        m_lines.restart(0);
        m_head.clear();
        ++m_truncations;
    }
    return readAvailable(out, maxBytes);
}

void FileFollower::finish(std::vector<Frame>& out, qint64 maxBytes)
{
    if (m_file.isOpen() && readAvailable(out, maxBytes)) {
        return; // more than the budget is left: the unfinished line stays in the file
    }
    m_lines.finish(out);
}

// The first bytes differ from those seen before: the file was rewritten in place, perhaps
// truncated and grown back past the offset between two polls.
bool FileFollower::headChanged()
{
    if (m_head.isEmpty() || !m_file.seek(0)) {
        return false;
    }
    return m_file.read(m_head.size()) != m_head;
}

bool FileFollower::readAvailable(std::vector<Frame>& out, qint64 maxBytes)
{
    qint64 budget = maxBytes;
    QByteArray chunk;
    while (budget > 0) {
        const qint64 size = m_file.size();
        if (m_lines.position() >= size || !m_file.seek(m_lines.position())) {
            return false;
        }
        chunk.resize(qsizetype(std::min({kChunkBytes, budget, size - m_lines.position()})));
        const qint64 n = m_file.read(chunk.data(), chunk.size());
        if (n <= 0) {
            return false;
        }
        if (m_head.size() < kHeadBytes && m_lines.position() < kHeadBytes) {
            m_head.append(QByteArrayView(chunk).first(
                qsizetype(std::min<qint64>(n, kHeadBytes - m_lines.position()))));
        }
        m_lines.feed(QByteArrayView(chunk.constData(), n), out);
        budget -= n;
    }
    return m_lines.position() < m_file.size();
}

} // namespace vigil
