#include "sigma/log_source_map.h"

#include <yaml-cpp/yaml.h>

#include <QFile>

#include "model/event.h"
#include "sigma/match_context.h"
#include "sigma/string_matcher.h"

using namespace Qt::StringLiterals;

namespace vigil::sigma {

namespace detail {

bool SourceCondition::test(MatchContext& ctx) const
{
    const int index = ctx.resolveCached(field);
    if (index < 0) {
        return false;
    }
    const FieldValue& v = ctx.value(index);
    if (v.isNull() || v.isList()) {
        return false;
    }
    if (!integers.empty()) {
        bool ok = v.type() == FieldValue::Type::Int;
        qint64 n = v.toInt();
        if (!ok && v.type() == FieldValue::Type::String) {
            n = QStringView(v.text()).toLongLong(&ok, 10);
        }
        if (ok && std::find(integers.begin(), integers.end(), n) != integers.end()) {
            return true;
        }
    }
    if (!folded.empty()) {
        const QString& text = ctx.folded(index);
        return std::find(folded.begin(), folded.end(), text) != folded.end();
    }
    return false;
}

int LogSourceFilter::test(MatchContext& ctx) const
{
    if (inert) {
        return -1;
    }
    for (const QString& f : requiredFields) {
        if (ctx.resolveCached(f) < 0) {
            return -1;
        }
    }
    if (!formatPrefixes.isEmpty()) {
        const QString& format = ctx.event().format;
        bool any = false;
        for (const QString& p : formatPrefixes) {
            if (format.startsWith(p, Qt::CaseInsensitive)) {
                any = true;
                break;
            }
        }
        if (!any) {
            return -1;
        }
    }
    if (!restricted) {
        return 0;
    }
    for (std::size_t i = 0; i < alternatives.size(); ++i) {
        bool all = true;
        for (const SourceCondition& c : alternatives[i].where) {
            if (!c.test(ctx)) {
                all = false;
                break;
            }
        }
        if (all) {
            return int(i);
        }
    }
    return -1;
}

bool LogSourceFilter::hasAliases() const
{
    for (const SourceAlternative& a : alternatives) {
        if (!a.aliases.isEmpty()) {
            return true;
        }
    }
    return false;
}

} // namespace detail

namespace {

struct MapError {
    QString message;
    YAML::Mark mark;
};

QString str(const YAML::Node& n)
{
    return QString::fromStdString(n.Scalar());
}

QStringList stringList(const YAML::Node& n, const char* what)
{
    QStringList out;
    if (n.IsScalar()) {
        out << str(n);
    } else if (n.IsSequence()) {
        for (const auto& item : n) {
            if (!item.IsScalar()) {
                throw MapError{
                    u"%1 must be a string or a list of strings"_s.arg(QString::fromLatin1(what)),
                    item.Mark()};
            }
            out << str(item);
        }
    } else {
        throw MapError{u"%1 must be a string or a list of strings"_s.arg(QString::fromLatin1(what)),
                       n.Mark()};
    }
    return out;
}

void expectMap(const YAML::Node& n, const QString& what)
{
    if (!n.IsMap()) {
        throw MapError{what + u" must be a map"_s, n.Mark()};
    }
}

detail::SourceCondition parseCondition(const QString& field, const YAML::Node& values)
{
    detail::SourceCondition c;
    c.field = field;
    std::vector<YAML::Node> items;
    if (values.IsSequence()) {
        for (const auto& v : values) {
            items.push_back(v);
        }
    } else {
        items.push_back(values);
    }
    for (const YAML::Node& v : items) {
        if (!v.IsScalar()) {
            throw MapError{u"condition values must be scalars"_s, v.Mark()};
        }
        bool ok = false;
        const qint64 n = str(v).toLongLong(&ok, 10);
        if (ok && v.Tag() == "?") {
            c.integers.push_back(n);
        }
        c.folded.push_back(str(v).toCaseFolded());
    }
    return c;
}

std::vector<detail::SourceAlternative> parseSources(const YAML::Node& n)
{
    if (!n.IsSequence()) {
        throw MapError{u"'sources' must be a list"_s, n.Mark()};
    }
    std::vector<detail::SourceAlternative> out;
    for (const auto& src : n) {
        expectMap(src, u"a source"_s);
        detail::SourceAlternative alt;
        for (const auto& kv : src) {
            const QString key = str(kv.first);
            if (key == u"where") {
                expectMap(kv.second, u"'where'"_s);
                for (const auto& cond : kv.second) {
                    alt.where.push_back(parseCondition(str(cond.first), cond.second));
                }
            } else if (key == u"aliases") {
                expectMap(kv.second, u"'aliases'"_s);
                for (const auto& a : kv.second) {
                    if (!a.second.IsScalar()) {
                        throw MapError{u"an alias must name one field"_s, a.second.Mark()};
                    }
                    alt.aliases.insert(str(a.first), str(a.second));
                }
            } else {
                throw MapError{u"unknown key '%1' in a source"_s.arg(key), kv.first.Mark()};
            }
        }
        out.push_back(std::move(alt));
    }
    return out;
}

} // namespace

/** @brief Reads the mapping YAML into a LogSourceMap (friend of LogSourceMap). */
class LogSourceMapParser {
public:
    static std::shared_ptr<LogSourceMap> parse(const YAML::Node& root)
    {
        auto map = std::make_shared<LogSourceMap>();
        expectMap(root, u"the mapping"_s);
        for (const auto& kv : root) {
            const QString key = str(kv.first);
            if (key == u"version") {
                if (str(kv.second) != u"1") {
                    throw MapError{u"unsupported mapping version"_s, kv.second.Mark()};
                }
            } else if (key == u"products") {
                expectMap(kv.second, u"'products'"_s);
                for (const auto& p : kv.second) {
                    map->m_products.insert(str(p.first).toLower(), parseProduct(p.second));
                }
            } else if (key == u"not_collected") {
                expectMap(kv.second, u"'not_collected'"_s);
                for (const auto& group : kv.second) {
                    const QString what = str(group.first);
                    QSet<QString>* target = what == u"products"     ? &map->m_notCollectedProducts
                                            : what == u"categories" ? &map->m_notCollectedCategories
                                            : what == u"services"   ? &map->m_notCollectedServices
                                                                    : nullptr;
                    if (!target) {
                        throw MapError{u"unknown key '%1' in 'not_collected'"_s.arg(what),
                                       group.first.Mark()};
                    }
                    for (const QString& name : stringList(group.second, "a not_collected list")) {
                        target->insert(name.toLower());
                    }
                }
            } else if (key == u"categories" || key == u"services") {
                if (!kv.second.IsSequence()) {
                    throw MapError{u"'%1' must be a list"_s.arg(key), kv.second.Mark()};
                }
                auto& target = key == u"categories" ? map->m_categories : map->m_services;
                for (const auto& e : kv.second) {
                    target.push_back(parseEntry(e));
                }
            } else {
                throw MapError{u"unknown top-level key '%1'"_s.arg(key), kv.first.Mark()};
            }
        }
        return map;
    }

private:
    static LogSourceMap::Product parseProduct(const YAML::Node& n)
    {
        expectMap(n, u"a product"_s);
        LogSourceMap::Product p;
        for (const auto& kv : n) {
            const QString key = str(kv.first);
            if (key == u"required_fields") {
                p.requiredFields = stringList(kv.second, "required_fields");
            } else if (key == u"format_prefixes") {
                p.formatPrefixes = stringList(kv.second, "format_prefixes");
            } else if (key != u"description") {
                throw MapError{u"unknown key '%1' in a product"_s.arg(key), kv.first.Mark()};
            }
        }
        return p;
    }

