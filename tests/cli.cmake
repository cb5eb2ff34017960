vigil_add_test(tst_cli SOURCES core/tst_cli.cpp)
add_dependencies(tst_cli vigil-cli)
