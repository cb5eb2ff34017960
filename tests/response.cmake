# Response: playbooks and the tasks they add to incidents.
vigil_add_test(tst_playbooks SOURCES core/tst_playbooks.cpp)
vigil_add_test(tst_tasks SOURCES core/tst_tasks.cpp)
vigil_add_test(tst_cli_tasks SOURCES core/tst_cli_tasks.cpp)
add_dependencies(tst_cli_tasks vigil-cli)
vigil_add_test(tst_ui_tasks SOURCES ui/tst_ui_tasks.cpp UI)
