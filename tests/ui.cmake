vigil_add_test(tst_ui_workflow SOURCES ui/tst_ui_workflow.cpp UI)
vigil_add_test(tst_ui_models SOURCES ui/tst_ui_models.cpp UI)
vigil_add_test(tst_ui_demo SOURCES ui/tst_ui_demo.cpp UI)
vigil_add_test(tst_ui_real_log SOURCES ui/tst_ui_real_log.cpp UI)
