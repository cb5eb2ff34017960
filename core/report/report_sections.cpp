// The report's sections after the priority: timeline, investigation, closure and journal.
#include <algorithm>
#include <set>

#include "report/incident_report.h"
#include "report/report_blocks.h"
#include "triage/incident_status.h"
#include "util/text.h"
#include "util/timestamp.h"

namespace vigil::report::detail {

namespace {

struct TimelineItem {
    qint64 ns = 0;
    int digits = 0;
    int order = 0; ///< events, then alerts, then analyst actions at the same instant
    Span kind;
    Span who;
    Span what;
};

Span mono(const QString& text)
{
    Span s = own(text);
    s.mono = true;
    return s;
}

Span verdictOf(const EvidenceCheck& c)
{
    switch (c.state) {
    case EvidenceState::Verified:
        return own(QStringLiteral("✔ verified: the copy matches the recorded SHA-256"), Tone::Good);
    case EvidenceState::Mismatch:
        return own(QStringLiteral("✘ ALTERED since attached"), Tone::Bad);
    case EvidenceState::Missing:
        return own(QStringLiteral("✘ MISSING"), Tone::Bad);
    case EvidenceState::Unreadable:
        return own(QStringLiteral("✘ unreadable"), Tone::Bad);
    case EvidenceState::RegisterAltered:
        return own(QStringLiteral("✘ register altered outside Vigil"), Tone::Bad);
    }
    return own(QString());
}

// One block per file: hashes need the page's width, and each file is its own chain of custody.
void addEvidenceItems(const IncidentReport& r, Document& doc)
{
    QStringList failures;
    for (const EvidenceCheck& c : r.evidence) {
        doc.blocks.push_back(heading(fill(u"Evidence #%1", {QString::number(c.record.id)}), 3));
        std::vector<std::vector<Span>> rows = {
            {own(QStringLiteral("File")), stored(c.record.name)},
            {own(QStringLiteral("Size")), own(sizeText(c.record.size))},
            {own(QStringLiteral("SHA-256 (recorded)")), stored(c.record.sha256, true)},
        };
        if (!c.actualSha256.isEmpty() && c.actualSha256 != c.record.sha256) {
            rows.push_back({own(QStringLiteral("SHA-256 (now)")), stored(c.actualSha256, true)});
        }
        rows.push_back({own(QStringLiteral("Added by")), stored(c.record.addedBy)});
        rows.push_back({own(QStringLiteral("Added (UTC)")), own(when(c.record.addedNs))});
        rows.push_back({own(QStringLiteral("Copied from")), stored(c.record.sourcePath, true)});
        rows.push_back({own(QStringLiteral("Check")), verdictOf(c)});
        doc.blocks.push_back(keyValues(std::move(rows)));
        if (!c.ok()) {
            failures << c.message;
        }
    }
    if (!failures.isEmpty()) {
        Block banner;
        banner.kind = Block::Kind::Banner;
        banner.tone = Tone::Bad;
        banner.spans = {own(QStringLiteral("EVIDENCE VERIFICATION FAILED"))};
        banner.lines = failures;
        doc.blocks.push_back(banner);
    }
}

void addObservableTable(const IncidentReport& r, Document& doc)
{
    std::vector<std::vector<Span>> rows;
    qint64 unreviewed = 0;
    for (const ObservableRecord& o : r.observables) {
        unreviewed += o.id == 0 ? 1 : 0;
        Span tlp = own(labelOf(o.tlp), toneForTlp(labelOf(o.tlp)));
        tlp.mono = true;
        rows.push_back({own(displayName(o.type)), stored(o.value, true), tlp, mono(labelOf(o.pap)),
                        own(grouped(o.eventCount)), own(when(o.firstSeenNs)),
                        own(when(o.lastSeenNs))});
    }
    doc.blocks.push_back(table({QStringLiteral("Type"), QStringLiteral("Value"), QStringLiteral("TLP"),
                                QStringLiteral("PAP"), QStringLiteral("Events"),
                                QStringLiteral("First seen (UTC)"), QStringLiteral("Last seen (UTC)")},
                               std::move(rows)));
    if (unreviewed > 0) {
        doc.blocks.push_back(paragraph({own(
            fill(u"%1 of these were found in the events when the report was made and have not been "
                 u"reviewed in Vigil yet: they carry the default markings TLP:AMBER and PAP:AMBER.",
                 {grouped(unreviewed)}),
            Tone::Muted)}));
    }
}

void addTextSection(const QString& title, const QString& text, Document& doc)
{
    doc.blocks.push_back(heading(title, 3));
    if (text.trimmed().isEmpty()) {
        doc.blocks.push_back(paragraph({own(QStringLiteral("None written."), Tone::Muted)}));
    } else {
        doc.blocks.push_back(literal(text));
    }
}

} // namespace

void addTimeline(const IncidentReport& r, Document& doc)
{
    std::vector<TimelineItem> items;
    std::set<qint64> alertEvents;
    for (const AlertRecord& a : r.alerts) {
        alertEvents.insert(a.eventId);
        items.push_back({a.timeNs, a.timeDigits, 1, own(QStringLiteral("Alert")), stored(a.host),
                         stored(fill(u"%1 (%2) — %3",
                                     {a.ruleTitle, severityCode(a.level), a.eventSummary}))});
    }
    for (const Event& e : r.events) {
        if (alertEvents.count(e.id) == 0) {
            items.push_back({e.timeNs, e.timeDigits, 0, own(QStringLiteral("Event")), stored(e.host),
                             stored(e.format + QStringLiteral(": ") + e.summary)});
        }
    }
    for (const JournalEntry& j : r.journal) {
        const QString kind = j.writtenNs == j.effectiveNs
            ? QStringLiteral("Action")
            : fill(u"Action (written %1)", {when(j.writtenNs)});
        const QString details = readableDetails(j.details, DetailLevel::Brief);
        items.push_back({j.effectiveNs, 0, 2, own(kind), stored(j.actor),
                         stored(details.isEmpty() ? j.action : j.action + QStringLiteral(": ") + details)});
    }
    std::stable_sort(items.begin(), items.end(), [](const TimelineItem& a, const TimelineItem& b) {
        return a.ns != b.ns ? a.ns < b.ns : a.order < b.order;
    });
    doc.blocks.push_back(heading(QStringLiteral("Timeline")));
    std::vector<std::vector<Span>> rows;
    for (const TimelineItem& i : items) {
        rows.push_back({mono(formatUtc(i.ns, std::min(i.digits, 6))), i.kind, i.who, i.what});
    }
    doc.blocks.push_back(table({QStringLiteral("Time (UTC)"), QStringLiteral("Kind"),
                                QStringLiteral("Host / actor"), QStringLiteral("What")},
                               std::move(rows)));
    if (r.eventTotal > qint64(r.events.size())) {
        doc.blocks.push_back(paragraph({own(
            fill(u"The timeline lists the first %1 of the %2 linked events; every alert and "
                 u"analyst action is listed.",
                 {grouped(qint64(r.events.size())), grouped(r.eventTotal)}),
            Tone::Muted)}));
    }
}

void addInvestigation(const IncidentReport& r, Document& doc)
{
    addTasks(r, doc);

    doc.blocks.push_back(heading(QStringLiteral("Observables")));
    if (r.observables.empty()) {
        doc.blocks.push_back(paragraph({own(QStringLiteral("None found in the incident's events."),
                                            Tone::Muted)}));
    } else {
        addObservableTable(r, doc);
    }

    doc.blocks.push_back(heading(QStringLiteral("Evidence")));
    if (r.evidence.empty()) {
        doc.blocks.push_back(paragraph({own(QStringLiteral("No evidence attached."), Tone::Muted)}));
    } else {
        addEvidenceItems(r, doc);
    }
}

void addClosure(const IncidentReport& r, Document& doc)
{
    const IncidentRecord& i = r.incident;
    doc.blocks.push_back(heading(QStringLiteral("Disposition and closure")));
    if (i.disposition.isEmpty()) {
        doc.blocks.push_back(paragraph(
            {own(fill(u"No disposition yet: the incident is %1.", {displayName(i.status)}))}));
    } else {
        doc.blocks.push_back(keyValues({
            {own(QStringLiteral("Disposition")),
             stored(dispositionName(i.disposition) + QStringLiteral(" (") + i.disposition + u')')},
            {own(QStringLiteral("Closed (UTC)")), own(when(i.closedNs))},
        }));
    }
    addTextSection(QStringLiteral("Resolution summary"), i.resolution, doc);
    addTextSection(QStringLiteral("Lessons learned"), i.lessons, doc);

    doc.blocks.push_back(heading(QStringLiteral("Notes")));
    if (r.notes.empty()) {
        doc.blocks.push_back(paragraph({own(QStringLiteral("No notes."), Tone::Muted)}));
    }
    for (const NoteRecord& n : r.notes) {
        doc.blocks.push_back(paragraph({own(when(n.createdNs) + QStringLiteral(" —")), stored(n.author)}));
        doc.blocks.push_back(literal(n.body));
    }
}

void addJournal(const IncidentReport& r, Document& doc)
{
    doc.blocks.push_back(heading(QStringLiteral("Journal excerpt"), 2, true));
    doc.blocks.push_back(paragraph({own(fill(
        u"The %1 entries about this incident, as recorded: when each was written, the effective "
        u"time the analyst stated, and the start of its hash.",
        {grouped(qint64(r.journal.size()))}))}));
    std::vector<std::vector<Span>> rows;
    for (const JournalEntry& j : r.journal) {
        rows.push_back({own(QString::number(j.seq)), mono(when(j.writtenNs)), mono(when(j.effectiveNs)),
                        stored(j.actor), stored(j.action), stored(readableDetails(j.details)),
                        mono(j.hash.left(16) + QStringLiteral("…"))});
    }
    doc.blocks.push_back(table({QStringLiteral("#"), QStringLiteral("Written (UTC)"),
                                QStringLiteral("Effective (UTC)"), QStringLiteral("Actor"),
                                QStringLiteral("Action"), QStringLiteral("Details"),
                                QStringLiteral("Hash")},
                               std::move(rows)));

    doc.blocks.push_back(heading(QStringLiteral("Journal integrity")));
    std::vector<std::vector<Span>> kv;
    if (!r.chainError.isEmpty()) {
        kv.push_back({own(QStringLiteral("Chain check")), stored(r.chainError)});
    } else if (r.chain) {
        kv.push_back({own(QStringLiteral("Entries in the store")), own(grouped(r.chain->entries))});
        kv.push_back({own(QStringLiteral("Chain check")),
                      r.chain->ok() ? own(QStringLiteral("✔ intact"), Tone::Good)
                                    : own(QStringLiteral("✘ ") + r.chain->problem, Tone::Bad)});
        kv.push_back({own(QStringLiteral("Head in the database")), mono(r.chain->headHash)});
    }
    if (r.recordedHead) {
        kv.push_back({own(QStringLiteral("Head recorded outside the database")),
                      mono(fill(u"entry #%1, %2", {QString::number(r.recordedHead->seq), r.recordedHead->hash}))});
        kv.push_back({own(QStringLiteral("Recorded at (UTC)")), own(when(r.recordedHead->writtenNs))});
        kv.push_back({own(QStringLiteral("Record file")), stored(r.headFile, true)});
    } else {
        kv.push_back({own(QStringLiteral("Head recorded outside the database")),
                      own(QStringLiteral("none: this installation has no record of this store "
                                         "(written elsewhere?), so entries cut off its end cannot "
                                         "be ruled out"),
                          Tone::Bad)});
    }
    doc.blocks.push_back(keyValues(std::move(kv)));
}

} // namespace vigil::report::detail
