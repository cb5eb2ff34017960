target_sources(vigil_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/observable_types.h ${CMAKE_CURRENT_LIST_DIR}/observable_types.cpp
    ${CMAKE_CURRENT_LIST_DIR}/observable_text.h ${CMAKE_CURRENT_LIST_DIR}/observable_text.cpp
    ${CMAKE_CURRENT_LIST_DIR}/observable_extractor.h ${CMAKE_CURRENT_LIST_DIR}/observable_extractor.cpp
    ${CMAKE_CURRENT_LIST_DIR}/observables.h ${CMAKE_CURRENT_LIST_DIR}/observables.cpp
    ${CMAKE_CURRENT_LIST_DIR}/observable_pivot.cpp
    ${CMAKE_CURRENT_LIST_DIR}/evidence.h ${CMAKE_CURRENT_LIST_DIR}/evidence.cpp
    ${CMAKE_CURRENT_LIST_DIR}/evidence_verify.cpp
)
target_sources(vigil_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/case_timeline.h ${CMAKE_CURRENT_LIST_DIR}/case_timeline.cpp
)
