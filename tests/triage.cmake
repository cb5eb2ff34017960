vigil_add_test(tst_incidents SOURCES core/tst_incidents.cpp)
