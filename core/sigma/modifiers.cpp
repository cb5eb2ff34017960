// Modifier names and the string value pipeline (sigma-semantics.md §3–§4).
#include "sigma/modifiers.h"

#include <yaml-cpp/yaml.h>

#include <QHash>
#include <QRegularExpression>

#include "sigma/match_index.h"
#include "sigma/rule_builder.h"
#include "sigma/sigma_string.h"
#include "sigma/value_matcher.h"

using namespace Qt::StringLiterals;

namespace vigil::sigma::detail {

std::optional<Mod> modFromName(const QString& n)
{
    static const QHash<QString, Mod> kMods = {
        {u"contains"_s, Mod::Contains},
        {u"startswith"_s, Mod::StartsWith},
        {u"endswith"_s, Mod::EndsWith},
        {u"all"_s, Mod::All},
        {u"re"_s, Mod::Re},
        {u"i"_s, Mod::ReI},
        {u"ignorecase"_s, Mod::ReI},
        {u"m"_s, Mod::ReM},
        {u"multiline"_s, Mod::ReM},
        {u"s"_s, Mod::ReS},
        {u"dotall"_s, Mod::ReS},
        {u"cased"_s, Mod::Cased},
        {u"base64"_s, Mod::Base64},
        {u"base64offset"_s, Mod::Base64Offset},
        {u"utf16le"_s, Mod::Utf16Le},
        {u"wide"_s, Mod::Utf16Le},
        {u"utf16be"_s, Mod::Utf16Be},
        {u"utf16"_s, Mod::Utf16},
        {u"windash"_s, Mod::Windash},
        {u"cidr"_s, Mod::Cidr},
        {u"exists"_s, Mod::Exists},
        {u"gt"_s, Mod::Gt},
        {u"gte"_s, Mod::Gte},
        {u"lt"_s, Mod::Lt},
        {u"lte"_s, Mod::Lte},
        {u"neq"_s, Mod::Neq},
        {u"fieldref"_s, Mod::FieldRef},
        {u"expand"_s, Mod::Expand},
        {u"minute"_s, Mod::Time},
        {u"hour"_s, Mod::Time},
        {u"day"_s, Mod::Time},
        {u"week"_s, Mod::Time},
        {u"month"_s, Mod::Time},
        {u"year"_s, Mod::Time},
    };
    const auto it = kMods.constFind(n);
    return it == kMods.cend() ? std::nullopt : std::optional<Mod>(*it);
}

namespace {

bool hasPlaceholder(const QString& text, QString* name)
{
    static const QRegularExpression kPlaceholder(u"(?<!\\\\)%([^%\\s]+)%"_s);
    const auto m = kPlaceholder.match(text);
    if (m.hasMatch() && name) {
        *name = m.captured(1);
    }
    return m.hasMatch();
}

} // namespace

void compileStringValue(const RuleBuilder& b, const YAML::Node& vn, QString text,
                        const std::vector<Mod>& mods, const std::vector<QString>& names,
                        const QString& field, bool cased,
                        std::vector<std::unique_ptr<ValueMatcher>>& group)
{
    static constexpr int kMaxAlternatives = 4096;
    if (std::find(mods.begin(), mods.end(), Mod::Expand) != mods.end()) {
        QString placeholder;
        if (hasPlaceholder(text, &placeholder)) {
            b.fail(vn, u"placeholder %%1% needs a value list; none configured"_s.arg(placeholder),
                   true);
        }
        text.replace(u"\\%"_s, u"%"_s);
    }
    std::vector<SigmaString> values{SigmaString::parse(text)};
    std::vector<QByteArray> bytes;
    bool inBytes = false;
    for (std::size_t i = 0; i < mods.size(); ++i) {
        const Mod m = mods[i];
        if (inBytes && m != Mod::Base64 && m != Mod::Base64Offset) {
            b.fail(vn, u"'%1' must be followed by base64 or base64offset"_s.arg(names[i - 1]));
        }
        switch (m) {
        case Mod::Contains:
        case Mod::StartsWith:
        case Mod::EndsWith:
            for (SigmaString& v : values) {
                v.addStars(m != Mod::StartsWith, m != Mod::EndsWith);
            }
            break;
        case Mod::Windash: {
            std::vector<SigmaString> out;
            for (const SigmaString& v : values) {
                if (!expandWindash(v, out, kMaxAlternatives)) {
                    b.fail(
                        vn,
                        u"windash would create more than %1 alternatives"_s.arg(kMaxAlternatives));
                }
            }
            values = std::move(out);
            if (values.size() > std::size_t(kMaxAlternatives)) {
                b.fail(vn, u"too many alternatives"_s);
            }
            break;
        }
        case Mod::Utf16Le:
        case Mod::Utf16Be:
        case Mod::Utf16:
        case Mod::Base64:
        case Mod::Base64Offset: {
            if (!inBytes) {
                bytes.clear();
                for (const SigmaString& v : values) {
                    if (v.hasWildcards()) {
                        b.fail(vn, u"'%1' cannot encode a value with wildcards"_s.arg(names[i]));
                    }
                    bytes.push_back(m == Mod::Utf16Le       ? encodeUtf16Le(v.chars())
                                        : m == Mod::Utf16Be ? encodeUtf16Be(v.chars())
                                        : m == Mod::Utf16   ? encodeUtf16WithBom(v.chars())
                                                            : v.chars().toUtf8());
                }
                if (m == Mod::Utf16Le || m == Mod::Utf16Be || m == Mod::Utf16) {
                    inBytes = true;
                    break;
                }
            }
            inBytes = false;
            values.clear();
            for (const QByteArray& raw : bytes) {
                if (m == Mod::Base64) {
                    values.push_back(SigmaString::literal(base64Text(raw)));
                } else {
                    for (const QString& alt : base64OffsetAlternatives(raw)) {
                        values.push_back(SigmaString::literal(alt));
                    }
                }
            }
            break;
        }
        default:
            break; // cased / expand: handled outside the pipeline
        }
    }
    if (inBytes) {
        b.fail(vn, u"'%1' must be followed by base64 or base64offset"_s.arg(names.back()));
    }
    const bool keyword = field.isEmpty();
    for (SigmaString& v : values) {
        if (keyword) {
            // Keywords are substring searches (sigma-semantics.md §2).
            v.addStars(true, true);
        }
        auto m = std::make_unique<StringValueMatcher>(StringMatcher(v, cased));
        const StringMatcher::Kind kind = m->matcher().kind();
        if (b.index() && !cased && !m->matcher().literal().isEmpty()
            && (keyword ? kind == StringMatcher::Kind::Contains
                        : kind != StringMatcher::Kind::Glob && kind != StringMatcher::Kind::Any)) {
            const int fieldId = keyword ? b.index()->keywordFieldId() : b.index()->fieldId(field);
            m->setIndexed(fieldId, b.index()->addLiteral(fieldId, m->matcher().literal()), keyword);
        }
        group.push_back(std::move(m));
    }
}

} // namespace vigil::sigma::detail
