#include "triage/asset_inventory.h"

#include <QFile>
#include <QFileInfo>

#include <yaml-cpp/yaml.h>

#include "storage/database.h"
#include "storage/journal.h"
#include "util/json.h"
#include "util/timestamp.h"

namespace vigil {

namespace {

constexpr char16_t kColumns[] = u"id, kind, name, criticality, owner, tags, updated_ns";

Asset readAsset(const Statement& s)
{
    Asset a;
    a.id = s.int64(0);
    a.kind = s.text(1);
    a.name = s.text(2);
    a.criticality = criticalityFromCode(s.text(3)).value_or(Criticality::Unknown);
    a.owner = s.text(4);
    a.tags = s.text(5).split(u';', Qt::SkipEmptyParts);
    a.updatedNs = s.int64(6);
    return a;
}

Error problem(const QString& source, int line, const QString& message)
{
    Error e = makeError(ErrorCode::Parse, message);
    e.file = source;
    e.line = line;
    return e;
}

// Checks one row; returns the reason it cannot be used, or nothing.
QString validate(Asset& a, const QString& criticality)
{
    a.kind = a.kind.trimmed().toLower();
    a.name = a.name.trimmed();
    if (a.kind == u"identity" || a.kind == u"account") {
        a.kind = QStringLiteral("user");
    }
    if (a.kind == u"asset") {
        a.kind = QStringLiteral("host");
    }
    if (a.kind != u"host" && a.kind != u"user") {
        return QStringLiteral("kind must be host or user, not \"%1\"").arg(a.kind);
    }
    if (a.name.isEmpty()) {
        return QStringLiteral("the name is empty");
    }
    const auto c = criticalityFromCode(criticality);
    if (!c || *c == Criticality::Unknown) {
        return QStringLiteral("criticality must be low, medium, high or critical, not \"%1\"")
            .arg(criticality.trimmed());
    }
    a.criticality = *c;
    for (QString& t : a.tags) {
        t = t.trimmed();
    }
    a.tags.removeAll(QString());
    return {};
}

// Splits one CSV line (RFC 4180 quoting, no line breaks inside fields).
std::optional<QStringList> splitCsv(const QString& line)
{
    QStringList out;
    QString cur;
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (quoted) {
            if (c == u'"' && i + 1 < line.size() && line[i + 1] == u'"') {
                cur += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                cur += c;
            }
        } else if (c == u'"' && cur.trimmed().isEmpty()) {
            cur.clear();
            quoted = true;
        } else if (c == u',') {
            out << cur;
            cur.clear();
        } else {
            cur += c;
        }
    }
    if (quoted) {
        return std::nullopt;
    }
    out << cur;
    return out;
}

QString yamlText(const YAML::Node& n)
{
    return n && n.IsScalar() ? QString::fromStdString(n.Scalar()) : QString();
}

Result<bool> saveIn(Database& db, const Asset& in, const QString& actor, qint64 now)
{
    auto existing = AssetInventory::find(db, in.kind, in.name);
    if (!existing) {
        return existing.error();
    }
    if (*existing && (*existing)->criticality == in.criticality && (*existing)->owner == in.owner
        && (*existing)->tags == in.tags) {
        return false;
    }
    auto s = db.prepare(
        u"INSERT INTO assets (kind, name, criticality, owner, tags, updated_ns) "
        u"VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (kind, name) DO UPDATE SET "
        u"criticality = excluded.criticality, owner = excluded.owner, tags = excluded.tags, "
        u"updated_ns = excluded.updated_ns");
    if (!s) {
        return s.error();
    }
    s->bind(1, in.kind);
    s->bind(2, in.name);
    s->bind(3, criticalityCode(in.criticality));
    s->bind(4, in.owner);
    s->bind(5, in.tags.join(u';'));
    s->bind(6, now);
    if (auto r = s->run(); !r) {
        return r.error();
    }
    const qint64 id = *existing ? (*existing)->id : db.lastInsertId();
    JournalEntry e;
    e.actor = actor;
    e.objectType = QStringLiteral("asset");
    e.objectId = id;
    e.action = *existing ? QStringLiteral("updated") : QStringLiteral("created");
    e.details = JsonObjectWriter()
                    .add(u"kind", in.kind)
                    .add(u"name", in.name)
                    .add(u"criticality", criticalityCode(in.criticality))
                    .addOptional(u"owner", in.owner)
                    .addOptional(u"tags", in.tags.join(u';'))
                    .finish();
    e.writtenNs = now;
    if (auto r = Journal::append(db, e); !r) {
        return r.error();
    }
    return true;
}

} // namespace

