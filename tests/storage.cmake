vigil_add_test(tst_store SOURCES core/tst_store.cpp)
