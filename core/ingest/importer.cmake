target_sources(vigil_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/importer.h ${CMAKE_CURRENT_LIST_DIR}/importer.cpp
    ${CMAKE_CURRENT_LIST_DIR}/input_paths.h ${CMAKE_CURRENT_LIST_DIR}/input_paths.cpp
    ${CMAKE_CURRENT_LIST_DIR}/file_scan.h ${CMAKE_CURRENT_LIST_DIR}/file_scan.cpp
    ${CMAKE_CURRENT_LIST_DIR}/parse_queue.h ${CMAKE_CURRENT_LIST_DIR}/parse_queue.cpp
)
# SHA-256 of imported files (duplicate check): OpenSSL's is several times faster than Qt's.
find_package(OpenSSL REQUIRED COMPONENTS Crypto)
target_link_libraries(vigil_core PRIVATE OpenSSL::Crypto)
