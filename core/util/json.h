#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

namespace vigil {

class Fields;
class FieldValue;

/** @brief Where and why JSON text could not be read; offset is a 0-based byte offset. */
struct JsonError {
    qsizetype offset = 0;
    QString message;
};

/**
 * @brief Parses one JSON object from UTF-8 and flattens it into @p out.
 *
 * Nested objects join names with '.', arrays of scalars become list values and arrays that
 * hold objects or arrays are flattened element by element with the index as a name part
 * (`answers.0.rdata`). Integers that fit in 64 bits are kept exactly; larger ones keep their
 * exact text; a number written with a fraction or exponent whose value is integral (1.5e3)
 * becomes an integer. Trailing whitespace is allowed, anything else after the object is an error.
 *
 * Returns false and fills @p error when the text is not one complete JSON object.
 */
bool parseJsonObjectFlat(QByteArrayView utf8, Fields& out, JsonError* error);

/** @brief Appends @p s as a JSON string literal (quoted, escaped, UTF-8). */
void appendJsonString(QByteArray& out, QStringView s);

/** @brief Appends @p v as JSON: null, true/false, exact numbers, strings, arrays. */
void appendJsonValue(QByteArray& out, const FieldValue& v);

/** @brief The fields as one flat JSON object. */
QByteArray fieldsToJson(const Fields& fields);

/** @brief Builds one JSON object member by member, escaping every string. */
class JsonObjectWriter {
public:
    JsonObjectWriter& add(QStringView key, QStringView value);
    JsonObjectWriter& add(QStringView key, const QString& value) { return add(key, QStringView(value)); }
    JsonObjectWriter& add(QStringView key, const char16_t* value) { return add(key, QStringView(value)); }
    JsonObjectWriter& add(QStringView key, qint64 value);
    JsonObjectWriter& add(QStringView key, int value) { return add(key, qint64(value)); }
    JsonObjectWriter& add(QStringView key, bool value);
    /** @brief Adds a string, or null when @p value is a null QString. */
    JsonObjectWriter& addOptional(QStringView key, const QString& value);
    JsonObjectWriter& addNull(QStringView key);
    /** @brief Adds already-encoded JSON (an object or array built elsewhere). */
    JsonObjectWriter& addRaw(QStringView key, const QByteArray& json);
    QByteArray finish() const { return m_out + '}'; }

private:
    void key(QStringView k);
    QByteArray m_out = "{";
};

} // namespace vigil
