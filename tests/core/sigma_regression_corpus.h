// The SigmaHQ regression corpus (index.tsv, samples) read as an import reads it; shared by the
// conformance and cross-hit tests.
#pragma once

#include <QFile>
#include <QString>
#include <vector>

#include "ingest/evtx/event_builder.h"
#include "ingest/evtx/evtx_reader.h"
#include "model/event.h"
#include "util/json.h"

namespace vigil::regression {

using namespace Qt::StringLiterals;

inline QString corpus() {
    return QString::fromUtf8(VIGIL_SHARED_CORPUS);
}

struct Case {
    QString rulePath;
    QString ruleId;
    int expected = 1;
    QString samplePath;
};

inline std::vector<Case> readIndex(const QString& root) {
    std::vector<Case> out;
    QFile f(root + u"/index.tsv"_s);
    if (!f.open(QIODevice::ReadOnly)) {
        return out;
    }
    bool header = true;
    while (!f.atEnd()) {
        const QString line = QString::fromUtf8(f.readLine()).trimmed();
        if (header || line.isEmpty()) {
            header = false;
            continue;
        }
        const QStringList cols = line.split(u'\t');
        if (cols.size() < 6) {
            continue;
        }
        Case c;
        c.rulePath = root + u'/' + cols[0];
        c.ruleId = cols[2];
        QString count = cols[4];
        count.remove(u">="_s);
        c.expected = count.toInt();
        c.samplePath = root + u'/' + cols[5]; // the .evtx; readSample() falls back to .jsonl
        out.push_back(c);
    }
    return out;
}

inline std::vector<Event> readJsonl(const QString& path, QString* error) {
    std::vector<Event> out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = u"cannot read "_s + path;
        return out;
    }
    int lineNo = 0;
    while (!f.atEnd()) {
        const QByteArray line = f.readLine().trimmed();
        ++lineNo;
        if (line.isEmpty()) {
            continue;
        }
        Event e;
        JsonError err;
        if (!parseJsonObjectFlat(line, e.fields, &err)) {
            *error = u"%1:%2: %3"_s.arg(path).arg(lineNo).arg(err.message);
            continue;
        }
        e.format = u"evtx"_s;
        out.push_back(std::move(e));
    }
    return out;
}

// The sample as Vigil imports it: the .evtx through Vigil's own EVTX reader; the .jsonl
// beside it (libevtx's rendering, flattened) only when there is no .evtx.
inline std::vector<Event> readSample(const QString& path, QString* error) {
    if (!path.endsWith(u".evtx") || !QFile::exists(path)) {
        return readJsonl(path.left(path.lastIndexOf(u'.')) + u".jsonl"_s, error);
    }
    std::vector<Event> out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = u"cannot read "_s + path;
        return out;
    }
    evtx::EvtxReader reader(&f, {});
    evtx::EventBuilder builder;
    for (auto item = reader.next(); item != evtx::EvtxReader::Item::End; item = reader.next()) {
        if (item == evtx::EvtxReader::Item::Issue) {
            if (reader.issue().kind == evtx::EvtxIssue::Kind::Lost) {
                *error = path + u": "_s + reader.issue().reason;
            }
            continue;
        }
        Event e;
        e.format = u"evtx"_s;
        e.source = path;
        e.sourcePos = qint64(reader.record().id);
        e.sourceIsRecord = true;
        builder.build(*reader.record().tokens, reader.names(), reader.record().fileTime, true, e);
        out.push_back(std::move(e));
    }
    return out;
}

} // namespace vigil::regression