Result<std::vector<Asset>> AssetInventory::list(Database& db)
{
    auto s = db.prepare(QStringLiteral("SELECT %1 FROM assets ORDER BY kind, name COLLATE NOCASE")
                            .arg(QStringView(kColumns)));
    if (!s) {
        return s.error();
    }
    return collectRows<Asset>(*s, readAsset);
}

Result<std::optional<Asset>> AssetInventory::find(Database& db, const QString& kind,
                                                  const QString& name)
{
    auto s = db.prepare(QStringLiteral("SELECT %1 FROM assets WHERE kind = ?1 AND name = ?2")
                            .arg(QStringView(kColumns)));
    if (!s) {
        return s.error();
    }
    s->bind(1, kind);
    s->bind(2, name.trimmed());
    auto row = s->step();
    if (!row) {
        return row.error();
    }
    if (!*row) {
        return std::optional<Asset>();
    }
    return std::optional<Asset>(readAsset(*s));
}

Result<bool> AssetInventory::save(Database& db, const Asset& asset, const QString& actor)
{
    Asset a = asset;
    if (const QString why = validate(a, criticalityCode(asset.criticality)); !why.isEmpty()) {
        return makeError(ErrorCode::Usage, why);
    }
    Transaction tx(db);
    if (!tx.begun()) {
        return tx.begun().error();
    }
    auto changed = saveIn(db, a, actor, nowNs());
    if (!changed) {
        return changed;
    }
    if (auto r = tx.commit(); !r) {
        return r.error();
    }
    return changed;
}

Result<void> AssetInventory::remove(Database& db, const QString& kind, const QString& name,
                                    const QString& actor)
{
    Transaction tx(db);
    if (!tx.begun()) {
        return tx.begun();
    }
    auto existing = find(db, kind, name);
    if (!existing) {
        return existing.error();
    }
    if (!*existing) {
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("no %1 named \"%2\" in the inventory").arg(kind, name));
    }
    auto s = db.prepare(u"DELETE FROM assets WHERE id = ?1");
    if (!s) {
        return s.error();
    }
    s->bind(1, (*existing)->id);
    if (auto r = s->run(); !r) {
        return r;
    }
    JournalEntry e;
    e.actor = actor;
    e.objectType = QStringLiteral("asset");
    e.objectId = (*existing)->id;
    e.action = QStringLiteral("removed");
    e.details = JsonObjectWriter().add(u"kind", kind).add(u"name", (*existing)->name).finish();
    e.writtenNs = nowNs();
    if (auto r = Journal::append(db, e); !r) {
        return r;
    }
    return tx.commit();
}

std::vector<Asset> AssetInventory::parseCsv(const QByteArray& text, const QString& source,
                                            std::vector<Error>& problems)
{
    std::vector<Asset> out;
    const QList<QByteArray> lines = text.split('\n');
    QStringList header;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const int lineNo = int(i + 1);
        QString line = QString::fromUtf8(lines[i]);
        if (i == 0 && line.startsWith(QChar(0xFEFF))) {
            line.remove(0, 1);
        }
        if (line.endsWith(u'\r')) {
            line.chop(1);
        }
        if (line.trimmed().isEmpty() || line.startsWith(u'#')) {
            continue;
        }
        const auto cells = splitCsv(line);
        if (!cells) {
            problems.push_back(problem(source, lineNo, QStringLiteral("a quote is not closed")));
            continue;
        }
        if (header.isEmpty()) {
            for (const QString& c : *cells) {
                header << c.trimmed().toLower();
            }
            header.replaceInStrings(QStringLiteral("type"), QStringLiteral("kind"));
            for (const char16_t* need : {u"kind", u"name", u"criticality"}) {
                if (!header.contains(QString::fromUtf16(need))) {
                    problems.push_back(problem(
                        source, lineNo,
                        QStringLiteral("the header line has no \"%1\" column (needed: kind, name, "
                                       "criticality; optional: owner, tags)")
                            .arg(QString::fromUtf16(need))));
                    return out;
                }
            }
            continue;
        }
        if (cells->size() != header.size()) {
            problems.push_back(problem(source, lineNo,
                                       QStringLiteral("%1 fields, the header names %2")
                                           .arg(cells->size())
                                           .arg(header.size())));
            continue;
        }
        const auto cell = [&](const char16_t* name) {
            const qsizetype at = header.indexOf(QString::fromUtf16(name));
            return at < 0 ? QString() : cells->at(at).trimmed();
        };
        Asset a;
        a.kind = cell(u"kind");
        a.name = cell(u"name");
        a.owner = cell(u"owner");
        a.tags = cell(u"tags").split(u';', Qt::SkipEmptyParts);
        if (const QString why = validate(a, cell(u"criticality")); !why.isEmpty()) {
            problems.push_back(problem(source, lineNo, why));
            continue;
        }
        out.push_back(std::move(a));
    }
    if (header.isEmpty()) {
        problems.push_back(problem(source, 0, QStringLiteral("the file has no header line")));
    }
    return out;
}

