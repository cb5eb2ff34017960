vigil_add_test(tst_demo SOURCES core/tst_demo.cpp)
vigil_add_test(tst_demo_rules SOURCES core/tst_demo_rules.cpp)
