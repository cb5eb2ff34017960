// Compiles `field|modifiers: values` entries and keyword values (sigma-semantics.md §2–§4).
#include <yaml-cpp/yaml.h>

#include <QHostAddress>
#include <QRegularExpression>

#include "sigma/match_index.h"
#include "sigma/modifiers.h"
#include "sigma/rule_builder.h"
#include "sigma/sigma_string.h"
#include "sigma/value_matcher.h"

using namespace Qt::StringLiterals;

namespace vigil::sigma::detail {

namespace {

/** @brief A YAML scalar with the type YAML gives it (quoted scalars are always strings). */
struct Scalar {
    enum class Type { Null, Bool, Int, Float, String };
    Type type = Type::String;
    QString text;
    qint64 integer = 0;
    double number = 0;
};

Scalar classify(const YAML::Node& n)
{
    Scalar s;
    if (n.IsNull()) {
        s.type = Scalar::Type::Null;
        return s;
    }
    s.text = QString::fromStdString(n.Scalar());
    if (n.Tag() != "?") {
        return s; // quoted or explicitly tagged: a string
    }
    static const QRegularExpression kInt(u"^[-+]?[0-9]+$"_s);
    static const QRegularExpression kFloat(
        u"^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$"_s);
    if (s.text == u"true" || s.text == u"True" || s.text == u"TRUE") {
        s.type = Scalar::Type::Bool;
        s.text = u"true"_s;
    } else if (s.text == u"false" || s.text == u"False" || s.text == u"FALSE") {
        s.type = Scalar::Type::Bool;
        s.text = u"false"_s;
    } else if (kInt.match(s.text).hasMatch()) {
        bool ok = false;
        s.integer = s.text.toLongLong(&ok, 10);
        // Beyond 64 bits the digits are compared as text.
        s.type = ok ? Scalar::Type::Int : Scalar::Type::String;
        s.number = double(s.integer);
    } else if (kFloat.match(s.text).hasMatch()) {
        s.type = Scalar::Type::Float;
        s.number = s.text.toDouble();
    }
    return s;
}

bool hostBitsClear(const QHostAddress& addr, int prefix)
{
    if (addr.protocol() == QAbstractSocket::IPv4Protocol) {
        const quint32 v = addr.toIPv4Address();
        const quint32 mask = prefix == 0 ? 0 : (~quint32(0) << (32 - prefix));
        return (v & ~mask) == 0;
    }
    const Q_IPV6ADDR v6 = addr.toIPv6Address();
    for (int bit = prefix; bit < 128; ++bit) {
        if (v6[bit / 8] & (0x80 >> (bit % 8))) {
            return false;
        }
    }
    return true;
}

/** @brief Rejects modifier combinations sigma-semantics.md §4 forbids. */
void validateModifiers(const RuleBuilder& b, const YAML::Node& keyNode,
                       const std::vector<Mod>& mods, const std::vector<QString>& names,
                       bool keyword, const FieldItem& item)
{
    auto indexOf = [&mods](Mod m) {
        return std::size_t(std::find(mods.begin(), mods.end(), m) - mods.begin());
    };
    auto has = [&](Mod m) { return indexOf(m) < mods.size(); };
    // Everything besides @p first must be in @p allowed.
    auto requireOnly = [&](Mod first, std::initializer_list<Mod> allowed) {
        for (std::size_t i = 0; i < mods.size(); ++i) {
            if (mods[i] != first
                && std::find(allowed.begin(), allowed.end(), mods[i]) == allowed.end()) {
                b.fail(keyNode,
                       u"modifier '%1' cannot be combined with '%2'"_s.arg(names[i],
                                                                           names[indexOf(first)]));
            }
        }
    };
    if (has(Mod::Re) && mods.front() != Mod::Re) {
        b.fail(keyNode, u"'re' must be the first modifier"_s);
    }
    if (!has(Mod::Re) && (has(Mod::ReI) || has(Mod::ReM) || has(Mod::ReS))) {
        b.fail(keyNode, u"regular expression flags (i, m, s) are only valid after 're'"_s);
    }
    for (Mod m : {Mod::Cidr, Mod::Exists, Mod::Gt, Mod::Gte, Mod::Lt, Mod::Lte, Mod::FieldRef}) {
        if (keyword && has(m)) {
            b.fail(keyNode, u"modifier '%1' needs a field name"_s.arg(names[indexOf(m)]));
        }
    }
    if (keyword && item.negate) {
        b.fail(keyNode, u"modifier 'neq' needs a field name"_s);
    }
    if (has(Mod::Re)) {
        requireOnly(Mod::Re,
                    {Mod::ReI, Mod::ReM, Mod::ReS, Mod::Contains, Mod::StartsWith, Mod::EndsWith,
                     Mod::Cased});
    }
    for (Mod m : {Mod::Cidr, Mod::Gt, Mod::Gte, Mod::Lt, Mod::Lte}) {
        if (has(m)) {
            requireOnly(m, {});
        }
    }
    if (has(Mod::Exists) && (mods.size() > 1 || item.all || item.negate)) {
        b.fail(keyNode, u"'exists' must be the only modifier"_s);
    }
    if (has(Mod::FieldRef)) {
        requireOnly(Mod::FieldRef, {Mod::Contains, Mod::StartsWith, Mod::EndsWith, Mod::Cased});
    }
}

/** @brief Lets evalField() answer from one literal scan when every value is indexed. */
void setUpFastPath(FieldItem& item)
{
    int fieldId = -1;
    for (const auto& group : item.groups) {
        for (const auto& m : group) {
            const auto* sm = dynamic_cast<const StringValueMatcher*>(m.get());
            if (!sm || !sm->indexMask() || (fieldId >= 0 && sm->indexFieldId() != fieldId)) {
                item.fastLiterals.clear();
                item.fastGroupEnd.clear();
                return;
            }
            fieldId = sm->indexFieldId();
            item.fastLiterals.emplace_back(sm->indexLiteral(), sm->indexMask());
        }
        item.fastGroupEnd.push_back(int(item.fastLiterals.size()));
    }
    item.fastFieldId = fieldId;
}

} // namespace

FieldItem RuleBuilder::compileItem(const YAML::Node& keyNode, const YAML::Node& value)
{
    const QString key = QString::fromStdString(keyNode.Scalar());
    const QStringList parts = key.split(u'|');
    const QString field = parts.front();
    const bool keyword = field.isEmpty();
    FieldItem item;

    std::vector<Mod> mods;         // positional modifiers, without all/neq
    std::vector<QString> modNames; // their names as written, for messages
    for (int i = 1; i < parts.size(); ++i) {
        if (parts[i].isEmpty()) {
            fail(keyNode, u"empty modifier in '%1'"_s.arg(key));
        }
        const auto m = modFromName(parts[i]);
        if (!m) {
            fail(keyNode, u"unknown modifier '%1'"_s.arg(parts[i]));
        }
        if (*m == Mod::All) {
            item.all = true;
        } else if (*m == Mod::Neq) {
            item.negate = true;
        } else if (*m == Mod::Time) {
            fail(keyNode, u"time modifier '%1' is not supported yet"_s.arg(parts[i]), true);
        } else {
            mods.push_back(*m);
            modNames.push_back(parts[i]);
        }
    }
    validateModifiers(*this, keyNode, mods, modNames, keyword, item);
    auto has = [&mods](Mod m) { return std::find(mods.begin(), mods.end(), m) != mods.end(); };
    const bool isRe = has(Mod::Re);
    const bool cased = has(Mod::Cased);

    item.slot = keyword ? -1 : slotFor(field);

    // Collect the values.
    std::vector<YAML::Node> values;
    if (value.IsSequence()) {
        for (const auto& v : value) {
            if (!v.IsScalar() && !v.IsNull()) {
                fail(v,
                     u"a value of '%1' must be a scalar, not a %2"_s.arg(
                         key, v.IsMap() ? u"map"_s : u"list"_s));
            }
            values.push_back(v);
        }
        if (values.empty() && !keyword) {
            // `Field: []` tests for an absent or null field, like pySigma.
            item.groups.emplace_back();
            item.groups.back().push_back(std::make_unique<NullValueMatcher>());
            return item;
        }
    } else if (value.IsMap()) {
        fail(value, u"the value of '%1' must be a scalar or a list, not a map"_s.arg(key));
    } else {
        values.push_back(value);
    }
    if (values.empty()) {
        fail(keyNode, u"'%1' has no values"_s.arg(key));
    }

    for (const YAML::Node& vn : values) {
        const Scalar sc = classify(vn);
        std::vector<std::unique_ptr<ValueMatcher>> group;
        if (has(Mod::Exists)) {
            if (sc.type != Scalar::Type::Bool) {
                fail(vn, u"'exists' needs the YAML boolean true or false"_s);
            }
            group.push_back(std::make_unique<ExistsValueMatcher>(sc.text == u"true"));
        } else if (sc.type == Scalar::Type::Null) {
            if (keyword) {
                fail(vn, u"a keyword cannot be null"_s);
            }
            group.push_back(std::make_unique<NullValueMatcher>());
        } else if (isRe) {
            RegexMatcher::Flags flags;
            flags.ignoreCase = has(Mod::ReI);
            flags.multiLine = has(Mod::ReM);
            flags.dotAll = has(Mod::ReS);
            QString error;
            auto re = RegexMatcher::compile(sc.text, flags, &error);
            if (!re) {
                fail(vn, error);
            }
            if (!re->usesRe2()) {
                m_itemWarnings << u"the regular expression '%1' needs features RE2 lacks "
                                  u"(look-around, back-references); it runs on PCRE2 with limits: "
                                  u"only the first %2 KiB of a value are searched, and a search "
                                  u"that hits the step limit counts as no match"_s
                                      .arg(sc.text.left(80),
                                           QString::number(RegexMatcher::kMaxFallbackSubject / 1024));
            }
            group.push_back(std::make_unique<RegexValueMatcher>(std::move(re)));
        } else if (has(Mod::Cidr)) {
            const QString t = sc.text.trimmed();
            QHostAddress net;
            int prefix = 0;
            if (t.contains(u'/')) {
                // parseSubnet() masks host bits away, so read the address part on its own.
                const auto pair = QHostAddress::parseSubnet(t);
                prefix = pair.second;
                if (pair.first.isNull() || !net.setAddress(t.section(u'/', 0, 0))) {
                    fail(vn, u"'%1' is not an IPv4 or IPv6 network"_s.arg(t));
                }
            } else if (net.setAddress(t)) {
                prefix = net.protocol() == QAbstractSocket::IPv4Protocol ? 32 : 128;
            } else {
                fail(vn, u"'%1' is not an IPv4 or IPv6 network"_s.arg(t));
            }
            if (!hostBitsClear(net, prefix)) {
                fail(vn, u"network '%1' has host bits set"_s.arg(t));
            }
            group.push_back(std::make_unique<CidrValueMatcher>(net, prefix));
        } else if (has(Mod::Gt) || has(Mod::Gte) || has(Mod::Lt) || has(Mod::Lte)) {
            if (sc.type != Scalar::Type::Int && sc.type != Scalar::Type::Float) {
                fail(vn, u"'%1' needs an unquoted YAML number"_s.arg(modNames.front()));
            }
            const auto op = has(Mod::Gt) ? NumericValueMatcher::Op::Gt
                : has(Mod::Gte)          ? NumericValueMatcher::Op::Gte
                : has(Mod::Lt)           ? NumericValueMatcher::Op::Lt
                                         : NumericValueMatcher::Op::Lte;
            group.push_back(std::make_unique<NumericValueMatcher>(op, sc.type == Scalar::Type::Int,
                                                                  sc.integer, sc.number));
        } else if (has(Mod::FieldRef)) {
            if (sc.text.contains(u'*') || sc.text.contains(u'?') || sc.text.isEmpty()) {
                fail(vn, u"'fieldref' needs a field name without wildcards"_s);
            }
            auto mode = FieldRefValueMatcher::Mode::Equal;
            if (has(Mod::Contains) || (has(Mod::StartsWith) && has(Mod::EndsWith))) {
                mode = FieldRefValueMatcher::Mode::Contains;
            } else if (has(Mod::StartsWith)) {
                mode = FieldRefValueMatcher::Mode::Prefix;
            } else if (has(Mod::EndsWith)) {
                mode = FieldRefValueMatcher::Mode::Suffix;
            }
            group.push_back(std::make_unique<FieldRefValueMatcher>(slotFor(sc.text), mode, cased));
        } else if (sc.type == Scalar::Type::Int && mods.empty() && !keyword) {
            group.push_back(std::make_unique<IntValueMatcher>(sc.integer, sc.text));
        } else {
            compileStringValue(*this, vn, sc.text, mods, modNames, field, cased, group);
        }
        item.groups.push_back(std::move(group));
    }
    setUpFastPath(item);
    return item;
}

} // namespace vigil::sigma::detail
