#include "triage/priority.h"

#include <algorithm>

#include <QJsonDocument>
#include <QJsonObject>

#include "storage/database.h"
#include "util/json.h"

namespace vigil {

namespace {

constexpr qint64 kBase[] = {10, 25, 50, 75, 95};
constexpr const char16_t* kLevelNames[] = {u"informational", u"low", u"medium", u"high",
                                           u"critical"};
constexpr int kP1 = 80;
constexpr int kP2 = 60;
constexpr int kP3 = 35;

// Factors in percent, so the score is exact integer arithmetic (no 94.49999 for 94.5).
int factorPercent(Criticality c)
{
    switch (c) {
    case Criticality::Low:
        return 80;
    case Criticality::High:
        return 120;
    case Criticality::Critical:
        return 140;
    case Criticality::Unknown:
    case Criticality::Medium:
        break;
    }
    return 100;
}

int confidencePercent(const QString& status)
{
    const QString s = status.toLower();
    if (s == u"stable") {
        return 100;
    }
    if (s == u"experimental") {
        return 80;
    }
    if (s == u"deprecated" || s == u"unsupported") {
        return 60;
    }
    return 90; // test, or no status: SigmaHQ's default maturity
}

QString num(double v)
{
    return QString::number(v, 'g', 3);
}

} // namespace

QString criticalityCode(Criticality c)
{
    switch (c) {
    case Criticality::Low:
        return QStringLiteral("low");
    case Criticality::Medium:
        return QStringLiteral("medium");
    case Criticality::High:
        return QStringLiteral("high");
    case Criticality::Critical:
        return QStringLiteral("critical");
    case Criticality::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

std::optional<Criticality> criticalityFromCode(QStringView code)
{
    const QString c = code.trimmed().toString().toLower();
    for (const Criticality v : {Criticality::Low, Criticality::Medium, Criticality::High,
                                Criticality::Critical, Criticality::Unknown}) {
        if (c == criticalityCode(v)) {
            return v;
        }
    }
    return std::nullopt;
}

Priority computePriority(const PriorityInput& input)
{
    Priority p;
    p.input = input;
    const int level = std::clamp(input.level, 0, 4);
    const qint64 asset = factorPercent(input.hostCriticality);
    const qint64 identity = factorPercent(input.userCriticality);
    const qint64 confidence = confidencePercent(input.ruleStatus);
    p.base = double(kBase[level]);
    p.assetFactor = double(asset) / 100;
    p.identityFactor = double(identity) / 100;
    p.confidence = double(confidence) / 100;
    // base × factors in millionths, rounded half up, capped to 100.
    const qint64 micro = kBase[level] * asset * identity * confidence;
    p.score = int(std::min<qint64>(100, (micro + 500'000) / 1'000'000));
    p.level = p.score >= kP1 ? 1 : p.score >= kP2 ? 2 : p.score >= kP3 ? 3 : 4;
    return p;
}

QString Priority::code() const
{
    return u'P' + QString::number(level);
}

QString Priority::explanation() const
{
    const int lv = std::clamp(input.level, 0, 4);
    QString text = QStringLiteral("%1 (score %2) = %3 rule %4")
                       .arg(code(), QString::number(score), QString::fromUtf16(kLevelNames[lv]),
                            num(base));
    const auto part = [&](const QString& what, const QString& name, Criticality c, double f) {
        if (name.isEmpty()) {
            text += QStringLiteral(" × no %1 %2").arg(what, num(f));
        } else {
            text += QStringLiteral(" × %1 %2 %3 %4").arg(what, name, criticalityCode(c), num(f));
        }
    };
    part(QStringLiteral("host"), input.host, input.hostCriticality, assetFactor);
    part(QStringLiteral("user"), input.user, input.userCriticality, identityFactor);
    text += QStringLiteral(" × confidence (%1) %2")
                .arg(input.ruleStatus.isEmpty() ? QStringLiteral("no status") : input.ruleStatus,
                     num(confidence));
    return text;
}

QByteArray Priority::partsJson() const
{
    return JsonObjectWriter()
        .add(u"formula", QString::fromUtf16(kPriorityFormula))
        .add(u"priority", code())
        .add(u"score", qint64(score))
        .add(u"level", QString::fromUtf16(kLevelNames[std::clamp(input.level, 0, 4)]))
        .addRaw(u"base", QByteArray::number(base, 'g', 3))
        .addOptional(u"host", input.host)
        .add(u"host_criticality", criticalityCode(input.hostCriticality))
        .addRaw(u"asset_factor", QByteArray::number(assetFactor, 'g', 3))
        .addOptional(u"user", input.user)
        .add(u"user_criticality", criticalityCode(input.userCriticality))
        .addRaw(u"identity_factor", QByteArray::number(identityFactor, 'g', 3))
        .addOptional(u"rule_status", input.ruleStatus)
        .addRaw(u"confidence", QByteArray::number(confidence, 'g', 3))
        .finish();
}

std::optional<Priority> Priority::fromPartsJson(const QByteArray& json)
{
    const QJsonObject o = QJsonDocument::fromJson(json).object();
    if (o.isEmpty() || !o.contains(u"score")) {
        return std::nullopt;
    }
    Priority p;
    p.score = o.value(u"score").toInt();
    p.level = o.value(u"priority").toString().mid(1).toInt();
    p.base = o.value(u"base").toDouble();
    p.assetFactor = o.value(u"asset_factor").toDouble(1);
    p.identityFactor = o.value(u"identity_factor").toDouble(1);
    p.confidence = o.value(u"confidence").toDouble(1);
    const QString level = o.value(u"level").toString();
    for (int i = 0; i < 5; ++i) {
        if (level == QStringView(kLevelNames[i])) {
            p.input.level = i;
        }
    }
    p.input.host = o.value(u"host").toString();
    p.input.hostCriticality =
        criticalityFromCode(o.value(u"host_criticality").toString()).value_or(Criticality::Unknown);
    p.input.user = o.value(u"user").toString();
    p.input.userCriticality =
        criticalityFromCode(o.value(u"user_criticality").toString()).value_or(Criticality::Unknown);
    p.input.ruleStatus = o.value(u"rule_status").toString();
    return p;
}

qint64 SlaPolicy::dueNs(int priorityLevel) const
{
    return dueSeconds[size_t(std::clamp(priorityLevel, 1, 4) - 1)] * 1'000'000'000LL;
}

Result<SlaPolicy> SlaPolicy::load(Database& db)
{
    SlaPolicy policy;
    auto s = db.prepare(u"SELECT key, value FROM meta WHERE key LIKE 'sla.p_'");
    if (!s) {
        return s.error();
    }
    while (true) {
        auto row = s->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            break;
        }
        const int level = s->text(0).right(1).toInt();
        bool ok = false;
        const qint64 seconds = s->text(1).toLongLong(&ok);
        if (level >= 1 && level <= 4 && ok && seconds > 0) {
            policy.dueSeconds[size_t(level - 1)] = seconds;
        }
    }
    return policy;
}

Result<void> SlaPolicy::save(Database& db) const
{
    auto s = db.prepare(u"INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)");
    if (!s) {
        return s.error();
    }
    for (int i = 0; i < 4; ++i) {
        s->bind(1, QStringLiteral("sla.p%1").arg(i + 1));
        s->bind(2, QString::number(dueSeconds[size_t(i)]));
        if (auto r = s->run(); !r) {
            return r;
        }
    }
    return {};
}

} // namespace vigil
