# Investigation and documentation: observables, evidence register, incident reports.
vigil_add_test(tst_observables SOURCES core/tst_observables.cpp core/investigation_fixture.h)
vigil_add_test(tst_evidence SOURCES core/tst_evidence.cpp core/investigation_fixture.h)
vigil_add_test(tst_report SOURCES core/tst_report.cpp core/investigation_fixture.h)
add_dependencies(tst_report vigil-cli)
vigil_add_test(tst_report_pdf SOURCES ui/tst_report_pdf.cpp core/investigation_fixture.h UI)
add_dependencies(tst_report_pdf vigil)
