#pragma once

#include <QStringView>

namespace vigil {

struct Event;

/**
 * @brief Fills Event::common for a Linux authentication message: sshd logins and failures,
 * sudo, su, login and PAM (pam_unix auth failures and sessions) — category (authentication,
 * or network/process for connection and sudo command lines), action, outcome, user, src_ip,
 * src_port. @p app is the syslog program name (sshd, sudo, su, login ...), @p msg its message.
 * Messages it does not know leave common as it is. Never allocates for other programs.
 */
void fillAuthCommon(Event& e, QStringView app, QStringView msg);

} // namespace vigil
