target_sources(vigil_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/incident_report.h ${CMAKE_CURRENT_LIST_DIR}/incident_report.cpp
    ${CMAKE_CURRENT_LIST_DIR}/report_text.h ${CMAKE_CURRENT_LIST_DIR}/report_text.cpp
    ${CMAKE_CURRENT_LIST_DIR}/report_blocks.h ${CMAKE_CURRENT_LIST_DIR}/report_sections.cpp
    ${CMAKE_CURRENT_LIST_DIR}/report_markdown.cpp
    ${CMAKE_CURRENT_LIST_DIR}/report_html.cpp
    ${CMAKE_CURRENT_LIST_DIR}/report_tasks.cpp
)
