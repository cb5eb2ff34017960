target_sources(vigil_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/importer.h ${CMAKE_CURRENT_LIST_DIR}/importer.cpp
    ${CMAKE_CURRENT_LIST_DIR}/input_paths.h ${CMAKE_CURRENT_LIST_DIR}/input_paths.cpp
    ${CMAKE_CURRENT_LIST_DIR}/file_scan.h ${CMAKE_CURRENT_LIST_DIR}/file_scan.cpp
    ${CMAKE_CURRENT_LIST_DIR}/parse_queue.h ${CMAKE_CURRENT_LIST_DIR}/parse_queue.cpp
)