std::vector<Asset> AssetInventory::parseYaml(const QByteArray& text, const QString& source,
                                             std::vector<Error>& problems)
{
    std::vector<Asset> out;
    YAML::Node doc;
    try {
        doc = YAML::Load(text.toStdString());
    } catch (const YAML::Exception& ex) {
        problems.push_back(problem(source, ex.mark.line + 1,
                                   QString::fromStdString(ex.msg)));
        return out;
    }
    if (!doc.IsMap()) {
        problems.push_back(problem(source, 1, QStringLiteral("expected the keys hosts: and users:")));
        return out;
    }
    for (const auto& [key, kind] : {std::pair{"hosts", u"host"}, std::pair{"users", u"user"}}) {
        const YAML::Node list = doc[key];
        if (!list) {
            continue;
        }
        if (!list.IsSequence()) {
            problems.push_back(problem(source, list.Mark().line + 1,
                                       QStringLiteral("%1: expected a list").arg(QLatin1String(key))));
            continue;
        }
        for (const YAML::Node& item : list) {
            const int lineNo = item.Mark().line + 1;
            if (!item.IsMap()) {
                problems.push_back(problem(source, lineNo, QStringLiteral("expected name: and criticality:")));
                continue;
            }
            Asset a;
            a.kind = QString::fromUtf16(kind);
            a.name = yamlText(item["name"]);
            a.owner = yamlText(item["owner"]);
            const YAML::Node tags = item["tags"];
            if (tags && tags.IsSequence()) {
                for (const YAML::Node& t : tags) {
                    a.tags << yamlText(t);
                }
            } else if (tags) {
                a.tags = yamlText(tags).split(u';', Qt::SkipEmptyParts);
            }
            if (const QString why = validate(a, yamlText(item["criticality"])); !why.isEmpty()) {
                problems.push_back(problem(source, lineNo, why));
                continue;
            }
            out.push_back(std::move(a));
        }
    }
    return out;
}

Result<AssetImportReport> AssetInventory::importFile(Database& db, const QString& path,
                                                     const QString& actor)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot read %1: %2").arg(path, f.errorString()));
    }
    constexpr qint64 kMaxBytes = 64LL * 1024 * 1024;
    if (f.size() > kMaxBytes) {
        return makeError(ErrorCode::Io, QStringLiteral("%1 is larger than 64 MiB").arg(path));
    }
    const QByteArray text = f.readAll();
    AssetImportReport report;
    const QString suffix = QFileInfo(path).suffix().toLower();
    const std::vector<Asset> rows = (suffix == u"yml" || suffix == u"yaml")
                                        ? parseYaml(text, path, report.problems)
                                        : parseCsv(text, path, report.problems);
    Transaction tx(db);
    if (!tx.begun()) {
        return tx.begun().error();
    }
    const qint64 now = nowNs();
    for (const Asset& a : rows) {
        auto existed = find(db, a.kind, a.name);
        if (!existed) {
            return existed.error();
        }
        auto changed = saveIn(db, a, actor, now);
        if (!changed) {
            return changed.error();
        }
        if (!*changed) {
            ++report.unchanged;
        } else if (*existed) {
            ++report.updated;
        } else {
            ++report.added;
        }
    }
    if (auto r = tx.commit(); !r) {
        return r.error();
    }
    return report;
}

} // namespace vigil
