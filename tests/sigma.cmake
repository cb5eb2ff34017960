# Sigma engine tests (core/sigma).
vigil_add_test(tst_sigma_values SOURCES core/tst_sigma_values.cpp)
vigil_add_test(tst_sigma_conditions SOURCES core/tst_sigma_conditions.cpp)
vigil_add_test(tst_sigma_loader SOURCES core/tst_sigma_loader.cpp)
vigil_add_test(tst_sigma_conformance SOURCES core/tst_sigma_conformance.cpp)
vigil_add_test(tst_sigma_correlation SOURCES core/tst_sigma_correlation.cpp)
vigil_add_test(tst_sigma_correlation_load SOURCES core/tst_sigma_correlation_load.cpp)
vigil_add_test(tst_sigma_correlation_e2e SOURCES core/tst_sigma_correlation_e2e.cpp)
add_dependencies(tst_sigma_correlation_e2e vigil-cli)
