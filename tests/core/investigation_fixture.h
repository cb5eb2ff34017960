#pragma once

// A small store for the investigation and report tests: realistic records parsed by Vigil's own
// parsers, stored, and one incident holding some of them.

#include <memory>
#include <vector>

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include "ingest/parser.h"
#include "model/event.h"
#include "storage/database.h"
#include "storage/event_store.h"
#include "storage/store.h"
#include "triage/incident_queries.h"
#include "triage/incident_service.h"
#include "util/timestamp.h"

namespace vigil::test {

/** @brief One record: its format and its line as the source wrote it. */
struct Record {
    QString format;
    QByteArray line;
};

/** @brief Records of an intrusion on WS-042 (Windows Sysmon, proxy, DNS, EDR, sshd). */
inline std::vector<Record> intrusionRecords()
{
    return {
        {QStringLiteral("json"),
         R"json({"EventID":1,"Channel":"Microsoft-Windows-Sysmon/Operational","Computer":"WS-042.corp.example.com","UtcTime":"2024-05-14 09:12:03.417","Image":"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe","FileVersion":"10.0.0.1","CommandLine":"powershell.exe -nop -w hidden -enc SQBFAFgA","CurrentDirectory":"C:\\Users\\jdoe\\Documents\\","User":"CORP\\jdoe","LogonGuid":"{8a1c2f3e-0000-0000-0000-000000000000}","Hashes":"SHA1=5B0E3E1F2C3D4A5B6C7D8E9F0A1B2C3D4E5F6A7B,MD5=0A1B2C3D4E5F60718293A4B5C6D7E8F9,SHA256=9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08,IMPHASH=FFEEDDCCBBAA99887766554433221100","ParentImage":"C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE","ParentCommandLine":"\"C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE\" /n C:\\Users\\jdoe\\Downloads\\invoice.docm"})json"},
        {QStringLiteral("json"),
         R"json({"EventID":22,"Channel":"Microsoft-Windows-Sysmon/Operational","Computer":"WS-042.corp.example.com","UtcTime":"2024-05-14 09:12:05.001","Image":"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe","QueryName":"cdn.bad-updates.example","QueryStatus":"0","QueryResults":"::ffff:198.51.100.23;","User":"CORP\\jdoe"})json"},
        {QStringLiteral("json"),
         R"json({"EventID":3,"Channel":"Microsoft-Windows-Sysmon/Operational","Computer":"WS-042.corp.example.com","UtcTime":"2024-05-14 09:12:05.220","Image":"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe","Protocol":"tcp","SourceIp":"10.20.30.42","SourcePort":"49811","DestinationIp":"198.51.100.23","DestinationHostname":"cdn.bad-updates.example","DestinationPort":"443","User":"CORP\\jdoe"})json"},
        {QStringLiteral("json"),
         R"json({"@timestamp":"2024-05-14T09:12:09Z","host":"proxy-1","source.ip":"10.20.30.42","user.name":"jdoe","http.request.method":"GET","url.full":"http://cdn.bad-updates.example/payload/stage2.bin?id=42","http.response.status_code":200})json"},
        {QStringLiteral("json"),
         R"json({"timestamp":"2024-05-14T09:13:40Z","host":"fs-01","event.action":"file_quarantined","file.path":"/srv/share/finance/invoice.docm","file.hash.sha256":"E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855","message":"quarantined after upload from 127.0.0.1 (sha256 checked)"})json"},
        {QStringLiteral("syslog"),
         "May 14 09:20:11 bastion-1 sshd[2211]: Failed password for invalid user admin from 203.0.113.45 port 52211 ssh2"},
    };
}

/** @brief Records elsewhere in the store that a pivot must (or must not) find. */
inline std::vector<Record> otherRecords()
{
    return {
        {QStringLiteral("json"),
         R"json({"@timestamp":"2024-05-13T22:01:00Z","host":"fw-edge","action":"allow","src_ip":"10.20.30.42","dst_ip":"198.51.100.23","dst_port":443})json"},
        {QStringLiteral("json"),
         R"json({"@timestamp":"2024-05-13T22:05:00Z","host":"fw-edge","action":"allow","src_ip":"10.20.30.43","dst_ip":"198.51.100.230","dst_port":443})json"},
        {QStringLiteral("syslog"),
         "May 14 10:02:45 mail-1 postfix/smtpd[901]: connect from unknown[198.51.100.23]"},
        {QStringLiteral("json"),
         R"json({"@timestamp":"2024-05-14T11:00:00Z","host":"dc-01","EventID":4624,"TargetUserName":"JDOE","IpAddress":"10.20.30.42"})json"},
    };
}

/** @brief Parses @p record as its format would on import; false when it is rejected. */
inline bool parseRecord(const Record& record, qint64 pos, Event& out)
{
    auto parser = makeParser(record.format);
    if (!parser) {
        return false;
    }
    ParseContext ctx;
    ctx.receivedNs = civilToNs(2024, 5, 15, 0, 0, 0, 0);
    ctx.referenceNs = ctx.receivedNs;
    ctx.source = QStringLiteral("case-") + record.format + QStringLiteral(".log");
    out = Event();
    out.source = ctx.source;
    out.sourcePos = pos;
    out.receivedNs = ctx.receivedNs;
    out.raw = QString::fromUtf8(record.line);
    return parser->parse(record.line, ctx, out).ok;
}

/** @brief A store on disk (evidence needs a folder beside it) with one incident. */
struct CaseStore {
    std::unique_ptr<QTemporaryDir> dir;
    Database db;
    qint64 incidentId = 0;
    std::vector<qint64> incidentEvents; ///< in record order
    std::vector<qint64> otherEvents;
    QString error;

