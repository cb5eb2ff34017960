<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Format</name>
    <message>
        <location filename="../ui/widgets/display_format.cpp" line="23"/>
        <source>&lt; 1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/display_format.cpp" line="26"/>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/display_format.cpp" line="30"/>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/display_format.cpp" line="34"/>
        <source>%1 d %2 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/display_format.cpp" line="64"/>
        <source>Informational</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/display_format.cpp" line="66"/>
        <source>Low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/display_format.cpp" line="68"/>
        <source>Medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/display_format.cpp" line="70"/>
        <source>High</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/display_format.cpp" line="72"/>
        <source>Critical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/display_format.cpp" line="74"/>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/display_format.cpp" line="86"/>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/display_format.cpp" line="88"/>
        <source>Investigating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/display_format.cpp" line="90"/>
        <source>Contained</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/display_format.cpp" line="92"/>
        <source>Eradicated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/display_format.cpp" line="94"/>
        <source>Recovered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/display_format.cpp" line="96"/>
        <source>Resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/display_format.cpp" line="98"/>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/display_format.cpp" line="100"/>
        <source>On hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/display_format.cpp" line="113"/>
        <source>Undetermined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/display_format.cpp" line="115"/>
        <source>True positive, with impact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/display_format.cpp" line="117"/>
        <source>True positive, no impact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/display_format.cpp" line="119"/>
        <source>Benign positive (expected activity)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/display_format.cpp" line="121"/>
        <source>False positive, rule logic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/display_format.cpp" line="123"/>
        <source>False positive, bad data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/display_format.cpp" line="125"/>
        <source>Duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/display_format.cpp" line="127"/>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="44"/>
        <source>Vigil: security incident and event management.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="48"/>
        <source>Open the store in FILE (created when missing).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="56"/>
        <location filename="../app/main.cpp" line="66"/>
        <source>Cannot open the store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="57"/>
        <source>Vigil could not open its store:
