vigil_add_test(tst_incidents SOURCES core/tst_incidents.cpp)
vigil_add_test(tst_metrics SOURCES core/tst_metrics.cpp)
vigil_add_test(tst_priority SOURCES core/tst_priority.cpp)
vigil_add_test(tst_detection SOURCES core/tst_detection.cpp)
