# Log parsers and the record reader (walking skeleton). The importer is added by the lead.
target_sources(vigil_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/parser.h ${CMAKE_CURRENT_LIST_DIR}/parser.cpp
    ${CMAKE_CURRENT_LIST_DIR}/time_scan.h ${CMAKE_CURRENT_LIST_DIR}/time_scan.cpp
    ${CMAKE_CURRENT_LIST_DIR}/syslog_parser.h ${CMAKE_CURRENT_LIST_DIR}/syslog_parser.cpp
    ${CMAKE_CURRENT_LIST_DIR}/syslog_sd.h ${CMAKE_CURRENT_LIST_DIR}/syslog_sd.cpp
    ${CMAKE_CURRENT_LIST_DIR}/json_lines_parser.h ${CMAKE_CURRENT_LIST_DIR}/json_lines_parser.cpp
    ${CMAKE_CURRENT_LIST_DIR}/text_parser.h ${CMAKE_CURRENT_LIST_DIR}/text_parser.cpp
    ${CMAKE_CURRENT_LIST_DIR}/record_reader.h ${CMAKE_CURRENT_LIST_DIR}/record_reader.cpp
    ${CMAKE_CURRENT_LIST_DIR}/summary.h ${CMAKE_CURRENT_LIST_DIR}/summary.cpp
    ${CMAKE_CURRENT_LIST_DIR}/file_preview.h ${CMAKE_CURRENT_LIST_DIR}/file_preview.cpp
)
