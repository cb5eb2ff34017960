// ObservableQueries::pivot(): every stored event that holds an observable.
#include "investigation/observables.h"

#include "investigation/observable_text.h"
#include "model/event.h"
#include "storage/database.h"
#include "util/json.h"

namespace vigil {

namespace {

QString likePattern(const QString& text)
{
    QString escaped = text;
    escaped.replace(u'\\', QStringLiteral("\\\\"));
    escaped.replace(u'%', QStringLiteral("\\%"));
    escaped.replace(u'_', QStringLiteral("\\_"));
    return u'%' + escaped + u'%';
}

// The value as it appears inside a JSON string (the stored fields are JSON).
QString jsonEscaped(const QString& value)
{
    QByteArray json;
    appendJsonString(json, value);
    return QString::fromUtf8(json.mid(1, json.size() - 2));
}

bool anyFieldEquals(const QString& json, const QString& value)
{
    Fields fields;
    if (!parseJsonObjectFlat(json.toUtf8(), fields, nullptr)) {
        return false;
    }
    for (const auto& [name, v] : fields.entries()) {
        if (v.isList()) {
            for (const FieldValue& item : v.items()) {
                if (item.text().trimmed().compare(value, Qt::CaseInsensitive) == 0) {
                    return true;
                }
            }
        } else if (v.text().trimmed().compare(value, Qt::CaseInsensitive) == 0) {
            return true;
        }
    }
    return false;
}

// The candidate row (host, raw, fields, common) really holds the value as the type means it.
bool holds(ObservableType type, const QString& value, const QString& jsonValue,
           const QString& host, const QString& raw, const QString& fields, const QString& common)
{
    using observable_text::containsToken;
    switch (type) {
    case ObservableType::Ip:
    case ObservableType::Domain:
    case ObservableType::Md5:
    case ObservableType::Sha1:
    case ObservableType::Sha256:
        return containsToken(host, value) || containsToken(raw, value)
            || containsToken(fields, jsonValue) || containsToken(common, jsonValue);
    case ObservableType::Url:
    case ObservableType::FilePath:
        return true; // LIKE found it as a substring; that is what these pivots mean
    case ObservableType::Host:
        if (host.trimmed().compare(value, Qt::CaseInsensitive) == 0) {
            return true;
        }
        return anyFieldEquals(fields, value) || anyFieldEquals(common, value);
    case ObservableType::User:
        return anyFieldEquals(fields, value) || anyFieldEquals(common, value);
    }
    return false;
}

} // namespace

Result<PivotResult> ObservableQueries::pivot(Database& db, ObservableType type,
                                             const QString& value, qint64 limit,
                                             const std::atomic<bool>* cancel)
{
    PivotResult result;
    const QString needle = value.trimmed();
    if (needle.isEmpty()) {
        return makeError(ErrorCode::Usage, QStringLiteral("an empty value matches nothing"));
    }
    const QString jsonValue = jsonEscaped(needle);
    auto s = db.prepare(u"SELECT id, coalesce(host, ''), raw, fields, common FROM events "
                        u"WHERE host LIKE ?1 ESCAPE '\\' OR raw LIKE ?1 ESCAPE '\\' "
                        u"OR fields LIKE ?2 ESCAPE '\\' OR common LIKE ?2 ESCAPE '\\' "
                        u"ORDER BY time_ns, id");
    if (!s) {
        return s.error();
    }
    s->bind(1, likePattern(needle));
    s->bind(2, likePattern(jsonValue));
    while (true) {
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            result.cancelled = true;
            return result;
        }
        auto row = s->step();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            return result;
        }
        if (!holds(type, needle, jsonValue, s->text(1), s->text(2), s->text(3), s->text(4))) {
            continue;
        }
        if (qint64(result.eventIds.size()) >= limit) {
            result.truncated = true;
            return result;
        }
        result.eventIds.push_back(s->int64(0));
    }
}

} // namespace vigil
