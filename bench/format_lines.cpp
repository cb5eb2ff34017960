#include "format_lines.h"

#include <QFile>

namespace vigil::bench {

namespace {

QByteArray ip(QRandomGenerator& r)
{
    return QByteArray::number(r.bounded(1, 224)) + '.' + QByteArray::number(r.bounded(256)) + '.'
           + QByteArray::number(r.bounded(256)) + '.' + QByteArray::number(r.bounded(1, 255));
}

QByteArray pick(QRandomGenerator& r, std::initializer_list<const char*> words)
{
    return QByteArray(*(words.begin() + r.bounded(int(words.size()))));
}

QByteArray bsdTime(qint64 i)
{
    const qint64 s = i % 86400;
    char buf[32];
    std::snprintf(buf, sizeof buf, "Mar %2lld %02lld:%02lld:%02lld", 1 + (i / 86400) % 28, s / 3600,
                  s / 60 % 60, s % 60);
    return buf;
}

QByteArray isoTime(qint64 i)
{
    const qint64 s = i % 86400;
    char buf[40];
    std::snprintf(buf, sizeof buf, "2024-03-%02lldT%02lld:%02lld:%02lld.%06lldZ",
                  1 + (i / 86400) % 28, s / 3600, s / 60 % 60, s % 60, (i * 7919) % 1000000);
    return buf;
}

QByteArray jsonLine(QRandomGenerator& r, qint64 i)
{
    if (i % 2 == 0) {
        return "{\"@timestamp\":\"" + isoTime(i)
               + "\",\"event\":{\"category\":[\"authentication\"],"
                 "\"action\":\"logon\",\"outcome\":\""
               + pick(r, {"success", "failure"})
               + "\"},"
                 "\"source\":{\"ip\":\""
               + ip(r) + "\",\"port\":" + QByteArray::number(r.bounded(65536))
               + "},\"user\":{\"name\":\"user" + QByteArray::number(r.bounded(500))
               + "\"},\"host\":"
                 "{\"name\":\"srv-"
               + QByteArray::number(r.bounded(40))
               + "\"},\"message\":\"login "
                 "attempt\",\"tags\":[\"a\",\"b\"],\"id\":"
               + QByteArray::number(9007199254740993LL + i) + "}";
    }
    return "{\"EventID\":" + pick(r, {"4624", "4625", "4688", "1"})
           + ",\"Channel\":\"Security\","
             "\"Computer\":\"WS-"
           + QByteArray::number(r.bounded(900)) + "\",\"TimeCreated_SystemTime\":\"" + isoTime(i)
           + "\",\"TargetUserName\":\"u" + QByteArray::number(r.bounded(99))
           + "\","
             "\"IpAddress\":\""
           + ip(r)
           + "\",\"CommandLine\":\"C:\\\\Windows\\\\system32\\\\cmd.exe /c "
             "whoami\",\"ProcessId\":\""
           + QByteArray::number(r.bounded(9000)) + "\"}";
}

QByteArray syslogLine(QRandomGenerator& r, qint64 i)
{
    const QByteArray head = bsdTime(i) + " host-" + QByteArray::number(r.bounded(20)) + ' ';
    switch (i % 4) {
    case 0:
        return head + "sshd[" + QByteArray::number(r.bounded(30000)) + "]: Failed password for "
               + pick(r, {"root", "invalid user admin", "alice"}) + " from " + ip(r) + " port "
               + QByteArray::number(r.bounded(1024, 65535)) + " ssh2";
    case 1:
        return head + "sudo:    bob : TTY=pts/" + QByteArray::number(r.bounded(9))
               + " ; PWD=/home/bob ; USER=root ; COMMAND=/usr/bin/apt update";
    case 2:
        return "<78>" + head + "CRON[" + QByteArray::number(r.bounded(30000))
               + "]: (root) CMD (/usr/local/bin/backup.sh --fast)";
    default:
        return head + "kernel: [UFW BLOCK] IN=eth0 OUT= MAC=00:11:22:33:44:55 SRC=" + ip(r)
               + " DST=" + ip(r) + " LEN=60 TOS=0x00 TTL=52 ID=4242 DF PROTO=TCP SPT="
               + QByteArray::number(r.bounded(65536)) + " DPT=" + pick(r, {"22", "443", "3389"})
               + " WINDOW=64240 SYN URGP=0";
    }
}

QByteArray cefLine(QRandomGenerator& r, qint64 i)
{
    const QByteArray body =
        "CEF:0|Acme|Gateway|7.7|" + QByteArray::number(100 + r.bounded(50)) + "|"
        + pick(r, {"Access allowed", "Virus found", "Login failed"}) + "|"
        + QByteArray::number(r.bounded(11)) + "|src=" + ip(r)
        + " spt=" + QByteArray::number(r.bounded(65536)) + " dst=" + ip(r) + " dpt=443 suser=user"
        + QByteArray::number(r.bounded(500)) + " act=" + pick(r, {"allow", "block"})
        + " request=https://example.com/a\\=b msg=free text with spaces cs1Label=Policy cs1=web "
          "rt="
        + QByteArray::number(1709280000000LL + i * 1000);
    return i % 2 == 0
               ? "<134>" + bsdTime(i) + " fw-" + QByteArray::number(r.bounded(9)) + ' ' + body
               : body;
}

QByteArray leefLine(QRandomGenerator& r, qint64 i)
{
    return "LEEF:1.0|Acme|IDS|2.1|" + QByteArray::number(r.bounded(1000))
           + "|cat=" + pick(r, {"scan", "exploit", "policy"})
           + "\tsev=" + QByteArray::number(r.bounded(1, 11)) + "\tsrc=" + ip(r) + "\tdst=" + ip(r)
           + "\tsrcPort=" + QByteArray::number(r.bounded(65536)) + "\tdstPort=80\tusrName=u"
           + QByteArray::number(r.bounded(99))
           + "\tdevTime=" + QByteArray::number(1709280000000LL + i * 1000);
}

QByteArray csvLine(QRandomGenerator& r, qint64 i)
{
    if (i == 0) {
        return "timestamp,src_ip,dst_ip,dst_port,user,action,url,note";
    }
    return isoTime(i) + ',' + ip(r) + ',' + ip(r) + ',' + pick(r, {"80", "443", "8080"}) + ",user"
           + QByteArray::number(r.bounded(500)) + ',' + pick(r, {"allowed", "blocked"})
           + ",https://example.com/" + QByteArray::number(r.bounded(1000)) + ",\"quoted, text\"";
}

QByteArray zeekLine(QRandomGenerator& r, qint64 i)
{
    if (i == 0) {
        return "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n"
               "#path\tconn\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\t"
               "service\tduration\torig_bytes\tconn_state\ttunnel_parents\n#types\ttime\tstring\t"
               "addr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tstring\tset[string]";
    }
    return QByteArray::number(1709280000 + i) + ".123456\tC" + QByteArray::number(i, 36) + '\t'
           + ip(r) + '\t' + QByteArray::number(r.bounded(65536)) + '\t' + ip(r) + "\t443\ttcp\t"
           + pick(r, {"ssl", "-", "http"}) + "\t1.250000\t" + QByteArray::number(r.bounded(100000))
           + "\tSF\t(empty)";
}

QByteArray eveLine(QRandomGenerator& r, qint64 i)
{
    return "{\"timestamp\":\"" + isoTime(i).chopped(1)
           + "-0400\",\"flow_id\":" + QByteArray::number(1000000000000LL + i) + ",\"event_type\":\""
           + pick(r, {"alert", "dns", "flow"}) + "\",\"src_ip\":\"" + ip(r)
           + "\",\"src_port\":" + QByteArray::number(r.bounded(65536)) + ",\"dest_ip\":\"" + ip(r)
           + "\",\"dest_port\":53,\"proto\":\"UDP\",\"alert\":{\"action\":"
             "\"allowed\",\"signature_id\":2024833,\"signature\":\"ET POLICY "
             "test\",\"severity\":2},"
             "\"dns\":{\"type\":\"query\",\"rrname\":\"example.org\"}}";
}

QByteArray accessLine(QRandomGenerator& r, qint64 i)
{
    return ip(r) + " - " + pick(r, {"-", "alice"})
           + " [01/Mar/2024:" + QByteArray::number(10 + (i / 3600) % 10) + ":00:00 +0100] \""
           + pick(r, {"GET", "POST"}) + " /app/" + QByteArray::number(r.bounded(1000))
           + "?q=\\\"x\\\" HTTP/1.1\" " + pick(r, {"200", "304", "404"}) + ' '
           + pick(r, {"-", "5120"})
           + " \"https://example.com/\" \"Mozilla/5.0 (X11; Linux x86_64)\"";
}

const FormatLines kFormats[] = {
    {"json", jsonLine},        {"syslog", syslogLine},
    {"cef", cefLine},          {"leef", leefLine},
    {"csv", csvLine},          {"zeek-tsv", zeekLine},
    {"suricata-eve", eveLine}, {"apache-access", accessLine},
};

} // namespace

std::span<const FormatLines> formatLines()
{
    return kFormats;
}

void writeFormatFile(const FormatLines& format, const QString& path, qint64 records)
{
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly)) {
        qFatal("cannot write %s", qPrintable(path));
    }
    QRandomGenerator rng(42);
    QByteArray chunk;
    for (qint64 i = 0; i < records; ++i) {
        chunk += format.write(rng, i);
        chunk += '\n';
        if (chunk.size() > (1 << 20)) {
            out.write(chunk);
            chunk.clear();
        }
    }
    out.write(chunk);
}

} // namespace vigil::bench
