#include "widgets/display_format.h"

#include <QCoreApplication>
#include <QLocale>

#include "triage/incident_status.h"
#include "util/timestamp.h"

namespace vigil::ui {

QString timeText(qint64 ns, int digits, int maxDigits)
{
    if (ns == 0) {
        return {};
    }
    return formatUtc(ns, std::min(digits, maxDigits));
}

QString durationText(qint64 ns)
{
    const qint64 minutes = ns / (60LL * 1'000'000'000LL);
    if (minutes < 1) {
        return QCoreApplication::translate("Format", "< 1 min");
    }
    if (minutes < 60) {
        return QCoreApplication::translate("Format", "%1 min").arg(minutes);
    }
    const qint64 hours = minutes / 60;
    if (hours < 48) {
        return QCoreApplication::translate("Format", "%1 h %2 min")
            .arg(hours)
            .arg(minutes % 60);
    }
    return QCoreApplication::translate("Format", "%1 d %2 h").arg(hours / 24).arg(hours % 24);
}

QString numberText(qint64 n)
{
    return QLocale().toString(n);
}

QColor severityColor(int level)
{
    switch (level) {
    case 0:
        return QColor(0x8a, 0x8f, 0x98); // informational: grey
    case 1:
        return QColor(0x3b, 0x82, 0xf6); // low: blue
    case 2:
        return QColor(0xd9, 0x8e, 0x04); // medium: amber
    case 3:
        return QColor(0xe0, 0x4f, 0x16); // high: orange-red
    case 4:
        return QColor(0xb0, 0x1a, 0x7a); // critical: magenta
    default:
        return QColor(0x8a, 0x8f, 0x98);
    }
}

QString severityText(int level)
{
    switch (level) {
    case 0:
        return QCoreApplication::translate("Format", "Informational");
    case 1:
        return QCoreApplication::translate("Format", "Low");
    case 2:
        return QCoreApplication::translate("Format", "Medium");
    case 3:
        return QCoreApplication::translate("Format", "High");
    case 4:
        return QCoreApplication::translate("Format", "Critical");
    default:
        return QCoreApplication::translate("Format", "Unknown");
    }
}

QString statusText(const QString& code)
{
    const auto s = incidentStatusFromCode(code);
    if (!s) {
        return code;
    }
    switch (*s) {
    case IncidentStatus::New:
        return QCoreApplication::translate("Format", "New");
    case IncidentStatus::Investigating:
        return QCoreApplication::translate("Format", "Investigating");
    case IncidentStatus::Contained:
        return QCoreApplication::translate("Format", "Contained");
    case IncidentStatus::Eradicated:
        return QCoreApplication::translate("Format", "Eradicated");
    case IncidentStatus::Recovered:
        return QCoreApplication::translate("Format", "Recovered");
    case IncidentStatus::Resolved:
        return QCoreApplication::translate("Format", "Resolved");
    case IncidentStatus::Closed:
        return QCoreApplication::translate("Format", "Closed");
    case IncidentStatus::OnHold:
        return QCoreApplication::translate("Format", "On hold");
    }
    return code;
}

QString dispositionText(const QString& code)
{
    const auto d = dispositionFromCode(code);
    if (!d) {
        return code;
    }
    switch (*d) {
    case Disposition::Undetermined:
        return QCoreApplication::translate("Format", "Undetermined");
    case Disposition::TpMaliciousImpact:
        return QCoreApplication::translate("Format", "True positive, with impact");
    case Disposition::TpMaliciousNoImpact:
        return QCoreApplication::translate("Format", "True positive, no impact");
    case Disposition::BenignPositive:
        return QCoreApplication::translate("Format", "Benign positive (expected activity)");
    case Disposition::FpLogic:
        return QCoreApplication::translate("Format", "False positive, rule logic");
    case Disposition::FpData:
        return QCoreApplication::translate("Format", "False positive, bad data");
    case Disposition::Duplicate:
        return QCoreApplication::translate("Format", "Duplicate");
    case Disposition::Other:
        return QCoreApplication::translate("Format", "Other");
    }
    return code;
}

QColor accentColor()
{
    return QColor(0x25, 0x63, 0xeb);
}

} // namespace vigil::ui
