#pragma once

#include <optional>
#include <vector>

#include <QString>
#include <QStringView>

namespace vigil {

/** @brief What an observable is: the kinds an analyst pivots on (iem-vocabulary.md §6). */
enum class ObservableType : quint8 {
    Ip,
    Domain,
    Url,
    Md5,
    Sha1,
    Sha256,
    User,
    Host,
    FilePath,
};

/** @brief TLP 2.0 (FIRST): who may receive the information. */
enum class Tlp : quint8 { Clear, Green, Amber, AmberStrict, Red };

/** @brief PAP: which actions the information allows. */
enum class Pap : quint8 { Clear, Green, Amber, Red };

/** @brief Markings given to new observables and evidence until an analyst sets others. */
inline constexpr Tlp kDefaultTlp = Tlp::Amber;
inline constexpr Pap kDefaultPap = Pap::Amber;

/** @brief Stored code: "ip", "domain", "url", "md5", "sha1", "sha256", "user", "host", "file_path". */
QString codeOf(ObservableType type);
std::optional<ObservableType> observableTypeFromCode(QStringView code);
/** @brief English display name ("IP address", "SHA-256"); UI code wraps these in tr(). */
QString displayName(ObservableType type);
std::vector<ObservableType> allObservableTypes();

/** @brief Stored code: "CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED". */
QString codeOf(Tlp tlp);
/** @brief "TLP:AMBER+STRICT". */
QString labelOf(Tlp tlp);
/**
 * @brief Reads a TLP code with or without the "TLP:" prefix, any case; TLP 1.0 "WHITE" is read
 * as CLEAR.
 */
std::optional<Tlp> tlpFromCode(QStringView code);
std::vector<Tlp> allTlps();

/** @brief Stored code: "CLEAR", "GREEN", "AMBER", "RED". */
QString codeOf(Pap pap);
/** @brief "PAP:GREEN". */
QString labelOf(Pap pap);
/** @brief Reads a PAP code with or without the "PAP:" prefix, any case; "WHITE" is CLEAR. */
std::optional<Pap> papFromCode(QStringView code);
std::vector<Pap> allPaps();

} // namespace vigil
