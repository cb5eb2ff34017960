#include "util/text.h"

namespace vigil {

QString fill(QStringView pattern, std::initializer_list<QString> args)
{
    QString out;
    out.reserve(pattern.size() + 32);
    const QString* values = args.begin();
    const qsizetype count = qsizetype(args.size());
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern[i];
        if (c == u'%' && i + 1 < pattern.size()) {
            const int n = pattern[i + 1].digitValue();
            if (n >= 1 && n <= count) {
                out += values[n - 1];
                ++i;
                continue;
            }
        }
        out += c;
    }
    return out;
}

bool isBidiControl(char16_t c)
{
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x061C;
}

QString escapeControls(QStringView text, bool keepLineBreaks)
{
    QString out;
    out.reserve(text.size());
    for (const QChar qc : text) {
        const char16_t c = qc.unicode();
        const bool control = c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0);
        if (keepLineBreaks && (c == u'\n' || c == u'\t')) {
            out += qc;
        } else if (control) {
            out += QStringLiteral("\\x%1").arg(int(c), 2, 16, QLatin1Char('0'));
        } else if (isBidiControl(c)) {
            out += QStringLiteral("\\u{%1}").arg(int(c), 4, 16, QLatin1Char('0'));
        } else {
            out += qc;
        }
    }
    return out;
}

} // namespace vigil
