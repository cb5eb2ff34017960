#include "ingest/live/line_splitter.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace vigil {

QString groupedNumber(qint64 n)
{
    QString digits = QString::number(n < 0 ? -n : n);
    for (qsizetype i = digits.size() - 3; i > 0; i -= 3) {
        digits.insert(i, u',');
    }
    return n < 0 ? u"-"_s + digits : digits;
}

LineSplitter::LineSplitter(qsizetype maxBytes) : m_maxBytes(std::max<qsizetype>(1, maxBytes)) {}

void LineSplitter::feed(QByteArrayView data, std::vector<Frame>& out)
{
    while (!data.isEmpty()) {
        const qsizetype lf = data.indexOf('\n');
        const qsizetype take = lf < 0 ? data.size() : lf;
        const qsizetype room = std::max<qsizetype>(0, m_maxBytes - m_partial.size());
        if (room > 0) {
            m_partial.append(data.first(std::min(take, room)));
        }
        m_lineBytes += take;
        m_position += take;
        if (lf < 0) {
            return;
        }
        m_position += 1; // the LF
        complete(out);
        data = data.sliced(lf + 1);
    }
}

void LineSplitter::complete(std::vector<Frame>& out)
{
    ++m_line;
    const qint64 length = m_lineBytes;
    const bool tooLong = length > m_maxBytes;
    if (!tooLong && m_partial.endsWith('\r')) {
        m_partial.chop(1);
    }
    if (tooLong || !m_partial.trimmed().isEmpty()) {
        Frame f;
        f.bytes = std::move(m_partial);
        f.offset = m_lineStart;
        f.line = m_line;
        if (tooLong) {
            f.problem = u"message of %1 bytes is longer than the maximum message size of %2 "
                        u"bytes; its first %2 bytes are kept"_s.arg(groupedNumber(length),
                                                                  groupedNumber(m_maxBytes));
        }
        out.push_back(std::move(f));
    }
    m_partial = QByteArray();
    m_lineBytes = 0;
    m_lineStart = m_position;
}

void LineSplitter::finish(std::vector<Frame>& out)
{
    if (m_lineBytes > 0) {
        complete(out);
    }
}

void LineSplitter::restart(qint64 offset)
{
    m_partial = QByteArray();
    m_position = offset;
    m_lineStart = offset;
    m_lineBytes = 0;
    m_line = 0;
}

} // namespace vigil
