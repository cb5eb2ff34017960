#include "ingest/evtx/binxml_tokens.h"

using namespace Qt::StringLiterals;

namespace vigil::evtx {

NamePool::NamePool()
{
    // Same order as the Known enumeration.
    static const QString kKnown[] = {
        u"Event"_s,   u"System"_s,   u"EventData"_s,     u"UserData"_s,      u"Data"_s,
        u"Name"_s,    u"Binary"_s,   u"RenderingInfo"_s, u"EventID"_s,       u"Version"_s,
        u"Level"_s,   u"Task"_s,     u"Opcode"_s,        u"EventRecordID"_s, u"Computer"_s,
        u"Channel"_s, u"Provider"_s, u"TimeCreated"_s,   u"SystemTime"_s,    u"amp"_s,
        u"lt"_s,      u"gt"_s,       u"quot"_s,          u"apos"_s,
    };
    static_assert(std::size(kKnown) == KnownCount);
    for (const QString& n : kKnown) {
        intern(n);
    }
}

quint32 NamePool::intern(QStringView name)
{
    const QString key = name.toString();
    const auto it = m_ids.constFind(key);
    if (it != m_ids.cend()) {
        return it.value();
    }
    const auto id = quint32(m_names.size());
    m_names.push_back(key);
    m_xmlns.push_back(key == u"xmlns" || key.startsWith(u"xmlns:"));
    m_ids.insert(key, id);
    return id;
}

const QString& NamePool::joined(quint32 element, quint32 attribute)
{
    const quint64 key = (quint64(element) << 32) | attribute;
    auto it = m_joined.find(key);
    if (it == m_joined.end()) {
        it = m_joined.insert(key, m_names[element] + u'_' + m_names[attribute]);
    }
    return it.value();
}

} // namespace vigil::evtx
