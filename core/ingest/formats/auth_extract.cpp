#include "ingest/formats/auth_extract.h"

#include "ingest/formats/format_util.h"
#include "model/event.h"

using namespace Qt::StringLiterals;

namespace vigil {

namespace {

struct Auth {
    QStringView category;
    QStringView action;
    QStringView outcome;
    QStringView user;
    QStringView ip;
    QStringView port;
};

QStringView tokenAt(QStringView s, qsizetype i)
{
    qsizetype end = i;
    while (end < s.size() && s[end] != u' ' && s[end] != u';') {
        ++end;
    }
    return s.sliced(std::min(i, s.size()), end - std::min(i, s.size()));
}

// The leading digits of the token at i (a port followed by ':' or other text).
QStringView digitsAt(QStringView s, qsizetype i)
{
    qsizetype end = i;
    while (end < s.size() && s[end] >= u'0' && s[end] <= u'9') {
        ++end;
    }
    return s.sliced(std::min(i, s.size()), end - std::min(i, s.size()));
}

// The value of `name=` (PAM's `rhost=`, `user=`), up to the next space or ';'.
QStringView pamValue(QStringView s, QStringView name)
{
    qsizetype from = 0;
    while (true) {
        const qsizetype at = s.indexOf(name, from);
        if (at < 0) {
            return {};
        }
        if (at == 0 || s[at - 1] == u' ' || s[at - 1] == u';') {
            return tokenAt(s, at + name.size());
        }
        from = at + name.size();
    }
}

// `USER from IP[ port PORT][ ...]`: the user is everything before the last " from ".
void readUserFrom(QStringView s, Auth& a)
{
    const qsizetype from = s.lastIndexOf(u" from ");
    if (from < 0) {
        a.user = tokenAt(s, 0);
        return;
    }
    a.user = s.first(from);
    const QStringView rest = s.sliced(from + 6);
    a.ip = tokenAt(rest, 0);
    const qsizetype port = rest.indexOf(u" port ");
    if (port >= 0) {
        a.port = digitsAt(rest, port + 6);
    }
}

// `[authenticating user USER |invalid user USER |user USER ]IP port PORT`
void readPeer(QStringView s, Auth& a)
{
    for (const QStringView lead : {u"authenticating user ", u"invalid user ", u"user "}) {
        if (s.startsWith(lead)) {
            s = s.sliced(lead.size());
            const qsizetype space = s.indexOf(u' ');
            if (space > 0) {
                a.user = s.first(space);
                s = s.sliced(space + 1);
            }
            break;
        }
    }
    a.ip = tokenAt(s, 0);
    if (a.ip.endsWith(u':')) {
        a.ip.chop(1);
    }
    const qsizetype port = s.indexOf(u" port ");
    if (port >= 0) {
        a.port = digitsAt(s, port + 6);
    }
}

bool readPam(QStringView msg, Auth& a)
{
    const qsizetype at = msg.indexOf(u"pam_");
    if (at < 0) {
        return false;
    }
    const QStringView rest = msg.sliced(at);
    if (rest.contains(u"authentication failure")) {
        a = {u"authentication",         u"logon", u"failure", pamValue(rest, u"user="),
             pamValue(rest, u"rhost="), {}};
        if (a.user.isEmpty()) {
            a.user = pamValue(rest, u"ruser=");
        }
        return true;
    }
    if (rest.contains(u"check pass; user unknown")) {
        a = {u"authentication", u"logon", u"failure", {}, {}, {}};
        return true;
    }
    for (const auto& [marker, action] :
         {std::pair{u"session opened for user ", u"session_opened"},
          std::pair{u"session closed for user ", u"session_closed"}}) {
        const qsizetype s = rest.indexOf(QStringView(marker));
        if (s >= 0) {
            QStringView user = tokenAt(rest, s + QStringView(marker).size());
            if (const qsizetype paren = user.indexOf(u'('); paren > 0) {
                user = user.first(paren);
            }
            a = {u"authentication", QStringView(action), u"success", user, {}, {}};
            return true;
        }
    }
    return false;
}

// Connection-level sshd messages: who connected or went away.
bool readSshdPeer(QStringView msg, Auth& a)
{
    struct Peer {
        QStringView prefix;
        QStringView action;
    };
    static constexpr Peer kPeers[] = {
        {u"Connection closed by ", u"connection_closed"},
        {u"Received disconnect from ", u"disconnected"},
        {u"Disconnected from ", u"disconnected"},
        {u"Did not receive identification string from ", u"no_identification"},
        {u"Connection from ", u"connection_opened"},
        {u"Connection reset by ", u"connection_reset"},
    };
    for (const Peer& p : kPeers) {
        if (msg.startsWith(p.prefix)) {
            a = {u"network", p.action, {}, {}, {}, {}};
            readPeer(msg.sliced(p.prefix.size()), a);
            return true;
        }
    }
    if (msg.startsWith(u"reverse mapping checking getaddrinfo for ")) {
        const qsizetype open = msg.indexOf(u" [");
        const qsizetype close = msg.indexOf(u']', open + 2);
        if (open > 0 && close > open) {
            a = {u"network",
                 u"reverse_mapping_failed",
                 {},
                 {},
                 msg.sliced(open + 2, close - open - 2),
                 {}};
            return true;
        }
    }
    return false;
}

bool readSshd(QStringView msg, Auth& a)
{
    if (msg.startsWith(u"error: ") && !msg.startsWith(u"error: maximum")) {
        msg = msg.sliced(7); // "error: Received disconnect from ..."
    }
    if (msg.startsWith(u"Accepted ") || msg.startsWith(u"Failed ")) {
        const bool ok = msg.startsWith(u"Accepted ");
        const qsizetype forAt = msg.indexOf(u" for ");
        if (forAt < 0) {
            return false;
        }
        QStringView rest = msg.sliced(forAt + 5);
        if (rest.startsWith(u"invalid user ")) {
            rest = rest.sliced(13);
        }
        a = {u"authentication", u"logon", ok ? u"success" : u"failure", {}, {}, {}};
        readUserFrom(rest, a);
        return true;
    }
    if (msg.startsWith(u"Invalid user ")) {
        a = {u"authentication", u"logon", u"failure", {}, {}, {}};
        readUserFrom(msg.sliced(13), a);
        return true;
    }
    if (msg.startsWith(u"input_userauth_request: invalid user ")) {
        a = {u"authentication", u"logon", u"failure", tokenAt(msg, 37), {}, {}};
        return true;
    }
    if (msg.startsWith(u"error: maximum authentication attempts exceeded for ")) {
        QStringView rest = msg.sliced(52);
        if (rest.startsWith(u"invalid user ")) {
            rest = rest.sliced(13);
        }
        a = {u"authentication", u"logon", u"failure", {}, {}, {}};
        readUserFrom(rest, a);
        return true;
    }
    if (msg.startsWith(u"PAM ") && msg.contains(u"more authentication failure")) {
        a = {u"authentication",        u"logon", u"failure", pamValue(msg, u"user="),
             pamValue(msg, u"rhost="), {}};
        return true;
    }
    if (readSshdPeer(msg, a)) {
        return true;
    }
    return readPam(msg, a);
}

bool readSudo(QStringView msg, Auth& a)
{
    const QStringView s = msg.trimmed();
    const qsizetype sep = s.indexOf(u" : ");
    if (sep <= 0) {
        return readPam(msg, a);
    }
    const QStringView user = s.first(sep);
    const QStringView rest = s.sliced(sep + 3);
    if (rest.startsWith(u"TTY=") || rest.startsWith(u"PWD=") || rest.startsWith(u"HOST=")) {
        a = {u"process", u"sudo_command", u"success", user, {}, {}};
        return true;
    }
    if (rest.contains(u"incorrect password attempt") || rest.startsWith(u"user NOT in sudoers")
        || rest.startsWith(u"command not allowed") || rest.startsWith(u"a password is required")) {
        a = {u"authentication", u"sudo", u"failure", user, {}, {}};
        return true;
    }
    return false;
}

bool readSu(QStringView msg, Auth& a)
{
    // "'su root' failed for alice on /dev/pts/8", "FAILED su for root by alice",
    // "Successful su for root by alice", "(to root) alice on pts/0"
    const bool quoted = msg.startsWith(u"'su ");
    if (quoted || msg.startsWith(u"FAILED su for ")) {
        const QStringView marker = quoted ? QStringView(u" failed for ") : QStringView(u" by ");
        const qsizetype at = msg.indexOf(marker);
        if (at > 0) {
            a = {u"authentication", u"su", u"failure", tokenAt(msg, at + marker.size()), {}, {}};
            return true;
        }
    }
    if (msg.startsWith(u"Successful su for ")) {
        const qsizetype by = msg.indexOf(u" by ");
        a = {u"authentication",
             u"su",
             u"success",
             by > 0 ? tokenAt(msg, by + 4) : QStringView(),
             {},
             {}};
        return true;
    }
    if (msg.startsWith(u"(to ")) {
        const qsizetype close = msg.indexOf(u") ");
        if (close > 0) {
            a = {u"authentication", u"su", u"success", tokenAt(msg, close + 2), {}, {}};
            return true;
        }
    }
    return readPam(msg, a);
}

bool readLogin(QStringView msg, Auth& a)
{
    // "FAILED LOGIN (1) on '/dev/tty1' FOR 'root', Authentication failure"; "ROOT LOGIN on ..."
    const qsizetype forAt = msg.indexOf(u" FOR '");
    if (msg.startsWith(u"FAILED LOGIN") && forAt > 0) {
        const qsizetype end = msg.indexOf(u'\'', forAt + 6);
        a = {u"authentication",
             u"logon",
             u"failure",
             end > 0 ? msg.sliced(forAt + 6, end - forAt - 6) : QStringView(),
             {},
             {}};
        return true;
    }
    if (msg.startsWith(u"ROOT LOGIN")) {
        a = {u"authentication", u"logon", u"success", u"root", {}, {}};
        return true;
    }
    return readPam(msg, a);
}

} // namespace

void fillAuthCommon(Event& e, QStringView app, QStringView msg)
{
    // syslogd's "message repeated 5 times: [ Failed password for ...]" carries the message.
    if (msg.startsWith(u"message repeated ")) {
        const qsizetype open = msg.indexOf(u": [ ");
        if (open > 0 && msg.endsWith(u']')) {
            msg = msg.sliced(open + 4).chopped(1);
        }
    }
    Auth a;
    bool found = false;
    if (app == u"sshd" || app == u"sshd-session") {
        found = readSshd(msg, a);
    } else if (app == u"sudo") {
        found = readSudo(msg, a);
    } else if (app == u"su") {
        found = readSu(msg, a);
    } else if (app == u"login") {
        found = readLogin(msg, a);
    } else if (msg.contains(u"pam_")) {
        found = readPam(msg, a);
    }
    if (!found) {
        return;
    }
    fmt::setCommon(e, u"category"_s, a.category.toString());
    fmt::setCommon(e, u"action"_s, a.action.toString());
    fmt::setCommon(e, u"outcome"_s, a.outcome.toString());
    fmt::setCommon(e, u"user"_s, a.user.toString());
    fmt::setCommonIp(e, u"src_ip"_s, a.ip);
    fmt::setCommonPort(e, u"src_port"_s, a.port);
}

} // namespace vigil
