#include "triage/alert_status.h"

#include <QStringList>

namespace vigil {

namespace {

struct AlertStatusName {
    AlertStatus status;
    const char16_t* code;
    const char16_t* display;
};

constexpr AlertStatusName kAlertStatuses[] = {
    {AlertStatus::New, u"new", u"New"},
    {AlertStatus::Acknowledged, u"acknowledged", u"Acknowledged"},
    {AlertStatus::InTriage, u"in_triage", u"In triage"},
    {AlertStatus::Escalated, u"escalated", u"Escalated"},
    {AlertStatus::Closed, u"closed", u"Closed"},
    {AlertStatus::Suppressed, u"suppressed", u"Suppressed"},
    {AlertStatus::Merged, u"merged", u"Merged"},
};

} // namespace

QString codeOf(AlertStatus status)
{
    return QString::fromUtf16(kAlertStatuses[int(status)].code);
}

std::optional<AlertStatus> alertStatusFromCode(QStringView code)
{
    for (const auto& s : kAlertStatuses) {
        if (code.compare(QStringView(s.code), Qt::CaseInsensitive) == 0) {
            return s.status;
        }
    }
    return std::nullopt;
}

QString displayName(AlertStatus status)
{
    return QString::fromUtf16(kAlertStatuses[int(status)].display);
}

std::vector<AlertStatus> allAlertStatuses()
{
    std::vector<AlertStatus> out;
    for (const auto& s : kAlertStatuses) {
        out.push_back(s.status);
    }
    return out;
}

QString alertStatusCodes()
{
    QStringList codes;
    for (const auto& s : kAlertStatuses) {
        codes << QString::fromUtf16(s.code);
    }
    return codes.join(QStringLiteral(", "));
}

std::vector<AlertStatus> allowedTransitions(AlertStatus from)
{
    using S = AlertStatus;
    switch (from) {
    case S::New:
        return {S::Acknowledged, S::InTriage, S::Escalated, S::Closed, S::Suppressed, S::Merged};
    case S::Acknowledged:
        return {S::InTriage, S::Escalated, S::Closed, S::Suppressed, S::Merged};
    case S::InTriage:
        return {S::Escalated, S::Closed, S::Suppressed, S::Merged};
    case S::Closed:
    case S::Suppressed:
        return {S::InTriage};
    case S::Escalated:
    case S::Merged:
        return {};
    }
    return {};
}

} // namespace vigil
