#pragma once

#include <vector>

#include <QString>
#include <QStringView>

#include "investigation/observable_types.h"

namespace vigil {

struct Event;

/** @brief One observable found in one event, and where. */
struct ObservableHit {
    ObservableType type = ObservableType::Ip;
    QString value; ///< normalised display form (see normaliseObservable())
    QString field; ///< where it was found: "host", "fields.Image", "common.src_ip"
};

/**
 * @brief Finds the observables of one event: IP addresses, domains, URLs, MD5/SHA-1/SHA-256
 * hashes, users, hosts and file paths. Each (type, key) appears once per event.
 *
 * What is read (the parsed fields, then the common fields; list values item by item):
 * - the event's host column → host;
 * - a value that is an IPv4 or IPv6 address → ip; IPv4 addresses inside longer text too
 *   (fields named *version* are skipped: 10.0.0.1 there is a version). Unspecified, loopback and broadcast addresses are left
 *   out: they name no one;
 * - `http://`, `https://`, `ftp://` URLs anywhere in text → url, and the URL's host → domain
 *   (or ip);
 * - domains from fields that hold one (QueryName, dns.rrname, query, server_name, tls.sni,
 *   DestinationHostname, url.domain ...);
 * - hashes: a whole value of 32/40/64 hex digits in a field named for a hash (Hashes, md5,
 *   sha256 ...; not imphash), and `MD5=`, `SHA1=`, `SHA256=` (also `sha-256:`) labelled hashes in
 *   any text (Sysmon's Hashes field);
 * - users from the user fields (common user, TargetUserName, SubjectUserName, User, suser ...),
 *   except placeholders such as "-";
 * - hosts from WorkstationName and SourceHostname;
 * - file paths: a whole value that is a Windows path (`C:\...`, `\\server\share\...`) in any
 *   field that is not a command line or message, or a Unix path in a field named for a file,
 *   image, process or path.
 *
 * Never fails: text that is none of these is simply not an observable.
 */
std::vector<ObservableHit> extractObservables(const Event& event);

/**
 * @brief The display form of @p value as an observable of @p type: IP addresses canonical
 * (IPv6 compressed, lower case), domains and hashes lower case without a trailing dot, URL
 * scheme and host lower case; users, hosts and paths trimmed. Empty when @p value is not a
 * valid observable of that type.
 */
QString normaliseObservable(ObservableType type, QStringView value);

/**
 * @brief The key under which observables are deduplicated per incident: the normalised value,
 * lower case for users, hosts and Windows paths (which Windows treats case-insensitively).
 */
QString observableKey(ObservableType type, const QString& normalised);

} // namespace vigil
