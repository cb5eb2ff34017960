#include "sigma/rule_set.h"

#include <algorithm>

#include <yaml-cpp/yaml.h>

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QtConcurrent>

#include "model/event.h"
#include "sigma/correlation_builder.h"
#include "sigma/correlation_links.h"
#include "sigma/correlation_rule.h"
#include "sigma/log_source_map.h"
#include "sigma/match_context.h"
#include "sigma/match_index.h"
#include "sigma/rule.h"
#include "sigma/rule_builder.h"
#include "sigma/rule_index.h"

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcSigma, "vigil.sigma", QtInfoMsg)

namespace vigil::sigma {

namespace {

struct Segment {
    QString text;
    int lineOffset = 0;
};

bool isMarker(QStringView line, QStringView marker)
{
    return line.startsWith(marker) && (line.size() == 3 || line[3].isSpace());
}

bool isBlank(const QString& text)
{
    for (const QString& line : text.split(u'\n')) {
        const QString t = line.trimmed();
        if (!t.isEmpty() && !t.startsWith(u'#')) {
            return false;
        }
    }
    return true;
}

/**
 * Splits a YAML stream at `---`/`...` lines so each document is parsed (and fails) on its
 * own and keeps its own text. A `---` line that carries content keeps that content, with the
 * marker blanked so columns stay right.
 */
std::vector<Segment> splitDocuments(const QString& text)
{
    std::vector<Segment> out;
    const QStringList lines = text.split(u'\n');
    QStringList current;
    int start = 0;
    auto flush = [&](int next) {
        Segment s{current.join(u'\n'), start};
        if (!isBlank(s.text)) {
            out.push_back(std::move(s));
        }
        current.clear();
        start = next;
    };
    for (int i = 0; i < lines.size(); ++i) {
        QString line = lines[i];
        if (line.endsWith(u'\r')) {
            line.chop(1);
        }
        if (isMarker(line, u"---") || isMarker(line, u"...")) {
            const bool rest = !isBlank(line.mid(3));
            flush(rest ? i : i + 1);
            if (rest && line.startsWith(u"---")) {
                current << u"   "_s + line.mid(3);
            }
            continue;
        }
        current << line;
    }
    flush(int(lines.size()));
    return out;
}

} // namespace

/** One YAML document of a rule file, parsed (possibly on a worker thread) but not yet built. */
struct detail::ParsedDocument {
    Segment seg;
    YAML::Node root;
    bool failed = false; // YAML::Load threw: message, line and column say why and where
    QString message;
    int line = 0;
    int column = 0;
};

namespace {

detail::ParsedDocument parseDocument(Segment seg)
{
    detail::ParsedDocument d;
    d.seg = std::move(seg);
    try {
        d.root = YAML::Load(d.seg.text.toStdString());
    } catch (const YAML::Exception& e) {
        d.failed = true;
        d.message = u"YAML: "_s + QString::fromStdString(e.msg);
        if (!e.mark.is_null()) {
            d.line = e.mark.line + 1 + d.seg.lineOffset;
            d.column = e.mark.column + 1;
        }
    } catch (const std::exception& e) {
        d.failed = true;
        d.message = QString::fromLocal8Bit(e.what());
        d.line = d.seg.lineOffset + 1;
    }
    return d;
}

/** A rule file read and its documents parsed: the part of loading that runs on any thread. */
struct ParsedFile {
    QString readError;
    std::vector<detail::ParsedDocument> documents;
};

ParsedFile parseFile(const QString& path)
{
    ParsedFile out;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        out.readError = u"cannot read the file: "_s + file.errorString();
        return out;
    }
    for (Segment& seg : splitDocuments(QString::fromUtf8(file.readAll()))) {
        out.documents.push_back(parseDocument(std::move(seg)));
    }
    return out;
}

} // namespace

QString LoadIssue::toString() const
{
    QString where = file;
    if (line > 0) {
        where += u':' + QString::number(line);
        if (column > 0) {
            where += u':' + QString::number(column);
        }
    }
    return where.isEmpty() ? message : where + u": "_s + message;
}

RuleSet::RuleSet()
    : m_index(std::make_unique<detail::MatchIndex>())
    , m_ruleIndex(std::make_unique<detail::RuleIndex>())
{
}

RuleSet::~RuleSet() = default;
RuleSet::RuleSet(RuleSet&&) noexcept = default;
RuleSet& RuleSet::operator=(RuleSet&&) noexcept = default;

void RuleSet::setLogSourceMapText(const QString& yaml, const QString& origin)
{
    auto parsed = LogSourceMap::parse(yaml, origin);
    if (parsed) {
        m_map = *parsed;
        m_mapBroken = false;
        return;
    }
    m_map.reset();
    m_mapBroken = true;
    const Error& e = parsed.error();
    addIssue({e.file, e.line, e.column, {}, {}, e.message, false});
}

