#pragma once

#include <QByteArrayView>
#include <QString>

namespace vigil {

struct Event;
struct ParseContext;

/**
 * @brief Where a Snare record (`MSWinEventLog<TAB>...`) starts in @p msg: 0 when the message
 * starts with it, the index after `HOST<TAB>` for Snare's own header, else -1.
 */
qsizetype snareStart(QByteArrayView msg);

/**
 * @brief Reads a Snare for Windows record (Windows events sent over syslog, tab-separated):
 * MSWinEventLog, Criticality, log name, Snare counter, time, EventID, source, user, SID type,
 * event type, computer, category, data, expanded message[, checksum or counter].
 *
 * Fields use the Windows names where one exists: Channel, EventID (integer), Provider_Name,
 * Computer, Message; Snare's own as Criticality, SnareCounter, TimeGenerated, UserName,
 * SIDType, EventType, Category, DataString, SnareChecksum. Labelled values of the expanded
 * message (`Account Name:  alice`, per section) are also given their EventData names
 * (TargetUserName, SubjectUserName, IpAddress, IpPort, LogonType, ProcessName ...).
 * The time is TimeGenerated read in the source's zone; the host is Computer. Returns false with
 * @p reason when fewer than 14 values are present.
 */
bool readSnare(QByteArrayView msg, qsizetype start, const ParseContext& ctx, Event& out,
               QString& reason);

} // namespace vigil
