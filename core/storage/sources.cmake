target_sources(vigil_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/schema.h ${CMAKE_CURRENT_LIST_DIR}/schema.cpp
    ${CMAKE_CURRENT_LIST_DIR}/store.h ${CMAKE_CURRENT_LIST_DIR}/store.cpp
    ${CMAKE_CURRENT_LIST_DIR}/event_store.h ${CMAKE_CURRENT_LIST_DIR}/event_store.cpp
    ${CMAKE_CURRENT_LIST_DIR}/bulk_checkpoints.h ${CMAKE_CURRENT_LIST_DIR}/bulk_checkpoints.cpp
    ${CMAKE_CURRENT_LIST_DIR}/event_queries.h ${CMAKE_CURRENT_LIST_DIR}/event_queries.cpp
    ${CMAKE_CURRENT_LIST_DIR}/journal.h ${CMAKE_CURRENT_LIST_DIR}/journal.cpp
    ${CMAKE_CURRENT_LIST_DIR}/journal_anchor.h ${CMAKE_CURRENT_LIST_DIR}/journal_anchor.cpp
    ${CMAKE_CURRENT_LIST_DIR}/rule_library.h ${CMAKE_CURRENT_LIST_DIR}/rule_library.cpp
)