void RuleSet::ensureMap()
{
    if (m_map || m_mapBroken) {
        return;
    }
    auto builtin = LogSourceMap::builtin();
    if (builtin) {
        m_map = *builtin;
        return;
    }
    m_mapBroken = true;
    const Error& e = builtin.error();
    addIssue({e.file, e.line, e.column, {}, {}, e.message, false});
}

void RuleSet::addIssue(LoadIssue issue)
{
    qCDebug(lcSigma) << issue.toString();
    m_issues.push_back(std::move(issue));
}

void RuleSet::addPath(const QString& fileOrDir)
{
    const QFileInfo info(fileOrDir);
    if (info.isDir()) {
        QStringList files;
        QDirIterator it(fileOrDir, {u"*.yml"_s, u"*.yaml"_s}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            files << it.next();
        }
        std::sort(files.begin(), files.end());
        // Reading and YAML parsing (most of the loading time) run on every core, a slice of
        // files at a time to bound memory; building stays in file order on this thread, so
        // ids, issues and load order are those of a one-file-at-a-time load.
        constexpr qsizetype kSlice = 128;
        for (qsizetype at = 0; at < files.size(); at += kSlice) {
            const QStringList slice = files.mid(at, kSlice);
            const QList<ParsedFile> parsed = QtConcurrent::blockingMapped(slice, parseFile);
            for (qsizetype i = 0; i < slice.size(); ++i) {
                if (!parsed[i].readError.isEmpty()) {
                    addIssue({slice[i], 0, 0, {}, {}, parsed[i].readError, false});
                    continue;
                }
                for (const detail::ParsedDocument& doc : parsed[i].documents) {
                    addDocument(doc, slice[i], slice[i]);
                }
            }
        }
        finishLoading();
        return;
    }
    if (!info.exists()) {
        addIssue({fileOrDir, 0, 0, {}, {}, u"no such file or folder"_s, false});
        return;
    }
    addFile(fileOrDir);
    finishLoading();
}

void RuleSet::addFile(const QString& path)
{
    const ParsedFile parsed = parseFile(path);
    if (!parsed.readError.isEmpty()) {
        addIssue({path, 0, 0, {}, {}, parsed.readError, false});
        return;
    }
    for (const detail::ParsedDocument& doc : parsed.documents) {
        addDocument(doc, path, path);
    }
}

void RuleSet::addText(const QString& yaml, const QString& origin)
{
    addDocuments(yaml, origin, origin);
    finishLoading();
}

void RuleSet::addTexts(const std::vector<std::pair<QString, QString>>& texts)
{
    // The literal index is rebuilt once at the end, not per text.
    for (const auto& [yaml, origin] : texts) {
        addDocuments(yaml, origin, origin);
    }
    finishLoading();
}

void RuleSet::addDocuments(const QString& text, const QString& file, const QString& path)
{
    for (Segment& seg : splitDocuments(text)) {
        addDocument(parseDocument(std::move(seg)), file, path);
    }
}

void RuleSet::addDocument(const detail::ParsedDocument& doc, const QString& file,
                          const QString& path)
{
    ensureMap();
    const Segment& seg = doc.seg;
    ++m_documents;
    detail::DocumentSource source{seg.text, path, seg.lineOffset};
    if (m_mapBroken) {
        addIssue({file,
                  seg.lineOffset + 1,
                  0,
                  {},
                  {},
                  u"the log-source mapping is broken; no rule can be loaded"_s,
                  false});
        return;
    }
    if (doc.failed) {
        addIssue({file, doc.line, doc.column, {}, {}, doc.message, false});
        return;
    }
    detail::RuleBuilder builder(source, *m_map, m_index.get());
    try {
        const YAML::Node& root = doc.root;
        if (root.IsMap() && root["correlation"]) {
            addCorrelation(root, builder, file, seg.lineOffset);
            return;
        }
        std::shared_ptr<Rule> rule = builder.build(root);
        if (!claimId(rule->meta().id, root, file, seg.lineOffset, rule->meta().title)) {
            return;
        }
        // Rules with the same log source share one filter slot, tested once per event.
        const QString& key = rule->logSourceFilter().key;
        auto it = m_filterIndex.constFind(key);
        if (it == m_filterIndex.cend()) {
            it = m_filterIndex.insert(key, int(m_filterList.size()));
            m_filterList.push_back(&rule->logSourceFilter());
        }
        m_ruleFilter.push_back(*it);
        m_rules.push_back(std::move(rule));
    } catch (const detail::BuildError& e) {
        addIssue({file, e.line, e.column, builder.ruleId(), builder.title(), e.message,
                  e.unsupported});
    } catch (const YAML::Exception& e) {
        LoadIssue issue{file,
                        0,
                        0,
                        builder.ruleId(),
                        builder.title(),
                        u"YAML: "_s + QString::fromStdString(e.msg),
                        false};
        if (!e.mark.is_null()) {
            issue.line = e.mark.line + 1 + seg.lineOffset;
            issue.column = e.mark.column + 1;
        }
        addIssue(std::move(issue));
    } catch (const std::exception& e) {
        addIssue({file, seg.lineOffset + 1, 0, builder.ruleId(), builder.title(),
                  QString::fromLocal8Bit(e.what()), false});
    }
}

