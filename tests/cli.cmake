vigil_add_test(tst_cli SOURCES core/tst_cli.cpp)
add_dependencies(tst_cli vigil-cli)
vigil_add_test(tst_cli_detection SOURCES core/tst_cli_detection.cpp)
add_dependencies(tst_cli_detection vigil-cli)
