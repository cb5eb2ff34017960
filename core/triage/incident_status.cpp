#include "triage/incident_status.h"

namespace vigil {

namespace {

struct StatusName {
    IncidentStatus status;
    const char16_t* code;
    const char16_t* display;
};

constexpr StatusName kStatuses[] = {
    {IncidentStatus::New, u"new", u"New"},
    {IncidentStatus::Investigating, u"investigating", u"Investigating"},
    {IncidentStatus::Contained, u"contained", u"Contained"},
    {IncidentStatus::Eradicated, u"eradicated", u"Eradicated"},
    {IncidentStatus::Recovered, u"recovered", u"Recovered"},
    {IncidentStatus::Resolved, u"resolved", u"Resolved"},
    {IncidentStatus::Closed, u"closed", u"Closed"},
    {IncidentStatus::OnHold, u"on_hold", u"On hold"},
};

struct DispositionName {
    Disposition disposition;
    const char16_t* code;
    const char16_t* display;
};

constexpr DispositionName kDispositions[] = {
    {Disposition::Undetermined, u"undetermined", u"Undetermined"},
    {Disposition::TpMaliciousImpact, u"tp_malicious_impact", u"True positive, with impact"},
    {Disposition::TpMaliciousNoImpact, u"tp_malicious_no_impact", u"True positive, no impact"},
    {Disposition::BenignPositive, u"benign_positive", u"Benign positive (expected activity)"},
    {Disposition::FpLogic, u"fp_logic", u"False positive, rule logic"},
    {Disposition::FpData, u"fp_data", u"False positive, bad data"},
    {Disposition::Duplicate, u"duplicate", u"Duplicate"},
    {Disposition::Other, u"other", u"Other"},
};

constexpr const char16_t* kSeverities[] = {u"informational", u"low", u"medium", u"high",
                                           u"critical"};

} // namespace

QString codeOf(IncidentStatus status)
{
    return QString::fromUtf16(kStatuses[int(status)].code);
}

std::optional<IncidentStatus> incidentStatusFromCode(QStringView code)
{
    for (const auto& s : kStatuses) {
        if (code == QStringView(s.code)) {
            return s.status;
        }
    }
    return std::nullopt;
}

QString displayName(IncidentStatus status)
{
    return QString::fromUtf16(kStatuses[int(status)].display);
}

bool isOpen(IncidentStatus status)
{
    return status != IncidentStatus::Resolved && status != IncidentStatus::Closed;
}

std::vector<IncidentStatus> allIncidentStatuses()
{
    std::vector<IncidentStatus> out;
    for (const auto& s : kStatuses) {
        out.push_back(s.status);
    }
    return out;
}

QString codeOf(Disposition d)
{
    return QString::fromUtf16(kDispositions[int(d)].code);
}

std::optional<Disposition> dispositionFromCode(QStringView code)
{
    for (const auto& d : kDispositions) {
        if (code == QStringView(d.code)) {
            return d.disposition;
        }
    }
    return std::nullopt;
}

QString displayName(Disposition d)
{
    return QString::fromUtf16(kDispositions[int(d)].display);
}

std::vector<Disposition> allDispositions()
{
    std::vector<Disposition> out;
    for (const auto& d : kDispositions) {
        out.push_back(d.disposition);
    }
    return out;
}

std::vector<IncidentStatus> allowedTransitions(IncidentStatus from,
                                               std::optional<IncidentStatus> heldFrom)
{
    using S = IncidentStatus;
    switch (from) {
    case S::New:
        return {S::Investigating, S::OnHold, S::Closed};
    case S::Investigating:
        return {S::Contained, S::Resolved, S::OnHold, S::Closed};
    case S::Contained:
        return {S::Eradicated, S::Resolved, S::OnHold};
    case S::Eradicated:
        return {S::Recovered, S::Resolved, S::OnHold};
    case S::Recovered:
        return {S::Resolved, S::OnHold};
    case S::Resolved:
        return {S::Closed, S::Investigating};
    case S::OnHold:
        if (heldFrom && *heldFrom != S::OnHold) {
            return {*heldFrom};
        }
        return {S::Investigating};
    case S::Closed:
        return {S::Investigating};
    }
    return {};
}

bool isReopen(IncidentStatus from, IncidentStatus to)
{
    return to == IncidentStatus::Investigating
        && (from == IncidentStatus::Resolved || from == IncidentStatus::Closed);
}

QString severityCode(int level)
{
    if (level < 0 || level > 4) {
        return QStringLiteral("unknown");
    }
    return QString::fromUtf16(kSeverities[level]);
}

int severityFromCode(QStringView code)
{
    for (int i = 0; i < 5; ++i) {
        if (code.compare(QStringView(kSeverities[i]), Qt::CaseInsensitive) == 0) {
            return i;
        }
    }
    return -1;
}

} // namespace vigil
