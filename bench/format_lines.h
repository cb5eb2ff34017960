#pragma once

// Generated log lines of varied, realistic content per format, shared by the benchmarks
// (vigil-bench-formats: parse rates; vigil-bench-store: import rates into a store).

#include <functional>
#include <span>

#include <QByteArray>
#include <QRandomGenerator>
#include <QString>

namespace vigil::bench {

/** @brief Writes record @p i of a file (the first record may be a header). */
using LineWriter = std::function<QByteArray(QRandomGenerator&, qint64)>;

struct FormatLines {
    const char* name; ///< Vigil's parser name
    LineWriter write;
};

/** @brief json, syslog, cef, leef, csv, zeek-tsv, suricata-eve, apache-access. */
std::span<const FormatLines> formatLines();

/** @brief Writes @p records lines of @p format to @p path (seeded: the same file each time). */
void writeFormatFile(const FormatLines& format, const QString& path, qint64 records);

} // namespace vigil::bench
