# Sigma detection engine (core/sigma): rule loading, compilation and matching.
target_sources(vigil_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/rule.h ${CMAKE_CURRENT_LIST_DIR}/rule.cpp
    ${CMAKE_CURRENT_LIST_DIR}/rule_set.h ${CMAKE_CURRENT_LIST_DIR}/rule_set.cpp
    ${CMAKE_CURRENT_LIST_DIR}/rule_builder.h ${CMAKE_CURRENT_LIST_DIR}/rule_builder.cpp
    ${CMAKE_CURRENT_LIST_DIR}/item_builder.cpp
    ${CMAKE_CURRENT_LIST_DIR}/modifiers.h ${CMAKE_CURRENT_LIST_DIR}/modifiers.cpp
    ${CMAKE_CURRENT_LIST_DIR}/condition_parser.h ${CMAKE_CURRENT_LIST_DIR}/condition_parser.cpp
    ${CMAKE_CURRENT_LIST_DIR}/detection.h ${CMAKE_CURRENT_LIST_DIR}/detection.cpp
    ${CMAKE_CURRENT_LIST_DIR}/value_matcher.h ${CMAKE_CURRENT_LIST_DIR}/value_matcher.cpp
    ${CMAKE_CURRENT_LIST_DIR}/match_context.h ${CMAKE_CURRENT_LIST_DIR}/match_context.cpp
    ${CMAKE_CURRENT_LIST_DIR}/match_index.h ${CMAKE_CURRENT_LIST_DIR}/match_index.cpp
    ${CMAKE_CURRENT_LIST_DIR}/rule_index.h ${CMAKE_CURRENT_LIST_DIR}/rule_index.cpp
    ${CMAKE_CURRENT_LIST_DIR}/string_matcher.h ${CMAKE_CURRENT_LIST_DIR}/string_matcher.cpp
    ${CMAKE_CURRENT_LIST_DIR}/sigma_string.h ${CMAKE_CURRENT_LIST_DIR}/sigma_string.cpp
    ${CMAKE_CURRENT_LIST_DIR}/regex_matcher.h ${CMAKE_CURRENT_LIST_DIR}/regex_matcher.cpp
    ${CMAKE_CURRENT_LIST_DIR}/log_source_map.h ${CMAKE_CURRENT_LIST_DIR}/log_source_map.cpp
    ${CMAKE_CURRENT_LIST_DIR}/correlation_rule.h ${CMAKE_CURRENT_LIST_DIR}/correlation_rule.cpp
    ${CMAKE_CURRENT_LIST_DIR}/correlation_builder.h
    ${CMAKE_CURRENT_LIST_DIR}/correlation_builder.cpp
    ${CMAKE_CURRENT_LIST_DIR}/correlation_links.h ${CMAKE_CURRENT_LIST_DIR}/correlation_links.cpp
    ${CMAKE_CURRENT_LIST_DIR}/correlation_state.h ${CMAKE_CURRENT_LIST_DIR}/correlation_state.cpp
    ${CMAKE_CURRENT_LIST_DIR}/correlation_engine.h ${CMAKE_CURRENT_LIST_DIR}/correlation_engine.cpp
    ${CMAKE_CURRENT_LIST_DIR}/file_hunt.h ${CMAKE_CURRENT_LIST_DIR}/file_hunt.cpp
)

qt_add_resources(vigil_core "sigma_maps"
    PREFIX "/sigma"
    BASE ${PROJECT_SOURCE_DIR}/resources/sigma
    FILES ${PROJECT_SOURCE_DIR}/resources/sigma/logsources.yml
)
