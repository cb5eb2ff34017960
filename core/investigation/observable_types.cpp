#include "investigation/observable_types.h"

namespace vigil {

namespace {

struct TypeName {
    ObservableType type;
    const char16_t* code;
    const char16_t* display;
};

constexpr TypeName kTypes[] = {
    {ObservableType::Ip, u"ip", u"IP address"},
    {ObservableType::Domain, u"domain", u"Domain"},
    {ObservableType::Url, u"url", u"URL"},
    {ObservableType::Md5, u"md5", u"MD5"},
    {ObservableType::Sha1, u"sha1", u"SHA-1"},
    {ObservableType::Sha256, u"sha256", u"SHA-256"},
    {ObservableType::User, u"user", u"User"},
    {ObservableType::Host, u"host", u"Host"},
    {ObservableType::FilePath, u"file_path", u"File path"},
};

constexpr const char16_t* kTlpCodes[] = {u"CLEAR", u"GREEN", u"AMBER", u"AMBER+STRICT", u"RED"};
constexpr const char16_t* kPapCodes[] = {u"CLEAR", u"GREEN", u"AMBER", u"RED"};

QStringView withoutPrefix(QStringView code, QStringView prefix)
{
    code = code.trimmed();
    if (code.startsWith(prefix, Qt::CaseInsensitive)) {
        code = code.mid(prefix.size()).trimmed();
    }
    return code;
}

} // namespace

QString codeOf(ObservableType type)
{
    for (const TypeName& t : kTypes) {
        if (t.type == type) {
            return QString::fromUtf16(t.code);
        }
    }
    return {};
}

std::optional<ObservableType> observableTypeFromCode(QStringView code)
{
    for (const TypeName& t : kTypes) {
        if (code == QStringView(t.code)) {
            return t.type;
        }
    }
    return std::nullopt;
}

QString displayName(ObservableType type)
{
    for (const TypeName& t : kTypes) {
        if (t.type == type) {
            return QString::fromUtf16(t.display);
        }
    }
    return {};
}

std::vector<ObservableType> allObservableTypes()
{
    std::vector<ObservableType> out;
    for (const TypeName& t : kTypes) {
        out.push_back(t.type);
    }
    return out;
}

QString codeOf(Tlp tlp)
{
    return QString::fromUtf16(kTlpCodes[int(tlp)]);
}

QString labelOf(Tlp tlp)
{
    return QStringLiteral("TLP:") + codeOf(tlp);
}

std::optional<Tlp> tlpFromCode(QStringView code)
{
    const QStringView c = withoutPrefix(code, u"TLP:");
    if (c.compare(u"WHITE", Qt::CaseInsensitive) == 0) {
        return Tlp::Clear;
    }
    for (int i = 0; i < int(std::size(kTlpCodes)); ++i) {
        if (c.compare(QStringView(kTlpCodes[i]), Qt::CaseInsensitive) == 0) {
            return Tlp(i);
        }
    }
    return std::nullopt;
}

std::vector<Tlp> allTlps()
{
    return {Tlp::Clear, Tlp::Green, Tlp::Amber, Tlp::AmberStrict, Tlp::Red};
}

QString codeOf(Pap pap)
{
    return QString::fromUtf16(kPapCodes[int(pap)]);
}

QString labelOf(Pap pap)
{
    return QStringLiteral("PAP:") + codeOf(pap);
}

std::optional<Pap> papFromCode(QStringView code)
{
    const QStringView c = withoutPrefix(code, u"PAP:");
    if (c.compare(u"WHITE", Qt::CaseInsensitive) == 0) {
        return Pap::Clear;
    }
    for (int i = 0; i < int(std::size(kPapCodes)); ++i) {
        if (c.compare(QStringView(kPapCodes[i]), Qt::CaseInsensitive) == 0) {
            return Pap(i);
        }
    }
    return std::nullopt;
}

std::vector<Pap> allPaps()
{
    return {Pap::Clear, Pap::Green, Pap::Amber, Pap::Red};
}

} // namespace vigil
