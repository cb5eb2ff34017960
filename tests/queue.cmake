# Queue experience: keyboard triage, filters and saved views, bulk actions, the incident timeline.
vigil_add_test(tst_queue SOURCES core/tst_queue.cpp core/investigation_fixture.h)
vigil_add_test(tst_ui_keyboard SOURCES ui/tst_ui_keyboard.cpp UI)
vigil_add_test(tst_cli_queue SOURCES core/tst_cli_queue.cpp)
add_dependencies(tst_cli_queue vigil-cli)