    static LogSourceMap::Entry parseEntry(const YAML::Node& n)
    {
        expectMap(n, u"an entry"_s);
        LogSourceMap::Entry e;
        bool haveSources = false;
        for (const auto& kv : n) {
            const QString key = str(kv.first);
            if (key == u"name") {
                for (const QString& s : stringList(kv.second, "name")) {
                    e.names << s.toLower();
                }
            } else if (key == u"product") {
                e.product = str(kv.second).toLower();
            } else if (key == u"sources") {
                e.sources = parseSources(kv.second);
                haveSources = true;
            } else if (key != u"description") {
                throw MapError{u"unknown key '%1' in an entry"_s.arg(key), kv.first.Mark()};
            }
        }
        if (e.names.isEmpty() || !haveSources) {
            throw MapError{u"an entry needs 'name' and 'sources'"_s, n.Mark()};
        }
        return e;
    }
};

Result<std::shared_ptr<const LogSourceMap>> LogSourceMap::parse(const QString& yaml,
                                                                const QString& origin)
{
    Error err;
    err.code = ErrorCode::Rule;
    err.file = origin;
    try {
        const YAML::Node root = YAML::Load(yaml.toStdString());
        return std::shared_ptr<const LogSourceMap>(LogSourceMapParser::parse(root));
    } catch (const MapError& e) {
        err.message = u"log-source mapping: "_s + e.message;
        err.line = e.mark.line + 1;
        err.column = e.mark.column + 1;
    } catch (const YAML::Exception& e) {
        err.message = u"log-source mapping: "_s + QString::fromStdString(e.msg);
        err.line = e.mark.is_null() ? 0 : e.mark.line + 1;
        err.column = e.mark.is_null() ? 0 : e.mark.column + 1;
    }
    return err;
}

Result<std::shared_ptr<const LogSourceMap>> LogSourceMap::builtin()
{
    // Parsed once; the result (map or error) is immutable afterwards.
    static const Result<std::shared_ptr<const LogSourceMap>> kBuiltin = [] {
        const QString path = u":/sigma/logsources.yml"_s;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            Error e = makeError(ErrorCode::Io, u"cannot read the log-source mapping"_s);
            e.file = path;
            return Result<std::shared_ptr<const LogSourceMap>>(e);
        }
        return parse(QString::fromUtf8(file.readAll()), path);
    }();
    return kBuiltin;
}

