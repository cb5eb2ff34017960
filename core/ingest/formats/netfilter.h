#pragma once

#include <QByteArrayView>
#include <QString>

namespace vigil {

struct Event;

/**
 * @brief Where the netfilter `IN=` list starts in a kernel message (`IN=eth0 OUT= ... SRC=`), or
 * -1 when @p msg is not an iptables/nftables LOG line.
 */
qsizetype netfilterStart(QByteArrayView msg);

/**
 * @brief Reads an iptables LOG message: the text before `IN=` (an optional dmesg uptime
 * `[123.456]`, then the log prefix), then `KEY=value` pairs and bare flags (`DF`, `SYN`).
 *
 * Fields keep netfilter's names: IN, OUT, MAC, SRC, DST, LEN, PROTO, SPT, DPT ... as text, flags
 * as true, `kernel_uptime`, `prefix`. A key seen again after PROTO (the UDP LEN, the ICMP ID) is
 * stored as `<PROTO>.<KEY>`; the quoted packet of an ICMP error (`[SRC=... ]`) under `inner.`.
 * @p start is netfilterStart(msg).
 */
void readNetfilter(QByteArrayView msg, qsizetype start, Event& out);

/**
 * @brief Reads a pfSense `filterlog` message (comma-separated, fields by position: rule, interface,
 * reason, action, direction, IP version, then IPv4 or IPv6 header, then TCP/UDP/ICMP/CARP data).
 * Returns false with @p reason when fewer than nine values are present.
 */
bool readFilterlog(QByteArrayView msg, Event& out, QString& reason);

} // namespace vigil
