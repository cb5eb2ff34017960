# Response (core/response): playbooks and the tasks they add to incidents.
target_sources(vigil_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/playbook.h ${CMAKE_CURRENT_LIST_DIR}/playbook.cpp
    ${CMAKE_CURRENT_LIST_DIR}/playbook_library.h ${CMAKE_CURRENT_LIST_DIR}/playbook_library.cpp
    ${CMAKE_CURRENT_LIST_DIR}/task.h ${CMAKE_CURRENT_LIST_DIR}/task.cpp
    ${CMAKE_CURRENT_LIST_DIR}/task_service.h ${CMAKE_CURRENT_LIST_DIR}/task_service.cpp
    ${CMAKE_CURRENT_LIST_DIR}/incident_playbooks.cpp
)

# The shipped playbooks, read at run time from :/playbooks/*.yml.
qt_add_resources(vigil_core "playbooks"
    PREFIX "/playbooks"
    BASE ${PROJECT_SOURCE_DIR}/resources/playbooks
    FILES
        ${PROJECT_SOURCE_DIR}/resources/playbooks/malware.yml
        ${PROJECT_SOURCE_DIR}/resources/playbooks/unauthorised_access.yml
        ${PROJECT_SOURCE_DIR}/resources/playbooks/brute_force.yml
        ${PROJECT_SOURCE_DIR}/resources/playbooks/data_exfiltration.yml
        ${PROJECT_SOURCE_DIR}/resources/playbooks/phishing.yml
        ${PROJECT_SOURCE_DIR}/resources/playbooks/web_attack.yml
)
