// EvidenceRegister::verify(): every copy hashed again and compared with register and journal.
#include "investigation/evidence.h"

#include <map>

#include <QFileInfo>

#include "model/event.h"
#include "storage/database.h"
#include "storage/journal.h"
#include "util/json.h"
#include "util/text.h"
#include "util/timestamp.h"

namespace vigil {

namespace {

struct Journalled {
    QString sha256;
    qint64 size = -1;
};

// What the journal recorded for each evidence id of the incident when it was attached.
Result<std::map<qint64, Journalled>> journalled(Database& db, qint64 incidentId)
{
    auto entries = Journal::forObject(db, QStringLiteral("incident"), incidentId);
    if (!entries) {
        return entries.error();
    }
    std::map<qint64, Journalled> out;
    for (const JournalEntry& e : *entries) {
        if (e.action != u"evidence_added") {
            continue;
        }
        Fields d;
        if (!parseJsonObjectFlat(e.details, d, nullptr)) {
            continue;
        }
        const FieldValue* id = d.find(u"evidence_id");
        const FieldValue* size = d.find(u"size");
        if (id && id->type() == FieldValue::Type::Int) {
            out[id->toInt()] = {d.text(u"sha256"),
                                size && size->type() == FieldValue::Type::Int ? size->toInt() : -1};
        }
    }
    return out;
}

QString label(const EvidenceRecord& r)
{
    return fill(u"evidence #%1 \"%2\"", {QString::number(r.id), escapeControls(r.name)});
}

EvidenceCheck check(const QString& dbPath, const EvidenceRecord& r, const Journalled* j,
                    const std::atomic<bool>* cancel)
{
    EvidenceCheck c;
    c.record = r;
    const QString path = EvidenceRegister::pathOf(dbPath, r);
    if (!j) {
        c.state = EvidenceState::RegisterAltered;
        c.message = fill(u"%1 is in the register but no journal entry records attaching it: it "
                         u"was added to the store outside Vigil",
                         {label(r)});
        return c;
    }
    if (j->sha256 != r.sha256 || (j->size >= 0 && j->size != r.size)) {
        c.state = EvidenceState::RegisterAltered;
        c.message = fill(u"%1: the register says SHA-256 %2 (%3 bytes), but the journal recorded "
                         u"%4 (%5 bytes) when it was attached: the register was edited outside "
                         u"Vigil",
                         {label(r), r.sha256, QString::number(r.size), j->sha256,
                          QString::number(j->size)});
        return c;
    }
    if (!QFileInfo::exists(path)) {
        c.state = EvidenceState::Missing;
        c.message = fill(u"%1 is MISSING: its copy %2 does not exist (attached by %3 at %4 with "
                         u"SHA-256 %5)",
                         {label(r), escapeControls(path), escapeControls(r.addedBy),
                          formatUtc(r.addedNs, 0), r.sha256});
        return c;
    }
    qint64 size = 0;
    auto hash = EvidenceRegister::sha256Of(path, &size, cancel);
    if (!hash) {
        c.state = EvidenceState::Unreadable;
        c.message = fill(u"%1 cannot be checked: %2", {label(r), hash.error().toString()});
        return c;
    }
    c.actualSha256 = *hash;
    c.actualSize = size;
    if (*hash != r.sha256 || size != r.size) {
        c.state = EvidenceState::Mismatch;
        c.message = fill(u"%1 was ALTERED after it was attached: its copy %2 now has SHA-256 %3 "
                         u"(%4 bytes); %5 (%6 bytes) was recorded when %7 attached it at %8",
                         {label(r), escapeControls(path), *hash, QString::number(size), r.sha256,
                          QString::number(r.size), escapeControls(r.addedBy),
                          formatUtc(r.addedNs, 0)});
        return c;
    }
    c.message = fill(u"%1: SHA-256 verified (%2 bytes)", {label(r), QString::number(size)});
    return c;
}

} // namespace

Result<std::vector<EvidenceCheck>> EvidenceRegister::verify(Database& db, qint64 incidentId,
                                                            const std::atomic<bool>* cancel)
{
    auto records = forIncident(db, incidentId);
    if (!records) {
        return records.error();
    }
    auto recorded = journalled(db, incidentId);
    if (!recorded) {
        return recorded.error();
    }
    std::vector<EvidenceCheck> out;
    for (const EvidenceRecord& r : *records) {
        const auto it = recorded->find(r.id);
        out.push_back(check(db.path(), r, it != recorded->end() ? &it->second : nullptr, cancel));
    }
    return out;
}

} // namespace vigil