bool RuleSet::claimId(const QString& id, const YAML::Node& root, const QString& file,
                      int lineOffset, const QString& title)
{
    if (id.isEmpty()) {
        return true;
    }
    const YAML::Mark mark = root["id"].Mark();
    const auto first = m_idOrigin.constFind(id);
    if (first != m_idOrigin.cend()) {
        addIssue({file, mark.line + 1 + lineOffset, mark.column + 1, id, title,
                  u"duplicate rule id, first loaded from "_s + *first, false});
        return false;
    }
    m_idOrigin.insert(id, file + u':' + QString::number(mark.line + 1 + lineOffset));
    return true;
}

void RuleSet::addCorrelation(const YAML::Node& root, detail::RuleBuilder& builder,
                             const QString& file, int lineOffset)
{
    detail::CorrelationBuilder correlations(builder);
    std::shared_ptr<CorrelationRule> c = correlations.build(root);
    if (claimId(c->meta().id, root, file, lineOffset, c->meta().title)) {
        m_correlationDefs.push_back(std::move(c));
    }
}

void RuleSet::linkCorrelations()
{
    // Issues of the previous linking are replaced: a reference that did not resolve then may
    // resolve now that more rules are loaded.
    const auto begin = m_issues.begin() + std::ptrdiff_t(m_linkIssuesBegin);
    m_issues.erase(begin, begin + std::ptrdiff_t(m_linkIssuesCount));
    m_linkIssuesBegin = m_issues.size();
    m_correlations = detail::CorrelationLinker::link(m_rules, m_correlationDefs, m_issues);
    m_linkIssuesCount = m_issues.size() - m_linkIssuesBegin;
    for (std::size_t i = m_linkIssuesBegin; i < m_issues.size(); ++i) {
        qCDebug(lcSigma) << m_issues[i].toString();
    }
}

void RuleSet::finishLoading()
{
    m_index->finalize();
    std::vector<detail::RuleIndex::RuleInput> inputs;
    inputs.reserve(m_rules.size());
    for (const auto& rule : m_rules) {
        inputs.push_back({&rule->logSourceFilter(), &rule->detection()});
    }
    m_ruleIndex->build(inputs, *m_index);
    linkCorrelations();
}

RuleSet::IndexStats RuleSet::indexStats() const
{
    IndexStats st;
    st.rules = int(m_rules.size());
    for (const auto& rule : m_rules) {
        st.inertRules += rule->canMatch() ? 0 : 1;
    }
    const detail::RuleIndex::Stats index = m_ruleIndex->stats();
    st.buckets = index.buckets;
    st.rulesWithoutRequirement = index.rulesWithoutRequirement;
    st.postings = index.postings;
    const detail::MatchIndex::Stats automata = m_index->stats();
    st.literals = automata.literals;
    st.automatonStates = automata.states;
    st.automatonBytes = automata.bytes;
    return st;
}

void RuleSet::match(const Event& e, std::vector<const Rule*>& hits) const
{
    thread_local detail::MatchContext ctx;
    thread_local detail::RuleIndex::Scratch scratch;
    thread_local std::vector<int> candidates;
    ctx.reset(e);
    ctx.setIndex(m_index.get());
    m_ruleIndex->candidates(ctx, candidates, scratch);

    // Rules with the same log source share one test per event.
    std::vector<int>& results = ctx.filterResults();
    results.assign(m_filterList.size(), -2);
    for (const int i : candidates) {
        const std::size_t filter = std::size_t(m_ruleFilter[std::size_t(i)]);
        int& alternative = results[filter];
        if (alternative == -2) {
            alternative = m_filterList[filter]->test(ctx);
        }
        if (alternative >= 0 && m_rules[std::size_t(i)]->matchesDetection(ctx, alternative)) {
            hits.push_back(m_rules[std::size_t(i)].get());
        }
    }
}

void RuleSet::matchNaive(const Event& e, std::vector<const Rule*>& hits) const
{
    for (const auto& rule : m_rules) {
        if (rule->matches(e)) {
            hits.push_back(rule.get());
        }
    }
}

} // namespace vigil::sigma
