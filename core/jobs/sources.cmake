target_sources(vigil_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/jobs.h ${CMAKE_CURRENT_LIST_DIR}/jobs.cpp
)
