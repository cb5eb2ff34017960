# Demo data: the deterministic event generator and the starter Sigma rules it is shown with.
target_sources(vigil_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/demo_generator.h ${CMAKE_CURRENT_LIST_DIR}/demo_generator.cpp
    ${CMAKE_CURRENT_LIST_DIR}/demo_log.h ${CMAKE_CURRENT_LIST_DIR}/demo_log.cpp
    ${CMAKE_CURRENT_LIST_DIR}/demo_parts.h ${CMAKE_CURRENT_LIST_DIR}/demo_parts.cpp
    ${CMAKE_CURRENT_LIST_DIR}/demo_random.h ${CMAKE_CURRENT_LIST_DIR}/demo_random.cpp
    ${CMAKE_CURRENT_LIST_DIR}/demo_world.h ${CMAKE_CURRENT_LIST_DIR}/demo_world.cpp
    ${CMAKE_CURRENT_LIST_DIR}/demo_inventory.h ${CMAKE_CURRENT_LIST_DIR}/demo_inventory.cpp
    ${CMAKE_CURRENT_LIST_DIR}/windows_events.h ${CMAKE_CURRENT_LIST_DIR}/windows_events.cpp
    ${CMAKE_CURRENT_LIST_DIR}/workstation_noise.cpp
    ${CMAKE_CURRENT_LIST_DIR}/server_noise.cpp
    ${CMAKE_CURRENT_LIST_DIR}/linux_noise.cpp
    ${CMAKE_CURRENT_LIST_DIR}/windows_story.cpp
    ${CMAKE_CURRENT_LIST_DIR}/linux_story.cpp
)

# The starter rules, read by the application from :/rules/*.yml.
qt_add_resources(vigil_core "starter_rules"
    PREFIX "/rules"
    BASE ${PROJECT_SOURCE_DIR}/resources/rules
    FILES
        ${PROJECT_SOURCE_DIR}/resources/rules/win_office_app_spawns_shell.yml
        ${PROJECT_SOURCE_DIR}/resources/rules/win_powershell_encoded_command.yml
        ${PROJECT_SOURCE_DIR}/resources/rules/win_certutil_download.yml
        ${PROJECT_SOURCE_DIR}/resources/rules/win_domain_admin_discovery.yml
        ${PROJECT_SOURCE_DIR}/resources/rules/win_schtasks_create_user_writable_path.yml
        ${PROJECT_SOURCE_DIR}/resources/rules/win_uac_bypass_shell_open_handler.yml
        ${PROJECT_SOURCE_DIR}/resources/rules/win_lsass_process_access.yml
        ${PROJECT_SOURCE_DIR}/resources/rules/win_lsass_memory_dump_tools.yml
        ${PROJECT_SOURCE_DIR}/resources/rules/win_local_admins_member_added.yml
        ${PROJECT_SOURCE_DIR}/resources/rules/win_service_install_remote_exec.yml
        ${PROJECT_SOURCE_DIR}/resources/rules/win_security_log_cleared.yml
        ${PROJECT_SOURCE_DIR}/resources/rules/lnx_sshd_auth_failures.yml
        ${PROJECT_SOURCE_DIR}/resources/rules/lnx_sshd_accepted_from_external.yml
        ${PROJECT_SOURCE_DIR}/resources/rules/lnx_sudo_root_shell.yml
        ${PROJECT_SOURCE_DIR}/resources/rules/lnx_cron_download_piped_to_shell.yml
        ${PROJECT_SOURCE_DIR}/resources/rules/lnx_firewall_blocked_c2_port.yml
)
