#pragma once

#include <memory>

#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace vigil {

class LineParser;

/**
 * @brief The formats of core/ingest/formats by name (cef, leef, csv, w3c, zeek-tsv, zeek-json,
 * suricata-eve, fast-log, apache-access, apache-error, iptables, pfsense, snare): a fresh parser,
 * or nullptr for another name. makeParser() asks here for the names it does not know itself.
 */
std::unique_ptr<LineParser> makeFormatParser(QStringView name);

/** @brief The names makeFormatParser() knows, in the order `vigil-cli formats` lists them. */
QStringList formatParserNames();

/** @brief One line about a format (any built-in name), or an empty string for an unknown one. */
QString formatDescription(QStringView name);

/**
 * @brief The format of a file from its first non-empty lines, when the content names one of the
 * formats above: Zeek `#fields`, W3C `#Fields:`, JSON objects of Suricata EVE or Zeek, or a
 * majority of lines that are CEF, LEEF, Snare, pfSense filterlog, iptables, fast.log, Apache
 * access or error lines, else a header line with delimited rows (CSV). Empty otherwise, leaving
 * JSON, syslog and text to detectFormat().
 */
QString detectFormatByContent(const QList<QByteArrayView>& lines);

} // namespace vigil
