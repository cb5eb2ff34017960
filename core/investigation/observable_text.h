#pragma once

#include <optional>
#include <vector>

#include <QString>
#include <QStringView>

#include "investigation/observable_types.h"

/**
 * @brief Text scanners behind observable extraction and pivoting. Each is one linear pass over
 * its input, so hostile text cannot make them slow.
 */
namespace vigil::observable_text {

/** @brief Canonical form of a whole IPv4 (strict dotted quad) or IPv6 address, else empty. */
QString normaliseIp(QStringView text);
/** @brief Unspecified, loopback and broadcast addresses: they name no one. */
bool isNoiseIp(const QString& canonical);
/** @brief Lower-case domain without a trailing dot when @p text is one (two labels at least). */
QString normaliseDomain(QStringView text);

struct FoundUrl {
    QString url;  ///< scheme and authority in lower case
    QString host; ///< as written, without user info, port or IPv6 brackets
};
/** @brief http, https and ftp URLs in @p text, trailing punctuation left out. */
std::vector<FoundUrl> findUrls(QStringView text);

struct FoundHash {
    ObservableType type = ObservableType::Md5;
    QString hex; ///< lower case
};
/** @brief Hashes written with their label: `MD5=…`, `SHA1=…`, `sha-256: …` (length must fit). */
std::vector<FoundHash> findLabelledHashes(QStringView text);

/** @brief Dotted-quad IPv4 addresses standing alone in @p text (not part of 1.2.3.4.5). */
std::vector<QStringView> findIpv4(QStringView text);

bool isHex(QStringView text);
/** @brief Md5 for 32 hex digits, Sha1 for 40, Sha256 for 64. */
std::optional<ObservableType> hashTypeForLength(qsizetype length);
/** @brief Whether a (lower-case) field name is named for a file hash (not an import hash). */
bool isHashField(QStringView lowerName);
/** @brief `C:\…` or a UNC path `\\server\…`, on one line and without quotes inside. */
bool isWindowsPath(QStringView text);

/**
 * @brief Whether @p needle occurs in @p haystack (ASCII case-insensitive) as a whole token: not
 * directly after a letter, digit, '.', '-' or '_', nor directly before a letter, digit, '-',
 * '_' or a '.' that continues with a letter or digit.
 */
bool containsToken(QStringView haystack, QStringView needle);

} // namespace vigil::observable_text
