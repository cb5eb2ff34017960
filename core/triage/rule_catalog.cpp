#include "triage/rule_catalog.h"

#include <set>

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include "sigma/correlation_rule.h"
#include "sigma/rule.h"
#include "sigma/rule_set.h"
#include "storage/database.h"
#include "storage/rule_library.h"

namespace vigil {

Result<int> RuleCatalog::loadEnabled(Database& db, sigma::RuleSet& rules)
{
    auto library = RuleLibrary::list(db, true);
    if (!library) {
        return library.error();
    }
    std::set<QString> known;
    for (const auto& r : rules.rules()) {
        known.insert(r->uid());
    }
    for (const auto& c : rules.correlations()) {
        known.insert(c->uid());
    }
    std::vector<std::pair<QString, QString>> texts;
    for (const RuleRecord& r : *library) {
        if (!known.count(r.uid)) {
            texts.emplace_back(r.yaml, r.path.isEmpty() ? QStringLiteral("library:") + r.uid : r.path);
        }
    }
    rules.addTexts(texts);
    return int(texts.size());
}

Result<void> RuleCatalog::remember(Database& db, const sigma::RuleSet& rules,
                                   const QStringList& paths)
{
    std::vector<RuleRecord> records;
    records.reserve(rules.rules().size());
    for (const auto& r : rules.rules()) {
        RuleRecord rec;
        rec.uid = r->uid();
        rec.title = r->meta().title;
        rec.level = sigma::levelName(r->meta().level);
        rec.status = r->meta().status;
        rec.path = r->path();
        rec.yaml = r->text();
        rec.notes = r->warnings().join(u'\n');
        rec.canMatch = r->canMatch();
        records.push_back(std::move(rec));
    }
    for (const auto& c : rules.correlations()) {
        RuleRecord rec;
        rec.uid = c->uid();
        rec.title = c->meta().title;
        rec.level = sigma::levelName(c->meta().level);
        rec.status = c->meta().status;
        rec.path = c->path();
        rec.yaml = c->text();
        rec.notes = c->warnings().join(u'\n');
        rec.canMatch = c->canMatch();
        records.push_back(std::move(rec));
    }
    if (auto res = RuleLibrary::upsert(db, records); !res) {
        return res.error();
    }
    std::vector<RuleIssueRecord> issues;
    QStringList files;
    for (const QString& p : paths) {
        files << p << QFileInfo(p).absoluteFilePath();
    }
    for (const sigma::LoadIssue& i : rules.issues()) {
        issues.push_back({i.file, i.line, i.column, i.ruleId, i.title, i.message, i.unsupported});
        files << i.file;
    }
    files.removeDuplicates();
    return RuleLibrary::recordIssues(db, files, issues);
}

void RuleCatalog::addStarterRules(sigma::RuleSet& rules)
{
    const QDir dir(QStringLiteral(":/rules"));
    const QStringList names = dir.entryList({QStringLiteral("*.yml")}, QDir::Files, QDir::Name);
    std::vector<std::pair<QString, QString>> texts;
    for (const QString& name : names) {
        QFile f(dir.filePath(name));
        if (f.open(QIODevice::ReadOnly)) {
            texts.emplace_back(QString::fromUtf8(f.readAll()), dir.filePath(name));
        }
    }
    rules.addTexts(texts);
}

Result<int> RuleCatalog::seedStarterRules(Database& db)
{
    auto seen = db.prepare(u"SELECT 1 FROM meta WHERE key = 'starter_rules_seeded'");
    if (!seen) {
        return seen.error();
    }
    auto row = seen->step();
    if (!row) {
        return row.error();
    }
    if (*row) {
        return 0;
    }
    seen->reset();
    sigma::RuleSet starter;
    addStarterRules(starter);
    auto before = RuleLibrary::list(db);
    if (!before) {
        return before.error();
    }
    if (auto r = remember(db, starter, {QStringLiteral(":/rules")}); !r) {
        return r.error();
    }
    auto after = RuleLibrary::list(db);
    if (!after) {
        return after.error();
    }
    if (auto r = db.exec(u"INSERT OR REPLACE INTO meta (key, value) VALUES "
                         u"('starter_rules_seeded', '1')");
        !r) {
        return r.error();
    }
    return int(after->size() - before->size());
}

} // namespace vigil