%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::CloseIncidentDialog</name>
    <message>
        <location filename="../ui/dialogs/close_incident_dialog.cpp" line="23"/>
        <location filename="../ui/dialogs/close_incident_dialog.cpp" line="41"/>
        <source>Close incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/close_incident_dialog.cpp" line="31"/>
        <source>Choose a disposition…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/close_incident_dialog.cpp" line="35"/>
        <source>What happened and what was done (required for &quot;Other&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/close_incident_dialog.cpp" line="36"/>
        <source>What to keep or change: rules, playbooks, monitoring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/close_incident_dialog.cpp" line="44"/>
        <source>&amp;Disposition:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/close_incident_dialog.cpp" line="45"/>
        <source>&amp;Resolution summary:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/close_incident_dialog.cpp" line="46"/>
        <source>&amp;Lessons learned:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/close_incident_dialog.cpp" line="86"/>
        <source>A disposition is required to close an incident.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/close_incident_dialog.cpp" line="88"/>
        <source>&quot;Other&quot; needs a resolution summary that explains it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::EventTableModel</name>
    <message>
        <location filename="../ui/models/event_table_model.cpp" line="191"/>
        <source>The record had no time of its own; this is when Vigil received it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/event_table_model.cpp" line="225"/>
        <source>Time (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/event_table_model.cpp" line="227"/>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/event_table_model.cpp" line="229"/>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/event_table_model.cpp" line="231"/>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/event_table_model.cpp" line="233"/>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/event_table_model.cpp" line="235"/>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::EventsView</name>
    <message>
        <location filename="../ui/views/events_view.cpp" line="56"/>
        <source>Newest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/events_view.cpp" line="64"/>
        <source>Filter: text in the host, source or record  ( / )</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/events_view.cpp" line="91"/>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/events_view.cpp" line="91"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/events_view.cpp" line="104"/>
        <source>Fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/events_view.cpp" line="105"/>
        <source>Raw record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/events_view.cpp" line="125"/>
        <source>Searching…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/events_view.cpp" line="129"/>
        <source>Could not read events: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/events_view.cpp" line="160"/>
        <source>%1 events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/events_view.cpp" line="162"/>
        <source>%1 of %2 events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/events_view.cpp" line="181"/>
        <source>Could not load event %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/events_view.cpp" line="186"/>
        <source>time (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/events_view.cpp" line="187"/>
        <source>  (time received: the record had none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/events_view.cpp" line="188"/>
        <source>host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/events_view.cpp" line="189"/>
        <source>format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/events_view.cpp" line="190"/>
        <source>source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/events_view.cpp" line="191"/>
        <source>severity</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::ImportDialog</name>
    <message>
        <location filename="../ui/dialogs/import_dialog.cpp" line="24"/>
        <source>Import log files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/import_dialog.cpp" line="25"/>
        <source>Vigil stores every record, runs the enabled rules of the library on the new events and groups the alerts into incidents. Records that cannot be parsed are kept in quarantine with the reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/import_dialog.cpp" line="31"/>
        <source>Add files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/import_dialog.cpp" line="32"/>
        <source>Add folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/import_dialog.cpp" line="33"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/import_dialog.cpp" line="43"/>
        <source>Detect per file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/import_dialog.cpp" line="56"/>
        <source>How to read timestamps that carry no time zone (syslog, many text logs); times with a zone are always exact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/import_dialog.cpp" line="60"/>
        <source>&amp;Format:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/import_dialog.cpp" line="61"/>
        <source>&amp;Time zone of zone-less times:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/import_dialog.cpp" line="64"/>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/import_dialog.cpp" line="109"/>
        <source>Choose log files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/import_dialog.cpp" line="110"/>
        <source>Log files (*.log *.txt *.json *.jsonl *.ndjson *.0 *.1 *.2);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/import_dialog.cpp" line="121"/>
        <source>Choose a folder of logs</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::IncidentDetail</name>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="52"/>
        <source>Reopen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="56"/>
        <source>Resume investigation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="57"/>
        <source>Start investigation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="59"/>
        <source>Resume (contained)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="60"/>
        <source>Mark contained</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="62"/>
        <source>Mark eradicated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="64"/>
        <source>Mark recovered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="66"/>
        <source>Resolve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="68"/>
        <source>Close…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="70"/>
        <source>Put on hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="72"/>
        <source>Back to new</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="89"/>
        <location filename="../ui/views/incident_detail.cpp" line="90"/>
        <source>Time (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="89"/>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="89"/>
        <location filename="../ui/views/incident_detail.cpp" line="90"/>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="89"/>
        <source>Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="90"/>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="90"/>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="94"/>
        <source>Add note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="95"/>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="95"/>
        <source>Written (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="95"/>
        <source>Effective (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="95"/>
        <source>Actor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="96"/>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="96"/>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="100"/>
        <source>Select an incident to see its alerts, events and history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="127"/>
        <source>Select an event to see its raw record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="132"/>
        <source>Write a note (plain text)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="145"/>
        <source>Alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="146"/>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="147"/>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="148"/>
        <source>Journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="188"/>
        <source>Could not load incident %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="201"/>
        <source>Status: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/views/incident_detail.cpp" line="202"/>
        <source>Incident #%1 · host %2 · %n alert(s) · first seen %3 · last seen %4 (UTC)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="208"/>
        <source>Closed as: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="210"/>
        <source>Resolution: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="213"/>
        <source>Lessons learned: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="265"/>
        <source>Status not changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="266"/>
        <source>The incident could not be changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="282"/>
        <source>Note not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="283"/>
        <source>The note could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="307"/>
        <source>Alerts (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="325"/>
        <source>Events (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="341"/>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="344"/>
        <source>Notes (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="346"/>
        <source>No notes yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="365"/>
        <source>Journal could not be checked: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="368"/>
        <source>✔ Journal hash chain intact: %1 entries, head %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incident_detail.cpp" line="373"/>
        <source>✘ Journal tampered with at entry %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::IncidentQueueModel</name>
    <message>
        <location filename="../ui/models/incident_queue_model.cpp" line="102"/>
        <source>Incident #%1 — rule %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/incident_queue_model.cpp" line="105"/>
        <source>Times are UTC (ISO 8601)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/incident_queue_model.cpp" line="143"/>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/incident_queue_model.cpp" line="145"/>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/incident_queue_model.cpp" line="147"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/incident_queue_model.cpp" line="149"/>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/incident_queue_model.cpp" line="151"/>
        <source>Alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/incident_queue_model.cpp" line="153"/>
        <source>First seen (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/incident_queue_model.cpp" line="155"/>
        <source>Last seen (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/incident_queue_model.cpp" line="157"/>
        <source>Age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/models/incident_queue_model.cpp" line="159"/>
        <source>Disposition</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::IncidentsView</name>
    <message>
        <location filename="../ui/views/incidents_view.cpp" line="31"/>
        <source>Show closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incidents_view.cpp" line="39"/>
        <source>Filter incidents: title, host, status…  ( / )</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incidents_view.cpp" line="84"/>
        <source>No incidents yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incidents_view.cpp" line="85"/>
        <source>Import log files to detect incidents with the rules in your library, or load the demo to see the whole workflow on generated data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incidents_view.cpp" line="89"/>
        <source>Import files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incidents_view.cpp" line="90"/>
        <source>Load the demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incidents_view.cpp" line="174"/>
        <source>%1 open · %2 resolved or closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/incidents_view.cpp" line="176"/>
        <source>%1 shown · </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::JobProgress</name>
    <message>
        <location filename="../ui/widgets/job_progress.cpp" line="15"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/job_progress.cpp" line="26"/>
        <source>Stop after the current batch; what is done so far is kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/widgets/job_progress.cpp" line="72"/>
        <source>%1 — stopping…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::JobResultDialog</name>
    <message>
        <location filename="../ui/dialogs/job_result_dialog.cpp" line="20"/>
        <source>Stopped on request. Everything read before stopping is stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/job_result_dialog.cpp" line="22"/>
        <source>Records read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/job_result_dialog.cpp" line="23"/>
        <source>Events stored: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/job_result_dialog.cpp" line="24"/>
        <source>Rejected records: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/job_result_dialog.cpp" line="29"/>
        <source>  First rejected records (kept in quarantine):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/job_result_dialog.cpp" line="34"/>
        <source>Rules run: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/job_result_dialog.cpp" line="35"/>
        <source>New alerts: %1 · incidents opened: %2 · incidents updated: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/job_result_dialog.cpp" line="41"/>
        <source>Time: %1 s (%2 records/s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/job_result_dialog.cpp" line="46"/>
        <source>Files:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/job_result_dialog.cpp" line="49"/>
        <source>  %1 — %2: %3 read, %4 stored, %5 rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/job_result_dialog.cpp" line="50"/>
        <source>generated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/job_result_dialog.cpp" line="54"/>
        <source>  %1 — not imported: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/job_result_dialog.cpp" line="71"/>
        <source>%1 events stored, %2 rejected, %3 incidents opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dialogs/job_result_dialog.cpp" line="78"/>
        <source>Show incidents</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::MainWindow</name>
    <message>
        <location filename="../ui/main_window.cpp" line="49"/>
        <source>Vigil — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="98"/>
        <source>Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="98"/>
        <source>Incidents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="98"/>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="98"/>
        <source>Rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="101"/>
        <source>%1 (Ctrl+%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="112"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="113"/>
        <source>&amp;Import log files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="115"/>
        <source>Load the &amp;demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="117"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="120"/>
        <source>&amp;Rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="121"/>
        <source>Add rule &amp;folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="122"/>
        <source>Add rule f&amp;iles…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="123"/>
        <source>&amp;Run enabled rules over stored events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="125"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="126"/>
        <source>&amp;Filter current list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="143"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="144"/>
        <source>&amp;About Vigil</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="145"/>
        <source>About Vigil</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="146"/>
        <source>Vigil %1 — security incident and event management on your workstation.

Store: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="167"/>
        <source>Busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="168"/>
        <source>Another job is still running. Wait for it or stop it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="191"/>
        <source>Files not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="192"/>
        <source>These paths do not exist and were left out:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window.cpp" line="199"/>
        <source>Importing %n file(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="208"/>
        <source>Loading the demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="219"/>
        <source>Choose a folder of Sigma rules (for example a SigmaHQ checkout)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="224"/>
        <source>Choose Sigma rule files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="225"/>
        <source>Sigma rules (*.yml *.yaml);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="238"/>
        <source>Adding rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="247"/>
        <source>Running rules over stored events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="254"/>
        <location filename="../ui/main_window.cpp" line="256"/>
        <source>%1 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="263"/>
        <source>%1: %2 events stored, %3 rejected, %4 incidents opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="280"/>
        <source>Rules ran over %1 events: %2 new alerts, %3 incidents opened%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="283"/>
        <source> (stopped)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="286"/>
        <source>%1: %2 rules added, %3 could not be loaded (see Rules → Load problems)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="298"/>
        <source>Store: %1 (%2 MB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="321"/>
        <source>Stop the running job?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="322"/>
        <source>A job is still running. Stop it and quit? Everything it stored so far is kept.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::OverviewView</name>
    <message>
        <location filename="../ui/views/overview_view.cpp" line="41"/>
        <source>Welcome to Vigil</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/overview_view.cpp" line="42"/>
        <source>Vigil collects your logs, finds what matters with Sigma rules and helps you work each incident through to closure. Start by importing log files (syslog, JSON lines, text), or load the demo: generated Windows, Linux and firewall events with one intrusion story, detected by Vigil&apos;s starter rules.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/overview_view.cpp" line="47"/>
        <source>Import log files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/overview_view.cpp" line="49"/>
        <source>Load the demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/overview_view.cpp" line="51"/>
        <source>Add Sigma rules…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/overview_view.cpp" line="56"/>
        <source>Events stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/overview_view.cpp" line="57"/>
        <source>Open incidents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/overview_view.cpp" line="58"/>
        <source>Alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/overview_view.cpp" line="59"/>
        <source>Rules enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/overview_view.cpp" line="62"/>
        <source>Recent imports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/overview_view.cpp" line="67"/>
        <source>Started (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/overview_view.cpp" line="67"/>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/overview_view.cpp" line="67"/>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/overview_view.cpp" line="68"/>
        <source>Read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/overview_view.cpp" line="68"/>
        <source>Stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/overview_view.cpp" line="68"/>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/overview_view.cpp" line="68"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/overview_view.cpp" line="133"/>
        <source>Open incidents by severity: %1 · records in quarantine: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vigil::RulesView</name>
    <message>
        <location filename="../ui/views/rules_view.cpp" line="66"/>
        <source>Add rules…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/rules_view.cpp" line="67"/>
        <source>Run enabled rules over stored events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/rules_view.cpp" line="68"/>
        <source>Load Sigma rule files or a folder (for example a SigmaHQ checkout) into this database&apos;s rule library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/rules_view.cpp" line="70"/>
        <source>Detect with the enabled rules over every stored event; existing alerts are not duplicated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/rules_view.cpp" line="72"/>
        <source>Filter rules: title, level, file…  ( / )</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/rules_view.cpp" line="84"/>
        <source>On</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/rules_view.cpp" line="84"/>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/rules_view.cpp" line="84"/>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/rules_view.cpp" line="84"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/rules_view.cpp" line="84"/>
        <source>Alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/rules_view.cpp" line="84"/>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/rules_view.cpp" line="103"/>
        <source>Select a rule to see its Sigma text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/rules_view.cpp" line="105"/>
        <source>Where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/rules_view.cpp" line="105"/>
        <source>Why the rule cannot be used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/rules_view.cpp" line="110"/>
        <source>Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/rules_view.cpp" line="111"/>
        <source>Load problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/rules_view.cpp" line="124"/>
        <source>Rule folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/rules_view.cpp" line="126"/>
        <source>Rule files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/rules_view.cpp" line="184"/>
        <source>unsupported: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/rules_view.cpp" line="190"/>
        <source>Load problems (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/rules_view.cpp" line="191"/>
        <source>%1 rules · %2 enabled · %3 load problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/views/rules_view.cpp" line="229"/>
        <source>Rule not changed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
