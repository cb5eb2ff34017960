target_sources(vigil_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/incident_status.h ${CMAKE_CURRENT_LIST_DIR}/incident_status.cpp
    ${CMAKE_CURRENT_LIST_DIR}/incident_service.h ${CMAKE_CURRENT_LIST_DIR}/incident_service.cpp
    ${CMAKE_CURRENT_LIST_DIR}/incident_queries.h ${CMAKE_CURRENT_LIST_DIR}/incident_queries.cpp
)
target_sources(vigil_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/rule_catalog.h ${CMAKE_CURRENT_LIST_DIR}/rule_catalog.cpp
    ${CMAKE_CURRENT_LIST_DIR}/store_hunt.h ${CMAKE_CURRENT_LIST_DIR}/store_hunt.cpp
)
target_sources(vigil_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/metrics.h ${CMAKE_CURRENT_LIST_DIR}/metrics.cpp
)
target_sources(vigil_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/rule_outline.h ${CMAKE_CURRENT_LIST_DIR}/rule_outline.cpp
)
target_sources(vigil_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/priority.h ${CMAKE_CURRENT_LIST_DIR}/priority.cpp
    ${CMAKE_CURRENT_LIST_DIR}/asset_inventory.h ${CMAKE_CURRENT_LIST_DIR}/asset_inventory.cpp
    ${CMAKE_CURRENT_LIST_DIR}/incident_priority.h ${CMAKE_CURRENT_LIST_DIR}/incident_priority.cpp
)
target_sources(vigil_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/incident_service_queue.cpp
    ${CMAKE_CURRENT_LIST_DIR}/queue_filter.h ${CMAKE_CURRENT_LIST_DIR}/queue_filter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/bulk_triage.h ${CMAKE_CURRENT_LIST_DIR}/bulk_triage.cpp
)
target_sources(vigil_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/alert_status.h ${CMAKE_CURRENT_LIST_DIR}/alert_status.cpp
    ${CMAKE_CURRENT_LIST_DIR}/alert_subject.h ${CMAKE_CURRENT_LIST_DIR}/alert_subject.cpp
    ${CMAKE_CURRENT_LIST_DIR}/grouping.h ${CMAKE_CURRENT_LIST_DIR}/grouping.cpp
    ${CMAKE_CURRENT_LIST_DIR}/incident_grouper.h ${CMAKE_CURRENT_LIST_DIR}/incident_grouper.cpp
    ${CMAKE_CURRENT_LIST_DIR}/suppression.h ${CMAKE_CURRENT_LIST_DIR}/suppression.cpp
)
target_sources(vigil_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/alert_service.h ${CMAKE_CURRENT_LIST_DIR}/alert_service.cpp
    ${CMAKE_CURRENT_LIST_DIR}/incident_merge.h ${CMAKE_CURRENT_LIST_DIR}/incident_merge.cpp
)
