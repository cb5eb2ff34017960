#pragma once

namespace vigil {

struct Event;

/**
 * @brief Fills Event::common for a Windows event whose fields use the Windows names (EventID,
 * Channel, Provider_Name and the EventData names such as TargetUserName, IpAddress, Image), as
 * flattened JSON exports, EVTX and Snare give them. Names nested under `Event.EventData.` and
 * `Event.System.` are found too.
 *
 * Security logons (4624/4625/4634/4647/4648/4672), Kerberos and NTLM (4768/4769/4771/4776),
 * process creation (4688/4689), the filtering platform (5156–5158), log clearing (1102) and
 * Sysmon 1/3/5/7/10/11/12–14/22 get category, action and outcome; user, process, addresses
 * and ports come from the usual EventData names for any event.
 */
void fillWindowsCommon(Event& e);

} // namespace vigil