    QString path() const { return dir->filePath(QStringLiteral("case.sqlite")); }
};

/**
 * @brief Stores intrusionRecords() and otherRecords(); the first record raises an alert that
 * opens the incident, and the other intrusion records are linked to it as related events.
 */
inline CaseStore makeCaseStore(const QString& title = QStringLiteral("Encoded PowerShell"))
{
    CaseStore c;
    c.dir = std::make_unique<QTemporaryDir>();
    auto db = Store::openWriter(c.path());
    if (!db) {
        c.error = db.error().toString();
        return c;
    }
    c.db = std::move(*db);
    auto writer = EventWriter::create(c.db);
    Transaction tx(c.db);
    qint64 pos = 0;
    const auto store = [&](const std::vector<Record>& records, std::vector<qint64>& ids) {
        for (const Record& r : records) {
            Event e;
            if (!parseRecord(r, ++pos, e) || !writer->insert(e, 0)) {
                c.error = QStringLiteral("record %1 not stored").arg(pos);
                return false;
            }
            ids.push_back(e.id);
        }
        return true;
    };
    if (!store(intrusionRecords(), c.incidentEvents) || !store(otherRecords(), c.otherEvents)) {
        return c;
    }
    IncidentService service(c.db, QStringLiteral("tester"));
    Event first;
    parseRecord(intrusionRecords().front(), 1, first);
    const Hit hit{QStringLiteral("rule-enc-ps"), title, 3, c.incidentEvents.front(), first.timeNs,
                  3, QStringLiteral("WS-042.corp.example.com")};
    if (!service.recordHits({hit})) {
        c.error = QStringLiteral("hit not recorded");
        return c;
    }
    c.incidentId = IncidentQueries::list(c.db)->back().id;
    auto link = c.db.prepare(u"INSERT OR IGNORE INTO incident_events (incident_id, event_id, "
                             u"added_ns, reason) VALUES (?1, ?2, 1, 'related')");
    for (qint64 id : c.incidentEvents) {
        link->reset();
        link->bind(1, c.incidentId);
        link->bind(2, id);
        if (!link->run()) {
            c.error = QStringLiteral("event not linked");
        }
    }
    if (!tx.commit()) {
        c.error = QStringLiteral("commit failed");
    }
    return c;
}

} // namespace vigil::test
