#include "investigation/observable_text.h"

#include <QHostAddress>

namespace vigil::observable_text {

namespace {

bool isAsciiAlnum(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z');
}

bool isDigit(QChar c)
{
    return c.unicode() >= u'0' && c.unicode() <= u'9';
}

bool isHexDigit(QChar c)
{
    const char16_t u = c.unicode();
    return isDigit(c) || (u >= u'a' && u <= u'f') || (u >= u'A' && u <= u'F');
}

// Reads a strict dotted quad; returns its canonical text (no leading zeros) or empty.
QString parseIpv4(QStringView s)
{
    int parts = 0;
    qsizetype i = 0;
    QString canonical;
    while (i <= s.size()) {
        qsizetype j = i;
        int value = 0;
        while (j < s.size() && isDigit(s[j]) && j - i < 4) {
            value = value * 10 + (s[j].unicode() - u'0');
            ++j;
        }
        if (j == i || j - i > 3 || value > 255) {
            return {};
        }
        canonical += (parts > 0 ? QStringLiteral(".") : QString()) + QString::number(value);
        ++parts;
        if (j == s.size()) {
            break;
        }
        if (s[j] != u'.' || parts == 4) {
            return {};
        }
        i = j + 1;
    }
    return parts == 4 ? canonical : QString();
}

constexpr std::pair<const char16_t*, ObservableType> kHashLabels[] = {
    {u"md5", ObservableType::Md5},       {u"sha1", ObservableType::Sha1},
    {u"sha-1", ObservableType::Sha1},    {u"sha256", ObservableType::Sha256},
    {u"sha-256", ObservableType::Sha256}};

// The label right before a hex run at @p start ("SHA256=", "md5: "), if any.
std::optional<ObservableType> labelBefore(QStringView text, qsizetype start)
{
    qsizetype k = start;
    while (k > 0 && text[k - 1] == u' ') {
        --k;
    }
    if (k == 0 || (text[k - 1] != u'=' && text[k - 1] != u':')) {
        return std::nullopt;
    }
    --k;
    while (k > 0 && text[k - 1] == u' ') {
        --k;
    }
    const QStringView before = text.left(k);
    for (const auto& [label, type] : kHashLabels) {
        const QStringView l(label);
        if (before.endsWith(l, Qt::CaseInsensitive)
            && (before.size() == l.size() || !isAsciiAlnum(before[before.size() - l.size() - 1]))) {
            return type;
        }
    }
    return std::nullopt;
}

bool endsUrl(QChar c)
{
    const char16_t u = c.unicode();
    return c.isSpace() || u < 0x20 || u == u'"' || u == u'\'' || u == u'<' || u == u'>'
        || u == u'`' || u == u'\\' || u == u'^' || u == u'{' || u == u'}' || u == u'|';
}

} // namespace

QString normaliseIp(QStringView text)
{
    QStringView s = text.trimmed();
    if (s.startsWith(u'[') && s.endsWith(u']')) {
        s = s.mid(1, s.size() - 2);
    }
    if (s.isEmpty() || s.size() > 64) {
        return {};
    }
    if (!s.contains(u':')) {
        return parseIpv4(s);
    }
    // A scope id (fe80::1%eth0) may hold any name; the address before it only these.
    const qsizetype percent = s.indexOf(u'%');
    for (QChar c : percent >= 0 ? s.left(percent) : s) {
        if (!isHexDigit(c) && c != u':' && c != u'.') {
            return {};
        }
    }
    QHostAddress address;
    if (s.count(u':') < 2 || !address.setAddress(s.toString())
        || address.protocol() != QAbstractSocket::IPv6Protocol) {
        return {};
    }
    return address.toString().toLower();
}

bool isNoiseIp(const QString& canonical)
{
    const QHostAddress a(canonical);
    return a.isLoopback() || a.isBroadcast() || a == QHostAddress(QHostAddress::AnyIPv4)
        || a == QHostAddress(QHostAddress::AnyIPv6);
}

QString normaliseDomain(QStringView text)
{
    QString d = text.trimmed().toString().toLower();
    if (d.endsWith(u'.')) {
        d.chop(1);
    }
    if (d.size() < 4 || d.size() > 253 || !parseIpv4(d).isEmpty()) {
        return {};
    }
    const QStringList labels = d.split(u'.');
    if (labels.size() < 2) {
        return {};
    }
    for (const QString& label : labels) {
        if (label.isEmpty() || label.size() > 63 || label.startsWith(u'-') || label.endsWith(u'-')) {
            return {};
        }
        for (QChar c : label) {
            if (!isAsciiAlnum(c) && c != u'-' && c != u'_') {
                return {};
            }
        }
    }
    const QString& tld = labels.back();
    bool alpha = tld.size() >= 2;
    for (QChar c : tld) {
        alpha = alpha && c.unicode() >= u'a' && c.unicode() <= u'z';
    }
    return alpha || tld.startsWith(u"xn--") ? d : QString();
}

std::vector<FoundUrl> findUrls(QStringView text)
{
    std::vector<FoundUrl> out;
    qsizetype from = 0;
    while (true) {
        const qsizetype sep = text.indexOf(u"://", from);
        if (sep < 0) {
            break;
        }
        from = sep + 3;
        qsizetype begin = sep;
        while (begin > 0 && isAsciiAlnum(text[begin - 1])) {
            --begin;
        }
        const QString scheme = text.mid(begin, sep - begin).toString().toLower();
        if (scheme != u"http" && scheme != u"https" && scheme != u"ftp") {
            continue;
        }
        qsizetype end = from;
        while (end < text.size() && !endsUrl(text[end])) {
            ++end;
        }
        while (end > from && QStringView(u".,;:!?)]}").contains(text[end - 1])) {
            --end;
        }
        qsizetype authorityEnd = from;
        while (authorityEnd < end && !QStringView(u"/?#").contains(text[authorityEnd])) {
            ++authorityEnd;
        }
        QStringView host = text.mid(from, authorityEnd - from);
        if (const qsizetype at = host.lastIndexOf(u'@'); at >= 0) {
            host = host.mid(at + 1);
        }
        if (host.startsWith(u'[')) {
            const qsizetype close = host.indexOf(u']');
            host = close > 0 ? host.mid(1, close - 1) : QStringView();
        } else if (const qsizetype colon = host.lastIndexOf(u':'); colon >= 0) {
            host = host.left(colon);
        }
        if (host.isEmpty()) {
            continue;
        }
        const QString url = scheme + QStringLiteral("://")
            + text.mid(from, authorityEnd - from).toString().toLower()
            + text.mid(authorityEnd, end - authorityEnd);
        out.push_back({url, host.toString()});
        from = end;
    }
    return out;
}

std::vector<FoundHash> findLabelledHashes(QStringView text)
{
    std::vector<FoundHash> out;
    qsizetype i = 0;
    while (i < text.size()) {
        if (!isHexDigit(text[i]) || (i > 0 && isAsciiAlnum(text[i - 1]))) {
            ++i;
            continue;
        }
        qsizetype j = i;
        while (j < text.size() && isHexDigit(text[j])) {
            ++j;
        }
        const bool bounded = j == text.size() || !isAsciiAlnum(text[j]);
        const auto type = hashTypeForLength(j - i);
        if (bounded && type && labelBefore(text, i) == type) {
            out.push_back({*type, text.mid(i, j - i).toString().toLower()});
        }
        i = j;
    }
    return out;
}

std::vector<QStringView> findIpv4(QStringView text)
{
    std::vector<QStringView> out;
    qsizetype i = 0;
    while (i < text.size()) {
        if (!isDigit(text[i]) || (i > 0 && (isAsciiAlnum(text[i - 1]) || text[i - 1] == u'.'))) {
            ++i;
            continue;
        }
        qsizetype j = i;
        int dots = 0;
        while (j < text.size() && (isDigit(text[j]) || (text[j] == u'.' && j + 1 < text.size()
                                                        && isDigit(text[j + 1]) && dots < 3))) {
            dots += text[j] == u'.' ? 1 : 0;
            ++j;
        }
        const bool continues = j < text.size()
            && (isAsciiAlnum(text[j])
                || (text[j] == u'.' && j + 1 < text.size() && isDigit(text[j + 1])));
        const QStringView candidate = text.mid(i, j - i);
        if (dots == 3 && !continues && !parseIpv4(candidate).isEmpty()) {
            out.push_back(candidate);
        }
        // Skip the rest of a longer dotted number (1.2.3.4.5) as a whole.
        while (j < text.size() && (isDigit(text[j]) || text[j] == u'.')) {
            ++j;
        }
        i = j;
    }
    return out;
}

bool isHex(QStringView text)
{
    if (text.isEmpty()) {
        return false;
    }
    for (QChar c : text) {
        if (!isHexDigit(c)) {
            return false;
        }
    }
    return true;
}

std::optional<ObservableType> hashTypeForLength(qsizetype length)
{
    switch (length) {
    case 32:
        return ObservableType::Md5;
    case 40:
        return ObservableType::Sha1;
    case 64:
        return ObservableType::Sha256;
    default:
        return std::nullopt;
    }
}

bool isHashField(QStringView lowerName)
{
    if (lowerName.contains(u"imphash")) {
        return false;
    }
    return lowerName.contains(u"hash") || lowerName.contains(u"md5") || lowerName.contains(u"sha1")
        || lowerName.contains(u"sha256") || lowerName.contains(u"sha-");
}

bool isWindowsPath(QStringView text)
{
    const bool drive = text.size() >= 4 && text[0].isLetter() && text[0].unicode() < 0x80
        && text[1] == u':' && text[2] == u'\\' && text[3] != u'\\';
    const bool unc = text.size() >= 4 && text[0] == u'\\' && text[1] == u'\\'
        && (isAsciiAlnum(text[2]) || text[2] == u'?');
    return (drive || unc) && !text.contains(u'"') && !text.contains(u'\n');
}

bool containsToken(QStringView haystack, QStringView needle)
{
    if (needle.isEmpty()) {
        return false;
    }
    qsizetype from = 0;
    while (true) {
        const qsizetype at = haystack.indexOf(needle, from, Qt::CaseInsensitive);
        if (at < 0) {
            return false;
        }
        const qsizetype end = at + needle.size();
        const bool startOk = at == 0
            || !(isAsciiAlnum(haystack[at - 1]) || haystack[at - 1] == u'.'
                 || haystack[at - 1] == u'-' || haystack[at - 1] == u'_');
        const bool endOk = end == haystack.size()
            || !(isAsciiAlnum(haystack[end]) || haystack[end] == u'-' || haystack[end] == u'_'
                 || (haystack[end] == u'.' && end + 1 < haystack.size()
                     && isAsciiAlnum(haystack[end + 1])));
        if (startOk && endOk) {
            return true;
        }
        from = at + 1;
    }
}

} // namespace vigil::observable_text
