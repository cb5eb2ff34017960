# Log formats beyond syslog/JSON/text (issue 3): CEF, LEEF, CSV, W3C, Zeek, Suricata, web logs,
# firewalls, Snare, and the normalised common fields.
target_sources(vigil_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/format_util.h ${CMAKE_CURRENT_LIST_DIR}/format_util.cpp
    ${CMAKE_CURRENT_LIST_DIR}/format_time.h ${CMAKE_CURRENT_LIST_DIR}/format_time.cpp
    ${CMAKE_CURRENT_LIST_DIR}/format_registry.h ${CMAKE_CURRENT_LIST_DIR}/format_registry.cpp
    ${CMAKE_CURRENT_LIST_DIR}/cef.h ${CMAKE_CURRENT_LIST_DIR}/cef.cpp
    ${CMAKE_CURRENT_LIST_DIR}/leef.h ${CMAKE_CURRENT_LIST_DIR}/leef.cpp
    ${CMAKE_CURRENT_LIST_DIR}/netfilter.h ${CMAKE_CURRENT_LIST_DIR}/netfilter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/snare.h ${CMAKE_CURRENT_LIST_DIR}/snare.cpp
    ${CMAKE_CURRENT_LIST_DIR}/auth_extract.h ${CMAKE_CURRENT_LIST_DIR}/auth_extract.cpp
    ${CMAKE_CURRENT_LIST_DIR}/windows_common.h ${CMAKE_CURRENT_LIST_DIR}/windows_common.cpp
    ${CMAKE_CURRENT_LIST_DIR}/json_common.h ${CMAKE_CURRENT_LIST_DIR}/json_common.cpp
    ${CMAKE_CURRENT_LIST_DIR}/syslog_payload.h ${CMAKE_CURRENT_LIST_DIR}/syslog_payload.cpp
    ${CMAKE_CURRENT_LIST_DIR}/zeek_tsv_parser.h ${CMAKE_CURRENT_LIST_DIR}/zeek_tsv_parser.cpp
    ${CMAKE_CURRENT_LIST_DIR}/csv_parser.h ${CMAKE_CURRENT_LIST_DIR}/csv_parser.cpp
    ${CMAKE_CURRENT_LIST_DIR}/w3c_parser.h ${CMAKE_CURRENT_LIST_DIR}/w3c_parser.cpp
    ${CMAKE_CURRENT_LIST_DIR}/web_log_parsers.h ${CMAKE_CURRENT_LIST_DIR}/web_log_parsers.cpp
    ${CMAKE_CURRENT_LIST_DIR}/fast_log_parser.h ${CMAKE_CURRENT_LIST_DIR}/fast_log_parser.cpp
)
