#pragma once

#include <cstdio>
#include <memory>

#include <QString>
#include <QStringList>

#include "storage/database.h"

namespace vigil {
struct IngestSummary;
namespace sigma {
class RuleSet;
}

namespace cli {

/** Exit codes shared by every command. */
enum Exit : int {
    ExitOk = 0,       ///< the run completed (rejected records are counted, not fatal)
    ExitUsage = 1,    ///< bad arguments
    ExitInput = 2,    ///< an input or the database could not be opened or read
};

/** Writes UTF-8 text to stdout / stderr without any interpretation of its content. */
void out(const QString& text);
void outBytes(const QByteArray& bytes);
void err(const QString& text);

/** Replaces control characters (terminal escapes in hostile log text) with \xNN. */
QString printable(const QString& text);

/** Expands PATHs to files, printing what was left out or unreadable; @p failed is set when an
 *  input could not be read (exit code 2). */
QStringList expandInputs(const QStringList& paths, bool& failed);

/** Prints the counts of an import or hunt: read, stored, rejected with reasons, alerts. */
void printIngestSummary(const IngestSummary& summary, bool withTriage);

/** "1,234,567": numbers for people, independent of the locale. */
QString grouped(qint64 n);

/**
 * Loads rule files or folders into @p rules; prints a short summary and up to a few problems to
 * stderr. Returns false (after printing why) when a path does not exist.
 */
bool loadRulePaths(const QStringList& paths, sigma::RuleSet& rules, bool quiet);

} // namespace cli
} // namespace vigil
