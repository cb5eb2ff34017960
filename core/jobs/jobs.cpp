#include "jobs/jobs.h"

#include <QElapsedTimer>
#include <QPromise>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include "demo/demo_generator.h"
#include "demo/demo_inventory.h"
#include "sigma/rule_set.h"
#include "storage/journal.h"
#include "storage/store.h"
#include "triage/rule_catalog.h"
#include "util/timestamp.h"

namespace vigil {

namespace {

/** Forwards progress to the promise at most every 100 ms. */
class ProgressBridge {
public:
    explicit ProgressBridge(QPromise<JobOutcome>& promise) : m_promise(promise)
    {
        m_promise.setProgressRange(0, 1000);
        m_timer.start();
    }

    void report(qint64 done, qint64 total, const QString& what)
    {
        if (m_timer.elapsed() < 100 && done < total) {
            return;
        }
        m_timer.restart();
        const int permille = total > 0 ? int(std::min<qint64>(1000, done * 1000 / total)) : 0;
        m_promise.setProgressValueAndText(permille, what);
    }

    void text(const QString& what)
    {
        m_promise.setProgressValueAndText(m_promise.future().progressValue(), what);
    }

private:
    QPromise<JobOutcome>& m_promise;
    QElapsedTimer m_timer;
};

struct Prepared {
    Database db;
    sigma::RuleSet rules;
    int rulesLoaded = 0;
};

// Opens the store and compiles the library's enabled rules: the start of every job.
std::optional<Prepared> prepare(const QString& dbPath, JobOutcome& outcome)
{
    auto db = Store::openWriter(dbPath);
    if (!db) {
        outcome.error = db.error();
        return std::nullopt;
    }
    Prepared p{std::move(*db), {}, 0};
    auto loaded = RuleCatalog::loadEnabled(p.db, p.rules);
    if (!loaded) {
        outcome.error = loaded.error();
        return std::nullopt;
    }
    p.rulesLoaded = int(p.rules.rules().size());
    outcome.rulesLoaded = p.rulesLoaded;
    return p;
}

void runImport(QPromise<JobOutcome>& promise, const QString& dbPath, const QStringList& files,
               const IngestOptions& options, const std::shared_ptr<CancelFlag>& cancel)
{
    JobOutcome outcome;
    ProgressBridge bridge(promise);
    bridge.text(QStringLiteral("Loading rules"));
    auto p = prepare(dbPath, outcome);
    if (p) {
        auto summary = importFiles(
            p->db, p->rules.rules().empty() ? nullptr : &p->rules, files, options, cancel.get(),
            [&](qint64 done, qint64 total) {
                bridge.report(done, total, QStringLiteral("Importing"));
            });
        if (summary) {
            outcome.ingest = std::move(*summary);
        } else {
            outcome.error = summary.error();
        }
    }
    promise.addResult(outcome);
}

void runStoreHunt(QPromise<JobOutcome>& promise, const QString& dbPath,
                  const std::shared_ptr<CancelFlag>& cancel)
{
    JobOutcome outcome;
    ProgressBridge bridge(promise);
    bridge.text(QStringLiteral("Loading rules"));
    auto p = prepare(dbPath, outcome);
    if (p) {
        auto summary = vigil::huntStore(p->db, p->rules, localActor(), {}, cancel.get(),
                                        [&](qint64 done, qint64 total) {
                                            bridge.report(done, total,
                                                          QStringLiteral("Running rules"));
                                        });
        if (summary) {
            outcome.hunt = *summary;
        } else {
            outcome.error = summary.error();
        }
    }
    promise.addResult(outcome);
}

void runDemo(QPromise<JobOutcome>& promise, const QString& dbPath, quint64 seed)
{
    JobOutcome outcome;
    ProgressBridge bridge(promise);
    bridge.text(QStringLiteral("Adding the starter rules"));
    {
        auto db = Store::openWriter(dbPath);
        if (!db) {
            outcome.error = db.error();
            promise.addResult(outcome);
            return;
        }
        if (auto r = RuleCatalog::seedStarterRules(*db); !r) {
            outcome.error = r.error();
            promise.addResult(outcome);
            return;
        }
        if (auto r = demo::seedInventory(*db); !r) {
            outcome.error = r.error();
            promise.addResult(outcome);
            return;
        }
    }
    auto p = prepare(dbPath, outcome);
    if (p) {
        bridge.text(QStringLiteral("Generating demo events"));
        std::vector<Event> events = generateDemoEvents(seed, nowNs());
        bridge.text(QStringLiteral("Storing and detecting"));
        auto summary = importEvents(p->db, &p->rules, std::move(events),
                                    QStringLiteral("demo (seed %1)").arg(seed), IngestOptions());
        if (summary) {
            outcome.ingest = std::move(*summary);
        } else {
            outcome.error = summary.error();
        }
    }
    promise.addResult(outcome);
}

void runAddRules(QPromise<JobOutcome>& promise, const QString& dbPath, const QStringList& paths)
{
    JobOutcome outcome;
    ProgressBridge bridge(promise);
    bridge.text(QStringLiteral("Loading rules"));
    sigma::RuleSet rules;
    for (const QString& p : paths) {
        rules.addPath(p);
    }
    outcome.rulesLoaded = int(rules.rules().size());
    outcome.ruleIssues = int(rules.issues().size());
    bridge.text(QStringLiteral("Saving to the library"));
    auto db = Store::openWriter(dbPath);
    if (!db) {
        outcome.error = db.error();
    } else if (auto r = RuleCatalog::remember(*db, rules, paths); !r) {
        outcome.error = r.error();
    }
    promise.addResult(outcome);
}

} // namespace

JobHandle Jobs::addRules(QThreadPool& pool, const QString& dbPath, const QStringList& paths)
{
    return {QtConcurrent::run(&pool, runAddRules, dbPath, paths),
            std::make_shared<CancelFlag>(false)};
}

JobHandle Jobs::importFiles(QThreadPool& pool, const QString& dbPath, const QStringList& files,
                            const IngestOptions& options)
{
    auto cancel = std::make_shared<CancelFlag>(false);
    return {QtConcurrent::run(&pool, runImport, dbPath, files, options, cancel), cancel};
}

JobHandle Jobs::huntStore(QThreadPool& pool, const QString& dbPath)
{
    auto cancel = std::make_shared<CancelFlag>(false);
    return {QtConcurrent::run(&pool, runStoreHunt, dbPath, cancel), cancel};
}

JobHandle Jobs::loadDemo(QThreadPool& pool, const QString& dbPath, quint64 seed)
{
    auto cancel = std::make_shared<CancelFlag>(false);
    return {QtConcurrent::run(&pool, runDemo, dbPath, seed), cancel};
}

} // namespace vigil
