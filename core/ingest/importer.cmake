target_sources(vigil_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/importer.h ${CMAKE_CURRENT_LIST_DIR}/importer.cpp
)