bool LogSourceMap::lookup(const std::vector<Entry>& entries, const QString& name,
                          const QString& product, std::vector<detail::SourceAlternative>& out)
{
    bool found = false;
    for (const Entry& e : entries) {
        if (!e.names.contains(name)) {
            continue;
        }
        if (!e.product.isEmpty() && !product.isEmpty() && e.product != product) {
            continue;
        }
        found = true;
        out.insert(out.end(), e.sources.begin(), e.sources.end());
    }
    return found;
}

std::shared_ptr<detail::LogSourceFilter> LogSourceMap::filterFor(const QString& productIn,
                                                                 const QString& categoryIn,
                                                                 const QString& serviceIn,
                                                                 QStringList* warnings) const
{
    const QString product = productIn.toLower();
    const QString category = categoryIn.toLower();
    const QString service = serviceIn.toLower();
    auto f = std::make_shared<detail::LogSourceFilter>();
    f->key = product + u'|' + category + u'|' + service;
    auto warn = [warnings](const QString& text) {
        if (warnings) {
            *warnings << text;
        }
    };
    auto makeInert = [&f, &warn](const QString& what, const QString& name) {
        if (f->inert) {
            return; // one reason is enough
        }
        f->inert = true;
        warn(u"Vigil does not collect log source %1 '%2' yet; the rule cannot match until it does"_s
                 .arg(what, name));
    };
    const bool productKnown = !product.isEmpty() && m_products.contains(product);
    if (!product.isEmpty()) {
        if (productKnown) {
            const Product& p = m_products[product];
            f->requiredFields = p.requiredFields;
            f->formatPrefixes = p.formatPrefixes;
        } else if (m_notCollectedProducts.contains(product)) {
            makeInert(u"product"_s, product);
        } else {
            warn(u"log source product '%1' is unknown to Vigil; the rule is not restricted by it"_s
                     .arg(product));
        }
    }
    std::vector<detail::SourceAlternative> cats;
    std::vector<detail::SourceAlternative> svcs;
    const bool haveCat = !category.isEmpty() && lookup(m_categories, category, product, cats);
    const bool haveSvc = !service.isEmpty() && lookup(m_services, service, product, svcs);
    // Under a product Vigil knows, an unmapped category or service is a kind of event Vigil
    // cannot recognise yet; elsewhere only the listed ones are.
    if (!category.isEmpty() && !haveCat) {
        if (productKnown || m_notCollectedCategories.contains(category)) {
            makeInert(u"category"_s, category);
        } else if (!f->inert) {
            warn(u"log source category '%1' is unknown to Vigil; the rule is not restricted by it"_s
                     .arg(category));
        }
    }
    if (!service.isEmpty() && !haveSvc) {
        if (productKnown || m_notCollectedServices.contains(service)) {
            makeInert(u"service"_s, service);
        } else if (!f->inert) {
            warn(u"log source service '%1' is unknown to Vigil; the rule is not restricted by it"_s
                     .arg(service));
        }
    }
    if (haveCat && haveSvc) {
        // Both restrict: every pairing of a category source with a service source.
        for (const auto& c : cats) {
            for (const auto& s : svcs) {
                detail::SourceAlternative alt = c;
                alt.where.insert(alt.where.end(), s.where.begin(), s.where.end());
                alt.aliases.insert(s.aliases);
                f->alternatives.push_back(std::move(alt));
            }
        }
    } else {
        f->alternatives = haveCat ? std::move(cats) : std::move(svcs);
    }
    f->restricted = haveCat || haveSvc;
    return f;
}

} // namespace vigil::sigma
